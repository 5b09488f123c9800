"""The Members tab: the register table with filters, an as-on date, and the balance panel."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from lsp_desktop.domain.errors import DomainError, ValidationError
from lsp_desktop.domain.members import Member, balance
from lsp_desktop.domain.text import format_date
from lsp_desktop.ui import prompts
from lsp_desktop.ui.common.conflict import edit_with_conflicts
from lsp_desktop.ui.common.date_field import DateEdit, from_qdate, to_qdate
from lsp_desktop.ui.common.feature_check import lighten_feature_check
from lsp_desktop.ui.common.history_button import HistoryRecord, history_button, table_signals
from lsp_desktop.ui.common.table_helpers import (
    SharedColumns,
    filter_bar,
    filter_combo,
    filter_edit,
    record_table,
)
from lsp_desktop.ui.members.balance_panel import BalancePanel
from lsp_desktop.ui.members.end_term_dialog import EndTermDialog
from lsp_desktop.ui.members.member_dialog import MemberDialog
from lsp_desktop.ui.members.member_table import (
    CATEGORY,
    NAME,
    ORGANISATION,
    PUBLISHED,
    ROLE,
    SECTOR,
    STATUS,
    TERM_END,
    TERM_START,
    MemberTableModel,
)
from lsp_desktop.ui.members.members_controller import (
    CATEGORY_CHOICES,
    FIRST_STATUS,
    SECTOR_CHOICES,
    STATUS_CHOICES,
    MembersController,
)
from lsp_desktop.ui.members.members_undo import AddMember, DeleteMember, EditMember

lighten_feature_check()     # Qt is loaded by now: the window's other imports keep no source

FIRST_PAGE = 60     # rows the opening view reads first: more than a tall screen shows


class CountLabel(QLabel):
    """The "n of m members shown" line. It keeps its size while its text changes (it only
    grows, to fit a longer text): a new count at each keystroke of the filter then lays
    nothing out again. A layout change inside the tab widget repaints the whole window."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._fit(grow_only=False)

    def setText(self, text: str) -> None:  # noqa: N802 (Qt's name)
        super().setText(text)
        self._fit()

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._fit(grow_only=False)

    def _fit(self, grow_only: bool = True) -> None:
        text = self.text()
        super().setText(text or "0")        # one line's height, even with no text yet
        wanted = self.sizeHint()
        super().setText(text)
        width = wanted.width() if text else 0
        if grow_only:
            width = max(width, self.minimumWidth())
        if (width, wanted.height()) != (self.minimumWidth(), self.minimumHeight()):
            self.setFixedSize(width, wanted.height())   # min = max: no layout asked after


