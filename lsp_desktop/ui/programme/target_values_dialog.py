"""A target's dated values: an editable table of date, value, source and comparison, with
the chart redrawn as they are typed."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
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
from lsp_desktop.ui.programme.widgets import TargetChart

_ROOT = QModelIndex()


class TargetPointsModel(QAbstractTableModel):
    """The series being edited; cells are typed as text and checked as they are set."""

    HEADERS = ("Date", "Value", "Source", "Comparison")

    def __init__(self, points: list[TargetPoint], parent=None):
        super().__init__(parent)
        self.points = sorted_points(points)
        self.problem = ""

    def rowCount(self, parent=_ROOT) -> int:
        return 0 if parent.isValid() else len(self.points)

    def columnCount(self, parent=_ROOT) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole):
        if (role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal
                and 0 <= section < len(self.HEADERS)):
            return self.HEADERS[section]
        return None

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return super().flags(index) | Qt.ItemFlag.ItemIsEditable

    def data(self, index: QModelIndex | QPersistentModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole,
                                               Qt.ItemDataRole.EditRole):
            return None
        p = self.points[index.row()]
        return (format_date(p.measured_on), format_number(p.value).replace(",", ""), p.source,
                format_number(p.comparison).replace(",", ""))[index.column()]

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        p = self.points[index.row()]
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
        self.points[index.row()] = p
        self.dataChanged.emit(index, index)
        return True

    def add(self, point: TargetPoint) -> int:
        row = len(self.points)
        self.beginInsertRows(_ROOT, row, row)
        self.points.append(point)
        self.endInsertRows()
        return row

    def remove(self, row: int) -> None:
        self.beginRemoveRows(_ROOT, row, row)
        del self.points[row]
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
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName("Values")
        self.table.setTabKeyNavigation(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(False)
        for column, width in enumerate((100, 90, 240, 100)):
            self.table.setColumnWidth(column, width)
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
