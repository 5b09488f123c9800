"""View ▸ Audit log… and History… for the selected member or action (buttons on the tabs)."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QBoxLayout, QMenu, QPushButton

from lsp_desktop.ui.dialogs.audit_dialogs import AuditLogDialog, HistoryDialog


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


def _add_history_button(tab, enabled_when) -> QPushButton:
    button = QPushButton("Histor&y…")
    button.setToolTip("Who changed the selected record, when, and from what to what")
    box = _layout_holding(tab.layout(), tab.delete_button)
    box.insertWidget(box.indexOf(tab.delete_button), button)
    button.setEnabled(False)
    update = lambda *_a: button.setEnabled(enabled_when())   # noqa: E731
    tab.table.selectionModel().selectionChanged.connect(update)
    tab.table.model().modelReset.connect(update)
    return button


def install(window) -> None:
    """Add the View menu and the History… buttons to `window` (a MainWindow)."""
    members, actions = window.members_tab, window.actions_tab
    menu = getattr(window, "view_menu", None)     # shared with Refresh (postgres branch)
    if menu is None:
        menu = QMenu("&View", window)
        window.menuBar().insertMenu(window.help_menu.menuAction(), menu)
        window.view_menu = menu
    elif menu.actions():
        menu.addSeparator()
    window.audit_log_action = menu.addAction("&Audit log…", lambda: show_audit_log(window))
    window.audit_log_action.setShortcut(QKeySequence("Ctrl+Shift+L"))
    window.history_action = menu.addAction("&History of the selected record…",
                                           lambda: show_history(window))
    window.history_action.setShortcut(QKeySequence("Ctrl+Shift+H"))
    members.history_button = _add_history_button(members,
                                                  lambda: members.selected_id() is not None)
    members.history_button.clicked.connect(lambda: show_history(window, members))
    actions.history_button = _add_history_button(actions,
                                                 lambda: len(actions.selected_ids()) == 1)
    actions.history_button.clicked.connect(lambda: show_history(window, actions))


def show_audit_log(window) -> AuditLogDialog:
    window.audit_log_dialog = AuditLogDialog(window.services.audit, window)
    window.audit_log_dialog.show()
    return window.audit_log_dialog


def show_history(window, tab=None) -> HistoryDialog | None:
    """The History panel of the member or action selected on `tab` (or the tab in front)."""
    from lsp_desktop.ui import prompts

    tab = tab or window.tabs.currentWidget()
    if tab is window.members_tab and tab.selected_id() is not None:
        member = window.services.members.get(tab.selected_id())
        record = ("member", member.id, member.display_name)
    elif tab is window.actions_tab and len(tab.selected_ids()) == 1:
        action = window.services.actions.get(tab.selected_ids()[0])
        record = ("action", action.id, f"{action.reference} {action.title}")
    else:
        prompts.info(window, "History", "Select one member on the Members tab or one action "
                                        "on the Action plans tab to see its history.")
        return None
    kind, record_id, title = record
    lines = window.services.audit.history(kind, record_id)
    window.history_dialog = HistoryDialog(title, lines, window)
    window.history_dialog.show()
    return window.history_dialog
