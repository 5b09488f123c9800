"""Meetings of the board and its groups: attendance, quorum, declarations, minutes and their rules."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field, replace
from datetime import date, time
from enum import StrEnum

from lsp_desktop.domain.errors import FieldError
from lsp_desktop.domain.members import NON_SEAT_ROLES, Member, Sector
from lsp_desktop.domain.text import length_errors

# The papers a meeting may carry (the formats partners send).
PAPER_SUFFIXES = (".pdf", ".docx", ".odt", ".xlsx")


class MeetingStatus(StrEnum):
    PLANNED = "planned"
    HELD = "held"
    CANCELLED = "cancelled"

    @property
    def label(self) -> str:
        return self.value.capitalize()


class Presence(StrEnum):
    """What happened to one expected member."""

    PRESENT = "present"
    APOLOGIES = "apologies"
    ABSENT = "absent"

    @property
    def label(self) -> str:
        return self.value.capitalize()


class BodyKind(StrEnum):
    BOARD = "board"
    THEME_GROUP = "theme group"
    SUB_GROUP = "sub-group"

    @property
    def label(self) -> str:
        return self.value.capitalize()


class OtherRole(StrEnum):
    """People in attendance who hold no seat."""

    OBSERVER = "observer"
    OFFICER = "officer"

    @property
    def label(self) -> str:
        return {"observer": "Observer", "officer": "Officer in attendance"}[self.value]


class LinkKind(StrEnum):
    """What an agenda item may link to."""

    STRATEGY = "strategy"
    ACTION = "action"
    TARGET = "target"
    CRITERION = "criterion"


@dataclass(frozen=True)
class GroupMembership:
    """A member's place on a theme group or sub-group, dated like a term of office."""

    member_id: int
    start: date
    end: date | None = None
    id: int | None = None

    def covers(self, on: date) -> bool:
        return self.start <= on and (self.end is None or on <= self.end)


@dataclass(frozen=True)
class Body:
    """The board, or a theme group or sub-group the partnership defines."""

    name: str
    kind: BodyKind = BodyKind.THEME_GROUP
    parent_id: int | None = None
    memberships: tuple[GroupMembership, ...] = ()
    id: int | None = None
    version: int | None = field(default=None, compare=False)

    @property
    def is_board(self) -> bool:
        return self.kind == BodyKind.BOARD


@dataclass(frozen=True)
class QuorumRule:
    """The partnership's rule: a share of the seats, optionally with members from N sectors."""

    share_numerator: int = 1
    share_denominator: int = 3
    min_sectors: int = 2            # 0: no sector condition
    per_sector: int = 1

    @property
    def label(self) -> str:
        shares = {(1, 2): "half", (1, 3): "a third", (1, 4): "a quarter", (2, 3): "two thirds",
                  (1, 1): "all"}
        share = shares.get((self.share_numerator, self.share_denominator),
                           f"{self.share_numerator}/{self.share_denominator}")
        text = f"{share} of the seats"
        if self.min_sectors:
            text += (f", including at least {self.per_sector} member"
                     f"{'s' if self.per_sector != 1 else ''} from each of "
                     f"{self.min_sectors} sectors")
        return text


def validate_rule(rule: QuorumRule) -> list[FieldError]:
    errors = []
    if rule.share_denominator < 1 or not 0 < rule.share_numerator <= rule.share_denominator:
        errors.append(FieldError("share", "The quorum's share must be a fraction of the seats "
                                 "between 1/N and all of them."))
    if not 0 <= rule.min_sectors <= len(Sector):
        errors.append(FieldError("min_sectors", f"The sectors needed must be 0 to {len(Sector)}."))
    if rule.per_sector < 1:
        errors.append(FieldError("per_sector", "At least one member per sector."))
    return errors


@dataclass(frozen=True)
class Seat:
    """A member expected at a meeting: a seat on the body on the meeting's date."""

    member_id: int
    name: str
    sector: Sector
    organisation: str = ""


@dataclass(frozen=True)
class AttendanceEntry:
    """What happened to one seat; `substitute_id` names the member who attended for them."""

    member_id: int
    presence: Presence = Presence.ABSENT
    substitute_id: int | None = None
    id: int | None = None

    @property
    def filled(self) -> bool:
        return self.presence == Presence.PRESENT or self.substitute_id is not None


