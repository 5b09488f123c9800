"""Stage 1 page: the six criteria, and for the chosen one its rating, narrative, weaknesses, evidence."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QUndoStack
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from lsp_desktop.domain.accreditation import AssessmentRound, CriterionInfo
from lsp_desktop.domain.criteria import Criterion
from lsp_desktop.domain.errors import DomainError
from lsp_desktop.domain.readiness import CriterionReadiness
from lsp_desktop.ui.accreditation.accreditation_controller import SelfAssessmentController
from lsp_desktop.ui.accreditation.accreditation_dialogs import (
    EvidenceDialog,
    TextDialog,
    WeaknessDialog,
)
from lsp_desktop.ui.accreditation.accreditation_tables import (
    CriterionTableModel,
    EvidenceTableModel,
    WeaknessTableModel,
)
from lsp_desktop.ui.accreditation.accreditation_undo import RemoveWeakness, SaveCriterion
from lsp_desktop.ui.common.conflict import edit_and_reload, find_id, save_in_place
from lsp_desktop.ui.common.edit_flow import run_dialog, run_step, say
from lsp_desktop.ui.common.fitted_scroll import FittedScrollArea
from lsp_desktop.ui.common.history_button import HistoryRecord, history_button, table_signals
from lsp_desktop.ui.common.rating_combo import RatingCombo
from lsp_desktop.ui.common.selection_actions import SelectionActions
from lsp_desktop.ui.common.table_helpers import record_table, selected_record, table_box


def open_in_viewer(path) -> bool:
    """Hand a file to the system's viewer for its type."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def _plain(label: QLabel) -> QLabel:
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    return label


