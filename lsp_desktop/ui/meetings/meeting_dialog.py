"""The meeting editor: details, agenda with papers and minutes, attendance, declarations."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, time

from PySide6.QtCore import QTime, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTabWidget,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from lsp_desktop.domain.errors import DomainError, FieldError, ValidationError
from lsp_desktop.domain.meetings import (
    AgendaItem,
    Body,
    LinkKind,
    Meeting,
    MeetingDeclaration,
    MeetingStatus,
)
from lsp_desktop.ui import prompts
from lsp_desktop.ui.common.date_field import DateEdit, refuse_bad_dates
from lsp_desktop.ui.common.table_helpers import record_table, selected_record
from lsp_desktop.ui.meetings.arising_dialog import ArisingDialog, LinkActionDialog
from lsp_desktop.ui.meetings.attendance_page import AttendancePage, standing_declarations
from lsp_desktop.ui.meetings.meeting_dialog_controller import (
    approval_text,
    attendance_to_save,
    decisions_from,
    dialog_title,
)
from lsp_desktop.ui.meetings.meeting_tables import (
    AgendaTableModel,
    ArisingTableModel,
    DeclarationTableModel,
    PaperTableModel,
)

PAPER_FILTER = "Papers (*.pdf *.docx *.odt *.xlsx)"


def _text_box(name: str, height: int = 70) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setAccessibleName(name)
    box.setTabChangesFocus(True)
    box.setMinimumHeight(height)
    return box


class MeetingDialog(QDialog):
    """Edits one meeting; papers and actions arising are saved at once (they need the
    agenda item saved first, so the meeting is saved then too)."""

    def __init__(self, services, meeting: Meeting, bodies: list[Body], read_only=False,
                 parent=None):
        super().__init__(parent)
        self.services = services
        self.meetings = services.meetings
        self.read_only = read_only
        self.bodies = bodies
        self.members = services.members.all_members()
        self.names = {m.id: m.display_name for m in self.members}
        self.rule = self.meetings.quorum_rule()
        self._meeting = meeting
        self.items: list[AgendaItem] = list(meeting.items)
        self.declarations: list[MeetingDeclaration] = list(meeting.declarations)
        self._current = -1
        self.setWindowTitle(dialog_title(meeting))
        self._build()
        self._load(meeting)
        self.resize(980, 660)

    def done(self, result: int) -> None:
        if result == QDialog.DialogCode.Accepted and refuse_bad_dates(self):
            return          # a date field holds text that is not a date: its message says so
        super().done(result)

    # -- layout ------------------------------------------------------------
    def _build(self) -> None:
        self.tabs = QTabWidget()
        self.tabs.addTab(self._details_page(), "&Details")
        self.tabs.addTab(self._agenda_page(), "A&genda and minutes")
        self.attendance = AttendancePage()
        self.tabs.addTab(self.attendance, "A&ttendance")
        self.tabs.addTab(self._declarations_page(), "Decla&rations")
        self.errors = QLabel()
        self.errors.setStyleSheet("color: #b71c1c;")
        self.errors.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.ok_button.setEnabled(not self.read_only)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.errors)
        layout.addWidget(buttons)

    def _details_page(self) -> QWidget:
        page = QWidget()
        self.body_box = QComboBox()
        for b in self.bodies:
            self.body_box.addItem(b.name, b.id)
        self.date_edit = DateEdit()
        self.time_edit = QTimeEdit()
        self.time_edit.setDisplayFormat("HH:mm")
        self.no_time = QCheckBox("No time set")
        self.venue = QLineEdit()
        self.venue.setMaxLength(200)
        self.status_box = QComboBox()
        for s in MeetingStatus:
            self.status_box.addItem(s.label, s.value)
        self.matters = _text_box("Matters arising", 90)
        self.approval = QLabel()
        self.approve_button = QPushButton("Approve the previous minutes at this meeting")
        self.approve_button.clicked.connect(self.approve_previous)
        when = QHBoxLayout()
        for w in (self.date_edit, self.time_edit, self.no_time):
            when.addWidget(w)
        when.addStretch(1)
        form = QFormLayout(page)
        form.addRow("&Body:", self.body_box)
        form.addRow("Da&te and time:", when)
        form.addRow("&Venue:", self.venue)
        form.addRow("&Status:", self.status_box)
        form.addRow("&Matters arising:", self.matters)
        form.addRow("Minutes:", self.approval)
        form.addRow("", self.approve_button)
        for signal in (self.body_box.currentIndexChanged, self.date_edit.dateChanged):
            signal.connect(self._reload_attendance)
        self.no_time.toggled.connect(lambda on: self.time_edit.setEnabled(not on))
        return page

    def _agenda_page(self) -> QWidget:
        self.agenda_model = AgendaTableModel(self)
        self.agenda_table = record_table(self.agenda_model, "Agenda items", (36, 190, 90, 50),
                                         sortable=False)
        self.agenda_table.selectionModel().currentRowChanged.connect(
            lambda cur, _prev: self._select(cur.row()))
        add, remove = QPushButton("&Add item"), QPushButton("Remove item")
        up, down = QPushButton("Up"), QPushButton("Down")
        add.clicked.connect(self.add_item)
        remove.clicked.connect(self.remove_item)
        up.clicked.connect(lambda: self.move_item(-1))
        down.clicked.connect(lambda: self.move_item(1))
        left = QWidget()
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 0, 0)
        lv.addWidget(self.agenda_table, 1)
        row = QHBoxLayout()
        for b in (add, remove, up, down):
            row.addWidget(b)
        lv.addLayout(row)
        # The item: what it is, its papers, its minutes.
        self.item_tabs = QTabWidget()
        item_page = QWidget()
        self.title = QLineEdit()
        self.title.setMaxLength(300)
        self.presenter = QLineEdit()
        self.presenter.setMaxLength(200)
        self.sought = _text_box("Decision sought", 50)
        self.confidential = QCheckBox("Confidential (exempt information): left out of the "
                                      "public pack and minutes")
        self.link_kind = QComboBox()
        self.link_kind.addItem("—", None)
        for k in LinkKind:
            self.link_kind.addItem(k.value.capitalize(), k.value)
        self.link_kind.setAccessibleName("Links to")
        self.link_ref = QComboBox()
        self.link_ref.setAccessibleName("Linked record")
        self.link_kind.currentIndexChanged.connect(lambda: self._fill_links(""))
        link = QHBoxLayout()
        link.addWidget(self.link_kind)
        link.addWidget(self.link_ref, 1)
        form = QFormLayout(item_page)
        form.addRow("T&itle:", self.title)
        form.addRow("&Presenter:", self.presenter)
        form.addRow("Decision sought:", self.sought)
        form.addRow("", self.confidential)
        form.addRow("Links to:", link)
        self.item_tabs.addTab(item_page, "Item")
        self.item_tabs.addTab(self._papers_page(), "Papers")
        self.item_tabs.addTab(self._minutes_page(), "Minutes")
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.item_tabs)
        splitter.setSizes([380, 560])
        page = QWidget()
        QVBoxLayout(page).addWidget(splitter)
        return page

    def _papers_page(self) -> QWidget:
        self.paper_model = PaperTableModel(self)
        self.paper_table = record_table(self.paper_model, "Papers", (260, 70))
        self.paper_table.doubleClicked.connect(lambda _i: self.open_paper())
        attach, open_, remove = (QPushButton("Attach paper…"), QPushButton("Open"),
                                 QPushButton("Remove paper"))
        attach.clicked.connect(self.attach_paper)
        open_.clicked.connect(self.open_paper)
        remove.clicked.connect(self.remove_paper)
        page = QWidget()
        v = QVBoxLayout(page)
        v.addWidget(self.paper_table, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        for b in (attach, open_, remove):
            row.addWidget(b)
            b.setEnabled(not self.read_only or b is open_)
        v.addLayout(row)
        return page

    def _minutes_page(self) -> QWidget:
        self.discussion = _text_box("Discussion", 80)
        self.decisions = _text_box("Decisions", 70)
        self.decisions.setPlaceholderText("One decision a line; they are numbered through "
                                          "the meeting when saved")
        self.arising_model = ArisingTableModel(self)
        self.arising_table = record_table(self.arising_model, "Actions arising", (60, 220, 120))
        new_action = QPushButton("New action arising…")
        new_action.clicked.connect(self.new_action)
        link_action = QPushButton("Link an action…")
        link_action.clicked.connect(self.link_action)
        unlink_action = QPushButton("Unlink")
        unlink_action.clicked.connect(self.unlink_action)
        for b in (new_action, link_action, unlink_action):
            b.setEnabled(not self.read_only)
        arising_buttons = QHBoxLayout()
        for b in (new_action, link_action, unlink_action):
            arising_buttons.addWidget(b)
        page = QWidget()
        form = QFormLayout(page)
        form.addRow("Discussion:", self.discussion)
        form.addRow("Decisions:", self.decisions)
        form.addRow("Actions arising:", self.arising_table)
        form.addRow("", arising_buttons)
        return page

    def _declarations_page(self) -> QWidget:
        self.declaration_model = DeclarationTableModel(self)
        self.declaration_table = record_table(self.declaration_model, "Declarations made",
                                              (180, 180))
        self.decl_item = QComboBox()
        self.decl_member = QComboBox()
        self.decl_interest = QLineEdit()
        self.standing = QLabel()
        self.standing.setWordWrap(True)
        self.decl_member.currentIndexChanged.connect(self._show_standing)
        add, remove = QPushButton("Record declaration"), QPushButton("Remove")
        add.clicked.connect(self.add_declaration)
        remove.clicked.connect(self.remove_declaration)
        page = QWidget()
        v = QVBoxLayout(page)
        v.addWidget(self.declaration_table, 1)
        form = QFormLayout()
        form.addRow("Item:", self.decl_item)
        form.addRow("Member:", self.decl_member)
        form.addRow("Standing declarations:", self.standing)
        form.addRow("Interest declared:", self.decl_interest)
        v.addLayout(form)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(add)
        row.addWidget(remove)
        v.addLayout(row)
        return page

    # -- loading -----------------------------------------------------------
    def _load(self, m: Meeting, keep: int = -1) -> None:
        self._meeting = m
        self.items, self.declarations = list(m.items), list(m.declarations)
        self.body_box.setCurrentIndex(max(0, self.body_box.findData(m.body_id)))
        self.date_edit.set_value(m.held_on)
        self.no_time.setChecked(m.start is None)
        self.time_edit.setTime(QTime((m.start or time(18, 0)).hour, (m.start or time(18, 0)).minute))
        self.venue.setText(m.venue)
        self.status_box.setCurrentIndex(self.status_box.findData(m.status.value))
        self.matters.setPlainText(m.matters_arising)
        self.approval.setText(self._approval_text(m))
        self._current = -1
        self._refresh_agenda(keep if 0 <= keep < len(self.items) else (0 if self.items else -1))
        self._reload_attendance()
        self._refresh_declarations()

    def _approval_text(self, m: Meeting) -> str:
        if m.approved_at_id is None:
            return approval_text(m, None)
        try:
            return approval_text(m, self.meetings.get(m.approved_at_id).held_on)
        except DomainError:
            return approval_text(m, None, found=False)

    def _reload_attendance(self) -> None:
        body_id, on = self.body_box.currentData(), self.date_edit.value()
        seats = self.meetings.seats(body_id, on, self.members) if body_id is not None else []
        entries = self.attendance.entries() if self.attendance.seats else self._meeting.attendance
        others = self.attendance.others() if self.attendance.seats else self._meeting.others
        self.attendance.load(seats, self.members, on, entries, others, self.rule)
        self.decl_member.clear()
        for s in seats:
            self.decl_member.addItem(s.name, s.member_id)

    def _refresh_agenda(self, select: int) -> None:
        self.agenda_model.set_items(tuple(self.items))
        self.decl_item.clear()
        for n, item in enumerate(self.items, start=1):
            self.decl_item.addItem(f"{n}. {item.title}", n - 1)
        self._current = -1
        if select >= 0:
            self.agenda_table.selectRow(select)
            self._select(select)
        else:
            self._show_item(None)

    def _select(self, row: int) -> None:
        if row == self._current:
            return
        self._commit_item()
        self._current = row
        self._show_item(self.items[row] if 0 <= row < len(self.items) else None)

    def _show_item(self, item: AgendaItem | None) -> None:
        self.item_tabs.setEnabled(item is not None)
        item = item or AgendaItem("")
        self.title.setText(item.title)
        self.presenter.setText(item.presenter)
        self.sought.setPlainText(item.decision_sought)
        self.confidential.setChecked(item.confidential)
        self.link_kind.blockSignals(True)
        self.link_kind.setCurrentIndex(max(0, self.link_kind.findData(
            item.link_kind.value if item.link_kind else None)))
        self.link_kind.blockSignals(False)
        self._fill_links(item.link_ref)
        self.discussion.setPlainText(item.discussion)
        self.decisions.setPlainText("\n".join(d.text for d in item.decisions))
        self.paper_model.set_papers(item.papers)
        actions = {a.id: a for a in self.services.actions.list_actions()} if item.action_ids else {}
        self.arising_model.set_rows([
            (actions[i].reference, actions[i].title, self.names.get(actions[i].owner_member_id,
                                                                    actions[i].owner_body),
             actions[i].due, i) for i in item.action_ids if i in actions])

    def _link_choices(self, kind: str) -> list[tuple[str, str]]:
        """What an item of this kind can link to: (label, id or criterion)."""
        from lsp_desktop.domain.criteria import Criterion

        if kind == LinkKind.CRITERION.value:
            return [(c.label, c.value) for c in Criterion]
        if kind == LinkKind.ACTION.value:
            return [(f"{a.reference} {a.title}", str(a.id))
                    for a in self.services.actions.list_actions()]
        if kind == LinkKind.STRATEGY.value:
            return [(x.title, str(x.id)) for x in self.services.strategies.summaries()]
        if kind == LinkKind.TARGET.value:
            return [(t.indicator, str(t.id)) for t in self.services.strategies.targets()]
        return []

    def _fill_links(self, current: str) -> None:
        self.link_ref.clear()
        kind = self.link_kind.currentData()
        for label, value in self._link_choices(kind) if kind else []:
            self.link_ref.addItem(label, value)
        if current and self.link_ref.findData(current) < 0:
            self.link_ref.addItem(f"(no longer there: {current})", current)
        self.link_ref.setCurrentIndex(max(0, self.link_ref.findData(current)))
        self.link_ref.setEnabled(bool(kind))

    def _commit_item(self) -> None:
        """Write the item form back into the list being edited."""
        if not 0 <= self._current < len(self.items):
            return
        old = self.items[self._current]
        decisions = decisions_from(self.decisions.toPlainText(), old.decisions)
        kind = self.link_kind.currentData()
        self.items[self._current] = replace(
            old, title=self.title.text(), presenter=self.presenter.text(),
            decision_sought=self.sought.toPlainText(), confidential=self.confidential.isChecked(),
            link_kind=LinkKind(kind) if kind else None,
            link_ref=(self.link_ref.currentData() or "") if kind else "",
            discussion=self.discussion.toPlainText(), decisions=decisions)
        self.agenda_model.set_items(tuple(self.items))
        self.agenda_table.selectRow(self._current)

    # -- reading -----------------------------------------------------------
    def meeting(self) -> Meeting:
        self._commit_item()
        status = MeetingStatus(self.status_box.currentData())
        return replace(
            self._meeting, body_id=self.body_box.currentData(), held_on=self.date_edit.value(),
            start=None if self.no_time.isChecked() else time(self.time_edit.time().hour(),
                                                             self.time_edit.time().minute()),
            venue=self.venue.text(), status=status,
            matters_arising=self.matters.toPlainText(), items=tuple(self.items),
            attendance=attendance_to_save(self.attendance.entries(), self._meeting.attendance),
            others=self.attendance.others(), declarations=tuple(self.declarations))

    def show_errors(self, errors: list[FieldError]) -> None:
        self.errors.setText("\n".join(e.message for e in errors))

    # -- agenda ------------------------------------------------------------
    def add_item(self) -> None:
        self._commit_item()
        self.items.append(AgendaItem(f"Item {len(self.items) + 1}"))
        self._refresh_agenda(len(self.items) - 1)
        self.tabs.setCurrentIndex(1)
        self.title.setFocus()
        self.title.selectAll()

    def remove_item(self) -> None:
        if not 0 <= self._current < len(self.items):
            return
        gone = self._current
        if self.items[gone].papers and not prompts.confirm(
                self, "Remove item", f"Remove “{self.items[gone].title}” and its papers?",
                "Remove"):
            return
        del self.items[gone]
        self.declarations = [replace(d, item_index=d.item_index - (d.item_index > gone))
                             for d in self.declarations if d.item_index != gone]
        self._current = -1
        self._refresh_agenda(min(gone, len(self.items) - 1))
        self._refresh_declarations()

    def move_item(self, step: int) -> None:
        i, j = self._current, self._current + step
        if not (0 <= i < len(self.items) and 0 <= j < len(self.items)):
            return
        self._commit_item()
        self.items[i], self.items[j] = self.items[j], self.items[i]
        swap = {i: j, j: i}
        self.declarations = [replace(d, item_index=swap.get(d.item_index, d.item_index))
                             for d in self.declarations]
        self._current = -1
        self._refresh_agenda(j)
        self._refresh_declarations()

    # -- what needs the meeting saved first ----------------------------------
    def _saved_item_id(self) -> int | None:
        """Save the meeting as it stands; the current item's id, or None if it failed."""
        keep = self._current
        try:
            saved = self.meetings.save(self.meeting())
        except ValidationError as exc:
            self.show_errors(exc.errors)
            return None
        except DomainError as exc:
            prompts.error(self, "Meeting", str(exc))
            return None
        self._load(saved, keep)
        self.saved = saved
        return saved.items[keep].id if 0 <= keep < len(saved.items) else None

    def attach_paper(self) -> None:
        path = prompts.open_file(self, "Attach a paper", "", PAPER_FILTER)
        if not path:
            return
        item_id = self._saved_item_id()
        if item_id is None:
            return
        try:
            self.meetings.attach_paper(item_id, path)
        except DomainError as exc:
            prompts.error(self, "Attach a paper", str(exc))
        self._load(self.meetings.get(self._meeting.id), self._current)

    def open_paper(self) -> None:
        paper = selected_record(self.paper_table)
        if paper is None or paper.id is None:
            return
        try:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.meetings.export_paper(paper.id))))
        except DomainError as exc:
            prompts.error(self, "Open paper", str(exc))

    def remove_paper(self) -> None:
        paper = selected_record(self.paper_table)
        if paper is None or not prompts.confirm(self, "Remove paper",
                                                f"Remove {paper.name}?", "Remove"):
            return
        item_id = self._saved_item_id()
        if item_id is None:
            return
        self.meetings.remove_paper(paper.id)
        self._load(self.meetings.get(self._meeting.id), self._current)

    def new_action(self) -> None:
        if not 0 <= self._current < len(self.items):
            return
        from lsp_desktop.ui.actions.action_dialog_controller import OwnerLookup

        held_on = self.date_edit.value()     # owners serving then, asked as the officer types
        dialog = ArisingDialog(OwnerLookup(self.services.actions, held_on), held_on,
                               self.items[self._current].title, self)
        if not dialog.exec():
            return
        item_id = self._saved_item_id()
        if item_id is None:
            return
        try:
            self.meetings.raise_action(item_id, dialog.action())
        except DomainError as exc:
            prompts.error(self, "Action arising", str(exc))
        self._load(self.meetings.get(self._meeting.id), self._current)
        self.tabs.setCurrentIndex(1)
        self.item_tabs.setCurrentIndex(2)

    def link_action(self) -> None:
        if not 0 <= self._current < len(self.items):
            return
        linked = set(self.items[self._current].action_ids)
        dialog = LinkActionDialog([a for a in self.services.actions.list_actions()
                                   if a.id not in linked], self.items[self._current].title, self)
        if not dialog.exec() or dialog.action_id() is None:
            return
        item_id = self._saved_item_id()
        if item_id is None:
            return
        try:
            self.meetings.link_action(item_id, dialog.action_id())
        except DomainError as exc:
            prompts.error(self, "Link an action", str(exc))
        self._load(self.meetings.get(self._meeting.id), self._current)

    def unlink_action(self) -> None:
        row = selected_record(self.arising_table)
        if row is None or not 0 <= self._current < len(self.items):
            return
        item_id = self._saved_item_id()
        if item_id is None:
            return
        self.meetings.unlink_action(item_id, row[4])      # the action stays in the plan
        self._load(self.meetings.get(self._meeting.id), self._current)

    def approve_previous(self) -> None:
        m = self._saved_meeting_or_none()
        if m is None:
            return
        previous = self.meetings.previous(m)
        if previous is None:
            prompts.info(self, "Approve minutes", "This body has no earlier held meeting.")
            return
        try:
            self.meetings.approve_minutes(previous.id, m.id)
        except DomainError as exc:
            prompts.error(self, "Approve minutes", str(exc))
            return
        prompts.info(self, "Approve minutes", f"The minutes of {previous.held_on:%d/%m/%Y} are "
                     "recorded as approved at this meeting.")

    def _saved_meeting_or_none(self) -> Meeting | None:
        keep = self._current
        try:
            saved = self.meetings.save(self.meeting())
        except DomainError as exc:
            prompts.error(self, "Meeting", str(exc))
            return None
        self._load(saved, keep)
        self.saved = saved
        return saved

    # -- declarations --------------------------------------------------------
    def _refresh_declarations(self) -> None:
        rows = []
        for d in self.declarations:
            label = (f"{d.item_index + 1}. {self.items[d.item_index].title}"
                     if 0 <= d.item_index < len(self.items) else "?")
            rows.append((label, self.names.get(d.member_id, "?"), d))
        self.declaration_model.set_rows(rows)
        self._show_standing()

    def _show_standing(self) -> None:
        mid = self.decl_member.currentData()
        member = next((m for m in self.members if m.id == mid), None)
        self.standing.setText("; ".join(standing_declarations(member, self.date_edit.value()))
                              or "None")

    def add_declaration(self) -> None:
        if self.decl_item.currentIndex() < 0 or self.decl_member.currentData() is None:
            self.show_errors([FieldError("declarations", "Choose the item and the member.")])
            return
        if not self.decl_interest.text().strip():
            self.show_errors([FieldError("declarations", "Say what interest was declared.")])
            return
        self._commit_item()
        self.declarations.append(MeetingDeclaration(self.decl_item.currentData(),
                                                    self.decl_member.currentData(),
                                                    self.decl_interest.text().strip()))
        self.decl_interest.clear()
        self._refresh_declarations()

    def remove_declaration(self) -> None:
        row = selected_record(self.declaration_table)
        if row is not None:
            self.declarations.remove(row[2])
            self._refresh_declarations()


def new_meeting(body_id: int, on: date) -> Meeting:
    return Meeting(body_id, on, time(18, 0))
