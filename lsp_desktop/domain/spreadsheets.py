"""Reading and writing CSV and XLSX files as plain rows of cells, as real spreadsheets make them."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from lsp_desktop.domain.errors import DomainError

_SPACES = re.compile(r"[\u00a0\u2007\u202f\u2000-\u200a\u3000]")
_INVISIBLE = re.compile(r"[\ufeff\u200b\u200c\u200d\u2060]")
XLSX_MAGIC = b"PK\x03\x04"


@dataclass
class Sheet:
    """Raw rows of a file: (row number as the spreadsheet shows it, cells)."""

    rows: list[tuple[int, list]] = field(default_factory=list)
    encoding: str = ""
    delimiter: str = ""


class UnreadableFileError(DomainError):
    """The file cannot be read as a spreadsheet at all."""


def clean_text(value) -> str:
    """A cell as text: non-breaking and odd spaces made plain, ends stripped, numbers tidy."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    if isinstance(value, datetime):
        value = value.date() if value.time() == datetime.min.time() else value
    if isinstance(value, date):
        return value.isoformat()
    text = _INVISIBLE.sub("", _SPACES.sub(" ", str(value)))
    return text.strip()


def decode(data: bytes) -> tuple[str, str]:
    """Text and encoding of a CSV file: UTF-8 (with or without BOM), UTF-16, else Windows-1252."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        # cp1252 leaves five bytes undefined; Latin-1 maps every byte.
        return data.decode("latin-1"), "latin-1"


def guess_delimiter(text: str) -> str:
    """Comma, semicolon or tab: whichever appears most outside quotes in the first lines."""
    sample = re.sub(r'"[^"]*"', "", text[:20000])
    lines = [ln for ln in sample.splitlines() if ln.strip()][:10]
    counts = {d: sum(ln.count(d) for ln in lines) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def read_csv_bytes(data: bytes) -> Sheet:
    text, encoding = decode(data)
    delimiter = guess_delimiter(text)
    text = text.replace("\x00", "")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[tuple[int, list]] = []
    try:
        for number, cells in enumerate(reader, start=1):
            rows.append((number, cells))
    except csv.Error as exc:
        raise UnreadableFileError(
            f"row {len(rows) + 1}: the file cannot be read as CSV ({exc}).") from None
    return Sheet(rows, encoding, delimiter)


def read_xlsx(data: bytes) -> Sheet:
    try:
        from openpyxl import load_workbook

        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise UnreadableFileError(f"the file cannot be read as an Excel workbook ({exc}).") from None
    try:
        sheet = book.worksheets[0]
        rows = [(number, list(cells)) for number, cells
                in enumerate(sheet.iter_rows(values_only=True), start=1)]
    finally:
        book.close()
    return Sheet(rows, "xlsx", "")


def read_table(path: Path | str) -> Sheet:
    """Rows of a CSV or XLSX file (told apart by content, not by the name)."""
    data = Path(path).read_bytes()
    if data.startswith(XLSX_MAGIC):
        return read_xlsx(data)
    return read_csv_bytes(data)


# -- writing -----------------------------------------------------------------

def _csv_cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def write_csv(path: Path, headers: list[str], rows) -> None:
    """UTF-8 with a BOM, so Excel on Windows shows £ and accents correctly."""
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\r\n")
        writer.writerow(headers)
        for row in rows:
            writer.writerow([_csv_cell(v) for v in row])


def write_xlsx(path: Path, headers: list[str], rows, widths: list[int] | None = None,
               title: str = "Sheet1") -> None:
    """Bold frozen header row, sensible widths, real dates (dd/mm/yyyy), numbers as numbers."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook(write_only=True)
    sheet = book.create_sheet(title[:31] or "Sheet1")
    sheet.freeze_panes = "A2"
    rows = list(rows)
    if widths is None:
        widths = []
        for i, h in enumerate(headers):
            longest = max([len(h)] + [len(_csv_cell(r[i])) for r in rows[:200]])
            widths.append(min(max(longest + 2, 8), 50))
    for i, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = width
    bold = Font(bold=True)
    header_cells = []
    for h in headers:
        cell = WriteOnlyCell(sheet, value=h)
        cell.font = bold
        header_cells.append(cell)
    sheet.append(header_cells)
    date_columns = {i for i in range(len(headers))
                    if any(isinstance(r[i], date) for r in rows[:500])}
    template = {}
    for i in date_columns:
        cell = WriteOnlyCell(sheet)
        cell.number_format = "DD/MM/YYYY"
        template[i] = cell
    for row in rows:
        out = []
        for i, value in enumerate(row):
            if i in template and isinstance(value, date):
                cell = WriteOnlyCell(sheet, value=value)
                cell._style = template[i]._style
                out.append(cell)
            elif isinstance(value, bool):
                out.append("yes" if value else "no")
            else:
                out.append(value)
        sheet.append(out)
    book.save(path)