class SelfAssessmentPage(QWidget):
    """Edits go dialog -> service -> `changed()`, which reloads the whole tab."""

    actions_changed = Signal()
    history_requested = Signal(object)  # the criterion's assessment: (record type, id, title)

    def __init__(self, service, changed: Callable[[], None], read_only: bool = False,
                 parent=None, undo_stack: QUndoStack | None = None):
        super().__init__(parent)
        self.service = service
        self.changed = changed
        self.read_only = read_only
        self.undo_stack = undo_stack    # the window's Edit ▸ Undo, when it has one
        self.controller = SelfAssessmentController(read_only)

        self.criteria_model = CriterionTableModel(self)
        self.criteria_table = record_table(self.criteria_model, "Criteria", (175, 150, 120),
                                           sortable=False)
        self.criteria_table.selectionModel().selectionChanged.connect(
            lambda *_: self._criterion_changed())
        self._viewer_dir: tempfile.TemporaryDirectory | None = None

        scroll = self._criterion_panel()

        splitter = QSplitter()
        splitter.addWidget(self.criteria_table)
        splitter.addWidget(scroll)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([580, 800])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        self.history_button = history_button(
            self.edit_prompts_button, lambda: self.history_record() is not None,
            table_signals(self.criteria_table), "History of this criterion…")
        self.history_button.clicked.connect(
            lambda: self.history_requested.emit(self.history_record()))

        self.save_button.clicked.connect(self.save_criterion)
        self.add_weakness_button.clicked.connect(self.add_weakness)
        self.edit_weakness_button.clicked.connect(self.edit_weakness)
        self.remove_weakness_button.clicked.connect(self.remove_weakness)
        self.make_action_button.clicked.connect(self.make_action)
        self.add_evidence_button.clicked.connect(self.add_evidence)
        self.edit_evidence_button.clicked.connect(self.edit_evidence)
        self.open_evidence_button.clicked.connect(self.open_evidence)
        self.remove_evidence_button.clicked.connect(self.remove_evidence)
        for b in (self.save_button, self.add_weakness_button, self.edit_weakness_button,
                  self.remove_weakness_button, self.make_action_button,
                  self.add_evidence_button, self.remove_evidence_button):
            b.setEnabled(self.controller.can_edit)
        SelectionActions(self.weakness_table, read_only=read_only).add(
            self.edit_weakness_button, self.remove_weakness_button, self.make_action_button,
            single=True)
        SelectionActions(self.evidence_table, read_only=read_only).add(
            self.edit_evidence_button, self.open_evidence_button, single=True,
            changes=False).add(self.remove_evidence_button, single=True)

    # -- building --------------------------------------------------------
    def _criterion_panel(self) -> FittedScrollArea:
        """The chosen criterion: what it asks, what the data say, the form, then its
        weaknesses and evidence, in a pane that scrolls up and down."""
        self.heading = QLabel()
        self.heading.setStyleSheet("font-weight: bold; font-size: 13pt;")
        self.description = _plain(QLabel())
        self.prompts_label = _plain(QLabel())
        self.prompts_label.setStyleSheet("color: #404040;")
        self.edit_prompts_button = QPushButton("Edit prompts…")
        self.carried_label = QLabel("Carried over from the previous round: review the rating "
                                    "and narrative, then save.")
        self.carried_label.setStyleSheet("background: #fff4d6; padding: 4px;")
        self.carried_label.setWordWrap(True)
        self.signals_label = _plain(QLabel())
        self.signals_label.setStyleSheet("color: #404040;")

        self.rating = RatingCombo()
        self.rating.setAccessibleName("Self-assessment rating")
        self.narrative = QPlainTextEdit()
        self.narrative.setAccessibleName("Narrative")
        self.narrative.setTabChangesFocus(True)   # Tab moves on, as in the dialogs
        self.narrative.setPlaceholderText("How the partnership meets this criterion, taking "
                                          "local conditions and its starting point into account")
        self.narrative.setMinimumHeight(110)
        self.narrative.setMaximumHeight(170)
        self.strengths = QPlainTextEdit()
        self.strengths.setAccessibleName("Strengths")
        self.strengths.setTabChangesFocus(True)   # Tab moves on, as in the dialogs
        self.strengths.setFixedHeight(70)
        self.save_button = QPushButton("Save cr&iterion")
        form = QFormLayout()
        form.addRow("Ratin&g", self.rating)
        form.addRow("&Narrative", self.narrative)
        form.addRow("S&trengths", self.strengths)

        weak_box = self._weakness_box()
        ev_box = self._evidence_box()

        head = QHBoxLayout()
        head.addWidget(self.heading, 1)
        head.addWidget(self.edit_prompts_button)
        save_row = QHBoxLayout()
        save_row.addStretch(1)
        save_row.addWidget(self.save_button)
        body = QWidget()
        col = QVBoxLayout(body)
        col.addLayout(head)
        col.addWidget(self.description)
        col.addWidget(self.prompts_label)
        col.addWidget(self.signals_label)
        col.addWidget(self.carried_label)
        col.addLayout(form)
        col.addLayout(save_row)
        col.addWidget(weak_box)
        col.addWidget(ev_box)
        return FittedScrollArea(body)

    def _weakness_box(self) -> QGroupBox:
        self.weakness_model = WeaknessTableModel(parent=self)
        self.weakness_table = record_table(self.weakness_model, "Weaknesses", (420, 90))
        self.weakness_table.doubleClicked.connect(lambda _i: self.edit_weakness())
        self.weakness_table.setMaximumHeight(160)
        self.add_weakness_button = QPushButton("Add &weakness…")
        self.edit_weakness_button = QPushButton("Edit…")
        self.remove_weakness_button = QPushButton("Remove")
        self.make_action_button = QPushButton("Ma&ke action")
        self.make_action_button.setToolTip("Add an action to the action plan answering the "
                                           "selected weakness, linked to this criterion")
        return table_box("Weaknesses", self.weakness_table, (
            self.add_weakness_button, self.edit_weakness_button, self.remove_weakness_button,
            self.make_action_button))

    def _evidence_box(self) -> QGroupBox:
        self.evidence_model = EvidenceTableModel(self)
        self.evidence_table = record_table(self.evidence_model, "Evidence", (240, 80, 85, 200))
        self.evidence_table.doubleClicked.connect(lambda _i: self.open_evidence())
        self.evidence_table.setMaximumHeight(200)
        self.add_evidence_button = QPushButton("Add evi&dence…")
        self.edit_evidence_button = QPushButton("Edit…")
        self.open_evidence_button = QPushButton("&Open file")
        self.remove_evidence_button = QPushButton("Remove")
        return table_box("Evidence", self.evidence_table, (
            self.add_evidence_button, self.edit_evidence_button, self.open_evidence_button,
            self.remove_evidence_button))

    @property
    def round(self) -> AssessmentRound | None:
        return self.controller.round

    @property
    def catalogue(self) -> dict[Criterion, CriterionInfo]:
        return self.controller.catalogue

    @property
    def readiness(self) -> dict[Criterion, CriterionReadiness]:
        return self.controller.readiness

    # -- showing ---------------------------------------------------------
    def show_round(self, rnd: AssessmentRound | None, catalogue, readiness,
                   action_refs: dict[int, str]) -> None:
        self.save_pending()
        keep = self.criterion()
        self.weakness_model.action_refs = action_refs
        self.criteria_model.set_rows(self.controller.show_round(rnd, catalogue, readiness))
        self.setEnabled(rnd is not None)
        self.select_criterion(keep or Criterion.STRATEGIC)

    def history_record(self) -> HistoryRecord:
        """The selected criterion's assessment in this round (once saved), for its History."""
        criterion = self.criterion()
        if criterion is None or self.round is None:
            return None
        assessment = self.round.assessment(criterion)
        if assessment.id is None:
            return None
        return "criterion_assessment", assessment.id, f"{criterion.label}, {self.round.name}"

    def criterion(self) -> Criterion | None:
        line = selected_record(self.criteria_table)
        return line.assessment.criterion if line else None

    def select_criterion(self, criterion: Criterion) -> None:
        row = self.criteria_model.row_of(lambda line: line.assessment.criterion == criterion)
        if row >= 0:
            self.criteria_table.selectRow(row)
        self._show_criterion()

    def _form(self) -> tuple:
        return (self.rating.rating(), self.narrative.toPlainText(), self.strengths.toPlainText())

    def save_pending(self) -> None:
        """Keep what was typed for the criterion shown when the officer moves on without
        pressing Save (another criterion, another page, a refresh)."""
        form = self._form()
        if not self.controller.pending(form):
            return
        criterion = self.controller.shown[0]
        self.controller.typed(criterion, form)
        saved, theirs = self._save_form(criterion)
        if saved is not None:
            self.controller.loaded = saved
        elif theirs is not None:            # reload: their version in the form
            self._fill_form(theirs)

    def _save_form(self, criterion: Criterion, changed=None):
        """Save the form over the criterion as read; a conflict offers reload or overwrite."""
        round_id = self.round.id
        before = self.controller.loaded
        saved, theirs = save_in_place(
            self, "Cannot save criterion", "Criterion changed by another officer",
            lambda a: self.service.save_criterion(round_id, a.criterion, a.rating, a.narrative,
                                                  a.strengths, version=a.version),
            self.controller.to_save(self._form()), before, lambda: self.service.get_round(round_id).assessment(criterion),
            changed)
        if saved is not None and self.undo_stack is not None:
            self.undo_stack.push(SaveCriterion(self.service, round_id, before, saved,
                                               self.changed, self._undo_failed))
        return saved, theirs

    def _undo_failed(self, text: str) -> None:
        say.error(self, "Undo", text)
        self.changed()

    def _criterion_changed(self) -> None:
        if self.controller.leaving_unsaved(self.criterion(), self._form()):
            self.save_pending()
            self.changed()          # reloads, keeping the newly chosen criterion
            return
        self._show_criterion()

    def hideEvent(self, event) -> None:
        self.save_pending()
        super().hideEvent(event)

    def _show_criterion(self) -> None:
        c = self.criterion()
        view = self.controller.view(c)
        if view is None:
            return
        a = self.round.assessment(c)
        self.heading.setText(view.heading)
        self.description.setText(view.description)
        self.prompts_label.setText(view.prompts)
        self.carried_label.setVisible(view.carried)
        self.signals_label.setText(view.signals)
        self._fill_form(a)
        self.weakness_model.set_rows(a.weaknesses)
        self.evidence_model.set_rows(a.evidence)

    def _fill_form(self, a) -> None:
        self.rating.set_rating(a.rating)
        self.narrative.setPlainText(a.narrative)
        self.strengths.setPlainText(a.strengths)
        # Another officer's save is checked against the version read here.
        self.controller.loaded_form(a, self._form())

    # -- stage 1 edits ---------------------------------------------------
    def save_criterion(self) -> None:
        c = self.criterion()
        if c is None or self.read_only:
            return
        self.controller.typed(c, self._form())
        self._save_form(c, self.changed)

    def _edit(self, title: str, record, make_dialog, read, save, fetch) -> None:
        edit_and_reload(self, title, record, make_dialog, read, save, fetch, self.changed,
                        self.read_only)

    def _fetch_own(self, kind: str, record_id: int):
        """Fetch one weakness or evidence item of the criterion shown, as saved now."""
        round_id, c = self.round.id, self.criterion()
        return lambda: find_id(getattr(self.service.get_round(round_id).assessment(c), kind),
                               record_id)

    def add_weakness(self) -> None:
        c = self.criterion()
        if c is None or self.read_only:
            return
        dialog = TextDialog("Add weakness", "&Weakness", parent=self)
        run_dialog(dialog, lambda: self.service.add_weakness(self.round.id, c, dialog.value()),
                   self.changed)

    def edit_weakness(self) -> None:
        w = selected_record(self.weakness_table)
        if w is None or self.read_only:
            return
        self._edit("Weakness changed by another officer", w,
                   lambda record: WeaknessDialog(record, self),
                   lambda dialog: dialog.value_record(),
                   lambda mine: self.service.update_weakness(mine.id, mine.text, mine.version),
                   self._fetch_own("weaknesses", w.id))

    def remove_weakness(self) -> None:
        w = selected_record(self.weakness_table)
        if w is None or self.read_only:
            return
        if say.confirm(self, "Remove weakness", f"Remove the weakness “{w.text}”? Any "
                           "action already made from it stays in the action plan.", "Remove"):
            round_id, c = self.round.id, self.criterion()
            if run_step(self, "Cannot remove weakness",
                        lambda: self.service.remove_weakness(w.id), self.changed) \
                    and self.undo_stack is not None:
                self.undo_stack.push(RemoveWeakness(self.service, round_id, c, w, self.changed,
                                                    self._undo_failed))

    def make_action(self) -> None:
        w = selected_record(self.weakness_table)
        if w is None or self.read_only:
            return
        made = []
        if run_step(self, "Cannot make an action",
                    lambda: made.append(self.service.weakness_to_action(w.id)), self.changed):
            self.actions_changed.emit()
            say.info(self, "Action added", f"Action {made[0].reference} was added to the "
                         "action plan. Give it an owner and a due date on the Action plans tab.")

    # -- evidence --------------------------------------------------------
    def add_evidence(self) -> None:
        c = self.criterion()
        if c is None or self.read_only:
            return
        dialog = EvidenceDialog(parent=self)
        run_dialog(dialog, lambda: self.service.add_evidence(
            self.round.id, c, dialog.item_value(), dialog.file_path or None), self.changed)

    def edit_evidence(self) -> None:
        item = selected_record(self.evidence_table)
        if item is None:
            return
        dialogs = []

        def make(record) -> EvidenceDialog:
            dialogs.append(EvidenceDialog(record, self))
            return dialogs[-1]

        def save(mine):
            dialog = dialogs[-1]
            if dialog.file_path:            # the file first: a refused file changes nothing
                self.service.attach_file(item.id, dialog.file_path)
                dialog.file_path = ""
            return self.service.update_evidence(mine)

        self._edit("Evidence changed by another officer", item, make,
                   lambda dialog: dialog.item_value(), save,
                   self._fetch_own("evidence", item.id))

    def open_evidence(self) -> None:
        item = selected_record(self.evidence_table)
        if item is None:
            return
        if not item.has_file:
            say.info(self, "Open evidence", f"“{item.title}” has no attached file."
                         + (f" Reference: {item.reference}" if item.reference else ""))
            return
        if self._viewer_dir is None:
            # Copies handed to the viewer live until the program closes, then go.
            self._viewer_dir = tempfile.TemporaryDirectory(prefix="lsp-evidence-")
            self.destroyed.connect(lambda *_a, d=self._viewer_dir: d.cleanup())
        try:
            path = self.service.export_evidence(item.id, Path(self._viewer_dir.name))
        except (DomainError, OSError) as exc:
            say.error(self, "Cannot open evidence", str(exc))
            return
        if not open_in_viewer(path):
            say.warning(self, "Open evidence", f"No program on this computer opens "
                            f"{path.suffix or 'such'} files. A copy was saved to {path}.")

    def remove_evidence(self) -> None:
        item = selected_record(self.evidence_table)
        if item is None or self.read_only:
            return
        extra = " and its attached file" if item.has_file else ""
        if say.confirm(self, "Remove evidence", f"Remove “{item.title}”{extra} from this "
                           "round?", "Remove"):
            run_step(self, "Cannot remove evidence",
                     lambda: self.service.remove_evidence(item.id), self.changed)
