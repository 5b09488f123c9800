"""Version N of a strategy as a .docx with Word tracked changes (w:ins/w:del) against M."""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from lsp_desktop.domain.richtext import (
    Block,
    Heading,
    Inline,
    ListBlock,
    Para,
    Run,
    Table,
    parse,
    plain,
)
from lsp_desktop.domain.strategies import Section, section_pairs
from lsp_desktop.reports.strategy_docx import DocxWriter, appendices, front_matter

_TOKEN = re.compile(r"\S+\s*|\s+")


@dataclass(frozen=True)
class _Unit:
    """One paragraph's worth of a section: a heading, a paragraph, a list item or a table."""

    kind: str                       # "heading", "para", "item", "table"
    runs: Inline = ()
    level: int = 0
    ordered: bool = False
    table: Table | None = None
    numbering_key: tuple[int, int] | None = None   # (block, item) in the new text

    @property
    def key(self) -> tuple:
        if self.table is not None:
            return ("table", tuple(plain(c) for row in (self.table.header, *self.table.rows)
                                   for c in row))
        return (self.kind, self.level, self.ordered, plain(self.runs))

    @property
    def text(self) -> str:
        return " ".join(str(x) for x in self.key[1:])


def _units(blocks: Sequence[Block]) -> list[_Unit]:
    out: list[_Unit] = []
    for b, block in enumerate(blocks):
        if isinstance(block, Heading):
            out.append(_Unit("heading", block.runs, block.level))
        elif isinstance(block, Para):
            out.append(_Unit("para", block.runs))
        elif isinstance(block, ListBlock):
            out += [_Unit("item", item.runs, item.level, item.ordered, numbering_key=(b, i))
                    for i, item in enumerate(block.items)]
        elif isinstance(block, Table):
            out.append(_Unit("table", table=block))
    return out


def _tokens(runs: Inline) -> list[Run]:
    return [Run(t, r.bold, r.italic, r.href) for r in runs for t in _TOKEN.findall(r.text)]


def word_changes(old: Inline, new: Inline) -> list[tuple[str | None, Inline]]:
    """Pieces of text with None (unchanged), "del" or "ins", word by word (difflib)."""
    a, b = _tokens(old), _tokens(new)
    matcher = difflib.SequenceMatcher(None, [t.text.strip() for t in a],
                                      [t.text.strip() for t in b], autojunk=False)
    out: list[tuple[str | None, Inline]] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            out.append((None, tuple(b[j1:j2])))
        else:
            if i2 > i1:
                out.append(("del", tuple(a[i1:i2])))
            if j2 > j1:
                out.append(("ins", tuple(b[j1:j2])))
    return out


class _ChangesWriter(DocxWriter):
    def __init__(self, author: str, when: datetime):
        super().__init__()
        self.author = author
        self.when = when.strftime("%Y-%m-%dT%H:%M:%SZ")
        self.numbering: dict[tuple[int, int], int | None] = {}

    def pieces(self, paragraph, pieces) -> None:
        for change, runs in pieces:
            self.runs(paragraph, runs, change, self.author, self.when)

    def unit_paragraph(self, unit: _Unit):
        if unit.kind == "heading":
            return self.paragraph_for(Heading(unit.level, ()))
        if unit.kind == "item":
            return self.paragraph_for("item", unit.level, unit.ordered,
                                      self.numbering.get(unit.numbering_key))
        return self.paragraph_for(None)

    def whole(self, unit: _Unit, change: str | None) -> None:
        """A unit written unchanged, or all inserted, or all deleted."""
        if unit.table is not None:
            t = unit.table
            self._table([[[(change, c)] for c in row] for row in (t.header, *t.rows)])
            return
        p = self.unit_paragraph(unit)
        self.pieces(p, [(change, unit.runs)])
        if change:
            self.mark_paragraph(p, change, self.author, self.when)

    def changed(self, old: _Unit, new: _Unit) -> None:
        if new.table is not None:
            rows_old = (old.table.header, *old.table.rows)
            rows_new = (new.table.header, *new.table.rows)
            self._table([[word_changes(rows_old[r][c] if c < len(rows_old[r]) else (), cell)
                          for c, cell in enumerate(row)] for r, row in enumerate(rows_new)])
            return
        self.pieces(self.unit_paragraph(new), word_changes(old.runs, new.runs))

    def _table(self, cells: list[list[list[tuple[str | None, Inline]]]]) -> None:
        columns = max(len(r) for r in cells)
        table = self.doc.add_table(rows=len(cells), cols=columns)
        table.style = self.doc.styles["Table Grid"]
        for r, row in enumerate(cells):
            for c, pieces in enumerate(row):
                if r == 0:
                    pieces = [(ch, tuple(Run(x.text, True, x.italic, x.href) for x in runs))
                              for ch, runs in pieces]
                self.pieces(table.cell(r, c).paragraphs[0], pieces)

    def section(self, old: Section | None, new: Section | None) -> None:
        old_blocks = parse(old.body) if old else ()
        new_blocks = parse(new.body) if new else ()
        for b, block in enumerate(new_blocks):
            if isinstance(block, ListBlock):
                for i, n in enumerate(self.list_numbering(block)):
                    self.numbering[(b, i)] = n
        heading = self.heading("", 1)
        old_title = (Run(old.title),) if old else ()
        new_title = (Run(new.title),) if new else ()
        if old and new:
            self.pieces(heading, word_changes(old_title, new_title))
        else:
            change = "ins" if new else "del"
            self.pieces(heading, [(change, new_title or old_title)])
            self.mark_paragraph(heading, change, self.author, self.when)
        a, b = _units(old_blocks), _units(new_blocks)
        matcher = difflib.SequenceMatcher(None, [u.key for u in a], [u.key for u in b],
                                          autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag == "equal":
                for u in b[j1:j2]:
                    self.whole(u, None)
                continue
            news, j = b[j1:j2], 0
            for old_unit in a[i1:i2]:
                k = next((x for x in range(j, len(news)) if _alike(old_unit, news[x])), None)
                if k is None:
                    self.whole(old_unit, "del")
                    continue
                for u in news[j:k]:
                    self.whole(u, "ins")
                self.changed(old_unit, news[k])
                j = k + 1
            for u in news[j:]:
                self.whole(u, "ins")
        self.numbering.clear()


def _alike(old: _Unit, new: _Unit) -> bool:
    if old.kind != new.kind:
        return False
    if old.table is not None:
        return len(old.table.rows) == len(new.table.rows) and \
            len(old.table.header) == len(new.table.header)
    return difflib.SequenceMatcher(None, old.text.split(), new.text.split()).ratio() >= 0.4


def write_comparison_docx(data, old_sections: tuple[Section, ...], out: str | Path,
                          author: str, when: datetime) -> None:
    """`data` (reports.strategy.StrategyDraftData) is version N; its text is written with
    every difference from `old_sections` (version M) as a tracked change by `author`."""
    writer = _ChangesWriter(author, when)
    front_matter(writer, data)
    for old, new in section_pairs(old_sections, data.version.sections):
        writer.section(old, new)
    appendices(writer, data)
    writer.save(out)
