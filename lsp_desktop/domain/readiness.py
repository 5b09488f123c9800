"""Readiness: signals per criterion computed from the file's data, beside the officer's rating.

Pure functions over plain inputs, so every signal can be tested on crafted data. A signal
never changes a rating; it explains itself in one sentence and names where to fix it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum

from lsp_desktop.domain.accreditation import AssessmentRound
from lsp_desktop.domain.actions import Action, ActionStatus
from lsp_desktop.domain.categories import missing_bodies
from lsp_desktop.domain.criteria import Criterion, Rating
from lsp_desktop.domain.members import NON_SEAT_ROLES, MemberRow, Role, Sector, balance
from lsp_desktop.domain.reference_board import balance_sentence
from lsp_desktop.domain.strategies import (
    StrategyStatus,
    StrategySummary,
    StrategyType,
    TargetStatus,
)
from lsp_desktop.domain.text import fold

TRAINING_WORDS = ("training", "induction", "workshop", "course", "learning", "development",
                  "seminar", "mentoring", "briefing")


class Place(StrEnum):
    """Where a signal can be put right; the window opens it on request."""

    MEMBERS = "members"
    ACTIONS = "actions"
    STRATEGIES = "strategies"
    ASSESSMENT = "assessment"
    GO_REVIEW = "go review"
    MEETINGS = "meetings"
    PROGRAMME = "programme"

    @property
    def label(self) -> str:
        return {"members": "Members tab", "actions": "Action plans tab",
                "strategies": "Strategy drafts tab", "assessment": "Self-assessment",
                "go review": "GO review", "meetings": "Meetings tab",
                "programme": "Programme tab"}[self.value]


@dataclass(frozen=True)
class TargetFacts:
    indicator: str
    has_baseline: bool
    has_latest: bool
    status: TargetStatus


@dataclass(frozen=True)
class ReadinessInput:
    """Everything the signals read. None for a source means 'not recorded in this file'."""

    today: date
    members: tuple[MemberRow, ...] = ()
    declared_member_ids: frozenset[int] = frozenset()
    # member id -> ids of current members deputising for them
    substitutes: dict[int, tuple[int, ...]] = field(default_factory=dict)
    assessment: AssessmentRound | None = None
    actions: tuple[Action, ...] | None = None
    strategies: tuple[StrategySummary, ...] | None = None
    targets: tuple[TargetFacts, ...] | None = None
    consultations: tuple[date, ...] | None = None
    learning_plan_written: bool | None = None
    # Meetings over the round's year: the board's attendance record, minuted decisions.
    board_attendance: object | None = None      # services.meeting_records.AttendanceRecord
    decisions: int | None = None
    quorate_meetings: tuple[int, int] | None = None     # (quorate, held) board meetings
    target_series: tuple[SeriesFacts, ...] | None = None     # the programme's feeds
    programme: ProgrammeFacts | None = None


@dataclass(frozen=True)
class SeriesFacts:
    """A target's series as readiness sees it: a recent value, and its three-way status."""

    indicator: str
    recent: bool                    # a value in the last two quarters
    status: str                     # a target_series.TrackStatus value


@dataclass(frozen=True)
class ProgrammeFacts:
    """The NRF year readiness looks at: the spend profile to date and the forecast."""

    financial_year: str
    available: int
    spent_to_date: int
    profile_to_date: int
    forecast_underspend: int
    recent_since: date | None = None


@dataclass(frozen=True)
class Signal:
    criterion: Criterion
    key: str
    level: Rating
    sentence: str
    place: Place
    focus: Criterion | None = None      # the criterion to open, when not this one

    @property
    def where(self) -> str:
        if self.place == Place.ASSESSMENT:
            return f"{self.place.label}: {(self.focus or self.criterion).label}"
        return self.place.label


@dataclass(frozen=True)
class CriterionReadiness:
    criterion: Criterion
    self_rating: Rating
    go_rating: Rating
    data_rating: Rating
    signals: tuple[Signal, ...]
    disagreement: str = ""          # one sentence when the officer and the data differ widely


