"""The shared page template of every report: fonts, styles, header and footer, long tables."""

from __future__ import annotations

import calendar
import html
import io
import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.rl_accel import escapePDF as _escape_pdf
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import TimeStamp
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    PageTemplate,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.tableofcontents import TableOfContents

from lsp_desktop.domain.text import format_date
from lsp_desktop.reports.fonts import (  # noqa: F401 - the reports' names for them
    BOLD,
    BOLD_ITALIC,
    FONT,
    ITALIC,
    register_fonts,
)
from lsp_desktop.reports.paragraphs import Paragraph

PAPERS = {"a4": A4, "letter": LETTER}

INK = colors.HexColor("#1f2933")
MUTED = colors.HexColor("#5f6b7a")
ACCENT = colors.HexColor("#1d4f73")
RULE = colors.HexColor("#c7d0d9")
HEADER_FILL = colors.HexColor("#e4ebf2")
STRIPE = colors.HexColor("#f5f7fa")
OVERDUE = colors.HexColor("#b71c1c")
OVERDUE_FILL = colors.HexColor("#fdecea")

MARGIN = 18 * mm
TOP = 24 * mm
BOTTOM = 20 * mm
BODY_SIZE = 9
CELL_SIZE = 8
CELL_LEADING = 10
CELL_PAD = 3

def literal(text: str | None) -> str:
    """User text made safe for a Paragraph: printed exactly as typed, never as markup."""
    if not text:
        return ""
    # html's escape, not xml.sax's: that one imports urllib.request, http and ssl.
    return html.escape(str(text), quote=False).replace("\n", "<br/>")


def clip(text: str | None, limit: int) -> str:
    """Text for a table cell, cut short so that its row still fits on one page."""
    text = text or ""
    if len(text) <= limit:
        return text
    return text[:limit].rstrip() + f"… [{len(text) - limit:,} more characters]"


@dataclass(frozen=True)
class PageSetup:
    """What every page shows besides the content."""

    partnership: str
    title: str
    produced: date
    paper: str = "a4"
    author: str = ""
    subject: str = ""
    watermark: str = ""
    pages_after: int = 0        # pages merged in after this document (a board pack's papers)


def _styles() -> dict[str, ParagraphStyle]:
    body = ParagraphStyle("body", fontName=FONT, fontSize=BODY_SIZE, leading=12.5,
                          textColor=INK, spaceAfter=4)
    return {
        "body": body,
        "small": ParagraphStyle("small", parent=body, fontSize=8, leading=10, textColor=MUTED),
        "cell": ParagraphStyle("cell", parent=body, fontSize=CELL_SIZE, leading=CELL_LEADING,
                               spaceAfter=0),
        "cell_bold": ParagraphStyle("cell_bold", parent=body, fontName=BOLD,
                                    fontSize=CELL_SIZE, leading=CELL_LEADING, spaceAfter=0),
        "title": ParagraphStyle("title", parent=body, fontName=BOLD, fontSize=20, leading=25,
                                textColor=ACCENT, spaceAfter=6),
        "subtitle": ParagraphStyle("subtitle", parent=body, fontSize=11, leading=15,
                                   textColor=MUTED, spaceAfter=10),
        "h1": ParagraphStyle("h1", parent=body, fontName=BOLD, fontSize=14, leading=18,
                             textColor=ACCENT, spaceBefore=8, spaceAfter=6, keepWithNext=1),
        "h1_table": ParagraphStyle("h1_table", parent=body, fontName=BOLD, fontSize=14,
                                   leading=18, textColor=ACCENT, spaceBefore=8, spaceAfter=6),
        "h2_table": ParagraphStyle("h2_table", parent=body, fontName=BOLD, fontSize=11,
                                   leading=14, textColor=INK, spaceBefore=8, spaceAfter=4),
        "h2": ParagraphStyle("h2", parent=body, fontName=BOLD, fontSize=11, leading=14,
                             textColor=INK, spaceBefore=8, spaceAfter=4, keepWithNext=1),
        "h3": ParagraphStyle("h3", parent=body, fontName=BOLD, fontSize=9.5, leading=12.5,
                             textColor=INK, spaceBefore=5, spaceAfter=2, keepWithNext=1),
        "h3_table": ParagraphStyle("h3_table", parent=body, fontName=BOLD, fontSize=9.5,
                                   leading=12.5, textColor=INK, spaceBefore=5, spaceAfter=2),
        "bullet": ParagraphStyle("bullet", parent=body, leftIndent=12, bulletIndent=2,
                                 spaceAfter=2),
        "centre": ParagraphStyle("centre", parent=body, alignment=TA_CENTER),
    }


