"""Read-only record tables set up the house way: rows selected whole, sortable, no grid noise."""

from __future__ import annotations

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
    return table


def selected_record(table: QTableView):
    rows = table.selectionModel().selectedRows()
    return table.model().row_at(rows[0].row()) if rows else None


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
