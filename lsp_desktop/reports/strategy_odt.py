"""A strategy version as an OpenDocument text (.odt), written with odfpy."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from lsp_desktop.domain.richtext import Heading, Inline, ListBlock, Para, Run, Table, parse
from lsp_desktop.domain.strategies import StrategyStatus
from lsp_desktop.domain.text import format_date
from lsp_desktop.reports.strategy_docx import (
    ENDORSEMENT_WEIGHTS,
    EXPORT_KEYWORD,
    TARGET_HEADER,
    TARGET_WEIGHTS,
    body_heading_level,
    endorsement_rows,
    targets_rows,
)

APPENDIX_STYLE = "Appendix_20_Heading"


class _OdtWriter:
    def __init__(self):
        from odf.opendocument import OpenDocumentText
        from odf.style import (
            DefaultStyle,
            ListLevelProperties,
            ParagraphProperties,
            Style,
            TableCellProperties,
            TableProperties,
            TextProperties,
        )
        from odf.text import ListLevelStyleBullet, ListLevelStyleNumber, ListStyle

        self.doc = doc = OpenDocumentText()
        self._spans: dict[tuple[bool, bool, bool], object] = {}
        self._columns: dict[str, object] = {}
        self.small = False
        self.small_style = Style(name="SmallCell", family="paragraph")
        self.small_style.addElement(TextProperties(fontsize="8.5pt"))
        self.small_style.addElement(ParagraphProperties(marginbottom="0cm"))
        doc.automaticstyles.addElement(self.small_style)
        default = DefaultStyle(family="paragraph")
        default.addElement(ParagraphProperties(marginbottom="0.18cm", margintop="0cm"))
        default.addElement(TextProperties(fontsize="10.5pt", fontfamily="Liberation Sans"))
        doc.styles.addElement(default)
        for level in range(1, 7):
            style = Style(name=f"Heading_20_{level}", displayname=f"Heading {level}",
                          family="paragraph", defaultoutlinelevel=str(level))
            style.addElement(TextProperties(fontsize=f"{max(11, 18 - 2 * level)}pt",
                                            fontweight="bold", color="#1d4f73"))
            style.addElement(ParagraphProperties(margintop="0.35cm", marginbottom="0.15cm",
                                                 keepwithnext="always"))
            doc.styles.addElement(style)
        self.table_style = Style(name="Grid", family="table")
        self.table_style.addElement(TableProperties(width="17cm", align="left"))
        doc.automaticstyles.addElement(self.table_style)
        self.cell_style = Style(name="GridCell", family="table-cell")
        self.cell_style.addElement(TableCellProperties(border="0.5pt solid #9aa5b1",
                                                       padding="0.08cm"))
        doc.automaticstyles.addElement(self.cell_style)
        for name, display, size in (("Title", "Title", "22pt"), ("Subtitle", "Subtitle", "12pt"),
                                    (APPENDIX_STYLE, "Appendix Heading", "16pt")):
            style = Style(name=name, displayname=display, family="paragraph")
            style.addElement(TextProperties(fontsize=size,
                                            fontweight="normal" if name == "Subtitle"
                                            else "bold"))
            style.addElement(ParagraphProperties(marginbottom="0.2cm"))
            doc.styles.addElement(style)
        self.bullets = ListStyle(name="Bullets")
        self.numbers = ListStyle(name="Numbers")
        for level in (1, 2):
            indent = f"{0.6 * level:.1f}cm"
            bullet = ListLevelStyleBullet(level=level, bulletchar="•" if level == 1 else "–")
            bullet.addElement(ListLevelProperties(spacebefore=indent, minlabelwidth="0.5cm"))
            self.bullets.addElement(bullet)
            number = ListLevelStyleNumber(level=level, numformat="1", numsuffix=".")
            number.addElement(ListLevelProperties(spacebefore=indent, minlabelwidth="0.6cm"))
            self.numbers.addElement(number)
        doc.automaticstyles.addElement(self.bullets)
        doc.automaticstyles.addElement(self.numbers)
        self.header_cell = Style(name="HeaderText", family="text")
        self.header_cell.addElement(TextProperties(fontweight="bold"))
        doc.automaticstyles.addElement(self.header_cell)

    def _span_style(self, bold: bool, italic: bool, link: bool):
        from odf.style import Style, TextProperties

        key = (bold, italic, link)
        if key not in self._spans:
            style = Style(name=f"T{len(self._spans) + 1}", family="text")
            props = {}
            if bold:
                props["fontweight"] = "bold"
            if italic:
                props["fontstyle"] = "italic"
            if link:
                props.update(color="#0563c1", textunderlinestyle="solid",
                             textunderlinewidth="auto", textunderlinecolor="font-color")
            style.addElement(TextProperties(**props))
            self.doc.automaticstyles.addElement(style)
            self._spans[key] = style
        return self._spans[key]

    def _column(self, width: float):
        """A column style of `width` cm (tables take 17 cm)."""
        from odf.style import Style, TableColumnProperties

        name = f"Col{round(width * 100)}"
        if name not in self._columns:
            style = Style(name=name, family="table-column")
            style.addElement(TableColumnProperties(columnwidth=f"{width:.2f}cm"))
            self.doc.automaticstyles.addElement(style)
            self._columns[name] = style
        return self._columns[name]

    def runs(self, element, runs: Inline) -> None:
        from odf.text import A, LineBreak, Span

        for r in runs:
            target = element
            if r.href:
                target = A(href=r.href, type="simple")
                element.addElement(target)
            holder = target
            if r.bold or r.italic or r.href:
                holder = Span(stylename=self._span_style(r.bold, r.italic, bool(r.href)))
                target.addElement(holder)
            for n, line in enumerate(r.text.split("\n")):
                if n:
                    holder.addElement(LineBreak())
                if line:
                    holder.addText(line)

    def paragraph(self, runs: Inline, style: str | None = None):
        from odf.text import P

        p = P(stylename=style) if style else P()
        self.runs(p, runs)
        self.doc.text.addElement(p)
        return p

    def heading(self, runs: Inline, level: int):
        from odf.text import H

        h = H(outlinelevel=level, stylename=f"Heading_20_{level}")
        self.runs(h, runs)
        self.doc.text.addElement(h)

    def list(self, block: ListBlock) -> None:
        from odf.text import List, ListItem, P

        top = List(stylename=self.numbers if block.items and block.items[0].ordered
                   else self.bullets)
        self.doc.text.addElement(top)
        last_item = None
        nested = None
        for item in block.items:
            p = P()
            self.runs(p, item.runs)
            if item.level == 0 or last_item is None:
                last_item = ListItem()
                last_item.addElement(p)
                top.addElement(last_item)
                nested = None
            else:
                if nested is None:
                    nested = List(stylename=self.numbers if item.ordered else self.bullets)
                    last_item.addElement(nested)
                li = ListItem()
                li.addElement(p)
                nested.addElement(li)

    def table(self, header: Sequence[Inline], rows: Sequence[Sequence[Inline]],
              weights: Sequence[float] = ()) -> None:
        from odf.table import Table as OdfTable
        from odf.table import TableCell, TableColumn, TableRow
        from odf.text import P

        columns = max([len(header), *(len(r) for r in rows)])
        table = OdfTable(stylename=self.table_style)
        for weight in weights or [1.0] * columns:
            table.addElement(TableColumn(stylename=self._column(
                17 * weight / sum(weights or [1.0] * columns))))
        for r, row in enumerate([header, *rows]):
            tr = TableRow()
            for c in range(columns):
                cell = TableCell(valuetype="string", stylename=self.cell_style)
                p = P(stylename=self.small_style) if self.small else P()
                runs = row[c] if c < len(row) else ()
                if r == 0:
                    runs = tuple(Run(x.text, True, x.italic, x.href) for x in runs)
                self.runs(p, runs)
                cell.addElement(p)
                tr.addElement(cell)
            table.addElement(tr)
        self.doc.text.addElement(table)

    def blocks(self, blocks) -> None:
        for b in blocks:
            if isinstance(b, Heading):
                self.heading(b.runs, body_heading_level(b.level))
            elif isinstance(b, Para):
                self.paragraph(b.runs)
            elif isinstance(b, ListBlock):
                self.list(b)
            elif isinstance(b, Table) and (b.header or b.rows):
                self.table(b.header, b.rows)

    def text_table(self, header, rows, weights=()) -> None:
        """A register's table (endorsements, targets), in a smaller type."""
        self.small = True
        try:
            self._text_table(header, rows, weights)
        finally:
            self.small = False

    def _text_table(self, header, rows, weights=()) -> None:
        self.table([(Run(h),) for h in header], [[(Run(c),) if c else () for c in r]
                                                 for r in rows], weights)


