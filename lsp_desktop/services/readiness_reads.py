"""The readiness report's inputs read in plain SQL (db.reads): a file's pack loads no ORM."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from lsp_desktop.db.reads import Reads, day
from lsp_desktop.domain.accreditation import AssessmentRound
from lsp_desktop.domain.meetings import (
    AttendanceEntry,
    Body,
    BodyKind,
    GroupMembership,
    MeetingStatus,
    Presence,
)
from lsp_desktop.domain.members import MemberRow
from lsp_desktop.domain.readiness import CriterionReadiness, ReadinessInput, readiness
from lsp_desktop.domain.target_series import TargetPoint
from lsp_desktop.domain.text import fold
from lsp_desktop.services import action_reads, print_reads, programme_reads, strategy_reads
from lsp_desktop.services.readiness_inputs import (
    AttendanceRecord,
    TrackedTarget,
    attendance_record,
    meetings_input,
    meetings_window,
    members_input,
    programme_input,
    series_input,
    series_statuses,
    strategies_input,
    tracked,
)
from lsp_desktop.services.register_rows import all_rows


def current_rows(reads: Reads, on: date) -> list[MemberRow]:
    """MembersService.list_rows(on, include_former=False): the board's rows, by name."""
    return [r for r in all_rows(reads, on) if r.current]


def board(reads: Reads) -> Body:
    """The board with its memberships, as MeetingsService.board() gives it; an unsaved one
    when the file has none yet (reading never makes it)."""
    bodies = []
    for bid, name, kind, parent, version in reads.rows(
            "SELECT id, name, kind, parent_id, version FROM meeting_body"):
        if kind == BodyKind.BOARD.value:
            bodies.append((fold(name), bid, name, parent, version))
    if not bodies:
        return Body("Partnership board", BodyKind.BOARD)
    _key, bid, name, parent, version = min(bodies, key=lambda b: b[0])
    memberships = tuple(GroupMembership(mid, day(start), day(end), gid)
                        for mid, start, end, gid in reads.rows(
                            "SELECT member_id, start_date, end_date, id FROM body_membership "
                            "WHERE body_id = :bid ORDER BY start_date, id", bid=bid))
    return Body(name, BodyKind.BOARD, parent, memberships, bid, version=version)


def attendance(reads: Reads, body: Body, since: date, until: date) -> AttendanceRecord:
    """MeetingRecordsService.attendance(since, until) of the board."""
    if body.id is None:
        return attendance_record(body, [], since, until, (), {})
    held = [(mid, day(on)) for mid, on in reads.rows(
        "SELECT id, held_on FROM meeting WHERE body_id = :bid AND held_on >= :since AND "
        "held_on <= :until AND status = :held ORDER BY held_on, id", bid=body.id,
        since=reads.date_param(since), until=reads.date_param(until),
        held=MeetingStatus.HELD.value)]
    entries: dict[int, list[AttendanceEntry]] = {}
    if held:
        ids = {f"m{i}": mid for i, (mid, _on) in enumerate(held)}
        for mid, member_id, presence, sub in reads.rows(
                "SELECT meeting_id, member_id, presence, substitute_id FROM attendance "
                f"WHERE meeting_id IN ({', '.join(':' + k for k in ids)}) "
                "ORDER BY meeting_id, id", **ids):
            entries.setdefault(mid, []).append(AttendanceEntry(member_id, Presence(presence),
                                                               sub))
    return attendance_record(body, print_reads.register_members(reads), since, until, held,
                             entries)


def meetings(reads: Reads, rnd: AssessmentRound | None, today: date) -> dict:
    """The meetings' part of the readiness input (ReadinessService._meetings_input)."""
    since, until = meetings_window(rnd, today)
    body = board(reads)
    when = {"since": reads.date_param(since), "until": reads.date_param(until)}
    decided = reads.rows(
        "SELECT m.quorate FROM meeting_decision AS d JOIN agenda_item AS i ON i.id = d.item_id "
        "JOIN meeting AS m ON m.id = i.meeting_id JOIN meeting_body AS b ON b.id = m.body_id "
        "WHERE m.held_on >= :since AND m.held_on <= :until", **when)
    quorate = [] if body.id is None else [q for (q,) in reads.rows(
        "SELECT quorate FROM meeting WHERE body_id = :bid AND held_on >= :since AND "
        "held_on <= :until AND status = :held", bid=body.id,
        held=MeetingStatus.HELD.value, **when)]
    return meetings_input(attendance(reads, body, since, until), quorate,
                          sum(1 for (q,) in decided if q is None or q))


def series(reads: Reads, today: date, targets) -> list[TrackedTarget]:
    """TargetSeriesService.tracked(today), from the targets already read."""
    points: dict[int, list[TargetPoint]] = {}
    for tid, pid, on, value, source, comparison in reads.rows(
            "SELECT target_id, id, measured_on, value, source, comparison FROM target_point "
            "ORDER BY target_id, measured_on, id"):
        points.setdefault(tid, []).append(TargetPoint(day(on), value, source, comparison, pid))
    return tracked(targets, points, today)


def gather(reads: Reads, rnd: AssessmentRound | None, today: date,
           held_back: Callable[[str], int] = lambda fy: 0, *, actions=None,
           summaries=None, targets=None, rows=None) -> ReadinessInput:
    """ReadinessService.gather(rnd, today) in plain SQL; `held_back(fy)`: the NRF withheld
    that year (accreditation's deferrals). What the caller already read (the actions, the
    strategy summaries on `today`, the targets, the board's rows) is not read again."""
    rows = tuple(current_rows(reads, today) if rows is None else rows)
    people = members_input(
        rows, ((mid, day(made), day(withdrawn)) for mid, made, withdrawn in reads.rows(
            "SELECT member_id, declared_on, withdrawn_on FROM declaration")),
        reads.rows("SELECT id, deputises_for_id FROM member "
                   "WHERE deputises_for_id IS NOT NULL"), today)
    actions = action_reads.list_actions(reads) if actions is None else actions
    summaries = strategy_reads.summaries(reads, on=today) if summaries is None else summaries
    targets = strategy_reads.targets(reads) if targets is None else targets
    followed = series(reads, today, targets)
    return ReadinessInput(
        today=today, assessment=rnd, **people, actions=tuple(actions),
        **strategies_input(tuple(summaries), targets, series_statuses(followed),
                           strategy_reads.consultations(reads),
                           lambda sid: strategy_reads.sections(reads, sid), today),
        **meetings(reads, rnd, today), **series_input(followed),
        **programme_input(lambda fy: programme_reads.view(reads, "NRF", fy, today, held_back),
                          today))


def report(reads: Reads, rnd: AssessmentRound | None, today: date,
           held_back: Callable[[str], int] = lambda fy: 0, **read) -> list[CriterionReadiness]:
    """Each criterion's readiness beside `rnd` (ReadinessService.for_round)."""
    return readiness(gather(reads, rnd, today, held_back, **read))
