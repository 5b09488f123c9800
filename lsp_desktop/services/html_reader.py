"""Reading a web page (.html) into sections with the standard library's HTML parser."""

from __future__ import annotations

from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

from lsp_desktop.domain.richtext import Item, ListBlock, Para, Run, Table
from lsp_desktop.domain.strategy_documents import (
    ImportedDocument,
    SectionCollector,
    joined_runs,
    plural,
)

_BLOCKS = {"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "tr", "table",
           "ul", "ol", "blockquote", "pre", "title", "section", "article", "br"}
_SKIP = {"script", "style", "head", "nav", "template"}


class _Reader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.collector = SectionCollector()
        self.title = ""
        self.lost: Counter[str] = Counter()
        self.runs: list[Run] = []
        self.bold = self.italic = self.skip = 0
        self.in_title = False
        self.href = ""
        self.heading = 0
        self.lists: list[bool] = []
        self.items: list[Item] = []
        self.table: list[list] | None = None
        self.row: list | None = None
        self.in_cell = False

    # text ---------------------------------------------------------------
    def handle_data(self, data: str) -> None:
        if self.skip and not self.in_title:
            return
        if self.in_title:
            self.title += data
            return
        text = " ".join(data.split())
        if data[:1].isspace():
            text = " " + text
        if data[-1:].isspace() and text.strip():
            text += " "
        if text:
            self.runs.append(Run(text, self.bold > 0, self.italic > 0, self.href))

    def _take(self):
        runs = list(joined_runs(self.runs))
        self.runs = []
        if runs:
            first, last = runs[0], runs[-1]
            runs[0] = Run(first.text.lstrip(), first.bold, first.italic, first.href)
            runs[-1] = Run(runs[-1].text.rstrip(), last.bold, last.italic, last.href)
        return tuple(r for r in runs if r.text)

    def _flush_paragraph(self) -> None:
        if self.in_cell:
            return
        runs = self._take()
        if not runs:
            return
        if self.heading:
            self.collector.heading(self.heading, runs)
        elif self.lists:
            self.items.append(Item(runs, min(len(self.lists) - 1, 1), self.lists[-1]))
        else:
            self.collector.add(Para(runs))

    # tags ------------------------------------------------------------------
    def handle_starttag(self, tag: str, attrs) -> None:
        attrs = dict(attrs)
        if tag == "title":
            self.in_title, self.skip = True, self.skip + 1
            return
        if tag in _SKIP:
            self.skip += 1
            return
        if tag == "br":
            self.runs.append(Run("\n", self.bold > 0, self.italic > 0, self.href))
            return
        if tag in _BLOCKS:
            self._flush_paragraph()
        if tag in ("b", "strong"):
            self.bold += 1
        elif tag in ("i", "em"):
            self.italic += 1
        elif tag == "a":
            self.href = attrs.get("href") or ""
        elif tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self.heading = int(tag[1])
        elif tag in ("ul", "ol"):
            self.lists.append(tag == "ol")
        elif tag == "table":
            self._flush_list()
            self.table = []
        elif tag == "tr" and self.table is not None:
            self.row = []
        elif tag in ("td", "th") and self.row is not None:
            self.in_cell = True
        elif tag in ("img", "svg", "video", "iframe", "object"):
            self.lost["image" if tag in ("img", "svg") else "embedded object"] += 1
        elif tag == "sup" and attrs.get("class", "").startswith("footnote"):
            self.lost["footnote"] += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title, self.skip = False, max(0, self.skip - 1)
            return
        if tag in _SKIP:
            self.skip = max(0, self.skip - 1)
            return
        if tag in ("td", "th") and self.row is not None:
            self.row.append(self._take())
            self.in_cell = False
            return
        if tag in _BLOCKS:
            self._flush_paragraph()
        if tag in ("b", "strong"):
            self.bold = max(0, self.bold - 1)
        elif tag in ("i", "em"):
            self.italic = max(0, self.italic - 1)
        elif tag == "a":
            self.href = ""
        elif tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self.heading = 0
        elif tag in ("ul", "ol") and self.lists:
            self.lists.pop()
            if not self.lists:
                self._flush_list()
        elif tag == "tr" and self.table is not None and self.row is not None:
            self.table.append(tuple(self.row))
            self.row = None
        elif tag == "table" and self.table is not None:
            if self.table:
                self.collector.add(Table(self.table[0], tuple(self.table[1:])))
            self.table = None

    def _flush_list(self) -> None:
        if self.items:
            self.collector.add(ListBlock(tuple(self.items)))
            self.items = []

    def close(self) -> None:
        super().close()
        self._flush_paragraph()
        self._flush_list()


def read_html(path: Path) -> ImportedDocument:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
    reader = _Reader()
    reader.feed(text)
    reader.close()
    document = ImportedDocument(path.name, " ".join(reader.title.split()))
    document.sections = reader.collector.result()
    document.not_kept = [plural(n, k) for k, n in sorted(reader.lost.items())]
    return document
