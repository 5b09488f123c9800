"""Reading a Word .docx into sections with python-docx: tracked changes accepted (and
listed), comments listed, lists, tables and links kept, images and footnotes counted."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from lsp_desktop.domain.richtext import Inline, Item, ListBlock, Para, Run
from lsp_desktop.domain.strategy_documents import (
    Comment,
    ImportedDocument,
    PendingChange,
    SectionCollector,
    joined_runs,
    plural,
    table_of,
)

APPENDIX_STYLES = ("Appendix Heading",)
EXPORT_KEYWORD = "lsp-desktop strategy"


def _on(element, qn) -> bool:
    """A w:b / w:i toggle: present and not switched off."""
    return element is not None and element.get(qn("w:val"), "true") not in ("0", "false", "off")


class _DocxReader:
    def __init__(self, doc):
        from docx.oxml.ns import qn

        self.doc = doc
        self.qn = qn
        self.lost: Counter[str] = Counter()
        self.formats = self._number_formats()

    def _number_formats(self) -> dict[str, dict[str, str]]:
        """numId -> {ilvl: numFmt}, from the document's numbering definitions."""
        qn = self.qn
        try:
            numbering = self.doc.part.numbering_part.element
        except (KeyError, NotImplementedError):
            return {}
        abstract = {}
        for a in numbering.findall(qn("w:abstractNum")):
            abstract[a.get(qn("w:abstractNumId"))] = {
                lvl.get(qn("w:ilvl")): (lvl.find(qn("w:numFmt")).get(qn("w:val"))
                                        if lvl.find(qn("w:numFmt")) is not None else "bullet")
                for lvl in a.findall(qn("w:lvl"))}
        out = {}
        for num in numbering.findall(qn("w:num")):
            ref = num.find(qn("w:abstractNumId"))
            if ref is not None:
                out[num.get(qn("w:numId"))] = abstract.get(ref.get(qn("w:val")), {})
        return out

    # -- runs --------------------------------------------------------------
    def runs(self, paragraph) -> Inline:
        out: list[Run] = []
        self._walk(paragraph._p, paragraph.part, out, "")
        return joined_runs(out)

    def _walk(self, element, part, out: list[Run], href: str) -> None:
        qn = self.qn
        for child in element:
            tag = child.tag
            if tag == qn("w:r"):
                self._run(child, out, href)
            elif tag in (qn("w:del"), qn("w:moveFrom"), qn("w:pPr"), qn("w:rPr")):
                continue                # deleted text: the changes are accepted
            elif tag == qn("w:hyperlink"):
                rid = child.get(qn("r:id"))
                target = href
                if rid and rid in part.rels:
                    target = part.rels[rid].target_ref
                elif child.get(qn("w:anchor")):
                    target = "#" + child.get(qn("w:anchor"))
                self._walk(child, part, out, target)
            else:                       # w:ins, w:moveTo, w:smartTag, w:sdt, w:fldSimple...
                self._walk(child, part, out, href)

    def _run(self, r, out: list[Run], href: str) -> None:
        qn = self.qn
        r_pr = r.find(qn("w:rPr"))
        bold = italic = False
        if r_pr is not None:
            bold, italic = _on(r_pr.find(qn("w:b")), qn), _on(r_pr.find(qn("w:i")), qn)
        for child in r.iter():
            tag = child.tag
            if tag == qn("w:t"):
                out.append(Run(child.text or "", bold, italic, href))
            elif tag == qn("w:tab"):
                out.append(Run(" ", bold, italic, href))
            elif tag in (qn("w:br"), qn("w:cr")) and child.get(qn("w:type")) != "page":
                out.append(Run("\n", bold, italic, href))
            elif tag in (qn("w:drawing"), qn("w:pict")):
                self.lost["image"] += 1
            elif tag == qn("w:footnoteReference"):
                self.lost["footnote"] += 1
            elif tag == qn("w:endnoteReference"):
                self.lost["endnote"] += 1

    # -- paragraphs ----------------------------------------------------------
    def _style_chain(self, paragraph):
        style = paragraph.style
        while style is not None:
            yield style
            style = style.base_style

    def heading_level(self, paragraph) -> int:
        qn = self.qn
        for style in self._style_chain(paragraph):
            name = style.name or ""
            if name.startswith("Heading ") and name[8:].isdigit():
                return int(name[8:])
        p_pr = paragraph._p.pPr
        level = p_pr.find(qn("w:outlineLvl")) if p_pr is not None else None
        if level is not None and level.get(qn("w:val"), "9").isdigit():
            value = int(level.get(qn("w:val")))
            return value + 1 if value < 9 else 0
        return 0

    def list_info(self, paragraph) -> tuple[int, bool] | None:
        """(level, ordered) of a list paragraph, else None."""
        qn = self.qn
        holders = [paragraph._p.pPr] + [s.element.pPr for s in self._style_chain(paragraph)]
        num_id = ilvl = None
        for p_pr in holders:
            if p_pr is None or p_pr.find(qn("w:numPr")) is None:
                continue
            num_pr = p_pr.find(qn("w:numPr"))
            if num_id is None and num_pr.find(qn("w:numId")) is not None:
                num_id = num_pr.find(qn("w:numId")).get(qn("w:val"))
            if ilvl is None and num_pr.find(qn("w:ilvl")) is not None:
                ilvl = num_pr.find(qn("w:ilvl")).get(qn("w:val"))
        if num_id is None or num_id == "0":
            return None
        ilvl = ilvl or "0"
        name = paragraph.style.name if paragraph.style is not None else ""
        level = int(ilvl) if ilvl.isdigit() else 0
        if name.endswith((" 2", " 3", " 4", " 5")) and name.startswith("List"):
            level = max(level, 1)
        ordered = self.formats.get(num_id, {}).get(ilvl, "bullet") not in ("bullet", "none")
        return min(level, 1), ordered

    def deleted_whole(self, paragraph) -> bool:
        """A paragraph whose mark and text were all deleted (gone once accepted)."""
        qn = self.qn
        p_pr = paragraph._p.pPr
        mark = p_pr.find(qn("w:rPr")) if p_pr is not None else None
        return (mark is not None and mark.find(qn("w:del")) is not None
                and not "".join(r.text for r in self.runs(paragraph)).strip())

    def table(self, table):
        rows = []
        for row in table.rows:
            cells = []
            for cell in row.cells:
                runs: list[Run] = []
                for n, p in enumerate(cell.paragraphs):
                    if n:
                        runs.append(Run("\n"))
                    runs += self.runs(p)
                cells.append(joined_runs(runs))
            rows.append(tuple(cells))
        return table_of(rows)

    # -- changes and comments -----------------------------------------------
    def pending(self) -> list[PendingChange]:
        qn = self.qn
        out = []
        body = self.doc.element.body
        for element in body.iter(qn("w:ins"), qn("w:del")):
            text = "".join(t.text or "" for t in element.iter(qn("w:t"), qn("w:delText")))
            if not text.strip():
                continue                # a paragraph mark or formatting only
            out.append(PendingChange("insertion" if element.tag == qn("w:ins") else "deletion",
                                     element.get(qn("w:author"), ""),
                                     element.get(qn("w:date"), ""), text.strip()))
        return out

    def comments(self) -> list[Comment]:
        qn = self.qn
        anchors: dict[str, list[str]] = {}
        open_ids: set[str] = set()
        for element in self.doc.element.body.iter(qn("w:commentRangeStart"),
                                                  qn("w:commentRangeEnd"), qn("w:t")):
            if element.tag == qn("w:commentRangeStart"):
                open_ids.add(element.get(qn("w:id")))
                anchors.setdefault(element.get(qn("w:id")), [])
            elif element.tag == qn("w:commentRangeEnd"):
                open_ids.discard(element.get(qn("w:id")))
            else:
                for cid in open_ids:
                    anchors[cid].append(element.text or "")
        try:
            comments = list(self.doc.comments)
        except (KeyError, ValueError, NotImplementedError):
            return []
        return [Comment(c.author or "", c.timestamp.isoformat() if c.timestamp else "",
                        c.text.strip(), "".join(anchors.get(str(c.comment_id), [])).strip())
                for c in comments]


