"""A second officer saves the record being edited: every edit in the window shows their
change and offers reload (edit again from theirs) or overwrite (mine over theirs)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

import pytest

from lsp_desktop.domain.accreditation import Outcome
from lsp_desktop.domain.criteria import Criterion, Rating
from lsp_desktop.ui.accreditation.accreditation_dialogs import (
    ConcernDialog,
    EvidenceDialog,
    GoRatingDialog,
    RoundDetailsDialog,
    WeaknessDialog,
)
from lsp_desktop.ui.accreditation.accreditation_tab import GO
from lsp_desktop.ui.common.conflict import find_id
from lsp_desktop.ui.common.table_helpers import selected_record
from lsp_desktop.ui.partnership.partnership_dialog import PartnershipDialog
from lsp_desktop.ui.strategies.strategies_tab import CONSULTATION, TARGETS
from lsp_desktop.ui.strategies.strategy_dialogs import (
    ConsultationDialog,
    NeighbourhoodDialog,
    StrategyDialog,
)
from lsp_desktop.ui.strategies.strategy_pages import selected
from lsp_desktop.ui.strategies.target_dialog import TargetDialog
from tests.ui.helpers import answer_conflict, scripted_exec

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


@pytest.fixture(autouse=True)
def messages(monkeypatch):
    """Message boxes shown, as (title, text), instead of waiting for a click."""
    seen = []
    for kind in ("error", "warning", "info"):
        monkeypatch.setattr(f"lsp_desktop.ui.prompts.{kind}",
                            lambda _p, title, text: seen.append((title, text)))
    return seen


# -- opening each record's edit as an officer would ---------------------------------
def _strategies(window, page: int | None = None):
    tab = window.strategies_tab
    window.tabs.setCurrentWidget(tab)
    if page is not None:
        tab.pages.setCurrentIndex(page)
    return tab


def _accreditation(window, page: int | None = None, round_name: str | None = None):
    tab = window.accreditation_tab
    window.tabs.setCurrentWidget(tab)
    if round_name is not None:
        tab.select_round(next(r.id for r in window.services.accreditation.rounds()
                              if r.name == round_name))
    if page is not None:
        tab.pages.setCurrentIndex(page)
    return tab


def _open_row(table, button, pick=selected_record):
    table.selectRow(0)
    return pick(table).id, button.click


def open_strategy(window):
    tab = _strategies(window)
    return tab.strategy.id, tab.details_button.click


def open_target(window):
    page = _strategies(window, TARGETS).targets
    return _open_row(page.table, page.edit_button, selected)


def open_neighbourhood(window):
    page = _strategies(window, TARGETS).targets
    return _open_row(page.hood_table, page.edit_hood, selected)


def open_consultation(window):
    page = _strategies(window, CONSULTATION).consultation
    return _open_row(page.table, page.edit_button, selected)


def open_round(window):
    tab = _accreditation(window)
    return tab.round.id, tab.details_button.click


def open_weakness(window):
    page = _accreditation(window).self_page
    return _open_row(page.weakness_table, page.edit_weakness_button)


def open_evidence(window):
    page = _accreditation(window).self_page
    return _open_row(page.evidence_table, page.edit_evidence_button)


def open_concern(window):
    page = _accreditation(window, GO, "Accreditation 2001/02").go_page
    return _open_row(page.concern_table, page.edit_concern_button)


def open_go_rating(window):
    tab = _accreditation(window, GO)
    tab.go_page.ratings_table.selectRow(0)
    return tab.round.id, tab.go_page.rate_button.click


def open_partnership(window):
    return None, window.edit_details


# -- reading them back through the services ------------------------------------------
def _criterion_of(acc, kind: str, record_id: int):
    for r in acc.all_rounds():
        for a in r.criteria:
            found = find_id(getattr(a, kind), record_id)
            if found is not None:
                return found
    raise LookupError(record_id)


@dataclass(frozen=True)
class Case:
    """One editable record: how to open its dialog, read it, and change it as the other
    officer (their field) and in the dialog (my field)."""

    name: str
    dialog: type
    open: Callable
    get: Callable                       # (services, id) -> the record as saved
    theirs: Callable                    # (services, record, id) -> their save
    their_field: str
    their_value: object
    mine: Callable                      # (dialog) -> my edit
    my_field: str
    my_value: object
    shown: Callable                     # (dialog) -> their field as the dialog shows it


def _text(widget) -> str:
    return widget.toPlainText() if hasattr(widget, "toPlainText") else widget.text()


CASES = [
    Case("strategy details", StrategyDialog, open_strategy,
         lambda s, i: s.strategies.get(i),
         lambda s, r, _i: s.strategies.update(replace(r, period="2003-2013")),
         "period", "2003-2013",
         lambda d: d.officer_edit.setText("My lead officer"), "lead_officer", "My lead officer",
         lambda d: d.period_edit.text()),
    Case("target", TargetDialog, open_target,
         lambda s, i: s.strategies.target(i),
         lambda s, r, _i: s.strategies.update_target(replace(r, data_source="Their survey")),
         "data_source", "Their survey",
         lambda d: d.indicator_edit.setText("My indicator"), "indicator", "My indicator",
         lambda d: d.source_edit.text()),
    Case("neighbourhood", NeighbourhoodDialog, open_neighbourhood,
         lambda s, i: find_id(s.strategies.neighbourhoods(), i),
         lambda s, r, _i: s.strategies.save_neighbourhood(replace(r, wards="Their wards")),
         "wards", "Their wards",
         lambda d: d.evidence_edit.setPlainText("My evidence"), "evidence", "My evidence",
         lambda d: d.wards_edit.text()),
    Case("consultation entry", ConsultationDialog, open_consultation,
         lambda s, i: find_id(s.strategies.consultations(), i),
         lambda s, r, _i: s.strategies.save_consultation(replace(r, reached="Their group")),
         "reached", "Their group",
         lambda d: d.summary_edit.setPlainText("My summary"), "summary", "My summary",
         lambda d: d.reached_edit.text()),
    Case("round details", RoundDetailsDialog, open_round,
         lambda s, i: s.accreditation.get_round(i),
         lambda s, r, _i: s.accreditation.update_round(replace(r, participants="Their list")),
         "participants", "Their list",
         lambda d: d.year.setText("2003/04"), "financial_year", "2003/04",
         lambda d: d.participants.toPlainText()),
    Case("weakness", WeaknessDialog, open_weakness,
         lambda s, i: _criterion_of(s.accreditation, "weaknesses", i),
         lambda s, r, _i: s.accreditation.update_weakness(r.id, "Their text", r.version),
         "text", "Their text",
         lambda d: d.text.setPlainText("My text"), "text", "My text",
         lambda d: d.text.toPlainText()),
    Case("evidence", EvidenceDialog, open_evidence,
         lambda s, i: _criterion_of(s.accreditation, "evidence", i),
         lambda s, r, _i: s.accreditation.update_evidence(replace(r, reference="Their shelf")),
         "reference", "Their shelf",
         lambda d: d.title.setText("My title"), "title", "My title",
         lambda d: d.reference.text()),
    Case("area of concern", ConcernDialog, open_concern,
         lambda s, i: find_id(s.accreditation.find_round("Accreditation 2001/02").concerns, i),
         lambda s, r, _i: s.accreditation.update_concern(replace(r, text="Their concern")),
         "text", "Their concern",
         lambda d: d.status.setCurrentIndex(2), "status", "resolved",
         lambda d: d.text.toPlainText()),
    Case("GO rating", GoRatingDialog, open_go_rating,
         lambda s, i: s.accreditation.get_round(i).criteria[0],
         lambda s, r, i: s.accreditation.set_go_rating(i, r.criterion, r.go_rating,
                                                       "Their letter", r.version),
         "go_comments", "Their letter",
         lambda d: d.rating.set_rating(Rating.RED), "go_rating", Rating.RED,
         lambda d: d.comments.toPlainText()),
    Case("partnership details", PartnershipDialog, open_partnership,
         lambda s, _i: s.partnership.get(),
         lambda s, r, _i: s.partnership.save(replace(r, council_area="Their borough")),
         "council_area", "Their borough",
         lambda d: d.name.setText("My partnership"), "name", "My partnership",
         lambda d: d.council_area.text()),
]



def run_case(window, monkeypatch, case: Case, choice: str):
    """Open the record's dialog; while it is open the other officer saves their change
    and I make mine and press OK; `choice` answers the conflict. Returns (record id,
    what was asked, their field as shown by the dialog reopened after a reload)."""
    services = window.services
    record_id, trigger = case.open(window)
    shown = []

    def edit(dialog):
        case.theirs(services, case.get(services, record_id), record_id)
        case.mine(dialog)
        return True

    def look(dialog):
        shown.append(case.shown(dialog))
        return False
    scripted_exec(monkeypatch, case.dialog, [edit, look])
    asked = answer_conflict(monkeypatch, choice)
    trigger()
    return record_id, asked, shown


@pytest.mark.parametrize("choice", ["reload", "overwrite"])
@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_every_edit_dialog_offers_reload_and_overwrite(window, monkeypatch, case, choice):
    record_id, asked, shown = run_case(window, monkeypatch, case, choice)
    assert len(asked) == 1, "the conflict was not offered"
    title, text, their_change = asked[0]
    assert "changed by another officer" in title
    assert "was changed by" in text and "not saved" in text
    assert str(case.their_value) in their_change
    saved = case.get(window.services, record_id)
    if choice == "overwrite":
        assert getattr(saved, case.my_field) == case.my_value
        assert shown == []                       # saved at once, no second dialog
        if case.my_field != case.their_field:
            assert getattr(saved, case.their_field) != case.their_value
    else:
        assert shown == [case.their_value]       # the dialog reopened on their version
        assert getattr(saved, case.their_field) == case.their_value
        if case.my_field != case.their_field:
            assert getattr(saved, case.my_field) != case.my_value


# -- targets, self-assessment and GO review in detail --------------------------------
def _target_case() -> Case:
    return next(c for c in CASES if c.name == "target")


def test_target_reload_shows_their_figures_in_the_table(window, monkeypatch):
    page = window.strategies_tab.targets
    record_id, asked, shown = run_case(window, monkeypatch, _target_case(), "reload")
    assert "Data source:" in asked[0][2] and "→ Their survey" in asked[0][2]
    assert shown == ["Their survey"]
    # I closed the reopened dialog: the table behind shows their version already.
    row = page.model.row_where(lambda t: t.id == record_id)
    assert page.model.record(row).data_source == "Their survey"
    assert window.services.strategies.target(record_id).indicator != "My indicator"


def test_target_overwrite_saves_mine_over_theirs(window, monkeypatch):
    page = window.strategies_tab.targets
    record_id, asked, _ = run_case(window, monkeypatch, _target_case(), "overwrite")
    saved = window.services.strategies.target(record_id)
    assert saved.indicator == "My indicator" and saved.data_source != "Their survey"
    row = page.model.row_where(lambda t: t.id == record_id)
    assert page.model.record(row).indicator == "My indicator"


def test_target_cancel_goes_back_to_my_dialog_with_my_text(window, monkeypatch):
    services = window.services
    page = _strategies(window, TARGETS).targets
    record_id, trigger = _open_row(page.table, page.edit_button, selected)
    again = []

    def edit(dialog):
        t = services.strategies.target(record_id)
        services.strategies.update_target(replace(t, data_source="Their survey"))
        dialog.indicator_edit.setText("My indicator")
        return True
    dialogs = scripted_exec(monkeypatch, TargetDialog, [
        edit, lambda d: again.append(d.indicator_edit.text()) or False])
    answer_conflict(monkeypatch, "cancel")
    trigger()
    assert again == ["My indicator"] and dialogs[0] is dialogs[1]
    saved = services.strategies.target(record_id)
    assert saved.data_source == "Their survey" and saved.indicator != "My indicator"


def _their_narrative(services, text: str = "Their narrative") -> None:
    rnd = services.accreditation.latest_round()
    a = rnd.assessment(Criterion.STRATEGIC)
    services.accreditation.save_criterion(rnd.id, a.criterion, a.rating, text,
                                          a.strengths, version=a.version)


@pytest.mark.parametrize("choice", ["reload", "overwrite"])
def test_self_assessment_save_button(window, monkeypatch, choice):
    services = window.services
    page = _accreditation(window).self_page
    page.select_criterion(Criterion.STRATEGIC)
    page.strengths.setPlainText("My strengths")
    _their_narrative(services)
    asked = answer_conflict(monkeypatch, choice)
    page.save_button.click()
    assert len(asked) == 1 and "Their narrative" in asked[0][2]
    saved = services.accreditation.latest_round().assessment(Criterion.STRATEGIC)
    if choice == "reload":
        assert saved.narrative == "Their narrative" and saved.strengths != "My strengths"
        assert page.narrative.toPlainText() == "Their narrative"
        assert page.strengths.toPlainText() == saved.strengths
    else:
        assert saved.strengths == "My strengths" and saved.narrative != "Their narrative"
        assert page.narrative.toPlainText() == saved.narrative
    asked.clear()
    page.strengths.setPlainText("Mine again")        # the page now holds the new version
    page.save_button.click()
    assert asked == []
    assert services.accreditation.latest_round().assessment(
        Criterion.STRATEGIC).strengths == "Mine again"


def test_self_assessment_typed_then_moving_on_offers_the_conflict(window, monkeypatch):
    services = window.services
    page = _accreditation(window).self_page
    page.select_criterion(Criterion.STRATEGIC)
    page.strengths.setPlainText("My strengths")
    _their_narrative(services)
    asked = answer_conflict(monkeypatch, "overwrite")
    page.select_criterion(Criterion.INCLUSIVE)          # saved on leaving, no Save button
    assert len(asked) == 1
    saved = services.accreditation.latest_round().assessment(Criterion.STRATEGIC)
    assert saved.strengths == "My strengths"


def test_self_assessment_cancel_keeps_what_i_typed(window, monkeypatch, messages):
    services = window.services
    page = _accreditation(window).self_page
    page.select_criterion(Criterion.STRATEGIC)
    page.strengths.setPlainText("My strengths")
    _their_narrative(services)
    answer_conflict(monkeypatch, "cancel")
    page.save_button.click()
    assert page.strengths.toPlainText() == "My strengths" and messages == []
    saved = services.accreditation.latest_round().assessment(Criterion.STRATEGIC)
    assert saved.narrative == "Their narrative" and saved.strengths != "My strengths"


@pytest.mark.parametrize("choice", ["reload", "overwrite"])
def test_go_review_outcome(window, monkeypatch, choice):
    services = window.services
    tab = _accreditation(window, GO)
    page = tab.go_page
    rnd = services.accreditation.get_round(tab.round.id)
    services.accreditation.update_round(replace(rnd, go_comments="Their letter"))
    page.comments.setPlainText("My letter")
    page.outcome.setCurrentIndex(list(Outcome).index(Outcome.ACCREDITED))
    asked = answer_conflict(monkeypatch, choice)
    page.save_outcome_button.click()
    assert len(asked) == 1 and "Their letter" in asked[0][2]
    saved = services.accreditation.get_round(rnd.id)
    if choice == "reload":
        assert saved.go_comments == "Their letter" and saved.outcome == rnd.outcome
        assert page.comments.toPlainText() == "Their letter"
    else:
        assert saved.go_comments == "My letter" and saved.outcome == Outcome.ACCREDITED
        assert page.comments.toPlainText() == "My letter"


@pytest.mark.parametrize("choice", ["reload", "overwrite"])
def test_go_rating(window, monkeypatch, choice):
    case = next(c for c in CASES if c.name == "GO rating")
    round_id, asked, shown = run_case(window, monkeypatch, case, choice)
    model = window.accreditation_tab.go_page.ratings_model
    saved = window.services.accreditation.get_round(round_id).criteria[0]
    if choice == "reload":
        assert shown == ["Their letter"] and saved.go_rating != Rating.RED
    else:
        assert saved.go_rating == Rating.RED and saved.go_comments != "Their letter"
    assert model.row_at(0).go_rating == saved.go_rating      # the table shows what is saved


def test_section_rename_conflict(window, monkeypatch):
    services = window.services
    draft = _strategies(window).draft
    section = draft.current_section()
    services.strategies.rename_section(section.id, "Their title")
    monkeypatch.setattr("lsp_desktop.ui.prompts.ask_text", lambda *a, **k: "My title")
    asked = answer_conflict(monkeypatch, "overwrite")
    draft.rename_button.click()
    assert len(asked) == 1 and "Their title" in asked[0][2]
    assert services.strategies.section(section.id).title == "My title"
    assert draft.current_section().title == "My title"


def test_typing_then_another_change_on_the_page_keeps_my_text_and_no_false_conflict(
        window, monkeypatch):
    """A criterion's text typed but not saved is saved before the page reloads, and the
    page then shows it; saving again is not taken for another officer's change."""
    from lsp_desktop.ui.accreditation.accreditation_dialogs import TextDialog

    services = window.services
    page = _accreditation(window).self_page
    page.select_criterion(Criterion.STRATEGIC)
    page.narrative.setPlainText("My narrative")

    def weakness(dialog):
        dialog.text.setPlainText("No youth representative")
        return True
    scripted_exec(monkeypatch, TextDialog, [weakness])
    page.add_weakness_button.click()
    assert page.narrative.toPlainText() == "My narrative"
    asked = answer_conflict(monkeypatch, "cancel")
    page.narrative.setPlainText("My narrative, revised")
    page.save_button.click()
    assert asked == []
    saved = services.accreditation.latest_round().assessment(Criterion.STRATEGIC)
    assert saved.narrative == "My narrative, revised"
    assert "No youth representative" in [w.text for w in saved.weaknesses]


def test_target_deleted_by_the_other_officer_closes_my_dialog(window, monkeypatch, messages):
    services = window.services
    page = _strategies(window, TARGETS).targets
    record_id, trigger = _open_row(page.table, page.edit_button, selected)

    def edit(dialog):
        services.strategies.delete_target(record_id)
        dialog.indicator_edit.setText("My indicator")
        return True
    dialogs = scripted_exec(monkeypatch, TargetDialog, [edit])
    asked = answer_conflict(monkeypatch, "overwrite")
    trigger()
    assert len(dialogs) == 1 and asked == []
    assert messages and "no longer exists" in messages[0][1]
    assert page.model.row_where(lambda t: t.id == record_id) < 0     # gone from the table
