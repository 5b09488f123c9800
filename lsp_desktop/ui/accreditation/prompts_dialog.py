"""Edit the partnership's prompts for each criterion, one question a line; reset to defaults."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
)

from lsp_desktop.domain.criteria import Criterion
from lsp_desktop.domain.errors import DomainError
from lsp_desktop.services.catalogue import default_catalogue
from lsp_desktop.ui.common.edit_flow import say


class PromptsDialog(QDialog):
    """Changes are saved per criterion as soon as the officer presses Save."""

    def __init__(self, service, criterion: Criterion | None = None, read_only: bool = False,
                 parent=None):
        super().__init__(parent)
        self.service = service
        self.setWindowTitle("Prompts for each criterion")
        self.resize(720, 480)
        self.criterion = QComboBox()
        for c in Criterion:
            self.criterion.addItem(c.label, c.value)
        self.description = QLabel()
        self.description.setWordWrap(True)
        self.state = QLabel()
        self.editor = QPlainTextEdit()
        self.editor.setAccessibleName("Prompts, one a line")
        self.editor.setTabChangesFocus(True)   # Tab moves on, as in the dialogs
        self.save_button = QPushButton("&Save prompts")
        self.reset_button = QPushButton("&Reset to defaults")
        for b in (self.save_button, self.reset_button):
            b.setEnabled(not read_only)
            b.setAutoDefault(False)
        self.save_button.setDefault(True)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.state, 1)
        buttons.addWidget(self.reset_button)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.criterion)
        layout.addWidget(self.description)
        layout.addWidget(QLabel("One prompt (question) a line:"))
        layout.addWidget(self.editor, 1)
        layout.addLayout(buttons)
        layout.addWidget(close)
        self.criterion.currentIndexChanged.connect(self.load)
        self.save_button.clicked.connect(self.save)
        self.reset_button.clicked.connect(self.reset)
        if criterion is not None:
            self.criterion.setCurrentIndex(list(Criterion).index(criterion))
        self.load()

    def current(self) -> Criterion:
        return Criterion(self.criterion.currentData())

    def load(self) -> None:
        info = self.service.catalogue()[self.current()]
        self.description.setText(info.description)
        self.editor.setPlainText("\n".join(info.prompts))
        self.state.setText("Your own prompts" if info.customised else "The default prompts")

    def save(self) -> None:
        try:
            self.service.set_prompts(self.current(), self.editor.toPlainText().splitlines())
        except DomainError as exc:
            say.error(self, "Prompts", str(exc))
            return
        self.load()

    def reset(self) -> None:
        c = self.current()
        if not say.confirm(self, "Reset prompts",
                               f"Replace the prompts for {c.label} with the "
                               f"{len(default_catalogue()[c].prompts)} default prompts?", "Reset"):
            return
        self.service.reset_prompts(c)
        self.load()
