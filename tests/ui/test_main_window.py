"""The main window: title, File menu (new, open, recent, copy, details), read-only, lock prompt."""

from __future__ import annotations

import shutil
import sqlite3

import pytest
from PySide6.QtWidgets import QApplication

from lsp_desktop.app import GuiApplication
from lsp_desktop.db.database import open_partnership
from lsp_desktop.services import build_services
from lsp_desktop.ui.main_window import MainWindow
from lsp_desktop.ui.members.member_dialog import MemberDialog
from lsp_desktop.ui.partnership.partnership_dialog import PartnershipDialog
from tests.ui.helpers import select_named, type_text, when_modal


def test_title_shows_partnership_and_file(window, demo_db):
    assert window.windowTitle() == f"Thameside Together — {demo_db.path} — LSP Desktop"
    menus = [a.text() for a in window.file_menu.actions() if a.text()]
    assert menus == ["&New partnership…", "&Open…", "Open &shared partnership…",
                     "Open &recent", "Save a &copy as…",
                     "Partnership &details…", "&Print preview…", "Import strate&gy…", "&Import",
                     "&Export",
                     "Personal dat&a", "&Back up now", "Res&tore from backup…", "&Quit"]


def test_partnership_details_dialog(qtbot, window, demo_services):
    seen = {}

    def fill(dialog: PartnershipDialog) -> None:
        assert dialog.name.text() == "Thameside Together"
        assert [r.year.text() for r in dialog.rows] == ["2001/02", "2002/03", "2003/04"]
        assert dialog.rows[1].amount.value() == 6_300_000
        assert dialog.nrf_area.isChecked() and dialog.go_region.currentText() == "GO for London"
        dialog.name.clear()
        dialog.rows[0].year.setText("2001-02")
        dialog.accept()
        seen["name error"] = (dialog.name_error.isVisible(), dialog.name_error.text())
        seen["year error"] = dialog.alloc_error.text()
        type_text(dialog.name, "Thameside Partnership Board")
        dialog.rows[0].year.setText("2001/02")
        dialog.rows[2].amount.setValue(9_000_000)
        dialog.accept()

    problems = when_modal(PartnershipDialog, fill)
    window.details_action.trigger()
    assert not problems, problems
    assert seen["name error"] == (True, "The partnership needs a name.")
    assert "not a financial year" in seen["year error"]
    details = demo_services.partnership.get()
    assert details.name == "Thameside Partnership Board"
    assert details.nrf_allocations["2003/04"] == 9_000_000
    assert window.windowTitle().startswith("Thameside Partnership Board — ")


