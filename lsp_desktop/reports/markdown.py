"""A small, safe Markdown to ReportLab flowables: headings, paragraphs, bold, italic, lists."""

from __future__ import annotations

import re

from reportlab.platypus import Paragraph

from lsp_desktop.reports.base import Styles, literal

_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")
_BULLET = re.compile(r"^\s*[-*+]\s+(.*)$")
_NUMBERED = re.compile(r"^\s*(\d{1,3})[.)]\s+(.*)$")
_BOLD = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*|__(?=\S)(.+?)(?<=\S)__")
_ITALIC = re.compile(r"(?<![*\w])\*(?=\S)(.+?)(?<=\S)\*(?![*\w])|(?<![_\w])_(?=\S)(.+?)(?<=\S)_(?![_\w])")


def inline(text: str) -> str:
    """Escape user text, then turn **bold** and *italic* into tags; nothing else."""
    safe = literal(text)
    safe = _BOLD.sub(lambda m: f"<b>{m.group(1) or m.group(2)}</b>", safe)
    return _ITALIC.sub(lambda m: f"<i>{m.group(1) or m.group(2)}</i>", safe)


def _paragraph(text: str, style: str, bullet: str | None = None) -> Paragraph:
    styles = Styles.get()
    try:
        return Paragraph(inline(text), styles[style], bulletText=bullet)
    except ValueError:      # emphasis marks that do not pair up: print the text as typed
        return Paragraph(literal(text), styles[style], bulletText=bullet)


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
