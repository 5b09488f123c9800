"""Pages of the Strategy drafts tab besides the draft: versions, targets and priority
neighbourhoods, endorsements, and the consultation log."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from lsp_desktop.domain.errors import DomainError, ValidationError
from lsp_desktop.domain.strategies import (
    Strategy,
    StrategyStatus,
    TargetStatus,
    target_flags,
    target_status,
)
from lsp_desktop.ui import prompts
from lsp_desktop.ui.common.conflict import edit_and_reload, edit_with_conflicts, find_id
from lsp_desktop.ui.common.history_button import HistoryRecord, history_button, table_signals
from lsp_desktop.ui.common.message_text import message
from lsp_desktop.ui.common.selection_actions import SelectionActions
from lsp_desktop.ui.common.table_helpers import record_table
from lsp_desktop.ui.strategies.compare_dialog import CompareDialog, VersionViewDialog
from lsp_desktop.ui.strategies.strategy_dialogs import (
    ConsultationDialog,
    EndorsementDialog,
    NeighbourhoodDialog,
    VersionLabelDialog,
)
from lsp_desktop.ui.strategies.strategy_tables import (
    ConsultationTableModel,
    EndorsementTableModel,
    NeighbourhoodTableModel,
    TargetTableModel,
    VersionTableModel,
)
from lsp_desktop.ui.strategies.target_dialog import TargetDialog


def make_table(model, name: str, widths: tuple[int, ...] = ()) -> QTableView:
    """The pages' tables: sorted on their first column when the model sorts, rows striped."""
    return record_table(model, name, widths, sortable=model.sortable, sort_by=0,
                        alternating=True)


def selected(table: QTableView):
    rows = table.selectionModel().selectedRows()
    return table.model().record(rows[0].row()) if rows else None


def buttons_row(*buttons: QPushButton, read_only_disabled=(), read_only=False,
                stretch_first: QWidget | None = None) -> QHBoxLayout:
    row = QHBoxLayout()
    if stretch_first is not None:
        row.addWidget(stretch_first, 1)
    else:
        row.addStretch(1)
    for b in buttons:
        row.addWidget(b)
        if b in read_only_disabled:
            b.setEnabled(not read_only)
    return row


