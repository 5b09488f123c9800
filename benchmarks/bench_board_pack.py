"""Board pack speed: seconds to build a pack of 10 PDF papers of 20 pages each (goal < 1 s).

Run as a script: `python benchmarks/bench_board_pack.py`. Prints the median; never fails.
"""

from __future__ import annotations

import io
import statistics
import tempfile
import time
from datetime import date
from pathlib import Path

from reportlab.pdfgen.canvas import Canvas

from lsp_desktop.db.database import open_partnership
from lsp_desktop.domain.meetings import AgendaItem, Meeting, MeetingStatus
from lsp_desktop.services import build_services
from lsp_desktop.services.demo import write_demo
from lsp_desktop.services.printing import PrintRequest, render_bytes

TODAY = date(2002, 6, 30)
PAPERS, PAGES = 10, 20


def paper(n: int) -> bytes:
    """A 20-page paper with a page of text each, like a partner's report."""
    buffer = io.BytesIO()
    c = Canvas(buffer, invariant=1)
    for page in range(1, PAGES + 1):
        c.setFont("Helvetica-Bold", 14)
        c.drawString(72, 770, f"Paper {n}, page {page}")
        c.setFont("Helvetica", 10)
        for line in range(40):
            c.drawString(72, 740 - 16 * line, "Background, options, costs and the "
                         "recommendation to the board are set out in this paragraph.")
        c.showPage()
    c.save()
    return buffer.getvalue()


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = write_demo(Path(tmp) / "demo.lspd", today=TODAY)
        db = open_partnership(path)
        try:
            s = build_services(db.session_factory, db.path)
            board = s.meetings.board()
            meeting = s.meetings.save(Meeting(
                board.id, date(2002, 10, 10), status=MeetingStatus.PLANNED,
                items=tuple(AgendaItem(f"Item with paper {n}") for n in range(1, PAPERS + 1))))
            for n, item in enumerate(meeting.items, start=1):
                s.meetings.add_paper_bytes(item.id, f"paper-{n}.pdf", paper(n))
            request = PrintRequest("board-pack", TODAY, meeting=meeting.id)
            render_bytes(s, request)          # warm fonts and caches
            times = []
            for _ in range(5):
                start = time.perf_counter()
                pdf = render_bytes(s, request)
                times.append(time.perf_counter() - start)
            size = len(pdf) / (1024 * 1024)
            print(f"board pack, {PAPERS} papers x {PAGES} pages: "
                  f"{statistics.median(times):.3f} s median of 5 (goal < 1 s); {size:.1f} MB")
        finally:
            db.close()


if __name__ == "__main__":
    main()
