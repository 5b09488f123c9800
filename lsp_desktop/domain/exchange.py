"""Spreadsheet import rules: column catalogues, header matching, cell parsing, problems by row."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from functools import lru_cache

from lsp_desktop.domain.categories import match_sector
from lsp_desktop.domain.errors import ConflictError, DomainError
from lsp_desktop.domain.sheets import (
    FORMULA_START,
    Sheet,
    clean_text,
    formula_like,
    unsafe_cell,
)
from lsp_desktop.domain.text import fold, parse_date

HEADER_SEARCH_ROWS = 10
_EXCEL_EPOCH = date(1899, 12, 30)


@dataclass(frozen=True)
class Column:
    """One field an import understands; `kind` says how its cells are read."""

    name: str
    kind: str = "text"              # text, date, bool, number, choice
    required: bool = False
    aliases: tuple[str, ...] = ()
    choices: tuple[str, ...] = ()
    default: object = ""
    help: str = ""
    fallback: tuple[str, ...] = ()  # header names taken only if no other column claims them
    label: str = ""                 # the field in words ("Start date"), for people

    @property
    def title(self) -> str:
        return self.label or self.name.replace("_", " ").capitalize()


@dataclass(frozen=True)
class Problem:
    """One problem found in a file; `notice` ones are reported but do not stop an import."""

    row: int | None
    column: str | None
    reason: str
    notice: bool = False

    def __str__(self) -> str:
        where = []
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column:
            where.append(f"column {self.column}")
        return f"{', '.join(where) or 'file'}: {self.reason}"


class ImportProblems(DomainError):
    """An import refused: every problem found, none written."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        errors = [p for p in problems if not p.notice]
        super().__init__(f"{len(errors)} problem(s) in the file; nothing was imported.\n"
                         + "\n".join(str(p) for p in errors))


class ImportConflict(ConflictError):
    """A record an import would update was changed or deleted, or one it would add was
    added, by another officer after the preview was made: nothing was imported (the
    preview must be made again)."""

    def __init__(self, what: str, who: str = "", when=None, row: int | None = None,
                 deleted: bool = False, added: bool = False):
        super().__init__(what, who, when)
        self.row, self.deleted = row, deleted
        where = f" (row {row} of the file)" if row is not None else ""
        if deleted:
            done = "was deleted by another officer"
        else:
            at = f" at {when:%H:%M} on {when:%d/%m/%Y}" if when is not None else ""
            done = (f"was {'added to the register' if added else 'changed'} by "
                    f"{who or 'another officer'}{at}")
        Exception.__init__(self, f"{what}{where} {done} after the import preview was made; "
                                 "nothing was imported. Preview the file again to see the "
                                 "records as they are now.")


@dataclass(frozen=True)
class ParsedRow:
    row: int
    values: dict[str, object]


@dataclass
class Layout:
    """Where the header is and which file column feeds each field (None: not in the file)."""

    header_row: int                 # index into sheet.rows
    headers: list[str]
    mapping: dict[str, int | None]
    problems: list[Problem] = field(default_factory=list)


