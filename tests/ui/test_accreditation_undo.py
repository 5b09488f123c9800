"""Edit ▸ Undo takes back a criterion's saved self-assessment and a removed weakness."""

from __future__ import annotations

import pytest

from lsp_desktop.domain.criteria import Criterion, Rating
from lsp_desktop.ui import prompts


@pytest.fixture
def page(window, monkeypatch):
    monkeypatch.setattr(prompts, "confirm", lambda *a, **k: True)
    window.tabs.setCurrentWidget(window.accreditation_tab)
    window.ensure_fresh(window.accreditation_tab)
    page = window.accreditation_tab.self_page
    page.select_criterion(Criterion.STRATEGIC)
    return page


def _saved(window, criterion=Criterion.STRATEGIC):
    return window.services.accreditation.latest_round().assessment(criterion)


def test_undo_and_redo_a_saved_self_assessment(window, page):
    before = _saved(window)
    page.narrative.setPlainText("Rewritten by mistake")
    page.rating.set_rating(Rating.RED)
    page.save_button.click()
    assert (_saved(window).narrative, _saved(window).rating) == ("Rewritten by mistake",
                                                                  Rating.RED)
    assert window.undo_stack.undoText() == "Save the self-assessment of Strategic"
    window.undo_stack.undo()
    assert (_saved(window).narrative, _saved(window).rating) == (before.narrative,
                                                                  before.rating)
    assert page.narrative.toPlainText() == before.narrative      # the page shows it too
    window.undo_stack.redo()
    assert _saved(window).narrative == "Rewritten by mistake"
    assert page.narrative.toPlainText() == "Rewritten by mistake"


def test_text_saved_on_moving_on_can_be_undone_too(window, page):
    before = _saved(window, Criterion.STRATEGIC)
    page.narrative.setPlainText("Typed, then moved on")
    page.select_criterion(Criterion.INCLUSIVE)            # saves what was typed
    assert _saved(window).narrative == "Typed, then moved on"
    window.undo_stack.undo()
    assert _saved(window).narrative == before.narrative


def test_undo_a_removed_weakness_brings_it_back_with_its_action(window, page):
    weaknesses = _saved(window).weaknesses
    linked = next(w for w in weaknesses if w.action_id is not None)
    page.weakness_table.selectRow(page.weakness_model.row_of(lambda w: w.id == linked.id))
    page.remove_weakness()
    assert linked.text not in [w.text for w in _saved(window).weaknesses]
    window.undo_stack.undo()
    back = [w for w in _saved(window).weaknesses if w.text == linked.text]
    assert len(back) == 1 and back[0].action_id == linked.action_id
    window.undo_stack.redo()
    assert linked.text not in [w.text for w in _saved(window).weaknesses]


def test_undo_after_another_officer_saved_says_so_and_keeps_theirs(window, page, monkeypatch):
    errors = []
    monkeypatch.setattr(prompts, "error", lambda _p, title, text: errors.append(text))
    page.narrative.setPlainText("Mine")
    page.save_button.click()
    service = window.services.accreditation
    rnd = service.latest_round()
    mine = rnd.assessment(Criterion.STRATEGIC)
    service.save_criterion(rnd.id, Criterion.STRATEGIC, mine.rating, "Theirs", mine.strengths,
                           version=mine.version)
    window.undo_stack.undo()
    assert errors and "Could not save the self-assessment of strategic" in errors[0]
    assert _saved(window).narrative == "Theirs"


def test_each_tab_undoes_its_own_changes(qtbot, window, page):
    """On the Members tab, Ctrl+Z offered to undo an accreditation save made earlier."""
    from PySide6.QtCore import Qt

    page.narrative.setPlainText("Saved on the accreditation page")
    page.save_button.click()
    assert window.undo_action.text() == "&Undo Save the self-assessment of Strategic"
    window.tabs.setCurrentWidget(window.members_tab)
    assert not window.undo_action.isEnabled()                # nothing done on this tab
    tab = window.members_tab
    tab.table.selectRow(0)
    member = window.services.members.get(tab.selected_id())
    services = window.services
    services.members.update(member.with_changes(phone="020 7946 0999"))
    qtbot.keyClick(tab.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert _saved(window).narrative == "Saved on the accreditation page"   # untouched
    window.tabs.setCurrentWidget(window.accreditation_tab)
    assert window.undo_action.isEnabled()
    window.undo_action.trigger()
    assert _saved(window).narrative != "Saved on the accreditation page"