class VersionsPage(QWidget):
    """Saved versions: save the draft as a version, read one, compare two, restore one."""

    draft_replaced = Signal()
    versions_changed = Signal()

    def __init__(self, service, flush_draft, read_only: bool = False, parent=None):
        super().__init__(parent)
        self.service, self.flush_draft, self.read_only = service, flush_draft, read_only
        self.strategy: Strategy | None = None
        # (strategy id, old, new, path) -> writes a .docx with tracked changes; handed in
        # by use_comparison_export() from the window, which holds the services it reads
        self.export_comparison = None
        self.model = VersionTableModel(self)
        self.table = make_table(self.model, "Versions", (70, 380, 95, 150, 80))
        self.table.doubleClicked.connect(lambda _i: self.view_selected())
        self.save_button = QPushButton("Save as vers&ion…")
        self.view_button = QPushButton("&Read…")
        self.compare_button = QPushButton("C&ompare…")
        self.restore_button = QPushButton("Restore as current &draft…")
        for b, slot in ((self.save_button, self.save_version), (self.view_button,
                        self.view_selected), (self.compare_button, self.compare),
                        (self.restore_button, self.restore_selected)):
            b.clicked.connect(slot)
        note = QLabel("Versions are read-only and are never deleted. Restoring one saves "
                      "the current draft as a version first.")
        note.setWordWrap(True)
        note.setStyleSheet("color: #6b6b6b;")
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons_row(
            self.save_button, self.view_button, self.compare_button, self.restore_button,
            read_only_disabled=(self.save_button, self.restore_button), read_only=read_only,
            stretch_first=note))
        SelectionActions(self.table, read_only=read_only).add(
            self.view_button, single=True, changes=False).add(self.restore_button, single=True)

    def use_comparison_export(self, export) -> None:
        """Offer Compare's Word export: `export(strategy id, old, new, path)`."""
        self.export_comparison = export

    def set_strategy(self, strategy: Strategy | None) -> None:
        self.strategy = strategy
        self.model.set_rows(self.service.version_summaries(strategy.id) if strategy else [])
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)

    def select_number(self, number: int) -> None:
        row = self.model.row_where(lambda v: v.number == number)
        if row >= 0:
            self.table.selectRow(row)

    def save_version(self) -> None:
        if self.strategy is None or self.read_only:
            return
        if not self.flush_draft():
            return
        dialog = VersionLabelDialog(len(self.model.records()) + 1, self.strategy.status, self)
        while dialog.exec():
            try:
                version = self.service.save_version(self.strategy.id, dialog.label())
            except ValidationError as exc:
                dialog.show_errors(exc.errors)
                continue
            except DomainError as exc:
                prompts.error(self, "Cannot save version", message(str(exc)))
                return
            self.set_strategy(self.strategy)
            self.select_number(version.number)
            self.versions_changed.emit()
            return

    def view_selected(self) -> None:
        v = selected(self.table)
        if v is None or self.strategy is None:
            return
        VersionViewDialog(self.service.version(self.strategy.id, v.number),
                          self.strategy.title, self).exec()

    def compare(self) -> None:
        if self.strategy is None:
            return
        self.flush_draft()
        v = selected(self.table)
        strategy_id = self.strategy.id
        export = self.export_comparison
        dialog = CompareDialog(self.service.version_summaries(strategy_id),
                               lambda a, b: self.service.compare(strategy_id, a, b),
                               old=v.number if v else None, parent=self,
                               export=(lambda a, b, path: export(strategy_id, a, b, path))
                               if export else None, file_stem=self.strategy.title)
        dialog.exec()

    def restore_selected(self) -> None:
        v = selected(self.table)
        if v is None or self.strategy is None or self.read_only:
            return
        if not self.flush_draft():
            return
        if not prompts.confirm(
                self, "Restore version",
                message(f"Make {v.name} the current draft?\n\nThe current draft is saved as a new "
                "version first, so nothing is lost."), "Restore"):
            return
        try:
            saved = self.service.restore_version(self.strategy.id, v.number)
        except DomainError as exc:
            prompts.error(self, "Cannot restore version", message(str(exc)))
            return
        self.set_strategy(self.strategy)
        self.draft_replaced.emit()
        self.versions_changed.emit()
        prompts.info(self, "Version restored",
                     message(f"{v.name} is now the current draft. The text it replaced was saved "
                     f"as {saved.name}."))


