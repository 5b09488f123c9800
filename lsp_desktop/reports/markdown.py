"""Section text to ReportLab flowables, read through the one parser (domain/richtext.py)."""

from __future__ import annotations

from html import escape as _html_escape

from reportlab.lib.units import mm

from lsp_desktop.domain.richtext import Block, Heading, Inline, ListBlock, Para, Table, parse
from lsp_desktop.reports.base import Styles, simple_table
from lsp_desktop.reports.paragraphs import Paragraph

LINK = "#1d4f73"
DEFAULT_WIDTH = 174 * mm       # A4 less the margins


def inline(markdown: str) -> str:
    """One line of Markdown as Paragraph markup (bold, italic and links only)."""
    blocks = parse(markdown)
    return inline_markup(blocks[0].runs) if blocks and isinstance(blocks[0], Para) else \
        escape(markdown)


def escape(text: str) -> str:
    """&, < and > as entities (xml.sax's escape, without its imports of urllib and ssl)."""
    return _html_escape(text, quote=False)


def inline_markup(runs: Inline) -> str:
    """Runs as Paragraph markup; the text is escaped, so whatever was typed prints as typed."""
    out = []
    for r in runs:
        text = escape(r.text).replace("\n", "<br/>")
        if r.italic:
            text = f"<i>{text}</i>"
        if r.bold:
            text = f"<b>{text}</b>"
        if r.href:
            href = escape(r.href).replace('"', "&quot;")
            text = f'<a href="{href}" color="{LINK}"><u>{text}</u></a>'
        out.append(text)
    return "".join(out)


def _style(name: str, level: int = 0):
    styles = Styles.get()
    if name != "bullet" or not level:
        return styles[name]
    key = "bullet_nested"
    if key not in styles:
        styles[key] = styles["bullet"].clone(key, leftIndent=28, bulletIndent=16)
    return styles[key]


def block_flowables(blocks: tuple[Block, ...], width: float = DEFAULT_WIDTH) -> list:
    """Flowables for the blocks of a section: headings, paragraphs, lists, tables."""
    story: list = []
    for b in blocks:
        if isinstance(b, Heading):
            story.append(Paragraph(inline_markup(b.runs), _style("h2" if b.level <= 2 else "h3")))
        elif isinstance(b, Para):
            story.append(Paragraph(inline_markup(b.runs), _style("body")))
        elif isinstance(b, ListBlock):
            numbers = [b.start - 1, 0]
            for item in b.items:
                if item.level == 0:
                    numbers[1] = 0
                numbers[item.level] += 1
                mark = (f"{numbers[item.level]}." if item.ordered
                        else ("•" if item.level == 0 else "–"))
                story.append(Paragraph(inline_markup(item.runs), _style("bullet", item.level),
                                       bulletText=mark))
        elif isinstance(b, Table):
            columns = max([len(b.header), *(len(r) for r in b.rows)])
            if not columns:
                continue
            cell, head = Styles.get()["cell"], Styles.get()["cell_bold"]

            def cells(row, style, n=columns):
                row = list(row) + [()] * (n - len(row))
                return [Paragraph(inline_markup(c), style) for c in row[:n]]

            story.append(simple_table(cells(b.header, head), [cells(r, cell) for r in b.rows],
                                      [width / columns] * columns))
    return story


def markdown_flowables(source: str, width: float = DEFAULT_WIDTH) -> list:
    """Flowables for a section body stored as Markdown; any HTML-looking text prints as text."""
    return block_flowables(parse(source or ""), width)
