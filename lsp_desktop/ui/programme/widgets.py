"""Small widgets of the programme screens: a pounds spin box and the target chart as SVG."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSize, Qt
from PySide6.QtSvgWidgets import QSvgWidget
from PySide6.QtWidgets import QAbstractSpinBox, QSpinBox

MAX_POUNDS = 2_000_000_000


def money_spin(value: int = 0, name: str = "") -> QSpinBox:
    """Whole pounds, shown £1,234."""
    spin = QSpinBox()
    spin.setRange(0, MAX_POUNDS)
    spin.setPrefix("£")
    spin.setGroupSeparatorShown(True)
    spin.setButtonSymbols(QAbstractSpinBox.ButtonSymbols.NoButtons)
    spin.setValue(int(value or 0))
    spin.setMinimumWidth(96)
    if name:
        spin.setAccessibleName(name)
    return spin


class TargetChart(QSvgWidget):
    """A target's values, trajectory and comparison: the very drawing the reports print
    (reports/charts.py), shown as SVG."""

    def __init__(self, parent=None, width: float = 520, height: float = 190):
        super().__init__(parent)
        self._size = (width, height)
        self.svg = b""
        self.setMinimumSize(QSize(int(width), int(height)))
        self.setAccessibleName("Target chart")

    def show_target(self, target, points) -> None:
        from lsp_desktop.reports.charts import drawing_svg, target_chart

        width, height = self._size
        self.svg = drawing_svg(target_chart(target, points, width, height, ""))
        self.load(QByteArray(self.svg))
        self.renderer().setAspectRatioMode(Qt.AspectRatioMode.KeepAspectRatio)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        return QSize(int(self._size[0]), int(self._size[1]))
