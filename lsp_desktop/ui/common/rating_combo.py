"""A combo box of the four-step rating, each choice with its colour swatch and its label."""

from __future__ import annotations

from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import QComboBox, QLabel

from lsp_desktop.domain.criteria import Rating
from lsp_desktop.ui.common.column_table import rating_text_brush

_ORDER = (Rating.NOT_ASSESSED, Rating.GREEN, Rating.AMBER_GREEN, Rating.AMBER_RED, Rating.RED)


def swatch(rating: Rating, size: int = 14) -> QIcon:
    pix = QPixmap(size, size)
    pix.fill(QColor(rating.colour))
    return QIcon(pix)


class RatingCombo(QComboBox):
    def __init__(self, rating: Rating = Rating.NOT_ASSESSED, parent=None):
        super().__init__(parent)
        for r in _ORDER:
            self.addItem(swatch(r), r.label, r.value)
        self.set_rating(rating)

    def rating(self) -> Rating:
        return Rating(self.currentData())

    def set_rating(self, rating: Rating) -> None:
        self.setCurrentIndex(_ORDER.index(rating))


class RatingChip(QLabel):
    """A rating shown as a coloured chip with its name in it (never colour alone)."""

    def __init__(self, prefix: str = "", parent=None):
        super().__init__(parent)
        self.prefix = prefix
        self.set_rating(Rating.NOT_ASSESSED)

    def set_rating(self, rating: Rating) -> None:
        text = rating_text_brush(rating).color().name()
        self.setText(f"{self.prefix}{rating.label}")
        self.setStyleSheet(f"background: {rating.colour}; color: {text}; padding: 2px 8px; "
                           "border-radius: 3px; font-weight: bold;")
        self.setAccessibleName(f"{self.prefix}{rating.label}")
