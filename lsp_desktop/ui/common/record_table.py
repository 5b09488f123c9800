"""A table model over display-ready rows: each subclass says how a record becomes cells."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
RECORD_ROLE = Qt.ItemDataRole.UserRole + 2
_ROOT = QModelIndex()


class RecordTableModel(QAbstractTableModel):
    """Rows are precomputed once in `set_rows()` so `data()` is a lookup.

    Subclasses define HEADERS and `cells(record) -> (display tuple, sort-key tuple)`;
    they may override `foreground()`/`tooltip()`. Sorting is off unless `sortable`.
    """

    HEADERS: tuple[str, ...] = ()
    sortable = True

    def __init__(self, parent=None):
        super().__init__(parent)
        self._records: list[Any] = []
        self._display: list[tuple[str, ...]] = []
        self._keys: list[tuple] = []
        self._sort: tuple[int, Qt.SortOrder] | None = None

    def cells(self, record) -> tuple[tuple[str, ...], tuple]:
        raise NotImplementedError

    def foreground(self, record, column: int):
        return None

    def tooltip(self, record, column: int):
        return None

    # -- feeding -----------------------------------------------------------
    def set_rows(self, records: Sequence[Any]) -> None:
        self.beginResetModel()
        self._records = list(records)
        self._display, self._keys = [], []
        for r in self._records:
            display, keys = self.cells(r)
            self._display.append(display)
            self._keys.append(keys)
        if self._sort is not None:
            self._apply_sort(*self._sort)
        self.endResetModel()

    def record(self, row: int):
        return self._records[row]

    def records(self) -> list[Any]:
        return list(self._records)

    def row_where(self, test: Callable[[Any], bool]) -> int:
        return next((i for i, r in enumerate(self._records) if test(r)), -1)

    # -- Qt interface -------------------------------------------------------
    def rowCount(self, parent=_ROOT) -> int:
        return 0 if parent.isValid() else len(self._records)

    def columnCount(self, parent=_ROOT) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def data(self, index: QModelIndex | QPersistentModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display[row][column]
        if role == SORT_ROLE:
            return self._keys[row][column]
        if role == RECORD_ROLE:
            return self._records[row]
        if role == Qt.ItemDataRole.ForegroundRole:
            return self.foreground(self._records[row], column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tooltip(self._records[row], column)
        return None

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole):
        if (role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal
                and 0 <= section < len(self.HEADERS)):
            return self.HEADERS[section]
        return None

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        if not self.sortable or not 0 <= column < len(self.HEADERS):
            return
        self.layoutAboutToBeChanged.emit()
        self._sort = (column, order)
        self._apply_sort(column, order)
        self.layoutChanged.emit()

    def _apply_sort(self, column: int, order: Qt.SortOrder) -> None:
        order_ = sorted(range(len(self._records)), key=lambda i: self._keys[i][column],
                        reverse=order == Qt.SortOrder.DescendingOrder)
        self._records = [self._records[i] for i in order_]
        self._display = [self._display[i] for i in order_]
        self._keys = [self._keys[i] for i in order_]