class Styles:
    """Paragraph styles built after the fonts are registered."""

    _cache: dict[str, ParagraphStyle] | None = None

    @classmethod
    def get(cls) -> dict[str, ParagraphStyle]:
        if cls._cache is None:
            register_fonts()
            cls._cache = _styles()
        return cls._cache


def para(text: str | None, style: str = "body") -> Paragraph:
    """A Paragraph of user text, printed literally."""
    return Paragraph(literal(text), Styles.get()[style])


def markup(safe_markup: str, style: str = "body") -> Paragraph:
    """A Paragraph of our own markup; every piece of user text in it must go through literal()."""
    return Paragraph(safe_markup, Styles.get()[style])


class Bookmark(Flowable):
    """An outline entry for the section that starts here; also feeds the contents page."""

    def __init__(self, title: str, level: int = 0, key: str | None = None):
        super().__init__()
        self.title = title
        self.level = level
        self.key = key or f"s{id(self)}"
        self.width = self.height = 0

    def wrap(self, aw, ah):
        return 0, 0

    def draw(self):
        self.canv.defer_bookmark(self.key, self.title, self.level)


class _ReportCanvas(Canvas):
    """Keeps pages until the end so each footer can say "Page x of y".

    Bookmarks are replayed with their page, because the PDF page objects only exist
    once a page is really emitted.
    """

    setup: PageSetup
    on_page: Callable[[int], None] | None = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Invariant output (the same bytes for the same data), but dated the day the
        # report was produced, not ReportLab's fixed 1 January 2000.
        self._doc._timeStamp = _stamp(self.setup.produced)
        self._pages: list[dict] = []
        self._bookmarks: dict[int, list[tuple[str, str, int]]] = {}
        self._later: dict[int, list[Callable]] = {}
        self._checks: list[Callable[[], None]] = []

    def draw_later(self, draw: Callable) -> None:
        """Draw on this page when the pages are written (every page number known then)."""
        self._later.setdefault(self._pageNumber, []).append(draw)

    def defer_bookmark(self, key: str, title: str, level: int) -> None:
        self._bookmarks.setdefault(self._pageNumber, []).append((key, title, level))

    def showPage(self):
        self._pages.append(dict(self.__dict__))
        if self.on_page:
            self.on_page(len(self._pages))
        self._startPage()

    def save(self):
        for check in self._checks:
            check()             # may raise _Relayout: nothing has been written yet
        total = len(self._pages) + self.setup.pages_after
        for number, state in enumerate(self._pages, start=1):
            self.__dict__.update(state)
            for key, title, level in self._bookmarks.get(number, ()):
                self.bookmarkPage(key, fit="XYZ", top=None)
                self.addOutlineEntry(title, key, level=level)
            for draw in self._later.get(number, ()):
                draw(self)
            self._decorate(number, total)
            Canvas.showPage(self)
        self._pages = []
        Canvas.save(self)

    def _decorate(self, number: int, total: int) -> None:
        setup = self.setup
        width, height = self._pagesize
        self.saveState()
        self.setStrokeColor(RULE)
        self.setLineWidth(0.6)
        self.line(MARGIN, height - TOP + 5 * mm, width - MARGIN, height - TOP + 5 * mm)
        self.line(MARGIN, BOTTOM - 6 * mm, width - MARGIN, BOTTOM - 6 * mm)
        self.setFillColor(MUTED)
        self.setFont(BOLD, 8)
        y = height - TOP + 7 * mm
        self.drawString(MARGIN, y, _fit(setup.partnership, BOLD, 8, (width - 2 * MARGIN) / 2))
        self.setFont(FONT, 8)
        self.drawRightString(width - MARGIN, y,
                             _fit(setup.title, FONT, 8, (width - 2 * MARGIN) / 2 - 10))
        y = BOTTOM - 10 * mm
        self.drawString(MARGIN, y, f"Produced {format_date(setup.produced)}")
        self.drawRightString(width - MARGIN, y, f"Page {number} of {total}")
        self.restoreState()


