"""The import window with an officer's own register: sheets, words, guesses, rows to correct, undo."""

from __future__ import annotations

import csv
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QLabel

from lsp_desktop.domain.members import Member, Sector, Term
from lsp_desktop.ui import prompts
from lsp_desktop.ui.exchange import import_dialog
from lsp_desktop.ui.exchange.import_dialog import ImportDialog
from lsp_desktop.ui.main_window import MainWindow
from lsp_desktop.ui.members.member_dialog import MemberDialog
from tests.ui.helpers import type_text


def open_dialog(qtbot, services, path) -> ImportDialog:
    dialog = ImportDialog(services.exchange, services.exchange.read_register(path), path.name,
                          path=path)
    qtbot.addWidget(dialog)
    return dialog


def problems(dialog) -> list[str]:
    return [str(dialog.problems.record(i)) for i in range(dialog.problems.rowCount())]


def click(qtbot, button) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_fields_are_named_in_words_and_back_then_preview_reads_the_file_again(
        qtbot, services, tmp_path):
    path = tmp_path / "board.csv"
    path.write_text("Surname,First name,Sector,Joined\nLee,Ann,voluntary,31/02/2002\n",
                    encoding="utf-8")
    dialog = open_dialog(qtbot, services, path)
    form = dialog.combos["start_date"].parentWidget().layout()
    assert isinstance(form, QFormLayout)
    labels = {form.labelForField(c).text() for c in dialog.combos.values()}
    assert {"Start date", "End date", "Family name", "Given names", "Deputises for"} <= labels
    assert not {n for n in labels if "_" in n}
    assert dialog.combos["family_name"].currentText() == "Surname  (column 1)"
    click(qtbot, dialog.preview_button)
    assert problems(dialog) == ["row 2, column D (Joined): '31/02/2002' is not a real date"]
    # The officer corrects the file, goes back and previews again: the new text is read.
    path.write_text("Surname,First name,Sector,Joined\nLee,Ann,voluntary,28/02/2002\n",
                    encoding="utf-8")
    click(qtbot, dialog.back_button)
    click(qtbot, dialog.preview_button)
    assert problems(dialog) == [] and dialog.import_button.isEnabled()
    click(qtbot, dialog.import_button)
    ann = services.members.all_members()[0]
    assert (ann.name, ann.family_name, ann.terms[0].start) == ("Ann Lee", "Lee", date(2002, 2, 28))


