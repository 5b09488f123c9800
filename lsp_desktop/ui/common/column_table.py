"""Table models whose columns are declared as (header, text, sort key, rating colour, tooltip)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtGui import QBrush, QColor

from lsp_desktop.domain.criteria import Rating
from lsp_desktop.ui.common.record_table import RecordTableModel

_WHITE = QBrush(QColor("#ffffff"))
_DARK = QBrush(QColor("#1a1a1a"))


def rating_brush(rating: Rating) -> QBrush:
    return QBrush(QColor(rating.colour))


def rating_text_brush(rating: Rating) -> QBrush:
    """Readable text on a rating's colour: white on the darker colours."""
    return _DARK if rating in (Rating.NOT_ASSESSED, Rating.AMBER_GREEN) else _WHITE


@dataclass(frozen=True)
class Column:
    header: str
    text: Callable[[Any], str]
    sort: Callable[[Any], Any] | None = None
    rating: Callable[[Any], Rating | None] | None = None   # colours the cell; text stays
    tooltip: Callable[[Any], str] | None = None


class ColumnTableModel(RecordTableModel):
    """A RecordTableModel whose cells come from COLUMNS (set on the class, or per instance
    when they depend on the data): header, text, sort key, rating colour, tooltip."""

    COLUMNS: Sequence[Column] = ()
    resort_on_reload = False        # the pages give their rows in the order to show

    @property
    def HEADERS(self) -> tuple[str, ...]:  # noqa: N802 - the base's class constant
        return tuple(c.header for c in self.COLUMNS)

    def cells(self, record) -> tuple[tuple[str, ...], tuple]:
        return (tuple(c.text(record) for c in self.COLUMNS),
                tuple((c.sort or c.text)(record) for c in self.COLUMNS))

    def tooltip(self, record, column: int):
        col = self.COLUMNS[column]
        return (col.tooltip(record) or None) if col.tooltip is not None else None

    def background(self, record, column: int):
        rating = self._rating(record, column)
        return None if rating is None else rating_brush(rating)

    def foreground(self, record, column: int):
        rating = self._rating(record, column)
        return None if rating is None else rating_text_brush(rating)

    def _rating(self, record, column: int) -> Rating | None:
        col = self.COLUMNS[column]
        return None if col.rating is None else col.rating(record)

    # The names the accreditation pages use.
    def rows(self) -> list:
        return self.records()

    def row_of(self, predicate: Callable[[Any], bool]) -> int:
        return self.row_where(predicate)
