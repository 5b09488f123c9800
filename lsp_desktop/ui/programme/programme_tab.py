"""The Programme tab: a fund's year by theme and project, quarter by quarter, with the
unallocated balance, the underspend warning and any NRF held back by a deferral."""

from __future__ import annotations

import gc
from contextlib import contextmanager
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from lsp_desktop.domain.errors import DomainError
from lsp_desktop.domain.programme import (
    Fund,
    ProgrammeView,
    Project,
)
from lsp_desktop.ui import prompts
from lsp_desktop.ui.common.conflict import edit_with_conflicts
from lsp_desktop.ui.common.date_field import DateEdit
from lsp_desktop.ui.common.message_text import message
from lsp_desktop.ui.common.selection_actions import SelectionActions
from lsp_desktop.ui.common.table_helpers import record_table
from lsp_desktop.ui.programme.programme_controller import ProgrammeController, ProgrammeLines
from lsp_desktop.ui.programme.programme_table import ProgrammeTableModel
from lsp_desktop.ui.programme.programme_undo import (
    AddProject,
    DeleteProject,
    EditAllocation,
    EditProject,
)
from lsp_desktop.ui.programme.project_dialog import FundYearDialog, ProjectDialog


@contextmanager
def _no_cyclic_gc():
    """A refresh makes thousands of small objects that all live on (the figures of every
    project and quarter); the cyclic collector would walk the whole heap again and again
    meanwhile (two thirds of the time with 500 projects). It is always switched back on."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


class ProgrammeTab(QWidget):
    programme_changed = Signal()
    print_requested = Signal(str)       # the report the window should preview
    as_at_edited = Signal(object)       # the officer changed As on here: the window's date

    def __init__(self, service, undo_stack=None, read_only: bool = False,
                 actions=None, today: date | None = None, load: bool = True,
                 exporter=None, parent=None):
        """`exporter(year, path, on)` writes the year's spreadsheet (it reads the targets
        too, so the window hands it over); without it there is no Export button."""
        super().__init__(parent)
        self.service = service
        self.actions = actions
        self.exporter = exporter
        self.undo_stack = undo_stack
        self.read_only = read_only
        self.controller = ProgrammeController(read_only, can_export=exporter is not None)
        self.view: ProgrammeView | None = None
        self._projects: list[Project] = []
        self._loaded: tuple[int, str] | None = None    # the fund and year read
        self._funds: list[Fund] = []

        top = self._top_bar(today)
        self._notes()
        self.model = ProgrammeTableModel(self)
        self.table = record_table(self.model, "Programme", (300,) + (104,) * 19,
                                  stretch_last=False, sortable=False)
        self.table.doubleClicked.connect(lambda _i: self.edit_project())
        bottom = self._bottom_bar()

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.warning)
        layout.addWidget(self.held)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)

        self.fund_combo.currentIndexChanged.connect(lambda _i: self.show_view())
        self.year_combo.currentTextChanged.connect(lambda _t: self.show_view())
        self.year_combo.lineEdit().editingFinished.connect(self.show_view)
        self.on_edit.dateChanged.connect(lambda _d: self.show_view())
        self.on_edit.dateChanged.connect(self._as_on_edited)
        self.new_button.clicked.connect(self.add_project)
        self.edit_button.clicked.connect(self.edit_project)
        self.delete_button.clicked.connect(self.delete_project)
        self.allocation_button.clicked.connect(self.edit_allocation)
        self.fund_button.clicked.connect(self.add_fund)
        self.print_button.clicked.connect(lambda: self.print_requested.emit("programme"))
        self.export_button.clicked.connect(self.export)
        if load:
            self.refresh()

    # -- building ----------------------------------------------------------
    def _top_bar(self, today: date | None) -> QHBoxLayout:
        """Fund, year and as-on date; allocation, funds, the print and the export."""
        self.fund_combo = QComboBox()
        self.fund_combo.setAccessibleName("Fund")
        self.year_combo = QComboBox()
        self.year_combo.setAccessibleName("Financial year")
        self.year_combo.setEditable(True)
        self.year_combo.setToolTip("A financial year, e.g. 2002/03 (type another to plan it)")
        self.on_edit = DateEdit(today or date.today())
        self.on_edit.setAccessibleName("Figures as on")
        self.on_edit.setToolTip("Quarters ended by this date count as spent; the rest is "
                                "forecast from the plan")
        self.allocation_button = QPushButton("A&llocation…")
        self.fund_button = QPushButton("Add fun&d…")
        self.print_button = QPushButton("Print &return…")
        self.export_button = QPushButton("E&xport…")
        top = QHBoxLayout()
        for label, widget in (("F&und:", self.fund_combo), ("&Year:", self.year_combo),
                              ("As &on:", self.on_edit)):
            caption = QLabel(label)
            caption.setBuddy(widget)
            top.addWidget(caption)
            top.addWidget(widget)
        top.addStretch(1)
        for b in (self.allocation_button, self.fund_button, self.print_button,
                  self.export_button):
            top.addWidget(b)
        return top

    def _notes(self) -> None:
        """The summary, the underspend warning and the NRF held back by a deferral."""
        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        self.warning = QLabel()
        self.warning.setTextFormat(Qt.TextFormat.PlainText)
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet("color: #b71c1c; font-weight: bold;")
        self.held = QLabel()
        self.held.setTextFormat(Qt.TextFormat.PlainText)
        self.held.setWordWrap(True)
        self.held.setStyleSheet("color: #8a4b00;")

    def _bottom_bar(self) -> QHBoxLayout:
        """Project buttons, and every button as the controller allows."""
        self.new_button = QPushButton("&New project…")
        self.edit_button = QPushButton("Ed&it project…")
        self.delete_button = QPushButton("Dele&te project")
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        for b in (self.new_button, self.edit_button, self.delete_button):
            bottom.addWidget(b)
        allowed = self.controller.buttons()
        for b, on in ((self.new_button, allowed.new), (self.delete_button, allowed.delete),
                      (self.allocation_button, allowed.allocation),
                      (self.fund_button, allowed.fund)):
            b.setEnabled(on)
        self.export_button.setVisible(allowed.export)
        # Edit and Delete act on the project selected (a heading or total row is none).
        SelectionActions(self.table, lambda: int(self.selected_project() is not None),
                         self.read_only).add(self.edit_button, changes=False).add(
                             self.delete_button)
        return bottom

    # -- loading -----------------------------------------------------------
    @property
    def fund(self) -> Fund | None:
        fid = self.fund_combo.currentData()
        return next((f for f in self._funds if f.id == fid), None)

    @property
    def year(self) -> str:
        return self.year_combo.currentText().strip()

    def _as_on_edited(self, _day=None) -> None:
        if self.on_edit.value() is not None:
            self.as_at_edited.emit(self.on_edit.value())

    def set_as_at(self, day: date) -> None:
        """The window's date: the figures as on it (quarters ended by then count as spent)."""
        if self.on_edit.value() != day:
            self.on_edit.set_value(day)

    def refresh(self) -> None:
        """Read funds, years and projects again, keeping the fund and year chosen."""
        with _no_cyclic_gc():
            self._refresh()

    def _refresh(self) -> None:
        self._funds = self.service.funds()
        fund_id, year = self.fund_combo.currentData(), self.year
        for combo in (self.fund_combo, self.year_combo):
            combo.blockSignals(True)
        self.fund_combo.clear()
        for f in self._funds:
            self.fund_combo.addItem(self.controller.fund_label(f), f.id)
        self.fund_combo.setCurrentIndex(max(0, self.fund_combo.findData(fund_id)))
        years, year = self.controller.years(self.service.years(), year, self.on_edit.value())
        self.year_combo.clear()
        self.year_combo.addItems(years)
        self.year_combo.setCurrentText(year)
        for combo in (self.fund_combo, self.year_combo):
            combo.blockSignals(False)
        self._loaded = None
        self.show_view()

    def show_view(self) -> None:
        """Show the chosen fund and year: its projects and that year's money are read
        once per fund and year (a change of the as-on date only recomputes)."""
        with _no_cyclic_gc():
            self._show_view()

    def _show_view(self) -> None:
        fund = self.fund
        if fund is None:
            self.model.set_view(None)
            return
        try:
            if self._loaded != (fund.id, self.year):
                self._projects = self.service.projects(fund.id, self.year)
                self._loaded = (fund.id, self.year)
            self.view = self.service.view(fund, self.year, self.on_edit.value(),
                                          self._projects)
        except DomainError as exc:
            self.view = None
            self.model.set_view(None)
            self._show_lines(self.controller.failed(str(exc)), hide=False)
            return
        self.model.set_view(self.view)
        self._show_lines(self.controller.lines(self.view))

    def _show_lines(self, lines: ProgrammeLines, hide: bool = True) -> None:
        """The summary, warning and held-back lines (empty ones hidden, unless `hide` is
        False: a failed view leaves them as they were shown)."""
        self.summary.setText(lines.summary)
        for label, text in ((self.warning, lines.warning), (self.held, lines.held)):
            label.setText(text)
            if hide:
                label.setVisible(bool(text))

    def selected_project(self) -> Project | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        line = self.model.record(rows[0].row())
        return line.project if line.kind == "project" else None

    # -- changes -------------------------------------------------------------
    def _changed(self) -> None:
        self.refresh()
        self.programme_changed.emit()

    def _failed(self, text: str) -> None:
        prompts.error(self, "Undo", message(text))

    def _push(self, command) -> None:
        if self.undo_stack is not None:
            self.undo_stack.push(command)
        else:
            self._changed()

    def _action_choices(self) -> list[tuple[int, str]]:
        if self.actions is None:
            return []
        return [(a.id, f"{a.reference} {a.title}") for a in self.actions.list_actions()]

    def _dialog(self, project: Project) -> ProjectDialog:
        dialog = ProjectDialog(project, self._funds, self.service.years(), self.year,
                               self._action_choices(), self,
                               decisions=self.service.decision_choices())
        if self.read_only:
            dialog.setWindowTitle("Project (read-only)")
        return dialog

    def add_project(self) -> None:
        if self.read_only or self.fund is None:
            return
        draft = Project("", "", self.fund.id, "")
        _before, saved = edit_with_conflicts(
            self, "Project changed by another officer", draft, self._dialog,
            lambda d: d.project(), self.service.add, lambda: None)
        if saved is not None:
            self._push(AddProject(self.service, saved, self._changed, self._failed))

    def edit_project(self) -> None:
        project = self.selected_project()
        if project is None:
            return
        try:
            project = self.service.project(project.id)
        except DomainError as exc:
            prompts.error(self, "Edit project", message(str(exc)))
            self.refresh()
            return
        before, saved = edit_with_conflicts(
            self, "Project changed by another officer", project, self._dialog,
            lambda d: d.project(), self.service.update,
            lambda: self.service.project(project.id), self.refresh, self.read_only)
        if saved is not None:
            self._push(EditProject(self.service, before, saved, self._changed, self._failed))

    def delete_project(self) -> None:
        project = self.selected_project()
        if project is None or self.read_only:
            return
        if not prompts.confirm(self, "Delete project",
                               message(f"Delete {project.reference} {project.title} and its "
                                       "money? (Edit ▸ Undo brings it back.)"), "Delete"):
            return
        try:
            gone = self.service.delete(project.id)
        except DomainError as exc:
            prompts.error(self, "Delete project", message(str(exc)))
            self.refresh()
            return
        self._push(DeleteProject(self.service, gone, self._changed, self._failed))

    def edit_allocation(self) -> None:
        fund = self.fund
        if fund is None or self.read_only:
            return
        try:
            plan = self.service.fund_year(fund.id, self.year)
        except DomainError as exc:
            prompts.error(self, "Allocation", message(str(exc)))
            return
        before, saved = edit_with_conflicts(
            self, "Allocation changed by another officer", plan,
            lambda p: FundYearDialog(p, fund, self), lambda d: d.fund_year(),
            self.service.save_fund_year, lambda: self.service.fund_year(fund.id, self.year),
            self.refresh)
        if saved is not None:
            self._push(EditAllocation(self.service, before, saved, fund.code, self._changed,
                                      self._failed))

    def add_fund(self) -> None:
        if self.read_only:
            return
        name = prompts.ask_text(self, "Add fund", "Name of the fund (e.g. Single Regeneration "
                                "Budget, New Deal for Communities, mainstream money):")
        if not name or not name.strip():
            return
        code = prompts.ask_text(self, "Add fund", "A short code for it (e.g. SRB, NDC, MAIN):")
        if not code:
            return
        from lsp_desktop.domain.errors import ValidationError

        try:
            fund = self.service.add_fund(Fund(name.strip(), code.strip()))
        except ValidationError as exc:
            prompts.error(self, "Add fund", message("\n".join(e.message for e in exc.errors)))
            return
        self.refresh()
        self.fund_combo.setCurrentIndex(self.fund_combo.findData(fund.id))

    def export(self) -> None:
        suggested = self.controller.export_file(self.year)
        path = prompts.save_file(self, "Export the programme", suggested,
                                 "Excel workbook (*.xlsx)")
        if not path or self.exporter is None:
            return
        try:
            written = self.exporter(self.year, path, self.on_edit.value())
        except (DomainError, OSError) as exc:
            prompts.error(self, "Export the programme", message(str(exc)))
            return
        prompts.info(self, "Export the programme", message(f"The programme for {self.year} "
                                                           f"was written to {written}."))

    def select_project(self, project_id: int) -> None:
        row = self.model.row_where(lambda line: line.project is not None
                                   and line.project.id == project_id)
        if row >= 0:
            self.table.selectRow(row)