class MembersTab(QWidget):
    """Shows the register as on a date; edits go dialog -> service -> refresh."""

    members_changed = Signal()
    history_requested = Signal(object)  # the record picked: (audit record type, id, title)

    def __init__(self, members_service, undo_stack: QUndoStack, read_only: bool = False,
                 parent=None, meetings_of=None, rows=None, on: date | None = None):
        super().__init__(parent)
        self.service = members_service
        # What reads the rows shown (count, first_page, window_rows): the window's plain-SQL
        # reads (services.register_rows), else the members service.
        self.rows = rows if rows is not None else members_service
        self.meetings_of = meetings_of      # member id -> meetings attended (Meetings tab)
        self.undo_stack = undo_stack
        self.read_only = read_only
        self.controller = MembersController(read_only)
        self.model = MemberTableModel(self)

        self.filter_edit = filter_edit("Filter by name or body (Ctrl+F)", "Filter members")
        self.sector_combo = filter_combo("Sector filter", SECTOR_CHOICES)
        self.category_combo = filter_combo("Category filter", CATEGORY_CHOICES)
        self.status_combo = filter_combo("Current or former", STATUS_CHOICES)
        self.on_date = DateEdit(on or date.today())     # the date it opens on
        self.on_date.setAccessibleName("Board as on date")
        self.today_button = QPushButton("Today")
        bar = filter_bar(self.filter_edit, self.sector_combo, self.category_combo,
                         self.status_combo, "As on", self.on_date, self.today_button)

        # Return opens a member through the tab's own Edit action (below).
        self.table = record_table(self.model, "Members", sort_by=NAME, alternating=True,
                                  enter_opens=False)
        self._size_columns()
        self.table.doubleClicked.connect(lambda _i: self.edit_selected())

        self.balance_panel = BalancePanel()
        splitter = QSplitter()
        splitter.addWidget(self.table)
        splitter.addWidget(self.balance_panel)
        splitter.setStretchFactor(0, 1)
        splitter.setSizes([1000, 250])

        self.count_label = CountLabel()
        self.add_button = QPushButton("&New member…")
        self.edit_button = QPushButton("Ed&it…")
        self.end_button = QPushButton("End &term…")
        self.delete_button = QPushButton("&Delete")
        buttons = QHBoxLayout()
        buttons.addWidget(self.count_label)
        buttons.addStretch(1)
        for b in (self.add_button, self.edit_button, self.end_button, self.delete_button):
            buttons.addWidget(b)
        self.edit_button.setText(self.controller.edit_text)
        self.add_button.setEnabled(self.controller.can_add)

        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(splitter, 1)
        layout.addLayout(buttons)

        self._add_shortcuts()
        self.history_button = history_button(self.delete_button,
                                             lambda: self.selected_id() is not None,
                                             table_signals(self.table))
        self.history_button.clicked.connect(
            lambda: self.history_requested.emit(self.history_record()))

        # Filtering is fast enough (see benchmarks/bench_members.py) to follow each keystroke.
        self.filter_edit.textChanged.connect(self.apply_text_filter)
        self.sector_combo.currentIndexChanged.connect(self._combo_filters)
        self.category_combo.currentIndexChanged.connect(self._combo_filters)
        self.status_combo.currentIndexChanged.connect(self._combo_filters)
        self.on_date.dateChanged.connect(lambda _d: self.refresh())
        self.today_button.clicked.connect(lambda: self.on_date.setDate(to_qdate(date.today())))
        self.add_button.clicked.connect(self.add_member)
        self.edit_button.clicked.connect(self.edit_selected)
        self.end_button.clicked.connect(self.end_term_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.model.modelReset.connect(self._update_buttons)
        self.model.set_filter(status=FIRST_STATUS)
        # A large register shows its first screenful at once; the rest is read just after
        # that first paint, while the tab is in front (or sooner, when something needs it).
        self._rest_timer = QTimer(self, singleShot=True, interval=0)
        self._rest_timer.timeout.connect(self._read_rest)
        self._open()

    def _open(self) -> None:
        """The register's opening view (current members by name). Up to FIRST_PAGE members:
        all of them now. More: the first FIRST_PAGE, the counts and the balance (a few
        queries, whatever the size), every row once painted (`_read_rest`)."""
        if self.rows.count() <= FIRST_PAGE:
            self._reload()
            return
        on = self.as_on()
        page = self.rows.first_page(on, FIRST_PAGE)
        self.model.show_first(page.rows, lambda: self.rows.window_rows(on))
        self.balance_panel.show_balance(page.balance)
        self.count_label.setText(self.controller.count_text(page.current, page.total))
        self.table.viewport().installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt's name)
        if (event.type() == QEvent.Type.Paint and self.model.pending()
                and not self._rest_timer.isActive()):
            self._rest_timer.start()
        return False

    def _read_rest(self) -> None:
        """Every row, after the first screenful was painted; not while another tab is in
        front (that one paints first; this tab's next paint comes back here)."""
        if not self.model.pending():
            self.table.viewport().removeEventFilter(self)
        elif self.isVisible():
            selected = self.selected_id()
            self.model.complete()
            self.table.viewport().removeEventFilter(self)
            self.balance_panel.show_balance(balance(self.model.all_rows(), self.as_on()))
            self._update_count()
            if selected is not None:
                self.select_id(selected)

    def _add_shortcuts(self) -> None:
        """Ctrl+N and Ctrl+F (the Edit menu shows them); Delete, Return and Enter on the
        table."""
        self.new_action = QAction("&New member…", self, shortcut=QKeySequence.StandardKey.New)
        self.new_action.triggered.connect(self.add_member)
        self.find_action = QAction("&Filter members", self, shortcut=QKeySequence.StandardKey.Find)
        self.find_action.triggered.connect(self.focus_filter)
        self.delete_action = QAction("&Delete member", self, shortcut=QKeySequence.StandardKey.Delete)
        self.delete_action.triggered.connect(self.delete_selected)
        self.edit_action = QAction("&Edit member…", self, shortcut=QKeySequence(Qt.Key.Key_Return))
        self.edit_action.triggered.connect(self.edit_selected)
        self.edit_action_enter = QAction(self, shortcut=QKeySequence(Qt.Key.Key_Enter))
        self.edit_action_enter.triggered.connect(self.edit_selected)
        for a in (self.delete_action, self.edit_action, self.edit_action_enter):
            a.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.table.addAction(a)
        self.new_action.setEnabled(self.controller.can_add)
        self.delete_action.setEnabled(not self.read_only)

    def print_options(self) -> dict:
        """What Print uses so the register printed is the one shown: the As on date, the
        sector, and former members when the list shows them."""
        return {"on": self.on_date.value(), "sector": self.sector_combo.currentData() or "",
                "history": self.status_combo.currentData() != "current"}

    def set_active(self, active: bool) -> None:
        """Ctrl+N and Ctrl+F belong to whichever tab is showing, so other tabs can use them."""
        new, find = self.controller.shortcuts(active)
        self.new_action.setEnabled(new)
        self.find_action.setEnabled(find)

    def _update_buttons(self, *_args) -> None:
        allowed = self.controller.buttons(self.selected_id() is not None)
        self.edit_button.setEnabled(allowed.edit)
        self.end_button.setEnabled(allowed.end_term)
        self.delete_button.setEnabled(allowed.delete)
        self.delete_action.setEnabled(allowed.delete)

    def _size_columns(self) -> None:
        """Short columns fit their longest possible value; body and category share the rest.

        Widths come from the font, never from the rows: measuring 50,000 rows on every
        filter keystroke would be slow.
        """
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        metrics = self.table.fontMetrics()
        padding = 2 * self.table.style().pixelMetric(
            self.table.style().PixelMetric.PM_HeaderMargin) + 12   # room for the sort arrow
        samples = {
            SECTOR: ("Community", "Voluntary", "Sector"),
            ROLE: ("Vice-chair", "Substitute"),
            TERM_START: ("00/00/0000", "Term start"),
            TERM_END: ("00/00/0000", "Term end"),
            STATUS: ("Current", "Starts later", "Status"),
            PUBLISHED: ("Contact", "published"),
        }
        for column, texts in samples.items():
            self.table.setColumnWidth(
                column, max(metrics.horizontalAdvance(t) for t in texts) + padding)
        self.table.setColumnWidth(NAME, metrics.horizontalAdvance("Revd Canon Peter Hughes") + 16)
        # Enough for "London Borough of…" or "Residents and comm…" to say what they are.
        readable = metrics.horizontalAdvance("Residents and comm") + padding
        self.shared_columns = SharedColumns(self.table, (ORGANISATION, CATEGORY), readable)

    # -- state -----------------------------------------------------------
    def as_on(self) -> date:
        return from_qdate(self.on_date.date())

    def set_as_on(self, value: date) -> None:
        self.on_date.setDate(QDate(value.year, value.month, value.day))

    def refresh(self) -> None:
        """Reload rows for the date shown, keeping filters, sort and selection."""
        if self.model.pending():        # still the opening view: open it on the new date
            self._open()
        else:
            self._reload()

    def _reload(self) -> None:
        selected = self.selected_id()
        rows = self.rows.window_rows(self.as_on())
        self.model.set_rows(rows)
        self.balance_panel.show_balance(balance(rows, self.as_on()))
        self._update_count()
        if selected is not None:
            self.select_id(selected)

    def apply_text_filter(self) -> None:
        self.model.set_filter(text=self.filter_edit.text())
        self._update_count()

    def _combo_filters(self) -> None:
        self.model.set_filter(sector=self.sector_combo.currentData(),
                              category=self.category_combo.currentData(),
                              status=self.status_combo.currentData())
        self._update_count()

    def _update_count(self) -> None:
        self.count_label.setText(
            self.controller.count_text(self.model.rowCount(), self.model.total_count()))

    def focus_filter(self) -> None:
        self.filter_edit.setFocus()
        self.filter_edit.selectAll()

    def history_record(self) -> HistoryRecord:
        """The selected member, for its History panel."""
        member_id = self.selected_id()
        if member_id is None:
            return None
        return "member", member_id, self.service.get(member_id).display_name

    def selected_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()).id if rows else None

    def select_id(self, member_id: int) -> None:
        row = self.model.row_of(member_id)
        if row >= 0:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))

    def _current_choices(self, member: Member | None = None):
        """Whom the member may deputise for, asked of the service as the officer types."""
        from lsp_desktop.ui.members.member_dialog_controller import DeputyLookup

        return DeputyLookup(self.service, self.as_on(), member.id if member else None,
                            member.deputises_for_id if member else None)

    def member_edited(self, member_id: int) -> None:
        """After an edit of one member: re-read only their row when it stays in place
        (50,000 members: a few ms instead of reloading the register)."""
        try:
            row = self.service.row(member_id, self.as_on())
        except DomainError:
            row = None
        at = self.model.row_of(member_id)
        if row is not None and at >= 0 and self.model.row_at(at) == row:
            pass                    # contact details, notes, declarations: the row stands
        elif row is not None and self.model.update_row(row):
            self.balance_panel.show_balance(balance(self.model.all_rows(), self.as_on()))
            self._update_count()
        else:
            self.refresh()
        self.members_changed.emit()

    def _changed(self) -> None:
        self.refresh()
        self.members_changed.emit()

    def _failed(self, message: str) -> None:
        prompts.error(self, "Undo", message)

    # -- edits -----------------------------------------------------------
    def add_member(self) -> None:
        if self.read_only:
            return
        dialog = MemberDialog(None, self._current_choices(), self, starts_on=self.as_on())
        while dialog.exec():
            try:
                created = self.service.add(dialog.member())
            except ValidationError as exc:
                dialog.show_errors(exc.errors)
                continue
            except DomainError as exc:
                prompts.error(self, "Cannot add member", str(exc))
                return
            self.undo_stack.push(AddMember(self.service, created, self._changed, self._failed))
            self.select_id(created.id)
            if self.model.row_of(created.id) < 0:
                self._say_where(created)
            return

    def _say_where(self, member) -> None:
        """A member just added is not in the list: say why, and offer to show them."""
        on = self.as_on()
        serving = next((t for t in member.terms if t.covers(on)), None)
        later = sorted((t for t in member.terms if t.start > on), key=lambda t: t.start)
        earlier = sorted((t for t in member.terms if t.end is not None and t.end < on),
                         key=lambda t: t.end)
        show_on = on
        if serving is not None or self.model.status_filter() != "current":
            why = "the filters above the list hide them"
        elif later:
            show_on = later[0].start
            why = (f"their term starts on {format_date(show_on)}, after the date shown "
                   f"({format_date(on)}); they are listed under \"Former (or not yet) members\"")
        elif earlier:
            show_on = earlier[-1].end
            why = (f"their term ended on {format_date(show_on)}, before the date shown "
                   f"({format_date(on)}); they are listed under \"Former (or not yet) members\"")
        else:
            why = "they have no term of office"
        if not prompts.confirm(self, "Member added",
                               f"{member.display_name} was added, but is not in the list: "
                               f"{why}.\n\nShow them?", "Show"):
            return
        self.filter_edit.clear()
        for combo in (self.sector_combo, self.category_combo):
            combo.setCurrentIndex(0)
        if show_on != on:
            self.set_as_on(show_on)
            self.status_combo.setCurrentIndex(self.status_combo.findData("current"))
        else:
            self.status_combo.setCurrentIndex(self.status_combo.findData(""))
        self.select_id(member.id)

    def edit_selected(self) -> None:
        member_id = self.selected_id()
        if member_id is None:
            return
        try:
            before = self.service.get(member_id)
        except DomainError as exc:
            prompts.error(self, "Cannot edit member", str(exc))
            self.refresh()
            return
        before, after = edit_with_conflicts(
            self, "Member changed by another officer", before,
            lambda member: MemberDialog(member, self._current_choices(member), self,
                                        attended=self.meetings_of(member.id)
                                        if self.meetings_of else None),
            lambda dialog: dialog.member(), self.service.update,
            lambda: self.service.get(member_id), self.refresh, self.read_only)
        if after is not None:
            self.undo_stack.push(EditMember(self.service, before, after,
                                            lambda mid=after.id: self.member_edited(mid),
                                            self._failed))

    def end_term_selected(self) -> None:
        member_id = self.selected_id()
        if member_id is None or self.read_only:
            return
        before = self.service.get(member_id)
        dialog = EndTermDialog(before.name, self)
        dialog.end.set_value(self.as_on())       # the date shown, not the machine's today
        if not dialog.exec():
            return
        end, reason = dialog.values()
        try:
            after = self.service.end_term(member_id, end, reason)
        except DomainError as exc:
            prompts.error(self, "Cannot end term", str(exc))
            return
        self.undo_stack.push(EditMember(self.service, before, after, self._changed,
                                        self._failed, text=f"End term of {after.name}"))

    def delete_selected(self) -> None:
        member_id = self.selected_id()
        if member_id is None or self.read_only:
            return
        member = self.service.get(member_id)
        if not prompts.confirm(self, "Delete member", self.controller.delete_question(member),
                               "Delete"):
            return
        try:
            deleted = self.service.delete(member_id)
        except DomainError as exc:
            prompts.error(self, "Cannot delete member", str(exc))
            return
        self.undo_stack.push(DeleteMember(self.service, deleted, self._changed, self._failed))
