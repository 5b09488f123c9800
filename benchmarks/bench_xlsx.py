"""XLSX writers on 50,000 member rows: the hand-written one, XlsxWriter, openpyxl write-only.

Each writes the same workbook: a bold frozen header row, column widths, dates as real
dates shown dd/mm/yyyy, numbers as numbers, yes/no for booleans. The library writers are
timed only where installed (`pip install XlsxWriter`); the hand-written writer is kept
unless a library comes within 1.5 times its time.

    PYTHONPATH=$PWD python benchmarks/bench_xlsx.py [repeat]
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from lsp_desktop.domain.member_exchange import MEMBER_HEADERS
from lsp_desktop.services.spreadsheets import write_xlsx

ROWS = 50_000
SECTORS = ("public", "private", "voluntary", "community")
KEEP_WITHIN = 1.5


def member_rows(n: int = ROWS) -> list[list]:
    """Rows shaped as ExchangeService.member_rows gives them (16 columns, one per term)."""
    return [[f"Member Łucja {i}", "Ms", f"Body {i % 997}", SECTORS[i % 4], "", "member",
             f"m{i}@example.org", "020 7946 0000", "1 High St\nThameside",
             date(2001, 4, 1 + i % 28), None if i % 3 else date(2002, 3, 31), bool(i % 2),
             f"Nominator {i % 50}", "" if i % 3 else "Term ended", "",
             "Notes & <remarks> " * (i % 3)]
            for i in range(n)]


def _text(value) -> str:
    return "" if value is None else str(value)


def widths_of(headers: list[str], rows: list[list]) -> list[int]:
    """The hand-written writer's widths: the longest line of the first 500 rows, 8 to 50."""
    out = []
    for i, h in enumerate(headers):
        longest = max([len(h)] + [max((len(x) for x in _text(r[i]).splitlines()), default=0)
                                  for r in rows[:500]])
        out.append(min(max(longest + 2, 8), 50))
    return out


def with_xlsxwriter(path: Path, headers: list[str], rows: list[list]) -> None:
    import xlsxwriter

    book = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    sheet = book.add_worksheet("Members")
    bold = book.add_format({"bold": True})
    day = book.add_format({"num_format": "dd/mm/yyyy"})
    for i, width in enumerate(widths_of(headers, rows)):
        sheet.set_column(i, i, width)
    sheet.freeze_panes(1, 0)
    sheet.write_row(0, 0, headers, bold)
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row):
            if value is None or value == "":
                continue
            if isinstance(value, bool):
                sheet.write_string(r, c, "yes" if value else "no")
            elif isinstance(value, date):
                sheet.write_datetime(r, c, value, day)
            elif isinstance(value, (int, float)):
                sheet.write_number(r, c, value)
            else:
                sheet.write_string(r, c, value)
    book.close()


def with_openpyxl(path: Path, headers: list[str], rows: list[list]) -> None:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Members")
    for i, width in enumerate(widths_of(headers, rows), start=1):
        sheet.column_dimensions[get_column_letter(i)].width = width
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    head = []
    for h in headers:
        cell = WriteOnlyCell(sheet, value=h)
        cell.font = bold
        head.append(cell)
    sheet.append(head)
    for row in rows:
        out = []
        for value in row:
            if isinstance(value, bool):
                value = "yes" if value else "no"
            elif isinstance(value, date):
                value = WriteOnlyCell(sheet, value=value)
                value.number_format = "dd/mm/yyyy"
            out.append(None if value == "" else value)
        sheet.append(out)
    book.save(path)


def hand_written(path: Path, headers: list[str], rows: list[list]) -> None:
    write_xlsx(path, headers, rows, title="Members")


def timed(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    repeat = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    rows = member_rows()
    writers = {"hand-written": hand_written}
    try:
        import xlsxwriter  # noqa: F401

        writers["XlsxWriter (constant_memory)"] = with_xlsxwriter
    except ImportError:
        print("XlsxWriter is not installed: pip install XlsxWriter to compare it")
    writers["openpyxl (write_only)"] = with_openpyxl
    figures = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name, write in writers.items():
            path = Path(tmp) / f"{len(figures)}.xlsx"
            figures[name] = timed(lambda w=write, p=path: w(p, MEMBER_HEADERS, rows), repeat)
            print(f"{name:30} {ROWS:,} rows: median {figures[name]:.2f} s "
                  f"({path.stat().st_size / 1e6:.1f} MB)")
    own = figures["hand-written"]
    best = min((t, n) for n, t in figures.items() if n != "hand-written")
    verdict = ("a library is within 1.5x: use it" if best[0] <= KEEP_WITHIN * own
               else "no library within 1.5x: keep the hand-written writer")
    print(f"fastest library: {best[1]} at {best[0] / own:.1f}x the hand-written time; {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
