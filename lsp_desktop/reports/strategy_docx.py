"""A strategy version as a Word document (.docx): headings, real lists, tables, links."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from lsp_desktop.domain.richtext import Block, Heading, Inline, ListBlock, Para, Run, Table
from lsp_desktop.domain.strategies import (
    Endorsement,
    StrategyStatus,
    Target,
    format_number,
    target_status,
    theme_label,
)
from lsp_desktop.domain.text import format_date

APPENDIX_STYLE = "Appendix Heading"  # tables kept in LSP Desktop: an import leaves them out
EXPORT_KEYWORD = "lsp-desktop strategy"
LINK_BLUE = "0563C1"
PAGE_WIDTH_CM = 17.0                # A4 less 2 cm margins


def body_heading_level(level: int) -> int:
    """Headings inside a section sit under the section's Heading 1 and never become
    sections of their own when the file comes back (Heading 1 and 2 do)."""
    return max(3, min(level, 9))


class DocxWriter:
    """Writes blocks into a python-docx Document; tracked-change marks are added by the
    comparison writer through `change`."""

    def __init__(self):
        import docx
        from docx.enum.style import WD_STYLE_TYPE
        from docx.shared import Cm

        self.doc = docx.Document()
        page = self.doc.sections[0]          # A4, as the partnership prints, not Letter
        page.page_width, page.page_height = Cm(21), Cm(29.7)
        page.left_margin = page.right_margin = Cm(2)
        page.top_margin = page.bottom_margin = Cm(2)
        styles = self.doc.styles
        if APPENDIX_STYLE not in [s.name for s in styles]:
            style = styles.add_style(APPENDIX_STYLE, WD_STYLE_TYPE.PARAGRAPH)
            style.base_style = styles["Heading 1"]
            style.next_paragraph_style = styles["Normal"]
        self._abstract = {name: self._abstract_id(name) for name in ("List Number",
                                                                     "List Number 2")}
        self.change_id = 100
        self._style_ids: dict[str, str] = {}

    def _abstract_id(self, style_name: str) -> str:
        from docx.oxml.ns import qn

        style = self.doc.styles[style_name].element
        num_id = style.xpath("./w:pPr/w:numPr/w:numId/@w:val")[0]
        numbering = self.doc.part.numbering_part.element
        for num in numbering.findall(qn("w:num")):
            if num.get(qn("w:numId")) == num_id:
                return num.find(qn("w:abstractNumId")).get(qn("w:val"))
        raise LookupError(style_name)

    def new_numbering(self, style_name: str, start: int = 1) -> int:
        """A numbering instance of the style's list that starts again at `start`."""
        numbering = self.doc.part.numbering_part.element
        num = numbering.add_num(int(self._abstract[style_name]))
        num.add_lvlOverride(0).add_startOverride(start)
        return num.numId

    # -- runs ----------------------------------------------------------------
    def runs(self, paragraph, runs: Inline, change: str | None = None, author: str = "",
             when: str = "") -> None:
        """Append runs to a paragraph; links become hyperlinks; `change` "ins" or "del"
        wraps them as a tracked insertion or deletion."""
        groups: list[list[Run]] = []
        for r in runs:
            if groups and groups[-1][0].href == r.href:
                groups[-1].append(r)
            else:
                groups.append([r])
        for group in groups:
            href = group[0].href
            holder = paragraph._p
            if href:
                holder = self._hyperlink(paragraph, href)
            if change:
                holder = self.tracked(holder, change, author, when)
            for r in group:
                holder.append(self._run(paragraph, r, deleted=change == "del"))

    def _run(self, paragraph, r: Run, deleted: bool = False):
        """A w:r for a run: its look in w:rPr, its text in w:t (w:delText when deleted)
        with w:br for line breaks. Built from python-docx's elements directly: its Run
        setters search the element for every property, the cost of a long strategy."""
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        element = OxmlElement("w:r")
        if r.bold or r.italic or r.href:
            props = OxmlElement("w:rPr")
            if r.bold:
                props.append(OxmlElement("w:b"))
            if r.italic:
                props.append(OxmlElement("w:i"))
            if r.href:
                props.append(OxmlElement("w:color", {qn("w:val"): LINK_BLUE}))
                props.append(OxmlElement("w:u", {qn("w:val"): "single"}))
            element.append(props)
        tag = "w:delText" if deleted else "w:t"
        for n, line in enumerate(r.text.split("\n")):
            if n:
                element.append(OxmlElement("w:br"))
            if line:
                t = OxmlElement(tag)
                t.text = line
                t.set(qn("xml:space"), "preserve")
                element.append(t)
        return element

    def _hyperlink(self, paragraph, href: str):
        from docx.opc.constants import RELATIONSHIP_TYPE
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        link = OxmlElement("w:hyperlink")
        link.set(qn("r:id"), paragraph.part.relate_to(href, RELATIONSHIP_TYPE.HYPERLINK,
                                                      is_external=True))
        paragraph._p.append(link)
        return link

    def tracked(self, parent, change: str, author: str, when: str):
        """A w:ins or w:del element (python-docx has none) appended to `parent`."""
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        mark = OxmlElement(f"w:{change}")
        mark.set(qn("w:id"), str(self.change_id))
        mark.set(qn("w:author"), author or "LSP Desktop")
        if when:
            mark.set(qn("w:date"), when)
        self.change_id += 1
        parent.append(mark)
        return mark

    def mark_paragraph(self, paragraph, change: str, author: str, when: str) -> None:
        """Track the paragraph mark itself, so accepting or rejecting joins the lines."""
        p_pr = paragraph._p.get_or_add_pPr()
        r_pr = p_pr.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}rPr")
        if r_pr is None:
            from docx.oxml import OxmlElement

            r_pr = OxmlElement("w:rPr")
            p_pr.append(r_pr)
        self.tracked(r_pr, change, author, when)

    # -- blocks --------------------------------------------------------------
    def styled(self, style_name: str, text: str = ""):
        """A new paragraph in a style; the style's id is looked up once (python-docx looks
        it up by name on every paragraph, which dominates the time of a long strategy)."""
        style_id = self._style_ids.get(style_name)
        if style_id is None:
            style_id = self._style_ids[style_name] = self.doc.styles[style_name].style_id
        p = self.doc.add_paragraph(text)
        p._p.style = style_id
        return p

    def heading(self, text: str, level: int):
        return self.styled(f"Heading {level}", text)

    def paragraph_for(self, block, item_level: int = 0, ordered: bool = False,
                      numbering: int | None = None):
        """An empty paragraph with the look of a block (heading, paragraph, list item)."""
        if isinstance(block, Heading):
            return self.styled(f"Heading {body_heading_level(block.level)}")
        if block == "item":
            name = ("List Number" if ordered else "List Bullet") + (" 2" if item_level else "")
            p = self.styled(name)
            if ordered and numbering is not None:
                num_pr = p._p.get_or_add_pPr().get_or_add_numPr()
                num_pr.get_or_add_ilvl().val = 0
                num_pr.get_or_add_numId().val = numbering
            return p
        return self.doc.add_paragraph()

    def list_numbering(self, block: ListBlock) -> list[int | None]:
        """The numbering instance of each item: ordered lists restart at their start,
        nested ordered lists restart under each parent item."""
        out: list[int | None] = []
        top: int | None = None
        nested: int | None = None
        for item in block.items:
            if item.level == 0:
                nested = None
                if item.ordered and top is None:
                    top = self.new_numbering("List Number", block.start)
                out.append(top if item.ordered else None)
            else:
                if item.ordered and nested is None:
                    nested = self.new_numbering("List Number 2")
                out.append(nested if item.ordered else None)
        return out

    def table(self, header: Sequence[Inline], rows: Sequence[Sequence[Inline]],
              weights: Sequence[float] = ()):
        from docx.shared import Cm

        columns = max([len(header), *(len(r) for r in rows)])
        table = self.doc.add_table(rows=1 + len(rows), cols=columns)
        table.style = self.doc.styles["Table Grid"]
        if weights:
            table.autofit = False
            for column, weight in zip(table.columns, weights, strict=True):
                width = Cm(PAGE_WIDTH_CM * weight / sum(weights))
                column.width = width
                for cell in column.cells:
                    cell.width = width
        for r, row in enumerate([header, *rows]):
            for c in range(columns):
                cell = table.cell(r, c)
                runs = row[c] if c < len(row) else ()
                if r == 0:
                    runs = tuple(Run(x.text, True, x.italic, x.href) for x in runs)
                self.runs(cell.paragraphs[0], runs)
        return table

    def blocks(self, blocks: Sequence[Block]) -> None:
        for b in blocks:
            if isinstance(b, Heading | Para):
                self.runs(self.paragraph_for(b), b.runs)
            elif isinstance(b, ListBlock):
                for item, numbering in zip(b.items, self.list_numbering(b), strict=True):
                    self.runs(self.paragraph_for("item", item.level, item.ordered, numbering),
                              item.runs)
            elif isinstance(b, Table) and (b.header or b.rows):
                self.table(b.header, b.rows)

    def text_table(self, header: Sequence[str], rows: Sequence[Sequence[str]],
                   weights: Sequence[float] = ()):
        """A register's table (endorsements, targets), in a smaller type."""
        from docx.shared import Pt

        table = self.table([(Run(h),) for h in header],
                           [[(Run(c),) if c else () for c in row] for row in rows], weights)
        for row in table.rows:
            for cell in row.cells:
                for p in cell.paragraphs:
                    for run in p.runs:
                        run.font.size = Pt(8.5)
        return table

    def save(self, out: str | Path) -> None:
        self.doc.save(str(out) if isinstance(out, Path) else out)


