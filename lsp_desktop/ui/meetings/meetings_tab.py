"""The Meetings tab: meetings of the board and its groups, filters, prints, the decisions log."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from lsp_desktop.domain.errors import DomainError
from lsp_desktop.domain.text import fold
from lsp_desktop.ui import prompts
from lsp_desktop.ui.common.conflict import edit_with_conflicts
from lsp_desktop.ui.common.roles import RECORD_ROLE, SORT_ROLE
from lsp_desktop.ui.common.selection_actions import SelectionActions
from lsp_desktop.ui.common.table_helpers import record_table
from lsp_desktop.ui.meetings.meeting_dialog import MeetingDialog, new_meeting
from lsp_desktop.ui.meetings.meeting_tables import DecisionTableModel, MeetingTableModel
from lsp_desktop.ui.meetings.meetings_controller import (
    STATUS_CHOICES,
    MeetingsController,
    MeetingsFilter,
)
from lsp_desktop.ui.meetings.meetings_undo import EditMeeting, undoable

MEETINGS, DECISIONS = range(2)


class MeetingFilter(QSortFilterProxyModel):
    """The meetings a MeetingsFilter (the controller's rule) keeps."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self.rule = MeetingsFilter()

    def set(self, **values) -> None:
        if hasattr(self, "beginFilterChange"):          # Qt 6.10 and later
            self.beginFilterChange()
            self.rule = replace(self.rule, **values)
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
            return
        self.rule = replace(self.rule, **values)
        self.invalidateRowsFilter()

    def filterAcceptsRow(self, row: int, parent) -> bool:  # noqa: N802 (Qt's name)
        r = self.sourceModel().index(row, 0, parent).data(RECORD_ROLE)
        return r is not None and self.rule.keeps(r)


class MeetingsTab(QWidget):
    """Handed the services; asks the meetings service for everything it shows."""

    meetings_changed = Signal()
    print_requested = Signal(str, str)      # report, meeting id or year

    def __init__(self, services, read_only: bool = False, parent=None, load: bool = True,
                 undo_stack=None):
        super().__init__(parent)
        self.services = services
        self.undo_stack = undo_stack
        self.meetings = services.meetings
        self.read_only = read_only
        self.controller = MeetingsController(read_only)
        self.bodies = []

        bar = self._filter_bar()
        self.model = MeetingTableModel(self)
        self.proxy = MeetingFilter(self)
        self.proxy.setSourceModel(self.model)
        self.table = record_table(self.proxy, "Meetings", (84, 48, 240, 70, 46, 80, 80, 70, 76))
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.doubleClicked.connect(lambda _i: self.edit_meeting())
        buttons = self._buttons_row()
        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        meetings_page = QWidget()
        mv = QVBoxLayout(meetings_page)
        mv.addLayout(bar)
        mv.addWidget(self.table, 1)
        mv.addWidget(self.summary)
        mv.addLayout(buttons)

        self.pages = QTabWidget()
        self.pages.addTab(meetings_page, "Meetings")
        self.pages.addTab(self._decisions_page(), "Decisions log")
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)

        self.body_box.currentIndexChanged.connect(
            lambda: self.proxy.set(body_id=self.body_box.currentData()))
        self.status_box.currentIndexChanged.connect(
            lambda: self.proxy.set(status=self.status_box.currentData()))
        self.year_box.currentIndexChanged.connect(
            lambda: self.proxy.set(year=self.year_box.currentData()))
        self.filter_edit.textChanged.connect(lambda t: self.proxy.set(text=fold(t)))
        self.proxy.layoutChanged.connect(self._summarise)
        self.proxy.rowsInserted.connect(self._summarise)
        self.proxy.modelReset.connect(self._summarise)
        self.setFocusProxy(self.table)
        if load:
            self.refresh()

    # -- building ------------------------------------------------------------
    def _filter_bar(self) -> QHBoxLayout:
        """Body, status and financial year, and the text to find in the body or venue."""
        self.body_box = QComboBox()
        self.body_box.setAccessibleName("Body")
        self.status_box = QComboBox()
        self.status_box.setAccessibleName("Status")
        for label, value in STATUS_CHOICES:
            self.status_box.addItem(label, value)
        self.year_box = QComboBox()
        self.year_box.setAccessibleName("Financial year")
        for box in (self.body_box, self.status_box, self.year_box):
            box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText("Filter by body or venue")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setAccessibleName("Filter meetings")
        bar = QHBoxLayout()
        for w in (QLabel("Body:"), self.body_box, self.status_box, QLabel("Year:"),
                  self.year_box, self.filter_edit):
            bar.addWidget(w)
        bar.setStretch(5, 1)
        return bar

    def _buttons_row(self) -> QHBoxLayout:
        """Editing on the left (as the controller allows), prints and files on the right."""
        self.new_button = QPushButton("&New meeting…")
        self.edit_button = QPushButton("&Open…")
        self.delete_button = QPushButton("Delete")
        self.pack_button = QPushButton("&Board pack…")
        self.minutes_button = QPushButton("M&inutes…")
        self.calendar_button = QPushButton("Calendar (.ics)…")
        self.attendance_button = QPushButton("Attendance…")
        self.groups_button = QPushButton("Groups…")
        self.groups_button.setToolTip("Theme groups and sub-groups, and who sits on them when")
        self.quorum_button = QPushButton("Quorum rule…")
        allowed = self.controller.buttons()
        for b, on in ((self.new_button, allowed.new), (self.delete_button, allowed.delete),
                      (self.groups_button, allowed.groups),
                      (self.quorum_button, allowed.quorum)):
            b.setEnabled(on)
        self.groups_button.clicked.connect(self.edit_groups)
        self.quorum_button.clicked.connect(self.edit_quorum)
        self.new_button.clicked.connect(self.new_meeting)
        self.edit_button.clicked.connect(self.edit_meeting)
        self.delete_button.clicked.connect(self.delete_meeting)
        self.pack_button.clicked.connect(lambda: self._print_selected("board-pack"))
        self.minutes_button.clicked.connect(lambda: self._print_selected("minutes"))
        # Open, Delete, Board pack and Minutes act on the meeting selected: off without one.
        SelectionActions(self.table, read_only=self.read_only).add(
            self.edit_button, self.pack_button, self.minutes_button, single=True,
            changes=False).add(self.delete_button, single=True)
        self.calendar_button.clicked.connect(self.export_calendar)
        self.attendance_button.clicked.connect(
            lambda: self.print_requested.emit("attendance", self._year_or_today()))
        buttons = QHBoxLayout()
        for b in (self.new_button, self.edit_button, self.delete_button, self.groups_button,
                  self.quorum_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        for b in (self.pack_button, self.minutes_button, self.calendar_button,
                  self.attendance_button):
            buttons.addWidget(b)
        return buttons

    def _decisions_page(self) -> QWidget:
        """The decisions of every meeting, searched as typed; double-click opens one."""
        self.decision_model = DecisionTableModel(self)
        self.decision_proxy = QSortFilterProxyModel(self)
        self.decision_proxy.setSortRole(SORT_ROLE)
        self.decision_proxy.setSourceModel(self.decision_model)
        self.decision_table = record_table(self.decision_proxy, "Decisions log",
                                           (105, 125, 150, 320, 210))
        self.decision_table.doubleClicked.connect(lambda _i: self._open_decision())
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search the decisions (case and accents ignored)")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Search decisions")
        self.search.textChanged.connect(self._load_decisions)
        self.print_log = QPushButton("Print the log…")
        self.print_log.clicked.connect(
            lambda: self.print_requested.emit("decisions", self.search.text().strip()))
        decisions_page = QWidget()
        dv = QVBoxLayout(decisions_page)
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.print_log)
        dv.addLayout(top)
        dv.addWidget(self.decision_table, 1)
        return decisions_page

    # -- loading -------------------------------------------------------------
    def refresh(self) -> None:
        selected = self.selected_row()
        self.bodies = self.controller.bodies_shown(self.meetings.bodies(), self.meetings.board)
        rows = self.meetings.list_rows()
        self._fill(self.body_box, self.controller.body_choices(self.bodies))
        self._fill(self.year_box, self.controller.year_choices(rows))
        self.model.set_rows(rows)
        self._summarise()
        self._load_decisions()
        if selected is not None:
            self.select_meeting(selected.id)

    @staticmethod
    def _fill(box: QComboBox, entries) -> None:
        current = box.currentData()
        box.blockSignals(True)
        box.clear()
        for label, value in entries:
            box.addItem(label, value)
        box.setCurrentIndex(max(0, box.findData(current)))
        box.blockSignals(False)

    def _load_decisions(self) -> None:
        self.decision_model.set_decisions(self.services.meeting_records.decisions(
            self.search.text()))

    def _summarise(self) -> None:
        shown = [self.proxy.index(i, 0).data(RECORD_ROLE) for i in range(self.proxy.rowCount())]
        self.summary.setText(self.controller.summary(shown, self.meetings.quorum_rule().label))

    def selected_row(self):
        rows = self.table.selectionModel().selectedRows()
        return rows[0].data(RECORD_ROLE) if rows else None

    def select_meeting(self, meeting_id: int) -> None:
        for i in range(self.proxy.rowCount()):
            if self.proxy.index(i, 0).data(RECORD_ROLE).id == meeting_id:
                self.table.selectRow(i)
                return

    def _year_or_today(self) -> str:
        return self.controller.print_year(self.year_box.currentData(), date.today())

    # -- editing -------------------------------------------------------------
    def _edit(self, meeting) -> None:
        def make(record):
            return MeetingDialog(self.services, record, self.bodies, self.read_only, self)

        def read(dialog):
            return dialog.meeting()

        def fetch():
            return self.meetings.get(meeting.id) if meeting.id is not None else None

        before, saved = edit_with_conflicts(self, "Meeting changed by another officer", meeting,
                                            make, read, self.meetings.save, fetch,
                                            stale=self.refresh, read_only=self.read_only)
        if (saved is not None and before.id is not None and self.undo_stack is not None
                and undoable(before, saved)):
            self.undo_stack.push(EditMeeting(self.meetings, before, saved, self._undone,
                                             lambda text: prompts.error(self, "Undo", text)))
        self.refresh()
        if saved is not None:
            self.select_meeting(saved.id)
        self.meetings_changed.emit()

    def _undone(self) -> None:
        self.refresh()
        self.meetings_changed.emit()

    def new_meeting(self) -> None:
        body = self.body_box.currentData() or self.meetings.board().id
        self._edit(new_meeting(body, date.today()))

    def edit_meeting(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        try:
            meeting = self.meetings.get(row.id)
        except DomainError as exc:
            prompts.error(self, "Meeting", str(exc))
            self.refresh()
            return
        self._edit(meeting)

    def delete_meeting(self) -> None:
        row = self.selected_row()
        if row is None or not prompts.confirm(
                self, "Delete meeting", f"Delete the {row.body} meeting of "
                f"{row.held_on:%d/%m/%Y} with its agenda, papers, attendance and minutes? "
                "Its actions arising stay in the action plan.", "Delete"):
            return
        try:
            self.meetings.delete(row.id)
        except DomainError as exc:
            prompts.error(self, "Delete meeting", str(exc))
        self.refresh()
        self.meetings_changed.emit()

    def _open_decision(self) -> None:
        rows = self.decision_table.selectionModel().selectedRows()
        if not rows:
            return
        decision = rows[0].data(RECORD_ROLE)
        self.pages.setCurrentIndex(MEETINGS)
        for box in (self.body_box, self.status_box, self.year_box):
            box.setCurrentIndex(0)
        self.filter_edit.clear()
        self.select_meeting(decision.meeting_id)
        self.edit_meeting()

    # -- settings ------------------------------------------------------------
    def edit_quorum(self) -> None:
        from lsp_desktop.ui.meetings.bodies_dialog import edit_quorum

        if edit_quorum(self, self.meetings):
            self.refresh()

    def edit_groups(self) -> None:
        """Edit the group chosen in Body (or add one when the board or all are chosen)."""
        from lsp_desktop.ui.meetings.bodies_dialog import edit_group

        chosen = self.controller.group_to_edit(self.bodies, self.body_box.currentData())
        if edit_group(self, self.meetings, self.services.members.all_members(), chosen):
            self.refresh()

    # -- prints and files ----------------------------------------------------
    def _print_selected(self, report: str) -> None:
        row = self.selected_row()
        if row is None:
            prompts.info(self, "Print", "Choose a meeting first.")
            return
        self.print_requested.emit(report, str(row.id))

    def export_calendar(self) -> None:
        row = self.selected_row()
        year = self.year_box.currentData()
        suggested = self.controller.calendar_file(year, row)
        if suggested is None:
            prompts.info(self, "Export calendar", "Choose a meeting, or a year for all its "
                         "meetings.")
            return
        path = prompts.save_file(self, "Export calendar", suggested, "Calendar (*.ics)")
        if not path:
            return
        try:
            n = self.services.meeting_records.write_calendar(
                path, year=year or "", meeting_id=None if year else (row.id if row else None),
                partnership=self.services.partnership.get().name)
        except DomainError as exc:
            prompts.error(self, "Export calendar", str(exc))
            return
        prompts.info(self, "Export calendar", f"{n} meeting{'s' if n != 1 else ''} written to "
                     f"{path}.")
