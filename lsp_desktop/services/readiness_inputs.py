"""The readiness inputs' computing, shared by the ORM services and the plain-SQL reads."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from lsp_desktop.domain.accreditation import AssessmentRound
from lsp_desktop.domain.meetings import (
    AttendanceEntry,
    Body,
    Rate,
    attendance_rates,
    expected_seats,
    sector_sentence,
)
from lsp_desktop.domain.members import Member, Sector
from lsp_desktop.domain.readiness import ProgrammeFacts, SeriesFacts, TargetFacts
from lsp_desktop.domain.strategies import (
    Section,
    StrategyStatus,
    StrategySummary,
    StrategyType,
    Target,
    TargetStatus,
    target_status,
)
from lsp_desktop.domain.target_series import (
    TargetPoint,
    TrackStatus,
    has_recent_value,
    track_status,
)
from lsp_desktop.domain.text import fold


@dataclass(frozen=True)
class AttendanceRecord:
    """A body's attendance over a period: each member's rate and each sector's."""

    body: str
    since: date
    until: date
    meetings: int
    members: tuple[tuple[str, Sector, Rate], ...]     # name, sector, rate
    sectors: dict[Sector, Rate]

    @property
    def sentence(self) -> str:
        return sector_sentence(self.sectors, self.meetings)


def attendance_record(body: Body, members: list[Member], since: date, until: date,
                      held: Sequence[tuple[int, date]],
                      entries: dict[int, list[AttendanceEntry]]) -> AttendanceRecord:
    """Rates over the held meetings (id, date) of a body, from their attendance entries."""
    if body.id is None:
        return AttendanceRecord(body.name, since, until, 0, (), {s: Rate(0, 0) for s in Sector})
    series = [(expected_seats(body, members, on), tuple(entries.get(mid, ())))
              for mid, on in held]
    by_member, by_sector = attendance_rates(series)
    names = {m.id: m for m in members}
    rows = tuple(sorted(((names[i].display_name, names[i].sector, r)
                         for i, r in by_member.items() if i in names),
                        key=lambda x: (x[1].value, fold(x[0]))))
    return AttendanceRecord(body.name, since, until, len(held), rows, by_sector)


@dataclass(frozen=True)
class TrackedTarget:
    """A target with its series and where it stands."""

    target: Target
    points: tuple[TargetPoint, ...]
    status: TrackStatus
    recent: bool                    # a value in the last two quarters


def tracked(targets: Iterable[Target], series: dict[int, list[TargetPoint]],
            today: date) -> list[TrackedTarget]:
    """Each target with its series (points by target id) and status on `today`."""
    out = []
    for t in targets:
        pts = tuple(series.get(t.id, ()))
        out.append(TrackedTarget(t, pts, track_status(t, pts, today),
                                 has_recent_value(pts, today, t.latest_date)))
    return out


def meetings_window(rnd: AssessmentRound | None, today: date) -> tuple[date, date]:
    """The financial year readiness reads the board's meetings over: the round's, else
    the year of `today`."""
    from lsp_desktop.domain.meetings import financial_year, year_of

    try:
        return financial_year(rnd.financial_year if rnd and rnd.financial_year
                              else year_of(today))
    except ValueError:
        return financial_year(year_of(today))


def meetings_input(record: AttendanceRecord, quorate: Iterable[bool | None],
                   decisions: int) -> dict:
    """Board attendance, the held board meetings' quorum and the decisions minuted at
    meetings not found inquorate."""
    quorate = list(quorate)
    return {"board_attendance": record,
            "quorate_meetings": (sum(1 for q in quorate if q), len(quorate)),
            "decisions": decisions}


def series_input(tracked_targets: Sequence[TrackedTarget]) -> dict:
    return {"target_series": tuple(SeriesFacts(t.target.indicator, t.recent, t.status.value)
                                   for t in tracked_targets)}


def series_statuses(tracked_targets: Sequence[TrackedTarget]) -> dict[int, TargetStatus]:
    """Each target's status from its series; "at risk" is not counted as off track
    (the recent-values signal names those)."""
    as_old = {TrackStatus.ON_TRACK: TargetStatus.ON_TRACK,
              TrackStatus.AT_RISK: TargetStatus.ON_TRACK,
              TrackStatus.OFF_TRACK: TargetStatus.OFF_TRACK,
              TrackStatus.NO_DATA: TargetStatus.NO_DATA}
    return {t.target.id: as_old[t.status] for t in tracked_targets}


def programme_input(view_of: Callable[[str], object], today: date) -> dict:
    """The NRF year's spend (issue 22's feed) where an allocation is recorded; `view_of(fy)`
    gives the NRF's ProgrammeView of a year. Early in a year: the year just ended."""
    from lsp_desktop.domain.programme import financial_year_of, year_start
    from lsp_desktop.domain.target_series import recent_since

    fy = financial_year_of(today)
    view = view_of(fy)
    if not view.quarters_ended:
        fy = financial_year_of(year_start(fy).replace(year=year_start(fy).year - 1))
        view = view_of(fy)
    if not view.allocation:
        return {}
    return {"programme": ProgrammeFacts(fy, view.available, view.spent_to_date,
                                        view.profile_to_date, view.forecast_underspend,
                                        recent_since(today))}


def learning_plan_written(summaries: Iterable[StrategySummary],
                          sections_of: Callable[[int], Sequence[Section]]) -> bool:
    """True when a live neighbourhood renewal strategy has a learning plan written."""
    written = False
    for summary in summaries:
        if summary.type != StrategyType.NEIGHBOURHOOD_RENEWAL or \
                summary.status == StrategyStatus.SUPERSEDED:
            continue
        written = written or any(
            fold(sec.title).startswith("learningplan") and sec.body.strip()
            for sec in sections_of(summary.id))
    return written


def strategies_input(summaries: tuple[StrategySummary, ...], targets: Iterable[Target],
                     statuses: dict[int, TargetStatus], consultations: Iterable,
                     sections_of: Callable[[int], Sequence[Section]], today: date) -> dict:
    """The strategies' part of the readiness input: `statuses` from the targets' series
    where tracked, else each target's own status."""
    facts = tuple(TargetFacts(t.indicator, t.baseline_value is not None,
                              t.latest_value is not None,
                              statuses.get(t.id) or target_status(t, today))
                  for t in targets)
    dates = tuple(e.start or e.end for e in consultations if e.start or e.end)
    return {"strategies": summaries, "targets": facts, "consultations": dates,
            "learning_plan_written": learning_plan_written(summaries, sections_of)}


def members_input(rows: tuple, declarations: Iterable[tuple[int, date | None, date | None]],
                  deputies: Iterable[tuple[int, int]], today: date) -> dict:
    """The board's rows as on `today`, the members with a declaration in force then (made
    by then and not yet withdrawn: (member id, made, withdrawn)), and the current
    substitutes of each member ((substitute id, deputising for))."""
    current = {r.id for r in rows if r.current}
    declared = frozenset(mid for mid, made, withdrawn in declarations
                         if (made is None or made <= today)
                         and (withdrawn is None or withdrawn >= today))
    substitutes: dict[int, list[int]] = {}
    for sub_id, for_id in deputies:
        if sub_id in current:
            substitutes.setdefault(for_id, []).append(sub_id)
    return {"members": rows, "declared_member_ids": declared,
            "substitutes": {k: tuple(v) for k, v in substitutes.items()}}
