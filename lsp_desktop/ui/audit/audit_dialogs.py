"""The History panel of one record and the partnership's audit log (View ▸ Audit log…)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSplitter,
    QVBoxLayout,
)

from lsp_desktop.domain.audit import ACTIONS, AuditFilter, record_type_name
from lsp_desktop.ui.audit.audit_table import AuditTableModel, describe_changes, local_time
from lsp_desktop.ui.common.date_field import DateEdit, from_qdate
from lsp_desktop.ui.common.table_helpers import record_table

LOG_LIMIT = 5000


class _LinesView(QSplitter):
    """The lines in a table, the selected line's changes in full below."""

    def __init__(self, parent=None):
        super().__init__(Qt.Orientation.Vertical, parent)
        self.model = AuditTableModel(self)
        self.table = record_table(self.model, "Audit lines", sortable=False, row_height=None,
                                  enter_opens=False)
        self.detail = QPlainTextEdit()
        self.detail.setReadOnly(True)
        self.detail.setAccessibleName("Changes of the selected line")
        self.detail.setPlaceholderText("Select a line to see every field it changed.")
        self.addWidget(self.table)
        self.addWidget(self.detail)
        self.setSizes([400, 140])
        self.table.selectionModel().selectionChanged.connect(self._show_detail)
        self.model.modelReset.connect(self._show_detail)

    def set_lines(self, lines) -> None:
        self.model.set_rows(lines)
        for column, width in ((0, 120), (1, 170), (2, 280), (3, 70)):
            self.table.setColumnWidth(column, width)

    def _show_detail(self, *_args) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            self.detail.setPlainText("")
            return
        line = self.model.record(rows[0].row())
        head = (f"{local_time(line.at)} (UTC {line.at:%d/%m/%Y %H:%M:%S}) by {line.who}\n"
                f"{line.record} — {ACTIONS.get(line.action, line.action)}\n\n")
        self.detail.setPlainText(head + describe_changes(line, full=True))


class HistoryDialog(QDialog):
    """Everything that happened to one record (and its terms, milestones…), newest first."""

    def __init__(self, title: str, lines, parent=None):
        super().__init__(parent)
        self.setWindowTitle(f"History — {title}")
        self.heading = QLabel()
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.heading.setText(f"{title}: {len(lines)} change{'s' if len(lines) != 1 else ''} "
                             "recorded" if lines else f"{title}: no change recorded")
        self.view = _LinesView(self)
        self.view.set_lines(lines)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)
        self.resize(900, 520)


class AuditLogDialog(QDialog):
    """The partnership's whole audit trail, filtered by record type, who, dates and text."""

    def __init__(self, audit_service, parent=None):
        super().__init__(parent)
        self.service = audit_service
        self._shown: AuditFilter | None = None      # the filter of the lines shown
        self.setWindowTitle("Audit log")
        self.type_combo = QComboBox()
        self.type_combo.setAccessibleName("Record type")
        self.type_combo.addItem("All records", None)
        for table in self.service.record_types():
            self.type_combo.addItem(record_type_name(table), table)
        self.who_combo = QComboBox()
        self.who_combo.setAccessibleName("Who")
        self.who_combo.addItem("Anyone", None)
        for name in self.service.people():
            self.who_combo.addItem(name, name)
        today = date.today()
        self.from_check = QCheckBox("&From")
        self.from_date = DateEdit(from_qdate(QDate.currentDate().addMonths(-1)))
        self.to_check = QCheckBox("&To")
        self.to_date = DateEdit(today)
        for edit, name in ((self.from_date, "From date"), (self.to_date, "To date")):
            edit.setAccessibleName(name)
        self.text_edit = QLineEdit()
        self.text_edit.setPlaceholderText("Text in the record or the changes…")
        self.text_edit.setAccessibleName("Text filter")
        self.text_edit.setClearButtonEnabled(True)
        bar = QHBoxLayout()
        bar.addWidget(QLabel("&Records"))
        bar.itemAt(0).widget().setBuddy(self.type_combo)
        bar.addWidget(self.type_combo)
        who = QLabel("&Who")
        who.setBuddy(self.who_combo)
        bar.addWidget(who)
        bar.addWidget(self.who_combo)
        for w in (self.from_check, self.from_date, self.to_check, self.to_date):
            bar.addWidget(w)
        bar.addWidget(self.text_edit, 1)
        self.count_label = QLabel()
        self.view = _LinesView(self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count_label, 1)
        bottom.addWidget(buttons)
        layout.addLayout(bottom)
        self.resize(1150, 620)

        self.type_combo.currentIndexChanged.connect(self.refresh)
        self.who_combo.currentIndexChanged.connect(self.refresh)
        # Typing a date is choosing it: the tick follows.
        self.from_date.dateChanged.connect(lambda _d: self.from_check.setChecked(True))
        self.to_date.dateChanged.connect(lambda _d: self.to_check.setChecked(True))
        for signal in (self.from_check.toggled, self.to_check.toggled,
                       self.from_date.dateChanged, self.to_date.dateChanged,
                       self.text_edit.textChanged):
            signal.connect(self.refresh)
        self.refresh()

    def current_filter(self) -> AuditFilter:
        """Dates are the officer's local days, turned into UTC moments."""
        def utc(day: QDate, extra: int = 0) -> datetime:
            return _local_to_utc(datetime.combine(day.toPython() + timedelta(days=extra),
                                                  time()))

        return AuditFilter(
            record_type=self.type_combo.currentData(),
            who=self.who_combo.currentData(),
            since=utc(self.from_date.date()) if self.from_check.isChecked() else None,
            until=utc(self.to_date.date(), 1) if self.to_check.isChecked() else None,
            text=self.text_edit.text())

    def refresh(self, *_args) -> None:
        wanted = self.current_filter()
        if wanted == self._shown:
            return      # typing a date ticks its box and changes the date: one reading
        lines = self.service.lines(wanted, limit=LOG_LIMIT + 1)
        self._shown = wanted
        more = len(lines) > LOG_LIMIT
        self.view.set_lines(lines[:LOG_LIMIT])
        shown = min(len(lines), LOG_LIMIT)
        self.count_label.setText(
            f"{shown} line{'s' if shown != 1 else ''} shown"
            + (f" (the newest {LOG_LIMIT}; narrow the filter to see older ones)" if more else "")
            + f" of {self.service.count()} in the audit trail")


def _local_to_utc(local: datetime) -> datetime:
    return local.astimezone().astimezone(UTC).replace(tzinfo=None)
