"""Record tables and filter bars set up the house way: rows selected whole, sortable, no grid noise."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
)

_SINGLE = QAbstractItemView.SelectionMode.SingleSelection
_ASCENDING = Qt.SortOrder.AscendingOrder


def record_table(model, name: str, widths: tuple[int, ...] | dict[int, int] = (),
                 stretch_last: bool = True,
                 sortable: bool = True, *, sort_by: int | None = None,
                 selection: QAbstractItemView.SelectionMode = _SINGLE,
                 alternating: bool = False, wrap: bool = False,
                 row_height: int | None = 24, enter_opens: bool = True,
                 resize: dict[int, QHeaderView.ResizeMode] | None = None) -> QTableView:
    """The one way a table of records is made: rows picked whole, not edited in place,
    Tab leaving it. `sort_by` sorts on that column at once (ascending); `resize` gives
    columns a resize mode of their own (Stretch, ResizeToContents); `widths` are given in
    column order or as {column: width}; `row_height` None keeps Qt's; `enter_opens` makes
    Return on a row do what a double-click does (off where Return belongs to a dialog's
    default button, or the tab has its own Return action)."""
    table = QTableView()
    table.setTabKeyNavigation(False)   # Tab leaves the table (rows are picked whole)
    table.setModel(model)
    table.setAccessibleName(name)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(selection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSortingEnabled(sortable)
    if sortable and sort_by is not None:
        table.sortByColumn(sort_by, _ASCENDING)
    table.setAlternatingRowColors(alternating)
    table.setWordWrap(wrap)
    table.verticalHeader().hide()
    if row_height is not None:
        table.verticalHeader().setDefaultSectionSize(row_height)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(stretch_last)
    for column, mode in (resize or {}).items():
        header.setSectionResizeMode(column, mode)
    for column, width in (widths.items() if isinstance(widths, dict) else enumerate(widths)):
        table.setColumnWidth(column, width)
    if enter_opens:
        open_on_enter(table)
    return table


def filter_edit(placeholder: str, name: str) -> QLineEdit:
    """The text box of a filter bar: a clear button, a placeholder saying what it searches."""
    edit = QLineEdit()
    edit.setPlaceholderText(placeholder)
    edit.setClearButtonEnabled(True)
    edit.setAccessibleName(name)
    return edit


def filter_combo(name: str, choices=(), min_length: int | None = None) -> QComboBox:
    """A combo box of a filter bar, filled with (label, value) `choices`; `min_length`
    keeps it narrow (that many characters) however long its entries."""
    combo = QComboBox()
    combo.setAccessibleName(name)
    for label, value in choices:
        combo.addItem(label, value)
    if min_length is not None:
        combo.setMinimumContentsLength(min_length)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    return combo


def filter_bar(text: QLineEdit | None, *widgets, stretch: int = 0) -> QHBoxLayout:
    """A row of filters: the text box (stretch 2) first, then the others (`stretch` each;
    a str becomes its label)."""
    bar = QHBoxLayout()
    if text is not None:
        bar.addWidget(text, 2)
    for widget in widgets:
        bar.addWidget(QLabel(widget) if isinstance(widget, str) else widget, stretch)
    return bar


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