def column_letter(index: int) -> str:
    """The spreadsheet letter of a 0-based column: 0 is A, 25 is Z, 26 is AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def locate(problems: list[Problem], layout: Layout,
           columns: tuple[Column, ...] = ()) -> list[Problem]:
    """Name each row problem's column as the officer sees it in the file: its letter and
    its header ("D (Start date)"), rather than the field it feeds; a field not in the file
    is named in words ("Start date", not start_date)."""
    labels = {c.name: c.title for c in columns}
    located = []
    for p in problems:
        index = layout.mapping.get(p.column) if p.column and p.row is not None else None
        if index is not None:
            header = layout.headers[index].strip() if index < len(layout.headers) else ""
            letter = column_letter(index)
            p = replace(p, column=f"{letter} ({header})" if header else letter)
        elif p.column in labels:
            p = replace(p, column=labels[p.column])
        located.append(p)
    return located


def header_key(text: str) -> str:
    """Header names match by meaning: case, accents, spacing and punctuation folded
    ("OK to publish?" is "oktopublish", "Forename(s)" is "forenames")."""
    return fold(clean_text(text).replace("&", "and"))


def choice_key(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", clean_text(text).casefold())


def _column_keys(column: Column) -> set[str]:
    return {header_key(column.name), *(header_key(a) for a in column.aliases)}


def _is_blank(cells: list) -> bool:
    for c in cells:
        # Plain text with something besides spaces is never cleaned away (the quick case
        # of nearly every row, without a call per cell).
        if c.__class__ is str and c.isascii() and c.strip():
            return False
    return all(clean_text(c) == "" for c in cells)


def find_layout(sheet: Sheet, columns: tuple[Column, ...]) -> Layout:
    """Find the header row (title rows above it are skipped) and propose a mapping."""
    best = None
    seen = 0
    for index, (_number, cells) in enumerate(sheet.rows):
        if _is_blank(cells):
            continue
        seen += 1
        if seen > HEADER_SEARCH_ROWS:
            break
        keys = {header_key(c) for c in cells if clean_text(c)}
        hits = sum(1 for col in columns if keys & _column_keys(col))
        required = all(keys & _column_keys(col) for col in columns if col.required)
        if hits and (required or hits >= 2):
            best = index
            break
    problems: list[Problem] = []
    if best is None:
        wanted = ", ".join(c.name for c in columns if c.required)
        problems.append(Problem(None, None, "no header row found in the first "
                                f"{HEADER_SEARCH_ROWS} rows; it needs columns such as {wanted}."))
        return Layout(-1, [], {c.name: None for c in columns}, problems)
    skipped = [n for n, cells in sheet.rows[:best] if not _is_blank(cells)]
    if skipped:
        problems.append(Problem(None, None, f"row(s) {', '.join(map(str, skipped))} above the "
                                f"header row {sheet.rows[best][0]} were ignored as titles.", True))
    headers = [clean_text(c) for c in sheet.rows[best][1]]
    mapping: dict[str, int | None] = {}
    used: set[int] = set()
    for col in columns:
        keys = _column_keys(col)
        matches = [i for i, h in enumerate(headers) if h and header_key(h) in keys]
        mapping[col.name] = matches[0] if matches else None
        used.update(matches)
        for extra in matches[1:]:
            problems.append(Problem(None, col.title, f"appears more than once; using column "
                                    f"{matches[0] + 1} ({headers[matches[0]]!r}), ignoring "
                                    f"column {extra + 1}.", True))
    for col in columns:     # second choices: "Nominated by" is the body when none is named
        if mapping[col.name] is None and col.fallback:
            keys = {header_key(a) for a in col.fallback}
            free = [i for i, h in enumerate(headers) if h and i not in used and header_key(h) in keys]
            if free:
                mapping[col.name] = free[0]
                used.add(free[0])
    for i, h in enumerate(headers):
        if h and i not in used:
            problems.append(Problem(None, h, "is not a column this import knows; ignored.", True))
    return Layout(best, headers, mapping, problems)


def mapping_problems(layout: Layout, columns: tuple[Column, ...]) -> list[Problem]:
    return [Problem(None, c.title, "required column is missing from the file.")
            for c in columns if c.required and layout.mapping.get(c.name) is None]


# -- cells ---------------------------------------------------------------------

_TRUE = {"yes", "y", "true", "1", "x", "t", "ok", "agreed", "✓", "✔", "☑", "✅"}
_FALSE = {"no", "n", "false", "0", "f", "", "✗", "✘", "×", "☐", "-"}


def to_date(value) -> date | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if 1 <= value < 2958466:       # an Excel serial day number
            return _EXCEL_EPOCH + timedelta(days=int(value))
        raise ValueError(f"{value!r} is not a date")
    text = clean_text(value)
    if not text:
        return None
    return _text_date(text)


@lru_cache(maxsize=8192)
def _text_date(text: str) -> date:
    """A date written as text (registers repeat a few dates many times: remembered)."""
    if re.fullmatch(r"\d{5}(?:\.0+)?", text):   # a serial day number that came as text
        return _EXCEL_EPOCH + timedelta(days=int(float(text)))
    m = re.fullmatch(r"(\d{4}-\d{1,2}-\d{1,2})(?:[ T]00:00(?::00(?:\.0+)?)?)?", text)
    return parse_date(m.group(1) if m else text)


def to_bool(value) -> bool | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)) and value in (0, 1):
        return bool(value)
    text = clean_text(value).casefold()
    if text == "":
        return None
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise ValueError(f"'{clean_text(value)}' is not yes/no, Y/N, ✓, true/false or 1/0")


def to_number(value) -> float | None:
    if value is None or isinstance(value, bool):
        if isinstance(value, bool):
            raise ValueError(f"{value} is not a number")
        return None
    if isinstance(value, (int, float)):
        return float(value)
    text = clean_text(value).replace(",", "").replace("£", "").replace(" ", "")
    if not text:
        return None
    if text.endswith("%"):
        text = text[:-1]
    try:
        number = float(text)
    except ValueError:
        raise ValueError(f"'{clean_text(value)}' is not a number") from None
    if number != number or number in (float("inf"), float("-inf")):
        raise ValueError(f"'{clean_text(value)}' is not a number")
    return number


def to_choice(value, column: Column) -> str:
    text = clean_text(value)
    if not text:
        return str(column.default)
    if text in column.choices:
        return text
    wanted = choice_key(text)
    for choice in column.choices:
        if choice_key(choice) == wanted:
            return choice
    raise ValueError(f"'{text}' is not one of: {', '.join(column.choices)}")


def read_cell(value, column: Column):
    """A cell converted for `column`; raises ValueError with the reason."""
    if column.kind == "date":
        return to_date(value)
    if column.kind == "bool":
        b = to_bool(value)
        return column.default if b is None else b
    if column.kind == "number":
        return to_number(value)
    if column.kind == "choice":
        return to_choice(value, column)
    if column.kind == "sector":
        return to_sector(value)
    return clean_text(value)


def to_sector(value) -> str:
    """A sector as officers write it ("Statutory" is public, "Business" private); "" if empty."""
    text = clean_text(value)
    if not text:
        return ""
    sector = match_sector(text)
    if sector is None:
        raise ValueError(f"'{text}' is not a sector: public (statutory), private (business), "
                         "voluntary or community")
    return sector.value


def _reader(column: Column) -> Callable[[object], object]:
    """read_cell for one column, chosen once rather than for every cell."""
    kind = column.kind
    if kind == "date":
        return to_date
    if kind == "bool":
        default = column.default

        def read_bool(value):
            b = to_bool(value)
            return default if b is None else b
        return read_bool
    if kind == "number":
        return to_number
    if kind == "choice":
        return lambda value: to_choice(value, column)
    if kind == "sector":
        return to_sector
    return clean_text


_UNSEEN = object()


def parse_rows(sheet: Sheet, layout: Layout, columns: tuple[Column, ...]
               ) -> tuple[list[ParsedRow], list[Problem]]:
    """Every data row below the header, converted; blank rows skipped; problems by cell."""
    problems = list(layout.problems) + mapping_problems(layout, columns)
    return list(iter_rows(sheet, layout, columns, problems)), problems


def iter_rows(sheet: Sheet, layout: Layout, columns: tuple[Column, ...],
              problems: list[Problem]) -> Iterator[ParsedRow]:
    """parse_rows a row at a time (a large import need not hold every row's values):
    each row's problems are added to `problems` before the row is given."""
    if layout.header_row < 0:
        return
    # A text column reads its cells with clean_text; every other kind remembers what
    # each text it met reads as (a register repeats a few dates, yes/no, sectors).
    mapped = [(c.name, index, _reader(c), c.required, None if c.kind == "text" else {})
              for c in columns if (index := layout.mapping.get(c.name)) is not None]
    for number, cells in sheet.rows[layout.header_row + 1:]:
        if _is_blank(cells):
            continue
        values: dict[str, object] = {}
        width = len(cells)
        for name, index, read, required, seen in mapped:
            raw = cells[index] if index < width else None
            if raw.__class__ is str:
                if raw.startswith(FORMULA_START) and formula_like(raw):
                    problems.append(Problem(number, name, "looks like a spreadsheet formula; "
                                            "it is imported as plain text.", notice=True))
                if seen is None:
                    if raw.isascii():           # clean_text's quick case, without the call
                        value = raw.strip()
                        if value.startswith("'"):
                            value = unsafe_cell(value)
                    else:
                        value = clean_text(raw)
                else:
                    value = seen.get(raw, _UNSEEN)
                    if value is _UNSEEN:
                        try:
                            value = read(raw)
                        except ValueError as exc:
                            problems.append(Problem(number, name, str(exc)))
                            continue
                        if len(seen) < 4096:
                            seen[raw] = value
            else:
                if formula_like(raw):
                    problems.append(Problem(number, name, "looks like a spreadsheet formula; "
                                            "it is imported as plain text.", notice=True))
                try:
                    value = read(raw)
                except ValueError as exc:
                    problems.append(Problem(number, name, str(exc)))
                    continue
            if required and (value is None or value == ""):
                problems.append(Problem(number, name, "required, but empty."))
                continue
            values[name] = value
        yield ParsedRow(number, values)


def documented_columns(columns: tuple[Column, ...]) -> list[tuple[str, str]]:
    """(column, description) pairs for the docs and the import dialog."""
    out = []
    for c in columns:
        text = c.help or c.kind
        if c.required:
            text += " (required)"
        out.append((c.name, text))
    return out


Converter = Callable[[list[ParsedRow]], object]
