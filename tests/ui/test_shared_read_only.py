"""A shared partnership opened read-only in the window (lsp-desktop --read-only --db URL)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QLabel

from lsp_desktop.app import GuiApplication

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def test_url_opened_read_only_is_read_only(qtbot, pg_url_db, app_paths):
    gui = GuiApplication(QApplication.instance(), app_paths)
    try:
        assert gui.open(pg_url_db, read_only=True)
        win = gui.session.window
        qtbot.addWidget(win)
        assert gui.session.db.read_only and win.read_only and win.shared
        assert "[shared] [read-only]" in win.windowTitle()
        assert "read-only" in win.statusBar().currentMessage()
        assert "Read-only" in [w.text() for w in win.statusBar().findChildren(QLabel)]
        tab = win.members_tab
        assert not tab.add_button.isEnabled() and not tab.new_action.isEnabled()
        assert not any(a.isEnabled() for a in win.exchange.import_actions.values())
        assert not win.exchange.erase_action.isEnabled()
        assert win.refresher.refresh_action.isEnabled()       # reading others' changes still works
    finally:
        gui.close()
