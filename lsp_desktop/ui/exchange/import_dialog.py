"""Import members, actions or targets from CSV/XLSX/XLS: choose the sheet, map columns, preview, confirm."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from lsp_desktop.domain.categories import CATALOGUE
from lsp_desktop.domain.errors import DomainError
from lsp_desktop.domain.exchange import ImportConflict, Layout, find_layout
from lsp_desktop.domain.member_exchange import MEMBER_COLUMNS
from lsp_desktop.domain.plan_exchange import ACTION_COLUMNS, TARGET_COLUMNS
from lsp_desktop.ui import prompts
from lsp_desktop.ui.common.suggestion_rows import show_suggestions
from lsp_desktop.ui.common.table_helpers import record_table
from lsp_desktop.ui.exchange.exchange_tables import ProblemTableModel

NOT_IN_FILE = "(not in the file)"
NO_CATEGORY = "(no category)"
REJECTS_FILTER = "CSV (*.csv);;Excel workbook (*.xlsx)"
COLUMNS = {"members": MEMBER_COLUMNS, "actions": ACTION_COLUMNS, "targets": TARGET_COLUMNS}
INTRO = {
    "members": "Rows for the same name and body become terms of one member. A name may carry "
               "a title in front, or come as Surname and First name columns.",
    "actions": "Owners and targets are matched by name; milestones and notes may span lines.",
    "targets": "A strategy or neighbourhood named in the file but not yet recorded is created.",
}

MATCH = {"members": "a member already on the register (same name and body)",
         "actions": "an existing action (same reference)",
         "targets": "an existing target (same strategy and indicator)"}


def _counts(preview) -> tuple[int, int, int, list]:
    plan = getattr(preview, "plan", preview)
    return len(plan.to_add), len(plan.to_update), len(plan.skipped), plan.errors


class ImportDialog(QDialog):
    """Page 1 proposes a file column for each field; page 2 previews; Import writes.

    With `path`, every preview reads the file again (corrected since, or another sheet)."""

    def __init__(self, exchange_service, sheet, file_name: str, parent=None,
                 kind: str = "members", path: Path | str | None = None):
        super().__init__(parent)
        self.service = exchange_service
        self.sheet = sheet
        self.kind = kind
        self.path = Path(path) if path else None
        self.columns = COLUMNS[kind]
        self.preview = None
        self.result = None
        self.rejects_file: Path | None = None
        self.choices: dict[str, str] = {}        # guessed word -> the officer's category
        self.setWindowTitle(f"Import {kind} from {file_name}")
        self.resize(820, 560)
        self.layout_guess: Layout = find_layout(sheet, self.columns)

        self.pages = QStackedWidget()
        self.pages.addWidget(self._mapping_page())
        self.pages.addWidget(self._preview_page())
        buttons = self._buttons_row()
        layout = QVBoxLayout(self)
        layout.addWidget(self.sheet_box)          # on both pages: the preview follows it
        layout.addWidget(self.pages, 1)
        layout.addLayout(buttons)
        self._show_page(0)

    # -- building ----------------------------------------------------------------
    def _mapping_page(self) -> QWidget:
        """Page 1: the sheet (shown above the pages when the workbook has several), a file
        column for each field, and whether matching rows update."""
        kind, sheet = self.kind, self.sheet
        mapping_page = QWidget()
        intro = QLabel("Check which column of the file holds each field. Fields marked * are "
                       f"required. {INTRO[kind]}")
        intro.setWordWrap(True)
        self.sheet_combo = QComboBox()
        self.sheet_combo.setAccessibleName("Sheet of the workbook")
        self.sheet_combo.addItems(sheet.sheet_names)
        self.sheet_combo.setCurrentText(sheet.name)
        self.sheet_combo.currentTextChanged.connect(self._sheet_chosen)
        sheet_row = QHBoxLayout()
        sheet_label = QLabel("S&heet")
        sheet_label.setBuddy(self.sheet_combo)
        sheet_row.addWidget(sheet_label)
        sheet_row.addWidget(self.sheet_combo, 1)
        self.sheet_box = QWidget()
        self.sheet_box.setLayout(sheet_row)
        self.sheet_box.setVisible(len(sheet.sheet_names) > 1)
        form = QFormLayout()
        self.combos: dict[str, QComboBox] = {}
        for column in self.columns:
            combo = QComboBox()
            combo.setAccessibleName(f"File column for {column.title}")
            combo.setToolTip(column.help)
            self.combos[column.name] = combo
            form.addRow(f"{column.title}{' *' if column.required else ''}", combo)
        self._fill_combos(self.layout_guess)
        holder = QWidget()
        holder.setLayout(form)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(holder)
        self.update_existing = QCheckBox(f"Rows matching {MATCH[kind]} &update it "
                                         "(otherwise they are skipped)")
        page1 = QVBoxLayout(mapping_page)
        page1.addWidget(intro)
        page1.addWidget(scroll, 1)
        page1.addWidget(self.update_existing)
        return mapping_page

    def _preview_page(self) -> QWidget:
        """Page 2: what the import would do, the guessed categories, the problems found."""
        preview_page = QWidget()
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.suggestion_box = QGroupBox("Categories guessed from the file's words: check each "
                                        "(it applies to every row with that word)")
        self.suggestion_form = QFormLayout(self.suggestion_box)
        self.suggestion_combos: dict[str, QComboBox] = {}
        self.suggestion_box.hide()
        self.problems = ProblemTableModel(self)
        self.table = record_table(
            self.problems, "Problems found", (60, 130), stretch_last=False,
            selection=QAbstractItemView.SelectionMode.ExtendedSelection, wrap=True,
            row_height=None, enter_opens=False, resize={2: QHeaderView.ResizeMode.Stretch})
        page2 = QVBoxLayout(preview_page)
        page2.addWidget(self.summary)
        page2.addWidget(self.suggestion_box)
        page2.addWidget(self.table, 1)
        return preview_page

    def _buttons_row(self) -> QHBoxLayout:
        self.back_button = QPushButton("< &Back")
        self.preview_button = QPushButton("&Preview >")
        self.partial_button = QPushButton()
        self.import_button = QPushButton("&Import")
        self.cancel_button = QPushButton("Cancel")
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for b in (self.back_button, self.preview_button, self.partial_button, self.import_button,
                  self.cancel_button):
            buttons.addWidget(b)
        self.back_button.clicked.connect(lambda: self._show_page(0))
        self.preview_button.clicked.connect(self.run_preview)
        self.import_button.clicked.connect(self.run_import)
        self.partial_button.clicked.connect(self.run_partial_import)
        self.cancel_button.clicked.connect(self.reject)
        self.preview_button.setDefault(True)
        return buttons

    # -- page 1 ----------------------------------------------------------------
    def _fill_combos(self, layout: Layout) -> None:
        for column in self.columns:
            combo = self.combos[column.name]
            combo.clear()
            combo.addItem(NOT_IN_FILE, None)
            for i, h in enumerate(layout.headers):
                if h:
                    combo.addItem(f"{h}  (column {i + 1})", i)
            chosen = layout.mapping.get(column.name)
            combo.setCurrentIndex(max(0, combo.findData(chosen)) if chosen is not None else 0)

    def _read(self, sheet_name: str | None):
        return self.service.read(self.path, sheet_name)

    def _sheet_chosen(self, name: str) -> None:
        if not name or name == self.sheet.name or self.path is None:
            return
        try:
            self.sheet = self._read(name)
        except DomainError as exc:
            prompts.error(self, "Import", str(exc))
            return
        self.layout_guess = find_layout(self.sheet, self.columns)
        self._fill_combos(self.layout_guess)
        if self.pages.currentIndex() == 1:
            self.run_preview()

    def _show_page(self, page: int) -> None:
        self.pages.setCurrentIndex(page)
        self.back_button.setEnabled(page == 1)
        self.preview_button.setVisible(page == 0)
        errors = _counts(self.preview)[3] if self.preview is not None else [None]
        self.import_button.setVisible(page == 1)
        self.import_button.setEnabled(page == 1 and not errors)
        partial = (page == 1 and bool(errors) and getattr(self.preview, "can_set_aside", False)
                   and self.preview.good_rows > 0)
        self.partial_button.setVisible(partial)
        if partial:
            good, bad = self.preview.good_rows, len(self.preview.plan.reject_rows)
            self.partial_button.setText(
                f"Import the {good} good row{'s' if good != 1 else ''} and save the {bad} "
                f"other{'s' if bad != 1 else ''} to a file to correct…")

    def chosen_layout(self) -> Layout:
        mapping = {name: combo.currentData() for name, combo in self.combos.items()}
        return Layout(self.layout_guess.header_row, self.layout_guess.headers, mapping,
                      [p for p in self.layout_guess.problems
                       if "is not a column" not in p.reason or p.column not in
                       {self.layout_guess.headers[i] for i in mapping.values() if i is not None}])

    # -- preview ---------------------------------------------------------------
    def _reread(self) -> None:
        """Read the file again (it may have been corrected since); a changed header row
        brings a fresh proposal of the columns."""
        if self.path is None:
            return
        self.sheet = self._read(self.sheet.name or None)
        guess = find_layout(self.sheet, self.columns)
        if guess.headers != self.layout_guess.headers or guess.header_row != self.layout_guess.header_row:
            self.layout_guess = guess
            self._fill_combos(guess)

    def _preview(self, layout, update: bool):
        if self.kind == "members":
            return self.service.preview_members(self.sheet, layout, update, self.choices or None)
        return self.service.preview_records(self.kind, self.sheet, layout, update)

    def run_preview(self) -> None:
        try:
            self._reread()
        except DomainError as exc:
            prompts.error(self, "Import", str(exc))
            return
        self.preview = self._preview(self.chosen_layout(), self.update_existing.isChecked())
        added, updated, skipped, errors = _counts(self.preview)
        text = (f"{self.preview.rows} rows read: {added} {self.kind} to add, "
                f"{updated} to update, {skipped} to skip (already on the register).")
        if errors:
            text += (f"\n{len(errors)} problem(s) must be fixed in the file (or the mapping) "
                     "before everything can be imported. Nothing has been written.")
        else:
            text += "\nNothing has been written yet: press Import to add them all."
        self.summary.setText(text)
        self._show_suggestions(getattr(self.preview, "suggestions", []))
        self.problems.set_rows(self.preview.problems)
        self._show_page(1)

    def _show_suggestions(self, suggestions) -> None:
        show_suggestions(self.suggestion_form, self.suggestion_combos, self.choices,
                         suggestions,
                         [(NO_CATEGORY, ""), *((f"{c.name} ({c.sector.value})", c.name)
                                               for c in CATALOGUE)],
                         "Category", self._choice_changed)
        self.suggestion_box.setVisible(bool(suggestions))

    def _choice_changed(self, key: str, category: str) -> None:
        self.choices[key] = category
        self.run_preview()           # the counts and problems with the officer's choice

    # -- writing ----------------------------------------------------------------
    def _commit(self, rejects: Path | None = None) -> bool:
        try:
            if self.kind == "members":
                # Every guess is on screen with the officer's choice (a change previews
                # again at once), so what the preview shows is what is written.
                self.result = self.service.commit_members(self.preview, rejects,
                                                          accept_suggestions=True)
            else:
                self.result = self.service.commit_records(self.preview)
        except ImportConflict as exc:
            # Another officer changed a record since the preview: nothing was written.
            # Show them, then preview again so the counts reflect the records as they are.
            prompts.error(self, "Import refused", str(exc))
            self.run_preview()
            return False
        except DomainError as exc:        # nothing was written (all or nothing)
            prompts.error(self, "Import failed", str(exc))
            return False
        self.accept()
        return True

    def run_import(self) -> None:
        if self.preview is None or _counts(self.preview)[3]:
            return
        self._commit()

    def run_partial_import(self) -> None:
        """Import the good rows; the others, with their problems, go to a file to correct."""
        if self.preview is None or not getattr(self.preview, "can_set_aside", False):
            return
        suggested = str((self.path.parent if self.path else Path.home())
                        / f"{self.path.stem if self.path else 'import'} - to correct.csv")
        target = prompts.save_file(self, "Save the rows to correct", suggested, REJECTS_FILTER)
        if not target:
            return
        target = Path(target)
        if target.suffix.lower() not in (".csv", ".xlsx"):
            target = target.with_suffix(".csv")
        self.rejects_file = target
        self._commit(target)


ImportMembersDialog = ImportDialog