class TargetsPage(QWidget):
    """The targets register of a strategy, and the partnership's priority neighbourhoods."""

    targets_changed = Signal()
    history_requested = Signal(object)  # the target picked: (audit record type, id, title)

    def __init__(self, service, read_only: bool = False, today: date | None = None,
                 parent=None, series=None, undo_stack=None):
        super().__init__(parent)
        self.service, self.read_only = service, read_only
        self.series = series    # the target-series service: values and chart in the dialog
        self.undo_stack = undo_stack
        self.today = today
        self.strategy: Strategy | None = None
        self.model = TargetTableModel(self)
        self.table = make_table(self.model, "Targets",
                                (120, 300, 110, 130, 130, 130, 70, 80, 110, 200))
        self.table.doubleClicked.connect(lambda _i: self.edit_target())
        self.add_button = QPushButton("&New target…")
        self.edit_button = QPushButton("Ed&it…")
        self.delete_button = QPushButton("&Delete")
        self.add_button.clicked.connect(self.add_target)
        self.edit_button.clicked.connect(self.edit_target)
        self.delete_button.clicked.connect(self.delete_target)
        self.summary = QLabel()
        self.summary.setAccessibleName("Targets summary")

        self.hood_model = NeighbourhoodTableModel(self)
        self.hood_table = make_table(self.hood_model, "Priority neighbourhoods", (160, 240))
        self.hood_table.doubleClicked.connect(lambda _i: self.edit_neighbourhood())
        self.add_hood = QPushButton("New neigh&bourhood…")
        self.edit_hood = QPushButton("Edit…")
        self.delete_hood = QPushButton("De&lete")
        self.add_hood.clicked.connect(lambda: self._edit_neighbourhood(None))
        self.edit_hood.clicked.connect(self.edit_neighbourhood)
        self.delete_hood.clicked.connect(self.delete_neighbourhood)

        top = QWidget()
        tv = QVBoxLayout(top)
        tv.setContentsMargins(0, 0, 0, 0)
        tv.addWidget(self.table, 1)
        tv.addLayout(buttons_row(self.add_button, self.edit_button, self.delete_button,
                                 read_only_disabled=(self.add_button, self.delete_button),
                                 read_only=read_only, stretch_first=self.summary))
        bottom = QWidget()
        bv = QVBoxLayout(bottom)
        bv.setContentsMargins(0, 0, 0, 0)
        title = QLabel("Priority neighbourhoods (shared by all strategies)")
        title.setStyleSheet("font-weight: bold;")
        bv.addWidget(title)
        bv.addWidget(self.hood_table, 1)
        bv.addLayout(buttons_row(self.add_hood, self.edit_hood, self.delete_hood,
                                 read_only_disabled=(self.add_hood, self.delete_hood),
                                 read_only=read_only))
        SelectionActions(self.table, read_only=read_only).add(
            self.edit_button, single=True, changes=False).add(self.delete_button)
        SelectionActions(self.hood_table, read_only=read_only).add(
            self.edit_hood, single=True, changes=False).add(self.delete_hood)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(top)
        splitter.addWidget(bottom)
        splitter.setSizes([480, 200])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self.history_button = history_button(
            self.delete_button, lambda: self.table.selectionModel().hasSelection(),
            table_signals(self.table), "Hist&ory…")
        self.history_button.clicked.connect(
            lambda: self.history_requested.emit(self.history_record()))

    def set_as_at(self, day: date) -> None:
        """Judge the targets (on track, overdue) as at `day` from the next load."""
        self.today = day

    def history_record(self) -> HistoryRecord:
        """The target selected, for its History panel."""
        target = selected(self.table)
        return None if target is None else ("target", target.id, f"Target: {target.indicator}")

    def set_strategy(self, strategy: Strategy | None) -> None:
        self.strategy = strategy
        hoods = self.service.neighbourhoods()
        self.hood_model.set_rows(hoods)
        today = self.today or date.today()
        # With the targets' dated values (issue 22) a target can also be "at risk".
        series = ({t.target.id: t.status.value for t in self.series.tracked(today)}
                  if self.series is not None else {})
        self.model.set_context(today, {n.id: n.name for n in hoods}, series)
        targets = self.service.targets(strategy.id) if strategy else []
        self.model.set_rows(targets)
        statuses = [series.get(t.id) or target_status(t, today).value for t in targets]
        flagged = sum(bool(target_flags(t)) for t in targets)
        at_risk = statuses.count("at risk")
        self.summary.setText(
            f"{len(targets)} targets: {statuses.count(TargetStatus.ON_TRACK.value)} on track, "
            + (f"{at_risk} at risk, " if at_risk else "")
            + f"{statuses.count(TargetStatus.OFF_TRACK.value)} off track, "
            f"{statuses.count(TargetStatus.NO_DATA.value)} no data; {flagged} flagged")

    def _changed(self) -> None:
        self.set_strategy(self.strategy)
        self.targets_changed.emit()

    def _edit(self, target) -> None:
        """A new target (None) or an existing one; a conflict offers reload or overwrite."""
        edit_and_reload(
            self, "Target changed by another officer", target,
            lambda t: TargetDialog(t, self.strategy.id, self.service.bodies(),
                                   self.service.neighbourhoods(), self, self.series,
                                   self.undo_stack, self._changed),
            lambda dialog: dialog.target(),
            self.service.add_target if target is None else self.service.update_target,
            lambda: self.service.target(target.id), self._changed, self.read_only)

    def add_target(self) -> None:
        if self.strategy is None or self.read_only:
            return
        self._edit(None)

    def edit_target(self) -> None:
        t = selected(self.table)
        if t is not None:
            self._edit(t)

    def delete_target(self) -> None:
        t = selected(self.table)
        if t is None or self.read_only:
            return
        if prompts.confirm(self, "Delete target", message(f"Delete the target \"{t.indicator}\"?"),
                           "Delete"):
            self.service.delete_target(t.id)
            self.set_strategy(self.strategy)
            self.targets_changed.emit()

    def _edit_neighbourhood(self, n) -> None:
        if self.read_only and n is None:
            return
        edit_with_conflicts(
            self, "Neighbourhood changed by another officer", n,
            lambda record: NeighbourhoodDialog(record, self),
            lambda dialog: dialog.neighbourhood(), self.service.save_neighbourhood,
            lambda: find_id(self.service.neighbourhoods(), n.id), read_only=self.read_only)
        self.set_strategy(self.strategy)

    def edit_neighbourhood(self) -> None:
        n = selected(self.hood_table)
        if n is not None:
            self._edit_neighbourhood(n)

    def delete_neighbourhood(self) -> None:
        n = selected(self.hood_table)
        if n is None or self.read_only:
            return
        if prompts.confirm(self, "Delete neighbourhood",
                           message(f"Delete {n.name}? Targets that name it keep their figures."),
                           "Delete"):
            self.service.delete_neighbourhood(n.id)
            self.set_strategy(self.strategy)


