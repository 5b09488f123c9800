"""A target's dated values: an editable table of date, value, source and comparison, with
the chart redrawn as they are typed."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
)

from lsp_desktop.domain.errors import FieldError
from lsp_desktop.domain.strategies import Target, format_number
from lsp_desktop.domain.target_series import (
    TargetPoint,
    sorted_points,
    track_status,
    validate_points,
)
from lsp_desktop.domain.text import format_date, parse_date
from lsp_desktop.ui.common.form_dialog import error_label, put_buttons_last
from lsp_desktop.ui.common.record_table import RecordTableModel
from lsp_desktop.ui.common.roles import SORT_ROLE
from lsp_desktop.ui.common.table_helpers import record_table
from lsp_desktop.ui.programme.widgets import TargetChart

_ROOT = QModelIndex()


class TargetPointsModel(RecordTableModel):
    """The series being edited (its records are TargetPoints); cells are typed as text
    and checked as they are set."""

    HEADERS = ("Date", "Value", "Source", "Comparison")
    sortable = False

    def __init__(self, points: list[TargetPoint], parent=None):
        super().__init__(parent)
        self.problem = ""
        self.set_rows(sorted_points(points))

    @property
    def points(self) -> list[TargetPoint]:
        return list(self._records)

    def cells(self, p: TargetPoint):
        return (format_date(p.measured_on), format_number(p.value).replace(",", ""), p.source,
                format_number(p.comparison).replace(",", "")), ()

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return super().flags(index) | Qt.ItemFlag.ItemIsEditable

    def data(self, index: QModelIndex | QPersistentModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.EditRole:
            role = Qt.ItemDataRole.DisplayRole
        if role == SORT_ROLE:
            return None
        return super().data(index, role)

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        p = self._records[index.row()]
        text = str(value).strip()
        column = index.column()
        try:
            if column == 0:
                p = replace(p, measured_on=parse_date(text))
            elif column == 1:
                p = replace(p, value=float(text.replace(",", "")))
            elif column == 2:
                p = replace(p, source=text)
            else:
                p = replace(p, comparison=float(text.replace(",", "")) if text else None)
        except ValueError:
            what = ("a date like 31/03/2002" if column == 0 else "a number")
            self.problem = f"'{text}' is not {what}."
            return False
        self.problem = ""
        self.replace_row(index.row(), p)
        return True

    def add(self, point: TargetPoint) -> int:
        row = len(self._records)
        self.beginInsertRows(_ROOT, row, row)
        self._records.append(point)
        self._cell_texts.append(self.cells(point)[0])
        self._cell_keys.append(())
        self.endInsertRows()
        return row

    def remove(self, row: int) -> None:
        self.beginRemoveRows(_ROOT, row, row)
        del self._records[row], self._cell_texts[row], self._cell_keys[row]
        self.endRemoveRows()


class TargetValuesDialog(QDialog):
    """Edit the series of one target; `points()` gives them back sorted by date."""

    def __init__(self, target: Target, points: list[TargetPoint], parent=None,
                 today: date | None = None):
        super().__init__(parent)
        self.setWindowTitle(f"Values: {target.indicator}")
        self.target = target
        self.today = today or date.today()
        self.model = TargetPointsModel(points, self)
        self.table = record_table(self.model, "Values", (100, 90, 240, 100),
                                  stretch_last=False, sortable=False, enter_opens=False)
        # Typed in place: the one table of the program whose cells are edited.
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
        self.add_button = QPushButton("&Add value")
        self.remove_button = QPushButton("&Remove value")
        self.status = QLabel()
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.error = error_label()
        self.chart = TargetChart(self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.button_box = buttons
        row = QHBoxLayout()
        row.addWidget(self.status, 1)
        row.addWidget(self.add_button)
        row.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addWidget(self.error)
        layout.addWidget(self.chart)
        layout.addWidget(buttons)
        self.add_button.clicked.connect(self.add_value)
        self.remove_button.clicked.connect(self.remove_value)
        self.model.dataChanged.connect(self._redraw)
        self.model.rowsInserted.connect(self._redraw)
        self.model.rowsRemoved.connect(self._redraw)
        self.table.itemDelegate().closeEditor.connect(self._edited)
        self._redraw()
        self.resize(620, 640)

    def showEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        put_buttons_last(self, self.button_box)
        super().showEvent(event)

    def points(self) -> list[TargetPoint]:
        return sorted_points(self.model.points)

    def _edited(self, *_args) -> None:
        self.error.setText(self.model.problem)
        self.error.setVisible(bool(self.model.problem))

    def _redraw(self, *_args) -> None:
        points = self.points()
        self.chart.show_target(self.target, points)
        status = track_status(self.target, points, self.today)
        self.status.setText(f"{len(points)} value(s) · {status.label}")

    def add_value(self) -> None:
        last = self.points()[-1] if self.model.points else None
        day = self.today if last is None else date.fromordinal(
            last.measured_on.toordinal() + 91)
        value = last.value if last else (self.target.baseline_value or 0.0)
        row = self.model.add(TargetPoint(day, value, last.source if last else
                                         self.target.data_source))
        self.table.setCurrentIndex(self.model.index(row, 0))
        self.table.edit(self.model.index(row, 0))

    def remove_value(self) -> None:
        rows = self.table.selectionModel().selectedRows() or (
            [self.table.currentIndex()] if self.table.currentIndex().isValid() else [])
        if rows:
            self.model.remove(rows[0].row())

    def problems(self) -> list[FieldError]:
        return validate_points(self.points())

    def accept(self) -> None:
        problems = self.problems()
        if problems:
            self.error.setText("\n".join(p.message for p in problems))
            self.error.show()
            return
        super().accept()
