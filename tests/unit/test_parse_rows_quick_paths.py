"""parse_rows' quick paths (text cells, remembered typed cells) read every cell as read_cell does."""

from __future__ import annotations

import random
from datetime import datetime

from lsp_desktop.domain.exchange import Problem, find_layout, parse_rows, read_cell
from lsp_desktop.domain.member_exchange import MEMBER_COLUMNS
from lsp_desktop.domain.sheets import Sheet

CELLS = ["", " ", "Ann", "  'Ann", "'=1+1", " '=1+1", "=SUM(A1)", "+44 20 7946 0000", "-x",
         "@me", "\tTab", "Llŷr\u00a0Davies", "\u200bZero", "01/04/2001", "2001-04-01",
         " 2002-03-31 ", "31/02/2001", "37000", "yes", "N", "maybe", "✓", "public",
         "Statutory", "nowhere", "member", "Chair", "boss", None, 37000, 37000.0, True,
         datetime(2001, 4, 1), "Ms", "Body 7"]


def _reference(sheet, layout, columns):
    """What parse_rows gave before its quick paths: read_cell on every cell."""
    problems, parsed = [], []
    mapped = [(c, layout.mapping[c.name]) for c in columns
              if layout.mapping.get(c.name) is not None]
    for number, cells in sheet.rows[layout.header_row + 1:]:
        values = {}
        for column, index in mapped:
            raw = cells[index] if index < len(cells) else None
            if isinstance(raw, str) and raw.startswith(("=", "+", "-", "@", "\t", "\r")):
                from lsp_desktop.domain.sheets import formula_like

                if formula_like(raw):
                    problems.append(Problem(number, column.name, "looks like a spreadsheet "
                                            "formula; it is imported as plain text.", True))
            try:
                value = read_cell(raw, column)
            except ValueError as exc:
                problems.append(Problem(number, column.name, str(exc)))
                continue
            if column.required and (value is None or value == ""):
                problems.append(Problem(number, column.name, "required, but empty."))
                continue
            values[column.name] = value
        parsed.append((number, values))
    return parsed, problems


def test_quick_paths_read_as_read_cell():
    rng = random.Random(23)
    headers = ["name", "title", "organisation", "sector", "role", "start_date", "end_date",
               "publish_contact", "email"]
    rows = [(1, headers)]
    for number in range(2, 600):
        rows.append((number, [f"Name {number}"] + [rng.choice(CELLS) for _ in headers[1:]]))
    sheet = Sheet(rows)
    layout = find_layout(sheet, MEMBER_COLUMNS)
    parsed, problems = parse_rows(sheet, layout, MEMBER_COLUMNS)
    want_rows, want_problems = _reference(sheet, layout, MEMBER_COLUMNS)
    assert [(r.row, r.values) for r in parsed] == want_rows
    row_problems = [p for p in problems if p.row is not None]
    assert row_problems == want_problems
    assert any(p.notice for p in row_problems) and any(not p.notice for p in row_problems)
