"""File ▸ Restore from backup…: the partnership's backups with date, size and record counts."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QVBoxLayout,
)

from lsp_desktop.ui.common.table_helpers import record_table
from lsp_desktop.ui.exchange.exchange_tables import BackupTableModel


class RestoreDialog(QDialog):
    def __init__(self, backups: list, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Restore from backup")
        self.resize(760, 420)
        label = QLabel("Choose the backup to go back to. The partnership as it is now is "
                       "backed up first, so a restore can itself be undone.")
        label.setWordWrap(True)
        self.model = BackupTableModel(self)
        self.model.set_rows(backups)
        self.table = record_table(
            self.model, "Backups", (150, 120, 80), stretch_last=False, sortable=False,
            wrap=True, row_height=None, enter_opens=False,
            resize={3: QHeaderView.ResizeMode.Stretch})
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.restore_button = buttons.addButton("&Restore…", QDialogButtonBox.ButtonRole.AcceptRole)
        self.restore_button.setEnabled(False)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.table.selectionModel().selectionChanged.connect(
            lambda *_: self.restore_button.setEnabled(self.chosen() is not None))
        self.table.doubleClicked.connect(lambda _i: self.accept())
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        if backups:
            self.table.selectRow(0)
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def chosen(self):
        rows = self.table.selectionModel().selectedRows()
        return self.model.record(rows[0].row()) if rows else None
