"""Reading and writing CSV and XLSX files as plain rows of cells, as real spreadsheets make them."""

from __future__ import annotations

import csv
import io
import re
from datetime import date, datetime
from pathlib import Path

from lsp_desktop.domain.errors import DomainError
from lsp_desktop.domain.sheets import Sheet, formula_like, safe_cell

XLSX_MAGIC = b"PK\x03\x04"
XLS_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"      # Excel 97-2003 (an OLE2 file)


class UnreadableFileError(DomainError):
    """The file cannot be read as a spreadsheet at all."""


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
    # Cells that repeat (sector, role, dates, yes/no, a body) are kept once, not once per
    # row: a register's rows take half the memory. One table for the whole file, looked
    # up without a Python step per cell (map), dropped once the file is read.
    seen: dict[str, str] = {}
    share = seen.setdefault
    try:
        for number, cells in enumerate(reader, start=1):
            rows.append((number, list(map(share, cells, cells))))
    except csv.Error as exc:
        raise UnreadableFileError(
            f"row {len(rows) + 1}: the file cannot be read as CSV ({exc}).") from None
    return Sheet(rows, encoding, delimiter)


def _pick(names: list[str], wanted: str | None) -> int:
    if wanted is None:
        return 0
    for i, name in enumerate(names):
        if name == wanted:
            return i
    for i, name in enumerate(names):
        if name.strip().casefold() == wanted.strip().casefold():
            return i
    raise UnreadableFileError(f"the workbook has no sheet named '{wanted}'; its sheets are: "
                              + ", ".join(f"'{n}'" for n in names) + ".")


def read_xlsx(data: bytes, sheet: str | None = None) -> Sheet:
    try:
        from openpyxl import load_workbook

        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise UnreadableFileError(f"the file cannot be read as an Excel workbook ({exc}).") from None
    try:
        names = list(book.sheetnames)
        index = _pick(names, sheet)
        rows = [(number, list(cells)) for number, cells
                in enumerate(book.worksheets[index].iter_rows(values_only=True), start=1)]
    finally:
        book.close()
    return Sheet(rows, "xlsx", "", names[index], names)


def read_xls(data: bytes, sheet: str | None = None) -> Sheet:
    """An Excel 97-2003 workbook (what officers of the period kept): text as written,
    date cells as dates."""
    import xlrd

    try:
        book = xlrd.open_workbook(file_contents=data, on_demand=True)
    except Exception as exc:  # xlrd raises several kinds for a damaged file
        raise UnreadableFileError(f"the file cannot be read as an Excel 97-2003 workbook "
                                  f"({exc}).") from None
    try:
        names = book.sheet_names()
        index = _pick(names, sheet)
        ws = book.sheet_by_index(index)
        rows = []
        for r in range(ws.nrows):
            cells = []
            for cell in ws.row(r):
                if cell.ctype == xlrd.XL_CELL_DATE:
                    try:
                        cells.append(xlrd.xldate_as_datetime(cell.value, book.datemode))
                    except (ValueError, OverflowError, xlrd.xldate.XLDateError):
                        cells.append(cell.value)
                elif cell.ctype == xlrd.XL_CELL_BOOLEAN:
                    cells.append(bool(cell.value))
                elif cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK, xlrd.XL_CELL_ERROR):
                    cells.append(None)
                else:
                    cells.append(cell.value)
            rows.append((r + 1, cells))
    finally:
        book.release_resources()
    return Sheet(rows, "xls", "", names[index], names)


def read_table(path: Path | str, sheet: str | None = None) -> Sheet:
    """Rows of a CSV, XLSX or XLS file (told apart by content, not by the name); `sheet`
    names the sheet of a workbook (default the first)."""
    data = Path(path).read_bytes()
    if data.startswith(XLSX_MAGIC):
        return read_xlsx(data, sheet)
    if data.startswith(XLS_MAGIC):
        return read_xls(data, sheet)
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
    return safe_cell(str(value))


def write_csv(path: Path, headers: list[str], rows) -> None:
    """UTF-8 with a BOM, so Excel on Windows shows £ and accents correctly."""
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\r\n")
        writer.writerow(headers)
        for row in rows:
            writer.writerow([_csv_cell(v) for v in row])


