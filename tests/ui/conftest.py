"""Fixtures for UI tests: the main window on a copy of the demo partnership."""

from __future__ import annotations

import pytest

from lsp_desktop.ui.main_window import MainWindow


@pytest.fixture
def window(qtbot, demo_services, demo_db):
    win = MainWindow(demo_services, demo_db.path)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    return win


@pytest.fixture
def tab(window):
    return window.members_tab