class EndorsementsPage(QWidget):
    """Which bodies on the register endorsed an agreed version, and which have not."""

    changed = Signal()

    def __init__(self, service, read_only: bool = False, parent=None):
        super().__init__(parent)
        self.service, self.read_only = service, read_only
        self.on: date | None = None       # the window's date: whose bodies are current
        self.strategy: Strategy | None = None
        self.version_combo = QComboBox()
        self.version_combo.setAccessibleName("Version endorsed")
        self.version_combo.currentIndexChanged.connect(lambda _i: self.refresh())
        self.model = EndorsementTableModel(self)
        self.table = make_table(self.model, "Endorsements", (320, 220, 100))
        self.add_button = QPushButton("&Record endorsement…")
        self.remove_button = QPushButton("Rem&ove")
        self.add_button.clicked.connect(self.add_endorsement)
        self.remove_button.clicked.connect(self.remove_endorsement)
        self.missing = QLabel()
        self.missing.setTextFormat(Qt.TextFormat.PlainText)
        self.missing.setWordWrap(True)
        self.missing.setAccessibleName("Bodies that have not endorsed")
        self.missing.setAlignment(Qt.AlignmentFlag.AlignTop)
        bar = QHBoxLayout()
        bar.addWidget(QLabel("Vers&ion"))
        bar.itemAt(0).widget().setBuddy(self.version_combo)
        bar.addWidget(self.version_combo, 1)
        left = QWidget()
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 0, 0)
        lv.addLayout(bar)
        lv.addWidget(self.table, 1)
        lv.addLayout(buttons_row(self.add_button, self.remove_button,
                                 read_only_disabled=(self.add_button, self.remove_button),
                                 read_only=read_only))
        SelectionActions(self.table, read_only=read_only).add(self.remove_button)
        right = QWidget()
        rv = QVBoxLayout(right)
        title = QLabel("Member bodies that have not endorsed it")
        title.setStyleSheet("font-weight: bold;")
        rv.addWidget(title)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.missing)
        rv.addWidget(scroll, 1)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setSizes([800, 380])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

    def set_as_at(self, day: date) -> None:
        """The bodies still to endorse are those current on `day` (from the next load)."""
        self.on = day

    def set_strategy(self, strategy: Strategy | None) -> None:
        self.strategy = strategy
        versions = self.service.version_summaries(strategy.id) if strategy else []
        self.version_combo.blockSignals(True)
        self.version_combo.clear()
        for v in reversed(versions):
            self.version_combo.addItem(f"{v.name} ({v.status.value})", v.number)
        agreed = [v for v in versions if v.status == StrategyStatus.AGREED]
        if agreed:
            self.version_combo.setCurrentIndex(self.version_combo.findData(agreed[-1].number))
        self.version_combo.blockSignals(False)
        self.refresh()

    def refresh(self) -> None:
        number = self.version_combo.currentData()
        if self.strategy is None or number is None:
            self.model.set_rows([])
            self.missing.setText("Save an agreed version of the strategy; then record "
                                 "which partners have endorsed it.")
            return
        self.model.set_rows(self.service.endorsements(self.strategy.id, number))
        version = next((v for v in self.service.version_summaries(self.strategy.id)
                        if v.number == number), None)
        if version is not None and version.status != StrategyStatus.AGREED:
            self.missing.setText(f"{version.name} was saved as a {version.status.value}. "
                                 "Partners endorse an agreed version: set the strategy's "
                                 "status to agreed and save it as a version.")
            return
        missing = self.service.not_endorsed(self.strategy.id, number, on=self.on)
        self.missing.setText("\n".join(missing) if missing else
                             "Every body on the board has endorsed this version.")

    def add_endorsement(self) -> None:
        if self.strategy is None or self.read_only:
            return
        number = self.version_combo.currentData()
        dialog = EndorsementDialog(self.strategy.id,
                                   self.service.version_summaries(self.strategy.id),
                                   self.service.not_endorsed(self.strategy.id, number,
                                                             on=self.on)
                                   if number else self.service.bodies(on=self.on), number,
                                   self)
        while dialog.exec():
            try:
                e = self.service.add_endorsement(dialog.endorsement())
            except ValidationError as exc:
                dialog.show_errors(exc.errors)
                continue
            except DomainError as exc:
                prompts.error(self, "Cannot record endorsement", message(str(exc)))
                return
            self.version_combo.setCurrentIndex(self.version_combo.findData(e.version_number))
            self.refresh()
            self.changed.emit()
            return

    def remove_endorsement(self) -> None:
        e = selected(self.table)
        if e is None or self.read_only:
            return
        if prompts.confirm(self, "Remove endorsement",
                           message(f"Remove the endorsement by {e.body}?"), "Remove"):
            self.service.delete_endorsement(e.id)
            self.refresh()
            self.changed.emit()