def _fit(text: str, font: str, size: float, width: float) -> str:
    if pdfmetrics.stringWidth(text, font, size) <= width:
        return text
    while text and pdfmetrics.stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text + "…"


def _draw_watermark(text: str):
    def on_page(canv, doc):
        width, height = doc.pagesize
        canv.saveState()
        canv.setFillColor(colors.Color(0.75, 0.1, 0.1, alpha=0.10))
        canv.setFont(BOLD, 110)
        canv.translate(width / 2, height / 2)
        canv.rotate(45)
        canv.drawCentredString(0, -40, text)
        canv.restoreState()
    return on_page


class ReportDocument(BaseDocTemplate):
    """A4 or Letter, one frame, header and footer on every page, deterministic output."""

    def __init__(self, out, setup: PageSetup, on_page: Callable[[int], None] | None = None,
                 **kwargs):
        register_fonts()
        if setup.paper not in PAPERS:
            raise ValueError(f"unknown paper size {setup.paper!r} (use a4 or letter)")
        size = PAPERS[setup.paper]
        super().__init__(out, pagesize=size, leftMargin=MARGIN, rightMargin=MARGIN,
                         topMargin=TOP, bottomMargin=BOTTOM, title=setup.title,
                         author=setup.author or setup.partnership,
                         subject=setup.subject or setup.title, creator="LSP Desktop",
                         invariant=1, initialFontName=FONT, **kwargs)
        self.setup = setup
        frame = Frame(MARGIN, BOTTOM, size[0] - 2 * MARGIN, size[1] - TOP - BOTTOM, id="body",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        on_begin = _draw_watermark(setup.watermark) if setup.watermark else None
        kwargs = {"onPage": on_begin} if on_begin else {}
        self.addPageTemplates([PageTemplate(id="page", frames=[frame], **kwargs)])
        doc_setup, doc_progress = setup, on_page

        class _Canvas(_ReportCanvas):
            setup = doc_setup
            on_page = staticmethod(doc_progress) if doc_progress else None

        self._canvas_class = _Canvas

    @property
    def content_width(self) -> float:
        return self.pagesize[0] - 2 * MARGIN

    def afterFlowable(self, flowable):
        if isinstance(flowable, Bookmark) and flowable.level <= 1:
            # the contents page sets entries as Paragraphs: the title must not be markup
            self.notify("TOCEntry", (flowable.level, literal(flowable.title), self.page,
                                     flowable.key))

    def render(self, story: list) -> None:
        self.build(story, canvasmaker=self._canvas_class)


class _Relayout(Exception):
    """The contents laid out in one pass do not match the document: lay it out again."""


class Contents(TableOfContents):
    """The contents page, laid out in one pass when it can be.

    Its lines are known before the layout (the story's bookmarks), so it takes its final
    height at once; the page numbers are drawn when the pages are written, all known by
    then. If the lines turn out different, or the contents do not fit on their page, the
    document is laid out again the usual way (passes until the numbers settle).
    """

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.deferred = False

    def prefill(self, entries: list[tuple]) -> None:
        self._lastEntries = list(entries)
        self.deferred = bool(entries)

    def wrap(self, availWidth, availHeight):
        size = super().wrap(availWidth, availHeight)
        if self.deferred:
            self._avail = (availWidth, availHeight)
            if size[1] > availHeight:
                self.deferred = False           # split over pages: numbers drawn now
            if self._check not in self.canv._checks:
                self.canv._checks.append(self._check)
        return size

    def drawOn(self, canvas, x, y, _sW=0):
        if not self.deferred:
            return super().drawOn(canvas, x, y, _sW)
        canvas.draw_later(lambda canv: self._draw_final(canv, x, y, _sW))

    def _check(self) -> None:
        def lines(entries):
            return [(level, text, key) for level, text, _page, key in entries]

        if not self.deferred or lines(self._entries) != lines(self._lastEntries):
            raise _Relayout

    def _draw_final(self, canvas, x, y, sW) -> None:
        self._lastEntries = list(self._entries)     # now with their page numbers
        self.wrapOn(canvas, *self._avail)
        self._table.drawOn(canvas, x, y, sW)


def _contents_lines(story: Sequence) -> list[tuple]:
    """What ReportDocument.afterFlowable will tell the contents, page numbers unknown."""
    lines = []
    for flowable in story:
        if isinstance(flowable, Bookmark) and flowable.level <= 1:
            lines.append((flowable.level, literal(flowable.title), 0, flowable.key))
        inner = getattr(flowable, "_content", None)
        if isinstance(inner, list):
            lines += _contents_lines(inner)
    return lines


def write_pdf(out: str | Path | io.BytesIO, setup: PageSetup, story_for: Callable, *,
              on_page: Callable[[int], None] | None = None, toc: bool = False) -> None:
    """Build `story_for(doc)` into `out`; with `toc`, the contents page gets its page
    numbers in the one layout pass when it can (see Contents), else passes until they
    settle."""
    target = str(out) if isinstance(out, Path) else out
    doc = ReportDocument(target, setup, on_page)
    story = story_for(doc)
    if not toc:
        doc.render(story)
        return
    indexes = [f for f in story if f.isIndexing()]
    if len(indexes) == 1 and isinstance(indexes[0], Contents):
        contents = indexes[0]
        contents.prefill(_contents_lines(story))
        doc._indexingFlowables = [contents]
        try:
            doc.render(story[:])
            return
        except _Relayout:
            contents.deferred = False
    doc.multiBuild(story, canvasmaker=doc._canvas_class, maxPasses=4)


# -- long tables --------------------------------------------------------------

_WORD_WIDTHS: dict[tuple[str, str], float] = {}


def _width(word: str, font: str, size: float) -> float:
    """Width of a word, remembered: names and bodies repeat the same words many times."""
    key = (font, word)
    w = _WORD_WIDTHS.get(key)
    if w is None:
        if len(_WORD_WIDTHS) > 200_000:
            _WORD_WIDTHS.clear()
        w = _WORD_WIDTHS[key] = pdfmetrics.stringWidth(word, font, 1000)
    return w * size / 1000


@lru_cache(maxsize=4096)
def wrap_cell(text: str, width: float, font: str = FONT, size: float = CELL_SIZE) -> str:
    """Plain text broken into lines that fit `width` (a plain cell is never parsed as markup)."""
    inner = width - 2 * CELL_PAD
    # No printable ASCII glyph in DejaVu Sans (bold) is wider than 1.11 em: short ASCII
    # text fits without measuring.
    if "\n" not in text and text.isascii() and len(text) * size * 1.11 <= inner:
        return text
    space = _width(" ", font, size)
    lines: list[str] = []
    for part in text.split("\n"):
        line, line_w = "", 0.0
        for word in part.split(" "):
            w = _width(word, font, size)
            if line and line_w + space + w <= inner:
                line += " " + word
                line_w += space + w
                continue
            if line:
                lines.append(line)
            if w > inner:
                pieces = _hard_break(word, font, size, inner)
                lines.extend(pieces[:-1])
                line, line_w = pieces[-1], _width(pieces[-1], font, size)
            else:
                line, line_w = word, w
        lines.append(line)
    return "\n".join(lines)


def _stamp(day: date) -> TimeStamp:
    """A PDF time stamp for midnight UTC at the start of `day`."""
    stamp = TimeStamp(invariant=1)
    seconds = calendar.timegm(day.timetuple())
    stamp.t = seconds
    stamp.lt = time.gmtime(seconds)
    stamp.YMDhms = tuple(stamp.lt)[:6]
    return stamp


_BREAK_AFTER = re.compile(r"(?<=[@./_-])")


def _hard_break(word: str, font: str, size: float, width: float) -> list[str]:
    """Break a word too long for its cell (an email address) after its `@`, dots or
    hyphens where it can, never leaving a stub like `k`; between characters only when
    a part alone is still too wide."""
    local, at, domain = word.partition("@")
    if at and local and domain and all(pdfmetrics.stringWidth(p, font, size) <= width
                                       for p in (local + at, domain)):
        return [local + at, domain]          # an e-mail address: its domain kept whole
    pieces, current = [], ""
    for part in (p for p in _BREAK_AFTER.split(word) if p):
        if current and pdfmetrics.stringWidth(current + part, font, size) > width:
            pieces.append(current)
            current = part
        else:
            current += part
    pieces.append(current)
    lines: list[str] = []
    for piece in pieces:       # a part alone too wide is broken between characters
        if pdfmetrics.stringWidth(piece, font, size) <= width:
            lines.append(piece)
            continue
        current = ""
        for ch in piece:
            if current and pdfmetrics.stringWidth(current + ch, font, size) > width:
                lines.append(current)
                current = ch
            else:
                current += ch
        lines.append(current)
    return lines


def _base_style(header_rows: int) -> list:
    cmds = [
        ("FONT", (0, 0), (-1, -1), FONT, CELL_SIZE, CELL_LEADING),
        ("TEXTCOLOR", (0, 0), (-1, -1), INK),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), CELL_PAD),
        ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PAD),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LINEBELOW", (0, 0), (-1, -1), 0.25, RULE),
    ]
    if header_rows:
        cmds += [
            ("FONT", (0, 0), (-1, header_rows - 1), BOLD, CELL_SIZE, CELL_LEADING),
            ("BACKGROUND", (0, 0), (-1, header_rows - 1), HEADER_FILL),
            ("LINEBELOW", (0, header_rows - 1), (-1, header_rows - 1), 0.8, ACCENT),
        ]
    return cmds