@dataclass(frozen=True)
class OtherAttendee:
    name: str
    role: OtherRole = OtherRole.OFFICER
    organisation: str = ""
    id: int | None = None


@dataclass(frozen=True)
class Paper:
    """A paper attached to an agenda item; its bytes stay in the partnership file."""

    name: str
    size: int
    id: int | None = None

    @property
    def is_pdf(self) -> bool:
        return self.name.lower().endswith(".pdf")


@dataclass(frozen=True)
class Decision:
    text: str
    number: int = 0                 # numbered through the meeting on save
    id: int | None = None


@dataclass(frozen=True)
class AgendaItem:
    title: str
    presenter: str = ""
    decision_sought: str = ""
    confidential: bool = False
    link_kind: LinkKind | None = None
    link_ref: str = ""              # the strategy, action or target id, or the criterion
    discussion: str = ""
    decisions: tuple[Decision, ...] = ()
    papers: tuple[Paper, ...] = ()
    action_ids: tuple[int, ...] = ()    # actions arising, linked both ways
    id: int | None = None


@dataclass(frozen=True)
class MeetingDeclaration:
    """An interest declared at the meeting, against one agenda item (by its index)."""

    item_index: int
    member_id: int
    interest: str
    id: int | None = None


@dataclass(frozen=True)
class Meeting:
    body_id: int
    held_on: date
    start: time | None = None
    venue: str = ""
    status: MeetingStatus = MeetingStatus.PLANNED
    matters_arising: str = ""
    items: tuple[AgendaItem, ...] = ()
    attendance: tuple[AttendanceEntry, ...] = ()
    others: tuple[OtherAttendee, ...] = ()
    declarations: tuple[MeetingDeclaration, ...] = ()
    quorate: bool | None = None         # as saved: None until attendance is taken
    approved_at_id: int | None = None   # the later meeting that approved these minutes
    body_name: str = ""
    id: int | None = None
    version: int | None = field(default=None, compare=False)

    @property
    def title(self) -> str:
        return f"{self.body_name or 'Meeting'} {self.held_on:%d/%m/%Y}"

    def with_changes(self, **changes) -> Meeting:
        return replace(self, **changes)


@dataclass(frozen=True)
class MeetingRow:
    """One line of the meetings table."""

    id: int
    body_id: int
    body: str
    held_on: date
    start: time | None
    venue: str
    status: MeetingStatus
    items: int
    present: int
    expected: int
    quorate: bool | None
    decisions: int
    approved: bool


@dataclass(frozen=True)
class DecisionRow:
    """One line of the decisions log across all meetings."""

    id: int
    meeting_id: int
    body: str
    held_on: date
    number: int
    item: str
    text: str
    confidential: bool
    inquorate: bool
    search_key: str = ""
    projects: tuple[str, ...] = ()    # the projects it approved ("P-001 Title")

    @property
    def reference(self) -> str:
        return f"{self.held_on:%d/%m/%Y} D{self.number}"

    @property
    def label(self) -> str:
        return decision_label(self.body, self.held_on, self.number)


def decision_label(body: str, held_on: date, number: int) -> str:
    """How a minuted decision is cited elsewhere (a project's approval, prints)."""
    return f"{body} {held_on:%d/%m/%Y}, decision {number}"


MEETING_LIMITS = {"venue": 200}
ITEM_LIMITS = {"title": 300, "presenter": 200}


def board_seats(members: list[Member], on: date) -> list[Seat]:
    """The board's seats on `on`: members serving then; substitutes and observers hold none."""
    seats = [Seat(m.id, m.display_name, m.sector, m.organisation) for m in members
             if m.id is not None and m.role.value not in NON_SEAT_ROLES and m.is_current(on)]
    return sorted(seats, key=lambda s: s.name.casefold())


def group_seats(body: Body, members: list[Member], on: date) -> list[Seat]:
    """A group's seats on `on`: its memberships running then, of members on the register."""
    by_id = {m.id: m for m in members}
    ids = {g.member_id for g in body.memberships if g.covers(on)}
    seats = [Seat(m.id, m.display_name, m.sector, m.organisation)
             for mid in ids if (m := by_id.get(mid)) is not None]
    return sorted(seats, key=lambda s: s.name.casefold())


