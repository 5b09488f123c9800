"""The Accreditation tab's rules, tested without Qt: what the tab and the self-assessment
page show, what they allow, and what a save of the form means."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace
from datetime import date

import pytest

from lsp_desktop.domain.criteria import Criterion, Rating
from lsp_desktop.domain.readiness import Place, Signal
from lsp_desktop.ui.accreditation.accreditation_controller import (
    GO_PAGE,
    NO_ROUND,
    SELF_PAGE,
    AccreditationController,
    Destination,
    SelfAssessmentController,
)

TODAY = date(2002, 6, 30)


@pytest.fixture
def demo(demo_services):
    acc = demo_services.accreditation
    first, second = acc.all_rounds()
    report = demo_services.readiness.for_round(second, TODAY)
    return acc, first, second, report


def test_the_controllers_load_without_qt():
    code = ("import sys, lsp_desktop.ui.accreditation.accreditation_controller; "
            "sys.exit(any(m.startswith(('PySide6', 'shiboken6')) for m in sys.modules))")
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0


def test_without_a_round_only_a_new_round_is_offered():
    tab = AccreditationController(today=TODAY)
    assert tab.summary() == NO_ROUND
    allowed = tab.buttons(rounds=0)
    assert allowed.new_round and not (allowed.details or allowed.delete_round or allowed.compare)
    assert tab.readiness().lines == [] and tab.nrf_text([]) == ""
    read_only = AccreditationController(read_only=True).buttons(rounds=0)
    assert not read_only.new_round


def test_a_round_shown_says_how_far_it_got_and_what_may_be_done(demo):
    acc, first, second, report = demo
    tab = AccreditationController(today=TODAY)
    tab.show(second, report)
    summary = tab.summary()
    rated = sum(a.rating.score is not None for a in second.criteria)
    assert f"{rated} of 6 criteria rated" in summary and "GO outcome: " in summary
    assert summary.startswith(second.kind.label)
    allowed = tab.buttons(rounds=2)
    assert allowed.details and allowed.delete_round and allowed.compare
    assert not tab.buttons(rounds=1).compare
    viewer = AccreditationController(read_only=True, today=TODAY)
    viewer.show(second, report)
    assert viewer.buttons(rounds=2).details and not viewer.buttons(rounds=2).delete_round


def test_readiness_lists_each_criterion_its_signals_and_the_disagreements(demo):
    acc, first, second, report = demo
    tab = AccreditationController(today=TODAY)
    tab.show(second, report)
    view = tab.readiness()
    assert [line.assessment.criterion for line in view.lines] == [r.criterion for r in report]
    assert [line.data_rating for line in view.lines] == [r.data_rating for r in report]
    assert view.signals == [s for r in report for s in r.signals]
    assert "30/06/2002" in view.intro
    assert view.disagreements.splitlines() == [f"{r.criterion.label}: {r.disagreement}"
                                               for r in report if r.disagreement]


def test_after_a_reload_the_round_shown_stays_else_the_latest():
    assert AccreditationController.round_index(7, [3, 7, 9]) == 1
    assert AccreditationController.round_index(5, [3, 7, 9]) == 2      # deleted meanwhile
    assert AccreditationController.round_index(None, [3, 7]) == 1
    assert AccreditationController.round_index(None, []) == -1


def test_the_overview_pairs_self_and_go_ratings_per_round(demo):
    acc, first, second, report = demo
    lines = AccreditationController.overview([first, second])
    assert [line.criterion for line in lines] == list(Criterion)
    strategic = lines[0]
    assert strategic.cells == ((first.assessment(Criterion.STRATEGIC).rating,
                                first.assessment(Criterion.STRATEGIC).go_rating),
                               (second.assessment(Criterion.STRATEGIC).rating,
                                second.assessment(Criterion.STRATEGIC).go_rating))


def test_a_signal_leads_to_the_page_or_tab_where_it_is_fixed():
    def signal(place, focus=None):
        return Signal(Criterion.INCLUSIVE, "k", Rating.RED, "s", place, focus)

    go = AccreditationController.destination
    assert go(signal(Place.ASSESSMENT)) == Destination(SELF_PAGE, Criterion.INCLUSIVE)
    assert go(signal(Place.ASSESSMENT, Criterion.LEARNING)) == Destination(SELF_PAGE,
                                                                           Criterion.LEARNING)
    assert go(signal(Place.GO_REVIEW)) == Destination(GO_PAGE)
    assert go(signal(Place.MEMBERS)) == Destination(place="members")


def test_the_criteria_list_carries_what_the_data_say(demo):
    acc, first, second, report = demo
    page = SelfAssessmentController()
    by_criterion = {r.criterion: r for r in report}
    lines = page.show_round(second, acc.catalogue(), by_criterion)
    assert [line.assessment.criterion for line in lines] == list(Criterion)
    assert [line.data_rating for line in lines] == [by_criterion[c].data_rating
                                                    for c in Criterion]
    assert page.show_round(None, {}, {}) == []


def test_a_criterion_shows_its_description_prompts_and_signals(demo):
    acc, first, second, report = demo
    page = SelfAssessmentController()
    catalogue = acc.catalogue()
    by_criterion = {r.criterion: r for r in report}
    page.show_round(second, catalogue, by_criterion)
    view = page.view(Criterion.INCLUSIVE)
    assert view.heading == Criterion.INCLUSIVE.label
    assert view.description == catalogue[Criterion.INCLUSIVE].description
    assert view.prompts.splitlines() == [f"• {p}" for p in catalogue[Criterion.INCLUSIVE].prompts]
    assert view.carried == second.assessment(Criterion.INCLUSIVE).carried
    signals = by_criterion[Criterion.INCLUSIVE].signals
    assert (view.signals.split("What the data say: ")[-1]
            == " ".join(s.sentence for s in signals)) if signals else view.signals == ""
    assert page.view(None) is None and page.shown is None


def test_typing_is_pending_until_saved_and_a_save_keeps_the_version_read(demo):
    acc, first, second, report = demo
    page = SelfAssessmentController()
    page.show_round(second, acc.catalogue(), {})
    read = second.assessment(Criterion.STRATEGIC)
    form = (read.rating, read.narrative, read.strengths)
    page.loaded_form(read, form)
    assert not page.pending(form)
    typed = (Rating.GREEN, read.narrative + " More.", "Strong board")
    assert page.pending(typed)
    assert page.leaving_unsaved(Criterion.LEARNING, typed)
    assert not page.leaving_unsaved(Criterion.STRATEGIC, typed)      # still on it
    assert not page.leaving_unsaved(Criterion.LEARNING, form)        # nothing typed
    saved = page.to_save(typed)
    assert saved == replace(read, rating=Rating.GREEN, narrative=read.narrative + " More.",
                            strengths="Strong board")
    assert saved.version == read.version and saved.id == read.id
    page.typed(Criterion.STRATEGIC, typed)
    assert not page.pending(typed)


def test_a_read_only_page_never_saves_typing(demo):
    acc, first, second, report = demo
    page = SelfAssessmentController(read_only=True)
    page.show_round(second, acc.catalogue(), {})
    read = second.assessment(Criterion.STRATEGIC)
    page.loaded_form(read, (read.rating, read.narrative, read.strengths))
    assert not page.can_edit
    assert not page.pending((Rating.RED, "changed", ""))
