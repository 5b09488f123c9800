"""The preview of a strategy file before it is imported: its sections, what cannot be
kept, the tracked changes and comments it carries; new strategy or new version."""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QRadioButton,
    QTextBrowser,
    QVBoxLayout,
)

from lsp_desktop.domain.strategy_documents import ImportedDocument

KIND_LABELS = (("cs", "Community Strategy"), ("lnrs", "Local Neighbourhood Renewal Strategy"),
               ("other", "Other strategy"))


def preview_html(lines: list[str]) -> str:
    """The preview lines (services.strategy_import.describe) as escaped rich text."""
    out = []
    for line in lines:
        if line.startswith("  "):
            out.append(f"<li>{escape(line.strip())}</li>")
        else:
            out.append(f"<p><b>{escape(line)}</b></p>")
    html, in_list = [], False
    for piece in out:
        if piece.startswith("<li>") and not in_list:
            html.append("<ul>")
            in_list = True
        elif not piece.startswith("<li>") and in_list:
            html.append("</ul>")
            in_list = False
        html.append(piece)
    if in_list:
        html.append("</ul>")
    return "".join(html)


class ImportStrategyDialog(QDialog):
    """Shows what a file holds and asks where it goes; saving is left to the caller."""

    def __init__(self, document: ImportedDocument, strategies: list[tuple[str, int]],
                 describe: Callable[[str | None, str], list[str]], current: int | None = None,
                 parent=None):
        super().__init__(parent)
        self.setWindowTitle(f"Import strategy – {document.file_name}")
        self._describe = describe
        self.new_radio = QRadioButton("As a &new strategy of type")
        self.version_radio = QRadioButton("As a new &version of")
        group = QButtonGroup(self)
        group.addButton(self.new_radio)
        group.addButton(self.version_radio)
        self.kind_combo = QComboBox()
        self.kind_combo.setAccessibleName("Type of the new strategy")
        for kind, label in KIND_LABELS:
            self.kind_combo.addItem(label, kind)
        self.strategy_combo = QComboBox()
        self.strategy_combo.setAccessibleName("Strategy to add a version to")
        for title, strategy_id in strategies:
            self.strategy_combo.addItem(title, strategy_id)
        if current is not None and self.strategy_combo.findData(current) >= 0:
            self.strategy_combo.setCurrentIndex(self.strategy_combo.findData(current))
        self.version_radio.setEnabled(bool(strategies))
        # the board's tracked changes come back on a strategy we already hold
        (self.version_radio if strategies and document.changes else self.new_radio
         ).setChecked(True)
        title = document.title or "(no title: the file name is used)"
        heading = QLabel(f"Title: {escape(title)}")
        heading.setWordWrap(True)
        self.preview = QTextBrowser()
        self.preview.setAccessibleName("What the file holds")
        self.preview.setOpenLinks(False)
        grid = QGridLayout()
        grid.addWidget(self.new_radio, 0, 0)
        grid.addWidget(self.kind_combo, 0, 1)
        grid.addWidget(self.version_radio, 1, 0)
        grid.addWidget(self.strategy_combo, 1, 1)
        grid.setColumnStretch(1, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = buttons.addButton("&Import",
                                               QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        note = QLabel("Nothing is saved until you press Import. Tracked changes are "
                      "accepted; they and the comments are listed so you can see what "
                      "was asked for.")
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(grid)
        layout.addWidget(self.preview, 1)
        layout.addWidget(note)
        layout.addWidget(buttons)
        for widget in (self.new_radio, self.version_radio):
            widget.toggled.connect(self.refresh)
        self.kind_combo.currentIndexChanged.connect(self.refresh)
        self.strategy_combo.currentIndexChanged.connect(self.refresh)
        self.resize(760, 600)
        self.refresh()

    def choice(self) -> tuple[str | None, str]:
        """(kind of a new strategy, or None; id of the strategy to add a version to, or "")."""
        if self.version_radio.isChecked() and self.strategy_combo.count():
            return None, str(self.strategy_combo.currentData())
        return self.kind_combo.currentData(), ""

    def refresh(self) -> None:
        self.kind_combo.setEnabled(self.new_radio.isChecked())
        self.strategy_combo.setEnabled(self.version_radio.isChecked())
        self.preview.setHtml(preview_html(self._describe(*self.choice())))
