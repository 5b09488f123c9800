"""Import programme figures or target values from an officer's spreadsheet: the changes and
the problems (by row and column) are shown first; Import writes them all or none."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
)

from lsp_desktop.domain.errors import DomainError
from lsp_desktop.domain.exchange import ImportConflict, documented_columns
from lsp_desktop.domain.programme_exchange import FIGURE_COLUMNS, VALUE_COLUMNS
from lsp_desktop.ui import prompts
from lsp_desktop.ui.common.message_text import message
from lsp_desktop.ui.common.table_helpers import record_table
from lsp_desktop.ui.exchange.exchange_tables import ProblemTableModel

TITLES = {"programme": "programme figures", "target-values": "target values"}
SHEET_FILTER = "Spreadsheets (*.xlsx *.csv *.txt);;All files (*)"


class FiguresImportDialog(QDialog):
    """`exchange` is a ProgrammeExchange; the preview is made as the dialog opens."""

    def __init__(self, exchange, kind: str, sheet, file_name: str, parent=None):
        super().__init__(parent)
        self.exchange, self.kind, self.sheet = exchange, kind, sheet
        self.changed = 0
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
        self.import_button = QPushButton("&Import")
        self.cancel_button = QPushButton("Cancel")
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.summary)
        layout.addWidget(self.changes, 1)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.import_button.clicked.connect(self.run_import)
        self.cancel_button.clicked.connect(self.reject)
        self.resize(760, 560)
        self.run_preview()

    def run_preview(self) -> None:
        self.preview = self.exchange.preview(self.kind, self.sheet)
        errors = self.preview.errors
        text = (f"{self.preview.rows} rows read: {len(self.preview.changes)} change(s) to "
                f"{len(self.preview.records)} record(s).")
        text += (f"\n{len(errors)} problem(s) must be fixed in the file before anything can "
                 "be imported. Nothing has been written." if errors else
                 "\nNothing has been written yet: press Import to make these changes.")
        self.summary.setText(text)
        self.changes.setPlainText("\n".join(self.preview.changes))
        self.problems.set_rows(self.preview.problems)
        self.table.setVisible(bool(self.preview.problems))
        self.import_button.setEnabled(not errors and bool(self.preview.records))

    def run_import(self) -> None:
        try:
            self.changed = self.exchange.commit(self.preview)
        except ImportConflict as exc:
            prompts.error(self, "Import refused", message(str(exc)))
            self.run_preview()
            return
        except DomainError as exc:
            prompts.error(self, "Import failed", message(str(exc)))
            return
        self.accept()


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
        dialog = FiguresImportDialog(exchange, kind, sheet, Path(path).name, parent)
    except DomainError as exc:
        prompts.error(parent, f"Import {TITLES[kind]}", message(str(exc)))
        return None
    if not dialog.exec():
        return None
    return f"Imported {TITLES[kind]}: {dialog.changed} record(s) changed."
