"""File > Import strategy… with its preview, and the compare dialog's Word export."""

from __future__ import annotations

from datetime import date

import docx
from docx.oxml.ns import qn
from PySide6.QtCore import Qt, QTimer

from lsp_desktop.domain.strategies import Strategy, StrategyType
from lsp_desktop.services.printing import PrintRequest
from lsp_desktop.services.strategy_export import export_strategy
from lsp_desktop.ui import prompts
from lsp_desktop.ui.strategies.compare_dialog import CompareDialog
from tests.unit.test_strategy_import import community_docx


def _run_dialog(qtbot, window, act):
    """Trigger the import and, once its preview is up, let `act` use it; always closes."""
    seen = {}

    def handle():
        dialog = window.strategy_files.last_dialog
        if dialog is None or not dialog.isVisible():
            QTimer.singleShot(20, handle)
            return
        try:
            act(dialog, seen)
        finally:
            if dialog.isVisible():
                dialog.reject()

    QTimer.singleShot(0, handle)
    window.import_strategy_action.trigger()
    return seen


def test_import_a_word_file_as_a_new_strategy(qtbot, window, tmp_path, monkeypatch):
    path = community_docx(tmp_path / "board.docx", tracked=True)
    monkeypatch.setattr(prompts, "open_file", lambda *a, **k: str(path))
    infos = []
    monkeypatch.setattr(prompts, "info", lambda _p, _t, text: infos.append(text))
    before = len(window.services.strategies.strategies())

    def act(dialog, seen):
        seen["version_first"] = dialog.version_radio.isChecked()
        qtbot.mouseClick(dialog.new_radio, Qt.MouseButton.LeftButton)
        dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData("cs"))
        seen["preview"] = dialog.preview.toPlainText()
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)

    seen = _run_dialog(qtbot, window, act)
    # a file with tracked changes is first offered as a new version of the strategy shown
    assert seen["version_first"]
    preview = seen["preview"]
    assert "1. Our long-term vision → fills 'Long-term vision'" in preview
    assert "Not kept: 1 image" in preview
    assert "deletion by Ann Patel, 14/05/2002: four" in preview
    assert "Raj Singh" in preview and "Which six? Please list them." in preview
    strategies = window.services.strategies.strategies()
    assert len(strategies) == before + 1
    assert strategies[-1].title == "Thameside Community Strategy 2002"
    assert infos and "version 1" in infos[0]
    tab = window.strategies_tab
    assert tab.strategy.id == strategies[-1].id


def test_cancelling_the_preview_saves_nothing(qtbot, window, tmp_path, monkeypatch):
    path = community_docx(tmp_path / "board.docx")
    monkeypatch.setattr(prompts, "open_file", lambda *a, **k: str(path))
    before = window.services.strategies.strategies()
    _run_dialog(qtbot, window, lambda dialog, seen: dialog.reject())
    assert window.services.strategies.strategies() == before


def test_a_file_that_cannot_be_read_says_why(qtbot, window, tmp_path, monkeypatch):
    bad = tmp_path / "board.docx"
    bad.write_bytes(b"not a zip")
    monkeypatch.setattr(prompts, "open_file", lambda *a, **k: str(bad))
    errors = []
    monkeypatch.setattr(prompts, "error", lambda _p, _t, text: errors.append(text))
    window.import_strategy_action.trigger()
    assert errors and "board.docx could not be read" in errors[0]


def test_compare_dialog_exports_word_with_tracked_changes(qtbot, services, tmp_path,
                                                          monkeypatch):
    svc = services.strategies
    s = svc.create(Strategy(StrategyType.OTHER, "Learning plan"))
    section = svc.add_section(s.id, "Skills", "Training for **board** members")
    svc.save_version(s.id, "v1")
    svc.save_section_body(section.id, "Training for **board** members and residents")
    svc.save_version(s.id, "v2")
    out = tmp_path / "changes.docx"
    monkeypatch.setattr(prompts, "save_file", lambda *a, **k: str(out))

    def export(old, new, path):
        export_strategy(services, PrintRequest("strategy", date(2002, 6, 1), strategy=str(s.id),
                                               version=new, compare=old), path)

    dialog = CompareDialog(svc.version_summaries(s.id), lambda a, b: svc.compare(s.id, a, b),
                           old=1, export=export, file_stem="Learning plan")
    qtbot.addWidget(dialog)
    assert not dialog.export_button.isEnabled()          # against the current draft
    dialog.new_combo.setCurrentIndex(dialog.new_combo.findData(2))
    assert dialog.export_button.isEnabled()
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert dialog.exported == str(out)
    body = docx.Document(str(out)).element.body
    inserted = ["".join(t.text for t in e.iter(qn("w:t"))) for e in body.iter(qn("w:ins"))]
    assert inserted == ["and residents"]
    assert "**" not in dialog.view.toPlainText()
