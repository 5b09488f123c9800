"""The meeting dialog's rules without Qt: the live quorum line, when a substitute can be chosen, whether attendance was taken, and what a save keeps."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from lsp_desktop.domain.meetings import (
    AttendanceEntry,
    Decision,
    Meeting,
    Presence,
    QuorumRule,
    Seat,
    quorum,
)

MET_COLOUR, NOT_MET_COLOUR = "#1b5e20", "#b71c1c"


@dataclass(frozen=True)
class QuorumLine:
    """What the attendance page shows under the grid as attendance is taken."""

    text: str
    met: bool

    @property
    def colour(self) -> str:
        return MET_COLOUR if self.met else NOT_MET_COLOUR


def quorum_line(seats: Sequence[Seat], entries: Sequence[AttendanceEntry],
                rule: QuorumRule) -> QuorumLine:
    """The quorum as the attendance stands now, with the rule it is judged by."""
    result = quorum(list(seats), tuple(entries), rule)
    return QuorumLine(f"{result.sentence} Rule: {rule.label}.", result.met)


def substitute_allowed(presence: Presence, choices: int) -> bool:
    """A substitute is chosen for a member not present, when anyone can stand in (the
    list holds more than its "—")."""
    return presence != Presence.PRESENT and choices > 1


def attendance_taken(entries: Sequence[AttendanceEntry]) -> bool:
    """Whether any attendance was recorded (all absent means not taken yet)."""
    return any(e.presence != Presence.ABSENT or e.substitute_id for e in entries)


def attendance_to_save(entries: Sequence[AttendanceEntry], stored: Sequence[AttendanceEntry]
                       ) -> tuple[AttendanceEntry, ...]:
    """A save keeps the grid once attendance was taken (now or before); an untouched grid
    of a meeting without attendance saves none, so "all absent" is never recorded."""
    return tuple(entries) if attendance_taken(entries) or stored else ()


def decisions_from(text: str, kept: Sequence[Decision]) -> tuple[Decision, ...]:
    """One decision per non-blank line; the n-th keeps the id of the n-th decision read,
    so an edited line stays the same decision (numbers are given on save)."""
    lines = [x.strip() for x in text.splitlines() if x.strip()]
    return tuple(Decision(t, 0, kept[i].id if i < len(kept) else None)
                 for i, t in enumerate(lines))


def dialog_title(meeting: Meeting) -> str:
    return "New meeting" if meeting.id is None else f"Meeting: {meeting.title}"


def approval_text(meeting: Meeting, approved_on: date | None, found: bool = True) -> str:
    """Whether the minutes were approved, and at which meeting (`approved_on`: its date;
    `found` False when that meeting is gone)."""
    if meeting.approved_at_id is None:
        return "Not yet approved"
    if not found or approved_on is None:
        return "Approved"
    return f"Approved at the meeting of {approved_on:%d/%m/%Y}"
