"""Dialog to add or edit an action: details, what it answers, owner, dates, money, milestones, notes."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from lsp_desktop.domain.actions import (
    ACTION_LIMITS,
    Action,
    ActionStatus,
    FundingSource,
    Milestone,
    Progress,
    ProgressNote,
)
from lsp_desktop.domain.errors import FieldError
from lsp_desktop.domain.strategies import Theme
from lsp_desktop.domain.text import format_pounds
from lsp_desktop.ui.actions.action_dialog_controller import (
    NO_MEMBER,
    Decision,
    also_answer_choices,
    also_answered,
    answer_choices,
    answer_key,
    answered,
    by_field,
    decide,
    notes_text,
    owner_choices,
    page_to_show,
    parse_amount,
    slip_text,
    sorted_notes,
    theme_for,
    title_of,
)
from lsp_desktop.ui.common.date_field import DateEdit, OptionalDateEdit, refuse_bad_dates
from lsp_desktop.ui.common.form_dialog import field_box
from lsp_desktop.ui.common.member_picker import MemberPicker

ERROR_STYLE = "color: #b00020;"
WARNING_STYLE = "color: #8a5300;"


def _message_label() -> QLabel:
    label = QLabel()
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.hide()
    return label


def _maybe(enum, value):
    """Combo data come back from Qt as plain strings; turn them into the enum again."""
    return enum(value) if value else None


class MilestoneRowEditor(QWidget):
    def __init__(self, milestone: Milestone | None, today: date, on_remove, parent=None):
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.title = QLineEdit(milestone.title if milestone else "")
        self.title.setPlaceholderText("Milestone")
        self.title.setAccessibleName("Milestone title")
        layout.addWidget(self.title, 2)
        self.due = OptionalDateEdit("due", milestone.due if milestone else today)
        self.due.edit.setAccessibleName("Milestone due date")
        layout.addWidget(self.due)
        self.done = OptionalDateEdit("done", milestone.done if milestone else None)
        self.done.edit.setAccessibleName("Milestone done date")
        layout.addWidget(self.done)
        self.late = QLabel()
        self.late.setStyleSheet(ERROR_STYLE)
        if milestone and milestone.is_overdue(today):
            self.late.setText("⚠ overdue")
        layout.addWidget(self.late)
        remove = QPushButton("Remove")
        remove.clicked.connect(lambda: on_remove(self))
        layout.addWidget(remove)
        self._id = milestone.id if milestone else None

    def milestone(self) -> Milestone | None:
        title = self.title.text().strip()
        if not title and self.done.value() is None:
            return None
        return Milestone(title, self.due.value(), self.done.value(), self._id)


class ActionDialog(QDialog):
    """Returns the edited Action from `action()`; `check` gives errors and warnings.

    Errors keep the dialog open with the message at the field. Warnings are shown
    at the field too; pressing "Save anyway" saves them as they are.
    """

    def __init__(self, action: Action | None, *, owners, check: Callable[[Action], list],
                 today: date, next_reference: str = "", targets=(), concerns=(),
                 parent=None, arose_from=()):
        super().__init__(parent)
        self._original = action
        self._check = check
        self.today = today
        self._acknowledged: tuple = ()
        self._targets = list(targets)
        self._arose_from = tuple(arose_from)     # the minutes it arose from (Meetings tab)
        self.setWindowTitle(title_of(action))
        self.resize(780, 600)
        # A new action starts on the date shown; its due date is the officer's to choose
        # (both "today" made a plan due the day it started).
        a = action or Action(reference="", title="", start=today, due=None)
        self.messages: dict[str, QLabel] = {}
        tabs = QTabWidget()
        tabs.addTab(self._details_page(a, owners, next_reference, targets, concerns), "Details")
        tabs.addTab(self._milestones_page(a), "Milestones")
        tabs.addTab(self._notes_page(a, today), "Progress notes")
        tabs.addTab(self._purposes_page(a, targets, concerns), "Also answers")
        self.tabs = tabs

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("Save")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(tabs, 1)
        layout.addWidget(self.buttons)
        self.title_edit.setFocus()

    # -- building --------------------------------------------------------
    def _details_page(self, a: Action, owners, next_reference: str, targets, concerns
                      ) -> QWidget:
        details = QWidget()
        form = QFormLayout(details)
        self.reference_edit = QLineEdit(a.reference or next_reference)
        self.reference_edit.setMaxLength(ACTION_LIMITS["reference"])
        self.reference_edit.setAccessibleName("Reference")
        self.reference_edit.setToolTip("Assigned automatically; you may change it.")
        form.addRow("&Reference", self._with_message("reference", self.reference_edit))
        self.title_edit = QLineEdit(a.title)
        self.title_edit.setMaxLength(ACTION_LIMITS["title"])
        self.title_edit.setAccessibleName("Title")
        form.addRow("&Title *", self._with_message("title", self.title_edit))
        self.description_edit = QPlainTextEdit(a.description)
        self.description_edit.setTabChangesFocus(True)
        self.description_edit.setFixedHeight(70)
        form.addRow("&Description", self.description_edit)
        self.answers_combo = QComboBox()
        self.answers_combo.setAccessibleName("What it answers")
        # Target names run long: sized by them, the dialog was 1,300 px wide (wider than a
        # 1024 screen). The list that drops down still shows them whole.
        self.answers_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.answers_combo.setMinimumContentsLength(40)
        for label, key in answer_choices(a, targets, concerns):
            self.answers_combo.addItem(label, key)
        self.answers_combo.setCurrentIndex(max(0, self.answers_combo.findData(answer_key(a))))
        form.addRow("&Answers", self.answers_combo)
        self.theme_combo = QComboBox()
        self.theme_combo.setEditable(True)
        self.theme_combo.setAccessibleName("Theme")
        self.theme_combo.addItem("", "")
        for t in Theme:
            self.theme_combo.addItem(t.label, t.value)     # capitalised, as in the table
        self.set_theme(a.theme)
        self.answers_combo.currentIndexChanged.connect(self._answers_changed)
        form.addRow("T&heme", self.theme_combo)

        # A lookup (the service asked as the officer types) or the owners as a list.
        self.owner_combo = (MemberPicker([(NO_MEMBER, None)], lookup=owners)
                            if hasattr(owners, "find")
                            else MemberPicker(owner_choices(owners, a.owner_member_id)))
        self.owner_combo.setAccessibleName("Owner (member)")
        self.owner_combo.setCurrentIndex(max(0, self.owner_combo.findData(a.owner_member_id)))
        self.body_edit = QLineEdit(a.owner_body)
        self.body_edit.setMaxLength(ACTION_LIMITS["owner_body"])
        self.body_edit.setPlaceholderText("or a partner body")
        self.body_edit.setAccessibleName("Owner (partner body)")
        owner_row = QWidget()
        oh = QHBoxLayout(owner_row)
        oh.setContentsMargins(0, 0, 0, 0)
        oh.addWidget(self.owner_combo, 1)
        oh.addWidget(self.body_edit, 1)
        form.addRow("&Owner", self._with_message("owner", owner_row))
        self.lead_edit = QLineEdit(a.lead_officer)
        self.lead_edit.setMaxLength(ACTION_LIMITS["lead_officer"])
        form.addRow("&Lead officer", self.lead_edit)
        self.start_edit = OptionalDateEdit("", a.start)
        self.start_edit.edit.setAccessibleName("Start date")
        form.addRow("&Start", self.start_edit)
        self.due_edit = OptionalDateEdit("", a.due)
        self.due_edit.edit.setAccessibleName("Due date")
        form.addRow("D&ue", self._with_message("due", self.due_edit))
        if a.slipped:
            self.slip_label = QLabel(slip_text(a))
            self.slip_label.setWordWrap(True)
            self.slip_label.setTextFormat(Qt.TextFormat.PlainText)
            form.addRow("", self.slip_label)
        self.status_combo = QComboBox()
        self.status_combo.setAccessibleName("Status")
        for s in ActionStatus:
            self.status_combo.addItem(s.label, s)
        self.status_combo.setCurrentIndex(self.status_combo.findData(a.status))
        form.addRow("Stat&us", self.status_combo)
        if self._arose_from:     # the minutes it arose from: (meeting id, date, body, item)
            self.arose_label = QLabel("; ".join(
                f"{body} {held:%d/%m/%Y}, item “{item}”"
                for _mid, held, body, item in self._arose_from))
            self.arose_label.setTextFormat(Qt.TextFormat.PlainText)
            self.arose_label.setWordWrap(True)
            form.addRow("Arose from", self.arose_label)
        self.progress_combo = QComboBox()
        self.progress_combo.setAccessibleName("Progress rating")
        self.progress_combo.addItem("— not rated —", None)
        for p in Progress:
            self.progress_combo.addItem(p.label, p)
        self.progress_combo.setCurrentIndex(max(0, self.progress_combo.findData(a.progress)))
        form.addRow("&Progress", self.progress_combo)
        self.amount_edit = QLineEdit(format_pounds(a.amount))
        self.amount_edit.setAccessibleName("Amount")
        self.amount_edit.setPlaceholderText("£ whole pounds")
        self.source_combo = QComboBox()
        self.source_combo.setAccessibleName("Funding source")
        self.source_combo.addItem("— source —", None)
        for f in FundingSource:
            self.source_combo.addItem(f.label, f)
        self.source_combo.setCurrentIndex(max(0, self.source_combo.findData(a.funding_source)))
        money = QWidget()
        mh = QHBoxLayout(money)
        mh.setContentsMargins(0, 0, 0, 0)
        mh.addWidget(self.amount_edit, 1)
        mh.addWidget(self.source_combo, 1)
        form.addRow("Resources", self._with_message("amount", money))
        return details

    def _milestones_page(self, a: Action) -> QWidget:
        ms_page = QWidget()
        ml = QVBoxLayout(ms_page)
        ml.addWidget(QLabel("Milestones (a milestone outside the action's dates is allowed, "
                            "with a warning)"))
        self.milestone_box = QVBoxLayout()
        ml.addLayout(self.milestone_box)
        self.messages["milestones"] = _message_label()
        ml.addWidget(self.messages["milestones"])
        self.add_milestone_button = QPushButton("Add milestone")
        self.add_milestone_button.clicked.connect(lambda: self.add_milestone(None))
        ml.addWidget(self.add_milestone_button, 0, Qt.AlignmentFlag.AlignLeft)
        ml.addStretch(1)
        self.milestone_rows: list[MilestoneRowEditor] = []
        for m in a.milestones:
            self.add_milestone(m)
        return ms_page

    def _notes_page(self, a: Action, today: date) -> QWidget:
        notes_page = QWidget()
        nl = QVBoxLayout(notes_page)
        new_row = QHBoxLayout()
        self.note_date = DateEdit(today)
        self.note_date.setAccessibleName("Note date")
        self.note_edit = QLineEdit()
        self.note_edit.setPlaceholderText("What has happened since the last note?")
        self.note_edit.setAccessibleName("New progress note")
        self.add_note_button = QPushButton("Add note")
        self.add_note_button.clicked.connect(self.add_note)
        new_row.addWidget(self.note_date)
        new_row.addWidget(self.note_edit, 1)
        new_row.addWidget(self.add_note_button)
        nl.addLayout(new_row)
        self.messages["notes"] = _message_label()
        nl.addWidget(self.messages["notes"])
        self.notes_view = QPlainTextEdit()
        self.notes_view.setReadOnly(True)
        self.notes_view.setAccessibleName("Progress notes, newest first")
        nl.addWidget(self.notes_view, 1)
        self.notes: list[ProgressNote] = list(a.notes)
        self._show_notes()
        return notes_page

    def set_theme(self, theme: str) -> None:
        index = self.theme_combo.findData(theme.strip().casefold())
        if index >= 0:
            self.theme_combo.setCurrentIndex(index)
        else:
            self.theme_combo.setCurrentText(theme)        # a local theme, as typed

    def theme(self) -> str:
        """The theme chosen (a listed theme's stored name) or typed (a local theme)."""
        text = self.theme_combo.currentText().strip()
        index = self.theme_combo.findText(text, Qt.MatchFlag.MatchFixedString)
        return self.theme_combo.itemData(index) if index > 0 else text

    def _with_message(self, field: str, widget: QWidget) -> QWidget:
        self.messages[field] = _message_label()
        return field_box(widget, self.messages[field])

    def add_milestone(self, milestone: Milestone | None) -> MilestoneRowEditor:
        row = MilestoneRowEditor(milestone, self.today, self._remove_milestone)
        self.milestone_rows.append(row)
        self.milestone_box.addWidget(row)
        return row

    def _remove_milestone(self, row: MilestoneRowEditor) -> None:
        self.milestone_rows.remove(row)
        row.setParent(None)
        row.deleteLater()

    def add_note(self) -> None:
        text = self.note_edit.text().strip()
        if not text:
            return
        self.notes.append(ProgressNote(self.note_date.value(), text))
        self.note_edit.clear()
        self._show_notes()

    def _show_notes(self) -> None:
        self.notes_view.setPlainText(notes_text(self.notes))

    def _purposes_page(self, a: Action, targets, concerns) -> QWidget:
        """Every further criterion, target and area of concern the action answers."""
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(QLabel("Besides what it answers first (on Details), this action "
                                "also answers the items ticked here."))
        self.purposes_model = QStandardItemModel(self)
        for label, key, ticked in also_answer_choices(a, targets, concerns):
            item = QStandardItem(label)
            item.setData(key, Qt.ItemDataRole.UserRole)
            item.setCheckable(True)
            item.setEditable(False)
            item.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)
            self.purposes_model.appendRow(item)
        self.purposes_view = QListView()
        self.purposes_view.setModel(self.purposes_model)
        self.purposes_view.setAccessibleName("Also answers")
        self.purposes_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        # Areas of concern are sentences: wrapped, never cut off at the right.
        self.purposes_view.setWordWrap(True)
        self.purposes_view.setResizeMode(QListView.ResizeMode.Adjust)
        self.purposes_view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout.addWidget(self.purposes_view, 1)
        return page

    def set_also_answers(self, key: str, checked: bool = True) -> None:
        """Tick (or untick) a further purpose by its `kind:value` key."""
        for row in range(self.purposes_model.rowCount()):
            item = self.purposes_model.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == key:
                item.setCheckState(Qt.CheckState.Checked if checked
                                   else Qt.CheckState.Unchecked)

    def _ticked_purposes(self) -> list[str]:
        model = self.purposes_model
        return [model.item(row).data(Qt.ItemDataRole.UserRole)
                for row in range(model.rowCount())
                if model.item(row).checkState() == Qt.CheckState.Checked]

    def _answers_changed(self) -> None:
        theme = theme_for(self.answers_combo.currentData(), self._targets)
        if theme:
            self.set_theme(theme)

    # -- reading ---------------------------------------------------------
    def action(self) -> Action:
        base = self._original or Action(reference="", title="")
        amount, _problem = parse_amount(self.amount_edit.text())
        first = answered(self.answers_combo.currentData())
        return base.with_changes(
            reference=self.reference_edit.text().strip(),
            title=self.title_edit.text().strip(),
            description=self.description_edit.toPlainText(),
            **first, **also_answered(first, self._ticked_purposes()),
            theme=self.theme(),
            owner_member_id=self.owner_combo.currentData(),
            owner_body=self.body_edit.text().strip(),
            lead_officer=self.lead_edit.text().strip(),
            start=self.start_edit.value(), due=self.due_edit.value(),
            status=ActionStatus(self.status_combo.currentData()),
            progress=_maybe(Progress, self.progress_combo.currentData()),
            amount=amount, funding_source=_maybe(FundingSource, self.source_combo.currentData()),
            milestones=tuple(m for m in (r.milestone() for r in self.milestone_rows) if m),
            notes=tuple(sorted_notes(self.notes)))

    # -- checking --------------------------------------------------------
    def show_errors(self, problems: list[FieldError]) -> None:
        """Show each problem under its field: errors in red, warnings in brown."""
        placed = by_field(problems, self.messages)
        for field, label in self.messages.items():
            items = placed.get(field, [])
            if not items:
                label.hide()
                continue
            label.setText("\n".join(("⚠ " if p.warning else "✖ ") + p.message for p in items))
            label.setStyleSheet(WARNING_STYLE if all(p.warning for p in items) else ERROR_STYLE)
            label.show()
        page = page_to_show(placed)
        if page is not None:
            self.tabs.setCurrentIndex(page)

    def problems(self) -> list[FieldError]:
        _amount, problem = parse_amount(self.amount_edit.text())
        found = [problem] if problem else []
        return found + list(self._check(self.action()))

    def accept(self) -> None:
        if refuse_bad_dates(self):
            return
        if self.note_edit.text().strip():
            self.add_note()          # a note typed but not added still counts
        problems = self.problems()
        self.show_errors(problems)
        decision, self._acknowledged = decide(problems, self._acknowledged)
        if decision == Decision.ERRORS:
            self.ok_button.setText("Save")
        elif decision == Decision.CONFIRM:
            self.ok_button.setText("Save anyway")
        else:
            super().accept()
