"""Table model of the membership register, with fast in-model filtering and sorting."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from itertools import compress, repeat
from operator import contains

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from lsp_desktop.domain.members import MemberRow
from lsp_desktop.domain.text import fold, format_date
from lsp_desktop.ui.common.record_table import RecordTableModel
from lsp_desktop.ui.common.roles import ID_ROLE, SORT_ROLE

NAME, ORGANISATION, SECTOR, CATEGORY, ROLE, TERM_START, TERM_END, STATUS, PUBLISHED = range(9)
HEADERS = ("Name", "Body", "Sector", "Category", "Role", "Term start", "Term end",
           "Status", "Contact published")
# Shown in the header: the long ones on two lines so the table fits a laptop screen.
HEADER_LABELS = tuple(h.replace("Contact published", "Contact\npublished") for h in HEADERS)

_FORMER = QBrush(QColor("#6b6b6b"))
_DISPLAY = Qt.ItemDataRole.DisplayRole
_FOREGROUND = Qt.ItemDataRole.ForegroundRole
_ROLES = frozenset((_DISPLAY, _FOREGROUND, Qt.ItemDataRole.ToolTipRole, SORT_ROLE, ID_ROLE))


def _display(row: MemberRow, column: int) -> str:
    if column == NAME:
        return row.name
    if column == ORGANISATION:
        return row.organisation
    if column == SECTOR:
        return row.sector.capitalize()
    if column == CATEGORY:
        return row.category
    if column == ROLE:
        return row.role.capitalize()
    if column == TERM_START:
        return format_date(row.term_start)
    if column == TERM_END:
        return format_date(row.term_end)
    if column == STATUS:
        return "Current" if row.current else "Starts later" if row.starts_later else "Former"
    return "Yes" if row.publish_contact else "No"


# Many members share a body: fold each body once, not once per member per sort.
_fold_body = lru_cache(maxsize=65536)(fold)

_SORT_KEYS = {
    NAME: lambda r: r.search_key,
    ORGANISATION: lambda r: _fold_body(r.organisation),
    SECTOR: lambda r: r.sector,
    CATEGORY: lambda r: r.category.casefold(),
    ROLE: lambda r: r.role,
    TERM_START: lambda r: r.term_start.isoformat() if r.term_start else "",
    TERM_END: lambda r: r.term_end.isoformat() if r.term_end else "9999",
    STATUS: lambda r: (not r.current, r.starts_later),
    PUBLISHED: lambda r: r.publish_contact,
}


class MemberTableModel(RecordTableModel):
    """Holds every row; shows those passing the filter, in the chosen order.

    Filtering and sorting happen here on plain Python rows rather than through a
    QSortFilterProxyModel: the proxy calls data() once per comparison, which for
    50,000 members costs seconds per sort in Python.
    """

    HEADERS = HEADERS
    HEADER_LABELS = HEADER_LABELS
    HEADER_TIPS = HEADERS

    def __init__(self, parent=None):
        super().__init__(parent)
        self._all: list[MemberRow] = []
        self._sorted: list[MemberRow] = []     # every row, in the chosen order
        self._base: list[MemberRow] = []       # those passing sector, category, status
        self._base_keys: list[str] = []        # their search keys, in the same order
        # Results of the last texts typed over this base: needle -> (rows, their keys).
        # A longer text is looked for among the rows of a shorter one it contains.
        self._found: dict[str, tuple[list[MemberRow], list[str]]] = {}
        self._needle = ""
        self._sector = ""
        self._category = ""
        self._status = ""       # "", "current" or "former"
        self._sort: tuple[int, Qt.SortOrder] = (NAME, Qt.SortOrder.AscendingOrder)
        # While only the first screenful is shown: what reads every row (called once).
        self._rest: Callable[[], list[MemberRow]] | None = None

    # -- feeding ---------------------------------------------------------
    def show_first(self, rows: list[MemberRow], rest: Callable[[], list[MemberRow]]) -> None:
        """Show `rows`, the first screenful in the order and filters set (the register's
        opening view), until every row is needed: the first filter, sort or look-up, or
        `complete()`, reads them all with `rest()`."""
        self.beginResetModel()
        self._all = self._sorted = self._base = self._records = list(rows)
        self._base_keys = [r.search_key for r in rows]
        self._found = {}
        self._rest = rest
        self.endResetModel()

    def pending(self) -> bool:
        """True while only the first screenful is here."""
        return self._rest is not None

    def complete(self) -> None:
        """Read every row now, if only the first screenful is here."""
        rest, self._rest = self._rest, None
        if rest is not None:
            self.set_rows(rest())

    def set_rows(self, rows: list[MemberRow]) -> None:
        self._rest = None
        self.beginResetModel()
        self._all = list(rows)
        self._sorted = self._sort_rows(self._all)
        self._filter_base()
        self._records = self._filter_text()
        self.endResetModel()

    def update_row(self, row: MemberRow) -> bool:
        """Take one member's row after a saved edit without reloading the register.

        True when done: the row is unchanged (an edit of contact details or notes), or
        changed in columns that neither sort nor filter. False when the caller must
        reload (the member is not here, or moves or leaves the filtered view).
        """
        self.complete()
        at = self.row_of(row.id)
        old = self._records[at] if at >= 0 else None
        if old is None:
            return False
        if old == row:
            return True
        if (old.name, old.organisation, old.sector, old.category, old.current,
                old.search_key, old.term_start, old.term_end, old.status) != (
                row.name, row.organisation, row.sector, row.category, row.current,
                row.search_key, row.term_start, row.term_end, row.status):
            return False
        self._found = {}        # kept results hold the old row
        # New lists, not changed in place: the lists shown are shared with kept results.
        def swapped(rows: list[MemberRow]) -> list[MemberRow]:
            return [row if r.id == row.id else r for r in rows]

        self._all, self._sorted = swapped(self._all), swapped(self._sorted)
        self._base, self._records = swapped(self._base), swapped(self._records)
        self.dataChanged.emit(self.index(at, 0), self.index(at, self.columnCount() - 1))
        return True

    def set_filter(self, text: str | None = None, sector: str | None = None,
                   category: str | None = None, status: str | None = None) -> None:
        self.complete()
        if text is not None:
            self._needle = fold(text)
        if sector is not None:
            self._sector = sector
        if category is not None:
            self._category = category
        if status is not None:
            self._status = status
        self.beginResetModel()
        if sector is not None or category is not None or status is not None:
            self._filter_base()
        self._records = self._filter_text()
        self.endResetModel()

    def _filter_base(self) -> None:
        """Apply the sector, category and status filters (they change seldom)."""
        rows = self._sorted
        if self._sector:
            rows = [r for r in rows if r.sector == self._sector]
        if self._category:
            rows = [r for r in rows if r.category == self._category]
        if self._status:
            want = self._status == "current"
            rows = [r for r in rows if r.current == want]
        self._base = rows
        self._base_keys = [r.search_key for r in rows]
        self._found = {}

    def _filter_text(self) -> list[MemberRow]:
        """The base rows whose search key holds the typed text, in order.

        One pass in C (no Python code per row), over the rows found for the longest
        earlier text that the new one contains (typing narrows what it searches), and a
        text typed again (a Backspace) is answered from what was found for it.
        """
        needle = self._needle
        if not needle:
            return self._base
        found = self._found.get(needle)
        if found is None:
            rows, keys = self._base, self._base_keys
            for earlier, (earlier_rows, earlier_keys) in self._found.items():
                if earlier in needle and len(earlier_rows) < len(rows):
                    rows, keys = earlier_rows, earlier_keys
            hits = list(map(contains, keys, repeat(needle)))
            found = (list(compress(rows, hits)), list(compress(keys, hits)))
            if len(self._found) >= 32:
                self._found.pop(next(iter(self._found)))
            self._found[needle] = found
        return found[0]         # shared with the kept results: never changed in place

    def _sort_rows(self, rows: list[MemberRow]) -> list[MemberRow]:
        column, order = self._sort
        return sorted(rows, key=_SORT_KEYS[column],
                      reverse=order == Qt.SortOrder.DescendingOrder)

    # -- reading ---------------------------------------------------------
    def visible_rows(self) -> list[MemberRow]:
        self.complete()
        return list(self._records)

    def total_count(self) -> int:
        self.complete()
        return len(self._all)

    def all_rows(self) -> list[MemberRow]:
        self.complete()
        return list(self._all)

    def status_filter(self) -> str:
        """'current', 'former' or '' (both)."""
        return self._status

    def row_of(self, member_id: int) -> int:
        self.complete()
        return next((i for i, r in enumerate(self._records) if r.id == member_id), -1)

    # -- Qt interface ----------------------------------------------------
    def data(self, index: QModelIndex | QPersistentModelIndex, role=Qt.ItemDataRole.DisplayRole):
        # A view asks for a dozen roles per cell; answer the unused ones first and fast.
        if role not in _ROLES or not index.isValid():
            return None
        row = self._records[index.row()]
        column = index.column()
        if role == _DISPLAY:
            return _display(row, column)
        if role == SORT_ROLE:
            return _SORT_KEYS[column](row)
        if role == ID_ROLE:
            return row.id
        if role == _FOREGROUND:
            return None if row.current else _FORMER
        # The tooltip: long text a narrow column cuts short, and why a row is greyed.
        if column == NAME and not row.current:
            return (f"{row.name} joins the board after the date shown" if row.starts_later
                    else f"{row.name} is not on the board on the date shown")
        if column in (ORGANISATION, CATEGORY):
            return _display(row, column) or None
        return None

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(HEADERS):
            return
        self.complete()
        self.layoutAboutToBeChanged.emit()
        before = [(p, self._records[p.row()].id) for p in self.persistentIndexList()
                  if p.isValid() and p.row() < len(self._records)]
        self._sort = (column, order)
        self._sorted = self._sort_rows(self._all)
        self._filter_base()
        self._records = self._filter_text()
        if before:   # keep the selection on the same members
            where = {r.id: i for i, r in enumerate(self._records)}
            self.changePersistentIndexList(
                [p for p, _ in before],
                [self.index(where[mid], p.column()) if mid in where else QModelIndex()
                 for p, mid in before])
        self.layoutChanged.emit()