_BY_SCORE = {4: Rating.GREEN, 3: Rating.AMBER_GREEN, 2: Rating.AMBER_RED, 1: Rating.RED}


def _pct(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)}%" if whole else "0%"


def _share_level(share: float, good: float, fair: float, poor: float) -> Rating:
    """Lower is better: share <= good is green, <= fair amber/green, <= poor amber/red."""
    if share <= good:
        return Rating.GREEN
    if share <= fair:
        return Rating.AMBER_GREEN
    if share <= poor:
        return Rating.AMBER_RED
    return Rating.RED


def _coverage_level(share: float) -> Rating:
    """Higher is better: three quarters or more green, half amber/green, a quarter amber/red."""
    if share >= .75:
        return Rating.GREEN
    if share >= .5:
        return Rating.AMBER_GREEN
    return Rating.AMBER_RED if share >= .25 else Rating.RED


def _names(items: Iterable[str], limit: int = 4) -> str:
    items = list(items)
    shown = ", ".join(items[:limit])
    return shown + (f" and {len(items) - limit} more" if len(items) > limit else "")


def missing_bodies_on(members, on: date) -> tuple[str, ...]:
    """The expected bodies (not the groups of the representation signal) that no member
    serving on `on` meets, by the catalogue's dates for `on`."""
    present = {r.category for r in members if r.current}
    return missing_bodies(present, on, groups=False)


def _open(actions: tuple[Action, ...]) -> list[Action]:
    return [a for a in actions if a.status not in (ActionStatus.COMPLETE, ActionStatus.DROPPED)]


# -- inclusive ------------------------------------------------------------
def inclusive_signals(data: ReadinessInput) -> list[Signal]:
    c = Criterion.INCLUSIVE
    b = balance(list(data.members), data.today)
    out = []
    if b.total == 0:
        out.append(Signal(c, "sectors", Rating.RED, "No one holds a seat on the board today, "
                          "so the balance of sectors cannot be shown.", Place.MEMBERS))
    else:
        # The guidance asks for "an appropriate balance" and names no quota: only a
        # sector with no seat at all is flagged; the rest is shown beside a real board.
        missing = [s.label for s in Sector if b.by_sector[s] == 0]
        if missing:
            out.append(Signal(c, "sectors", Rating.RED,
                              f"No seat is held by the {_names(missing).lower()} sector"
                              f"{'s' if len(missing) > 1 else ''}.", Place.MEMBERS))
        else:
            out.append(Signal(c, "sectors", Rating.GREEN,
                              f"Every sector holds a seat: {balance_sentence(b)}.",
                              Place.MEMBERS))
    serving = {r.category for r in data.members if r.current}
    groups = {"residents": "Residents and community groups", "faith communities":
              "Faith communities", "BME groups": "BME groups"}
    absent = [name for name, cat in groups.items() if cat not in serving]
    level = (Rating.GREEN, Rating.AMBER_RED, Rating.RED, Rating.RED)[len(absent)]
    out.append(Signal(c, "representation", level,
                      f"No current member represents {_names(absent)}." if absent else
                      "Residents, faith communities and BME groups are all represented.",
                      Place.MEMBERS))
    # Residents, faith and BME groups are named in the signal above: not counted twice.
    bodies = missing_bodies_on(data.members, data.today)
    n = len(bodies)
    level = (Rating.GREEN if n == 0 else Rating.AMBER_GREEN if n <= 2
             else Rating.AMBER_RED if n <= 4 else Rating.RED)
    out.append(Signal(c, "expected bodies", level,
                      f"{n} expected bod{'y is' if n == 1 else 'ies are'} missing from the "
                      f"board: {_names(bodies)}." if n else
                      "Every body the guidance expects sits on the board.", Place.MEMBERS))
    if data.consultations is not None:
        since = data.today - timedelta(days=365)
        recent = [d for d in data.consultations if since < d <= data.today]
        level = Rating.RED if not recent else Rating.AMBER_GREEN if len(recent) == 1 else Rating.GREEN
        out.append(Signal(c, "consultation", level,
                          f"{len(recent)} consultation event{'s' if len(recent) != 1 else ''} "
                          "recorded on the strategies in the last twelve months.",
                          Place.STRATEGIES))
    if data.board_attendance is not None:
        out.append(_attendance_signal(data.board_attendance))
    return out