def write_strategy_odt(data, out: str | Path) -> None:
    """One version of a strategy (reports.strategy.StrategyDraftData) as .odt."""
    from odf.dc import Subject, Title
    from odf.meta import Keyword

    s, v = data.strategy, data.version
    w = _OdtWriter()
    w.doc.meta.addElement(Title(text=s.title))
    w.doc.meta.addElement(Subject(text=f"{s.type.value}, version {v.number}"))
    w.doc.meta.addElement(Keyword(text=EXPORT_KEYWORD))
    w.paragraph((Run(s.title),), "Title")
    line = f"{s.type.value}{' · ' + s.period if s.period else ''} · version {v.number}"
    line += (f" “{v.label}”" if v.label else "") + \
        f", saved {format_date(v.created)} · status: {v.status.label}"
    w.paragraph((Run(line),), "Subtitle")
    if v.status != StrategyStatus.AGREED:
        w.paragraph((Run("This is a draft for discussion. It is not the partnership's "
                         "agreed text."),), "Subtitle")
    for n, section in enumerate(v.sections):
        w.heading((Run(section.title or f"Section {n + 1}"),), 1)
        w.blocks(parse(section.body))
    if data.endorsements:
        w.paragraph((Run("Endorsements"),), APPENDIX_STYLE)
        w.text_table(("Body", "Signed by", "Date"), endorsement_rows(data.endorsements),
                     ENDORSEMENT_WEIGHTS)
    if data.targets:
        w.paragraph((Run("Targets"),), APPENDIX_STYLE)
        w.text_table(TARGET_HEADER, targets_rows(data.targets, data.today),
                     TARGET_WEIGHTS)
    w.doc.save(str(out))
