"""The rejects file of an import: the bad rows with their original columns and a Problem, to correct."""

from __future__ import annotations

import os
import re
from datetime import date, datetime
from pathlib import Path

from lsp_desktop.domain.errors import DomainError
from lsp_desktop.domain.sheets import Sheet
from lsp_desktop.services.spreadsheets import write_csv, write_xlsx

PROBLEM = "Problem"
# A cell a spreadsheet would run as a formula (=, @, +/- not a plain number or phone number,
# or a leading tab/return): a quote in front keeps it text. A local guard until the shared
# neutralising function for CSV/XLSX cells is on main.
_FORMULA = re.compile(r"^[=@\t\r]|^[+-](?![\d\s().]*$)")


def _neutralised(value):
    if isinstance(value, str) and _FORMULA.match(value):
        return "'" + value
    return value


def _cell(value):
    if isinstance(value, datetime) and value.time() == datetime.min.time():
        return value.date()
    if isinstance(value, (date, int, float, bool)) or value is None:
        return value
    return _neutralised(str(value))


def _private_empty(path: Path) -> None:
    """Create (or empty) the file readable by its owner only before any data goes in."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.close(fd)
    try:
        os.chmod(path, 0o600)
    except OSError:
        pass


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
    _private_empty(path)
    if suffix == ".xlsx":
        write_xlsx(path, headers + [PROBLEM], out, title="To correct")
    else:
        write_csv(path, headers + [PROBLEM], out)
    os.chmod(path, 0o600)
    return len(out)
