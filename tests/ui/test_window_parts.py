"""The main window's menus and monitors are objects it owns: each menu made once, their
messages reach the status bar, and the window is not given a status bar before one."""

from __future__ import annotations

from PySide6.QtWidgets import QStatusBar

from lsp_desktop.ui import prompts


def test_each_menu_is_made_once_in_order(window):
    titles = [a.text() for a in window.menuBar().actions()]
    assert titles == ["&File", "&Edit", "&View", "&Help"]
    view = [a.text() for a in window.view_menu.actions() if not a.isSeparator()]
    assert view[:3] == ["&Refresh", "&Audit log…", "&History of the selected record…"]
    assert view[-2:] == ["&Next tab", "Pre&vious tab"]
    assert window.exchange.restore_action in window.file_menu.actions()
    assert window.help.about_action in window.help_menu.actions()


def test_the_status_bar_says_the_date_shown_and_the_parts_messages_show(window, monkeypatch):
    # Issue 20: the status bar always says which date the window shows (so it is never an
    # empty strip under the tabs).
    assert window.findChild(QStatusBar) is not None
    assert window.as_at.label.text().startswith("As at ")
    window.refresher.refresh_action.trigger()              # View ▸ Refresh (F5)
    assert window.statusBar().currentMessage() == "Refreshed."
    made = []
    monkeypatch.setattr(window.services.backups, "make", lambda: made.append(1) or "b.lspd")
    window.exchange.backup_action.trigger()                 # File ▸ Back up now
    assert made == [1] and window.statusBar().currentMessage() == "Backed up to b.lspd"


def test_the_exchange_menu_asks_the_window_to_open_an_imported_archive(window, monkeypatch,
                                                                       tmp_path):
    opened = []
    window.open_requested.connect(opened.append)
    source, target = tmp_path / "a.json", tmp_path / "new.lspd"
    window.services.archive.write(source)
    monkeypatch.setattr(prompts, "open_file", lambda *a: str(source))
    monkeypatch.setattr(prompts, "save_partnership_file", lambda *a: str(target))
    window.exchange.import_archive()
    assert opened == [str(target)] and target.exists()


def test_an_import_of_figures_reloads_the_tabs_built_and_says_so(window, monkeypatch):
    """File ▸ Import ▸ Programme figures: the menu reports by a signal; the window reloads
    the programme tab it has built and shows the count in the status bar."""
    from lsp_desktop.ui.programme import figures_import

    class Imported:
        changed = 3
        rejects_file = None

        def __init__(self, *_args, **_kwargs):
            pass

        def exec(self):
            return True

    monkeypatch.setattr(prompts, "open_file", lambda *a, **k: "ledger.xlsx")
    monkeypatch.setattr(window.services.exchange, "read", lambda path: object())
    monkeypatch.setattr(figures_import, "FiguresImportDialog", Imported)
    programme = window.programme_tab                        # built (and loaded) now
    reloaded = []
    monkeypatch.setattr(programme, "refresh", lambda: reloaded.append(1))
    window.exchange.import_actions["programme"].trigger()
    assert reloaded == [1]
    assert window.statusBar().currentMessage() == (
        "Imported programme figures: 3 record(s) changed.")


def test_the_history_menu_asks_the_tab_in_front(window, monkeypatch):
    """View ▸ History… shows the record the tab in front has selected: the window hands
    the audit menu `in_front`, and the tabs' buttons ask by their own signal."""
    told = []
    monkeypatch.setattr(prompts, "info", lambda _p, _t, text: told.append(text))
    window.members_tab.table.clearSelection()
    window.audit.history_action.trigger()
    assert told and told[0].startswith("Select one record")
    window.members_tab.table.selectRow(0)
    member = window.services.members.get(window.members_tab.selected_id())
    window.members_tab.history_button.click()
    assert window.audit.history_dialog.windowTitle() == f"History — {member.display_name}"
    window.audit.history_dialog.close()


def test_without_the_meetings_tab_programme_keeps_its_key_title_and_report(
        qtbot, demo_services, demo_db):
    """The go-to-tab keys, their menu titles and the Print… report follow each tab by its
    name, not its place: a window without Meetings does not print minutes from Programme."""
    from dataclasses import replace
    from pathlib import Path

    from lsp_desktop.ui.main_window import MainWindow

    window = MainWindow(replace(demo_services, meetings=None), Path(demo_db.path))
    qtbot.addWidget(window)
    assert [window.tabs.tabText(i) for i in range(window.tabs.count())][-1] == "Programme"
    go_to = window.tab_keys.go_to_tab_actions
    assert [(a.text(), a.shortcut().toString()) for a in go_to][3:] == [
        ("A&ccreditation", "Ctrl+4"), ("Pro&gramme", "Ctrl+6")]
    window.tabs.setCurrentIndex(4)
    assert "programme return" in window.print_button.toolTip()
    assert window._tab_report(4)[0] == "programme"
