"""Charts drawn with ReportLab graphics: seats by sector, and a target's values against its trajectory."""

from __future__ import annotations

from reportlab.graphics.shapes import Circle, Drawing, Line, PolyLine, Rect, String
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


# -- a target's line chart ------------------------------------------------------------

ACTUAL = colors.HexColor("#1d4f73")
TRAJECTORY = colors.HexColor("#2a9d8f")
COMPARISON = colors.HexColor("#e9a23b")
OFF_TRACK = colors.HexColor("#b71c1c")


def _nice_step(span: float) -> float:
    import math

    raw = span / 4 if span > 0 else 1.0
    power = 10 ** math.floor(math.log10(raw))
    return next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)


def _tick(value: float) -> str:
    return f"{value:,.0f}" if abs(value) >= 100 or float(value).is_integer() else f"{value:,.1f}"


def target_chart(target, points, width: float, height: float = 150,
                 title: str | None = None) -> Drawing:
    """The target's values (solid, with dots), its trajectory from baseline to target
    (dashed) and, where kept, the comparison area's values (orange), against time.

    The same Drawing is printed in reports and shown on screen as SVG."""
    register_fonts()
    drawing = Drawing(width, height, initialFontName=FONT, initialFontSize=7.5)
    # Opaque, so the SVG reads the same on a dark window as on paper.
    drawing.add(Rect(0, 0, width, height, fillColor=colors.white, strokeColor=None))
    heading = title if title is not None else target.indicator
    top = 14 if heading else 2
    left, right, bottom, legend_h = 42, 10, 26, 14
    if heading:
        drawing.add(String(0, height - 10, _fit(heading, width, 8.5), fontName=BOLD,
                           fontSize=8.5, fillColor=INK))
    actual = [(p.measured_on, float(p.value)) for p in points]
    compare = [(p.measured_on, float(p.comparison)) for p in points if p.comparison is not None]
    trajectory = []
    if (target.baseline_value is not None and target.baseline_date is not None
            and target.target_value is not None and target.target_date is not None):
        trajectory = [(target.baseline_date, float(target.baseline_value)),
                      (target.target_date, float(target.target_value))]
    elif target.baseline_value is not None and target.baseline_date is not None:
        actual = [(target.baseline_date, float(target.baseline_value))] + actual
    series = actual + compare + trajectory
    plot_w, plot_h = width - left - right, height - top - bottom - legend_h
    x0, y0 = left, bottom + legend_h
    if not series:
        drawing.add(String(x0, y0 + plot_h / 2, "No values recorded yet.", fontName=FONT,
                           fontSize=8, fillColor=MUTED))
        return drawing
    days = [d.toordinal() for d, _v in series]
    d_lo, d_hi = min(days), max(days)
    if d_hi == d_lo:
        d_lo, d_hi = d_lo - 180, d_hi + 180
    values = [v for _d, v in series]
    lo, hi = min(values), max(values)
    step = _nice_step((hi - lo) or abs(hi) or 1.0)
    lo = (lo // step) * step
    hi = lo + step * max(1, -(-(hi - lo) // step))
    if hi == lo:
        hi = lo + step

    def xy(day, value):
        return (x0 + plot_w * (day.toordinal() - d_lo) / (d_hi - d_lo),
                y0 + plot_h * (value - lo) / (hi - lo))

    tick = lo
    while tick <= hi + step / 1000:
        y = y0 + plot_h * (tick - lo) / (hi - lo)
        drawing.add(Line(x0, y, x0 + plot_w, y, strokeColor=RULE, strokeWidth=0.4))
        drawing.add(String(x0 - 4, y - 2.5, _tick(tick), fontName=FONT, fontSize=7,
                           fillColor=MUTED, textAnchor="end"))
        tick += step
    from datetime import date as _date

    first, last = _date.fromordinal(d_lo), _date.fromordinal(d_hi)
    years = range(first.year if first.month <= 4 else first.year + 1, last.year + 1)
    every = max(1, -(-len(years) // 8))
    for i, year in enumerate(years):
        x, _ = xy(_date(year, 4, 1), lo)
        if x < x0 - 0.1 or x > x0 + plot_w + 0.1:
            continue
        drawing.add(Line(x, y0, x, y0 - 3, strokeColor=MUTED, strokeWidth=0.5))
        if i % every == 0:
            drawing.add(String(x, y0 - 11, f"{year}/{(year + 1) % 100:02d}", fontName=FONT,
                               fontSize=7, fillColor=MUTED, textAnchor="start"))
    drawing.add(Line(x0, y0, x0 + plot_w, y0, strokeColor=MUTED, strokeWidth=0.6))
    drawing.add(Line(x0, y0, x0, y0 + plot_h, strokeColor=MUTED, strokeWidth=0.6))
    if len(trajectory) == 2:
        (ax, ay), (bx, by) = xy(*trajectory[0]), xy(*trajectory[1])
        drawing.add(Line(ax, ay, bx, by, strokeColor=TRAJECTORY, strokeWidth=1.2,
                         strokeDashArray=[4, 3]))
        drawing.add(Circle(bx, by, 2.6, fillColor=colors.white, strokeColor=TRAJECTORY,
                           strokeWidth=1))
    for pts, colour, width_ in ((compare, COMPARISON, 1.2), (actual, ACTUAL, 1.6)):
        coords = [c for d, v in pts for c in xy(d, v)]
        if len(pts) > 1:
            drawing.add(PolyLine(coords, strokeColor=colour, strokeWidth=width_))
        for d, v in pts:
            x, y = xy(d, v)
            drawing.add(Circle(x, y, 2.2, fillColor=colour, strokeColor=None))
    label = getattr(target, "comparison_label", "") or "comparison"
    entries = [(ACTUAL, "Actual", False)]
    if trajectory:
        entries.append((TRAJECTORY, "Trajectory to target", True))
    if compare:
        entries.append((COMPARISON, label.capitalize(), False))
    x = x0
    for colour, text, dashed in entries:
        drawing.add(Line(x, 5, x + 16, 5, strokeColor=colour, strokeWidth=1.6,
                         strokeDashArray=[4, 3] if dashed else None))
        drawing.add(String(x + 20, 2.5, text, fontName=FONT, fontSize=7.5, fillColor=INK))
        x += 28 + len(text) * 4.2
    return drawing


def _fit(text: str, width: float, size: float) -> str:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    if stringWidth(text, BOLD, size) <= width:
        return text
    while text and stringWidth(text + "…", BOLD, size) > width:
        text = text[:-1]
    return text + "…"


def drawing_svg(drawing: Drawing) -> bytes:
    """The drawing as SVG, for the window (QtSvg) to show exactly what is printed."""
    from reportlab.graphics import renderSVG

    return renderSVG.drawToString(drawing).encode("utf-8")