def targets_rows(targets: Sequence[Target], today) -> list[list[str]]:
    def value(v, when):
        return "" if v is None else format_number(v) + (f"\n{format_date(when)}" if when else "")

    return [[theme_label(t.theme), t.indicator, t.data_source,
             value(t.baseline_value, t.baseline_date), value(t.target_value, t.target_date),
             value(t.latest_value, t.latest_date), t.lead_partner,
             target_status(t, today).value] for t in targets]


TARGET_HEADER = ("Theme", "Indicator", "Source", "Baseline", "Target", "Latest",
                 "Lead partner", "Status")
TARGET_WEIGHTS = (1.1, 2.3, 1.4, 1.45, 1.45, 1.45, 1.5, 0.9)
ENDORSEMENT_WEIGHTS = (3, 2, 1.2)


def endorsement_rows(endorsements: Sequence[Endorsement]) -> list[list[str]]:
    return [[e.body, e.endorsed_by, format_date(e.endorsed_on) if e.endorsed_on else ""]
            for e in endorsements]


def front_matter(writer: DocxWriter, data) -> None:
    """Title, subtitle and properties; an import reads the title back from them."""
    s, v = data.strategy, data.version
    props = writer.doc.core_properties
    props.title = s.title
    props.subject = f"{s.type.value}, version {v.number}"
    props.keywords = EXPORT_KEYWORD
    props.author = s.lead_officer or data.partnership.name
    writer.doc.add_paragraph(s.title, style="Title")
    line = f"{s.type.value}{' · ' + s.period if s.period else ''} · version {v.number}"
    line += f" “{v.label}”" if v.label else ""
    line += f", saved {format_date(v.created)} · status: {v.status.label}"
    writer.doc.add_paragraph(line, style="Subtitle")
    if v.status != StrategyStatus.AGREED:
        writer.doc.add_paragraph("This is a draft for discussion. It is not the "
                                 "partnership's agreed text.", style="Subtitle")


def appendices(writer: DocxWriter, data) -> None:
    if data.endorsements:
        writer.doc.add_paragraph("Endorsements", style=APPENDIX_STYLE)
        writer.text_table(("Body", "Signed by", "Date"), endorsement_rows(data.endorsements),
                          ENDORSEMENT_WEIGHTS)
    if data.targets:
        writer.doc.add_paragraph("Targets", style=APPENDIX_STYLE)
        writer.text_table(TARGET_HEADER, targets_rows(data.targets, data.today),
                          TARGET_WEIGHTS)


def write_strategy_docx(data, out: str | Path) -> None:
    """One version of a strategy (reports.strategy.StrategyDraftData) as .docx."""
    from lsp_desktop.domain.richtext import parse

    writer = DocxWriter()
    front_matter(writer, data)
    for n, section in enumerate(data.version.sections):
        writer.heading(section.title or f"Section {n + 1}", 1)
        writer.blocks(parse(section.body))
    appendices(writer, data)
    writer.save(out)
