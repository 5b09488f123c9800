"""Table models for the exchange dialogs: import problems and the list of backups."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
_ROOT = QModelIndex()
_ERROR = QBrush(QColor("#a4262c"))


class _PlainTable(QAbstractTableModel):
    """Rows of display tuples plus one sort key per cell; subclasses give the headers."""

    HEADERS: tuple[str, ...] = ()

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[tuple] = []
        self._keys: list[tuple] = []
        self._items: list = []

    def set_rows(self, items: list) -> None:
        self.beginResetModel()
        self._items = list(items)
        self._rows = [self._display(i) for i in self._items]
        self._keys = [self._sort_keys(i) for i in self._items]
        self.endResetModel()

    def item_at(self, row: int):
        return self._items[row]

    def rowCount(self, parent=_ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=_ROOT) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def data(self, index: QModelIndex | QPersistentModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._rows[index.row()][index.column()]
        if role == SORT_ROLE:
            return self._keys[index.row()][index.column()]
        return self._extra(self._items[index.row()], index.column(), role)

    def _extra(self, item, column: int, role):
        return None

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole):
        if (role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal
                and 0 <= section < len(self.HEADERS)):
            return self.HEADERS[section]
        return None

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.HEADERS):
            return
        self.layoutAboutToBeChanged.emit()
        order_index = sorted(range(len(self._items)), key=lambda i: self._keys[i][column],
                             reverse=order == Qt.SortOrder.DescendingOrder)
        self._items = [self._items[i] for i in order_index]
        self._rows = [self._rows[i] for i in order_index]
        self._keys = [self._keys[i] for i in order_index]
        self.layoutChanged.emit()


class ProblemTableModel(_PlainTable):
    """Problems found in an import file: row, column, what is wrong; errors in red."""

    HEADERS = ("Row", "Column", "Problem", "Stops import")

    def _display(self, p) -> tuple:
        return ("" if p.row is None else str(p.row), p.column or "", p.reason,
                "No (note)" if p.notice else "Yes")

    def _sort_keys(self, p) -> tuple:
        return (p.row or 0, p.column or "", p.reason, p.notice)

    def _extra(self, p, column, role):
        if role == Qt.ItemDataRole.ForegroundRole and not p.notice:
            return _ERROR
        if role == Qt.ItemDataRole.ToolTipRole:
            return str(p)
        return None


class BackupTableModel(_PlainTable):
    """Backups of the open partnership: when, why, how big, how many records."""

    HEADERS = ("Made", "Reason", "Size", "Records")

    def _display(self, b) -> tuple:
        return (b.made.strftime("%d/%m/%Y %H:%M:%S"), b.reason.replace("-", " "),
                f"{b.size / 1024:,.0f} KB", b.counts_text())

    def _sort_keys(self, b) -> tuple:
        return (b.made.isoformat(), b.reason, b.size, b.counts_text())


class RetentionTableModel(_PlainTable):
    """Former members past the retention period."""

    HEADERS = ("Name", "Body", "Last term ended", "Years since")

    def _display(self, r) -> tuple:
        return (r.name, r.organisation, r.last_term_end.strftime("%d/%m/%Y"), str(r.years_since))

    def _sort_keys(self, r) -> tuple:
        return (r.name.casefold(), r.organisation.casefold(), r.last_term_end.isoformat(),
                r.years_since)
