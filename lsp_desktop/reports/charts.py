"""Charts drawn with ReportLab's graphics: the board's seats by sector as labelled bars."""

from __future__ import annotations

from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.lib import colors

from lsp_desktop.domain.members import Balance, Sector
from lsp_desktop.reports.base import BOLD, FONT, INK, MUTED, RULE, register_fonts

SECTOR_COLOURS = {
    Sector.PUBLIC: colors.HexColor("#1d4f73"),
    Sector.PRIVATE: colors.HexColor("#6a4c93"),
    Sector.VOLUNTARY: colors.HexColor("#2a9d8f"),
    Sector.COMMUNITY: colors.HexColor("#e9a23b"),
}


def sector_chart(balance: Balance, width: float) -> Drawing:
    """Horizontal bars, one per sector, each labelled with its seats and share."""
    register_fonts()
    bar_h, gap_h, label_w, top = 16, 8, 70, 18
    height = top + len(Sector) * (bar_h + gap_h) + 4
    drawing = Drawing(width, height, initialFontName=FONT, initialFontSize=8)
    drawing.add(String(0, height - 11, "Seats by sector", fontName=BOLD, fontSize=8.5,
                       fillColor=INK))
    most = max([balance.by_sector.get(s, 0) for s in Sector] + [1])
    room = width - label_w - 70
    y = height - top - bar_h
    drawing.add(Line(label_w, 2, label_w, height - top + 2, strokeColor=RULE, strokeWidth=0.6))
    for sector in Sector:
        seats = balance.by_sector.get(sector, 0)
        share = balance.by_sector_share.get(sector, 0.0)
        drawing.add(String(0, y + 4.5, sector.label, fontName=FONT, fontSize=8, fillColor=INK))
        length = room * seats / most
        if seats:
            drawing.add(Rect(label_w, y, length, bar_h, fillColor=SECTOR_COLOURS[sector],
                             strokeColor=None))
        drawing.add(String(label_w + length + 4, y + 4.5, f"{seats} ({share:.0%})",
                           fontName=FONT, fontSize=8, fillColor=MUTED))
        y -= bar_h + gap_h
    return drawing
