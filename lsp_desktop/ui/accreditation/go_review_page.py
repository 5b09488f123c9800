"""Stage 2 page: the GO's ratings and comments, dialogue held, areas of concern, the outcome."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from lsp_desktop.domain.accreditation import AssessmentRound
from lsp_desktop.domain.criteria import Criterion
from lsp_desktop.ui.accreditation.accreditation_dialogs import (
    ConcernDialog,
    DialogueDialog,
    GoRatingDialog,
)
from lsp_desktop.ui.accreditation.accreditation_tables import (
    ConcernTableModel,
    DialogueTableModel,
    GoRatingTableModel,
)
from lsp_desktop.ui.accreditation.go_review_controller import (
    OUTCOME_CHOICES,
    GoReviewController,
)
from lsp_desktop.ui.common.conflict import edit_and_reload, find_id, save_in_place
from lsp_desktop.ui.common.date_field import OptionalDateEdit, refuse_bad_dates
from lsp_desktop.ui.common.edit_flow import run_dialog, run_step, say
from lsp_desktop.ui.common.fitted_scroll import FittedScrollArea
from lsp_desktop.ui.common.selection_actions import SelectionActions
from lsp_desktop.ui.common.table_helpers import (
    record_table,
    selected_record,
    show_every_row,
    table_box,
)


class GoReviewPage(QWidget):
    actions_changed = Signal()

    def __init__(self, service, changed: Callable[[], None], read_only: bool = False,
                 parent=None):
        super().__init__(parent)
        self.service = service
        self.changed = changed
        self.read_only = read_only
        self.controller = GoReviewController(read_only)

        outcome_box = self._outcome_box()
        body = QWidget()
        col = QVBoxLayout(body)
        col.addWidget(outcome_box)
        for box in self._tables():
            col.addWidget(box)
        show_every_row(self.ratings_table, len(Criterion))    # the six, no inner scrolling
        scroll = FittedScrollArea(body)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)

        self.save_outcome_button.clicked.connect(self.save_outcome)
        self.rate_button.clicked.connect(self.rate)
        self.add_dialogue_button.clicked.connect(self.add_dialogue)
        self.remove_dialogue_button.clicked.connect(self.remove_dialogue)
        self.add_concern_button.clicked.connect(self.add_concern)
        self.edit_concern_button.clicked.connect(self.edit_concern)
        self.remove_concern_button.clicked.connect(self.remove_concern)
        self.concern_action_button.clicked.connect(self.make_action)
        for b in (self.save_outcome_button, self.rate_button, self.add_dialogue_button,
                  self.remove_dialogue_button, self.add_concern_button,
                  self.edit_concern_button, self.remove_concern_button,
                  self.concern_action_button):
            b.setEnabled(self.controller.can_edit)
        SelectionActions(self.ratings_table, read_only=read_only).add(self.rate_button,
                                                                      single=True)
        SelectionActions(self.dialogue_table, read_only=read_only).add(
            self.remove_dialogue_button, single=True)
        SelectionActions(self.concern_table, read_only=read_only).add(
            self.edit_concern_button, self.remove_concern_button, self.concern_action_button,
            single=True)

    @property
    def round(self) -> AssessmentRound | None:
        return self.controller.round

    # -- building ----------------------------------------------------------
    def _outcome_box(self) -> QGroupBox:
        """Outcome and review date with their Save button, the GO's letter, the NRF note."""
        self.outcome = QComboBox()
        self.outcome.setAccessibleName("Outcome")
        for label, value in OUTCOME_CHOICES:
            self.outcome.addItem(label, value)
        self.review_date = OptionalDateEdit("Review date")
        self.comments = QPlainTextEdit()
        self.comments.setAccessibleName("GO comments on the round")
        self.comments.setTabChangesFocus(True)   # Tab moves on, as in the dialogs
        self.comments.setFixedHeight(70)
        self.save_outcome_button = QPushButton("Save &outcome")
        self.nrf_label = QLabel()
        self.nrf_label.setWordWrap(True)
        self.nrf_label.setTextFormat(Qt.TextFormat.PlainText)
        self.nrf_label.setStyleSheet("background: #fde0dc; padding: 6px;")
        outcome_box = QGroupBox("Outcome")
        form = QFormLayout(outcome_box)
        row = QHBoxLayout()
        row.addWidget(self.outcome)
        row.addWidget(self.review_date)
        row.addStretch(1)
        row.addWidget(self.save_outcome_button)
        form.addRow("Outcome", row)
        form.addRow("GO's letter", self.comments)
        form.addRow(self.nrf_label)
        return outcome_box

    def _tables(self) -> tuple[QGroupBox, ...]:
        """The GO's rating per criterion, the dialogue held and the areas of concern."""
        self.ratings_model = GoRatingTableModel(self)
        self.ratings_table = record_table(self.ratings_model, "GO ratings", (190, 120, 120),
                                          sortable=False)
        self.ratings_table.doubleClicked.connect(lambda _i: self.rate())
        self.rate_button = QPushButton("Set GO ra&ting…")
        self.dialogue_model = DialogueTableModel(self)
        self.dialogue_table = record_table(self.dialogue_model, "Dialogue held", (90, 300))
        self.add_dialogue_button = QPushButton("Add &dialogue…")
        self.remove_dialogue_button = QPushButton("Remove")
        self.concern_model = ConcernTableModel(parent=self)
        self.concern_table = record_table(self.concern_model, "Areas of concern",
                                          (420, 150, 80))
        self.concern_table.doubleClicked.connect(lambda _i: self.edit_concern())
        self.add_concern_button = QPushButton("Add co&ncern…")
        self.edit_concern_button = QPushButton("Edit…")
        self.remove_concern_button = QPushButton("Remove")
        self.concern_action_button = QPushButton("Ma&ke action")
        return (table_box("GO rating per criterion", self.ratings_table, (self.rate_button,)),
                table_box("Dialogue held with stakeholders", self.dialogue_table,
                          (self.add_dialogue_button, self.remove_dialogue_button)),
                table_box("Areas of concern", self.concern_table, (
                    self.add_concern_button, self.edit_concern_button,
                    self.remove_concern_button, self.concern_action_button)))

    def show_round(self, rnd: AssessmentRound | None, action_refs: dict[int, str],
                   nrf_text: str) -> None:
        view = self.controller.show_round(rnd, nrf_text)
        self.setEnabled(view is not None)
        if view is None:
            for m in (self.ratings_model, self.dialogue_model, self.concern_model):
                m.set_rows([])
            self.nrf_label.hide()
            return
        self.outcome.setCurrentIndex(view.outcome_index)
        self.review_date.set_value(view.review_date)
        self.comments.setPlainText(view.comments)
        self.nrf_label.setText(view.nrf_text)
        self.nrf_label.setVisible(bool(view.nrf_text))
        self.ratings_model.set_rows(rnd.criteria)
        self.dialogue_model.set_rows(rnd.dialogues)
        self.concern_model.action_refs = action_refs
        self.concern_model.set_rows(rnd.concerns)

    def _fetch_round(self):
        round_id = self.round.id
        return lambda: self.service.get_round(round_id)

    def save_outcome(self) -> None:
        if not self.controller.can_change() or refuse_bad_dates(self):
            return
        mine = self.controller.outcome_to_save(self.outcome.currentData(),
                                               self.review_date.value(),
                                               self.comments.toPlainText())
        save_in_place(self, "Cannot save the outcome", "Round changed by another officer",
                      self.service.update_round, mine, self.round, self._fetch_round(),
                      self.changed)

    def _edit(self, title: str, record, make_dialog, read, save, fetch) -> None:
        edit_and_reload(self, title, record, make_dialog, read, save, fetch, self.changed,
                        self.read_only)

    def rate(self) -> None:
        a = selected_record(self.ratings_table)
        if a is None or self.read_only:
            return
        fetch = self._fetch_round()
        self._edit("GO rating changed by another officer", a,
                   lambda record: GoRatingDialog(record, self), lambda dialog: dialog.value(),
                   lambda mine: self.service.set_go_rating(
                       self.round.id, mine.criterion, mine.go_rating, mine.go_comments,
                       mine.version),
                   lambda: fetch().assessment(a.criterion))

    def add_dialogue(self) -> None:
        if not self.controller.can_change():
            return
        dialog = DialogueDialog(self)
        run_dialog(dialog, lambda: self.service.add_dialogue(self.round.id, dialog.dialogue()),
                   self.changed)

    def remove_dialogue(self) -> None:
        d = selected_record(self.dialogue_table)
        if d is not None and say.confirm(self, "Remove dialogue",
                                             self.controller.remove_dialogue_question(d.with_whom), "Remove"):
            run_step(self, "Cannot remove dialogue",
                     lambda: self.service.remove_dialogue(d.id), self.changed)

    def add_concern(self) -> None:
        if not self.controller.can_change():
            return
        dialog = ConcernDialog(parent=self)
        run_dialog(dialog, lambda: self.service.add_concern(self.round.id, dialog.value()),
                   self.changed)

    def edit_concern(self) -> None:
        c = selected_record(self.concern_table)
        if c is None or self.read_only:
            return
        fetch = self._fetch_round()
        self._edit("Area of concern changed by another officer", c,
                   lambda record: ConcernDialog(record, self), lambda dialog: dialog.value(),
                   self.service.update_concern, lambda: find_id(fetch().concerns, c.id))

    def remove_concern(self) -> None:
        c = selected_record(self.concern_table)
        if c is not None and say.confirm(self, "Remove area of concern",
                                             self.controller.remove_concern_question(c.text), "Remove"):
            run_step(self, "Cannot remove area of concern",
                     lambda: self.service.remove_concern(c.id), self.changed)

    def make_action(self) -> None:
        c = selected_record(self.concern_table)
        if c is None or self.read_only:
            return
        made = []
        if run_step(self, "Cannot make an action",
                    lambda: made.append(self.service.concern_to_action(c.id)), self.changed):
            self.actions_changed.emit()
            say.info(self, "Action added", self.controller.action_made_text(made[0].reference))

