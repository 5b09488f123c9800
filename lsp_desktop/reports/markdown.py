"""A small, safe Markdown to ReportLab flowables: headings, paragraphs, bold, italic, lists."""

from __future__ import annotations

import re

from reportlab.platypus import Paragraph

from lsp_desktop.domain.strategies import unescape_markdown
from lsp_desktop.reports.base import Styles, literal

_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")
_BULLET = re.compile(r"^\s*[-*+]\s+(.*)$")
_NUMBERED = re.compile(r"^\s*(\d{1,3})[.)]\s+(.*)$")
_BOLD = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*|__(?=\S)(.+?)(?<=\S)__")
_ITALIC = re.compile(r"(?<![*\w])\*(?=\S)(.+?)(?<=\S)\*(?![*\w])|(?<![_\w])_(?=\S)(.+?)(?<=\S)_(?![_\w])")


_ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")   # Markdown's backslash escapes
_STASHED = re.compile(r"\x00(\d+)\x00")


def inline(text: str) -> str:
    """Escape user text, then turn **bold** and *italic* into tags; nothing else.

    Backslash-escaped characters (the editor writes `\\*`, `\\<`, `1\\.` for typed
    text) are set aside first so they print as typed and never become emphasis.
    """
    kept: list[str] = []

    def stash(m: re.Match) -> str:
        kept.append(m.group(1))
        return f"\x00{len(kept) - 1}\x00"

    safe = literal(_ESCAPED.sub(stash, text))
    safe = _BOLD.sub(lambda m: f"<b>{m.group(1) or m.group(2)}</b>", safe)
    safe = _ITALIC.sub(lambda m: f"<i>{m.group(1) or m.group(2)}</i>", safe)
    return _STASHED.sub(lambda m: literal(kept[int(m.group(1))]), safe)


def _paragraph(text: str, style: str, bullet: str | None = None) -> Paragraph:
    styles = Styles.get()
    try:
        return Paragraph(inline(text), styles[style], bulletText=bullet)
    except ValueError:      # emphasis marks that do not pair up: print the text as typed
        return Paragraph(literal(unescape_markdown(text)), styles[style], bulletText=bullet)


def markdown_flowables(source: str) -> list:
    """Flowables for a section body; any HTML-looking text is printed literally."""
    story: list = []
    buffer: list[str] = []

    def flush() -> None:
        if buffer:
            story.append(_paragraph(" ".join(buffer), "body"))
            buffer.clear()

    for raw in (source or "").splitlines():
        line = raw.rstrip()
        if not line.strip():
            flush()
            continue
        if m := _HEADING.match(line):
            flush()
            story.append(_paragraph(m.group(2), "h2" if len(m.group(1)) <= 2 else "h3"))
        elif m := _BULLET.match(line):
            flush()
            story.append(_paragraph(m.group(1), "bullet", "•"))
        elif m := _NUMBERED.match(line):
            flush()
            story.append(_paragraph(m.group(2), "bullet", f"{m.group(1)}."))
        else:
            buffer.append(line.strip())
    flush()
    return story
