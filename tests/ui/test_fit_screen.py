"""Windows fit the screen: the main window and every dialog open inside the free area of a
1024x768, 1024x700 or 1366x768-at-125% screen with every button reachable; a remembered size
too large is shrunk and a remembered place on a monitor since unplugged is brought back."""

from __future__ import annotations

from datetime import date

import pytest
import shiboken6
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QAbstractButton, QApplication, QScrollArea

from lsp_desktop.ui.main_window import MainWindow
from lsp_desktop.ui.window import fit_screen
from tests.ui.walk import DialogCatcher, quiet_prompts, walk

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints", "does not support raise")

SCREENS = {
    "1024x768": QRect(0, 0, 1024, 738),          # less a 30-pixel task bar
    "1024x700": QRect(0, 0, 1024, 700),
    "1366x768 at 125%": QRect(0, 0, 1093, 590),  # 1366/1.25 by 768/1.25, less the task bar
}


@pytest.fixture
def screen(monkeypatch, request):
    area = SCREENS[request.param]
    monkeypatch.setattr(fit_screen, "screen_areas", lambda: [area])
    return area


def _frame(widget) -> QRect:
    return QRect(widget.pos(), widget.size() + fit_screen._frame_extra(widget))


def unreachable_buttons(top, area: QRect) -> list[str]:
    """Visible buttons (outside scroll areas, which scroll) not wholly on the screen."""
    out = []
    for button in top.findChildren(QAbstractButton):
        if not button.isVisible() or not button.text():
            continue
        parent, scrolled = button.parentWidget(), False
        while parent is not None and parent is not top:
            scrolled = scrolled or isinstance(parent, QScrollArea)
            parent = parent.parentWidget()
        if scrolled:
            continue
        rect = QRect(button.mapToGlobal(button.rect().topLeft()), button.size())
        inside_window = QRect(top.mapToGlobal(top.rect().topLeft()), top.size())
        if not (area.contains(rect) and inside_window.contains(rect)):
            out.append(f"{button.text()!r} at {rect.getRect()}")
    return out


def _new_window(qtbot, services, path):
    win = MainWindow(services, path)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    QApplication.processEvents()
    return win


@pytest.mark.parametrize("screen", list(SCREENS), indirect=True)
def test_the_window_opens_on_the_screen_with_every_button_reachable(qtbot, screen, demo_services,
                                                                    demo_db):
    win = _new_window(qtbot, demo_services, demo_db.path)
    assert screen.contains(_frame(win)), (win.geometry(), screen)
    win.members_tab.set_as_on(date(2002, 6, 30))
    for i in range(win.tabs.count()):
        win.tabs.setCurrentIndex(i)
        QApplication.processEvents()
        assert unreachable_buttons(win, screen) == [], win.tabs.tabText(i)
    win.tabs.setCurrentWidget(win.members_tab)
    QApplication.processEvents()
    assert win.members_tab.balance_panel.isVisible()
    panel = win.members_tab.balance_panel
    shown = QRect(panel.mapToGlobal(panel.rect().topLeft()), panel.size())
    assert screen.contains(shown) and shown.width() >= 150, shown


@pytest.mark.parametrize("screen", ["1024x700"], indirect=True)
def test_every_dialog_opens_on_the_screen_with_every_button_reachable(qtbot, screen, window,
                                                                      monkeypatch):
    quiet_prompts(monkeypatch)
    catcher = DialogCatcher(monkeypatch, window)
    window.members_tab.set_as_on(date(2002, 6, 30))
    dialogs = walk(window, catcher, depth=1)
    assert len(dialogs) >= 15
    problems = {}
    for dialog in dialogs:
        if not shiboken6.isValid(dialog):
            continue
        dialog.show()
        QApplication.processEvents()
        if not screen.contains(_frame(dialog)):
            problems[dialog.windowTitle()] = f"{_frame(dialog).getRect()} is off the screen"
        elif buttons := unreachable_buttons(dialog, screen):
            problems[dialog.windowTitle()] = buttons
        dialog.hide()
    assert problems == {}
    assert "Print preview" in [d.windowTitle() for d in dialogs if shiboken6.isValid(d)]


@pytest.mark.parametrize("screen", ["1024x700"], indirect=True)
def test_a_remembered_size_too_large_is_shrunk(qtbot, screen, demo_services, demo_db):
    first = _new_window(qtbot, demo_services, demo_db.path)
    first.resize(1600, 1200)
    first.window_state.save_geometry()
    first.close()
    again = _new_window(qtbot, demo_services, demo_db.path)
    assert screen.contains(_frame(again)), again.geometry()


@pytest.mark.parametrize("screen", ["1024x700"], indirect=True)
def test_a_window_left_on_a_monitor_since_unplugged_comes_back(qtbot, screen, demo_services,
                                                               demo_db):
    first = _new_window(qtbot, demo_services, demo_db.path)
    first.resize(900, 600)
    first.move(2100, 300)                    # on the second monitor, then unplugged
    QApplication.processEvents()
    first.window_state.save_geometry()
    first.close()
    again = _new_window(qtbot, demo_services, demo_db.path)
    assert screen.contains(_frame(again)), again.geometry()


def test_fit_moves_a_window_hanging_off_the_right_edge_back():
    from PySide6.QtWidgets import QDialog

    dialog = QDialog()
    dialog.resize(600, 400)
    dialog.move(900, 650)
    fit_screen.fit_to_screen(dialog, QRect(0, 0, 1024, 700))
    assert QRect(0, 0, 1024, 700).contains(_frame(dialog))
    assert dialog.size().width() == 600          # it fitted: no need to shrink it
    dialog.deleteLater()
