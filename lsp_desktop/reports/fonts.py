"""The reports' fonts: DejaVu Sans from assets/fonts, its italics read only when a paragraph has some."""

from __future__ import annotations

import io
from importlib import resources

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FONT = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
ITALIC = "DejaVuSans-Oblique"
BOLD_ITALIC = "DejaVuSans-BoldOblique"
ITALICS = frozenset((ITALIC, BOLD_ITALIC))

_ready: set[str] = set()


def _register(*names: str) -> None:
    folder = resources.files("lsp_desktop.assets").joinpath("fonts")
    for name in names:
        if name not in _ready:
            data = folder.joinpath(f"{name}.ttf").read_bytes()
            pdfmetrics.registerFont(TTFont(name, io.BytesIO(data)))
            _ready.add(name)


def register_fonts() -> None:
    """DejaVu Sans and its bold, once per process, and the family's names for <b> and <i>
    (the italics themselves are read by register_italics, when first wanted)."""
    if FONT in _ready:
        return
    _register(FONT, BOLD)
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=BOLD, italic=ITALIC,
                                  boldItalic=BOLD_ITALIC)
    # Tables (and the contents page's own table) start every cell in the class default
    # font; make that ours so no unembedded Helvetica reference creeps into a PDF.
    from reportlab.platypus import tables

    tables.CellStyle.fontname = FONT


def register_italics() -> None:
    """The italic and bold italic faces (each is a tenth of a small print's time to read)."""
    register_fonts()
    _register(ITALIC, BOLD_ITALIC)
