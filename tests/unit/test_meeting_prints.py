"""Meeting prints read back with pypdf: board pack pages and bookmarks, minutes, log, attendance."""

from __future__ import annotations

import io
from datetime import date

from reportlab.pdfgen.canvas import Canvas

from lsp_desktop.domain.meetings import (
    AgendaItem,
    AttendanceEntry,
    Decision,
    Meeting,
    MeetingDeclaration,
    MeetingStatus,
    Presence,
)
from lsp_desktop.domain.members import Member, Sector, Term
from lsp_desktop.services.printing import PrintRequest, render_bytes
from tests.pdftext import reader, text

D = date


def _pdf(marker: str, pages: int) -> bytes:
    buffer = io.BytesIO()
    c = Canvas(buffer)
    for n in range(1, pages + 1):
        c.drawString(72, 720, f"{marker} page {n}")
        c.showPage()
    c.save()
    return buffer.getvalue()


def _setup(services):
    ids = [services.members.add(Member(name=n, sector=s, terms=(Term(D(2001, 4, 1)),))).id
           for n, s in (("Ann <b> Public", Sector.PUBLIC), ("Cat Community", Sector.COMMUNITY),
                        ("Eve Voluntary", Sector.VOLUNTARY))]
    board = services.meetings.board()
    first = services.meetings.save(Meeting(
        board.id, D(2002, 1, 10), status=MeetingStatus.HELD,
        items=(AgendaItem("Budget", decisions=(Decision("Agree the budget"),)),),
        attendance=(AttendanceEntry(ids[0], Presence.PRESENT),
                    AttendanceEntry(ids[1], Presence.PRESENT))))
    second = services.meetings.save(Meeting(
        board.id, D(2002, 2, 14), status=MeetingStatus.HELD,
        items=(AgendaItem("Housing strategy", "Ann", "Approve", decisions=(
                   Decision("Approve the housing strategy"),)),
               AgendaItem("Wardens contract", confidential=True,
                          decisions=(Decision("Award the secret contract"),)),
               AgendaItem("Budget monitoring")),
        attendance=(AttendanceEntry(ids[0], Presence.PRESENT),),
        declarations=(MeetingDeclaration(0, ids[2], "Board member of a housing trust"),)))
    items = second.items
    services.meetings.add_paper_bytes(items[0].id, "housing.pdf", _pdf("HOUSING", 3))
    services.meetings.add_paper_bytes(items[0].id, "annex.pdf", _pdf("ANNEX", 2))
    services.meetings.add_paper_bytes(items[1].id, "contract.pdf", _pdf("CONTRACT", 4))
    services.meetings.add_paper_bytes(items[2].id, "budget.xlsx", b"PK" + b"\0" * 4094)
    return first, second


def _outline(pdf) -> list:
    r = reader(pdf)

    def walk(items, depth=0):
        out = []
        for it in items:
            if isinstance(it, list):
                out += walk(it, depth + 1)
            else:
                out.append((depth, it.title, r.get_destination_page_number(it)))
        return out
    return walk(r.outline)


def items_start(outline, title):
    return next(p for _d, t, p in outline if t == title)


def test_board_pack_merges_pdf_papers_with_a_bookmark_per_item(services):
    _first, second = _setup(services)
    pdf = render_bytes(services, PrintRequest("board-pack", D(2002, 2, 7), meeting=second.id))
    r = reader(pdf)
    outline = _outline(pdf)
    titles = [t for _d, t, _p in outline]
    assert titles[:3] == ["Cover", "Agenda", "Minutes of the previous meeting"]
    assert (1, "annex.pdf", items_start(outline, "Item 1: Housing strategy") + 3) in outline
    items = {t: p for _d, t, p in outline if t.startswith("Item")}
    assert list(items) == ["Item 1: Housing strategy", "Item 2: Wardens contract"]
    start = items["Item 1: Housing strategy"]
    pages = [p.extract_text() for p in r.pages]
    assert "HOUSING page 1" in pages[start]
    assert "ANNEX page 1" in pages[start + 3]
    assert "CONTRACT page 4" in pages[-1]
    front = len(r.pages) - 9            # 3 + 2 + 4 merged pages
    assert "Agenda" in text(pdf) and "budget.xlsx" in text(pdf) and "4 KB" in text(pdf)
    assert "Minutes of the meeting of 10/01/2002 (for approval)" in text(pdf)
    assert "Agree the budget" in text(pdf)
    assert front >= 3
    public = render_bytes(services, PrintRequest("board-pack", D(2002, 2, 7), meeting=second.id,
                                                 public=True))
    assert "CONTRACT" not in text(public) and "Wardens contract" not in text(public)
    assert len(reader(public).pages) == len(r.pages) - 4
    assert [t for _d, t, _p in _outline(public) if t.startswith("Item")] == [
        "Item 1: Housing strategy"]


def test_minutes_flag_an_inquorate_meeting_and_keep_confidential_items_out(services):
    _first, second = _setup(services)
    assert second.quorate is False          # one of three seats, one sector
    full = text(render_bytes(services, PrintRequest("minutes", D(2002, 3, 1),
                                                    meeting=second.id)))
    assert "Inquorate: 1 of 3 seats filled" in full
    assert "Award the secret contract [inquorate: to be ratified]" in full
    assert "Eve Voluntary (item 1, Housing strategy): Board member of a housing trust" in full
    assert "Ann <b> Public" in full
    public = text(render_bytes(services, PrintRequest("minutes", D(2002, 3, 1),
                                                      meeting=second.id, public=True)))
    assert "secret contract" not in public and "Confidential item" in public


def test_decisions_log_and_attendance_prints(services):
    _setup(services)
    log = text(render_bytes(services, PrintRequest("decisions", D(2002, 3, 1))))
    assert "10/01/2002 D1" in log and "14/02/2002 D2" in log and "inquorate" in log
    assert "3 decisions" in log
    att = text(render_bytes(services, PrintRequest("attendance", D(2002, 3, 1),
                                                   year="2001/02")))
    assert "Attendance record 2001/02" in att and "2 held meetings" in att
    assert "Community members attended 50% of board meetings" in att


def test_board_pack_numbers_its_front_pages_out_of_the_whole_pack_and_names_a_bad_paper(
        services):
    import pytest

    from lsp_desktop.domain.errors import DomainError

    _first, second = _setup(services)
    pdf = render_bytes(services, PrintRequest("board-pack", D(2002, 2, 7), meeting=second.id))
    total = len(reader(pdf).pages)
    assert f"Page 1 of {total}" in reader(pdf).pages[0].extract_text()
    services.meetings.add_paper_bytes(second.items[2].id, "broken.pdf", b"not a pdf at all")
    with pytest.raises(DomainError, match="broken.pdf \\(item 3\\) cannot be read as a PDF"):
        render_bytes(services, PrintRequest("board-pack", D(2002, 2, 7), meeting=second.id))