def expected_seats(body: Body, members: list[Member], on: date) -> list[Seat]:
    return board_seats(members, on) if body.is_board else group_seats(body, members, on)


def substitutes_for(members: list[Member], member_id: int, on: date) -> list[Member]:
    """Who may stand in for `member_id`: substitutes deputising for them, serving on `on`."""
    return [m for m in members if m.deputises_for_id == member_id and m.is_current(on)]


@dataclass(frozen=True)
class QuorumResult:
    seats: int
    needed: int
    filled: int
    by_sector: dict[Sector, int]
    sectors_needed: int
    sectors_met: int
    met: bool

    @property
    def sentence(self) -> str:
        head = f"{self.filled} of {self.seats} seats filled; {self.needed} needed"
        if self.sectors_needed:
            head += f"; {self.sectors_met} of {self.sectors_needed} sectors needed"
        return f"{'Quorate' if self.met else 'Inquorate'}: {head}."


def quorum(seats: list[Seat], attendance: list[AttendanceEntry] | tuple[AttendanceEntry, ...],
           rule: QuorumRule) -> QuorumResult:
    """Whether the seats filled (present, or by a substitute) meet the rule."""
    sector_of = {s.member_id: s.sector for s in seats}
    by_sector = dict.fromkeys(Sector, 0)
    filled = 0
    for a in attendance:
        if a.member_id in sector_of and a.filled:
            filled += 1
            by_sector[sector_of[a.member_id]] += 1
    needed = math.ceil(len(seats) * rule.share_numerator / rule.share_denominator)
    needed = max(needed, 1)
    met_sectors = sum(1 for n in by_sector.values() if n >= rule.per_sector)
    ok = filled >= needed and met_sectors >= rule.min_sectors
    return QuorumResult(len(seats), needed, filled, by_sector, rule.min_sectors,
                        min(met_sectors, rule.min_sectors) if rule.min_sectors else met_sectors,
                        ok)


@dataclass(frozen=True)
class Rate:
    """Seats filled over seats expected (a sector, or a member over a year's meetings)."""

    filled: int
    expected: int
    present: int = 0
    substituted: int = 0
    apologies: int = 0
    absent: int = 0

    @property
    def share(self) -> float:
        return self.filled / self.expected if self.expected else 0.0

    @property
    def percent(self) -> str:
        return f"{round(100 * self.share)}%" if self.expected else "—"


def _add(rate: Rate, entry: AttendanceEntry | None) -> Rate:
    presence = entry.presence if entry else Presence.ABSENT
    sub = entry is not None and entry.substitute_id is not None and presence != Presence.PRESENT
    filled = presence == Presence.PRESENT or sub
    return Rate(rate.filled + filled, rate.expected + 1,
                rate.present + (presence == Presence.PRESENT), rate.substituted + sub,
                rate.apologies + (presence == Presence.APOLOGIES),
                rate.absent + (presence == Presence.ABSENT))


def attendance_rates(meetings: list[tuple[list[Seat], tuple[AttendanceEntry, ...]]]
                     ) -> tuple[dict[int, Rate], dict[Sector, Rate]]:
    """Rates by member and by sector over held meetings (seats expected on each date).

    A substitute fills the seat of the member they stand in for, so the seat counts for
    that member's sector.
    """
    members: dict[int, Rate] = {}
    sectors: dict[Sector, Rate] = {s: Rate(0, 0) for s in Sector}
    for seats, attendance in meetings:
        by_member = {a.member_id: a for a in attendance}
        for seat in seats:
            entry = by_member.get(seat.member_id)
            members[seat.member_id] = _add(members.get(seat.member_id, Rate(0, 0)), entry)
            sectors[seat.sector] = _add(sectors[seat.sector], entry)
    return members, sectors


def sector_sentence(sectors: dict[Sector, Rate], meetings: int) -> str:
    """e.g. 'Community members attended 78% of board meetings; private sector 40%; ...'."""
    shown = [(s, r) for s, r in sectors.items() if r.expected]
    if not meetings or not shown:
        return "No board meetings were held in the period."
    order = [Sector.COMMUNITY, Sector.VOLUNTARY, Sector.PRIVATE, Sector.PUBLIC]
    shown.sort(key=lambda sr: order.index(sr[0]))
    first, rest = shown[0], shown[1:]
    text = f"{first[0].label} members attended {first[1].percent} of board meetings"
    text += "".join(f"; {s.value} sector {r.percent}" for s, r in rest)
    return text + f" ({meetings} meeting{'s' if meetings != 1 else ''} held)."


