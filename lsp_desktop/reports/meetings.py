"""Meeting prints: the board pack (papers merged with pypdf), minutes, decisions log, attendance."""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from reportlab.platypus import PageBreak

from lsp_desktop.domain.meetings import (
    DecisionRow,
    Meeting,
    OtherRole,
    Presence,
    QuorumResult,
    Seat,
)
from lsp_desktop.domain.text import format_date
from lsp_desktop.reports.base import (
    Bookmark,
    PageSetup,
    clip,
    gap,
    literal,
    markup,
    para,
    simple_table,
    write_pdf,
)

CONFIDENTIAL = "Confidential item (exempt information): not in the public papers."


@dataclass(frozen=True)
class MinutesData:
    """One meeting with what its minutes print: who was expected, the quorum, names."""

    partnership: str
    meeting: Meeting
    seats: Sequence[Seat]
    quorum: QuorumResult | None
    rule: str
    names: dict[int, str]                       # member id -> name
    actions: dict[int, tuple[str, str, str, date | None]] = field(default_factory=dict)
    # action id -> (reference, title, owner, due)
    standing: dict[int, tuple[str, ...]] = field(default_factory=dict)
    public: bool = False
    approved_on: date | None = None


@dataclass(frozen=True)
class BoardPackData:
    minutes: MinutesData                        # the meeting itself (agenda, attendance unused)
    previous: MinutesData | None
    papers: dict[int, tuple[tuple[str, bytes], ...]]    # item id -> (name, bytes)


@dataclass(frozen=True)
class DecisionsData:
    partnership: str
    decisions: Sequence[DecisionRow]
    search: str = ""


@dataclass(frozen=True)
class AttendanceData:
    partnership: str
    record: object                              # services.meeting_records.AttendanceRecord
    year: str


def _size(n: int) -> str:
    return f"{n / 1024:.0f} KB" if n < 1024 * 1024 else f"{n / (1024 * 1024):.1f} MB"


def _when(m: Meeting) -> str:
    time = f" at {m.start:%H:%M}" if m.start else ""
    venue = f", {literal(m.venue)}" if m.venue else ""
    return f"{format_date(m.held_on)}{time}{venue}"


def _shown_items(data: MinutesData):
    return [(n, i) for n, i in enumerate(data.meeting.items, start=1)]


def agenda_flowables(data: MinutesData, width: float) -> list:
    rows = []
    for n, item in _shown_items(data):
        if item.confidential and data.public:
            rows.append([str(n), para("Confidential item (exempt information)", "cell"), "", ""])
            continue
        papers = ", ".join(p.name for p in item.papers)
        title = literal(clip(item.title, 300)) + (" <i>(confidential)</i>" if item.confidential
                                                   else "")
        if item.decision_sought:
            title += f"<br/><font size=7>Decision sought: {literal(clip(item.decision_sought, 400))}</font>"
        rows.append([str(n), markup(title, "cell"), para(item.presenter, "cell"),
                     para(papers or "—", "cell")])
    if not rows:
        return [para("No agenda items yet.", "small")]
    return [simple_table(["No.", "Item", "Presenter", "Papers"], rows,
                         [width * f for f in (.07, .55, .18, .20)])]


