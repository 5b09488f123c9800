"""Retention review: former members past the retention period, with export and erase buttons."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QVBoxLayout,
)

from lsp_desktop.ui.common.table_helpers import record_table
from lsp_desktop.ui.exchange.exchange_tables import RetentionTableModel


class RetentionDialog(QDialog):
    """Lists the review; the window's handlers do the exporting and erasing."""

    def __init__(self, years: int, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Retention review")
        self.resize(720, 420)
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.years = years
        self.model = RetentionTableModel(self)
        self.table = record_table(
            self.model, "Former members past the retention period",
            {0: 200, 2: 130, 3: 90}, stretch_last=False, wrap=True, row_height=None,
            enter_opens=False, resize={1: QHeaderView.ResizeMode.Stretch})
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.export_button = QPushButton("&Export their data…")
        self.erase_button = QPushButton("E&rase…")
        buttons.addButton(self.export_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.erase_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)

    def set_rows(self, rows: list) -> None:
        self.model.set_rows(rows)
        self.heading.setText(
            f"{len(rows)} former member(s) whose last term ended more than {self.years} years "
            "ago (the period is set in Partnership details). Export what is held about them if "
            "asked, then erase: their name becomes 'Former member N' and their contact details "
            "go; terms and counts stay.")
        has = bool(rows)
        self.export_button.setEnabled(has)
        self.erase_button.setEnabled(has)
        if has:
            self.table.selectRow(0)

    def chosen(self):
        rows = self.table.selectionModel().selectedRows()
        return self.model.record(rows[0].row()) if rows else None
