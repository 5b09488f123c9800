"""Edit ▸ Settings… and the Help menu (User guide, About) of the main window."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

from lsp_desktop import APP_NAME
from lsp_desktop.ui.settings.settings_store import SettingsStore, apply_settings


class HelpMenu(QObject):
    """Adds its entries to the window's Edit and Help menus; keyboard: Ctrl+, and F1."""

    message = Signal(str, int)      # for the window's status bar: text, milliseconds

    def __init__(self, edit_menu: QMenu, help_menu: QMenu, settings_store: SettingsStore,
                 db_path: Path, parent: QWidget):
        super().__init__(parent)
        self._window = parent
        self.settings_store = settings_store
        self.db_path = db_path
        edit_menu.addSeparator()
        self.settings_action = edit_menu.addAction("Se&ttings…", self.edit_settings)
        self.settings_action.setShortcut(QKeySequence("Ctrl+,"))
        self.user_guide_action = help_menu.addAction("&User guide", self.show_user_guide)
        self.user_guide_action.setShortcut(QKeySequence.StandardKey.HelpContents)
        self.about_action = help_menu.addAction(f"&About {APP_NAME}", self.show_about)
        self.user_guide_dialog = None

    def edit_settings(self) -> bool:
        from lsp_desktop.ui.settings.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.settings_store, self._window)
        if not dialog.exec():
            return False
        apply_settings(self.settings_store.load())
        self.message.emit("Settings saved.", 5000)
        return True

    def show_user_guide(self):
        """Opens the guide beside the window (not modal); a second call raises the same one."""
        from lsp_desktop.ui.help.user_guide_dialog import UserGuideDialog

        if self.user_guide_dialog is None:
            self.user_guide_dialog = UserGuideDialog(self._window)
        self.user_guide_dialog.show()
        self.user_guide_dialog.raise_()
        self.user_guide_dialog.activateWindow()
        return self.user_guide_dialog

    def show_about(self) -> None:
        from lsp_desktop.paths import default_paths
        from lsp_desktop.ui.help.about_dialog import AboutDialog

        AboutDialog(default_paths().data_dir, self.db_path, self._window).exec()
