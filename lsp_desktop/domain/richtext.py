"""Section text as blocks (headings, paragraphs, lists, tables): read from the stored
Markdown with one CommonMark parser and written back; every PDF, .docx and .odt uses it."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True)
class Run:
    """A piece of text with one look; `href` makes it a link."""

    text: str
    bold: bool = False
    italic: bool = False
    href: str = ""

    def same_look(self, other: Run) -> bool:
        return (self.bold, self.italic, self.href) == (other.bold, other.italic, other.href)


Inline = tuple[Run, ...]


@dataclass(frozen=True)
class Heading:
    level: int                      # 1..6, as in the Markdown
    runs: Inline


@dataclass(frozen=True)
class Para:
    runs: Inline


@dataclass(frozen=True)
class Item:
    """One list item; `level` 0 or 1 (lists are kept to two levels)."""

    runs: Inline
    level: int = 0
    ordered: bool = False


@dataclass(frozen=True)
class ListBlock:
    """A list; its items in order, each with its own level and kind."""

    items: tuple[Item, ...]
    start: int = 1


@dataclass(frozen=True)
class Table:
    header: tuple[Inline, ...]
    rows: tuple[tuple[Inline, ...], ...] = ()


Block = Heading | Para | ListBlock | Table


def plain(runs: Inline) -> str:
    return "".join(r.text for r in runs)


def merge_runs(runs: list[Run]) -> Inline:
    """Runs with neighbours of the same look joined, empty ones dropped."""
    out: list[Run] = []
    for r in runs:
        if not r.text:
            continue
        if out and out[-1].same_look(r):
            out[-1] = Run(out[-1].text + r.text, r.bold, r.italic, r.href)
        else:
            out.append(r)
    return tuple(out)


def strip_runs(runs: Inline) -> Inline:
    """Runs without spaces at the very start and end."""
    runs = list(runs)
    while runs and not runs[0].text.strip():
        runs.pop(0)
    while runs and not runs[-1].text.strip():
        runs.pop()
    if runs:
        first, last = runs[0], runs[-1]
        runs[0] = Run(first.text.lstrip(), first.bold, first.italic, first.href)
        last = runs[-1]
        runs[-1] = Run(last.text.rstrip(), last.bold, last.italic, last.href)
    return tuple(runs)


@lru_cache(maxsize=1)
def _parser():
    from markdown_it import MarkdownIt

    # Qt reads section text as GitHub Markdown with HTML off (ui/widgets/markdown_text.py):
    # CommonMark plus tables and strikethrough, angle brackets always text.
    return MarkdownIt("commonmark", {"html": False}).enable(["table", "strikethrough"])


def _inline(token) -> Inline:
    runs: list[Run] = []
    bold = italic = 0
    href = ""
    for c in token.children or ():
        kind = c.type
        if kind == "text" or kind == "code_inline":
            runs.append(Run(c.content, bold > 0, italic > 0, href))
        elif kind == "softbreak":
            runs.append(Run(" ", bold > 0, italic > 0, href))
        elif kind == "hardbreak":
            runs.append(Run("\n", bold > 0, italic > 0, href))
        elif kind == "strong_open":
            bold += 1
        elif kind == "strong_close":
            bold -= 1
        elif kind == "em_open":
            italic += 1
        elif kind == "em_close":
            italic -= 1
        elif kind == "link_open":
            href = str(c.attrs.get("href", ""))
        elif kind == "link_close":
            href = ""
        elif kind == "image":
            runs.append(Run(c.content or "".join(x.content for x in c.children or ()),
                            bold > 0, italic > 0, href))
    return merge_runs(runs)


@lru_cache(maxsize=512)
def parse(markdown: str) -> tuple[Block, ...]:
    """The blocks of a section's stored Markdown (block quotes and code are kept as
    paragraphs; lists deeper than two levels join the second)."""
    if not markdown or not markdown.strip():
        return ()
    tokens = _parser().parse(markdown)
    blocks: list[Block] = []
    lists: list[bool] = []          # open lists, ordered or not
    items: list[Item] = []
    start = 1
    row: list[Inline] = []
    header: tuple[Inline, ...] | None = None
    rows: list[tuple[Inline, ...]] = []
    in_item = 0
    item_has_text: list[bool] = []
    heading_level = 0
    in_cell = False
    for t in tokens:
        kind = t.type
        if kind in ("bullet_list_open", "ordered_list_open"):
            if not lists:
                items = []
                start = int(t.attrs.get("start", 1) or 1) if kind == "ordered_list_open" else 1
            lists.append(kind == "ordered_list_open")
        elif kind in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
            if not lists and items:
                blocks.append(ListBlock(tuple(items), start))
                items = []
        elif kind == "list_item_open":
            in_item += 1
            item_has_text.append(False)
        elif kind == "list_item_close":
            in_item -= 1
            if not item_has_text.pop():
                items.append(Item((), min(len(lists) - 1, 1), lists[-1]))
        elif kind == "heading_open":
            heading_level = int(t.tag[1:])
        elif kind == "table_open":
            header, rows = None, []
        elif kind in ("th_open", "td_open", "th_close", "td_close"):
            in_cell = kind.endswith("open")
        elif kind == "tr_open":
            row = []
        elif kind == "tr_close":
            if header is None:
                header = tuple(row)
            else:
                rows.append(tuple(row))
        elif kind == "table_close":
            blocks.append(Table(header or (), tuple(rows)))
        elif kind in ("code_block", "fence"):
            text = t.content.rstrip("\n")
            if lists:
                items.append(Item((Run(text),), min(len(lists) - 1, 1), lists[-1]))
            elif text:
                blocks.append(Para((Run(text),)))
        elif kind == "inline":
            runs = _inline(t)
            if in_cell:
                row.append(strip_runs(runs))
            elif heading_level and not lists:
                blocks.append(Heading(heading_level, strip_runs(runs)))
            elif lists:
                level = min(len(lists) - 1, 1)
                if item_has_text and item_has_text[-1]:
                    # a second paragraph of the same item: one item, a line apart
                    last = items[-1]
                    items[-1] = Item(merge_runs([*last.runs, Run("\n"), *runs]), last.level,
                                     last.ordered)
                else:
                    items.append(Item(strip_runs(runs), level, lists[-1]))
                    if item_has_text:
                        item_has_text[-1] = True
            else:
                blocks.append(Para(strip_runs(runs)))
        elif kind == "heading_close":
            heading_level = 0
    return tuple(blocks)


# -- back to Markdown (the import writes what it read) ------------------------------

_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")


def _escape(text: str) -> str:
    return _PUNCTUATION.sub(r"\\\1", text)


def _is_punct(ch: str) -> bool:
    return bool(_PUNCTUATION.match(ch)) or unicodedata.category(ch)[0] in "PS"


def _punct_or_space(ch: str) -> bool:
    return not ch or ch.isspace() or _is_punct(ch)


def inline_markdown(runs: Inline) -> str:
    """Runs as Markdown: every typed punctuation mark escaped, so text stays text; a run
    CommonMark could not mark as bold or italic (punctuation against a letter) keeps its
    text only."""
    out = ""
    runs = merge_runs(list(runs))
    for i, r in enumerate(runs):
        text = r.text
        core = text.strip()
        if not core:
            out += text.replace("\n", " ")
            continue
        lead = text[:len(text) - len(text.lstrip())].replace("\n", " ")
        trail = text[len(text.rstrip()):].replace("\n", " ")
        piece = _escape(core).replace("\n", "\\\n")
        if r.href:
            href = r.href.replace(" ", "%20").replace("(", "%28").replace(")", "%29")
            piece = f"[{piece}]({href})"
        before = (out + lead)[-1:]
        after = (trail or (runs[i + 1].text[:1] if i + 1 < len(runs) else ""))[:1]
        markable = (before != "*"
                    and not (_is_punct(core[0]) and not _punct_or_space(before))
                    and not (_is_punct(core[-1]) and not _punct_or_space(after)))
        if markable and r.italic:
            piece = f"*{piece}*"
        if markable and r.bold:
            piece = f"**{piece}**"
        out += lead + piece + trail
    return out.strip()


def _cell(runs: Inline) -> str:
    return inline_markdown(runs).replace("|", "\\|").replace("\\\n", " ") or " "


def to_markdown(blocks: tuple[Block, ...] | list[Block]) -> str:
    """Blocks as the Markdown a section stores (what the editor would write)."""
    parts: list[str] = []
    for b in blocks:
        if isinstance(b, Heading):
            text = inline_markdown(b.runs)
            if text:
                parts.append("#" * max(1, min(b.level, 6)) + " " + text)
        elif isinstance(b, Para):
            text = inline_markdown(b.runs)
            if text:
                parts.append(text)
        elif isinstance(b, ListBlock):
            lines, numbers = [], [b.start - 1, 0]
            for item in b.items:
                level = min(item.level, 1)
                if level == 0:
                    numbers[1] = 0
                numbers[level] += 1
                marker = f"{numbers[level]}. " if item.ordered else "- "
                text = inline_markdown(item.runs) or "\u00a0"
                lines.append("    " * level + marker + text.replace("\\\n", "\\\n    "))
            parts.append("\n".join(lines))
        elif isinstance(b, Table) and (b.header or b.rows):
            width = max(len(b.header), *(len(r) for r in b.rows)) if b.rows else len(b.header)
            head = list(b.header) + [()] * (width - len(b.header))
            lines = ["| " + " | ".join(_cell(c) for c in head) + " |",
                     "|" + " --- |" * width]
            for r in b.rows:
                cells = list(r) + [()] * (width - len(r))
                lines.append("| " + " | ".join(_cell(c) for c in cells[:width]) + " |")
            parts.append("\n".join(lines))
    return "\n\n".join(parts) + ("\n" if parts else "")


# -- plain text (comparisons, word counts) ----------------------------------------

def block_lines(block: Block) -> list[str]:
    """What a reader sees of a block, one line per paragraph or item, no markup."""
    if isinstance(block, Heading | Para):
        return [plain(block.runs)]
    if isinstance(block, ListBlock):
        out, numbers = [], [block.start - 1, 0]
        for item in block.items:
            if item.level == 0:
                numbers[1] = 0
            numbers[item.level] += 1
            marker = f"{numbers[item.level]}." if item.ordered else "•"
            out.append("    " * item.level + f"{marker} {plain(item.runs)}")
        return out
    return [" | ".join(plain(c) for c in row) for row in (block.header, *block.rows)]


def plain_text(markdown: str) -> str:
    """A section's text as a reader sees it: blocks a blank line apart, list items on
    their own lines with their bullet or number, no Markdown syntax."""
    return "\n\n".join("\n".join(block_lines(b)) for b in parse(markdown))
