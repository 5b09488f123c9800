"""The Meetings tab's rules without Qt: filter choices, which meetings a filter keeps, the count line, what the buttons allow."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from lsp_desktop.domain.meetings import Body, MeetingRow, MeetingStatus, year_of
from lsp_desktop.domain.text import fold

STATUS_CHOICES: list[tuple[str, str | None]] = (
    [("Any status", None)] + [(s.label, s.value) for s in MeetingStatus])


@dataclass(frozen=True)
class MeetingsFilter:
    """Meetings of one body, status and financial year whose body or venue holds `text`
    (folded: case and accents ignored). None or "" keeps everything."""

    body_id: int | None = None
    status: str | None = None
    year: str | None = None
    text: str = ""

    def keeps(self, row: MeetingRow) -> bool:
        return ((self.body_id is None or row.body_id == self.body_id)
                and (self.status is None or row.status.value == self.status)
                and (self.year is None or year_of(row.held_on) == self.year)
                and (not self.text or self.text in fold(f"{row.body} {row.venue}")))


@dataclass(frozen=True)
class MeetingsButtons:
    new: bool
    delete: bool
    groups: bool
    quorum: bool


class MeetingsController:
    """What the Meetings tab shows and allows; the tab builds the widgets and asks."""

    def __init__(self, read_only: bool = False):
        self.read_only = read_only

    def buttons(self) -> MeetingsButtons:
        """New, Delete, Groups… and Quorum rule… change the partnership: not read-only."""
        allowed = not self.read_only
        return MeetingsButtons(new=allowed, delete=allowed, groups=allowed, quorum=allowed)

    @staticmethod
    def bodies_shown(bodies: list[Body], board: Callable[[], Body]) -> list[Body]:
        """The bodies in the Body filter: the board always (`board()`, first, when it is
        not stored yet)."""
        return list(bodies) if any(b.is_board for b in bodies) else [board(), *bodies]

    @staticmethod
    def body_choices(bodies: Iterable[Body]) -> list[tuple[str, int | None]]:
        return [("All bodies", None)] + [(b.name, b.id) for b in bodies]

    @staticmethod
    def year_choices(rows: Iterable[MeetingRow]) -> list[tuple[str, str | None]]:
        """All years, then each financial year holding a meeting, newest first."""
        years = sorted({year_of(r.held_on) for r in rows}, reverse=True)
        return [("All years", None)] + [(y, y) for y in years]

    @staticmethod
    def summary(shown: Sequence[MeetingRow], quorum_label: str) -> str:
        held = [r for r in shown if r.status == MeetingStatus.HELD]
        inquorate = sum(1 for r in held if r.quorate is False)
        planned = sum(1 for r in shown if r.status == MeetingStatus.PLANNED)
        return (f"{len(shown)} meetings shown: {len(held)} held ({inquorate} inquorate), "
                f"{planned} planned. Quorum rule: {quorum_label}.")

    @staticmethod
    def group_to_edit(bodies: Iterable[Body], chosen_id: int | None) -> Body | None:
        """Groups… edits the group chosen in Body; the board or All bodies adds one."""
        chosen = next((b for b in bodies if b.id == chosen_id), None)
        return None if chosen is None or chosen.is_board else chosen

    @staticmethod
    def print_year(chosen_year: str | None, today: date) -> str:
        """The attendance print covers the chosen year, else the one today falls in."""
        return chosen_year or year_of(today)

    @staticmethod
    def calendar_file(year: str | None, row: MeetingRow | None) -> str | None:
        """The file name Export calendar suggests: a year's meetings, else the chosen one;
        None when neither is chosen."""
        if year:
            return f"meetings-{year.replace('/', '-')}.ics"
        return "meeting.ics" if row is not None else None
