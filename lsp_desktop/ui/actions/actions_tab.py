"""The Action plans tab: summary strip, filters and grouping, the table and the timeline."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from lsp_desktop.domain.actions import (
    Action,
    ActionFilter,
    ActionStatus,
    summarise,
)
from lsp_desktop.domain.errors import DomainError, ValidationError
from lsp_desktop.ui import prompts
from lsp_desktop.ui.actions.action_summary import SummaryStrip
from lsp_desktop.ui.actions.action_table import OVERDUE, REFERENCE, ActionTableModel
from lsp_desktop.ui.actions.action_timeline import ActionTimeline
from lsp_desktop.ui.actions.actions_controller import (
    CRITERION_CHOICES,
    GROUP_CHOICES,
    PROGRESS_CHOICES,
    STATUS_CHOICES,
    ActionButtons,
    ActionsController,
)
from lsp_desktop.ui.actions.actions_undo import AddAction, DeleteActions, EditActions
from lsp_desktop.ui.common.conflict import edit_with_conflicts
from lsp_desktop.ui.common.history_button import HistoryRecord, history_button, table_signals
from lsp_desktop.ui.common.selection_actions import SelectionActions
from lsp_desktop.ui.common.table_helpers import (
    filter_bar,
    filter_combo,
    filter_edit,
    record_table,
)

if TYPE_CHECKING:
    from lsp_desktop.ui.actions.action_dialog import ActionDialog

# (id, label, theme) of targets and (id, label) of areas of concern, offered in
# "what it answers" once the strategies and accreditation areas provide them.
TargetsProvider = Callable[[], list[tuple[int, str, str]]]
ConcernsProvider = Callable[[], list[tuple[int, str]]]


def target_choices(strategies_service) -> list[tuple[int, str, str]]:
    """Targets of the strategies as (id, label, theme) for "what it answers"."""
    return [(t.id, f"{t.indicator} ({t.theme})" if t.theme else t.indicator, t.theme)
            for t in strategies_service.targets()]


class ActionsTab(QWidget):
    """The action plan; edits go dialog -> service -> refresh, and emit actions_changed."""

    actions_changed = Signal()
    history_requested = Signal(object)  # the record picked: (audit record type, id, title)

    def __init__(self, actions_service, undo_stack: QUndoStack, read_only: bool = False,
                 parent=None, *, today: date | None = None,
                 targets: TargetsProvider | None = None,
                 concerns: ConcernsProvider | None = None, load: bool = True,
                 arising=None):
        super().__init__(parent)
        self.service = actions_service
        self.arising = arising      # action id -> the minutes it arose from (Meetings tab)
        self.undo_stack = undo_stack
        self.read_only = read_only
        self.fixed_today = today
        self.targets_provider = targets
        self.concerns_provider = concerns
        self.controller = ActionsController(read_only)
        self.model = ActionTableModel(self.today(), self)
        self._timeline_dirty = True

        self.summary = SummaryStrip()

        bar, bar2 = self._filter_bars()

        # Return opens an action through the tab's own Edit actions (below).
        self.table = record_table(
            self.model, "Actions", (80, 280, 130, 95, 170, 105, 80, 80, 85, 65, 75, 75, 100, 80),
            sort_by=REFERENCE, selection=QAbstractItemView.SelectionMode.ExtendedSelection,
            enter_opens=False)
        self.table.doubleClicked.connect(lambda _i: self.edit_selected())
        self.model.modelReset.connect(self._span_group_rows)

        self.timeline = ActionTimeline()
        self.timeline.view.action_activated.connect(self._edit_from_timeline)
        self.views = QTabWidget()
        self.views.addTab(self.table, "Table")
        self.views.addTab(self.timeline, "Timeline")
        self.views.currentChanged.connect(lambda _i: self._update_timeline())

        allowed = self.controller.buttons()
        buttons = self._buttons_row(allowed)

        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addLayout(bar)
        layout.addLayout(bar2)
        layout.addWidget(self.views, 1)
        layout.addLayout(buttons)

        self._add_shortcuts(allowed)
        self.history_button = history_button(self.delete_button,
                                             lambda: len(self.selected_ids()) == 1,
                                             table_signals(self.table))
        self.history_button.clicked.connect(
            lambda: self.history_requested.emit(self.history_record()))

        # Typing filters after a short pause so fast typists are not held up.
        self._filter_timer = QTimer(self, singleShot=True, interval=120)
        self._filter_timer.timeout.connect(self.apply_filters)
        self.filter_edit.textChanged.connect(self._filter_timer.start)
        for combo in (self.status_combo, self.progress_combo, self.owner_combo,
                      self.criterion_combo, self.theme_combo, self.purpose_combo):
            combo.currentIndexChanged.connect(self.apply_filters)
        self.overdue_check.toggled.connect(self.apply_filters)
        self.soon_check.toggled.connect(self.apply_filters)
        self.group_combo.currentIndexChanged.connect(self._group_changed)
        self.add_button.clicked.connect(self.add_action)
        self.edit_button.clicked.connect(self.edit_selected)
        self.note_button.clicked.connect(self.add_note_selected)
        self.complete_button.clicked.connect(self.mark_complete_selected)
        self.bulk_button.clicked.connect(self.bulk_edit_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        # load=False: the window loads a hidden tab when it is first shown (start-up).
        if load:
            self.refresh()

    # -- building --------------------------------------------------------
    def _filter_bars(self) -> tuple[QHBoxLayout, QHBoxLayout]:
        """Text, status, rating, owner, criterion and theme; then overdue, due soon and
        the grouping, with the count."""
        self.filter_edit = filter_edit("Filter by reference, title, owner or officer",
                                       "Filter actions")
        self.status_combo = filter_combo("Status filter", STATUS_CHOICES, min_length=10)
        self.progress_combo = filter_combo("Progress filter", PROGRESS_CHOICES, min_length=10)
        self.owner_combo = filter_combo("Owner filter", min_length=10)
        self.criterion_combo = filter_combo("Criterion filter", CRITERION_CHOICES, min_length=10)
        self.theme_combo = filter_combo("Theme filter", min_length=10)
        self.purpose_combo = filter_combo("Answers target or area of concern",
                                          [("Any target or concern", "")], min_length=24)
        self.overdue_check = QCheckBox("⚠ Overdue")
        self.soon_check = QCheckBox("Due in 30 days")
        self.group_combo = filter_combo("Group by", GROUP_CHOICES)
        bar = filter_bar(self.filter_edit, self.status_combo, self.progress_combo,
                         self.owner_combo, self.criterion_combo, self.theme_combo, stretch=1)
        bar2 = filter_bar(None, self.overdue_check, self.soon_check)
        bar2.addWidget(self.purpose_combo, 1)
        bar2.addWidget(QLabel("Group by"))
        bar2.addWidget(self.group_combo)
        bar2.addStretch(1)
        self.count_label = QLabel()
        bar2.addWidget(self.count_label)
        return bar, bar2

    def _buttons_row(self, allowed: ActionButtons) -> QHBoxLayout:
        self.add_button = QPushButton("&New action…")
        self.edit_button = QPushButton("Ed&it…")
        self.note_button = QPushButton("Add n&ote…")
        self.complete_button = QPushButton("Mark com&plete")
        self.bulk_button = QPushButton("Change se&lected…")
        self.delete_button = QPushButton("&Delete")
        buttons = QHBoxLayout()
        hint = QLabel("Select several rows (Ctrl/Shift-click) to change them together.")
        hint.setWordWrap(True)      # wraps rather than holding the window wider than 1024
        buttons.addWidget(hint, 1)
        for b, on in ((self.add_button, allowed.add), (self.edit_button, allowed.edit),
                      (self.note_button, allowed.note), (self.complete_button, allowed.complete),
                      (self.bulk_button, allowed.bulk), (self.delete_button, allowed.delete)):
            buttons.addWidget(b)
            b.setEnabled(on)
        return buttons

    def _add_shortcuts(self, allowed: ActionButtons) -> None:
        """Ctrl+Shift+A anywhere on the tab; Delete, Return and Enter on the table."""
        self.new_action = QAction("New &action…", self)
        self.new_action.setShortcut(QKeySequence("Ctrl+Shift+A"))
        self.new_action.triggered.connect(self.add_action)
        self.new_action.setEnabled(allowed.add)
        self.addAction(self.new_action)
        self.delete_action = QAction("&Delete actions", self,
                                     shortcut=QKeySequence.StandardKey.Delete)
        self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.delete_action.triggered.connect(self.delete_selected)
        self.table.addAction(self.delete_action)
        # Nothing selected (or only a group's heading): nothing to edit, note or delete.
        self.selection_actions = SelectionActions(self.table, lambda: len(self.selected_ids()),
                                                  self.read_only)
        self.selection_actions.add(self.edit_button, changes=False)
        self.selection_actions.add(self.note_button, single=True)
        self.selection_actions.add(self.complete_button, self.bulk_button, self.delete_button,
                                   self.delete_action)
        # Return or the keypad's Enter on a row opens it, as double-click does (and as on
        # the Members tab).
        self.edit_action_return = QAction("&Edit action…", self,
                                          shortcut=QKeySequence(Qt.Key.Key_Return))
        self.edit_action_enter = QAction(self, shortcut=QKeySequence(Qt.Key.Key_Enter))
        for a in (self.edit_action_return, self.edit_action_enter):
            a.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            a.triggered.connect(self.edit_selected)
            self.table.addAction(a)

    # -- state -----------------------------------------------------------
    def today(self) -> date:
        return self.fixed_today or date.today()

    def set_as_at(self, day: date) -> None:
        """Show the plan as at `day` (overdue, due soon, owners then); the window refreshes."""
        self.fixed_today = day

    def _targets(self) -> list[tuple[int, str, str]]:
        return list(self.targets_provider()) if self.targets_provider else []

    def _concerns(self) -> list[tuple[int, str]]:
        return list(self.concerns_provider()) if self.concerns_provider else []

    def refresh(self) -> None:
        """Reload from the service, keeping filters, grouping, sort and selection."""
        selected = self.selected_ids()
        today = self.today()
        self.model.today = today
        actions = self.service.list_actions()
        # Only the members the actions name (50,000 members would make the tab's first
        # showing slow); a dialog's owner picker asks the service as the officer types.
        named_ids = {a.owner_member_id for a in actions if a.owner_member_id is not None}
        named = self.service.owners(today, among=named_ids) if named_ids else []
        names = {o.id: o.name for o in named}
        former = {o.id for o in named if not o.current}
        targets, concerns = self._targets(), self._concerns()   # each read once
        self.model.set_rows(actions, names, former, {t[0]: t[1] for t in targets},
                            dict(concerns))
        self._fill_choice_combos(actions, names)
        self._fill_purposes(targets, concerns)
        self._after_filter()
        for action_id in selected:
            self.select_id(action_id, add=True)

    def _fill_choice_combos(self, actions: list[Action], names: dict[int, str]) -> None:
        for combo, first, items in (
                (self.owner_combo, "Any owner",
                 self.controller.owner_choices(actions, self.model.owner_text)),
                (self.theme_combo, "Any theme", self.controller.theme_choices(actions))):
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(first, "")
            for key, label in items:
                combo.addItem(label, key)
            combo.setCurrentIndex(max(0, combo.findData(current)))
            combo.blockSignals(False)

    def _fill_purposes(self, targets: list[tuple[int, str, str]],
                       concerns: list[tuple[int, str]]) -> None:
        """Targets and GO areas of concern, to show the actions answering one of them."""
        current = self.purpose_combo.currentData()
        self.purpose_combo.blockSignals(True)
        self.purpose_combo.clear()
        self.purpose_combo.addItem("Any target or concern", "")
        for tid, label, _theme in targets:
            self.purpose_combo.addItem(f"Target: {label}", f"target:{tid}")
        for cid, label in concerns:
            self.purpose_combo.addItem(f"Concern: {label}", f"concern:{cid}")
        self.purpose_combo.setCurrentIndex(max(0, self.purpose_combo.findData(current)))
        self.purpose_combo.blockSignals(False)

    def current_filter(self) -> ActionFilter:
        kind, _sep, value = (self.purpose_combo.currentData() or "").partition(":")
        return replace(self.controller.filter(
            self.filter_edit.text(), self.status_combo.currentData(),
            self.progress_combo.currentData(), self.owner_combo.currentData(),
            self.criterion_combo.currentData(), self.theme_combo.currentData(),
            self.overdue_check.isChecked(), self.soon_check.isChecked()),
            target_id=int(value) if kind == "target" else None,
            concern_id=int(value) if kind == "concern" else None)

    def print_options(self) -> dict:
        """What Print uses so the action plan printed is the one shown: filters, grouping
        and the date the tab judges overdue actions at."""
        return {"on": self.today(), "action_filter": self.current_filter(),
                "group_by": str(self.group_combo.currentData() or "criterion")}

    def apply_filters(self) -> None:
        self._filter_timer.stop()
        self.model.set_filter(self.current_filter())
        self._after_filter()

    def _group_changed(self) -> None:
        self.model.set_grouping(self.group_combo.currentData())
        self._after_filter()

    def _span_group_rows(self) -> None:
        """A group's heading and subtotal run across the columns up to Overdue."""
        self.table.clearSpans()
        for row in self.model.group_rows():
            self.table.setSpan(row, REFERENCE, 1, OVERDUE - REFERENCE)

    def _after_filter(self) -> None:
        shown = self.model.visible_actions()
        total = len(self.model.all_actions())
        self.summary.show_summary(summarise(shown, self.model.today), total)
        self.count_label.setText(self.controller.count_text(len(shown), total))
        self._timeline_dirty = True
        self._update_timeline()

    def _update_timeline(self) -> None:
        # Built only while visible: ten thousand bars are not drawn for nothing.
        if self._timeline_dirty and self.views.currentWidget() is self.timeline:
            self.timeline.show_entries(self.model.entries(), self.model.today)
            self._timeline_dirty = False

    def show_timeline(self) -> None:
        self.views.setCurrentWidget(self.timeline)

    def history_record(self) -> HistoryRecord:
        """The one selected action, for its History panel."""
        ids = self.selected_ids()
        if len(ids) != 1:
            return None
        action = self.service.get(ids[0])
        return "action", action.id, f"{action.reference} {action.title}"

    def selected_ids(self) -> list[int]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [a.id for a in (self.model.action_at(r) for r in rows) if a is not None]

    def select_id(self, action_id: int, add: bool = False) -> None:
        row = self.model.row_of(action_id)
        if row < 0:
            return
        if add:
            from PySide6.QtCore import QItemSelectionModel

            flags = (QItemSelectionModel.SelectionFlag.Select
                     | QItemSelectionModel.SelectionFlag.Rows)
            self.table.selectionModel().select(self.model.index(row, 0), flags)
        else:
            self.table.selectRow(row)
        self.table.scrollTo(self.model.index(row, 0))

    def _changed(self) -> None:
        self.refresh()
        self.actions_changed.emit()

    def _failed(self, message: str) -> None:
        prompts.error(self, "Undo", message)

    # -- edits -----------------------------------------------------------
    def owners(self, keep: int | None = None, body: bool = True):
        """Who can own an action, as a dialog's picker offers them: asked of the service
        as the officer types (50,000 members are never all read)."""
        from lsp_desktop.ui.actions.action_dialog_controller import OwnerLookup

        return OwnerLookup(self.service, self.today(), keep, body)

    def _dialog(self, action: Action | None) -> ActionDialog:
        # Imported when first wanted: the tab's first showing does not wait for the dialog.
        from lsp_desktop.ui.actions.action_dialog import ActionDialog

        return ActionDialog(action, owners=self.owners(action.owner_member_id if action else None),
                            check=lambda a: self.service.check(a, self.today()),
                            today=self.today(), next_reference=self.service.next_reference(),
                            targets=self._targets(), concerns=self._concerns(), parent=self,
                            arose_from=self.arising(action.id)
                            if self.arising and action is not None and action.id else ())

    def add_action(self) -> None:
        if self.read_only:
            return
        dialog = self._dialog(None)
        while dialog.exec():
            try:
                created = self.service.add(dialog.action())
            except ValidationError as exc:
                dialog.show_errors(exc.errors)
                continue
            except DomainError as exc:
                prompts.error(self, "Cannot add action", str(exc))
                return
            self.undo_stack.push(AddAction(self.service, created, self._changed, self._failed))
            self.select_id(created.id)
            return

    def _edit_from_timeline(self, action_id: int) -> None:
        self.select_id(action_id)
        self.edit_action(action_id)

    def edit_selected(self) -> None:
        ids = self.selected_ids()
        if ids:
            self.edit_action(ids[0])

    def edit_action(self, action_id: int) -> None:
        try:
            before = self.service.get(action_id)
        except DomainError as exc:
            prompts.error(self, "Cannot edit action", str(exc))
            self.refresh()
            return
        before, after = edit_with_conflicts(
            self, "Action changed by another officer", before, self._dialog,
            lambda dialog: dialog.action(), self.service.update,
            lambda: self.service.get(action_id), self.refresh, self.read_only)
        if after is not None:
            self.undo_stack.push(EditActions(self.service, [before], [after], self._changed,
                                             self._failed))

    def add_note_selected(self) -> None:
        ids = self.selected_ids()
        if not ids or self.read_only:
            return
        text = prompts.ask_text(self, "Progress note",
                                f"Note for {self.service.get(ids[0]).reference}, dated today:")
        if not text or not text.strip():
            return
        before = self.service.get(ids[0])
        from lsp_desktop.domain.actions import ProgressNote

        after = self.service.add_note(ids[0], ProgressNote(self.today(), text.strip()))
        self.undo_stack.push(EditActions(self.service, [before], [after], self._changed,
                                         self._failed, f"Add note to {after.reference}"))

    def mark_complete_selected(self) -> None:
        self._bulk(self.selected_ids(), {"status": ActionStatus.COMPLETE}, "Mark complete")

    def bulk_edit_selected(self) -> None:
        ids = self.selected_ids()
        if not ids or self.read_only:
            return
        from lsp_desktop.ui.actions.bulk_edit_dialog import BulkEditDialog

        dialog = BulkEditDialog(len(ids), self.owners(body=False), self)
        while dialog.exec():
            problem = self._bulk(ids, dialog.changes(), f"Change {len(ids)} actions")
            if problem is None:
                return
            dialog.show_error(problem)

    def _bulk(self, ids: list[int], changes: dict, text: str) -> str | None:
        """Apply a bulk change with undo; returns the problem when nothing was changed."""
        if not ids or self.read_only:
            return None
        try:
            before = self.service.bulk_update(ids, **changes)
        except DomainError as exc:
            return str(exc)
        after = [self.service.get(i) for i in ids]
        self.undo_stack.push(EditActions(self.service, before, after, self._changed,
                                         self._failed, text))
        return None

    def delete_selected(self) -> None:
        ids = self.selected_ids()
        if not ids or self.read_only:
            return
        question = self.controller.delete_question(
            len(ids), lambda: self.service.get(ids[0]).reference)
        if not prompts.confirm(self, "Delete actions", question, "Delete"):
            return
        try:
            deleted = [self.service.delete(i) for i in ids]
        except DomainError as exc:
            prompts.error(self, "Cannot delete", str(exc))
            self.refresh()
            return
        self.undo_stack.push(DeleteActions(self.service, deleted, self._changed, self._failed))
