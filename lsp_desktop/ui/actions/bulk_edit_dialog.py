"""Dialog to change several actions at once: status, rating, owner, or shift due dates."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
)

from lsp_desktop.domain.actions import ActionStatus, Progress
from lsp_desktop.ui.common.form_dialog import error_label
from lsp_desktop.ui.common.member_picker import MemberPicker


class BulkEditDialog(QDialog):
    """Tick what to change; `changes()` gives keyword arguments for bulk_update()."""

    def __init__(self, count: int, owners, parent=None):
        super().__init__(parent)
        self.setWindowTitle(f"Change {count} action{'s' if count != 1 else ''}")
        grid = QGridLayout()
        self.status_check = QCheckBox("Set status")
        self.status_combo = QComboBox()
        for s in ActionStatus:
            self.status_combo.addItem(s.label, s)
        self.progress_check = QCheckBox("Set progress rating")
        self.progress_combo = QComboBox()
        for p in Progress:
            self.progress_combo.addItem(p.label, p)
        self.owner_check = QCheckBox("Set owner")
        # A lookup (the service asked as the officer types) or the owners as a list.
        self.owner_combo = (MemberPicker([("— a partner body —", None)], lookup=owners)
                            if hasattr(owners, "find") else
                            MemberPicker([("— a partner body —", None)]
                                         + [(o.name, o.id) for o in owners if o.current]))
        self.owner_combo.setAccessibleName("New owner (member)")
        self.body_edit = QLineEdit()
        self.body_edit.setPlaceholderText("Partner body")
        self.body_edit.setAccessibleName("New owner (partner body)")
        self.shift_check = QCheckBox("Move due dates by")
        self.shift_spin = QSpinBox()
        self.shift_spin.setRange(-3650, 3650)
        self.shift_spin.setSuffix(" days")
        self.shift_spin.setAccessibleName("Days to move due dates")
        rows = ((self.status_check, self.status_combo), (self.progress_check,
                                                         self.progress_combo),
                (self.owner_check, self.owner_combo), (None, self.body_edit),
                (self.shift_check, self.shift_spin))
        for i, (check, widget) in enumerate(rows):
            if check is not None:
                grid.addWidget(check, i, 0)
                check.toggled.connect(self._update)
            grid.addWidget(widget, i, 1)
        self.owner_combo.currentIndexChanged.connect(self._update)
        self.error_label = error_label()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("Apply")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Only the ticked changes are made. Moving due dates leaves "
                                "start dates as they are. Edit ▸ Undo reverses the change."))
        layout.addLayout(grid)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)
        self._update()

    def _update(self) -> None:
        self.status_combo.setEnabled(self.status_check.isChecked())
        self.progress_combo.setEnabled(self.progress_check.isChecked())
        self.owner_combo.setEnabled(self.owner_check.isChecked())
        self.body_edit.setEnabled(self.owner_check.isChecked()
                                  and self.owner_combo.currentData() is None)
        self.shift_spin.setEnabled(self.shift_check.isChecked())

    def changes(self) -> dict:
        result: dict = {}
        if self.status_check.isChecked():
            result["status"] = ActionStatus(self.status_combo.currentData())
        if self.progress_check.isChecked():
            result["progress"] = Progress(self.progress_combo.currentData())
        if self.owner_check.isChecked():
            member = self.owner_combo.currentData()
            if member is not None:
                result["owner_member_id"] = member
            else:
                result["owner_body"] = self.body_edit.text().strip()
        if self.shift_check.isChecked() and self.shift_spin.value():
            result["shift_days"] = self.shift_spin.value()
        return result

    def show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.show()

    def accept(self) -> None:
        changes = self.changes()
        if not changes:
            self.show_error("Tick at least one change.")
            return
        if "owner_body" in changes and not changes["owner_body"]:
            self.show_error("Choose a member or type the partner body.")
            return
        super().accept()
