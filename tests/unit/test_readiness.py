"""Readiness signals on crafted data: each signal, the data rating, and disagreements."""

from __future__ import annotations

from datetime import date

from lsp_desktop.domain.accreditation import (
    AssessmentRound,
    CriterionAssessment,
    EvidenceItem,
    Weakness,
)
from lsp_desktop.domain.actions import Action, ActionStatus
from lsp_desktop.domain.criteria import Criterion, Rating
from lsp_desktop.domain.members import MemberRow
from lsp_desktop.domain.readiness import (
    Place,
    ReadinessInput,
    Signal,
    TargetFacts,
    action_focused_signals,
    data_rating,
    disagreement,
    efficient_signals,
    inclusive_signals,
    learning_signals,
    performance_signals,
    readiness,
    strategic_signals,
)
from lsp_desktop.domain.strategies import (
    StrategyStatus,
    StrategySummary,
    StrategyType,
    TargetStatus,
)

TODAY = date(2002, 6, 1)
C = Criterion
R = Rating

_COUNTER = iter(range(1, 10_000))


def member(sector="public", category="Local authority", role="member", org=None,
           current=True) -> MemberRow:
    mid = next(_COUNTER)
    return MemberRow(mid, f"Member {mid}", org if org is not None else f"Body {mid}", sector,
                     category, role, date(2001, 4, 1), None, current, False, f"m{mid}")


def balanced_board() -> tuple[MemberRow, ...]:
    return (tuple(member("community", "Residents and community groups") for _ in range(3))
            + (member("community", "Faith communities"), member("community", "BME groups"))
            + tuple(member("voluntary", "Voluntary organisations") for _ in range(5))
            + tuple(member("private", "Private sector and business") for _ in range(5))
            + tuple(member("public", cat) for cat in (
                "Local councillors", "Local authority", "Police", "Primary Care Trust",
                "Learning and Skills Council")))


def by_key(signals: list[Signal]) -> dict[str, Signal]:
    return {s.key: s for s in signals}


def action(**kw) -> Action:
    base = dict(reference="A-1", title="Do it", owner_body="Council", due=date(2002, 9, 1),
                criterion=C.STRATEGIC, amount=1000)
    base.update(kw)
    return Action(**base)


# -- inclusive -------------------------------------------------------------
def test_inclusive_shows_small_sectors_beside_the_reference_board_and_missing_groups():
    # The guidance names no quota: a small sector is shown, not flagged (issue 20).
    board = (tuple(member("public") for _ in range(8))
             + (member("community", "Residents and community groups"),
                member("voluntary", "Voluntary organisations"), member("private",
                                                                       "Chamber of Commerce")))
    s = by_key(inclusive_signals(ReadinessInput(TODAY, board)))
    assert s["sectors"].level == R.GREEN
    assert "community 1 of 11 (9%; Southwark, 2002: 8 of 26, 31%)" in s["sectors"].sentence
    assert s["representation"].level == R.RED
    assert "faith communities, BME groups" in s["representation"].sentence
    assert s["expected bodies"].place == Place.MEMBERS
    assert "consultation" not in s     # no strategies data: no signal rather than a guess


def test_inclusive_missing_sector_is_red_and_balanced_board_green():
    board = tuple(member("public") for _ in range(4)) + (member("community"),)
    assert by_key(inclusive_signals(ReadinessInput(TODAY, board)))["sectors"].level == R.RED
    good = by_key(inclusive_signals(ReadinessInput(TODAY, balanced_board())))
    assert good["sectors"].level == R.GREEN
    assert good["representation"].level == R.GREEN


def test_the_guidance_model_board_is_not_flagged_for_its_sector_balance():
    # Southwark 2002: 6 residents, 5 voluntary, 2 faith, 2 business, 11 statutory.
    board = (tuple(member("community", "Residents and community groups") for _ in range(6))
             + tuple(member("voluntary", "Voluntary organisations") for _ in range(5))
             + tuple(member("community", "Faith communities") for _ in range(2))
             + tuple(member("private", "Private sector and business") for _ in range(2))
             + tuple(member("public") for _ in range(11)))
    sectors = by_key(inclusive_signals(ReadinessInput(TODAY, board)))["sectors"]
    assert sectors.level == R.GREEN
    assert "private 2 of 26 (8%; Southwark, 2002: 2 of 26, 8%)" in sectors.sentence
    no_business = tuple(m for m in board if m.sector != "private")
    sectors = by_key(inclusive_signals(ReadinessInput(TODAY, no_business)))["sectors"]
    assert sectors.level == R.RED and "private sector" in sectors.sentence