def validate_meeting(meeting: Meeting, seats: list[Seat] | None = None,
                     members: list[Member] | None = None) -> list[FieldError]:
    """Every problem with a meeting as it would be saved."""
    errors = length_errors(meeting, MEETING_LIMITS)
    if not isinstance(meeting.held_on, date):
        errors.append(FieldError("held_on", "The meeting needs a date."))
    for i, item in enumerate(meeting.items, start=1):
        if not item.title.strip():
            errors.append(FieldError("items", f"Agenda item {i} needs a title."))
        for e in length_errors(item, ITEM_LIMITS):
            errors.append(FieldError("items", f"Agenda item {i}: {e.message}"))
        if item.link_kind and not str(item.link_ref).strip():
            errors.append(FieldError("items", f"Agenda item {i} links to a {item.link_kind.value} "
                                     "but does not say which."))
        for d in item.decisions:
            if not d.text.strip():
                errors.append(FieldError("items", f"Agenda item {i} has an empty decision."))
    seen: set[int] = set()
    expected = {s.member_id for s in seats} if seats is not None else None
    by_id = {m.id: m for m in members or []}
    for a in meeting.attendance:
        if a.member_id in seen:
            errors.append(FieldError("attendance", "A member is listed twice in the attendance."))
        seen.add(a.member_id)
        if expected is not None and a.member_id not in expected:
            name = by_id[a.member_id].display_name if a.member_id in by_id else f"#{a.member_id}"
            errors.append(FieldError("attendance", f"{name} held no seat on "
                                     f"{meeting.held_on:%d/%m/%Y}."))
        if a.substitute_id is not None:
            sub = by_id.get(a.substitute_id)
            if a.presence == Presence.PRESENT:
                errors.append(FieldError("attendance", "A member who attended needs no "
                                         "substitute."))
            elif members is not None and (sub is None or sub.deputises_for_id != a.member_id):
                who = by_id[a.member_id].display_name if a.member_id in by_id else "that member"
                name = sub.display_name if sub else f"#{a.substitute_id}"
                errors.append(FieldError("attendance", f"{name} is not a substitute for {who}; "
                                         "a substitute may only stand in for the member they "
                                         "deputise for."))
    for d in meeting.declarations:
        if not 0 <= d.item_index < len(meeting.items):
            errors.append(FieldError("declarations", "A declaration names no agenda item."))
        if not d.interest.strip():
            errors.append(FieldError("declarations", "A declaration needs the interest."))
    for o in meeting.others:
        if not o.name.strip():
            errors.append(FieldError("others", "Someone in attendance has no name."))
    if meeting.status == MeetingStatus.PLANNED and any(i.decisions for i in meeting.items):
        errors.append(FieldError("status", "Decisions are only minuted at a meeting that was "
                                 "held.", warning=True))
    return errors


def numbered(items: tuple[AgendaItem, ...]) -> tuple[AgendaItem, ...]:
    """Decisions numbered 1, 2, 3... through the meeting, in agenda order."""
    n = 0
    out = []
    for item in items:
        decisions = []
        for d in item.decisions:
            n += 1
            decisions.append(replace(d, number=n))
        out.append(replace(item, decisions=tuple(decisions)))
    return tuple(out)


_FY = re.compile(r"^(\d{4})/(\d{2})$")


def financial_year(text: str) -> tuple[date, date]:
    """'2002/03' -> (1 April 2002, 31 March 2003); ValueError for anything else."""
    m = _FY.match(text.strip())
    if not m or (int(m.group(1)) + 1) % 100 != int(m.group(2)):
        raise ValueError(f"'{text}' is not a financial year like 2002/03")
    start = int(m.group(1))
    return date(start, 4, 1), date(start + 1, 3, 31)


def year_of(day: date) -> str:
    start = day.year if day.month >= 4 else day.year - 1
    return f"{start}/{(start + 1) % 100:02d}"