def _attendance_flowables(d: MinutesData, width: float) -> list:
    m = d.meeting
    by_member = {a.member_id: a for a in m.attendance}
    present, subs, apologies, absent = [], [], [], []
    for seat in d.seats:
        a = by_member.get(seat.member_id)
        presence = a.presence if a else Presence.ABSENT
        if presence == Presence.PRESENT:
            present.append(seat.name)
        elif a is not None and a.substitute_id is not None:
            subs.append(f"{d.names.get(a.substitute_id, '?')} for {seat.name}")
            apologies.append(seat.name)
        elif presence == Presence.APOLOGIES:
            apologies.append(seat.name)
        else:
            absent.append(seat.name)
    story = []
    for label, names in (("Present", present), ("Substitutes", subs),
                         ("Apologies", apologies), ("Absent", absent)):
        if names:
            story.append(markup(f"<b>{label}:</b> {literal(', '.join(names))}"))
    for role, label in ((OtherRole.OBSERVER, "Observers"),
                        (OtherRole.OFFICER, "Officers in attendance")):
        people = [o.name + (f" ({o.organisation})" if o.organisation else "")
                  for o in m.others if o.role == role]
        if people:
            story.append(markup(f"<b>{label}:</b> {literal(', '.join(people))}"))
    if d.quorum is not None and m.attendance:
        colour = "#1b5e20" if d.quorum.met else "#b71c1c"
        story.append(markup(f'<font color="{colour}"><b>{literal(d.quorum.sentence)}</b></font> '
                            f"Rule: {literal(d.rule)}."))
    return story


def minutes_flowables(d: MinutesData, width: float, level: int = 0, key: str = "min") -> list:
    m = d.meeting
    story: list = [Bookmark("Attendance", level + 1, f"{key}-att"), markup("Attendance", "h2")]
    story += _attendance_flowables(d, width)
    if m.quorate is False:
        story.append(markup('<font color="#b71c1c"><b>The meeting was inquorate: its decisions '
                            "are flagged and need ratifying at a quorate meeting.</b></font>"))
    if m.declarations:
        story.append(markup("Declarations of interest", "h2"))
        for dec in m.declarations:
            item = m.items[dec.item_index]
            if item.confidential and d.public:
                continue
            story.append(para(f"{d.names.get(dec.member_id, '?')} (item {dec.item_index + 1}, "
                              f"{item.title}): {dec.interest}", "bullet"))
    if m.matters_arising.strip():
        story += [markup("Matters arising", "h2"), para(m.matters_arising)]
    for n, item in _shown_items(d):
        title = f"{n}. {item.title}"
        if item.confidential and d.public:
            story += [markup(f"{n}. Confidential item", "h2"), para(CONFIDENTIAL, "small")]
            continue
        story += [Bookmark(title, level + 1, f"{key}-i{n}"),
                  markup(literal(title) + (" (confidential)" if item.confidential else ""),
                         "h2")]
        if item.presenter:
            story.append(para(f"Presented by {item.presenter}", "small"))
        if item.discussion.strip():
            story.append(para(item.discussion))
        for dec in item.decisions:
            flag = (' <font color="#b71c1c">[inquorate: to be ratified]</font>'
                    if m.quorate is False else "")
            story.append(markup(f"<b>Decision {dec.number}:</b> {literal(dec.text)}{flag}",
                                "bullet"))
        if item.action_ids:
            rows = []
            for aid in item.action_ids:
                ref, title_, owner, due = d.actions.get(aid, ("?", "(deleted)", "", None))
                rows.append([ref, para(title_, "cell"), para(owner, "cell"), format_date(due)])
            story += [gap(3), simple_table(["Action", "Arising", "Owner", "Due"], rows,
                                           [width * f for f in (.1, .55, .2, .15)])]
    if d.approved_on:
        story += [gap(8), para(f"These minutes were approved at the meeting of "
                               f"{format_date(d.approved_on)}.", "small")]
    return story


def minutes_title(d: MinutesData) -> str:
    return f"Minutes: {d.meeting.body_name} {format_date(d.meeting.held_on)}" + (
        " (public)" if d.public else "")


def render_minutes(data: MinutesData, out, produced: date, paper: str = "a4",
                   on_page: Callable[[int], None] | None = None) -> None:
    setup = PageSetup(data.partnership, minutes_title(data), produced, paper,
                      watermark="" if data.public else "CONFIDENTIAL" if any(
                          i.confidential for i in data.meeting.items) else "")

    def story(doc):
        m = data.meeting
        return [Bookmark("Minutes", 0, "top"),
                markup(f"Minutes of the {literal(m.body_name)}", "title"),
                markup(f"{literal(data.partnership)}<br/>{_when(m)}", "subtitle")
                ] + minutes_flowables(data, doc.content_width)

    write_pdf(out, setup, story, on_page=on_page)


