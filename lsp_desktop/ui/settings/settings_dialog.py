"""Edit ▸ Settings…: the officer's name and job title, paper size, backups kept, export folder."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from lsp_desktop.domain.errors import ValidationError
from lsp_desktop.domain.settings import MAX_BACKUPS, MIN_BACKUPS, AppSettings, PaperSize
from lsp_desktop.ui import prompts
from lsp_desktop.ui.common.form_dialog import error_label


class SettingsDialog(QDialog):
    """Shows `store`'s settings; OK validates and saves them, errors show by their field."""

    def __init__(self, store, parent=None):
        super().__init__(parent)
        self.store = store
        self.setWindowTitle("Settings")
        self.setAccessibleName("Settings")
        current = store.load()

        form = QFormLayout()
        intro = QLabel("Your name and job title are printed on the sign-off page of the "
                       "accreditation submission.")
        intro.setWordWrap(True)
        self.officer_name = QLineEdit(current.officer_name)
        self.officer_name.setAccessibleName("Officer's name")
        self.officer_name.setPlaceholderText("e.g. Priya Shah")
        form.addRow("Officer's &name", self.officer_name)
        self.officer_title = QLineEdit(current.officer_title)
        self.officer_title.setAccessibleName("Officer's job title")
        self.officer_title.setPlaceholderText("e.g. LSP Co-ordinator")
        form.addRow("&Job title", self.officer_title)
        self.paper_size = QComboBox()
        self.paper_size.setAccessibleName("Paper size")
        for size in PaperSize:
            self.paper_size.addItem(size.label, size)
        self.paper_size.setCurrentIndex(list(PaperSize).index(current.paper_size))
        form.addRow("&Paper size", self.paper_size)
        self.backups_kept = QSpinBox()
        self.backups_kept.setAccessibleName("Number of backups kept")
        self.backups_kept.setRange(MIN_BACKUPS, MAX_BACKUPS)
        self.backups_kept.setValue(current.backups_kept)
        self.backups_kept.setSuffix(" per partnership")
        form.addRow("&Backups kept", self.backups_kept)
        folder_row = QWidget()
        row = QHBoxLayout(folder_row)
        row.setContentsMargins(0, 0, 0, 0)
        self.export_folder = QLineEdit(current.export_folder)
        self.export_folder.setAccessibleName("Default folder for exports")
        self.export_folder.setPlaceholderText("the partnership file's folder")
        self.browse = QPushButton("B&rowse…")
        self.browse.setAccessibleName("Choose the default folder for exports")
        self.browse.clicked.connect(self._browse)
        row.addWidget(self.export_folder, 1)
        row.addWidget(self.browse)
        form.addRow("&Export folder", folder_row)
        form.labelForField(folder_row).setBuddy(self.export_folder)
        self.error_label = error_label()

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 70)

    def values(self) -> AppSettings:
        return AppSettings(
            officer_name=self.officer_name.text(),
            officer_title=self.officer_title.text(),
            paper_size=self.paper_size.currentData(),
            backups_kept=self.backups_kept.value(),
            export_folder=self.export_folder.text(),
        )

    def _browse(self) -> None:
        folder = prompts.choose_folder(self, "Default folder for exports",
                                       self.export_folder.text())
        if folder:
            self.export_folder.setText(folder)

    def accept(self) -> None:
        try:
            self.store.save(self.values())
        except ValidationError as exc:
            self.error_label.setText("\n".join(e.message for e in exc.errors))
            self.error_label.show()
            return
        super().accept()
