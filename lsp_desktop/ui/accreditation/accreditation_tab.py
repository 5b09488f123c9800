"""The Accreditation tab: assessment rounds, self-assessment, GO review, overview and readiness."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from lsp_desktop.domain.accreditation import AssessmentRound
from lsp_desktop.domain.criteria import Criterion
from lsp_desktop.domain.errors import DomainError
from lsp_desktop.domain.readiness import CriterionReadiness
from lsp_desktop.ui.accreditation.accreditation_controller import (
    GO_PAGE,
    SELF_PAGE,
    AccreditationController,
)
from lsp_desktop.ui.accreditation.accreditation_dialogs import NewRoundDialog, RoundDetailsDialog
from lsp_desktop.ui.accreditation.accreditation_tables import (
    CriterionTableModel,
    OverviewTableModel,
    SignalTableModel,
)
from lsp_desktop.ui.accreditation.comparison_dialog import ComparisonDialog
from lsp_desktop.ui.accreditation.go_review_page import GoReviewPage
from lsp_desktop.ui.accreditation.prompts_dialog import PromptsDialog
from lsp_desktop.ui.accreditation.self_assessment_page import SelfAssessmentPage
from lsp_desktop.ui.common.conflict import edit_and_reload
from lsp_desktop.ui.common.edit_flow import run_dialog, say
from lsp_desktop.ui.common.history_button import HistoryRecord, history_button
from lsp_desktop.ui.common.table_helpers import record_table, selected_record, table_box

SELF, GO, OVERVIEW, READINESS = SELF_PAGE, GO_PAGE, 2, 3   # the pages, in order


class AccreditationTab(QWidget):
    """Handed the accreditation, readiness and actions services; never reaches for others."""

    actions_changed = Signal()
    open_place = Signal(str)        # a readiness Place value the window should open
    history_requested = Signal(object)  # a round or criterion: (audit record type, id, title)

    def __init__(self, accreditation, readiness, actions=None, read_only: bool = False,
                 today=None, parent=None, load: bool = True,
                 undo_stack: QUndoStack | None = None):
        super().__init__(parent)
        self.service = accreditation
        self.readiness_service = readiness
        self.actions_service = actions
        self.read_only = read_only
        self.controller = AccreditationController(read_only, today)

        self.round_combo = QComboBox()
        self.round_combo.setAccessibleName("Assessment round")
        self.round_combo.setMinimumWidth(240)
        self.new_round_button = QPushButton("New ro&und…")
        self.details_button = QPushButton("Round detai&ls…")
        self.delete_round_button = QPushButton("Delete round")
        self.compare_button = QPushButton("Compare rounds…")
        self.prompts_button = QPushButton("Prom&pts…")
        bar = QHBoxLayout()
        bar.addWidget(QLabel("&Round"))
        bar.itemAt(0).widget().setBuddy(self.round_combo)
        bar.addWidget(self.round_combo)
        bar.addWidget(self.new_round_button)
        bar.addWidget(self.details_button)
        bar.addWidget(self.delete_round_button)
        bar.addStretch(1)
        bar.addWidget(self.compare_button)
        bar.addWidget(self.prompts_button)
        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        self.summary.setStyleSheet("color: #404040;")

        self.self_page = SelfAssessmentPage(accreditation, self.refresh, read_only,
                                            undo_stack=undo_stack)
        self.go_page = GoReviewPage(accreditation, self.refresh, read_only)
        self.self_page.edit_prompts_button.clicked.connect(
            lambda: self.edit_prompts(self.self_page.criterion()))

        overview = self._overview_page()
        ready = self._readiness_page()

        self.pages = QTabWidget()
        self.pages.addTab(self.self_page, "Self-assessment")
        self.pages.addTab(self.go_page, "GO review")
        self.pages.addTab(overview, "Overview")
        self.pages.addTab(ready, "Readiness")

        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.summary)
        layout.addWidget(self.pages, 1)
        self.history_button = history_button(
            self.delete_round_button, lambda: self.round is not None,
            (self.self_page.criteria_model.modelReset,), "Round histor&y…")
        self.history_button.clicked.connect(
            lambda: self.history_requested.emit(self.history_record()))
        self.self_page.history_requested.connect(self.history_requested)

        self.round_combo.currentIndexChanged.connect(lambda _i: self.show_selected_round())
        self.new_round_button.clicked.connect(self.new_round)
        self.details_button.clicked.connect(self.edit_details)
        self.delete_round_button.clicked.connect(self.delete_round)
        self.compare_button.clicked.connect(self.compare)
        self.overview_compare_button.clicked.connect(self.compare)
        self.prompts_button.clicked.connect(lambda: self.edit_prompts(None))
        self.go_to_button.clicked.connect(self.go_to_signal)
        self.self_page.actions_changed.connect(self._actions_changed)
        self.go_page.actions_changed.connect(self._actions_changed)
        for b in (self.new_round_button, self.delete_round_button):
            b.setEnabled(not read_only)
        # load=False: the window loads a hidden tab when it is first shown (start-up).
        if load:
            self.refresh()

    def history_record(self) -> HistoryRecord:
        """The round shown, for its History panel."""
        rnd = self.round
        return None if rnd is None else ("assessment_round", rnd.id, rnd.name)

    def history_in_front(self) -> HistoryRecord:
        """The criterion on the self-assessment page, else the round."""
        if self.pages.currentWidget() is self.self_page:
            return self.self_page.history_record()
        return self.history_record()

    # -- building --------------------------------------------------------
    def _overview_page(self) -> QWidget:
        """Every round's self and GO ratings side by side."""
        self.overview_model = OverviewTableModel(self)
        self.overview_table = record_table(self.overview_model, "Overview of rounds", (200,),
                                           stretch_last=False)
        self.overview_table.horizontalHeader().setMinimumSectionSize(120)
        overview = QWidget()
        ov = QVBoxLayout(overview)
        legend = QLabel("Each round shows the partnership's own rating beside the Government "
                        "Office's; every cell names its rating as well as colouring it.")
        legend.setWordWrap(True)
        ov.addWidget(legend)
        ov.addWidget(self.overview_table, 1)
        self.overview_compare_button = QPushButton("Compare two rounds…")
        ov_row = QHBoxLayout()
        ov_row.addStretch(1)
        ov_row.addWidget(self.overview_compare_button)
        ov.addLayout(ov_row)
        return overview

    def _readiness_page(self) -> QWidget:
        """What the data say beside the ratings, and where to put each signal right."""
        self.readiness_intro = QLabel()
        self.readiness_intro.setWordWrap(True)
        self.readiness_intro.setTextFormat(Qt.TextFormat.PlainText)
        self.disagreements = QLabel()
        self.disagreements.setWordWrap(True)
        self.disagreements.setTextFormat(Qt.TextFormat.PlainText)
        self.disagreements.setStyleSheet("background: #fde0dc; padding: 6px;")
        self.readiness_model = CriterionTableModel(self)
        self.readiness_table = record_table(self.readiness_model, "Readiness by criterion",
                                            (230, 150, 150), sortable=False)
        self.readiness_table.setMaximumHeight(190)
        self.signal_model = SignalTableModel(self)
        self.signal_table = record_table(self.signal_model, "Readiness signals",
                                         (200, 110, 620))
        self.signal_table.doubleClicked.connect(lambda _i: self.go_to_signal())
        self.go_to_button = QPushButton("&Go to where it can be fixed")
        ready = QWidget()
        rd = QVBoxLayout(ready)
        rd.addWidget(self.readiness_intro)
        rd.addWidget(self.disagreements)
        rd.addWidget(self.readiness_table)
        rd.addWidget(table_box("Signals computed from the data", self.signal_table,
                               (self.go_to_button,)), 1)
        return ready

    def today(self) -> date:
        return self.controller.today()

    @property
    def round(self) -> AssessmentRound | None:
        return self.controller.round

    @property
    def report(self) -> dict[Criterion, CriterionReadiness]:
        return self.controller.report

    def set_as_at(self, day: date) -> None:
        """Compute readiness as at `day`; the window refreshes the tab."""
        self.controller.set_today(day)

    def print_options(self) -> dict:
        """Print prints the pack of the round shown, computed at the tab's date (so the
        readiness annex says what the Readiness page says)."""
        options: dict = {"on": self.today()}
        if self.round is not None:
            options["choice"] = self.round.name
        return options

    # -- loading ---------------------------------------------------------
    def refresh(self) -> None:
        """Reload rounds, the round shown, readiness and the overview from the services."""
        keep = self.round_combo.currentData()
        rounds = self.service.rounds()
        self.round_combo.blockSignals(True)
        self.round_combo.clear()
        for r in rounds:
            self.round_combo.addItem(r.name, r.id)
        self.round_combo.setCurrentIndex(
            self.controller.round_index(keep, [r.id for r in rounds]))
        self.round_combo.blockSignals(False)
        self.show_selected_round()
        self.overview_model.set_overview(
            rounds, self.controller.overview(self.service.all_rounds()))
        for column in range(1, self.overview_model.columnCount()):
            self.overview_table.setColumnWidth(column, 150)

    def show_selected_round(self) -> None:
        # Text typed on the page is saved before the round is read again, so the page shows
        # it (and its new version) rather than the copy read before the save.
        self.self_page.save_pending()
        round_id = self.round_combo.currentData()
        try:
            rnd = self.service.get_round(round_id) if round_id is not None else None
        except DomainError:
            rnd = None
        self.controller.show(rnd, self.readiness_service.for_round(rnd, self.today())
                             if rnd else [])
        refs = self._action_refs()
        self.self_page.show_round(self.round, self.service.catalogue(), self.report, refs)
        self.go_page.show_round(self.round, refs, self._nrf_text())
        self._show_summary()
        self._show_readiness()
        allowed = self.controller.buttons(self.round_combo.count())
        self.details_button.setEnabled(allowed.details)
        self.delete_round_button.setEnabled(allowed.delete_round)
        self.compare_button.setEnabled(allowed.compare)
        self.overview_compare_button.setEnabled(allowed.compare)

    def _action_refs(self) -> dict[int, str]:
        if self.actions_service is None:
            return {}
        return {a.id: a.reference for a in self.actions_service.list_actions()}

    def _nrf_text(self) -> str:
        if self.round is None:
            return ""
        return self.controller.nrf_text(self.service.nrf_consequences())

    def _show_summary(self) -> None:
        self.summary.setText(self.controller.summary())

    def _show_readiness(self) -> None:
        view = self.controller.readiness()
        self.readiness_model.set_rows(view.lines)
        self.signal_model.set_rows(view.signals)
        self.readiness_intro.setText(view.intro)
        self.disagreements.setText(view.disagreements)
        self.disagreements.setVisible(bool(view.disagreements))

    # -- round-level actions ---------------------------------------------
    def select_round(self, round_id: int) -> None:
        index = self.round_combo.findData(round_id)
        if index >= 0:
            self.round_combo.setCurrentIndex(index)

    def new_round(self) -> None:
        if self.read_only:
            return
        dialog = NewRoundDialog(self.service.rounds(), self)
        created = []
        if run_dialog(dialog, lambda: created.append(self.service.new_round(*dialog.values())),
                      self.refresh):
            self.select_round(created[0].id)
            self.pages.setCurrentIndex(SELF)

    def edit_details(self) -> None:
        if self.round is None:
            return
        round_id = self.round.id
        edit_and_reload(
            self, "Round changed by another officer", self.round,
            lambda record: RoundDetailsDialog(record, self), lambda dialog: dialog.round(),
            self.service.update_round, lambda: self.service.get_round(round_id), self.refresh,
            self.read_only)

    def delete_round(self) -> None:
        r = self.round
        if r is None or self.read_only:
            return
        if not say.confirm(self, "Delete round", f"Delete {r.name} with its ratings, "
                               "weaknesses, evidence and GO review? Actions already in the "
                               "action plan stay. This cannot be undone.", "Delete"):
            return
        try:
            self.service.delete_round(r.id)
        except DomainError as exc:
            say.error(self, "Cannot delete round", str(exc))
        self.refresh()

    def compare(self) -> ComparisonDialog:
        dialog = ComparisonDialog(self.service, parent=self)
        dialog.open()
        return dialog

    def edit_prompts(self, criterion: Criterion | None) -> None:
        PromptsDialog(self.service, criterion, self.read_only, self).exec()
        self.refresh()

    # -- readiness -------------------------------------------------------
    def go_to_signal(self) -> None:
        signal = selected_record(self.signal_table)
        if signal is None:
            return
        where = self.controller.destination(signal)
        if where.page is not None:
            self.pages.setCurrentIndex(where.page)
            if where.criterion is not None:
                self.self_page.select_criterion(where.criterion)
        else:
            self.open_place.emit(where.place)

    def _actions_changed(self) -> None:
        self.refresh()
        self.actions_changed.emit()