def _attendance_signal(record) -> Signal:
    """Seats filled at held board meetings by sector (a substitute fills the seat)."""
    c = Criterion.INCLUSIVE
    if not record.meetings:
        return Signal(c, "attendance", Rating.AMBER_RED, "No board meeting with attendance "
                      "taken is recorded in the year.", Place.MEETINGS)
    shares = [r.share for r in record.sectors.values() if r.expected]
    low = min(shares) if shares else 0.0
    level = (Rating.GREEN if low >= .75 else Rating.AMBER_GREEN if low >= .6
             else Rating.AMBER_RED if low >= .4 else Rating.RED)
    return Signal(c, "attendance", level, record.sentence, Place.MEETINGS)


# -- action-focused -------------------------------------------------------
def action_focused_signals(data: ReadinessInput) -> list[Signal]:
    c = Criterion.ACTION_FOCUSED
    out = []
    if data.actions is not None:
        live = [a for a in data.actions if a.status != ActionStatus.DROPPED]
        if not live:
            out.append(Signal(c, "overdue", Rating.RED, "The action plan has no actions yet.",
                              Place.ACTIONS))
        else:
            overdue = [a for a in live if a.is_overdue(data.today)]
            out.append(Signal(c, "overdue", _share_level(len(overdue) / len(live), 0, .1, .25),
                              f"{len(overdue)} of {len(live)} actions "
                              f"({_pct(len(overdue), len(live))}) are overdue.", Place.ACTIONS))
            open_ = _open(data.actions)
            loose = [a for a in open_ if a.due is None
                     or (a.owner_member_id is None and not a.owner_body.strip())]
            out.append(Signal(c, "owner and due date",
                              _share_level(len(loose) / len(open_), 0, .1, .25) if open_
                              else Rating.GREEN,
                              f"{len(loose)} of {len(open_)} open actions lack an owner or a "
                              "due date." if loose else
                              "Every open action has an owner and a due date.", Place.ACTIONS))
    if data.decisions is not None:
        n = data.decisions
        out.append(Signal(c, "decisions", Rating.RED if n == 0 else Rating.AMBER_GREEN if n < 6
                          else Rating.GREEN,
                          f"{n} decision{'s' if n != 1 else ''} minuted at quorate meetings "
                          "in the year (the decisions log).", Place.MEETINGS))
    if data.assessment is not None:
        weaknesses = [w for a in data.assessment.criteria for w in a.weaknesses]
        if not weaknesses:
            out.append(Signal(c, "weaknesses", Rating.AMBER_GREEN,
                              "No weaknesses are recorded in this round; a self-assessment "
                              "usually finds some.", Place.ASSESSMENT))
        else:
            bare = [w for w in weaknesses if w.action_id is None]
            first_bare = next((a.criterion for a in data.assessment.criteria
                               if any(w.action_id is None for w in a.weaknesses)), None)
            out.append(Signal(c, "weaknesses", _share_level(len(bare) / len(weaknesses),
                                                             0, .25, .5),
                              f"{len(bare)} of {len(weaknesses)} weaknesses have no action "
                              "in the action plan." if bare else
                              f"All {len(weaknesses)} weaknesses have an action.",
                              Place.ASSESSMENT, first_bare))
    return out


