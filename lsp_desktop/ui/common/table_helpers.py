"""Read-only record tables set up the house way: rows selected whole, sortable, no grid noise."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QTableView,
    QVBoxLayout,
)


def record_table(model, name: str, widths: tuple[int, ...] = (), stretch_last: bool = True,
                 sortable: bool = True) -> QTableView:
    table = QTableView()
    table.setTabKeyNavigation(False)   # Tab leaves the table (rows are picked whole)
    table.setModel(model)
    table.setAccessibleName(name)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSortingEnabled(sortable)
    table.setWordWrap(False)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(24)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(stretch_last)
    for column, width in enumerate(widths):
        table.setColumnWidth(column, width)
    open_on_enter(table)
    return table


def open_on_enter(table: QTableView) -> None:
    """Return and the keypad's Enter on a row do what a double-click on it does."""
    def activate() -> None:
        index = table.currentIndex()
        if not index.isValid() and table.selectionModel().selectedRows():
            index = table.selectionModel().selectedRows()[0]
        if index.isValid():
            table.doubleClicked.emit(index)

    for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
        action = QAction(table)
        action.setShortcut(QKeySequence(key))
        action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        action.triggered.connect(activate)
        table.addAction(action)


def selected_record(table: QTableView):
    rows = table.selectionModel().selectedRows()
    return table.model().row_at(rows[0].row()) if rows else None


def show_every_row(table: QTableView, rows: int) -> None:
    """A short table of a known length (the six criteria) shown whole: as tall as its rows,
    no scroll bar of its own inside a page that scrolls already."""
    table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    header = table.horizontalHeader()
    height = (rows * table.verticalHeader().defaultSectionSize() + header.sizeHint().height()
              + 2 * table.frameWidth())
    table.setFixedHeight(height)


def table_box(title: str, table: QTableView, buttons, min_height: int = 120) -> QGroupBox:
    """A titled group: the table, then its buttons on the right."""
    box = QGroupBox(title)
    table.setMinimumHeight(min_height)
    row = QHBoxLayout()
    row.addStretch(1)
    for b in buttons:
        row.addWidget(b)
    layout = QVBoxLayout(box)
    layout.addWidget(table)
    layout.addLayout(row)
    return box


class SharedColumns(QObject):
    """Gives `columns` of a table the width the other columns leave, shared equally, but
    never less than `minimum` each: in a small window the table scrolls sideways instead
    of cutting body names down to "T…".

    The widths follow only the viewport's width (one pass per resize, no switching of
    resize modes), so showing or hiding a scrollbar cannot start a resize loop.
    """

    def __init__(self, table: QTableView, columns: tuple[int, ...], minimum: int):
        super().__init__(table)
        self.table, self.columns, self.minimum = table, columns, minimum
        header = table.horizontalHeader()
        for column in columns:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        table.viewport().installEventFilter(self)
        self.fit()

    def fit(self) -> None:
        header = self.table.horizontalHeader()
        shown = [c for c in self.columns if not header.isSectionHidden(c)]
        if not shown:
            return
        others = sum(header.sectionSize(c) for c in range(header.count())
                     if c not in shown and not header.isSectionHidden(c))
        spare = self.table.viewport().width() - others
        each, extra = divmod(max(spare, 0), len(shown))
        for i, column in enumerate(shown):
            width = max(self.minimum, each + (extra if i == len(shown) - 1 else 0))
            if header.sectionSize(column) != width:
                header.resizeSection(column, width)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.Resize:
            self.fit()
        return False
