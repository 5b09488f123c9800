"""Help ▸ User guide: the short guide shipped in lsp_desktop/assets/user-guide.md, shown as Markdown."""

from __future__ import annotations

from importlib import resources

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout

GUIDE = "user-guide.md"


def guide_text() -> str:
    return resources.files("lsp_desktop.assets").joinpath(GUIDE).read_text(encoding="utf-8")


class UserGuideDialog(QDialog):
    """Non-modal, so the guide can stay open beside the window while the officer works."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle("LSP Desktop user guide")
        self.browser = QTextBrowser()
        self.browser.setAccessibleName("User guide")
        self.browser.setOpenExternalLinks(True)
        self.browser.setMarkdown(guide_text())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
        metrics = self.fontMetrics()
        self.resize(metrics.averageCharWidth() * 90, metrics.height() * 40)
