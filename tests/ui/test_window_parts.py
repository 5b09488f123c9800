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
