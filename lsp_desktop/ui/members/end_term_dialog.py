"""Small dialog asking when a member's current term ends and why."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLineEdit

from lsp_desktop.ui.common.date_field import DateEdit, refuse_bad_dates


class EndTermDialog(QDialog):
    def __init__(self, name: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle(f"End term of {name}")
        self.setMinimumWidth(460)
        form = QFormLayout(self)
        self.end = DateEdit(date.today())
        form.addRow("Term ends &on", self.end)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText("Resigned, term ended, body withdrew…")
        form.addRow("&Reason", self.reason)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def accept(self) -> None:
        if not refuse_bad_dates(self):
            super().accept()

    def values(self) -> tuple[date, str]:
        return self.end.value(), self.reason.text().strip()
