"""A spreadsheet's rows as plain cells, and a cell as clean text: what the import rules read."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime

_SPACES = re.compile(r"[\u00a0\u2007\u202f\u2000-\u200a\u3000]")
_INVISIBLE = re.compile(r"[\ufeff\u200b\u200c\u200d\u2060]")


@dataclass
class Sheet:
    """Raw rows of a file: (row number as the spreadsheet shows it, cells)."""

    rows: list[tuple[int, list]] = field(default_factory=list)
    encoding: str = ""
    delimiter: str = ""
    name: str = ""                  # the sheet read, for a workbook
    sheet_names: list[str] = field(default_factory=list)   # every sheet of the workbook


def clean_text(value) -> str:
    """A cell as text: non-breaking and odd spaces made plain, ends stripped, numbers tidy."""
    if value is None:
        return ""
    if type(value) is str and value.isascii():
        return value.strip()
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
