"""Reading an OpenDocument text (.odt) into sections with odfpy; tracked changes accepted."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from lsp_desktop.domain.richtext import Item, ListBlock, Para, Run
from lsp_desktop.domain.strategy_documents import (
    ImportedDocument,
    SectionCollector,
    joined_runs,
    plural,
    table_of,
)

TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
DRAW = "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"
STYLE = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
FO = "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
XLINK = "http://www.w3.org/1999/xlink"
EXPORT_KEYWORD = "lsp-desktop strategy"


class _OdtReader:
    def __init__(self, doc):
        self.doc = doc
        self.lost: Counter[str] = Counter()
        self.looks: dict[str, tuple[bool, bool]] = {}
        self.parents: dict[str, str] = {}
        self.display: dict[str, str] = {}
        self.list_ordered: dict[str, dict[int, bool]] = {}
        for holder in (doc.styles, doc.automaticstyles):
            for style in holder.childNodes:
                self._style(style)

    def _style(self, style) -> None:
        name = style.getAttrNS(STYLE, "name")
        if not name:
            return
        if style.qname == (TEXT, "list-style"):
            levels = {}
            for level in style.childNodes:
                number = level.getAttrNS(TEXT, "level")
                if number and number.isdigit():
                    levels[int(number)] = level.qname[1] == "list-level-style-number"
            self.list_ordered[name] = levels
            return
        self.parents[name] = style.getAttrNS(STYLE, "parent-style-name") or ""
        self.display[name] = style.getAttrNS(STYLE, "display-name") or name
        for props in style.childNodes:
            if props.qname == (STYLE, "text-properties"):
                self.looks[name] = (props.getAttrNS(FO, "font-weight") == "bold",
                                    props.getAttrNS(FO, "font-style") == "italic")

    def style_names(self, name: str):
        seen = set()
        while name and name not in seen:
            seen.add(name)
            yield self.display.get(name, name).replace("_20_", " ")
            name = self.parents.get(name, "")

    def runs(self, element, bold=False, italic=False, href="") -> list[Run]:
        out: list[Run] = []
        for node in element.childNodes:
            if node.nodeType == node.TEXT_NODE:
                out.append(Run(str(node.data), bold, italic, href))
                continue
            tag = node.qname
            if tag == (TEXT, "span"):
                b, i = self.looks.get(node.getAttrNS(TEXT, "style-name") or "", (False, False))
                out += self.runs(node, bold or b, italic or i, href)
            elif tag == (TEXT, "a"):
                out += self.runs(node, bold, italic, node.getAttrNS(XLINK, "href") or href)
            elif tag == (TEXT, "s"):
                out.append(Run(" " * int(node.getAttrNS(TEXT, "c") or 1), bold, italic, href))
            elif tag == (TEXT, "tab"):
                out.append(Run(" ", bold, italic, href))
            elif tag == (TEXT, "line-break"):
                out.append(Run("\n", bold, italic, href))
            elif tag == (DRAW, "frame"):
                self.lost["image"] += 1
            elif tag == (TEXT, "note"):
                self.lost["footnote"] += 1
            elif tag[0] == TEXT and tag[1] in ("bookmark", "bookmark-start", "bookmark-end",
                                               "change", "change-start", "change-end",
                                               "soft-page-break"):
                continue
            else:
                out += self.runs(node, bold, italic, href)
        return out

    def paragraph_look(self, node) -> tuple[bool, bool]:
        return self.looks.get(node.getAttrNS(TEXT, "style-name") or "", (False, False))

    def list_items(self, node, depth: int, style: str, items: list[Item]) -> None:
        style = node.getAttrNS(TEXT, "style-name") or style
        for item in node.childNodes:
            if item.qname not in ((TEXT, "list-item"), (TEXT, "list-header")):
                continue
            for child in item.childNodes:
                if child.qname == (TEXT, "list"):
                    self.list_items(child, depth + 1, style, items)
                elif child.qname in ((TEXT, "p"), (TEXT, "h")):
                    ordered = self.list_ordered.get(style, {}).get(depth + 1, False)
                    items.append(Item(joined_runs(self.runs(child, *self.paragraph_look(child))),
                                      min(depth, 1), ordered))

    def table(self, node):
        rows = []
        for row in node.getElementsByType(_table_row()):
            cells = []
            for cell in row.childNodes:
                if cell.qname != (TABLE, "table-cell"):
                    continue
                runs: list[Run] = []
                for n, p in enumerate(c for c in cell.childNodes if c.qname[0] == TEXT):
                    if n:
                        runs.append(Run("\n"))
                    runs += self.runs(p, *self.paragraph_look(p))
                cells.append(joined_runs(runs))
            rows.append(tuple(cells))
        return table_of(rows)


def _table_row():
    from odf.table import TableRow

    return TableRow


def read_odt(path: Path) -> ImportedDocument:
    from odf.dc import Title
    from odf.meta import Keyword
    from odf.opendocument import load

    doc = load(str(path))
    reader = _OdtReader(doc)
    titles = doc.meta.getElementsByType(Title)
    result = ImportedDocument(path.name, str(titles[0]).strip() if titles else "")
    exported = any(EXPORT_KEYWORD in str(k) for k in doc.meta.getElementsByType(Keyword))
    collector = SectionCollector()
    skipped: list[str] = []

    def walk(container) -> None:
        for node in container.childNodes:
            tag = node.qname if hasattr(node, "qname") else None
            if tag == (TEXT, "h"):
                level = int(node.getAttrNS(TEXT, "outline-level") or 1)
                collector.heading(level, joined_runs(reader.runs(node)))
            elif tag == (TEXT, "p"):
                names = list(reader.style_names(node.getAttrNS(TEXT, "style-name") or ""))
                runs = joined_runs(reader.runs(node, *reader.paragraph_look(node)))
                text = "".join(r.text for r in runs).strip()
                if "Title" in names:
                    if not (exported and result.title):
                        result.title = text or result.title
                elif "Subtitle" in names and exported:
                    continue
                elif "Appendix Heading" in names:
                    skipped.append(text)
                    collector.skip_until_next_heading()
                elif any(n.startswith("Heading ") and n[8:].isdigit() for n in names):
                    level = next(int(n[8:]) for n in names if n.startswith("Heading ")
                                 and n[8:].isdigit())
                    collector.heading(level, runs)
                else:
                    collector.add(Para(runs))
            elif tag == (TEXT, "list"):
                items: list[Item] = []
                reader.list_items(node, 0, "", items)
                if items:
                    collector.add(ListBlock(tuple(items)))
            elif tag == (TABLE, "table"):
                collector.add(reader.table(node))
            elif tag in ((TEXT, "section"), (TEXT, "index-body")):
                walk(node)
            elif tag == (TEXT, "tracked-changes"):
                continue            # deleted text lives here: the changes are accepted
            elif tag == (DRAW, "frame"):
                reader.lost["image"] += 1

    walk(doc.text)
    result.sections = collector.result()
    result.not_kept = [plural(n, k) for k, n in sorted(reader.lost.items())]
    if skipped:
        result.not_kept.append("the tables under " + ", ".join(f"'{s}'" for s in skipped)
                               + " (LSP Desktop keeps those in its own registers)")
    return result
