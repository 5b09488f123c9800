"""Accreditation service: catalogue, carrying a round over, weaknesses to actions, evidence, outcome."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from lsp_desktop.domain.accreditation import (
    MAX_EVIDENCE_BYTES,
    Concern,
    ConcernStatus,
    EvidenceItem,
    EvidenceKind,
    Outcome,
    RoundKind,
)
from lsp_desktop.domain.criteria import Criterion, Rating
from lsp_desktop.domain.errors import DomainError, ValidationError
from lsp_desktop.domain.partnership import Partnership
from lsp_desktop.services.catalogue import default_catalogue

TODAY = date(2002, 6, 1)
C = Criterion


def test_catalogue_ships_six_criteria_with_prompts_and_can_be_edited_and_reset(services):
    defaults = default_catalogue()
    assert set(defaults) == set(Criterion)
    assert all(info.description and len(info.prompts) >= 3 for info in defaults.values())
    acc = services.accreditation
    edited = acc.set_prompts(C.INCLUSIVE, ["Who is missing?", "  ", "Our own question"])
    assert edited.prompts == ("Who is missing?", "Our own question")
    assert edited.customised
    assert acc.catalogue()[C.STRATEGIC].prompts == defaults[C.STRATEGIC].prompts
    with pytest.raises(ValidationError):
        acc.set_prompts(C.INCLUSIVE, [""])
    acc.reset_prompts(C.INCLUSIVE)
    assert acc.catalogue()[C.INCLUSIVE].prompts == defaults[C.INCLUSIVE].prompts
    assert not acc.catalogue()[C.INCLUSIVE].customised


def test_new_round_carries_ratings_narrative_weaknesses_and_evidence_as_baseline(services, tmp_path):
    acc = services.accreditation
    first = acc.new_round("Accreditation 2001/02", RoundKind.ACCREDITATION, "2001/02")
    acc.save_criterion(first.id, C.INCLUSIVE, Rating.AMBER_GREEN, "Eight resident seats", "Strong CVS")
    acc.add_weakness(first.id, C.INCLUSIVE, "No Benefits Agency member")
    doc = tmp_path / "minutes.pdf"
    doc.write_bytes(b"%PDF-1.4 minutes")
    acc.add_evidence(first.id, C.INCLUSIVE, EvidenceItem("Board minutes", EvidenceKind.MINUTES,
                                                         date(2001, 11, 20)), doc)
    second = acc.new_round("Annual review 2002/03", RoundKind.ANNUAL_REVIEW, "2002/03",
                           carry_from_id=first.id)
    carried = second.assessment(C.INCLUSIVE)
    assert (carried.rating, carried.narrative, carried.strengths) == (
        Rating.AMBER_GREEN, "Eight resident seats", "Strong CVS")
    assert carried.carried
    assert [w.text for w in carried.weaknesses] == ["No Benefits Agency member"]
    assert all(w.carried for w in carried.weaknesses)
    [item] = carried.evidence
    assert item.carried and item.file_name == "minutes.pdf"
    assert acc.evidence_file(item.id) == ("minutes.pdf", b"%PDF-1.4 minutes")
    assert not second.assessment(C.STRATEGIC).carried     # nothing to carry there
    # Re-rating clears the carried mark; the old round is untouched.
    again = acc.save_criterion(second.id, C.INCLUSIVE, Rating.GREEN, "Now nine", "")
    assert not again.carried
    assert acc.get_round(first.id).assessment(C.INCLUSIVE).rating == Rating.AMBER_GREEN
    assert [r.carried_from for r in acc.rounds()] == ["", "Accreditation 2001/02"]
    # Removing the carried copy keeps the original's file.
    acc.remove_evidence(item.id)
    original = acc.get_round(first.id).assessment(C.INCLUSIVE).evidence[0]
    assert acc.evidence_file(original.id)[1] == b"%PDF-1.4 minutes"


def test_round_names_must_be_unique_and_years_real(services):
    acc = services.accreditation
    acc.new_round("Annual review 2002/03", financial_year="2002/03")
    with pytest.raises(ValidationError, match="already a round"):
        acc.new_round("annual review 2002/03")
    with pytest.raises(ValidationError, match="financial year"):
        acc.new_round("Next", financial_year="2003/05")


def test_weakness_becomes_an_action_linked_to_its_criterion(services):
    acc = services.accreditation
    rnd = acc.new_round("Accreditation 2001/02", financial_year="2001/02")
    weakness = acc.add_weakness(rnd.id, C.PERFORMANCE_MANAGED, "No neighbourhood baselines")
    action = acc.weakness_to_action(weakness.id, TODAY)
    assert action.reference and action.title == "No neighbourhood baselines"
    assert action.criterion == C.PERFORMANCE_MANAGED
    assert services.actions.get(action.id).criterion == C.PERFORMANCE_MANAGED
    linked = acc.get_round(rnd.id).assessment(C.PERFORMANCE_MANAGED).weaknesses[0]
    assert linked.action_id == action.id
    with pytest.raises(DomainError, match="already has an action"):
        acc.weakness_to_action(weakness.id, TODAY)


def test_area_of_concern_becomes_an_action_and_is_in_hand(services):
    acc = services.accreditation
    rnd = acc.new_round("Accreditation 2001/02", financial_year="2001/02")
    concern = acc.add_concern(rnd.id, Concern("Statutory agencies not engaged", C.INCLUSIVE))
    action = acc.concern_to_action(concern.id, TODAY)
    assert action.concern_id == concern.id and action.criterion == C.INCLUSIVE
    [saved] = acc.get_round(rnd.id).concerns
    assert saved.action_id == action.id and saved.status == ConcernStatus.IN_HAND


def test_deferred_outcome_holds_back_a_third_of_the_next_years_nrf(services):
    services.partnership.save(Partnership("Thameside", nrf_area=True,
                                          nrf_allocations={"2001/02": 4_200_000,
                                                           "2002/03": 6_300_000}))
    acc = services.accreditation
    rnd = acc.new_round("Accreditation 2001/02", RoundKind.ACCREDITATION, "2001/02")
    assert acc.nrf_notice() == ""
    with pytest.raises(ValidationError, match="review date"):
        acc.set_outcome(rnd.id, Outcome.DEFERRED)
    acc.set_outcome(rnd.id, Outcome.DEFERRED, date(2002, 9, 30))
    [(deferred, consequence)] = acc.nrf_consequences()
    assert deferred.id == rnd.id
    assert (consequence.anticipated, consequence.released, consequence.withheld) == (
        6_300_000, 4_221_000, 2_079_000)
    notice = acc.nrf_notice()
    assert "£4,221,000 (67%)" in notice and "£2,079,000" in notice and "30/09/2002" in notice
    acc.set_outcome(rnd.id, Outcome.ACCREDITED)
    assert acc.nrf_notice() == ""
    assert acc.get_round(rnd.id).review_date is None


def test_deferred_without_an_allocation_says_so(services):
    acc = services.accreditation
    rnd = acc.new_round("Accreditation 2001/02", RoundKind.ACCREDITATION, "2001/02")
    acc.set_outcome(rnd.id, Outcome.DEFERRED, date(2002, 9, 30))
    assert "No allocation is recorded" in acc.nrf_notice()


def test_comparison_shows_improved_and_slipped(services):
    acc = services.accreditation
    a = acc.new_round("2001/02", financial_year="2001/02")
    acc.save_criterion(a.id, C.STRATEGIC, Rating.AMBER_RED, "", "")
    acc.save_criterion(a.id, C.EFFICIENT, Rating.GREEN, "", "")
    b = acc.new_round("2002/03", financial_year="2002/03", carry_from_id=a.id)
    acc.save_criterion(b.id, C.STRATEGIC, Rating.GREEN, "", "")
    acc.save_criterion(b.id, C.EFFICIENT, Rating.AMBER_GREEN, "", "")
    changes = {line.criterion: line.change for line in acc.compare(a.id, b.id)}
    assert changes[C.STRATEGIC] == "improved"
    assert changes[C.EFFICIENT] == "slipped"
    assert changes[C.INCLUSIVE] == "not comparable"


def test_evidence_over_the_limit_is_refused_with_a_clear_message(services, tmp_path):
    acc = services.accreditation
    rnd = acc.new_round("R", financial_year="2002/03")
    big = tmp_path / "census.xls"
    with open(big, "wb") as fh:
        fh.truncate(MAX_EVIDENCE_BYTES + 1)
    with pytest.raises(DomainError, match="at most 20 MB"):
        acc.add_evidence(rnd.id, C.INCLUSIVE, EvidenceItem("Census"), big)
    assert acc.get_round(rnd.id).assessment(C.INCLUSIVE).evidence == ()


def test_missing_and_unreadable_evidence_files_are_refused_clearly(services, tmp_path,
                                                                  monkeypatch):
    acc = services.accreditation
    rnd = acc.new_round("R", financial_year="2002/03")
    with pytest.raises(DomainError, match="no longer there"):
        acc.add_evidence(rnd.id, C.INCLUSIVE, EvidenceItem("Gone"), tmp_path / "gone.pdf")
    locked = tmp_path / "locked.pdf"
    locked.write_bytes(b"secret")
    real_read = Path.read_bytes

    def refuse(path):
        if path.name == "locked.pdf":
            raise PermissionError(13, "Permission denied", str(path))
        return real_read(path)

    monkeypatch.setattr(Path, "read_bytes", refuse)
    with pytest.raises(DomainError, match="permission denied"):
        acc.add_evidence(rnd.id, C.INCLUSIVE, EvidenceItem("Locked"), locked)
    assert acc.get_round(rnd.id).assessment(C.INCLUSIVE).evidence == ()


def test_attached_file_survives_the_original_being_deleted(services, tmp_path):
    acc = services.accreditation
    rnd = acc.new_round("R", financial_year="2002/03")
    doc = tmp_path / "survey.csv"
    doc.write_text("ward,replies\nEastgate,120\n")
    item = acc.add_evidence(rnd.id, C.INCLUSIVE, EvidenceItem("Survey", EvidenceKind.SURVEY), doc)
    doc.unlink()
    exported = acc.export_evidence(item.id, tmp_path)
    assert exported.name == "survey.csv"
    assert exported.read_text() == "ward,replies\nEastgate,120\n"


def test_demo_has_an_accredited_round_with_two_concerns_and_one_in_progress(demo_services):
    acc = demo_services.accreditation
    first, second = acc.rounds()
    assert (first.name, first.outcome) == ("Accreditation 2001/02", Outcome.ACCREDITED)
    assert (second.name, second.outcome) == ("Annual review 2002/03", Outcome.PENDING)
    r1 = acc.get_round(first.id)
    assert len(r1.concerns) == 2
    assert all(a.rating != Rating.NOT_ASSESSED and a.go_rating != Rating.NOT_ASSESSED
               for a in r1.criteria)
    r2 = acc.get_round(second.id)
    assert any(a.carried for a in r2.criteria) and any(not a.carried for a in r2.criteria)


def test_deleting_the_action_unlinks_the_weakness(services):
    acc = services.accreditation
    rnd = acc.new_round("R", financial_year="2002/03")
    weakness = acc.add_weakness(rnd.id, C.EFFICIENT, "Few substitutes")
    action = acc.weakness_to_action(weakness.id, TODAY)
    services.actions.delete(action.id)
    [after] = acc.get_round(rnd.id).assessment(C.EFFICIENT).weaknesses
    assert after.action_id is None
    acc.weakness_to_action(weakness.id, TODAY)      # and it can be answered again


def test_demo_survey_is_attached_inside_the_file(demo_services):
    first = demo_services.accreditation.all_rounds()[0]
    [survey] = [e for e in first.assessment(C.INCLUSIVE).evidence if e.has_file]
    name, data = demo_services.accreditation.evidence_file(survey.id)
    assert name == "residents-survey-2002.csv" and data.startswith(b"ward,")
