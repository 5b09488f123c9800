"""Timeline of the action plan: bars from start to due, milestone marks, today's line."""

from __future__ import annotations

from datetime import date, timedelta
from enum import StrEnum

from PySide6.QtCore import QEvent, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPen, QPolygonF
from PySide6.QtWidgets import (
    QComboBox,
    QGraphicsLineItem,
    QGraphicsPolygonItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
    QGraphicsView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from lsp_desktop.domain.actions import Action, ActionStatus, Progress, summary_text
from lsp_desktop.domain.text import format_date
from lsp_desktop.ui.actions.action_table import OVERDUE_COLOUR, GroupHeader

ROW_HEIGHT = 22
BAR_HEIGHT = 12
AXIS_HEIGHT = 34
MARK = 5          # half-size of a milestone mark


class Zoom(StrEnum):
    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"

    @property
    def pixels_per_day(self) -> float:
        return {"month": 8.0, "quarter": 3.0, "year": 0.9}[self.value]

    @property
    def step_days(self) -> int:
        return {"month": 30, "quarter": 91, "year": 365}[self.value]


_BAR_COLOURS = {Progress.GREEN: "#66bb6a", Progress.AMBER: "#ffb74d", Progress.RED: "#e57373",
                None: "#b0bec5"}
_NO_PEN = QPen(Qt.PenStyle.NoPen)
CHUNK = 250       # rows built at a time in a large plan


class _Style:
    """Pens, brushes and shapes shared by every item of one drawing."""

    def __init__(self):
        self.bold = QFont()
        self.bold.setBold(True)
        self.thin = QPen(QColor("#5f6b73"))
        self.overdue_pen = QPen(QColor(OVERDUE_COLOUR), 2)
        self.brushes = {p: QBrush(QColor(c)) for p, c in _BAR_COLOURS.items()}
        self.hatched = {p: QBrush(QColor(c), Qt.BrushStyle.BDiagPattern)
                        for p, c in _BAR_COLOURS.items()}
        self.band = QBrush(QColor("#eef0f5"))
        self.done = QBrush(QColor("#37474f"))
        self.open = QBrush(QColor("white"))
        self.late = QBrush(QColor(OVERDUE_COLOUR))
        self.diamond = TimelineView._mark_shape(False)
        self.triangle = TimelineView._mark_shape(True)


def _month_starts(first: date, last: date, every: int):
    d = date(first.year, first.month, 1)
    while d <= last:
        if (d.month - 1) % every == 0:
            yield d
        d = date(d.year + (d.month == 12), d.month % 12 + 1, 1)


class TimelineView(QGraphicsView):
    """The drawing; rebuild() takes the table's rows (group headings included)."""

    action_activated = Signal(int)

    def __init__(self, parent=None):
        super().__init__(parent)
        # The default BSP index keeps a repaint to the few hundred items in view
        # (a linear scan of 40,000 items cost ~30 ms per frame).
        self.setScene(QGraphicsScene(self))
        self.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.MinimalViewportUpdate)
        self.setAccessibleName("Action timeline")
        self.zoom = Zoom.QUARTER
        self.today = date.today()
        self.origin = self.today
        self.bar_items: dict[int, QGraphicsRectItem] = {}
        self.label_items: dict[int, QGraphicsSimpleTextItem] = {}
        self.milestone_items: dict[int, list[QGraphicsPolygonItem]] = {}
        self.group_items: list[QGraphicsSimpleTextItem] = []
        self.today_line: QGraphicsLineItem | None = None
        self._entries: list[Action | GroupHeader] = []
        self._by_id: dict[int, Action] = {}
        self._built = bytearray()
        self._axis_font = QFont()
        self._axis_font.setPointSizeF(8)

    def x_for(self, day: date) -> float:
        return (day - self.origin).days * self.zoom.pixels_per_day

    def date_at(self, x: float) -> date:
        return self.origin + timedelta(days=int(x / self.zoom.pixels_per_day))

    def set_zoom(self, zoom: Zoom) -> None:
        centre = self.date_at(self.mapToScene(self.viewport().rect().center()).x())
        self.zoom = Zoom(zoom)
        self.rebuild(self._entries, self.today)
        self.centre_on(centre)

    def centre_on(self, day: date) -> None:
        y = self.mapToScene(self.viewport().rect().center()).y()
        self.centerOn(QPointF(self.x_for(day), y))

    def scroll_by_step(self, steps: int) -> None:
        bar = self.horizontalScrollBar()
        bar.setValue(bar.value() + int(steps * self.zoom.step_days * self.zoom.pixels_per_day))

    def rebuild(self, entries: list[Action | GroupHeader], today: date) -> None:
        scene = self.scene()
        scene.clear()
        self.bar_items, self.label_items, self.milestone_items = {}, {}, {}
        self.group_items = []
        self._entries = list(entries)
        self._by_id = {e.id: e for e in entries if isinstance(e, Action)}
        self.today = today
        dates = [today]
        for e in entries:
            if isinstance(e, Action):
                dates += [d for d in (e.start, e.due) if d]
        first, last = min(dates), max(dates)
        self.origin = date(first.year, first.month, 1) - timedelta(days=31)
        end = last + timedelta(days=120)
        ppd = self.zoom.pixels_per_day
        width = (end - self.origin).days * ppd
        height = AXIS_HEIGHT + max(1, len(entries)) * ROW_HEIGHT + 10
        scene.setSceneRect(QRectF(0, 0, width, height))

        # Grid lines live in the scene; their labels are drawn in drawForeground so
        # the axis stays in view when scrolling down.
        grid = QPen(QColor("#e3e3e3"))
        for d in _month_starts(self.origin, end, 3 if self.zoom == Zoom.YEAR else 1):
            x = self.x_for(d)
            scene.addLine(x, AXIS_HEIGHT - 6, x, height, grid).setZValue(-2)
        self._end = end

        self._style = _Style()
        self._first_x = self.x_for(first)
        self._width = width
        self._built = bytearray((len(entries) + CHUNK - 1) // CHUNK)
        pen = QPen(QColor(OVERDUE_COLOUR), 1.5, Qt.PenStyle.DashLine)
        x = self.x_for(today) + ppd / 2
        self.today_line = scene.addLine(x, AXIS_HEIGHT - 8, x, height, pen)
        self.today_line.setZValue(2)
        if len(entries) <= 4 * CHUNK:
            self._build_rows(0, len(entries))
        else:
            self.build_visible()

    def build_visible(self) -> None:
        """Create the items of the rows in and near view; a large plan is drawn as it scrolls.

        Ten thousand rows cost over a second to build at once; a chunk is a few ms.
        """
        if not self._built:
            return
        top = self.mapToScene(0, 0).y()
        bottom = top + self.viewport().height()
        first = max(0, int((top - AXIS_HEIGHT) // ROW_HEIGHT) - CHUNK // 2) // CHUNK
        last = min(len(self._built) - 1,
                   (int((bottom - AXIS_HEIGHT) // ROW_HEIGHT) + CHUNK // 2) // CHUNK)
        for chunk in range(first, last + 1):
            if not self._built[chunk]:
                self._build_rows(chunk * CHUNK, min(len(self._entries), (chunk + 1) * CHUNK))

    def _build_rows(self, start_row: int, end_row: int) -> None:
        scene, st, today, origin = self.scene(), self._style, self.today, self.origin
        ppd = self.zoom.pixels_per_day
        for chunk in range(start_row // CHUNK, (end_row - 1) // CHUNK + 1):
            self._built[chunk] = 1
        for row in range(start_row, end_row):
            e = self._entries[row]
            top = AXIS_HEIGHT + row * ROW_HEIGHT
            if isinstance(e, GroupHeader):
                band = scene.addRect(QRectF(0, top, self._width, ROW_HEIGHT), _NO_PEN,
                                     st.band)
                band.setZValue(-1)
                text = scene.addSimpleText(f"{e.label} — {summary_text(e.summary)}", st.bold)
                text.setPos(self._first_x + 2, top + 3)
                self.group_items.append(text)
                continue
            overdue = e.is_overdue(today)
            y = top + (ROW_HEIGHT - BAR_HEIGHT) / 2
            right = None
            if e.due or e.start:
                start = e.start or (e.due - timedelta(days=14))
                due = e.due or start
                x0, x1 = (start - origin).days * ppd, ((due - origin).days + 1) * ppd
                closed = e.status in (ActionStatus.COMPLETE, ActionStatus.DROPPED)
                brush = (st.hatched if e.status == ActionStatus.DROPPED
                         else st.brushes)[e.progress]
                bar = QGraphicsRectItem(QRectF(x0, y, max(2.0, x1 - x0), BAR_HEIGHT))
                bar.setBrush(brush)
                bar.setPen(st.overdue_pen if overdue else st.thin)
                if closed:
                    bar.setOpacity(0.55)
                bar.setData(0, e.id)
                scene.addItem(bar)
                self.bar_items[e.id] = bar
                right = x1
                marks = []
                for m in e.milestones:
                    if m.due is None:
                        continue
                    late = not closed and m.is_overdue(today)
                    mx = ((m.due - origin).days + 0.5) * ppd
                    mark = QGraphicsPolygonItem(st.triangle if late else st.diamond)
                    mark.setPos(mx, y + BAR_HEIGHT / 2)
                    mark.setBrush(st.late if late else st.done if m.done else st.open)
                    mark.setPen(st.thin)
                    mark.setZValue(1)
                    mark.setData(0, e.id)
                    mark.setData(1, len(marks))
                    scene.addItem(mark)
                    marks.append(mark)
                    right = max(right, mx + MARK + ppd)
                self.milestone_items[e.id] = marks
            label = QGraphicsSimpleTextItem(("⚠ " if overdue else "") + f"{e.reference}  {e.title}")
            if overdue:
                label.setBrush(st.late)
            label.setPos((right if right is not None else self._first_x) + 6, top + 3)
            label.setData(0, e.id)
            scene.addItem(label)
            self.label_items[e.id] = label
        self._pin_group_labels()

    def _pin_group_labels(self) -> None:
        left = self.mapToScene(0, 0).x() + 4
        for item in self.group_items:
            item.setX(left)

    def scrollContentsBy(self, dx: int, dy: int) -> None:
        super().scrollContentsBy(dx, dy)
        if dy:
            self.build_visible()
        if dx:
            self._pin_group_labels()
        self.viewport().update()     # the pinned axis is painted per frame

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.build_visible()
        self._pin_group_labels()

    def drawForeground(self, painter: QPainter, rect: QRectF) -> None:
        visible = self.mapToScene(self.viewport().rect()).boundingRect()
        top = visible.top()
        painter.fillRect(QRectF(visible.left(), top, visible.width(), AXIS_HEIGHT - 8),
                         QColor(255, 255, 255, 235))
        painter.setFont(self._axis_font)
        painter.setPen(QColor("#333333"))
        first = self.date_at(max(0.0, visible.left())) - timedelta(days=92)
        last = self.date_at(visible.right())
        for d in _month_starts(first, last, 1):
            x = self.x_for(d)
            if self.zoom == Zoom.MONTH:
                text, y = d.strftime("%b %Y" if d.month == 1 else "%b"), 20
            elif self.zoom == Zoom.QUARTER:
                if d.month not in (1, 4, 7, 10):
                    continue
                text, y = d.strftime("%b %Y"), 20
            else:
                if d.month not in (1, 4, 7, 10):
                    continue
                text, y = (str(d.year), 12) if d.month == 1 else (f"Q{(d.month - 1) // 3 + 1}",
                                                                  22)
            painter.drawText(QPointF(x + 3, top + y), text)
        x = self.x_for(self.today) + self.zoom.pixels_per_day / 2
        painter.setPen(QColor(OVERDUE_COLOUR))
        painter.drawText(QPointF(x + 3, top + AXIS_HEIGHT - 10), "Today")

    @staticmethod
    def _mark_shape(late: bool) -> QPolygonF:
        """A diamond; a warning triangle when overdue, so lateness is not told by colour alone.

        Centred on (0, 0): each mark is placed with setPos().
        """
        if late:
            return QPolygonF([QPointF(0, -MARK - 1), QPointF(MARK + 1, MARK),
                              QPointF(-MARK - 1, MARK)])
        return QPolygonF([QPointF(0, -MARK), QPointF(MARK, 0), QPointF(0, MARK),
                          QPointF(-MARK, 0)])

    def tooltip_for(self, item) -> str:
        """Tooltips are worked out on hover: formatting them for every item is slow."""
        action = self._by_id.get(item.data(0))
        if action is None:
            return ""
        if item.data(1) is not None:
            dated = [m for m in action.milestones if m.due is not None]
            m = dated[int(item.data(1))]
            late = not action.is_closed and m.is_overdue(self.today)
            state = ("⚠ overdue" if late else f"done {format_date(m.done)}" if m.done
                     else "to do")
            return f"{m.title}: due {format_date(m.due)}, {state}"
        text = (f"{action.reference} {action.title}\n{format_date(action.start)} – "
                f"{format_date(action.due)}, {action.status.label}"
                + (f", {action.progress.label}" if action.progress else ""))
        return text + ("\n⚠ Overdue" if action.is_overdue(self.today) else "")

    def viewportEvent(self, event) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            item = self.itemAt(event.pos())
            text = self.tooltip_for(item) if item is not None else ""
            if text:
                QToolTip.showText(event.globalPos(), text, self)
            else:
                QToolTip.hideText()
            return True
        return super().viewportEvent(event)

    def mouseDoubleClickEvent(self, event) -> None:
        item = self.itemAt(event.position().toPoint())
        if item is not None and item.data(0) is not None:
            self.action_activated.emit(int(item.data(0)))
            return
        super().mouseDoubleClickEvent(event)


class ActionTimeline(QWidget):
    """The timeline with its zoom and scroll controls."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.view = TimelineView()
        self.zoom_combo = QComboBox()
        self.zoom_combo.setAccessibleName("Timeline zoom")
        for z in Zoom:
            self.zoom_combo.addItem(f"By {z.value}", z)
        self.zoom_combo.setCurrentIndex(1)
        self.back_button = QPushButton("◀")
        self.back_button.setToolTip("Earlier (one month, quarter or year)")
        self.forward_button = QPushButton("▶")
        self.forward_button.setToolTip("Later (one month, quarter or year)")
        self.today_button = QPushButton("Today")
        for b in (self.back_button, self.forward_button):
            b.setFixedWidth(36)
        bar = QHBoxLayout()
        bar.addWidget(QLabel("Zoom"))
        bar.addWidget(self.zoom_combo)
        bar.addWidget(self.back_button)
        bar.addWidget(self.today_button)
        bar.addWidget(self.forward_button)
        legend = QLabel("Bars: start to due date, coloured by progress (hatched: dropped; "
                        "faded: closed). ◆ milestone (filled: done) · ▲ overdue milestone · "
                        "⚠ red outline: overdue action · dashed line: today")
        legend.setStyleSheet("color: #555;")
        legend.setWordWrap(True)
        bar.addWidget(legend, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        self.zoom_combo.currentIndexChanged.connect(
            lambda _i: self.view.set_zoom(self.zoom_combo.currentData()))
        self.back_button.clicked.connect(lambda: self.view.scroll_by_step(-1))
        self.forward_button.clicked.connect(lambda: self.view.scroll_by_step(1))
        self.today_button.clicked.connect(lambda: self.view.centre_on(self.view.today))

    def show_entries(self, entries, today: date) -> None:
        self.view.rebuild(entries, today)
        self.view.centre_on(today)
