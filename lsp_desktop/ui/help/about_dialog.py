"""Help ▸ About: version, licence, the data folder (with a button to open it), library versions."""

from __future__ import annotations

import platform
from html import escape
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
)

import lsp_desktop
from lsp_desktop.ui import prompts
from lsp_desktop.ui.common.icons import application_icon

LICENCE = "GNU General Public License, version 3 or later (GPL-3.0-or-later)"
# Shown name and distribution name; versions come from the installed metadata (the bundle
# carries it: packaging/lsp-desktop.spec copies it), so nothing is imported to ask.
LIBRARIES = (
    ("SQLAlchemy", "SQLAlchemy"),
    ("Alembic", "alembic"),
    ("ReportLab", "reportlab"),
    ("openpyxl", "openpyxl"),
)


def library_versions() -> list[tuple[str, str]]:
    """(name, version) of Python, Qt, PySide6 and the libraries, 'not installed' if absent."""
    from importlib import metadata

    import PySide6
    from PySide6.QtCore import qVersion

    found = [("Python", platform.python_version()), ("Qt", qVersion()),
             ("PySide6", PySide6.__version__)]
    for name, distribution in LIBRARIES:
        try:
            found.append((name, metadata.version(distribution)))
        except metadata.PackageNotFoundError:
            found.append((name, "not installed"))
    return found


def _plain(text: str) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                  | Qt.TextInteractionFlag.TextSelectableByKeyboard)
    return label


class AboutDialog(QDialog):
    def __init__(self, data_dir: Path, db_path: Path | None = None, parent=None):
        super().__init__(parent)
        self.data_dir = Path(data_dir)
        self.setWindowTitle(f"About {lsp_desktop.APP_NAME}")
        self.setAccessibleName(f"About {lsp_desktop.APP_NAME}")

        logo = QLabel()
        logo.setPixmap(application_icon().pixmap(64, 64))
        logo.setAccessibleName("LSP Desktop icon")
        title = QLabel(f"<h2>{escape(lsp_desktop.APP_NAME)}</h2>"
                       f"<p>Version {escape(lsp_desktop.__version__)}</p>")
        title.setTextFormat(Qt.TextFormat.RichText)
        self.version_label = title
        header = QHBoxLayout()
        header.addWidget(logo)
        header.addWidget(title, 1)

        blurb = QLabel("Membership register, strategies, action plans and accreditation for "
                       "a Local Strategic Partnership, kept on this computer.")
        blurb.setWordWrap(True)
        form = QFormLayout()
        self.licence_label = _plain(LICENCE)
        self.licence_label.setWordWrap(True)
        form.addRow("Licence:", self.licence_label)
        self.data_label = _plain(str(self.data_dir))
        self.data_label.setAccessibleName("Data folder")
        form.addRow("Data folder:", self.data_label)
        if db_path is not None:
            self.file_label = _plain(str(db_path))
            self.file_label.setAccessibleName("Partnership file")
            form.addRow("Partnership file:", self.file_label)
        self.open_folder_button = QPushButton("&Open data folder")
        self.open_folder_button.setAccessibleName("Open the data folder")
        self.open_folder_button.clicked.connect(self.open_data_folder)
        form.addRow("", self.open_folder_button)
        self.versions = library_versions()
        self.versions_label = _plain("\n".join(f"{name} {version}"
                                               for name, version in self.versions))
        self.versions_label.setAccessibleName("Library versions")
        form.addRow("Libraries:", self.versions_label)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(blurb)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def open_data_folder(self) -> None:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        if not prompts.open_folder(str(self.data_dir)):
            prompts.info(self, "Data folder", f"Your data folder is {self.data_dir}")