def _pack_front(data: BoardPackData, produced: date, paper: str = "a4",
                pages_after: int = 0) -> bytes:
    """Cover, agenda, the previous minutes and the list of papers, as ReportLab draws them."""
    m = data.minutes.meeting
    setup = PageSetup(data.minutes.partnership, f"Board pack: {m.body_name} "
                      f"{format_date(m.held_on)}", produced, paper, pages_after=pages_after)

    def story(doc):
        w = doc.content_width
        out = [Bookmark("Cover", 0, "cover"), gap(120),
               markup(literal(data.minutes.partnership), "subtitle"),
               markup(f"{literal(m.body_name)}", "title"),
               markup(f"Meeting of {_when(m)}", "subtitle"),
               markup("Papers for the public" if data.minutes.public else
                      "Members' papers (including confidential items)", "subtitle"),
               PageBreak(), Bookmark("Agenda", 0, "agenda"), markup("Agenda", "h1")]
        out += agenda_flowables(data.minutes, w)
        if data.previous is not None:
            p = data.previous.meeting
            out += [PageBreak(), Bookmark("Minutes of the previous meeting", 0, "prev"),
                    markup(f"Minutes of the meeting of {format_date(p.held_on)} "
                           "(for approval)", "h1")]
            out += minutes_flowables(data.previous, w, level=0, key="prev")
        out += [PageBreak(), Bookmark("Papers", 0, "papers"), markup("Papers", "h1")]
        rows = []
        for n, item in _shown_items(data.minutes):
            if item.confidential and data.minutes.public:
                continue
            for p in item.papers:
                rows.append([str(n), para(item.title, "cell"), para(p.name, "cell"),
                             _size(p.size), "merged below" if p.is_pdf else
                             "separate file"])
        out.append(simple_table(["Item", "Title", "Paper", "Size", "In this pack"], rows,
                                [w * f for f in (.07, .36, .30, .11, .16)])
                   if rows else para("No papers are attached.", "small"))
        return out

    buffer = io.BytesIO()
    write_pdf(buffer, setup, story)
    return buffer.getvalue()


def render_board_pack(data: BoardPackData, out, produced: date | None = None,
                      paper: str = "a4", on_page: Callable[[int], None] | None = None) -> None:
    """The ReportLab front pages, then each PDF paper merged in with a bookmark per item."""
    from pypdf import PdfReader, PdfWriter

    from lsp_desktop.domain.errors import DomainError

    papers = []         # (item number, item, [(name, reader)])
    for n, item in _shown_items(data.minutes):
        if item.confidential and data.minutes.public:
            continue
        readers = []
        for name, blob in data.papers.get(item.id, ()):
            if not name.lower().endswith(".pdf"):
                continue
            try:
                reader = PdfReader(io.BytesIO(blob))
                len(reader.pages)
            except Exception as exc:  # noqa: BLE001 - pypdf raises many kinds; name the paper
                raise DomainError(f"The paper {name} (item {n}) cannot be read as a PDF: "
                                  f"{exc}") from None
            readers.append((name, reader))
        if readers:
            papers.append((n, item, readers))
    after = sum(len(r.pages) for _n, _i, rs in papers for _name, r in rs)
    writer = PdfWriter()
    writer.append(PdfReader(io.BytesIO(_pack_front(data, produced or date.today(), paper,
                                                   after))))
    for n, item, readers in papers:
        parent = None
        for name, reader in readers:
            first = len(writer.pages)
            writer.append(reader, import_outline=False)
            if parent is None:
                parent = writer.add_outline_item(title=f"Item {n}: {item.title}", page_number=first)
            writer.add_outline_item(title=name, page_number=first, parent=parent)
            if on_page:
                on_page(len(writer.pages))
    m = data.minutes.meeting
    writer.add_metadata({"/Title": f"Board pack: {m.body_name} {format_date(m.held_on)}",
                         "/Creator": "LSP Desktop"})
    if isinstance(out, (str, Path)):
        with open(out, "wb") as fh:
            writer.write(fh)
    else:
        writer.write(out)