class ConsultationPage(QWidget):
    """The consultation log: evidence for the "inclusive" criterion."""

    changed = Signal()

    def __init__(self, service, read_only: bool = False, parent=None):
        super().__init__(parent)
        self.service, self.read_only = service, read_only
        self.strategy: Strategy | None = None
        self.model = ConsultationTableModel(self)
        self.table = make_table(self.model, "Consultation log",
                                (260, 90, 90, 260, 110, 90, 200))
        self.table.sortByColumn(1, Qt.SortOrder.AscendingOrder)
        self.table.doubleClicked.connect(lambda _i: self.edit_entry())
        self.add_button = QPushButton("&New entry…")
        self.edit_button = QPushButton("Ed&it…")
        self.delete_button = QPushButton("&Delete")
        self.add_button.clicked.connect(lambda: self._edit(None))
        self.edit_button.clicked.connect(self.edit_entry)
        self.delete_button.clicked.connect(self.delete_entry)
        self.total = QLabel()
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons_row(self.add_button, self.edit_button, self.delete_button,
                                     read_only_disabled=(self.add_button, self.delete_button),
                                     read_only=read_only, stretch_first=self.total))
        SelectionActions(self.table, read_only=read_only).add(
            self.edit_button, single=True, changes=False).add(self.delete_button)

    def set_strategy(self, strategy: Strategy | None) -> None:
        self.strategy = strategy
        self.model.strategy_names = {s.id: s.title for s in self.service.strategies()}
        entries = self.service.consultations()
        self.model.set_rows(entries)
        reached = sum(e.number_reached or 0 for e in entries)
        responses = sum(e.responses or 0 for e in entries)
        self.total.setText(f"{len(entries)} entries; {reached:,} people reached, "
                           f"{responses:,} responses")

    def _edit(self, entry) -> None:
        if self.read_only and entry is None:
            return
        _, saved = edit_with_conflicts(
            self, "Consultation entry changed by another officer", entry,
            lambda record: ConsultationDialog(record, self.service.strategies(),
                                              self.strategy.id if self.strategy else None,
                                              self),
            lambda dialog: dialog.consultation(), self.service.save_consultation,
            lambda: find_id(self.service.consultations(), entry.id), read_only=self.read_only)
        if saved is not None:
            self.changed.emit()
        self.set_strategy(self.strategy)

    def edit_entry(self) -> None:
        e = selected(self.table)
        if e is not None:
            self._edit(e)

    def delete_entry(self) -> None:
        e = selected(self.table)
        if e is None or self.read_only:
            return
        if prompts.confirm(self, "Delete consultation entry", message(f"Delete \"{e.event}\"?"),
                           "Delete"):
            self.service.delete_consultation(e.id)
            self.set_strategy(self.strategy)
            self.changed.emit()
