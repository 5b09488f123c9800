"""A spreadsheet's rows as plain cells, and a cell as clean text: what the import rules read."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime

_SPACES = re.compile(r"[\u00a0\u2007\u202f\u2000-\u200a\u3000]")
_INVISIBLE = re.compile(r"[\ufeff\u200b\u200c\u200d\u2060]")
_ODD = re.compile(r"[\u00a0\u2007\u202f\u2000-\u200a\u3000\ufeff\u200b\u200c\u200d\u2060]")


@dataclass
class Sheet:
    """Raw rows of a file: (row number as the spreadsheet shows it, cells)."""

    rows: list[tuple[int, list]] = field(default_factory=list)
    encoding: str = ""
    delimiter: str = ""
    name: str = ""                  # the sheet read, for a workbook
    sheet_names: list[str] = field(default_factory=list)   # every sheet of the workbook


# -- spreadsheet formula injection (OWASP "CSV injection") --------------------
# A text cell starting with = + - @ (or a tab or carriage return) is run as a formula by
# Excel and LibreOffice. Written out, such a cell gets a leading apostrophe (shown by
# neither); read back, the apostrophe is taken off again, so the value round-trips.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"^[+-]?\d[\d,]*(\.\d+)?([eE][+-]?\d+)?$|^[+-]\.\d+$")
_PHONE = re.compile(r"^\+\s*\d[\d ()]*$")


def formula_like(text) -> bool:
    """True for text a spreadsheet would run as a formula: it starts with =, @, a tab or a
    carriage return, or with + or - when the rest is not a number or a phone number."""
    if not isinstance(text, str) or not text.startswith(FORMULA_START):
        return False
    if text[0] in "+-":
        return not (_NUMBER.match(text) or _PHONE.match(text))
    return True


def safe_cell(value):
    """A cell value ready for a CSV or XLSX file: formula-like text gets a leading "'"."""
    if isinstance(value, str) and formula_like(value):
        return "'" + value
    return value


def unsafe_cell(text: str) -> str:
    """The inverse of safe_cell, for cells read from a file."""
    if text.startswith("'") and formula_like(text[1:]):
        return text[1:]
    return text


def clean_text(value) -> str:
    """A cell as text: non-breaking and odd spaces made plain, ends stripped, numbers tidy,
    the mark safe_cell() puts before formula-like text taken off."""
    if value is None:
        return ""
    if type(value) is str and (value.isascii() or not _ODD.search(value)):
        text = value.strip()
        return unsafe_cell(text) if text.startswith("'") else text
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    if isinstance(value, datetime):
        value = value.date() if value.time() == datetime.min.time() else value
    if isinstance(value, date):
        return value.isoformat()
    text = _INVISIBLE.sub("", _SPACES.sub(" ", str(value))).strip()
    return unsafe_cell(text) if text.startswith("'") else text
