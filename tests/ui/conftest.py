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


@pytest.fixture(autouse=True)
def _windows_deleted_after_the_test(qapp):
    """The windows and dialogs a test made are deleted when it ends, with everything they
    hold (services, engines, sessions). pytest-qt only closes the widgets it was given and
    asks Qt to delete them later, which waits for an event loop that may never come; the
    rest stayed alive to the end of the run, and every later garbage collection walked
    them again. A window whose print preview still renders in its thread is left be."""
    import shiboken6
    from PySide6.QtCore import QEvent, QThread
    from PySide6.QtWidgets import QApplication

    before = {shiboken6.getCppPointer(w)[0] for w in QApplication.topLevelWidgets()}
    yield
    for w in QApplication.topLevelWidgets():
        if (w.parentWidget() is None and shiboken6.getCppPointer(w)[0] not in before
                and not any(t.isRunning() for t in w.findChildren(QThread))):
            w.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
