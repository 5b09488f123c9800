"""A small form for an action arising from an agenda item: title, owner and due date."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
)

from lsp_desktop.domain.actions import Action
from lsp_desktop.ui.common.date_field import DateEdit, refuse_bad_dates
from lsp_desktop.ui.common.member_picker import MemberPicker


class ArisingDialog(QDialog):
    """The action goes into the action plan, linked to the item it arose from."""

    def __init__(self, owners, held_on: date, item_title: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle("New action arising")
        self.held_on = held_on
        self.title = QLineEdit()
        self.title.setMaxLength(200)
        # A lookup (the service asked as the officer types) or the owners as a list.
        self.owner = (MemberPicker([("—", None)], lookup=owners) if hasattr(owners, "find")
                      else MemberPicker([("—", None)] + [
                          (f"{o.name} ({o.organisation})" if o.organisation else o.name, o.id)
                          for o in owners if o.current]))
        self.owner.setAccessibleName("Owner")
        self.owner_body = QLineEdit()
        self.owner_body.setPlaceholderText("or a partner body (leave the member blank)")
        self.owner.setCurrentIndex(0)
        self.due = DateEdit(held_on + timedelta(days=56))
        self.problem = QLabel()
        self.problem.setStyleSheet("color: #b71c1c;")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._check)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(QLabel(f"Arising from: {item_title}"))
        form.addRow("&Action:", self.title)
        form.addRow("&Owner:", self.owner)
        form.addRow("Owning &body:", self.owner_body)
        form.addRow("&Due:", self.due)
        form.addRow(self.problem)
        form.addRow(buttons)

    def done(self, result: int) -> None:
        if result == QDialog.DialogCode.Accepted and refuse_bad_dates(self):
            return          # a date field holds text that is not a date: its message says so
        super().done(result)

    def _check(self) -> None:
        if not self.title.text().strip():
            self.problem.setText("Say what the action is.")
        elif self.owner.currentData() is None and not self.owner_body.text().strip():
            self.problem.setText("An action arising needs an owner: a member or a body.")
        else:
            self.accept()

    def action(self) -> Action:
        return Action("", self.title.text().strip(), owner_member_id=self.owner.currentData(),
                      owner_body=self.owner_body.text().strip()
                      if self.owner.currentData() is None else "",
                      start=self.held_on, due=self.due.value())


class LinkActionDialog(QDialog):
    """Link an action already in the action plan to the item it arises from."""

    def __init__(self, actions, item_title: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Link an action arising")
        self.action_box = QComboBox()
        self.action_box.setAccessibleName("Action")
        for a in actions:
            self.action_box.addItem(f"{a.reference} {a.title}", a.id)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(QLabel(f"Arising from: {item_title}"))
        form.addRow("&Action:", self.action_box)
        form.addRow(buttons)

    def action_id(self) -> int | None:
        return self.action_box.currentData()