def test_sheet_choice_guesses_and_saving_the_rows_to_correct(qtbot, services, tmp_path,
                                                             monkeypatch):
    from openpyxl import Workbook

    book = Workbook()
    book.active.title = "Notes"
    book.active.append(["Kept by the secretariat"])
    ws = book.create_sheet("Board")
    ws.append(["Name", "Body", "Type", "Start", "Email"])
    ws.append(["Cllr Brendan Murphy", "Council", "Councillor", "01/04/2001", ""])
    ws.append(["Imran Qureshi", "Mosques Council", "St Mary's Church", "01/04/2001", ""])
    ws.append(["Gareth Price", "Met", "Metropolitan Police Authority", "01/04/2001", ""])
    ws.append(["Sam Wood", "Met", "Metropolitan Police Authority", "01/04/2001", "sam@"])
    path = tmp_path / "register.xlsx"
    book.save(path)
    dialog = open_dialog(qtbot, services, path)
    assert not dialog.sheet_box.isHidden() and dialog.sheet_combo.currentText() == "Board"
    dialog.sheet_combo.setCurrentText("Notes")          # the officer looks at the other sheet
    assert dialog.combos["name"].currentData() is None
    dialog.sheet_combo.setCurrentText("Board")
    assert dialog.combos["name"].currentText() == "Name  (column 1)"
    click(qtbot, dialog.preview_button)
    dialog.sheet_combo.setCurrentText("Notes")          # chosen in the preview: previewed again
    assert any("no header row found" in p for p in problems(dialog))
    dialog.sheet_combo.setCurrentText("Board")
    assert set(dialog.suggestion_combos) == {"St Mary's Church", "Metropolitan Police Authority"}
    assert dialog.suggestion_combos["St Mary's Church"].currentData() == "Faith communities"
    police = dialog.suggestion_combos["Metropolitan Police Authority"]
    assert police.currentData() == "Police"
    police.setCurrentIndex(police.findData("Local authority"))   # changed for both rows
    assert {s.value: s.chosen for s in dialog.preview.suggestions}[
        "Metropolitan Police Authority"] == "Local authority"          # previewed again
    assert not dialog.import_button.isEnabled()
    assert not dialog.partial_button.isHidden()
    assert dialog.partial_button.text() == ("Import the 3 good rows and save the 1 other to a "
                                            "file to correct…")
    out = tmp_path / "to correct.csv"
    monkeypatch.setattr(prompts, "save_file", lambda *a, **k: str(out))
    click(qtbot, dialog.partial_button)
    assert dialog.result.added == 3 and dialog.result.rejected == 1
    members = {m.name: m for m in services.members.all_members()}
    assert members["Brendan Murphy"].title == "Cllr"
    assert members["Gareth Price"].category == "Local authority"
    assert members["Imran Qureshi"].category == "Faith communities"
    with open(out, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[1][0] == "Sam Wood" and rows[1][-1].endswith("'sam@' is not an email address.")


@pytest.fixture
def window(qtbot, demo_services, demo_db):
    w = MainWindow(demo_services, demo_db.path)
    qtbot.addWidget(w)
    return w


def test_edit_undo_reverses_a_whole_import(window, qtbot, monkeypatch, tmp_path):
    path = tmp_path / "new.csv"
    path.write_text("Name,Body,Category,Start\n"
                    "Mr Llŷr Davies,Bankside Residents' Forum,Residents,01/04/2001\n"
                    "Ann Newcomer,Connexions Thameside,Connexions,01/04/2002\n"
                    "Bo Newcomer,Thameside YOT,YOT,01/04/2002\n", encoding="utf-8")
    monkeypatch.setattr(prompts, "open_file", lambda *a, **k: str(path))
    seen = {}

    def run(dialog):
        click(qtbot, dialog.preview_button)
        seen["summary"] = dialog.summary.text()
        click(qtbot, dialog.import_button)
        return dialog.result is not None

    monkeypatch.setattr(import_dialog.ImportDialog, "exec", run)
    before = window.services.members.count()
    window.exchange.import_records("members")
    # Llŷr Davies is matched (title and apostrophe folded), never added twice.
    assert "2 members to add, 0 to update, 1 to skip" in seen["summary"]
    assert window.services.members.count() == before + 2
    assert window.undo_stack.undoText() == "Import of 2 members"
    window.undo_stack.undo()
    assert window.services.members.count() == before
    assert "Ann Newcomer" not in [r.name for r in window.members_tab.model.all_rows()]
    window.undo_stack.redo()
    assert window.services.members.count() == before + 2
    # Another officer edits an imported member: the undo is refused and says so.
    bo = next(m for m in window.services.members.all_members() if m.name == "Bo Newcomer")
    monkeypatch.setenv("LSP_DESKTOP_OFFICER", "Priya Shah")
    window.services.members.update(bo.with_changes(phone="0207"))
    errors = []
    monkeypatch.setattr(prompts, "error", lambda _p, title, text: errors.append((title, text)))
    window.undo_stack.undo()
    assert errors and errors[0][0] == "Undo import"
    assert "The member Bo Newcomer was changed by Priya Shah" in errors[0][1]
    assert window.services.members.count() == before + 2


def test_member_dialog_split_is_correctable_and_the_sector_is_the_members_own(qtbot):
    dialog = MemberDialog(None, [])
    qtbot.addWidget(dialog)
    type_text(dialog.name_edit, "Maria de la Cruz")
    assert (dialog.given_edit.text(), dialog.family_edit.text()) == ("Maria", "de la Cruz")
    dialog.sector_combo.setCurrentIndex(dialog.sector_combo.findData("voluntary"))
    dialog.category_combo.setCurrentIndex(dialog.category_combo.findData("Faith communities"))
    assert dialog.sector_combo.currentData() == "voluntary"      # not changed by the category
    member = dialog.member()
    assert (member.family_name, member.sector, member.category) == (
        "de la Cruz", Sector.VOLUNTARY, "Faith communities")
    edited = MemberDialog(Member(name="Nguyen Thi Mai", sector=Sector.PUBLIC, id=3,
                                 terms=(Term(date(2001, 4, 1)),)), [])
    qtbot.addWidget(edited)
    assert edited.family_edit.text() == "Mai"
    edited.family_edit.clear()
    type_text(edited.family_edit, "Nguyen")
    edited.given_edit.clear()
    type_text(edited.given_edit, "Thi Mai")
    type_text(edited.name_edit, "")                     # typing the name keeps the correction
    assert edited.family_edit.text() == "Nguyen"
    assert (edited.member().family_name, edited.member().given_names) == ("Nguyen", "Thi Mai")
    edited.family_edit.clear()
    type_text(edited.family_edit, "Smith")
    click(qtbot, edited.ok_button)
    assert edited.isVisible() or not edited.result()
    label = edited.errors["family_name"]
    assert isinstance(label, QLabel) and "not part of the name" in label.text()
