"""History panels on the Strategy drafts and Accreditation tabs: the line for an edit
just made in the window is there, with who made it and what changed."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from lsp_desktop.domain.accreditation import Outcome
from lsp_desktop.domain.criteria import Criterion
from lsp_desktop.ui.accreditation.accreditation_tab import GO
from lsp_desktop.ui.strategies.strategies_tab import TARGETS
from lsp_desktop.ui.strategies.target_dialog import TargetDialog
from tests.ui.helpers import scripted_exec

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def _open_history(qtbot, window, button):
    assert button.isEnabled()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    dialog = window.audit.history_dialog
    qtbot.addWidget(dialog)
    assert dialog.isVisible()
    return dialog


def section_body(window, section_id: int) -> str:
    return window.services.strategies.section(section_id).body


def assert_newest_line(dialog, record_prefix: str, *expected: str) -> None:
    """The newest line is my change ('changed', by Priya Shah) of that record, and its
    changes in full hold each of `expected`."""
    model, view = dialog.view.model, dialog.view
    who, record, what = (model.index(0, c).data() for c in (1, 2, 3))
    view.table.selectRow(0)
    detail = view.detail.toPlainText()
    assert who.startswith("Priya Shah (") and what == "changed"
    assert record.startswith(record_prefix)
    for text in expected:
        assert text in detail


def test_section_history_shows_the_text_just_typed(qtbot, window):
    window.services.audit.set_officer("Priya Shah")
    tab = window.strategies_tab
    window.tabs.setCurrentWidget(tab)
    editor = tab.draft.editor
    section = tab.draft.current_section()
    editor.editor.setFocus()
    editor.editor.moveCursor(QTextCursor.MoveOperation.Start)
    qtbot.keyClicks(editor.editor, "Fresh words for the vision. ")
    assert editor.flush()
    dialog = _open_history(qtbot, window, tab.draft.history_button)
    assert section.title in dialog.windowTitle()
    # The whole text, to its last line: what changed may be anywhere in a long section.
    last_line = section_body(window, section.id).strip().splitlines()[-1]
    assert_newest_line(dialog, "Section — ", "body:", "Fresh words for the vision",
                       f"    {last_line}")


def test_target_history_shows_an_edit_made_in_the_dialog(qtbot, window, monkeypatch):
    window.services.audit.set_officer("Priya Shah")
    tab = window.strategies_tab
    window.tabs.setCurrentWidget(tab)
    tab.pages.setCurrentIndex(TARGETS)
    page = tab.targets
    assert not page.history_button.isEnabled()
    page.table.selectRow(0)

    def edit(dialog):
        dialog.source_edit.setText("Police recorded crime, quarterly")
        return True
    scripted_exec(monkeypatch, TargetDialog, [edit])
    page.edit_button.click()
    row = next(r for r in range(page.model.rowCount())
               if page.model.record(r).data_source == "Police recorded crime, quarterly")
    page.table.selectRow(row)
    dialog = _open_history(qtbot, window, page.history_button)
    assert page.model.record(row).indicator in dialog.windowTitle()
    assert_newest_line(dialog, "Target — ", "data source:", "→ Police recorded crime, quarterly")


def test_criterion_history_shows_the_rating_just_saved(qtbot, window):
    window.services.audit.set_officer("Priya Shah")
    tab = window.accreditation_tab
    window.tabs.setCurrentWidget(tab)
    page = tab.self_page
    page.select_criterion(Criterion.EFFICIENT)
    page.narrative.setPlainText("Meetings now end on time.")
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    dialog = _open_history(qtbot, window, page.history_button)
    assert Criterion.EFFICIENT.label in dialog.windowTitle()
    assert_newest_line(dialog, "Criterion assessment — ", "narrative:",
                       "  after:\n    Meetings now end on time.")


def test_round_history_shows_the_go_outcome_just_saved(qtbot, window):
    window.services.audit.set_officer("Priya Shah")
    tab = window.accreditation_tab
    window.tabs.setCurrentWidget(tab)
    tab.pages.setCurrentIndex(GO)
    page = tab.go_page
    page.outcome.setCurrentIndex(list(Outcome).index(Outcome.ACCREDITED))
    page.comments.setPlainText("Accredited; see the letter of 28/02.")
    qtbot.mouseClick(page.save_outcome_button, Qt.MouseButton.LeftButton)
    dialog = _open_history(qtbot, window, tab.history_button)
    assert tab.round.name in dialog.windowTitle()
    assert_newest_line(dialog, "Assessment round — ", "outcome: pending → accredited",
                       "Accredited; see the letter of 28/02.")


def test_history_of_the_selected_record_follows_the_page_in_front(qtbot, window):
    tab = window.accreditation_tab
    window.tabs.setCurrentWidget(tab)
    window.audit.history_action.trigger()
    qtbot.addWidget(window.audit.history_dialog)
    criterion = tab.self_page.criterion()
    assert criterion.label in window.audit.history_dialog.windowTitle()
    tab.pages.setCurrentIndex(GO)
    window.audit.history_action.trigger()
    qtbot.addWidget(window.audit.history_dialog)
    assert window.audit.history_dialog.windowTitle() == f"History — {tab.round.name}"
    window.tabs.setCurrentWidget(window.strategies_tab)
    window.strategies_tab.pages.setCurrentIndex(TARGETS)
    window.strategies_tab.targets.table.selectRow(0)
    window.audit.history_action.trigger()
    qtbot.addWidget(window.audit.history_dialog)
    assert "Target:" in window.audit.history_dialog.windowTitle()