def board_pack_title(data: BoardPackData) -> str:
    m = data.minutes.meeting
    return f"Board pack: {m.body_name} {format_date(m.held_on)}"


def _approved(d: DecisionRow) -> str:
    """The projects a decision approved, under its text (escaped markup)."""
    if not d.projects:
        return ""
    return f"<br/><i>Approved: {literal(clip('; '.join(d.projects), 400))}</i>"


def render_decisions(data: DecisionsData, out, produced: date, paper: str = "a4",
                     on_page: Callable[[int], None] | None = None) -> None:
    setup = PageSetup(data.partnership, "Decisions log", produced, paper)

    def story(doc):
        w = doc.content_width
        rows = []
        for d in data.decisions:
            flags = ", ".join(f for f, on in (("inquorate", d.inquorate),
                                               ("confidential", d.confidential)) if on)
            rows.append([d.reference, para(d.body, "cell"), para(clip(d.item, 200), "cell"),
                         markup(literal(clip(d.text, 1500)) + _approved(d), "cell"), flags])
        head = [Bookmark("Decisions log", 0, "top"), markup("Decisions log", "title"),
                markup(f"{literal(data.partnership)}<br/>{len(data.decisions)} decisions"
                       + (f" matching “{literal(data.search)}”" if data.search else ""),
                       "subtitle")]
        if not rows:
            return head + [para("No decisions have been minuted.", "small")]
        return head + [simple_table(["Ref", "Body", "Item", "Decision", "Flags"], rows,
                                    [w * f for f in (.15, .15, .2, .38, .12)])]

    write_pdf(out, setup, story, on_page=on_page)


def render_attendance(data: AttendanceData, out, produced: date, paper: str = "a4",
                      on_page: Callable[[int], None] | None = None) -> None:
    r = data.record
    setup = PageSetup(data.partnership, f"Attendance {data.year}", produced, paper)

    def story(doc):
        w = doc.content_width
        head = [Bookmark("Attendance", 0, "top"), markup(f"Attendance record {data.year}",
                                                         "title"),
                markup(f"{literal(data.partnership)} · {literal(r.body)}<br/>"
                       f"{r.meetings} held meeting{'s' if r.meetings != 1 else ''} from "
                       f"{format_date(r.since)} to {format_date(r.until)}", "subtitle"),
                para(r.sentence), gap(6),
                Bookmark("By sector", 1, "sectors"), markup("By sector", "h2")]
        sector_rows = [[s.label, str(x.expected), str(x.present), str(x.substituted),
                        str(x.apologies), str(x.absent), x.percent]
                       for s, x in r.sectors.items() if x.expected]
        cols = ["Expected", "Present", "Substitute", "Apologies", "Absent", "Rate"]
        widths = [w * .34] + [w * .11] * 6
        story = head + [simple_table(["Sector"] + cols, sector_rows, widths)
                        if sector_rows else para("No meetings held.", "small")]
        story += [gap(8), Bookmark("By member", 1, "members"), markup("By member", "h2")]
        rows = [[para(name, "cell"), sector.label, str(x.expected), str(x.present),
                 str(x.substituted), str(x.apologies), str(x.absent), x.percent]
                for name, sector, x in r.members]
        story.append(simple_table(["Member", "Sector"] + cols, rows,
                                  [w * .26, w * .11] + [w * .105] * 6)
                     if rows else para("No one was expected.", "small"))
        return story

    write_pdf(out, setup, story, on_page=on_page)
