"""View ▸ Audit log… and History… for the selected record (buttons on the tabs and pages)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QBoxLayout, QMenu, QPushButton

if TYPE_CHECKING:     # imported when first shown: off the start-up path
    from lsp_desktop.ui.audit.audit_dialogs import AuditLogDialog, HistoryDialog


def _layout_holding(layout, widget):
    """The box layout (at any depth) that holds `widget`."""
    if layout is None:
        return None
    if isinstance(layout, QBoxLayout) and layout.indexOf(widget) >= 0:
        return layout
    for i in range(layout.count()):
        found = _layout_holding(layout.itemAt(i).layout(), widget)
        if found is not None:
            return found
    return None


def _add_history_button(beside, enabled_when, signals, text: str = "Histor&y…"
                        ) -> QPushButton:
    """A History… button placed just before `beside`, enabled while `enabled_when()`
    (checked again whenever one of `signals` fires)."""
    button = QPushButton(text)
    button.setToolTip("Who changed the selected record, when, and from what to what")
    box = _layout_holding(beside.parentWidget().layout(), beside)
    box.insertWidget(box.indexOf(beside), button)
    update = lambda *_a: button.setEnabled(enabled_when())   # noqa: E731
    for signal in signals:
        signal.connect(update)
    update()
    return button


def _table_signals(table) -> tuple:
    return table.selectionModel().selectionChanged, table.model().modelReset


class AuditMenu(QObject):
    """View ▸ Audit log… and History…, and the History… buttons: on the tabs built so
    far, and on each of the others when it is built. `window` is the MainWindow: its
    tabs say what is selected; nothing is set on it."""

    def __init__(self, view_menu: QMenu, window):
        super().__init__(window)
        self._window = window
        self.audit_log_dialog: AuditLogDialog | None = None
        self.history_dialog: HistoryDialog | None = None
        self.audit_log_action = view_menu.addAction("&Audit log…", self.show_audit_log)
        self.audit_log_action.setShortcut(QKeySequence("Ctrl+Shift+L"))
        self.history_action = view_menu.addAction("&History of the selected record…",
                                                  lambda: self.show_history())
        self.history_action.setShortcut(QKeySequence("Ctrl+Shift+H"))
        self.add_history_buttons("members_tab", window.members_tab)
        for name in ("strategies_tab", "actions_tab", "accreditation_tab"):
            if (built := window.tabs.page_if_built(name)) is not None:
                self.add_history_buttons(name, built)
        window.tabs.built.connect(self.add_history_buttons)

    def add_history_buttons(self, name: str, tab) -> None:
        """The History… buttons of the tab `name` (an attribute name of the window)."""
        window = self._window
        buttons = ()
        if name == "members_tab":
            buttons = ((tab, tab.delete_button, lambda: tab.selected_id() is not None,
                        _table_signals(tab.table), _member, "Histor&y…"),)
        elif name == "actions_tab":
            buttons = ((tab, tab.delete_button, lambda: len(tab.selected_ids()) == 1,
                        _table_signals(tab.table), _action, "Histor&y…"),)
        elif name == "strategies_tab":
            draft, targets = tab.draft, tab.targets
            buttons = (
                (draft, draft.remove_button, lambda: draft.current_section() is not None,
                 _table_signals(draft.table), _section, "Hist&ory…"),
                (targets, targets.delete_button,
                 lambda: targets.table.selectionModel().hasSelection(),
                 _table_signals(targets.table), _target, "Hist&ory…"),
            )
        elif name == "accreditation_tab":
            self_page = tab.self_page
            buttons = (
                (self_page, self_page.edit_prompts_button,
                 lambda: _criterion(window) is not None,
                 _table_signals(self_page.criteria_table), _criterion,
                 "History of this criterion…"),
                (tab, tab.delete_round_button, lambda: tab.round is not None,
                 (self_page.criteria_model.modelReset,), _round, "Round histor&y…"),
            )
        for owner, beside, enabled_when, signals, pick, text in buttons:
            button = _add_history_button(beside, enabled_when, signals, text)
            button.clicked.connect(lambda _c=False, pick=pick: self.show_history(pick))
            owner.history_button = button

    def show_audit_log(self) -> AuditLogDialog:
        from lsp_desktop.ui.audit.audit_dialogs import AuditLogDialog

        self.audit_log_dialog = AuditLogDialog(self._window.services.audit, self._window)
        self.audit_log_dialog.show()
        return self.audit_log_dialog

    def show_history(self, pick=None) -> HistoryDialog | None:
        """The History panel of the record `pick(window)` names (by default the record
        selected on the tab in front)."""
        from lsp_desktop.ui import prompts
        from lsp_desktop.ui.audit.audit_dialogs import HistoryDialog

        window = self._window
        record = (pick or _in_front)(window)
        if record is None:
            prompts.info(window, "History", "Select one record to see its history: a member, "
                                            "an action, a strategy's section or target, an "
                                            "accreditation round or one of its criteria.")
            return None
        kind, record_id, title = record
        lines = window.services.audit.history(kind, record_id)
        self.history_dialog = HistoryDialog(title, lines, window)
        self.history_dialog.show()
        return self.history_dialog


# -- the record each place has selected: (audit record type, id, title) or None --------
def _member(window):
    member_id = window.members_tab.selected_id()
    if member_id is None:
        return None
    return "member", member_id, window.services.members.get(member_id).display_name


def _action(window):
    ids = window.actions_tab.selected_ids()
    if len(ids) != 1:
        return None
    action = window.services.actions.get(ids[0])
    return "action", action.id, f"{action.reference} {action.title}"


def _strategy(window):
    strategy = window.strategies_tab.strategy
    return None if strategy is None else ("strategy", strategy.id, strategy.title)


def _section(window):
    section = window.strategies_tab.draft.current_section()
    if section is None:
        return None
    return "strategy_section", section.id, f"Section “{section.title}”"


def _target(window):
    from lsp_desktop.ui.strategies.strategy_pages import selected

    target = selected(window.strategies_tab.targets.table)
    return None if target is None else ("target", target.id, f"Target: {target.indicator}")


def _round(window):
    rnd = window.accreditation_tab.round
    return None if rnd is None else ("assessment_round", rnd.id, rnd.name)


def _criterion(window):
    page = window.accreditation_tab.self_page
    criterion = page.criterion()
    if criterion is None or page.round is None:
        return None
    assessment = page.round.assessment(criterion)
    if assessment.id is None:
        return None
    return "criterion_assessment", assessment.id, f"{criterion.label}, {page.round.name}"


def _in_front(window):
    """The record selected on the tab (and page) in front."""
    tab = window.tabs.currentWidget()
    if tab is window.members_tab:
        return _member(window)
    if tab is window.actions_tab:
        return _action(window)
    if tab is window.strategies_tab:
        page = tab.pages.currentWidget()
        return (_section(window) if page is tab.draft else _target(window)
                if page is tab.targets else _strategy(window))
    if tab is window.accreditation_tab:
        on_self = tab.pages.currentWidget() is tab.self_page
        return _criterion(window) if on_self else _round(window)
    return None
