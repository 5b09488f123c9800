"""Strategy drafts tab driven as an officer would: type, save a version, compare,
restore, add a target; and every table model passes qtmodeltester."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QMimeData, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from lsp_desktop.domain.strategies import DiffKind, Strategy, StrategyType
from lsp_desktop.ui import prompts
from lsp_desktop.ui.strategies.compare_dialog import CompareDialog
from lsp_desktop.ui.strategies.strategies_tab import TARGETS, VERSIONS, StrategiesTab
from lsp_desktop.ui.strategies.strategy_tables import (
    ConsultationTableModel,
    EndorsementTableModel,
    NeighbourhoodTableModel,
    SectionTableModel,
    TargetTableModel,
    VersionTableModel,
)
from tests.conftest import TODAY

# The offscreen platform says so whenever a dialog is shown; not a fault of ours.
pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def type_text(widget, text: str) -> None:
    """Type any text, including characters qtbot.keyClicks cannot send."""
    for ch in text:
        for kind in (QKeyEvent.Type.KeyPress, QKeyEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, Qt.Key.Key_unknown,
                                                     Qt.KeyboardModifier.NoModifier, ch))


def in_modal(qtbot, handler) -> None:
    """Run `handler(dialog)` on the next modal dialog to open."""
    def poll():
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(10, poll)
        else:
            handler(dialog)
    QTimer.singleShot(0, poll)


@pytest.fixture
def tab(qtbot, services):
    services.strategies.create(Strategy(StrategyType.COMMUNITY, "Thameside 2012", "2002-2012"))
    widget = StrategiesTab(services.strategies, today=TODAY)
    qtbot.addWidget(widget)
    widget.resize(1200, 800)
    return widget


def test_typing_is_saved_without_a_save_button(qtbot, tab, services):
    editor = tab.draft.editor
    section_id = editor.section_id
    editor.editor.setFocus()
    qtbot.keyClicks(editor.editor, "A safer Thameside <for all> & more ")
    type_text(editor.editor, "Llŷr ŵ")
    qtbot.waitUntil(lambda: "Llŷr ŵ" in services.strategies.section(section_id).body,
                    timeout=3000)
    body = services.strategies.section(section_id).body
    assert "<for all> & more" in body.replace("\\<", "<")
    assert editor.words.text() == "8 words"
    assert tab.draft.model.data(tab.draft.model.index(0, 1)) == "8"
    assert tab.draft.total_label.text() == "4 sections, 8 words in total"
    assert "☑ Long-term vision" in tab.draft.checklist.text()
    assert "☐ Action plan — still empty" in tab.draft.checklist.text()
    # Reading the section back shows exactly what was typed.
    tab.draft.select_row(1)
    tab.draft.select_row(0)
    assert editor.editor.toPlainText() == "A safer Thameside <for all> & more Llŷr ŵ"


def test_formatting_and_pasted_word_text_are_kept_as_markdown(qtbot, tab, services):
    editor = tab.draft.editor
    section_id = editor.section_id
    qtbot.keyClicks(editor.editor, "Vision")
    editor.editor.selectAll()
    editor.bold_action.trigger()
    cursor = editor.editor.textCursor()
    cursor.movePosition(cursor.MoveOperation.End)
    editor.editor.setTextCursor(cursor)
    mime = QMimeData()
    mime.setHtml('<p class=MsoNormal><span style="font-family:Calibri">Pasted &amp; '
                 '<i>kept</i> &lt;b&gt; snake_case</span></p><ul><li>one</li><li>two</li></ul>')
    editor.editor.insertFromMimeData(mime)
    editor.flush()
    body = services.strategies.section(section_id).body
    assert "**Vision**" in body
    assert "*kept*" in body and "- one" in body and "- two" in body
    tab.draft.select_row(1)
    tab.draft.select_row(0)
    text = editor.editor.toPlainText()
    assert "Pasted & kept <b> snake_case" in text
    assert "Calibri" not in body


def _accept_label(label: str):
    def handler(dialog):
        dialog.label_edit.setText(label)
        dialog.ok_button.click()
    return handler


def test_save_version_needs_a_label_then_compare_and_restore(qtbot, tab, services, monkeypatch):
    svc = services.strategies
    strategy_id = tab.strategy.id
    editor = tab.draft.editor
    qtbot.keyClicks(editor.editor, "First vision")
    tab.pages.setCurrentIndex(VERSIONS)       # leaving the draft saves it

    seen = {}

    def empty_then_cancel(dialog):
        dialog.ok_button.click()               # empty label
        seen["error"] = dialog.error_text("label")
        seen["still_open"] = dialog.isVisible()
        dialog.reject()
    in_modal(qtbot, empty_then_cancel)
    tab.versions.save_button.click()
    assert "label" in seen["error"] and seen["still_open"]
    assert svc.version_summaries(strategy_id) == []

    in_modal(qtbot, _accept_label("working draft, January 2002"))
    tab.versions.save_button.click()
    assert tab.versions.model.rowCount() == 1
    assert tab.versions.model.data(tab.versions.model.index(0, 1)) == \
        "working draft, January 2002"

    # Change the draft, then compare v1 with it.
    tab.pages.setCurrentIndex(0)
    tab.draft.select_row(0)
    editor.editor.setFocus()
    cursor = editor.editor.textCursor()
    cursor.movePosition(cursor.MoveOperation.End)
    editor.editor.setTextCursor(cursor)
    qtbot.keyClicks(editor.editor, " for everyone")
    tab.pages.setCurrentIndex(VERSIONS)
    tab.versions.table.selectRow(0)
    shown = {}

    def look(dialog):
        shown["text"] = dialog.view.toPlainText()
        shown["inserted"] = [o.text.strip() for d in dialog.diffs for o in d.ops
                             if o.kind == DiffKind.INSERT]
        dialog.reject()
    in_modal(qtbot, look)
    tab.versions.compare_button.click()
    assert shown["inserted"] == ["for everyone"]
    assert "Long-term vision (changed +2 −0 words)" in shown["text"]

    # Restore v1: the current text is versioned first, then v1 becomes the draft.
    monkeypatch.setattr(prompts, "confirm", lambda *a, **k: True)
    monkeypatch.setattr(prompts, "info", lambda *a, **k: None)
    tab.versions.table.selectRow(0)
    tab.versions.restore_button.click()
    assert [v.number for v in svc.version_summaries(strategy_id)] == [1, 2]
    assert svc.version(strategy_id, 2).sections[0].body.strip() == "First vision for everyone"
    tab.pages.setCurrentIndex(0)
    assert editor.editor.toPlainText() == "First vision"


def test_compare_dialog_marks_insertions_and_deletions(qtbot, services):
    svc = services.strategies
    s = svc.create(Strategy(StrategyType.OTHER, "Learning plan"))
    section = svc.add_section(s.id, "Skills", "Training for <board> members & staff")
    svc.save_version(s.id, "v1")
    svc.save_section_body(section.id, "Training for board members and residents")
    dialog = CompareDialog(svc.version_summaries(s.id), lambda a, b: svc.compare(s.id, a, b))
    qtbot.addWidget(dialog)
    html = dialog.view.toHtml()
    assert "line-through" in html and "underline" in html
    text = dialog.view.toPlainText()
    assert "<board>" in text and "residents" in text
    dialog.new_combo.setCurrentIndex(0)      # v1 against itself
    assert "0 of 1 sections differ" in dialog.view.toPlainText()


def test_add_target_with_bad_input_then_good(qtbot, tab, services):
    svc = services.strategies
    tab.pages.setCurrentIndex(TARGETS)
    seen = {}

    def fill(dialog):
        dialog.indicator_edit.setText("Burglaries per 1,000 households")
        dialog.baseline_edit.setText("forty")
        dialog.baseline_date.set_value(date(2001, 4, 1))
        dialog.target_edit.setText("30")
        dialog.target_date.set_value(date(2000, 4, 1))
        dialog.ok_button.click()
        seen["number"] = dialog.error_text("baseline_value")
        dialog.baseline_edit.setText("40")
        dialog.ok_button.click()
        seen["date"] = dialog.error_text("target_date")
        dialog.target_date.set_value(date(2005, 4, 1))
        dialog.latest_edit.setText("34")
        dialog.latest_date.set_value(date(2003, 4, 1))
        dialog.theme_combo.setCurrentIndex(dialog.theme_combo.findData("crime"))
        dialog.ok_button.click()
    in_modal(qtbot, fill)
    tab.targets.add_button.click()
    assert "'forty' is not a number" in seen["number"]
    assert "must be after the baseline date" in seen["date"]
    targets = svc.targets(tab.strategy.id)
    assert len(targets) == 1 and targets[0].baseline_value == 40.0
    model = tab.targets.model
    assert model.data(model.index(0, TargetTableModel.STATUS)) == "On track"
    assert model.data(model.index(0, TargetTableModel.PROGRESS)) == "60%"
    assert "1 targets: 1 on track" in tab.targets.summary.text()


def test_table_models_pass_qtmodeltester(qtmodeltester, demo_services):
    svc = demo_services.strategies
    community, nrs = svc.strategies()
    hoods = svc.neighbourhoods()
    targets = TargetTableModel()
    targets.set_context(TODAY, {n.id: n.name for n in hoods})
    for model, rows in (
            (SectionTableModel(), svc.sections(nrs.id)),
            (VersionTableModel(), svc.version_summaries(community.id)),
            (targets, svc.targets()),
            (NeighbourhoodTableModel(), hoods),
            (EndorsementTableModel(), svc.endorsements(community.id)),
            (ConsultationTableModel(), svc.consultations())):
        model.set_rows(rows)
        assert model.rowCount() == len(rows) > 0
        model.sort(1, Qt.SortOrder.DescendingOrder)
        qtmodeltester.check(model)


def test_demo_tab_opens_on_the_first_strategy(qtbot, demo_services):
    tab = StrategiesTab(demo_services.strategies, today=TODAY)
    qtbot.addWidget(tab)
    assert tab.strategy_combo.count() == 2
    assert "3 versions" in tab.info.text()
    tab.select_strategy(demo_services.strategies.strategies()[1].id)
    # The demo's LNRS has had its learning plan written since May 2002 (issue 20).
    assert "☑ Learning plan" in tab.draft.checklist.text()
    assert "still empty" not in tab.draft.checklist.text()
    tab.pages.setCurrentIndex(3)
    assert tab.endorsements.model.rowCount() == 0   # v3, agreed April 2002: none yet
    assert "Thameside Primary Care Trust" in tab.endorsements.missing.text()


def test_main_window_has_the_strategy_drafts_tab(qtbot, demo_services, demo_db):
    from lsp_desktop.ui.main_window import MainWindow

    window = MainWindow(demo_services, demo_db.path)
    qtbot.addWidget(window)
    index = window.tabs.indexOf(window.strategies_tab)
    assert window.tabs.tabText(index) == "&Strategy drafts"
    window.tabs.setCurrentIndex(index)          # a hidden tab loads when first shown
    assert window.strategies_tab.strategy_combo.count() == 2


def test_new_strategy_and_details_through_the_dialogs(qtbot, tab, services):
    def new(dialog):
        dialog.ok_button.click()                        # no title
        assert "title" in dialog.error_text("title")
        dialog.type_combo.setCurrentIndex(dialog.type_combo.findData(
            StrategyType.NEIGHBOURHOOD_RENEWAL))
        dialog.title_edit.setText("Renewal <LNRS> & ŵ")
        dialog.period_edit.setText("2002-2005")
        dialog.ok_button.click()
    in_modal(qtbot, new)
    tab.new_button.click()
    created = services.strategies.strategies()[-1]
    assert (created.type, created.title) == (StrategyType.NEIGHBOURHOOD_RENEWAL,
                                             "Renewal <LNRS> & ŵ")
    assert tab.strategy.id == created.id
    assert tab.draft.model.rowCount() == 8
    assert tab.strategy_combo.currentText() == "Renewal <LNRS> & ŵ (2002-2005)"

    def agree(dialog):
        dialog.status_combo.setCurrentIndex(dialog.status_combo.findData("agreed"))
        dialog.ok_button.click()
    in_modal(qtbot, agree)
    tab.details_button.click()
    assert services.strategies.get(created.id).status.value == "agreed"
    assert "Agreed" in tab.info.text()


def test_sections_add_rename_move_remove_from_the_draft_page(qtbot, tab, services,
                                                             monkeypatch):
    answers = iter(["Glossary", "Words we use"])
    monkeypatch.setattr(prompts, "ask_text", lambda *a, **k: next(answers))
    monkeypatch.setattr(prompts, "confirm", lambda *a, **k: True)
    draft = tab.draft
    draft.add_button.click()
    assert draft.current_section().title == "Glossary"
    draft.rename_button.click()
    draft.up_button.click()
    titles = [s.title for s in services.strategies.sections(tab.strategy.id)]
    assert titles[-2:] == ["Words we use", "Arrangements for monitoring"]
    assert draft.current_section().title == "Words we use"
    draft.select_row(1)
    draft.remove_button.click()
    assert "☐ Action plan — still empty" in draft.checklist.text()
    assert draft.model.rowCount() == 4


def test_hiding_the_tab_saves_at_once(qtbot, tab, services):
    tab.show()
    editor = tab.draft.editor
    qtbot.keyClicks(editor.editor, "Typed just before closing")
    assert services.strategies.section(editor.section_id).body == ""
    tab.hide()
    assert "Typed just before closing" in services.strategies.section(editor.section_id).body


def test_editor_toolbar_makes_markdown(qtbot, tab, services):
    editor = tab.draft.editor
    qtbot.keyClicks(editor.editor, "Our vision")
    editor.set_heading(2)
    editor.editor.moveCursor(editor.editor.textCursor().MoveOperation.End)
    qtbot.keyClick(editor.editor, Qt.Key.Key_Return)
    editor.set_heading(0)
    editor.set_list(editor_list_style("decimal"))
    qtbot.keyClicks(editor.editor, "jobs")
    qtbot.keyClick(editor.editor, Qt.Key.Key_Return)
    qtbot.keyClicks(editor.editor, "homes ")
    editor.insert_link("plan", "https://example.org/plan")
    editor.flush()
    body = services.strategies.section(editor.section_id).body
    assert body.startswith("## Our vision")
    lines = [" ".join(line.split()) for line in body.splitlines()]   # Qt writes "1.  jobs"
    assert "1. jobs" in lines and "2. homes [plan](https://example.org/plan)" in lines


def editor_list_style(name: str):
    from PySide6.QtGui import QTextListFormat

    return {"decimal": QTextListFormat.Style.ListDecimal,
            "disc": QTextListFormat.Style.ListDisc}[name]


def test_read_only_partnership_cannot_change_strategies(qtbot, demo_services):
    tab = StrategiesTab(demo_services.strategies, read_only=True, today=TODAY)
    qtbot.addWidget(tab)
    assert tab.draft.editor.editor.isReadOnly()
    assert not tab.draft.add_button.isEnabled()
    assert not tab.versions.save_button.isEnabled()
    assert not tab.versions.restore_button.isEnabled()
    assert tab.versions.compare_button.isEnabled()
    assert not tab.targets.add_button.isEnabled()
    assert not tab.new_button.isEnabled()


def test_other_tabs_hear_of_changes_that_matter_not_of_every_pause(qtbot, tab):
    heard = []
    tab.strategies_changed.connect(lambda: heard.append(1))
    editor = tab.draft.editor
    qtbot.keyClicks(editor.editor, "Some words")
    editor.flush()                              # vision filled: empty components change
    assert len(heard) == 1
    qtbot.keyClicks(editor.editor, " and more words")
    editor.flush()                              # only words: nobody else cares
    assert len(heard) == 1
    in_modal(qtbot, _accept_label("first"))
    tab.versions.save_button.click()
    assert len(heard) == 2


def test_long_unbroken_typing_is_still_saved(qtbot, tab, services, monkeypatch):
    from lsp_desktop.ui.strategies import section_editor

    monkeypatch.setattr(section_editor, "AUTOSAVE_MAX_MS", 0)   # as if typing for long
    editor = tab.draft.editor
    qtbot.keyClicks(editor.editor, "ab")
    assert services.strategies.section(editor.section_id).body.strip() == "ab"


def test_bold_and_italic_shortcuts_while_typing(qtbot, tab, services):
    tab.show()
    editor = tab.draft.editor
    editor.editor.setFocus()
    qtbot.waitUntil(editor.editor.hasFocus)
    qtbot.keyClicks(editor.editor, "plain ")
    qtbot.keyClick(editor.editor, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(editor.editor, "strong")
    qtbot.keyClick(editor.editor, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(editor.editor, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(editor.editor, " leaning")
    editor.flush()
    body = services.strategies.section(editor.section_id).body
    assert body.strip() == "plain **strong** *leaning*"
    tab.draft.select_row(1)
    tab.draft.select_row(0)
    assert editor.editor.toPlainText() == "plain strong leaning"


def test_record_endorsement_only_by_a_body_on_the_register(qtbot, demo_services):
    svc = demo_services.strategies
    tab = StrategiesTab(svc, today=TODAY)
    qtbot.addWidget(tab)
    community = svc.strategies()[0]
    before = len(svc.endorsements(community.id))
    page = tab.endorsements
    assert page.version_combo.currentData() == 3
    seen = {}

    def fill(dialog):
        dialog.body_combo.setEditText("Acme <Lettings> & Co")
        in_modal(qtbot, fix)         # the service refuses it; the dialog comes back
        dialog.ok_button.click()

    def fix(dialog):
        seen["error"] = dialog.error_text("body")
        dialog.body_combo.setCurrentIndex(dialog.body_combo.findText("Thameside Drug Action Team"))
        dialog.by_edit.setText("Andrzej Zieliński")
        dialog.ok_button.click()
    in_modal(qtbot, fill)
    page.add_button.click()
    assert "'Acme <Lettings> & Co' is not a body on the register" in seen["error"]
    after = svc.endorsements(community.id)
    assert len(after) == before + 1
    assert any(e.body == "Thameside Drug Action Team" and e.endorsed_by == "Andrzej Zieliński"
               for e in after)
    assert "Thameside Drug Action Team" not in page.missing.text()


def test_consultation_entry_numbers_checked_at_the_field(qtbot, tab, services):
    tab.pages.setCurrentIndex(4)
    seen = {}

    def fill(dialog):
        dialog.event_edit.setText("Open meeting, Northfields & Eastgate")
        dialog.number_edit.setText("about 200")
        dialog.ok_button.click()
        seen["error"] = dialog.error_text("number_reached")
        dialog.number_edit.setText("1,200")
        dialog.responses_edit.setText("85")
        dialog.ok_button.click()
    in_modal(qtbot, fill)
    tab.consultation.add_button.click()
    assert "'about 200' is not a whole number" in seen["error"]
    [entry] = services.strategies.consultations()
    assert (entry.event, entry.number_reached, entry.responses) == (
        "Open meeting, Northfields & Eastgate", 1200, 85)
    assert "1,200 people reached" in tab.consultation.total.text()


def test_user_text_in_message_boxes_is_shown_as_typed(qtbot, tab, services, monkeypatch):
    asked = []
    monkeypatch.setattr(prompts, "confirm", lambda parent, title, text, ok="OK": asked.append(text))
    services.strategies.add_section(tab.strategy.id, "A <b>bold</b> & Co")
    tab.draft.set_strategy(tab.strategy)
    tab.draft.select_row(4)
    tab.draft.remove_button.click()
    assert "A &lt;b&gt;bold&lt;/b&gt; &amp; Co" in asked[0] and "<b>" not in asked[0]
    assert tab.draft.model.rowCount() == 5          # not confirmed: kept


def test_undo_puts_a_removed_section_back(qtbot, services, monkeypatch):
    from PySide6.QtGui import QUndoStack

    svc = services.strategies
    s = svc.create(Strategy(StrategyType.COMMUNITY, "Thameside 2012"))
    svc.save_section_body(svc.sections(s.id)[1].id, "Action plan text & more")
    stack = QUndoStack()
    tab = StrategiesTab(svc, today=TODAY, undo_stack=stack)
    qtbot.addWidget(tab)
    monkeypatch.setattr(prompts, "confirm", lambda *a, **k: True)
    tab.draft.select_row(1)
    tab.draft.remove_button.click()
    assert [x.title for x in svc.sections(s.id)] == [
        "Long-term vision", "Shared commitment", "Arrangements for monitoring"]
    assert stack.undoText() == "Remove section Action plan"
    stack.undo()
    sections = svc.sections(s.id)
    assert [x.title for x in sections][1] == "Action plan"
    assert sections[1].body == "Action plan text & more" and sections[1].component == "Action plan"
    assert tab.draft.model.rowCount() == 4
    stack.redo()
    assert len(svc.sections(s.id)) == 3 and tab.draft.model.rowCount() == 3