# -- performance managed --------------------------------------------------
def performance_signals(data: ReadinessInput) -> list[Signal]:
    c = Criterion.PERFORMANCE_MANAGED
    out = []
    if data.targets is not None:
        targets = data.targets
        if not targets:
            out.append(Signal(c, "target data", Rating.RED,
                              "No targets are recorded against the strategies.", Place.STRATEGIES))
        else:
            gaps = [t for t in targets if not (t.has_baseline and t.has_latest)]
            out.append(Signal(c, "target data", _share_level(len(gaps) / len(targets),
                                                             0, .1, .3),
                              f"{len(gaps)} of {len(targets)} targets lack a baseline or a "
                              "latest value." if gaps else
                              f"All {len(targets)} targets have a baseline and a latest value.",
                              Place.STRATEGIES))
            measured = [t for t in targets if t.status != TargetStatus.NO_DATA]
            off = [t for t in measured if t.status == TargetStatus.OFF_TRACK]
            out.append(Signal(c, "off track",
                              _share_level(len(off) / len(measured), 0, .25, .5) if measured
                              else Rating.RED,
                              f"{len(off)} of {len(measured)} measured targets are off track"
                              f"{': ' + _names(t.indicator for t in off) if off else ''}."
                              if measured else "No target has enough data to say whether it "
                              "is on track.", Place.STRATEGIES))
    if data.actions is not None:
        live = [a for a in data.actions if a.status != ActionStatus.DROPPED]
        if live:
            unlinked = [a for a in live if a.target_id is None and a.criterion is None
                        and a.concern_id is None]
            out.append(Signal(c, "linked actions", _share_level(len(unlinked) / len(live),
                                                                0, .1, .25),
                              f"{len(unlinked)} of {len(live)} actions are linked to no "
                              "target, criterion or area of concern." if unlinked else
                              "Every action is linked to a target, a criterion or an area "
                              "of concern.", Place.ACTIONS))
    return out + recent_values_signals(data)


# -- strategic ------------------------------------------------------------
def _strategy_signal(kind: StrategyType, key: str, strategies: tuple[StrategySummary, ...]
                     ) -> Signal:
    c = Criterion.STRATEGIC
    mine = [s for s in strategies if s.type == kind and s.status != StrategyStatus.SUPERSEDED]
    if not mine:
        return Signal(c, key, Rating.RED, f"No {kind.value} is recorded.", Place.STRATEGIES)
    order = [StrategyStatus.AGREED, StrategyStatus.CONSULTATION_DRAFT,
             StrategyStatus.WORKING_DRAFT]
    best = min(mine, key=lambda s: order.index(s.status))
    empty = best.empty_components
    gap = f"; empty: {_names(empty)}" if empty else ""
    if best.status == StrategyStatus.AGREED:
        level = Rating.AMBER_GREEN if empty else Rating.GREEN
    elif best.status == StrategyStatus.CONSULTATION_DRAFT:
        level = Rating.AMBER_RED if empty else Rating.AMBER_GREEN
    else:
        level = Rating.AMBER_RED if not empty else Rating.RED
    state = ("agreed" if best.status == StrategyStatus.AGREED
             else f"still a {best.status.value}")
    return Signal(c, key, level, f"The {kind.value} is {state}{gap}"
                  f"{'' if empty else ', with every expected component written'}.",
                  Place.STRATEGIES)


def strategic_signals(data: ReadinessInput) -> list[Signal]:
    c = Criterion.STRATEGIC
    if data.strategies is None:
        return []
    out = [_strategy_signal(StrategyType.COMMUNITY, "community strategy", data.strategies),
           _strategy_signal(StrategyType.NEIGHBOURHOOD_RENEWAL, "neighbourhood renewal strategy",
                            data.strategies)]
    bodies = {fold(r.organisation): r.organisation for r in data.members
              if r.current and r.organisation.strip() and r.role not in NON_SEAT_ROLES}
    endorsed = {fold(b) for s in data.strategies if s.status == StrategyStatus.AGREED
                for b in s.endorsed_bodies}
    if bodies:
        yes = [k for k in bodies if k in endorsed]
        out.append(Signal(c, "endorsement", _coverage_level(len(yes) / len(bodies)),
                          f"{len(yes)} of {len(bodies)} member bodies ({_pct(len(yes), len(bodies))})"
                          " have endorsed an agreed strategy.", Place.STRATEGIES))
    return out