def test_deferral_holds_back_a_third_of_the_following_years_allocation():
    from lsp_desktop.domain.accreditation import deferred_nrf, financial_year_of

    allocations = {"2001/02": 4_200_000, "2002/03": 6_300_000}
    held = deferred_nrf(financial_year_of(date(2002, 2, 28)), allocations)
    assert held.financial_year == "2002/03"
    assert (held.anticipated, held.released, held.withheld) == (6_300_000, 4_221_000,
                                                                2_079_000)
    assert "2002/03" in held.sentence() and "deferred in 2001/02" in held.sentence()
    assert deferred_nrf("2002/03", allocations).anticipated is None   # no 2003/04 recorded


def test_inclusive_counts_consultation_events_in_the_last_year_only():
    old = ReadinessInput(TODAY, balanced_board(), consultations=(date(2001, 5, 1),))
    assert by_key(inclusive_signals(old))["consultation"].level == R.RED
    recent = ReadinessInput(TODAY, balanced_board(),
                            consultations=(date(2001, 9, 1), date(2002, 3, 1)))
    signal = by_key(inclusive_signals(recent))["consultation"]
    assert signal.level == R.GREEN and signal.place == Place.STRATEGIES
    assert signal.sentence.startswith("2 consultation events")


# -- action-focused --------------------------------------------------------
def test_action_focused_overdue_share_and_loose_actions():
    actions = (action(due=date(2002, 1, 1)), action(), action(owner_body="", due=None),
               action(due=date(2001, 1, 1), status=ActionStatus.COMPLETE))
    s = by_key(action_focused_signals(ReadinessInput(TODAY, actions=actions)))
    assert s["overdue"].level == R.AMBER_RED and "1 of 4 actions (25%)" in s["overdue"].sentence
    assert s["owner and due date"].sentence.startswith("1 of 3 open actions")
    assert s["owner and due date"].place == Place.ACTIONS


def test_action_focused_weaknesses_without_an_action():
    rnd = AssessmentRound("R", criteria=(
        CriterionAssessment(C.INCLUSIVE, weaknesses=(Weakness("a", action_id=3), Weakness("b"))),
    ))
    s = by_key(action_focused_signals(ReadinessInput(TODAY, assessment=rnd)))
    assert s["weaknesses"].sentence == "1 of 2 weaknesses have no action in the action plan."
    assert s["weaknesses"].level == R.AMBER_RED and s["weaknesses"].place == Place.ASSESSMENT
    assert s["weaknesses"].where == "Self-assessment: Inclusive"     # where the bare one is
    assert "overdue" not in s


def test_action_focused_with_no_actions_is_red():
    s = by_key(action_focused_signals(ReadinessInput(TODAY, actions=())))
    assert s["overdue"].level == R.RED


# -- performance managed ---------------------------------------------------
def test_performance_targets_data_and_off_track():
    targets = (TargetFacts("Burglary", True, True, TargetStatus.OFF_TRACK),
               TargetFacts("Worklessness", True, False, TargetStatus.NO_DATA),
               TargetFacts("GCSEs", True, True, TargetStatus.ON_TRACK),
               TargetFacts("Teenage pregnancy", True, True, TargetStatus.ON_TRACK))
    actions = (action(), action(criterion=None), action(criterion=None, target_id=4))
    s = by_key(performance_signals(ReadinessInput(TODAY, targets=targets, actions=actions)))
    assert s["target data"].sentence == "1 of 4 targets lack a baseline or a latest value."
    assert s["off track"].level == R.AMBER_RED and "Burglary" in s["off track"].sentence
    assert s["linked actions"].sentence.startswith("1 of 3 actions are linked to no target")


def test_performance_without_targets_is_red():
    s = by_key(performance_signals(ReadinessInput(TODAY, targets=())))
    assert s["target data"].level == R.RED


# -- strategic -------------------------------------------------------------
def summary(kind, status, empty=(), endorsed=()) -> StrategySummary:
    return StrategySummary(1, kind, "S", "2002-2012", status, "", 1, tuple(empty), 0,
                           tuple(endorsed))


