"""A table model over plain records, its columns declared as (header, text, sort key, colour)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from lsp_desktop.domain.criteria import Rating

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
RECORD_ROLE = Qt.ItemDataRole.UserRole + 2
_ROOT = QModelIndex()
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


class ColumnTableModel(QAbstractTableModel):
    """Holds a list of records; subclasses set COLUMNS. data() only looks things up."""

    COLUMNS: Sequence[Column] = ()

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list = []

    def set_rows(self, rows) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list:
        return list(self._rows)

    def row_at(self, row: int):
        return self._rows[row]

    def row_of(self, predicate: Callable[[Any], bool]) -> int:
        return next((i for i, r in enumerate(self._rows) if predicate(r)), -1)

    def rowCount(self, parent=_ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=_ROOT) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def data(self, index: QModelIndex | QPersistentModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        record = self._rows[index.row()]
        col = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return col.text(record)
        if role == SORT_ROLE:
            return (col.sort or col.text)(record)
        if role == RECORD_ROLE:
            return record
        if role == Qt.ItemDataRole.ToolTipRole and col.tooltip is not None:
            return col.tooltip(record) or None
        if col.rating is not None and role in (Qt.ItemDataRole.BackgroundRole,
                                               Qt.ItemDataRole.ForegroundRole):
            rating = col.rating(record)
            if rating is None:
                return None
            return (rating_brush(rating) if role == Qt.ItemDataRole.BackgroundRole
                    else rating_text_brush(rating))
        return None

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole):
        if (role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal
                and 0 <= section < len(self.COLUMNS)):
            return self.COLUMNS[section].header
        return None

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.COLUMNS):
            return
        col = self.COLUMNS[column]
        key = col.sort or col.text
        self.layoutAboutToBeChanged.emit()
        self._rows.sort(key=key, reverse=order == Qt.SortOrder.DescendingOrder)
        self.layoutChanged.emit()