# -- efficient ------------------------------------------------------------
def efficient_signals(data: ReadinessInput) -> list[Signal]:
    c = Criterion.EFFICIENT
    out = []
    seats = [r for r in data.members if r.current and r.role not in NON_SEAT_ROLES]
    if seats:
        covered = [r for r in seats if data.substitutes.get(r.id)]
        share = len(covered) / len(seats)
        level = (Rating.GREEN if share >= .5 else Rating.AMBER_GREEN if share >= .25
                 else Rating.AMBER_RED if covered else Rating.RED)
        out.append(Signal(c, "substitutes", level,
                          f"{len(covered)} of {len(seats)} board seats ({_pct(len(covered), len(seats))})"
                          " have a named substitute.", Place.MEMBERS))
    with_body = [r for r in data.members if r.current and r.organisation.strip()
                 and r.role != Role.OBSERVER.value]
    if with_body:
        missing = [r for r in with_body if r.id not in data.declared_member_ids]
        level = (Rating.GREEN if not missing else Rating.AMBER_GREEN if len(missing) <= 2
                 else _share_level(len(missing) / len(with_body), 0, 0, .25))
        out.append(Signal(c, "declarations", level,
                          f"{len(missing)} of {len(with_body)} members representing a body have "
                          f"no declaration of interest: {_names(r.name for r in missing)}."
                          if missing else "Every member representing a body has declared "
                          "their interests.", Place.MEMBERS))
    if data.quorate_meetings is not None and data.quorate_meetings[1]:
        quorate, held = data.quorate_meetings
        level = (Rating.GREEN if quorate == held else Rating.AMBER_GREEN if held - quorate == 1
                 else Rating.AMBER_RED if quorate / held >= .5 else Rating.RED)
        out.append(Signal(c, "quorum", level, f"{quorate} of {held} board meetings held in the "
                          "year were quorate.", Place.MEETINGS))
    if data.actions is not None:
        live = [a for a in data.actions if a.status != ActionStatus.DROPPED]
        if live:
            costed = [a for a in live if a.amount is not None]
            out.append(Signal(c, "resources", _coverage_level(len(costed) / len(live)),
                              f"{len(costed)} of {len(live)} actions ({_pct(len(costed), len(live))})"
                              " have resources recorded against them.", Place.ACTIONS))
    return out + spend_signals(data)


# -- learning and development ---------------------------------------------
def learning_signals(data: ReadinessInput) -> list[Signal]:
    c = Criterion.LEARNING
    out = []
    if data.learning_plan_written is not None:
        out.append(Signal(c, "learning plan",
                          Rating.GREEN if data.learning_plan_written else Rating.RED,
                          "The Neighbourhood Renewal Strategy has a learning plan section "
                          "written." if data.learning_plan_written else
                          "No learning plan section is written in the Neighbourhood Renewal "
                          "Strategy.", Place.STRATEGIES))
    if data.actions is not None:
        linked = [a for a in data.actions
                  if a.answers(c) and a.status != ActionStatus.DROPPED]
        level = Rating.RED if not linked else Rating.AMBER_GREEN if len(linked) == 1 else Rating.GREEN
        out.append(Signal(c, "learning actions", level,
                          f"{len(linked)} action{'s are' if len(linked) != 1 else ' is'} linked "
                          "to learning and development.", Place.ACTIONS))
    if data.assessment is not None:
        items = data.assessment.assessment(c).evidence
        training = [e for e in items if any(w in e.title.casefold() for w in TRAINING_WORDS)]
        level = (Rating.AMBER_RED if not training else Rating.AMBER_GREEN if len(training) == 1
                 else Rating.GREEN)
        out.append(Signal(c, "training evidence", level,
                          f"{len(training)} evidence item{'s' if len(training) != 1 else ''} "
                          "under this criterion record training or development."
                          if training else "No evidence of training or development is "
                          "recorded under this criterion.", Place.ASSESSMENT))
    return out


