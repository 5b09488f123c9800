"""The import dialog refuses, and says who and when, when another officer changed a member
between the preview and pressing Import; a new preview then imports."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt

from lsp_desktop.domain.members import Member, Sector, Term
from lsp_desktop.services.concurrency import OFFICER_ENV
from lsp_desktop.ui.exchange.import_dialog import ImportMembersDialog


def test_import_changed_since_preview_is_refused_then_previewed_again(qtbot, services, tmp_path,
                                                                       monkeypatch):
    ann = services.members.add(Member(name="Ann Lee", organisation="CVS",
                                      sector=Sector.VOLUNTARY, terms=(Term(date(2001, 4, 1)),)))
    path = tmp_path / "board.csv"
    path.write_text("name,organisation,sector,email\nAnn Lee,CVS,voluntary,ann@file.example\n",
                    encoding="utf-8")
    dialog = ImportMembersDialog(services.exchange, services.exchange.read(path), "board.csv")
    qtbot.addWidget(dialog)
    dialog.update_existing.setChecked(True)
    qtbot.mouseClick(dialog.preview_button, Qt.MouseButton.LeftButton)
    assert "1 to update" in dialog.summary.text()
    monkeypatch.setenv(OFFICER_ENV, "Priya Shah")
    services.members.update(ann.with_changes(email="ann@theirs.example"))
    shown = []
    monkeypatch.setattr("lsp_desktop.ui.prompts.error",
                        lambda parent, title, text: shown.append((title, text)))
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert dialog.result is None
    assert len(shown) == 1 and shown[0][0] == "Import refused"
    assert "The member Ann Lee (row 2 of the file) was changed by Priya Shah" in shown[0][1]
    assert services.members.get(ann.id).email == "ann@theirs.example"
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)   # previewed again
    assert dialog.result is not None and dialog.result.updated == 1
    assert services.members.get(ann.id).email == "ann@file.example"
