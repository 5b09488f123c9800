"""The one base of the table models: rows of records, their headers, the roles of roles.py."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from lsp_desktop.ui.common.roles import RECORD_ROLE, SORT_ROLE

_ROOT = QModelIndex()
_DISPLAY = Qt.ItemDataRole.DisplayRole
_HORIZONTAL = Qt.Orientation.Horizontal


class RecordTableModel(QAbstractTableModel):
    """Every table model of the program derives from this one; `_records` holds the rows
    shown, in order.

    A small table says how a record becomes cells in `cells(record) -> (display tuple,
    sort-key tuple)`, computed once in `set_rows()` so `data()` is a lookup; it may
    override `foreground()`, `background()` and `tooltip()`. Sorting is off unless
    `sortable`; a chosen order holds across `set_rows()` unless not `resort_on_reload`
    (then new rows come in the order given, and a click on a header sorts them).

    A large table that filters in-model (the register, the action plan) overrides
    `set_rows()`, `data()` and `sort()` and keeps what it shows in `_records`: the
    counting, headers and record look-ups stay here.
    """

    HEADERS: tuple[str, ...] = ()
    HEADER_LABELS: tuple[str, ...] | None = None    # shown instead, when they differ
    HEADER_TIPS: tuple[str, ...] | None = None
    sortable = True
    resort_on_reload = True

    def __init__(self, parent=None):
        super().__init__(parent)
        self._records: list[Any] = []
        self._cell_texts: list[tuple[str, ...]] = []
        self._cell_keys: list[tuple] = []
        self._sort: tuple[int, Qt.SortOrder] | None = None

    def cells(self, record) -> tuple[tuple[str, ...], tuple]:
        raise NotImplementedError

    def foreground(self, record, column: int):
        return None

    def background(self, record, column: int):
        return None

    def tooltip(self, record, column: int):
        return None

    # -- feeding -----------------------------------------------------------
    def set_rows(self, records: Sequence[Any]) -> None:
        self.beginResetModel()
        self._records = list(records)
        self._cell_texts, self._cell_keys = [], []
        for r in self._records:
            display, keys = self.cells(r)
            self._cell_texts.append(display)
            self._cell_keys.append(keys)
        if self._sort is not None and self.resort_on_reload:
            self._apply_sort(*self._sort)
        self.endResetModel()

    def replace_row(self, row: int, record) -> None:
        """Show `record` in place of row `row` (same position, new cells)."""
        self._records[row] = record
        self._cell_texts[row], self._cell_keys[row] = self.cells(record)
        self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))

    # -- reading -----------------------------------------------------------
    def record(self, row: int):
        return self._records[row]

    row_at = record

    def records(self) -> list[Any]:
        return list(self._records)

    def row_where(self, test: Callable[[Any], bool]) -> int:
        return next((i for i, r in enumerate(self._records) if test(r)), -1)

    # -- Qt interface -------------------------------------------------------
    def rowCount(self, parent=_ROOT) -> int:
        return 0 if parent.isValid() else len(self._records)

    def columnCount(self, parent=_ROOT) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def data(self, index: QModelIndex | QPersistentModelIndex, role=_DISPLAY):
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        if role == _DISPLAY:
            return self._cell_texts[row][column]
        if role == SORT_ROLE:
            return self._cell_keys[row][column]
        if role == RECORD_ROLE:
            return self._records[row]
        if role == Qt.ItemDataRole.ForegroundRole:
            return self.foreground(self._records[row], column)
        if role == Qt.ItemDataRole.BackgroundRole:
            return self.background(self._records[row], column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tooltip(self._records[row], column)
        return None

    def headerData(self, section: int, orientation, role=_DISPLAY):
        if orientation != _HORIZONTAL or not 0 <= section < len(self.HEADERS):
            return None
        if role == _DISPLAY:
            return (self.HEADER_LABELS or self.HEADERS)[section]
        if role == Qt.ItemDataRole.ToolTipRole and self.HEADER_TIPS is not None:
            return self.HEADER_TIPS[section]
        return None

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        if not self.sortable or not 0 <= column < len(self.HEADERS):
            return
        self.layoutAboutToBeChanged.emit()
        self._sort = (column, order)
        self._apply_sort(column, order)
        self.layoutChanged.emit()

    def _apply_sort(self, column: int, order: Qt.SortOrder) -> None:
        order_ = sorted(range(len(self._records)), key=lambda i: self._cell_keys[i][column],
                        reverse=order == Qt.SortOrder.DescendingOrder)
        self._records = [self._records[i] for i in order_]
        self._cell_texts = [self._cell_texts[i] for i in order_]
        self._cell_keys = [self._cell_keys[i] for i in order_]