def test_strategic_reads_state_components_and_endorsement():
    board = (member(org="Thameside Council"), member(org="Thameside PCT"),
             member(org="Police"), member(org="Youth Action"))
    strategies = (
        summary(StrategyType.COMMUNITY, StrategyStatus.AGREED,
                endorsed=("Thameside Council", "thameside pct", "Police")),
        summary(StrategyType.NEIGHBOURHOOD_RENEWAL, StrategyStatus.CONSULTATION_DRAFT,
                empty=("Learning plan",)))
    s = by_key(strategic_signals(ReadinessInput(TODAY, board, strategies=strategies)))
    assert s["community strategy"].level == R.GREEN
    assert s["neighbourhood renewal strategy"].level == R.AMBER_RED
    assert "empty: Learning plan" in s["neighbourhood renewal strategy"].sentence
    assert s["endorsement"].sentence.startswith("3 of 4 member bodies (75%)")
    assert s["endorsement"].level == R.GREEN


def test_strategic_with_no_strategies_is_red():
    s = by_key(strategic_signals(ReadinessInput(TODAY, (member(),), strategies=())))
    assert s["community strategy"].level == R.RED
    assert s["endorsement"].level == R.RED


# -- efficient -------------------------------------------------------------
def test_efficient_substitutes_declarations_and_resources():
    a, b, c, d = (member() for _ in range(4))
    sub = member(role="substitute")
    data = ReadinessInput(TODAY, (a, b, c, d, sub), declared_member_ids=frozenset({a.id, b.id}),
                          substitutes={a.id: (sub.id,)},
                          actions=(action(), action(amount=None)))
    s = by_key(efficient_signals(data))
    assert s["substitutes"].sentence.startswith("1 of 4 board seats (25%)")
    assert s["substitutes"].level == R.AMBER_GREEN
    assert s["declarations"].sentence.startswith("3 of 5 members representing a body")
    assert s["resources"].sentence.startswith("1 of 2 actions (50%)")


# -- learning and development ----------------------------------------------
def test_learning_plan_actions_and_training_evidence():
    rnd = AssessmentRound("R", criteria=(CriterionAssessment(C.LEARNING, evidence=(
        EvidenceItem("Induction day for members"), EvidenceItem("Budget paper"))),))
    data = ReadinessInput(TODAY, assessment=rnd, learning_plan_written=False,
                          actions=(action(criterion=C.LEARNING),))
    s = by_key(learning_signals(data))
    assert s["learning plan"].level == R.RED
    assert s["learning actions"].sentence == "1 action is linked to learning and development."
    assert s["training evidence"].level == R.AMBER_GREEN


# -- the whole picture -----------------------------------------------------
def test_data_rating_rounds_halves_down_and_disagreement_is_pointed_out():
    def sig(level):
        return Signal(C.EFFICIENT, "k", level, f"{level} thing.", Place.MEMBERS)

    assert data_rating([sig(R.GREEN), sig(R.AMBER_GREEN)]) == R.AMBER_GREEN
    assert data_rating([sig(R.GREEN), sig(R.GREEN), sig(R.AMBER_GREEN)]) == R.GREEN
    assert data_rating([sig(R.GREEN), sig(R.GREEN), sig(R.RED)]) == R.AMBER_GREEN
    assert data_rating([]) == R.NOT_ASSESSED
    text = disagreement(R.GREEN, R.RED, [sig(R.RED)])
    assert "You rate this green but the data point to red" in text and "red thing." in text
    assert disagreement(R.GREEN, R.AMBER_GREEN, [sig(R.AMBER_GREEN)]) == ""
    assert "too modest" in disagreement(R.RED, R.GREEN, [sig(R.GREEN)])


def test_readiness_never_changes_the_officers_rating():
    rnd = AssessmentRound("R", criteria=(CriterionAssessment(C.EFFICIENT, rating=R.GREEN,
                                                             go_rating=R.AMBER_GREEN),))
    board = tuple(member() for _ in range(6))
    result = {r.criterion: r for r in readiness(ReadinessInput(TODAY, board, assessment=rnd))}
    eff = result[C.EFFICIENT]
    assert (eff.self_rating, eff.go_rating) == (R.GREEN, R.AMBER_GREEN)
    assert eff.data_rating == R.RED and eff.disagreement
    assert list(result) == list(Criterion)