# -- the programme's feeds (issue 22) -----------------------------------------
def recent_values_signals(data: ReadinessInput) -> list[Signal]:
    """Performance managed: the share of targets with a value in the last two quarters."""
    series = data.target_series
    if not series:
        return []
    recent = [t for t in series if t.recent]
    at_risk = [t for t in series if t.status == "at risk"]
    since = f" (since {data.programme.recent_since:%d/%m/%Y})" if (
        data.programme and data.programme.recent_since) else ""
    risk = (f"; {len(at_risk)} at risk: {_names(t.indicator for t in at_risk)}"
            if at_risk else "")
    return [Signal(Criterion.PERFORMANCE_MANAGED, "recent values",
                   _coverage_level(len(recent) / len(series)),
                   f"{len(recent)} of {len(series)} targets ({_pct(len(recent), len(series))}) "
                   f"have a value from the last two quarters{since}{risk}.", Place.STRATEGIES)]


def spend_signals(data: ReadinessInput) -> list[Signal]:
    """Efficient: NRF spent against the profile to date, and the forecast underspend."""
    p = data.programme
    if p is None or not p.available:
        return []
    c = Criterion.EFFICIENT
    out = []
    if p.profile_to_date:
        share = p.spent_to_date / p.profile_to_date
        level = (Rating.GREEN if share >= .95 else Rating.AMBER_GREEN if share >= .85
                 else Rating.AMBER_RED if share >= .7 else Rating.RED)
        out.append(Signal(c, "spend against profile", level,
                          f"£{p.spent_to_date:,} of NRF spent in {p.financial_year} against a "
                          f"profile of £{p.profile_to_date:,} to date ({_pct(p.spent_to_date, p.profile_to_date)}).",
                          Place.PROGRAMME))
    share = p.forecast_underspend / p.available
    out.append(Signal(c, "underspend", _share_level(share, .02, .05, .1),
                      f"£{p.forecast_underspend:,} ({_pct(p.forecast_underspend, p.available)}) "
                      f"of the £{p.available:,} NRF available in {p.financial_year} is "
                      "forecast to be left unspent by 31 March." if p.forecast_underspend else
                      f"All the NRF available in {p.financial_year} is forecast to be spent.",
                      Place.PROGRAMME))
    return out


_SIGNALS = {
    Criterion.STRATEGIC: strategic_signals,
    Criterion.INCLUSIVE: inclusive_signals,
    Criterion.ACTION_FOCUSED: action_focused_signals,
    Criterion.PERFORMANCE_MANAGED: performance_signals,
    Criterion.EFFICIENT: efficient_signals,
    Criterion.LEARNING: learning_signals,
}


def data_rating(signals: Iterable[Signal]) -> Rating:
    """The signals' mean on the four-step scale, rounding halves down (the cautious way)."""
    scores = [s.level.score for s in signals if s.level.score is not None]
    if not scores:
        return Rating.NOT_ASSESSED
    mean = sum(scores) / len(scores)
    whole = int(mean)
    return _BY_SCORE[whole + 1 if mean - whole > .5 else whole]


def disagreement(self_rating: Rating, data: Rating, signals: Iterable[Signal]) -> str:
    """A sentence when the officer's rating and the data are two or more steps apart."""
    if self_rating.score is None or data.score is None or abs(self_rating.score - data.score) < 2:
        return ""
    if self_rating.score > data.score:
        worst = [s for s in signals if s.level.score is not None and s.level.score <= 2]
        why = f" Look at: {worst[0].sentence}" if worst else ""
        return (f"You rate this {self_rating.label.lower()} but the data point to "
                f"{data.label.lower()}.{why}")
    return (f"You rate this {self_rating.label.lower()} while the data point to "
            f"{data.label.lower()}: is the rating too modest, or is evidence missing?")


def readiness(data: ReadinessInput) -> list[CriterionReadiness]:
    """Signals for each of the six criteria, with the ratings they sit beside."""
    result = []
    for c in Criterion:
        signals = tuple(_SIGNALS[c](data))
        a = data.assessment.assessment(c) if data.assessment else None
        own = a.rating if a else Rating.NOT_ASSESSED
        go = a.go_rating if a else Rating.NOT_ASSESSED
        overall = data_rating(signals)
        result.append(CriterionReadiness(c, own, go, overall, signals,
                                         disagreement(own, overall, signals)))
    return result
