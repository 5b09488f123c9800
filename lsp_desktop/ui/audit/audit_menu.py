"""View ▸ Audit log… and History… for a record (the tabs own their History… buttons)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

from lsp_desktop.ui.common.history_button import HistoryRecord

IN_FRONT = object()   # show_history's default: the record selected on the tab in front

if TYPE_CHECKING:     # imported when first shown: off the start-up path
    from lsp_desktop.ui.audit.audit_dialogs import AuditLogDialog, HistoryDialog


class AuditMenu(QObject):
    """View ▸ Audit log… and History…. Handed the audit service and `in_front()`, the
    record selected on the tab in front; the tabs' `history_requested(record)` signals
    are wired to `show_history` by the window."""

    def __init__(self, view_menu: QMenu, audit_service, in_front: Callable[[], HistoryRecord],
                 parent: QWidget):
        super().__init__(parent)
        self._audit, self._in_front, self._parent = audit_service, in_front, parent
        self.audit_log_dialog: AuditLogDialog | None = None
        self.history_dialog: HistoryDialog | None = None
        self.audit_log_action = view_menu.addAction("&Audit log…", self.show_audit_log)
        self.audit_log_action.setShortcut(QKeySequence("Ctrl+Shift+L"))
        self.history_action = view_menu.addAction("&History of the selected record…",
                                                  lambda: self.show_history())
        self.history_action.setShortcut(QKeySequence("Ctrl+Shift+H"))

    def show_audit_log(self) -> AuditLogDialog:
        from lsp_desktop.ui.audit.audit_dialogs import AuditLogDialog

        self.audit_log_dialog = AuditLogDialog(self._audit, self._parent)
        self.audit_log_dialog.show()
        return self.audit_log_dialog

    def show_history(self, record: HistoryRecord | object = IN_FRONT) -> HistoryDialog | None:
        """The History panel of `record`: (audit record type, id, title); by default the
        record selected on the tab in front."""
        from lsp_desktop.ui import prompts
        from lsp_desktop.ui.audit.audit_dialogs import HistoryDialog

        if record is IN_FRONT:
            record = self._in_front()
        if record is None:
            prompts.info(self._parent, "History",
                         "Select one record to see its history: a member, an action, a "
                         "strategy's section or target, an accreditation round or one of its "
                         "criteria.")
            return None
        kind, record_id, title = record
        self.history_dialog = HistoryDialog(title, self._audit.history(kind, record_id),
                                            self._parent)
        self.history_dialog.show()
        return self.history_dialog
