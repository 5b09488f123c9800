"""Table models of the Meetings tab: meetings, decisions, agenda items, papers, declarations."""

from __future__ import annotations

from lsp_desktop.domain.meetings import AgendaItem, DecisionRow, MeetingRow, Paper
from lsp_desktop.domain.text import fold
from lsp_desktop.ui.common.column_table import Column, ColumnTableModel


def _date(d) -> str:
    return f"{d:%d/%m/%Y}" if d else ""


def _quorum(r: MeetingRow) -> str:
    return {True: "Quorate", False: "Inquorate", None: ""}[r.quorate]


def _size(n: int) -> str:
    return f"{max(1, round(n / 1024))} KB" if n < 1024 * 1024 else f"{n / 1048576:.1f} MB"


class MeetingTableModel(ColumnTableModel):
    COLUMNS = (
        Column("Date", lambda r: _date(r.held_on), lambda r: r.held_on.isoformat()),
        Column("Time", lambda r: f"{r.start:%H:%M}" if r.start else ""),
        Column("Body", lambda r: r.body, lambda r: fold(r.body)),
        Column("Status", lambda r: r.status.label),
        Column("Items", lambda r: str(r.items), lambda r: r.items),
        Column("Attended", lambda r: f"{r.present} of {r.expected}" if r.expected else "",
               lambda r: r.present),
        Column("Quorum", _quorum),
        Column("Decisions", lambda r: str(r.decisions), lambda r: r.decisions),
        Column("Minutes", lambda r: "Approved" if r.approved else ""),
        Column("Venue", lambda r: r.venue, lambda r: fold(r.venue)),
    )


class DecisionTableModel(ColumnTableModel):
    COLUMNS = (
        Column("Ref", lambda d: d.reference, lambda d: (d.held_on.isoformat(), d.number)),
        Column("Body", lambda d: d.body, lambda d: fold(d.body)),
        Column("Item", lambda d: d.item, lambda d: fold(d.item)),
        Column("Decision", lambda d: d.text, lambda d: fold(d.text), tooltip=lambda d: d.text),
        Column("Project approved", lambda d: "; ".join(d.projects),
               lambda d: fold(" ".join(d.projects)), tooltip=lambda d: "\n".join(d.projects)),
        Column("Flags", lambda d: ", ".join(f for f, on in (("inquorate", d.inquorate),
                                                             ("confidential", d.confidential))
                                             if on)),
    )

    def set_decisions(self, rows: list[DecisionRow]) -> None:
        self.set_rows(rows)


class AgendaTableModel(ColumnTableModel):
    """The agenda as being edited: (number, AgendaItem) pairs, in order."""

    COLUMNS = (
        Column("No.", lambda p: str(p[0]), lambda p: p[0]),
        Column("Item", lambda p: p[1].title + (" (confidential)" if p[1].confidential else "")),
        Column("Presenter", lambda p: p[1].presenter),
        Column("Papers", lambda p: str(len(p[1].papers)), lambda p: len(p[1].papers)),
        Column("Decisions", lambda p: str(len(p[1].decisions)), lambda p: len(p[1].decisions)),
    )

    def set_items(self, items: tuple[AgendaItem, ...]) -> None:
        self.set_rows(list(enumerate(items, start=1)))


class PaperTableModel(ColumnTableModel):
    COLUMNS = (
        Column("Paper", lambda p: p.name, lambda p: fold(p.name)),
        Column("Size", lambda p: _size(p.size), lambda p: p.size),
        Column("In the board pack", lambda p: "merged" if p.is_pdf else "listed"),
    )

    def set_papers(self, papers: tuple[Paper, ...]) -> None:
        self.set_rows(papers)


class DeclarationTableModel(ColumnTableModel):
    """Declarations made at the meeting: (item label, member name, MeetingDeclaration)."""

    COLUMNS = (
        Column("Item", lambda r: r[0]),
        Column("Member", lambda r: r[1], lambda r: fold(r[1])),
        Column("Interest", lambda r: r[2].interest, tooltip=lambda r: r[2].interest),
    )


class ArisingTableModel(ColumnTableModel):
    """Actions arising from an item: (reference, title, owner, due, action id)."""

    COLUMNS = (
        Column("Action", lambda r: r[0]),
        Column("Title", lambda r: r[1]),
        Column("Owner", lambda r: r[2]),
        Column("Due", lambda r: _date(r[3]), lambda r: r[3].isoformat() if r[3] else ""),
    )


class AttendedTableModel(ColumnTableModel):
    """A member's meetings: (date, body, how they attended)."""

    COLUMNS = (
        Column("Date", lambda r: _date(r[0]), lambda r: r[0].isoformat()),
        Column("Body", lambda r: r[1], lambda r: fold(r[1])),
        Column("Attendance", lambda r: r[2]),
    )


class MembershipTableModel(ColumnTableModel):
    """A group's members: (name, GroupMembership)."""

    COLUMNS = (
        Column("Member", lambda r: r[0], lambda r: fold(r[0])),
        Column("From", lambda r: _date(r[1].start), lambda r: r[1].start.isoformat()),
        Column("To", lambda r: _date(r[1].end) or "still a member",
               lambda r: r[1].end.isoformat() if r[1].end else "9"),
    )
