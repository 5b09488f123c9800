"""Import wizard, exports from the window, restore (the app reopens the file), retention and erasure."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt

from lsp_desktop.domain.exchange import Problem
from lsp_desktop.ui import prompts
from lsp_desktop.ui.exchange.exchange_tables import (
    BackupTableModel,
    ProblemTableModel,
    RetentionTableModel,
)
from lsp_desktop.ui.exchange.import_dialog import ImportMembersDialog
from lsp_desktop.ui.main_window import MainWindow


@pytest.fixture
def window(qtbot, demo_services, demo_db):
    w = MainWindow(demo_services, demo_db.path)
    qtbot.addWidget(w)
    return w


def test_import_wizard_maps_previews_and_writes_only_on_confirm(qtbot, services, tmp_path):
    path = tmp_path / "board.csv"
    path.write_text("Member name,Type,Organization,Begins\n"
                    "Ann Lee,voluntary,CVS,01/04/2001\n"
                    "Bob Stone,public,Council,2001-13-01\n", encoding="utf-8")
    dialog = ImportMembersDialog(services.exchange, services.exchange.read(path), "board.csv")
    qtbot.addWidget(dialog)
    assert dialog.combos["name"].currentText() == "Member name  (column 1)"
    assert dialog.combos["organisation"].currentText() == "Organization  (column 3)"
    # "Type" is what officers call the category; here it holds sectors, so the
    # preview says so, and the officer maps it to Sector instead.
    assert dialog.combos["category"].currentText() == "Type  (column 2)"
    assert dialog.combos["sector"].currentData() is None
    qtbot.mouseClick(dialog.preview_button, Qt.MouseButton.LeftButton)
    assert any(p.startswith("row 3, column B (Type): 'public' is not a category") for p in [
        str(dialog.problems.record(i)) for i in range(dialog.problems.rowCount())])
    assert not dialog.import_button.isEnabled()
    qtbot.mouseClick(dialog.back_button, Qt.MouseButton.LeftButton)
    dialog.combos["category"].setCurrentIndex(0)
    dialog.combos["sector"].setCurrentIndex(dialog.combos["sector"].findData(1))
    dialog.combos["start_date"].setCurrentIndex(dialog.combos["start_date"].findData(3))
    qtbot.mouseClick(dialog.preview_button, Qt.MouseButton.LeftButton)
    problems = [str(dialog.problems.record(i)) for i in range(dialog.problems.rowCount())]
    assert "row 3, column D (Begins): '2001-13-01' is not a real date" in problems
    assert not dialog.import_button.isEnabled()
    assert services.members.count() == 0
    path.write_text("Member name,Type,Organization,Begins\nAnn Lee,voluntary,CVS,01/04/2001\n",
                    encoding="utf-8")
    dialog = ImportMembersDialog(services.exchange, services.exchange.read(path), "board.csv")
    qtbot.addWidget(dialog)
    dialog.combos["category"].setCurrentIndex(0)
    dialog.combos["sector"].setCurrentIndex(dialog.combos["sector"].findData(1))
    dialog.combos["start_date"].setCurrentIndex(dialog.combos["start_date"].findData(3))
    qtbot.mouseClick(dialog.preview_button, Qt.MouseButton.LeftButton)
    assert "1 members to add" in dialog.summary.text()
    assert services.members.count() == 0                          # still nothing written
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert dialog.result.added == 1
    m = services.members.all_members()[0]
    assert (m.name, m.organisation, m.terms[0].start) == ("Ann Lee", "CVS", date(2001, 4, 1))


def test_models_pass_the_model_tester(qtmodeltester, demo_services, tmp_path):
    problems = ProblemTableModel()
    problems.set_rows([Problem(2, "name", "required, but empty."), Problem(None, "x", "n", True)])
    qtmodeltester.check(problems)
    backups = BackupTableModel()
    demo_services.backups.make()
    backups.set_rows(demo_services.backups.list())
    qtmodeltester.check(backups)
    retention = RetentionTableModel()
    retention.set_rows(demo_services.personal_data.retention_review(today=date(2010, 1, 1)))
    assert retention.rowCount() == 3
    qtmodeltester.check(retention)


def test_export_members_as_shown_from_the_window(window, monkeypatch, tmp_path):
    window.members_tab.filter_edit.setText("thameside")
    window.members_tab.apply_text_filter()
    shown = window.members_tab.model.rowCount()
    assert 0 < shown < 26
    out = tmp_path / "shown.csv"
    monkeypatch.setattr(prompts, "save_file", lambda *a, **k: str(out))
    window.exchange.export_members()
    lines = out.read_text(encoding="utf-8-sig").splitlines()
    assert len(lines) - 1 >= shown and all("Thameside" in ln for ln in lines[1:])


def test_file_menu_has_the_exchange_entries(window):
    texts = [a.text() for a in window.file_menu.actions()]
    assert "Res&tore from backup…" in texts and "&Back up now" in texts
    assert texts[-1] == "&Quit"


@pytest.mark.qt_log_ignore("propagateSizeHints")
def test_restore_from_backup_reopens_the_partnership(qtbot, qapp, demo_template, app_paths,
                                                     tmp_path, monkeypatch):
    import shutil

    from lsp_desktop.app import GuiApplication

    path = tmp_path / "p.lspd"
    shutil.copyfile(demo_template, path)
    gui = GuiApplication(qapp, app_paths)
    assert gui.open(path)
    try:
        first = gui.session.window
        saved = gui.session.services.backups.make()
        gone = gui.session.services.members.all_members()[0]
        gui.session.services.members.delete(gone.id)
        monkeypatch.setattr(prompts, "confirm", lambda *a, **k: True)
        monkeypatch.setattr("lsp_desktop.ui.exchange.restore_dialog.RestoreDialog.exec",
                            lambda self: True)
        first.exchange.restore()            # the newest backup is chosen and confirmed
        assert gui.session.window is not first
        assert gui.session.services.members.count() == 31
        listed = gui.session.services.backups.list()
        assert any(b.reason == "before-restore" for b in listed)
        assert saved in [b.path for b in listed]
    finally:
        gui.session.window.close()
        gui.close()


def test_retention_review_erases_after_asking_who(window, monkeypatch):
    monkeypatch.setattr(prompts, "ask_text", lambda *a, **k: "Officer Jones")
    pd = window.services.personal_data
    rows = pd.retention_review()
    assert rows                                            # the demo's 2001-02 leavers
    assert window.exchange.erase_member(rows[0].id)
    assert pd.erasures()[0].erased_by == "Officer Jones"
    assert window.services.members.get(rows[0].id).name == "Former member 1"
    current = window.services.members.list_rows(include_former=False)[0]
    errors = []
    monkeypatch.setattr(prompts, "error", lambda _p, _t, text: errors.append(text))
    assert not window.exchange.erase_member(current.id)
    assert "is a current member" in errors[0]


def test_import_actions_through_the_menu(window, qtbot, monkeypatch, tmp_path):
    from lsp_desktop.ui.exchange import import_dialog

    path = tmp_path / "actions.csv"
    path.write_text("Title;Owner;Due\nRun a youth forum;Jonathan Blake;30/09/2002\n",
                    encoding="cp1252")
    monkeypatch.setattr(prompts, "open_file", lambda *a, **k: str(path))
    seen = {}

    def run(dialog):
        seen["combo"] = dialog.combos["owner_member"].currentText()
        qtbot.mouseClick(dialog.preview_button, Qt.MouseButton.LeftButton)
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
        return dialog.result is not None

    monkeypatch.setattr(import_dialog.ImportDialog, "exec", run)
    window.tabs.setCurrentWidget(window.actions_tab)      # the officer looks at the plan
    before = window.actions_tab.model.all_actions()
    window.exchange.import_records("actions")
    assert seen["combo"] == "Owner  (column 2)"
    after = window.actions_tab.model.all_actions()          # the tab was refreshed
    assert len(after) == len(before) + 1
    new = [a for a in after if a.title == "Run a youth forum"][0]
    assert new.due == date(2002, 9, 30)
    assert "imported: 1 added" in window.statusBar().currentMessage()


def test_export_actions_and_targets_as_shown(window, monkeypatch, tmp_path):
    shown_actions = window.exchange.shown_ids("actions")
    assert shown_actions
    out = tmp_path / "actions.xlsx"
    monkeypatch.setattr(prompts, "save_file", lambda *a, **k: str(out))
    window.exchange.export_records("actions")
    from openpyxl import load_workbook

    ws = load_workbook(out).active
    assert ws.max_row == len(shown_actions) + 1 and ws["A1"].value == "reference"
    targets = window.exchange.shown_ids("targets")
    out2 = tmp_path / "targets.csv"
    monkeypatch.setattr(prompts, "save_file", lambda *a, **k: str(out2))
    window.exchange.export_records("targets")
    assert len(out2.read_text(encoding="utf-8-sig").splitlines()) == len(targets) + 1
