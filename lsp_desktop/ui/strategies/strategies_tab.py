"""The Strategy drafts tab: pick a strategy, then its draft, versions, targets,
endorsements and the consultation log, each on its own page."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from lsp_desktop.domain.errors import DomainError, ValidationError
from lsp_desktop.domain.strategies import Strategy
from lsp_desktop.ui import prompts
from lsp_desktop.ui.common.conflict import edit_with_conflicts
from lsp_desktop.ui.common.history_button import HistoryRecord
from lsp_desktop.ui.common.message_text import message
from lsp_desktop.ui.strategies.strategy_dialogs import StrategyDialog
from lsp_desktop.ui.strategies.strategy_draft import DraftPage
from lsp_desktop.ui.strategies.strategy_pages import (
    ConsultationPage,
    EndorsementsPage,
    TargetsPage,
    VersionsPage,
)

DRAFT, VERSIONS, TARGETS, ENDORSEMENTS, CONSULTATION = range(5)


class StrategiesTab(QWidget):
    """Handed the strategies service; everything else it asks that service for."""

    strategies_changed = Signal()
    history_requested = Signal(object)  # a section or target: (audit record type, id, title)

    def __init__(self, service, read_only: bool = False, today: date | None = None,
                 parent=None, undo_stack=None, load: bool = True, series=None):
        super().__init__(parent)
        self.service = service
        self.read_only = read_only
        self.strategy: Strategy | None = None
        self.as_at: date | None = None      # the window's date, once it hands one over
        self._last_summary = None

        self.strategy_combo = QComboBox()
        self.strategy_combo.setAccessibleName("Strategy")
        self.strategy_combo.setMinimumWidth(420)
        self.new_button = QPushButton("New strate&gy…")
        self.details_button = QPushButton("De&tails…")
        self.delete_button = QPushButton("Delete strategy")
        self.new_button.setEnabled(not read_only)
        self.delete_button.setEnabled(not read_only)
        self.info = QLabel()
        self.info.setTextFormat(Qt.TextFormat.PlainText)
        self.info.setAccessibleName("Strategy summary")
        self.info.setStyleSheet("color: #404040;")
        bar = QHBoxLayout()
        label = QLabel("Strateg&y")
        label.setBuddy(self.strategy_combo)
        bar.addWidget(label)
        bar.addWidget(self.strategy_combo, 1)
        bar.addWidget(self.new_button)
        bar.addWidget(self.details_button)
        bar.addWidget(self.delete_button)

        self.draft = DraftPage(service, read_only, undo_stack)
        self.versions = VersionsPage(service, self.draft.flush, read_only)
        self.targets = TargetsPage(service, read_only, today, series=series,
                                   undo_stack=undo_stack)
        self.endorsements = EndorsementsPage(service, read_only)
        self.consultation = ConsultationPage(service, read_only)
        self.pages = QTabWidget()
        self.pages.addTab(self.draft, "Draft")
        self.pages.addTab(self.versions, "Versions")
        self.pages.addTab(self.targets, "Targets")
        self.pages.addTab(self.endorsements, "Endorsements")
        self.pages.addTab(self.consultation, "Consultation log")

        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.info)
        layout.addWidget(self.pages, 1)

        self.strategy_combo.currentIndexChanged.connect(lambda _i: self._strategy_chosen())
        self.new_button.clicked.connect(self.new_strategy)
        self.details_button.clicked.connect(self.edit_details)
        self.delete_button.clicked.connect(self.delete_strategy)
        self.pages.currentChanged.connect(lambda _i: self.draft.flush())
        self.draft.changed.connect(self._update_info)
        self.versions.draft_replaced.connect(
            lambda: self.draft.set_strategy(self.strategy, keep_section=True))
        self.versions.versions_changed.connect(self._versions_changed)
        self.targets.targets_changed.connect(self._targets_changed)
        self.endorsements.changed.connect(self.strategies_changed)
        self.consultation.changed.connect(self.strategies_changed)
        self.draft.history_requested.connect(self.history_requested)
        self.targets.history_requested.connect(self.history_requested)
        app = QApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.draft.flush)
        # load=False: the window loads a hidden tab when it is first shown (start-up).
        if load:
            self.reload()

    def history_in_front(self) -> HistoryRecord:
        """The record selected on the page in front: a section, a target or the strategy."""
        page = self.pages.currentWidget()
        if page in (self.draft, self.targets):
            return page.history_record()
        strategy = self.strategy
        return None if strategy is None else ("strategy", strategy.id, strategy.title)

    # -- strategies -------------------------------------------------------------
    def reload(self, select_id: int | None = None) -> None:
        """Reload the list of strategies, keeping (or choosing) the one shown."""
        keep = select_id if select_id is not None else (self.strategy.id if self.strategy
                                                        else None)
        self.strategy_combo.blockSignals(True)
        self.strategy_combo.clear()
        for s in self.service.strategies():
            self.strategy_combo.addItem(s.display_name, s.id)
        index = self.strategy_combo.findData(keep) if keep is not None else 0
        self.strategy_combo.setCurrentIndex(max(0, index) if self.strategy_combo.count() else -1)
        self.strategy_combo.blockSignals(False)
        self._strategy_chosen()

    def set_as_at(self, day: date) -> None:
        """Judge targets (on track, overdue) and the bodies still to endorse as at `day`;
        the window refreshes the tab."""
        self.targets.set_as_at(day)
        self.endorsements.set_as_at(day)
        self.as_at = day

    def refresh(self) -> None:
        """Re-read everything but the text being typed (e.g. after the register changed)."""
        self.draft.flush()
        self.reload()

    def _strategy_chosen(self) -> None:
        self.draft.flush()
        strategy_id = self.strategy_combo.currentData()
        try:
            self.strategy = self.service.get(strategy_id) if strategy_id is not None else None
        except DomainError:
            self.strategy = None
        for page in (self.draft, self.versions, self.targets, self.endorsements,
                     self.consultation):
            page.set_strategy(self.strategy)
        self.details_button.setEnabled(self.strategy is not None)
        self.delete_button.setEnabled(self.strategy is not None and not self.read_only)
        self._update_info()

    def print_options(self) -> dict:
        """Print prints the strategy shown."""
        strategy_id = self.strategy_combo.currentData()
        return {"choice": str(strategy_id)} if strategy_id is not None else {}

    def select_strategy(self, strategy_id: int) -> None:
        self.strategy_combo.setCurrentIndex(self.strategy_combo.findData(strategy_id))

    def _versions_changed(self) -> None:
        self.endorsements.set_strategy(self.strategy)
        self._update_info()

    def _targets_changed(self) -> None:
        self._update_info(notify=False)
        self.strategies_changed.emit()      # statuses and figures matter, not just counts

    def _update_info(self, notify: bool = True) -> None:
        """Show the strategy's summary line; tell other tabs when that summary (or the
        consultation log) changed - not at every pause in typing."""
        if self.strategy is None:
            self.info.setText("No strategy yet: use New strategy to start one.")
            return
        try:
            found = self.service.summaries(self.strategy.id, on=self.as_at)
        except DomainError:
            return
        if not found:
            return
        s = found[0]
        if s != self._last_summary:
            if notify and self._last_summary is not None and self._last_summary.id == s.id:
                self.strategies_changed.emit()
            self._last_summary = s
        parts = [s.type.value, s.status.label]
        if s.lead_officer:
            parts.append(f"lead officer {s.lead_officer}")
        parts.append(f"{s.version_count} version{'s' * (s.version_count != 1)}")
        parts.append(f"{s.target_count} target{'s' * (s.target_count != 1)}")
        parts.append(f"{len(s.empty_components)} expected component"
                     f"{'s' * (len(s.empty_components) != 1)} empty")
        self.info.setText(" · ".join(parts))

    def new_strategy(self) -> None:
        if self.read_only:
            return
        dialog = StrategyDialog(None, self)
        while dialog.exec():
            try:
                created = self.service.create(dialog.strategy())
            except ValidationError as exc:
                dialog.show_errors(exc.errors)
                continue
            except DomainError as exc:
                prompts.error(self, "Cannot create strategy", message(str(exc)))
                return
            self.reload(created.id)
            self.pages.setCurrentIndex(DRAFT)
            self.strategies_changed.emit()
            return

    def edit_details(self) -> None:
        if self.strategy is None:
            return
        strategy_id = self.strategy.id
        edit_with_conflicts(self, "Strategy changed by another officer", self.strategy,
                            lambda record: StrategyDialog(record, self),
                            lambda dialog: dialog.strategy(), self.service.update,
                            lambda: self.service.get(strategy_id), read_only=self.read_only)
        self.reload()

    def delete_strategy(self) -> None:
        if self.strategy is None or self.read_only:
            return
        if not prompts.confirm(self, "Delete strategy",
                               message(f"Delete {self.strategy.display_name}, its sections and targets?"),
                               "Delete"):
            return
        try:
            self.service.delete(self.strategy.id)
        except DomainError as exc:
            prompts.error(self, "Cannot delete strategy", message(str(exc)))
            return
        self.strategy = None
        self.reload()
        self.strategies_changed.emit()

    def hideEvent(self, event) -> None:
        self.draft.flush()
        super().hideEvent(event)
