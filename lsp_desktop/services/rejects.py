"""The rejects file of an import: the bad rows with their original columns and a Problem, to correct."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from lsp_desktop.domain.errors import DomainError
from lsp_desktop.domain.sheets import Sheet
from lsp_desktop.safe_files import atomic_write
from lsp_desktop.services.spreadsheets import write_csv, write_xlsx

PROBLEM = "Problem"


def _cell(value):
    """A cell as the file had it; formula-like text is neutralised by the shared writers
    (write_csv, write_xlsx), as in every export."""
    if isinstance(value, datetime) and value.time() == datetime.min.time():
        return value.date()
    if isinstance(value, (date, int, float, bool)) or value is None:
        return value
    return str(value)


def write_rejects(path: Path | str, sheet: Sheet, header_row: int,
                  reject_rows: dict[int, list[str]]) -> int:
    """Write the header row and every rejected row as they were in the file, plus a
    "Problem" column; .csv or .xlsx by the name's ending. Returns the rows written."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise DomainError(f"Save the rows to correct as .csv or .xlsx, not "
                          f"{path.suffix or 'a file without an ending'}.")
    headers = [str(_cell(h) or "") for h in sheet.rows[header_row][1]] if header_row >= 0 else []
    width = max([len(headers)] + [len(cells) for n, cells in sheet.rows if n in reject_rows])
    headers += [""] * (width - len(headers))
    out = []
    for number, cells in sheet.rows:
        reasons = reject_rows.get(number)
        if reasons is None:
            continue
        row = [_cell(c) for c in cells] + [None] * (width - len(cells))
        out.append(row + [f"Row {number}: " + "; ".join(reasons)])
    # Owner-only, never over a partnership, no half-written file (safe_files).
    with atomic_write(path) as tmp:
        if suffix == ".xlsx":
            write_xlsx(tmp, headers + [PROBLEM], out, title="To correct")
        else:
            write_csv(tmp, headers + [PROBLEM], out)
    return len(out)
