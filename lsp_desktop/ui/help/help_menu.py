"""Edit ▸ Settings… and the Help menu (User guide, About) of the main window."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence

from lsp_desktop import APP_NAME
from lsp_desktop.ui.settings.settings_store import SettingsStore, apply_settings


def install(window) -> None:
    """Add the entries to `window`'s Edit and Help menus; keyboard: Ctrl+, and F1."""
    window.settings_store = SettingsStore(window.settings)
    apply_settings(window.settings_store.load())
    window.edit_menu.addSeparator()
    window.settings_action = window.edit_menu.addAction("Se&ttings…",
                                                         lambda: edit_settings(window))
    window.settings_action.setShortcut(QKeySequence("Ctrl+,"))
    window.user_guide_action = window.help_menu.addAction("&User guide",
                                                          lambda: show_user_guide(window))
    window.user_guide_action.setShortcut(QKeySequence.StandardKey.HelpContents)
    window.about_action = window.help_menu.addAction(f"&About {APP_NAME}",
                                                     lambda: show_about(window))
    window.user_guide_dialog = None


def edit_settings(window) -> bool:
    from lsp_desktop.ui.settings.settings_dialog import SettingsDialog

    dialog = SettingsDialog(window.settings_store, window)
    if not dialog.exec():
        return False
    apply_settings(window.settings_store.load())
    window.statusBar().showMessage("Settings saved.", 5000)
    return True


def show_user_guide(window):
    """Opens the guide beside the window (not modal); a second call raises the same one."""
    from lsp_desktop.ui.help.user_guide_dialog import UserGuideDialog

    if window.user_guide_dialog is None:
        window.user_guide_dialog = UserGuideDialog(window)
    window.user_guide_dialog.show()
    window.user_guide_dialog.raise_()
    window.user_guide_dialog.activateWindow()
    return window.user_guide_dialog


def show_about(window) -> None:
    from lsp_desktop.paths import default_paths
    from lsp_desktop.ui.help.about_dialog import AboutDialog

    AboutDialog(default_paths().data_dir, window.db_path, window).exec()
