"""A strategy read from a Word, OpenDocument or web page file, before it is saved: its
sections, what could not be kept, and the tracked changes and comments it carried."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lsp_desktop.domain.richtext import (
    Block,
    Heading,
    Inline,
    Para,
    Run,
    merge_runs,
    to_markdown,
)
from lsp_desktop.domain.strategies import EXPECTED_SECTIONS, StrategyType
from lsp_desktop.domain.text import fold


@dataclass(frozen=True)
class ImportedSection:
    title: str
    blocks: tuple[Block, ...] = ()
    component: str = ""             # the expected component its heading names, if any

    @property
    def markdown(self) -> str:
        return to_markdown(self.blocks)


@dataclass(frozen=True)
class PendingChange:
    """A tracked change still pending in the file; the import accepts it."""

    kind: str                       # "insertion" or "deletion"
    author: str
    date: str                       # as the file gives it (ISO), "" if none
    text: str


@dataclass(frozen=True)
class Comment:
    author: str
    date: str
    text: str
    anchor: str = ""                # the text the comment is attached to


@dataclass
class ImportedDocument:
    """What a file holds, as LSP Desktop will keep it."""

    file_name: str
    title: str = ""
    sections: list[ImportedSection] = field(default_factory=list)
    not_kept: list[str] = field(default_factory=list)     # "2 images", "1 footnote"...
    changes: list[PendingChange] = field(default_factory=list)
    comments: list[Comment] = field(default_factory=list)


class SectionCollector:
    """Turns a stream of blocks into sections: Heading 1 and 2 start a section; text
    before the first one is an "Introduction"; deeper headings stay in the section."""

    def __init__(self):
        self.sections: list[tuple[str, list[Block]]] = []
        self.skipping = False

    def heading(self, level: int, runs: Inline) -> None:
        text = " ".join("".join(r.text for r in runs).split())
        if level <= 2 and text:
            self.sections.append((text, []))
            self.skipping = False
        else:
            self.add(Heading(level, runs))

    def skip_until_next_heading(self) -> None:
        self.skipping = True

    def add(self, block: Block) -> None:
        if self.skipping:
            return
        if isinstance(block, Para) and not "".join(r.text for r in block.runs).strip():
            return
        if not self.sections:
            self.sections.append(("Introduction", []))
        self.sections[-1][1].append(block)

    def result(self) -> list[ImportedSection]:
        return [ImportedSection(title, tuple(blocks)) for title, blocks in self.sections]


_NUMBERING = re.compile(r"^\s*(?:\d+(?:\.\d+)*[.)]?|[ivxlc]+[.)]|[a-z][.)])\s+", re.I)


def match_components(sections: list[ImportedSection], strategy_type: StrategyType
                     ) -> list[ImportedSection]:
    """Sections whose heading names an expected component of the type ("2. Action plan",
    "Our long-term vision") are marked as filling it (each component once)."""
    expected = EXPECTED_SECTIONS.get(strategy_type, ())
    taken: set[str] = set()
    out = []
    for s in sections:
        heading = fold(_NUMBERING.sub("", s.title))
        found = ""
        for component in expected:
            name = fold(component)
            if component not in taken and (heading == name or name in heading):
                found = component
                break
        if found:
            taken.add(found)
        out.append(ImportedSection(s.title, s.blocks, found))
    return out


def plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def joined_runs(runs: list[Run]) -> Inline:
    """Runs with neighbours of the same look joined (readers give many small ones)."""
    return merge_runs(runs)


def table_of(rows: list[tuple[Inline, ...]]):
    """A table from rows of cells; a header row set all in bold (as word processors and
    our own export show it) is stored plain, since a header is shown bold anyway."""
    from lsp_desktop.domain.richtext import Table

    if not rows:
        return Table(())
    header = rows[0]
    if all(r.bold for cell in header for r in cell if r.text.strip()):
        header = tuple(tuple(Run(r.text, False, r.italic, r.href) for r in cell)
                       for cell in header)
    return Table(header, tuple(rows[1:]))
