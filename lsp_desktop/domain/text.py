"""Text and date helpers shared by every area: search folding, British dates, pounds."""

from __future__ import annotations

import re
import unicodedata
from datetime import date

from lsp_desktop.domain.errors import FieldError

_NON_ALNUM = re.compile(r"[^0-9a-z]+")
# Letters that NFKD does not split into base + accent.
_SPECIAL = str.maketrans({"ł": "l", "Ł": "l", "ø": "o", "Ø": "o", "đ": "d", "Đ": "d",
                          "ß": "ss", "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "ı": "i"})


def _fold_char(ch: str) -> str:
    decomposed = unicodedata.normalize("NFKD", ch.translate(_SPECIAL))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


class _FoldTable(dict):
    """Each character's fold, worked out the first time it is met: decomposing, dropping
    accents and folding case go character by character, so one str.translate does them
    for a whole name (imports fold tens of thousands)."""

    def __missing__(self, code: int) -> str:
        folded = self[code] = _fold_char(chr(code))
        return folded


_FOLD = _FoldTable()


def fold(text: str | None) -> str:
    """Search key: accents stripped, case folded, punctuation and spaces removed.

    `Llŷr` -> `llyr`, `O'Neill` -> `oneill`, `Łucja Wróbel` -> `lucjawrobel`.
    """
    if not text:
        return ""
    if text.isascii():
        # One plain word (a family name, a title) has nothing to take out.
        return text.lower() if text.isalnum() else _NON_ALNUM.sub("", text.lower())
    return _NON_ALNUM.sub("", text.translate(_FOLD))


def format_date(value: date | None) -> str:
    """A date the British way (21/11/2026), or an empty string."""
    return value.strftime("%d/%m/%Y") if value else ""


def parse_date(text: str) -> date:
    """Parse YYYY-MM-DD or DD/MM/YYYY; raise ValueError with a readable message."""
    text = text.strip()
    try:
        if re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}", text):
            return date.fromisoformat("-".join(p.zfill(2) for p in text.split("-")))
        m = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", text)
        if m:
            return date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    except ValueError:
        raise ValueError(f"'{text}' is not a real date") from None
    raise ValueError(f"'{text}' is not a date (use YYYY-MM-DD or DD/MM/YYYY)")


def format_pounds(amount: int | float | None) -> str:
    """Money as £1,234 (whole pounds), or an empty string."""
    if amount is None:
        return ""
    sign = "-" if amount < 0 else ""
    return f"{sign}£{abs(round(amount)):,}"


def too_long(field: str, value: str, limit: int) -> FieldError:
    """The error for text longer than `limit` characters, shown next to `field`."""
    label = field.replace("_", " ").capitalize()
    return FieldError(field, f"{label} is too long: at most {limit:,} characters "
                             f"(this has {len(value):,}).")


def length_errors(record, limits: dict[str, int]) -> list[FieldError]:
    """One error per text field of `record` longer than its limit in `limits`."""
    return [too_long(name, value, limit) for name, limit in limits.items()
            if isinstance(value := getattr(record, name, None), str) and len(value) > limit]
