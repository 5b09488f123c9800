"""A pane that scrolls up and down only, sized so its content always fits across: accreditation pages."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtWidgets import QScrollArea, QWidget


class FittedScrollArea(QScrollArea):
    """Asks its layout (or splitter) for its content's minimum width plus a vertical
    scrollbar: a plain QScrollArea asks for almost nothing, gets squeezed, and its content
    ends up a scrollbar's width wider than the view, clipping text on the right."""

    def __init__(self, body: QWidget, parent=None):
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # Not a Tab stop of its own: Tab goes straight to the fields, and the pane scrolls
        # to show whichever has the focus.
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setWidget(body)
        body.installEventFilter(self)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        hint = super().minimumSizeHint()
        body = self.widget()
        if body is None:
            return hint
        content = max(body.minimumSizeHint().width(), body.minimumWidth())
        bar = self.style().pixelMetric(self.style().PixelMetric.PM_ScrollBarExtent, None, self)
        return QSize(max(hint.width(), content + bar + 2 * self.frameWidth()), hint.height())

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt's name)
        if watched is self.widget() and event.type() == QEvent.Type.LayoutRequest:
            self.updateGeometry()      # the content's needs changed: ask the layout again
        return super().eventFilter(watched, event)
