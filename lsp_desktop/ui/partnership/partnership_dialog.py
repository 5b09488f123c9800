"""Dialog for the partnership's details: name, area, GO region, NRF allocations."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from lsp_desktop.domain.errors import FieldError
from lsp_desktop.domain.partnership import GO_REGIONS, Partnership, validate_partnership
from lsp_desktop.ui.common.date_field import OptionalDateEdit


class AllocationRow(QWidget):
    def __init__(self, year: str, amount: int, on_remove, parent=None):
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.year = QLineEdit(year)
        self.year.setPlaceholderText("2002/03")
        self.year.setMaximumWidth(90)
        self.year.setAccessibleName("Financial year")
        self.amount = QSpinBox()
        self.amount.setRange(0, 2_000_000_000)
        self.amount.setGroupSeparatorShown(True)
        self.amount.setPrefix("£")
        self.amount.setValue(amount)
        self.amount.setAccessibleName("Anticipated NRF allocation")
        remove = QPushButton("Remove")
        remove.clicked.connect(lambda: on_remove(self))
        layout.addWidget(self.year)
        layout.addWidget(self.amount, 1)
        layout.addWidget(remove)


class PartnershipDialog(QDialog):
    def __init__(self, details: Partnership, parent=None, title: str = "Partnership details",
                 nrf_notice: str = ""):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(520, 420)
        self._original = details
        form = QFormLayout()
        self.name = QLineEdit(details.name)
        self.name.setAccessibleName("Partnership name")
        form.addRow("&Name *", self.name)
        self.name_error = QLabel()
        self.name_error.setStyleSheet("color: #b00020;")
        self.name_error.hide()
        form.addRow("", self.name_error)
        self.council_area = QLineEdit(details.council_area)
        form.addRow("&Council area", self.council_area)
        self.go_region = QComboBox()
        self.go_region.setEditable(True)
        self.go_region.addItems(("",) + GO_REGIONS)
        self.go_region.setCurrentText(details.go_region)
        form.addRow("&Government Office region", self.go_region)
        self.nrf_area = QCheckBox("This is a Neighbourhood Renewal Fund area")
        self.nrf_area.setChecked(details.nrf_area)
        form.addRow("", self.nrf_area)
        self.retention = QSpinBox()
        self.retention.setRange(1, 50)
        self.retention.setSuffix(" years")
        self.retention.setValue(details.retention_years)
        form.addRow("Keep former members' data for", self.retention)
        # The as-at date the window opens at (a partnership reviewed at a past date, like
        # the demo's 30/06/2002); left empty, the window opens at today.
        self.opens_on = OptionalDateEdit("a fixed date:", details.opens_on)
        self.opens_on.setAccessibleName("Window opens at")
        self.opens_on.setToolTip("Leave it empty to open the window at today's date")
        form.addRow("&Window opens at", self.opens_on)

        self.rows_box = QVBoxLayout()
        self.rows: list[AllocationRow] = []
        for year, amount in details.nrf_allocations.items():
            self._add_row(year, amount)
        add = QPushButton("Add year")
        add.clicked.connect(lambda: self._add_row("", 0))
        self.alloc_error = QLabel()
        self.alloc_error.setStyleSheet("color: #b00020;")
        self.alloc_error.setWordWrap(True)
        self.alloc_error.hide()

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel("<b>Anticipated NRF allocation per financial year</b>"))
        layout.addLayout(self.rows_box)
        layout.addWidget(add, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.alloc_error)
        # While accreditation is deferred, the NRF consequence (from the Accreditation tab).
        self.nrf_notice = QLabel(nrf_notice)
        self.nrf_notice.setTextFormat(Qt.TextFormat.PlainText)
        self.nrf_notice.setWordWrap(True)
        self.nrf_notice.setStyleSheet("background: #fde0dc; padding: 6px;")
        self.nrf_notice.setVisible(bool(nrf_notice))
        layout.addWidget(self.nrf_notice)
        layout.addStretch(1)
        layout.addWidget(buttons)

    def _add_row(self, year: str, amount: int) -> None:
        row = AllocationRow(year, amount, self._remove_row)
        self.rows.append(row)
        self.rows_box.addWidget(row)

    def _remove_row(self, row: AllocationRow) -> None:
        self.rows.remove(row)
        row.setParent(None)
        row.deleteLater()

    def details(self) -> Partnership:
        allocations = {r.year.text().strip(): r.amount.value() for r in self.rows
                       if r.year.text().strip()}
        return Partnership(self.name.text().strip(), self.council_area.text().strip(),
                           self.go_region.currentText().strip(), self.nrf_area.isChecked(),
                           allocations, self.retention.value(),
                           version=self._original.version if self._original else None,
                           opens_on=self.opens_on.value())

    def show_errors(self, errors: list[FieldError]) -> None:
        name = [e.message for e in errors if e.field == "name"]
        other = [e.message for e in errors if e.field != "name"]
        self.name_error.setText("\n".join(name))
        self.name_error.setVisible(bool(name))
        self.alloc_error.setText("\n".join(other))
        self.alloc_error.setVisible(bool(other))

    def accept(self) -> None:
        errors = validate_partnership(self.details())
        if errors:
            self.show_errors(errors)
            return
        super().accept()