def read_docx(path: Path) -> ImportedDocument:
    import docx
    from docx.table import Table as DocxTable

    doc = docx.Document(str(path))
    reader = _DocxReader(doc)
    result = ImportedDocument(path.name, title=(doc.core_properties.title or "").strip())
    exported = EXPORT_KEYWORD in (doc.core_properties.keywords or "")
    collector = SectionCollector()
    items: list[Item] = []
    skipped: list[str] = []

    def flush() -> None:
        if items:
            collector.add(ListBlock(tuple(items)))
            items.clear()

    for block in doc.iter_inner_content():
        if isinstance(block, DocxTable):
            flush()
            collector.add(reader.table(block))
            continue
        if reader.deleted_whole(block):
            continue
        style = block.style.name if block.style is not None else ""
        runs = reader.runs(block)
        text = "".join(r.text for r in runs).strip()
        if style == "Title":
            result.title = result.title if exported and result.title else (text or result.title)
            continue
        if style == "Subtitle" and exported:
            continue
        if style in APPENDIX_STYLES:
            flush()
            skipped.append(text)
            collector.skip_until_next_heading()
            continue
        level = reader.heading_level(block)
        if level:
            flush()
            collector.heading(level, runs)
            continue
        info = reader.list_info(block)
        if info is not None:
            items.append(Item(runs, info[0], info[1]))
            continue
        flush()
        collector.add(Para(runs))
    flush()
    result.sections = collector.result()
    result.not_kept = [plural(n, kind) for kind, n in sorted(reader.lost.items())]
    if skipped:
        result.not_kept.append("the tables under " + ", ".join(f"'{s}'" for s in skipped)
                               + " (LSP Desktop keeps those in its own registers)")
    result.changes = reader.pending()
    result.comments = reader.comments()
    return result
