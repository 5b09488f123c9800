"""Compare two assessment rounds criterion by criterion: which improved, which slipped."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QVBoxLayout,
)

from lsp_desktop.domain.errors import DomainError
from lsp_desktop.ui.accreditation.accreditation_tables import ComparisonTableModel
from lsp_desktop.ui.common.edit_flow import say
from lsp_desktop.ui.common.table_helpers import record_table


class ComparisonDialog(QDialog):
    def __init__(self, service, before_id: int | None = None, after_id: int | None = None,
                 parent=None):
        super().__init__(parent)
        self.service = service
        self.setWindowTitle("Compare rounds")
        self.resize(760, 360)
        rounds = service.rounds()
        self.before = QComboBox()
        self.after = QComboBox()
        for combo in (self.before, self.after):
            for r in rounds:
                combo.addItem(r.name, r.id)
        self.before.setAccessibleName("Earlier round")
        self.after.setAccessibleName("Later round")
        if len(rounds) >= 2:
            self.before.setCurrentIndex(len(rounds) - 2)
            self.after.setCurrentIndex(len(rounds) - 1)
        for combo, wanted in ((self.before, before_id), (self.after, after_id)):
            if wanted is not None and combo.findData(wanted) >= 0:
                combo.setCurrentIndex(combo.findData(wanted))
        self.use_go = QCheckBox("Compare the &GO's ratings instead of the self-assessment")
        self.summary = QLabel()
        self.model = ComparisonTableModel(self)
        self.table = record_table(
            self.model, "Comparison", stretch_last=False, sortable=False,
            selection=QAbstractItemView.SelectionMode.ExtendedSelection, wrap=True,
            row_height=None, enter_opens=False,
            resize={c: QHeaderView.ResizeMode.Stretch for c in range(self.model.columnCount())})
        pick = QHBoxLayout()
        pick.addWidget(QLabel("&From"))
        pick.addWidget(self.before, 1)
        pick.addWidget(QLabel("to"))
        pick.addWidget(self.after, 1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(pick)
        layout.addWidget(self.use_go)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary)
        layout.addWidget(close)
        for combo in (self.before, self.after):
            combo.currentIndexChanged.connect(self.refresh)
        self.use_go.toggled.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        a, b = self.before.currentData(), self.after.currentData()
        if a is None or b is None:
            self.model.set_rows([])
            self.summary.setText("Two rounds are needed for a comparison.")
            return
        try:
            lines = self.service.compare(a, b, self.use_go.isChecked())
        except DomainError as exc:
            say.error(self, "Compare rounds", str(exc))
            return
        self.model.set_rows(lines)
        up = sum(line.change == "improved" for line in lines)
        down = sum(line.change == "slipped" for line in lines)
        self.summary.setText(f"{up} criteria improved, {down} slipped.")
