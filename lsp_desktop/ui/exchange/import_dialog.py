"""Import members, actions or targets from CSV/XLSX: map columns, preview problems, confirm."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from lsp_desktop.domain.errors import DomainError
from lsp_desktop.domain.exchange import ImportConflict, Layout
from lsp_desktop.domain.member_exchange import MEMBER_COLUMNS
from lsp_desktop.domain.plan_exchange import ACTION_COLUMNS, TARGET_COLUMNS
from lsp_desktop.ui import prompts
from lsp_desktop.ui.common.table_helpers import record_table
from lsp_desktop.ui.exchange.exchange_tables import ProblemTableModel

NOT_IN_FILE = "(not in the file)"
COLUMNS = {"members": MEMBER_COLUMNS, "actions": ACTION_COLUMNS, "targets": TARGET_COLUMNS}
INTRO = {
    "members": "Rows for the same name and body become terms of one member.",
    "actions": "Owners and targets are matched by name; milestones and notes may span lines.",
    "targets": "A strategy or neighbourhood named in the file but not yet recorded is created.",
}


def _counts(preview) -> tuple[int, int, int, list]:
    plan = getattr(preview, "plan", preview)
    return len(plan.to_add), len(plan.to_update), len(plan.skipped), plan.errors


class ImportDialog(QDialog):
    """Page 1 proposes a file column for each field; page 2 previews; Import writes."""

    def __init__(self, exchange_service, sheet, file_name: str, parent=None,
                 kind: str = "members"):
        super().__init__(parent)
        self.service = exchange_service
        self.sheet = sheet
        self.kind = kind
        self.columns = COLUMNS[kind]
        self.preview = None
        self.result = None
        self.setWindowTitle(f"Import {kind} from {file_name}")
        self.resize(820, 560)
        self.layout_guess: Layout = self._preview(None, False).layout

        # -- page 1: mapping
        mapping_page = QWidget()
        intro = QLabel("Check which column of the file holds each field. Fields marked * are "
                       f"required. {INTRO[kind]}")
        intro.setWordWrap(True)
        form = QFormLayout()
        self.combos: dict[str, QComboBox] = {}
        headers = self.layout_guess.headers
        for column in self.columns:
            combo = QComboBox()
            combo.addItem(NOT_IN_FILE, None)
            for i, h in enumerate(headers):
                if h:
                    combo.addItem(f"{h}  (column {i + 1})", i)
            chosen = self.layout_guess.mapping.get(column.name)
            combo.setCurrentIndex(max(0, combo.findData(chosen)) if chosen is not None else 0)
            combo.setAccessibleName(f"File column for {column.name}")
            combo.setToolTip(column.help)
            self.combos[column.name] = combo
            form.addRow(f"{column.name}{' *' if column.required else ''}", combo)
        holder = QWidget()
        holder.setLayout(form)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(holder)
        match = {"members": "a member already on the register (same name and body)",
                 "actions": "an existing action (same reference)",
                 "targets": "an existing target (same strategy and indicator)"}[kind]
        self.update_existing = QCheckBox(f"Rows matching {match} &update it "
                                         "(otherwise they are skipped)")
        page1 = QVBoxLayout(mapping_page)
        page1.addWidget(intro)
        page1.addWidget(scroll, 1)
        page1.addWidget(self.update_existing)

        # -- page 2: preview
        preview_page = QWidget()
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.problems = ProblemTableModel(self)
        self.table = record_table(
            self.problems, "Problems found", (60, 130), stretch_last=False,
            selection=QAbstractItemView.SelectionMode.ExtendedSelection, wrap=True,
            row_height=None, enter_opens=False, resize={2: QHeaderView.ResizeMode.Stretch})
        page2 = QVBoxLayout(preview_page)
        page2.addWidget(self.summary)
        page2.addWidget(self.table, 1)

        self.pages = QStackedWidget()
        self.pages.addWidget(mapping_page)
        self.pages.addWidget(preview_page)

        self.back_button = QPushButton("< &Back")
        self.preview_button = QPushButton("&Preview >")
        self.import_button = QPushButton("&Import")
        self.cancel_button = QPushButton("Cancel")
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for b in (self.back_button, self.preview_button, self.import_button, self.cancel_button):
            buttons.addWidget(b)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages, 1)
        layout.addLayout(buttons)

        self.back_button.clicked.connect(lambda: self._show_page(0))
        self.preview_button.clicked.connect(self.run_preview)
        self.import_button.clicked.connect(self.run_import)
        self.cancel_button.clicked.connect(self.reject)
        self.preview_button.setDefault(True)
        self._show_page(0)

    def _show_page(self, page: int) -> None:
        self.pages.setCurrentIndex(page)
        self.back_button.setEnabled(page == 1)
        self.preview_button.setVisible(page == 0)
        self.import_button.setVisible(page == 1)
        self.import_button.setEnabled(page == 1 and self.preview is not None
                                      and not _counts(self.preview)[3])

    def chosen_layout(self) -> Layout:
        mapping = {name: combo.currentData() for name, combo in self.combos.items()}
        return Layout(self.layout_guess.header_row, self.layout_guess.headers, mapping,
                      [p for p in self.layout_guess.problems
                       if "is not a column" not in p.reason or p.column not in
                       {self.layout_guess.headers[i] for i in mapping.values() if i is not None}])

    def _preview(self, layout, update: bool):
        if self.kind == "members":
            return self.service.preview_members(self.sheet, layout, update)
        return self.service.preview_records(self.kind, self.sheet, layout, update)

    def run_preview(self) -> None:
        self.preview = self._preview(self.chosen_layout(), self.update_existing.isChecked())
        added, updated, skipped, errors = _counts(self.preview)
        text = (f"{self.preview.rows} rows read: {added} {self.kind} to add, "
                f"{updated} to update, {skipped} to skip.")
        if errors:
            text += (f"\n{len(errors)} problem(s) must be fixed in the file (or the mapping) "
                     "before anything can be imported. Nothing has been written.")
        else:
            text += "\nNothing has been written yet: press Import to add them all."
        self.summary.setText(text)
        self.problems.set_rows(self.preview.problems)
        self._show_page(1)

    def run_import(self) -> None:
        if self.preview is None or _counts(self.preview)[3]:
            return
        try:
            if self.kind == "members":
                self.result = self.service.commit_members(self.preview)
            else:
                self.result = self.service.commit_records(self.preview)
        except ImportConflict as exc:
            # Another officer changed a record since the preview: nothing was written.
            # Show them, then preview again so the counts reflect the records as they are.
            prompts.error(self, "Import refused", str(exc))
            self.run_preview()
            return
        except DomainError as exc:        # nothing was written (all or nothing)
            prompts.error(self, "Import failed", str(exc))
            return
        self.accept()


ImportMembersDialog = ImportDialog
