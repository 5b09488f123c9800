"""The Draft page of a strategy: its sections (add, rename, reorder, remove), the
empty-components checklist, word counts, and the section editor."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from lsp_desktop.domain.errors import DomainError
from lsp_desktop.domain.strategies import EXPECTED_SECTIONS, Strategy, empty_components
from lsp_desktop.ui import prompts
from lsp_desktop.ui.common.conflict import save_in_place
from lsp_desktop.ui.common.history_button import HistoryRecord, history_button, table_signals
from lsp_desktop.ui.common.message_text import message
from lsp_desktop.ui.common.table_helpers import record_table
from lsp_desktop.ui.common.undo import ServiceCommand
from lsp_desktop.ui.strategies.section_editor import SectionEditor
from lsp_desktop.ui.strategies.strategy_tables import SectionTableModel


class DraftPage(QWidget):
    """Edits the current draft of one strategy; text is saved as it is typed."""

    changed = Signal()                   # sections or their text changed
    history_requested = Signal(object)   # the section picked: (audit record type, id, title)

    def __init__(self, service, read_only: bool = False, undo_stack=None, parent=None):
        super().__init__(parent)
        self.service = service
        self.read_only = read_only
        self.undo_stack = undo_stack
        self.strategy: Strategy | None = None
        self.model = SectionTableModel(self)

        fit = QHeaderView.ResizeMode.ResizeToContents
        self.table = record_table(
            self.model, "Sections", stretch_last=False, sortable=False, row_height=None,
            enter_opens=False, resize={0: QHeaderView.ResizeMode.Stretch, 1: fit, 2: fit})
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_selected())

        self.add_button = QPushButton("A&dd section…")
        self.rename_button = QPushButton("Re&name…")
        self.up_button = QPushButton("Move &up")
        self.down_button = QPushButton("Move do&wn")
        self.remove_button = QPushButton("&Remove…")
        buttons = QHBoxLayout()
        for b in (self.add_button, self.rename_button, self.up_button, self.down_button,
                  self.remove_button):
            buttons.addWidget(b)
            b.setEnabled(not read_only)
        self.add_button.clicked.connect(self.add_section)
        self.rename_button.clicked.connect(self.rename_section)
        self.up_button.clicked.connect(lambda: self.move_section(-1))
        self.down_button.clicked.connect(lambda: self.move_section(1))
        self.remove_button.clicked.connect(self.remove_section)

        self.total_label = QLabel()
        self.total_label.setAccessibleName("Total words")
        self.checklist = QLabel()
        self.checklist.setTextFormat(Qt.TextFormat.PlainText)
        self.checklist.setWordWrap(True)
        self.checklist.setAccessibleName("Expected components checklist")
        checklist_title = QLabel("Expected components")
        checklist_title.setStyleSheet("font-weight: bold; margin-top: 6px;")

        left = QWidget()
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 0, 0)
        lv.addWidget(self.table, 1)
        lv.addLayout(buttons)
        lv.addWidget(self.total_label)
        lv.addWidget(checklist_title)
        lv.addWidget(self.checklist)

        self.editor = SectionEditor(self.service.save_section, versioned=True)
        self.editor.saved.connect(self._saved)
        self.editor.conflict.connect(self._conflict)
        self._loaded = None       # the section as read, to show what another officer changed
        self.editor.save_failed.connect(
            lambda text: prompts.error(self, "Text not saved", message(text)))
        self.editor.editor.installEventFilter(self)

        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.editor)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([380, 900])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        # Like every button acting on a selection: off while no row is selected.
        self.history_button = history_button(
            self.remove_button, lambda: (self.table.selectionModel().hasSelection()
                                         and self.current_section() is not None),
            table_signals(self.table), "Hist&ory…")
        self.history_button.clicked.connect(
            lambda: self.history_requested.emit(self.history_record()))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.editor.editor and event.type() == QEvent.Type.FocusOut:
            self.editor.flush()
        return False

    # -- loading -------------------------------------------------------------
    def set_strategy(self, strategy: Strategy | None, keep_section: bool = False) -> None:
        self.editor.flush()
        keep = self.editor.section_id if keep_section else None
        self.strategy = strategy
        sections = self.service.sections(strategy.id) if strategy else ()
        self.model.set_rows(sections)
        self._update_counts()
        self.editor.set_section(None, "", "")     # the text is read afresh below
        row = self.model.row_where(lambda s: s.id == keep) if keep is not None else -1
        self.select_row(row if row >= 0 else 0)

    def select_row(self, row: int) -> None:
        if 0 <= row < self.model.rowCount():
            self.table.selectRow(row)
            self.table.setCurrentIndex(self.model.index(row, 0))
            self._show_selected()

    def history_record(self) -> HistoryRecord:
        """The section selected, for its History panel."""
        section = self.current_section()
        if section is None:
            return None
        return "strategy_section", section.id, f"Section “{section.title}”"

    def current_section(self):
        index = self.table.currentIndex()
        return self.model.record(index.row()) if index.isValid() else None

    def _show_selected(self) -> None:
        section = self.current_section()
        if section is None:
            self.editor.set_section(None, "", "")
            return
        if section.id == self.editor.section_id:
            return
        self.editor.flush()
        # The model's copy may be older than what autosave stored: read it fresh.
        try:
            fresh = self.service.section(section.id)
        except DomainError:
            fresh = section
        self._loaded = fresh
        self.editor.set_section(fresh.id, fresh.title, fresh.body, self.read_only,
                                version=fresh.version)

    def _conflict(self, exc) -> None:
        """Another officer saved this section since it was read: reload or overwrite."""
        from lsp_desktop.ui.common.conflict import resolve

        section_id = self.editor.section_id
        if section_id is None or self.editor.held:
            return
        self.editor.held = True
        try:
            choice, theirs = resolve(self, exc, "Section changed by another officer",
                                     self._loaded, lambda: self.service.section(section_id))
        finally:
            self.editor.held = False
        if theirs is None or choice == "cancel":
            return
        if choice == "overwrite":
            self.editor.version = theirs.version
            self.editor.flush()
            return
        self.editor._dirty = False          # their text replaces mine
        self._loaded = theirs
        self.editor.set_section(None, "", "")
        self.editor.set_section(theirs.id, theirs.title, theirs.body, self.read_only,
                                version=theirs.version)
        self.model.update_words(theirs.id, theirs.body)
        self._update_counts()

    def _saved(self, section_id: int, markdown: str) -> None:
        self.model.update_words(section_id, markdown)
        self._update_counts()
        self.changed.emit()

    def _update_counts(self) -> None:
        sections = self.model.records()
        total = sum(s.word_count for s in sections)
        self.total_label.setText(f"{len(sections)} sections, {total:,} words in total")
        if self.strategy is None:
            self.checklist.setText("")
            return
        expected = EXPECTED_SECTIONS.get(self.strategy.type, ())
        if not expected:
            self.checklist.setText("This type of strategy has no expected components.")
            return
        empty = set(empty_components(sections, self.strategy.type))
        self.checklist.setText("\n".join(
            f"☐ {name} — still empty" if name in empty else f"☑ {name}" for name in expected))

    def flush(self) -> bool:
        return self.editor.flush()

    # -- changes ------------------------------------------------------------
    def _reload(self, select_id: int | None = None) -> None:
        sections = self.service.sections(self.strategy.id)
        self.model.set_rows(sections)
        self._update_counts()
        row = self.model.row_where(lambda s: s.id == select_id) if select_id else 0
        self.editor.set_section(None, "", "")     # so the reselection reloads the text
        self.select_row(max(0, row))
        self.changed.emit()

    def add_section(self) -> None:
        if self.strategy is None or self.read_only:
            return
        self.editor.flush()
        title = prompts.ask_text(self, "Add section", "Title of the new section:")
        if title is None:
            return
        try:
            section = self.service.add_section(self.strategy.id, title)
        except DomainError as exc:
            prompts.error(self, "Cannot add section", message(str(exc)))
            return
        self._reload(section.id)

    def rename_section(self) -> None:
        section = self.current_section()
        if section is None or self.read_only:
            return
        title = prompts.ask_text(self, "Rename section", "New title:", section.title)
        if title is None:
            return
        self.editor.flush()
        before = replace(section, version=None)         # not open: the title as listed
        if section.id == self.editor.section_id and self._loaded is not None:
            before = replace(self._loaded, body=self.editor.markdown(),
                             version=self.editor.version)
        save_in_place(self, "Cannot rename section", "Section changed by another officer",
                      lambda mine: self.service.rename_section(mine.id, mine.title,
                                                               mine.version),
                      replace(before, title=title), before,
                      lambda: self.service.section(section.id),
                      lambda: self._reload(section.id))

    def move_section(self, delta: int) -> None:
        section = self.current_section()
        if section is None or self.read_only:
            return
        self.editor.flush()
        self.service.move_section(section.id, delta)
        self._reload(section.id)

    def remove_section(self) -> None:
        section = self.current_section()
        if section is None or self.read_only:
            return
        self.editor.flush()
        words = self.service.section(section.id).word_count
        if not prompts.confirm(
                self, "Remove section",
                message(f"Remove the section \"{section.title}\" ({words:,} words) from the draft?\n\n"
                "Saved versions keep their copy; save a version first if you may want "
                "the text back."), "Remove"):
            return
        removed = self.service.remove_section(section.id)
        if self.undo_stack is not None:
            self.undo_stack.push(RemoveSection(self.service, self.strategy.id, removed,
                                               self._undone, self._undo_failed))
        self._reload()

    def _undone(self) -> None:
        if self.strategy is not None:
            self._reload(self.editor.section_id)

    def _undo_failed(self, text: str) -> None:
        prompts.error(self, "Undo", message(text))


class RemoveSection(ServiceCommand):
    """Edit ▸ Undo puts a removed section back, text and place included."""

    def __init__(self, service, strategy_id: int, removed, changed, failed=None):
        super().__init__(f"Remove section {removed.title}", changed, failed)
        self.service, self.strategy_id, self.section = service, strategy_id, removed

    def do(self) -> None:
        self.section = self.service.remove_section(self.section.id)

    def revert(self) -> None:
        self.service.restore_section(self.strategy_id, self.section)