def simple_table(header: Sequence[str], rows: Sequence[Sequence], widths: Sequence[float],
                 extra_style: Sequence = (), stripes: bool = True) -> Table:
    """A short table whose header repeats and whose rows never split (Paragraphs allowed)."""
    data = [list(header)] + [list(r) for r in rows]
    cmds = _base_style(1) + list(extra_style)
    if stripes and rows:
        cmds.append(("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, STRIPE]))
    table = Table(data, colWidths=list(widths), repeatRows=1, hAlign="LEFT")
    table.setStyle(TableStyle(cmds))
    table.splitInRow = 0
    return table


class _TextRun:
    """Many short strings placed in one PDF text object.

    ReportLab's text object measures and re-encodes every string through general code;
    for a register of thousands of rows this lean path is several times faster and
    writes the same operators (absolute Tm positioning, the font's subset names).
    """

    def __init__(self, canv):
        self.canv = canv
        self.doc = canv._doc
        self.ops = ["BT"]
        self.font = None
        self.size = 0.0
        self.subset = None
        self.assignments = None

    def set_font(self, name: str, size: float) -> None:
        self.font = pdfmetrics.getFont(name)
        self.size = size
        self.subset = None
        self.assignments = None

    def set_colour(self, colour) -> None:
        self.ops.append(f"{colour.red:.3f} {colour.green:.3f} {colour.blue:.3f} rg")

    def add(self, x: float, y: float, text: str) -> None:
        position = f"1 0 0 1 {x:.2f} {y:.2f} Tm"
        assignments = self.assignments
        if assignments is not None and self.subset == 0:
            # every character already has a code in the first subset: encode directly
            try:
                chunk = bytes([assignments[c] for c in map(ord, text)])
            except (KeyError, ValueError):
                pass
            else:
                self.ops.append(f"{position} ({_escape_pdf(chunk)}) Tj")
                return
        ops = self.ops
        ops.append(position)
        for subset, chunk in self.font.splitString(text, self.doc):
            if subset != self.subset:
                name = self.font.getSubsetInternalName(subset, self.doc)
                ops.append(f"{name} {self.size:g} Tf")
                self.subset = subset
            ops.append(f"({_escape_pdf(chunk)}) Tj")
        if self.assignments is None:
            state = self.font.state.get(self.doc)
            self.assignments = state.assignments if state is not None else None

    def finish(self) -> None:
        self.ops.append("ET")
        self.canv._code.append("\n".join(self.ops))


MAX_CELL_LINES = 50   # a row must fit on one page: longer cell text is cut with a note


def _capped(lines: list[str]) -> list[str]:
    if len(lines) <= MAX_CELL_LINES:
        return lines
    return lines[:MAX_CELL_LINES - 1] + [f"… ({len(lines) - MAX_CELL_LINES + 1} more lines)"]


RowLook = Callable[[int], tuple]   # row index -> (fill colour or None, text colour or None)


class PagedTable(Flowable):
    """A table of plain-text rows split between rows only, its header on every page.

    Rows are wrapped and measured once and each page draws only its own rows, so the
    cost grows linearly with the number of rows (a single long Table is re-measured at
    every page break). Cells are plain text: never parsed as markup.
    """

    def __init__(self, header: Sequence[str], rows: Sequence[Sequence[str]],
                 widths: Sequence[float], row_look: RowLook | None = None,
                 *, _shared=None, _start: int = 0, _end: int | None = None):
        super().__init__()
        if _shared is None:
            wrapped_header = [wrap_cell(h, w, BOLD).split("\n")
                              for h, w in zip(header, widths, strict=True)]
            wrapped = [[_capped(wrap_cell(str(c), w).split("\n"))
                        for c, w in zip(r, widths, strict=True)] for r in rows]
            heights = [self._height(r) for r in wrapped]
            prefix = [0.0]
            for h in heights:
                prefix.append(prefix[-1] + h)
            _shared = (wrapped_header, self._height(wrapped_header), wrapped, heights, prefix,
                       list(widths), row_look)
        self._shared = _shared
        self._start = _start
        self._end = len(_shared[2]) if _end is None else _end
        self.width = sum(_shared[5])
        self.hAlign = "LEFT"

    @staticmethod
    def _height(cells: Sequence[list[str]]) -> float:
        return max((len(c) for c in cells), default=1) * CELL_LEADING + 5

    def wrap(self, aw, ah):
        header_h, prefix = self._shared[1], self._shared[4]
        self.height = header_h + prefix[self._end] - prefix[self._start]
        return self.width, self.height

    def split(self, aw, ah):
        header_h, prefix = self._shared[1], self._shared[4]
        budget = prefix[self._start] + ah - header_h
        lo, hi = self._start, self._end
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if prefix[mid] <= budget + 1e-6:
                lo = mid
            else:
                hi = mid - 1
        if lo <= self._start:
            return []
        if lo >= self._end:
            return [self]
        return [PagedTable((), (), (), _shared=self._shared, _start=self._start, _end=lo),
                PagedTable((), (), (), _shared=self._shared, _start=lo, _end=self._end)]

    def draw(self):
        header, header_h, rows, heights, _prefix, widths, row_look = self._shared
        canv = self.canv
        xs = [0.0]
        for w in widths:
            xs.append(xs[-1] + w)
        width = xs[-1]
        top = self.height
        # backgrounds first, then rules, then all text in one text object
        canv.saveState()
        canv.setFillColor(HEADER_FILL)
        canv.rect(0, top - header_h, width, header_h, stroke=0, fill=1)
        y = top - header_h
        looks = []
        for i in range(self._start, self._end):
            h = heights[i]
            fill, ink = row_look(i) if row_look else (None, None)
            if fill is None and (i - self._start) % 2:
                fill = STRIPE
            if fill is not None:
                canv.setFillColor(fill)
                canv.rect(0, y - h, width, h, stroke=0, fill=1)
            looks.append((y, h, ink))
            y -= h
        canv.setStrokeColor(RULE)
        canv.setLineWidth(0.25)
        canv.lines([(0, ry - h, width, ry - h) for ry, h, _ in looks])
        canv.setStrokeColor(ACCENT)
        canv.setLineWidth(0.8)
        canv.line(0, top - header_h, width, top - header_h)
        text = _TextRun(canv)
        text.set_font(BOLD, CELL_SIZE)
        text.set_colour(INK)
        first = top - 2 - CELL_SIZE
        for x, lines in zip(xs, header, strict=False):
            for n, line in enumerate(lines):
                text.add(x + CELL_PAD, first - n * CELL_LEADING, line)
        text.set_font(FONT, CELL_SIZE)
        current_ink = INK
        for i, (ry, _h, ink) in zip(range(self._start, self._end), looks, strict=True):
            ink = ink or INK
            if ink is not current_ink:
                text.set_colour(ink)
                current_ink = ink
            base = ry - 2 - CELL_SIZE
            for x, lines in zip(xs, rows[i], strict=False):
                for n, line in enumerate(lines):
                    if line:
                        text.add(x + CELL_PAD, base - n * CELL_LEADING, line)
        text.finish()
        canv.restoreState()


def signature_block(people: Sequence[str], width: float) -> Table:
    """Space to sign, then lines for the signature, the printed name and the date."""
    styles = Styles.get()
    data, heights, cmds = [], [], [("FONT", (0, 0), (-1, -1), FONT, 8),
                                   ("TEXTCOLOR", (0, 0), (-1, -1), MUTED),
                                   ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                   ("VALIGN", (0, 0), (-1, -1), "TOP")]
    for i, person in enumerate(people):
        top = 3 * i
        data += [[Paragraph(f"<b>{literal(person)}</b>", styles["body"]), "", ""],
                 ["", "", ""], ["Signature", "Name in capitals", "Date"]]
        heights += [20, 30, 22]
        cmds += [("SPAN", (0, top), (-1, top))]
        for col in range(3):
            cmds.append(("LINEABOVE", (col, top + 2), (col, top + 2), 0.6, INK))
    cw = [width * 0.42, width * 0.38, width * 0.2]
    table = Table(data, colWidths=cw, rowHeights=heights, hAlign="LEFT")
    cmds.append(("RIGHTPADDING", (0, 0), (-1, -1), 16))
    table.setStyle(TableStyle(cmds))
    table.keepWithNext = 0
    return table


class EndWithRows(Flowable):
    """A PagedTable and what closes it (a certification): the closing block never stands
    alone on a page - the table's last rows go over with it."""

    def __init__(self, table: PagedTable, tail: Sequence[Flowable], keep_rows: int = 2):
        super().__init__()
        self.table, self.tail, self.keep_rows = table, list(tail), keep_rows
        self.hAlign = "LEFT"

    def _parts(self):
        return [self.table] + self.tail

    def wrap(self, aw, ah):
        self._sizes = [f.wrap(aw, ah) for f in self._parts()]
        self.width = max((w for w, _ in self._sizes), default=0)
        self.height = sum(h for _, h in self._sizes)
        return self.width, self.height

    def split(self, aw, ah):
        t = self.table
        tail_h = sum(f.wrap(aw, ah)[1] for f in self.tail)
        pieces = t.split(aw, ah)
        if not pieces:
            return []
        first = pieces[0]
        shared, start, end = t._shared, t._start, t._end
        cut = first._end if len(pieces) > 1 else end
        if len(pieces) == 1:            # the table fits, the closing block does not
            cut = max(start, end - self.keep_rows)
            if first.wrap(aw, ah)[1] + tail_h <= ah:
                return [self]
        cut = min(cut, max(start, end - self.keep_rows))
        if cut <= start:
            return []
        head = PagedTable((), (), (), _shared=shared, _start=start, _end=cut)
        rest = PagedTable((), (), (), _shared=shared, _start=cut, _end=end)
        return [head, EndWithRows(rest, self.tail, self.keep_rows)]

    def draw(self):
        y = self.height
        for f, (_, h) in zip(self._parts(), self._sizes, strict=True):
            y -= h
            f.drawOn(self.canv, 0, y)


class KeepWithTableStart(CondPageBreak):
    """Starts a new page unless a heading, the table's header and its first row all fit.

    A fixed CondPageBreak guesses the height; a tall first row (an action with its
    milestones) then leaves the heading alone at the foot of the page.
    """

    def __init__(self, heading: Flowable, table: Table, minimum: float = 0):
        super().__init__(minimum)
        self.heading, self.table, self.minimum = heading, table, minimum

    def wrap(self, availWidth, availHeight):
        _, heading = self.heading.wrap(availWidth, availHeight)
        heading += self.heading.getSpaceBefore() + self.heading.getSpaceAfter()
        self.table.wrap(availWidth, availHeight)
        start = sum(self.table._rowHeights[:2])
        self.height = max(self.minimum, heading + start + 2)
        return super().wrap(availWidth, availHeight)


def gap(height: float = 6) -> Spacer:
    return Spacer(1, height)