def test_the_date_the_window_opens_at_is_set_in_the_details(qtbot, window, demo_services):
    from datetime import date

    def fill(dialog: PartnershipDialog) -> None:
        assert dialog.opens_on.value() == date(2002, 6, 30)      # the demo's story
        dialog.opens_on.edit.set_value(date(2002, 6, 15))
        assert dialog.opens_on.value() == date(2002, 6, 15)
        dialog.accept()

    problems = when_modal(PartnershipDialog, fill)
    window.details_action.trigger()
    assert not problems, problems
    assert demo_services.partnership.get().opens_on == date(2002, 6, 15)

    def clear(dialog: PartnershipDialog) -> None:
        from PySide6.QtCore import Qt

        line = dialog.opens_on.edit.line       # empty the field as an officer does
        line.setFocus()
        qtbot.keyClick(line, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClick(line, Qt.Key.Key_Backspace)
        line.editingFinished.emit()            # leaving the field keeps what it holds
        assert dialog.opens_on.value() is None
        dialog.accept()

    problems = when_modal(PartnershipDialog, clear)
    window.details_action.trigger()
    assert not problems, problems
    assert demo_services.partnership.get().opens_on is None      # opens at today


def test_save_a_copy(window, tmp_path, monkeypatch):
    target = tmp_path / "copy.lspd"
    monkeypatch.setattr("lsp_desktop.ui.prompts.save_partnership_file",
                        lambda *a, **k: str(target))
    window.save_copy_action.trigger()
    con = sqlite3.connect(target)
    try:
        assert con.execute("SELECT count(*) FROM member").fetchone()[0] == 31
    finally:
        con.close()
    assert str(target) in window.statusBar().currentMessage()


def test_save_a_copy_over_itself_is_refused(window, demo_db, monkeypatch):
    errors = []
    monkeypatch.setattr("lsp_desktop.ui.prompts.save_partnership_file",
                        lambda *a, **k: str(demo_db.path))
    monkeypatch.setattr("lsp_desktop.ui.prompts.error", lambda p, t, text: errors.append(text))
    window.save_copy()
    assert errors and "partnership file itself" in errors[0]


def test_read_only_window_refuses_changes(qtbot, demo_services, demo_db):
    win = MainWindow(demo_services, demo_db.path, read_only=True)
    qtbot.addWidget(win)
    win.show()
    tab = win.members_tab
    assert win.windowTitle().endswith("[read-only] — LSP Desktop")
    assert "read-only" in win.statusBar().currentMessage()
    assert not tab.add_button.isEnabled() and not tab.new_action.isEnabled()
    select_named(tab, "Llŷr")
    assert not tab.delete_button.isEnabled() and not tab.end_button.isEnabled()
    assert tab.edit_button.isEnabled() and tab.edit_button.text() == "Vie&w…"
    seen = {}

    def look(dialog: MemberDialog) -> None:
        seen["ok enabled"] = dialog.ok_button.isEnabled()
        seen["name"] = dialog.name_edit.text()
        dialog.reject()

    problems = when_modal(MemberDialog, look)
    tab.edit_button.click()
    assert not problems, problems
    assert seen == {"ok enabled": False, "name": "Llŷr Davies"}


@pytest.fixture
def gui(qtbot, app_paths):
    app = GuiApplication(QApplication.instance(), app_paths)
    yield app
    if app.session is not None:
        app.session.window.close()
    app.close()


@pytest.fixture
def two_files(tmp_path, demo_template):
    first, second = tmp_path / "first.lspd", tmp_path / "second.lspd"
    shutil.copyfile(demo_template, first)
    shutil.copyfile(demo_template, second)
    con = sqlite3.connect(second)
    con.execute("UPDATE partnership SET name = 'Second Partnership'")
    con.commit()
    con.close()
    return first, second


def test_open_another_partnership_replaces_the_window(qtbot, gui, two_files, monkeypatch):
    first, second = two_files
    assert gui.open(first)
    old = gui.session.window
    monkeypatch.setattr("lsp_desktop.ui.prompts.open_partnership_file", lambda *a: str(second))
    old.open_partnership()
    assert gui.session.window is not old
    assert gui.session.window.isVisible()
    assert gui.session.window.windowTitle().startswith("Second Partnership — ")
    # The first file was let go: it opens for writing again.
    open_partnership(first).close()
    recent = [a.text() for a in (gui.session.window._fill_recent()
                                 or gui.session.window.recent_menu.actions())]
    assert str(first) in recent and str(second) in recent


def test_opening_the_same_file_again_does_nothing(gui, two_files):
    first, _ = two_files
    assert gui.open(first)
    window = gui.session.window
    assert gui.open(first)
    assert gui.session.window is window
    assert "already open" in window.statusBar().currentMessage()


def test_opening_a_bad_file_keeps_the_current_one(gui, two_files, tmp_path, monkeypatch):
    first, _ = two_files
    errors = []
    monkeypatch.setattr("lsp_desktop.ui.prompts.error", lambda p, t, text: errors.append(text))
    assert gui.open(first)
    window = gui.session.window
    bad = tmp_path / "notes.lspd"
    bad.write_text("Agenda item 4")
    assert not gui.open(bad)
    assert errors and "not a partnership file" in errors[0]
    assert gui.session.window is window and bad.read_text() == "Agenda item 4"


@pytest.mark.parametrize("answer", [True, False])
def test_second_copy_is_asked_to_open_read_only(gui, two_files, monkeypatch, answer):
    first, _ = two_files
    asked = []
    monkeypatch.setattr("lsp_desktop.ui.prompts.ask_open_read_only",
                        lambda parent, text: asked.append(text) or answer)
    other_copy = open_partnership(first)        # as if another copy had it open
    try:
        assert gui.open(first) is answer
        assert asked and "already open in another copy" in asked[0]
        if answer:
            window = gui.session.window
            assert window.read_only and "[read-only]" in window.windowTitle()
            assert not window.members_tab.add_button.isEnabled()
        else:
            assert gui.session is None
    finally:
        other_copy.close()


def test_new_partnership(qtbot, gui, two_files, tmp_path, monkeypatch):
    first, _ = two_files
    target = tmp_path / "fresh.lspd"
    assert gui.open(first)
    monkeypatch.setattr("lsp_desktop.ui.prompts.save_partnership_file",
                        lambda *a, **k: str(target))

    def fill(dialog: PartnershipDialog) -> None:
        qtbot.keyClicks(dialog.name, "Northfields LSP")
        dialog.accept()

    problems = when_modal(PartnershipDialog, fill)
    assert gui.session.window.new_action.shortcut().toString() == "Ctrl+Shift+N"
    gui.session.window.new_action.trigger()
    assert not problems, problems
    window = gui.session.window
    assert window.db_path == target
    assert window.windowTitle().startswith("Northfields LSP — ")
    assert window.members_tab.model.rowCount() == 0
    db = open_partnership(target, read_only=True)
    try:
        assert build_services(db.session_factory, db.path).partnership.get().name == "Northfields LSP"
    finally:
        db.close()


def test_new_partnership_never_overwrites(window, demo_db, monkeypatch):
    errors = []
    monkeypatch.setattr("lsp_desktop.ui.prompts.save_partnership_file",
                        lambda *a, **k: str(demo_db.path))
    monkeypatch.setattr("lsp_desktop.ui.prompts.error", lambda p, t, text: errors.append(text))
    window.new_partnership()
    assert errors and "never overwritten" in errors[0]



def test_hidden_tabs_load_when_shown_and_follow_changes_made_elsewhere(window, demo_services):
    """Start-up loads only the tab in front; a tab behind catches up when it is shown."""
    actions_tab = window.actions_tab
    assert window.tabs.currentWidget() is window.members_tab
    assert actions_tab.model.all_actions() == []            # not loaded behind the register
    window.tabs.setCurrentWidget(actions_tab)
    loaded = len(actions_tab.model.all_actions())
    assert loaded == len(demo_services.actions.list_actions()) > 0
    window.tabs.setCurrentWidget(window.members_tab)
    window.members_tab.members_changed.emit()                # a change on the register ...
    assert window.accreditation_tab in window._stale and actions_tab in window._stale
    window.tabs.setCurrentWidget(actions_tab)                # ... reaches the plan when shown
    assert actions_tab not in window._stale
    assert len(actions_tab.model.all_actions()) == loaded
