"""Import programme figures or target values from an officer's spreadsheet: the changes, the
themes guessed from the file's words and the problems (by row and column) are shown first;
Import writes them all or none, or the good rows go in and the others to a file to correct."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
)

from lsp_desktop.domain.errors import DomainError
from lsp_desktop.domain.exchange import ImportConflict, documented_columns
from lsp_desktop.domain.programme import ProgrammeTheme
from lsp_desktop.domain.programme_exchange import FIGURE_COLUMNS, VALUE_COLUMNS
from lsp_desktop.ui import prompts
from lsp_desktop.ui.common.message_text import message
from lsp_desktop.ui.common.suggestion_rows import show_suggestions
from lsp_desktop.ui.common.table_helpers import record_table
from lsp_desktop.ui.exchange.exchange_tables import ProblemTableModel
from lsp_desktop.ui.exchange.import_dialog import REJECTS_FILTER

TITLES = {"programme": "programme figures", "target-values": "target values"}
SHEET_FILTER = "Spreadsheets (*.xlsx *.csv *.txt);;All files (*)"


class FiguresImportDialog(QDialog):
    """`exchange` is a ProgrammeExchange; the preview is made as the dialog opens."""

    def __init__(self, exchange, kind: str, sheet, file_name: str, parent=None,
                 path: Path | None = None):
        super().__init__(parent)
        self.exchange, self.kind, self.sheet = exchange, kind, sheet
        self.path = path
        self.changed = 0
        self.choices: dict[str, str] = {}        # guessed word -> the officer's theme
        self.rejects_file: Path | None = None
        self.setWindowTitle(f"Import {TITLES[kind]} from {file_name}")
        columns = FIGURE_COLUMNS if kind == "programme" else VALUE_COLUMNS
        intro = QLabel("Columns read: " + "; ".join(
            f"{name} ({text})" for name, text in documented_columns(columns)) + ".")
        intro.setWordWrap(True)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.changes = QPlainTextEdit()
        self.changes.setReadOnly(True)
        self.changes.setAccessibleName("Changes the import makes")
        self.problems = ProblemTableModel(self)
        self.table = record_table(self.problems, "Problems found", (60, 150),
                                  enter_opens=False,
                                  resize={2: QHeaderView.ResizeMode.Stretch})
        self.suggestion_box = QGroupBox("Themes guessed from the file's words: check each "
                                        "before importing")
        self.suggestion_form = QFormLayout(self.suggestion_box)
        self.suggestion_combos: dict[str, QComboBox] = {}
        self.suggestion_box.hide()
        self.import_button = QPushButton("&Import")
        self.partial_button = QPushButton("Import the &rest, save rows to correct…")
        self.partial_button.setToolTip("The rows without problems go in; the others are "
                                       "saved to a file with a Problem column, to correct")
        self.cancel_button = QPushButton("Cancel")
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.partial_button)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.summary)
        layout.addWidget(self.suggestion_box)
        layout.addWidget(self.changes, 1)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.import_button.clicked.connect(self.run_import)
        self.partial_button.clicked.connect(self.run_partial_import)
        self.cancel_button.clicked.connect(self.reject)
        self.resize(760, 560)
        self.run_preview()

    def run_preview(self) -> None:
        self.preview = self.exchange.preview(self.kind, self.sheet, choices=self.choices,
                                             rejects=True)
        errors = self.preview.errors
        text = (f"{self.preview.rows} rows read: {len(self.preview.changes)} change(s) to "
                f"{len(self.preview.records)} record(s)")
        if self.preview.reject_rows:
            text += f" from the {self.preview.rows - len(self.preview.reject_rows)} good rows"
        text += "."
        text += (f"\n{len(errors)} problem(s) must be fixed in the file before everything can "
                 "be imported. Nothing has been written." if errors else
                 "\nNothing has been written yet: press Import to make these changes.")
        self.summary.setText(text)
        self._show_suggestions(self.preview.suggestions)
        self.changes.setPlainText("\n".join(self.preview.changes))
        self.problems.set_rows(self.preview.problems)
        self.table.setVisible(bool(self.preview.problems))
        self.import_button.setEnabled(not errors and bool(self.preview.records))
        self.partial_button.setVisible(bool(self.preview.reject_rows))
        self.partial_button.setEnabled(bool(self.preview.reject_rows) and not
                                       self.preview.file_errors)

    def _show_suggestions(self, suggestions) -> None:
        show_suggestions(self.suggestion_form, self.suggestion_combos, self.choices,
                         suggestions, [(theme.label, theme.value) for theme in ProgrammeTheme],
                         "Theme", self._choice_changed)
        self.suggestion_box.setVisible(bool(suggestions))

    def _choice_changed(self, key: str, theme: str) -> None:
        self.choices[key] = theme
        self.run_preview()           # the changes with the officer's choice

    def _commit(self, rejects: Path | None = None) -> None:
        try:
            # Every guess is on screen with the officer's choice (a change previews again
            # at once), so what the preview shows is what is written.
            self.changed = self.exchange.commit(self.preview, rejects, accept_suggestions=True)
        except ImportConflict as exc:
            prompts.error(self, "Import refused", message(str(exc)))
            self.run_preview()
            return
        except DomainError as exc:
            prompts.error(self, "Import failed", message(str(exc)))
            return
        self.rejects_file = rejects
        self.accept()

    def run_import(self) -> None:
        self._commit()

    def run_partial_import(self) -> None:
        """Import the good rows; the others, with their problems, go to a file to correct."""
        if not self.preview.reject_rows or self.preview.file_errors:
            return
        folder = self.path.parent if self.path else Path.home()
        stem = self.path.stem if self.path else "import"
        target = prompts.save_file(self, "Save the rows to correct",
                                   str(folder / f"{stem} - to correct.csv"), REJECTS_FILTER)
        if not target:
            return
        target = Path(target)
        if target.suffix.lower() not in (".csv", ".xlsx"):
            target = target.with_suffix(".csv")
        self._commit(target)


def import_figures(parent, services, db_path: Path, kind: str) -> str | None:
    """File ▸ Import ▸ programme figures / target values: the line for the status bar once
    imported, else None."""
    path = prompts.open_file(parent, f"Import {TITLES[kind]}", str(db_path.parent),
                             SHEET_FILTER)
    if not path:
        return None
    exchange = services.programme_exchange
    try:
        sheet = services.exchange.read(path)
        dialog = FiguresImportDialog(exchange, kind, sheet, Path(path).name, parent,
                                     path=Path(path))
    except DomainError as exc:
        prompts.error(parent, f"Import {TITLES[kind]}", message(str(exc)))
        return None
    if not dialog.exec():
        return None
    text = f"Imported {TITLES[kind]}: {dialog.changed} record(s) changed."
    if dialog.rejects_file is not None:
        text += f" Rows to correct saved to {dialog.rejects_file.name}."
    return text
