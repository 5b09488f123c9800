"""Reading a date the way an officer types it (01/04/2002, 1.4.02, 2002-04-01), for every date field."""

from __future__ import annotations

import calendar
import re
from datetime import date

# Day, month, year with one separator kind: 01/04/2002, 1.4.2002, 1-4-02, 1 4 2002.
_DMY = re.compile(r"(\d{1,2})\s*([/.\- ])\s*(\d{1,2})\s*\2\s*(\d{2}|\d{4})")
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_DIGITS = re.compile(r"(\d{2})(\d{2})(\d{4})")          # 01042002, as a date edit's keys
EXAMPLE = "01/04/2002"


class DateTextError(ValueError):
    """Typed text that is not a date, or names a date that does not exist."""


def full_year(two_digits: int) -> int:
    """A two-digit year as officers mean it: 00-69 are 2000-2069, 70-99 are 1970-1999."""
    return 2000 + two_digits if two_digits < 70 else 1900 + two_digits


def read_date(text: str) -> date:
    """The date `text` names, or DateTextError saying what is wrong; never a nearby date."""
    typed = " ".join(text.split())
    if not typed:
        raise DateTextError("No date typed")
    if m := _ISO.fullmatch(typed):
        year, month, day = (int(g) for g in m.groups())
    elif m := _DMY.fullmatch(typed):
        day, month = int(m.group(1)), int(m.group(3))
        year = int(m.group(4)) if len(m.group(4)) == 4 else full_year(int(m.group(4)))
    elif m := _DIGITS.fullmatch(typed):
        day, month, year = (int(g) for g in m.groups())
    else:
        raise DateTextError(f"'{typed}' is not a date: type it as {EXAMPLE}")
    return _real_date(typed, year, month, day)


def _real_date(typed: str, year: int, month: int, day: int) -> date:
    if year < 1:
        raise DateTextError(f"'{typed}' is not a real date: there is no year 0")
    if not 1 <= month <= 12:
        raise DateTextError(f"'{typed}' is not a real date: there is no month {month}")
    days = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days:
        month_name = calendar.month_name[month]
        raise DateTextError(f"'{typed}' is not a real date: {month_name} {year} has {days} days")
    return date(year, month, day)


def could_become_date(text: str) -> bool:
    """Whether `text` may still grow into a date while being typed (digits and separators)."""
    return len(text) <= 10 and re.fullmatch(r"[\d/.\- ]*", text) is not None