_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
_CT = "application/vnd.openxmlformats-officedocument.spreadsheetml"
_XML_BAD = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_STATIC = {
    "[Content_Types].xml": (
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/xl/workbook.xml" ContentType="{_CT}.sheet.main+xml"/>'
        f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{_CT}.worksheet+xml"/>'
        f'<Override PartName="/xl/styles.xml" ContentType="{_CT}.styles+xml"/></Types>'),
    "_rels/.rels": (
        f'<Relationships xmlns="{_PKG}"><Relationship Id="rId1" Type="{_REL}/officeDocument" '
        'Target="xl/workbook.xml"/></Relationships>'),
    "xl/_rels/workbook.xml.rels": (
        f'<Relationships xmlns="{_PKG}"><Relationship Id="rId1" Type="{_REL}/worksheet" '
        f'Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="{_REL}/styles" '
        'Target="styles.xml"/></Relationships>'),
    # Styles: 0 plain, 1 bold (header), 2 date dd/mm/yyyy, 3 text that looks like a formula.
    "xl/styles.xml": (
        f'<styleSheet xmlns="{_MAIN}"><numFmts count="1"><numFmt numFmtId="164" '
        'formatCode="dd/mm/yyyy"/></numFmts><fonts count="2"><font><sz val="11"/>'
        '<name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font>'
        '</fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill>'
        '<patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/>'
        '<right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf '
        'numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="4">'
        '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" '
        'fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/><xf numFmtId="164" '
        'fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="0" '
        'fontId="0" fillId="0" borderId="0" xfId="0" quotePrefix="1"/></cellXfs>'
        '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
        '</styleSheet>'),
}


def _letters(n: int) -> str:
    out = ""
    while n:
        n, r = divmod(n - 1, 26)
        out = chr(65 + r) + out
    return out


def _xml_text(text: str) -> str:
    text = _XML_BAD.sub("", text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if text != text.strip() or "\n" in text:
        return f'<t xml:space="preserve">{text}</t>'
    return f"<t>{text}</t>"


def write_xlsx(path: Path, headers: list[str], rows, widths: list[int] | None = None,
               title: str = "Sheet1") -> None:
    """Bold frozen header row, sensible widths, real dates (dd/mm/yyyy), numbers as numbers.

    Written directly as SpreadsheetML: openpyxl's writer takes several seconds for
    50,000 rows without lxml, this takes about one.
    """
    import zipfile

    rows = list(rows)
    if widths is None:
        widths = []
        for i, h in enumerate(headers):
            longest = max([len(h)] + [max((len(x) for x in _csv_cell(r[i]).splitlines()),
                                          default=0) for r in rows[:500]])
            widths.append(min(max(longest + 2, 8), 50))
    letters = [_letters(i + 1) for i in range(max(len(headers), max(map(len, rows), default=0)))]
    sheet_name = re.sub(r"[\\/?*\[\]:]", " ", title)[:31] or "Sheet1"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=5) as book:
        for name, xml in _STATIC.items():
            book.writestr(name, _HEAD + xml)
        book.writestr("xl/workbook.xml", _HEAD + (
            f'<workbook xmlns="{_MAIN}" xmlns:r="{_REL}"><sheets><sheet name="'
            f'{sheet_name.replace("&", "&amp;").replace("<", "&lt;").replace(chr(34), "&quot;")}'
            '" sheetId="1" r:id="rId1"/></sheets></workbook>'))
        with book.open("xl/worksheets/sheet1.xml", "w") as raw:
            out = io.TextIOWrapper(raw, encoding="utf-8")
            out.write(_HEAD + f'<worksheet xmlns="{_MAIN}"><sheetViews><sheetView '
                      'workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane='
                      '"bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A2" '
                      'sqref="A2"/></sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/>'
                      '<cols>' + "".join(f'<col min="{i}" max="{i}" width="{w}" customWidth="1"/>'
                                         for i, w in enumerate(widths, start=1))
                      + '</cols><sheetData><row r="1">')
            out.write("".join(f'<c r="{letters[i]}1" t="inlineStr" s="1"><is>{_xml_text(h)}</is>'
                              '</c>' for i, h in enumerate(headers)) + "</row>")
            epoch = date(1899, 12, 30)
            for n, row in enumerate(rows, start=2):
                cells = []
                for i, v in enumerate(row):
                    if v is None or v == "":
                        continue
                    ref = f"{letters[i]}{n}"
                    if isinstance(v, bool):
                        cells.append(f'<c r="{ref}" t="inlineStr"><is><t>{"yes" if v else "no"}'
                                     '</t></is></c>')
                    elif isinstance(v, (int, float)):
                        cells.append(f'<c r="{ref}"><v>{v!r}</v></c>')
                    elif isinstance(v, date):
                        day = v.date() if isinstance(v, datetime) else v
                        cells.append(f'<c r="{ref}" s="2"><v>{(day - epoch).days}</v></c>')
                    else:
                        # Inline text is never run as a formula; quotePrefix keeps it text
                        # when the sheet is edited or saved as CSV.
                        text = str(v)
                        style = ' s="3"' if formula_like(text) else ""
                        cells.append(f'<c r="{ref}" t="inlineStr"{style}><is>'
                                     f'{_xml_text(text)}</is></c>')
                out.write(f'<row r="{n}">{"".join(cells)}</row>')
            out.write("</sheetData></worksheet>")
            out.flush()
            out.detach()
