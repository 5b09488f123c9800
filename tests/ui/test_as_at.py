"""The window's one as-at date: shared by every tab, set from View ▸ As at… or the Members tab's
As on, said in the status bar, opening at the partnership's own date when it has one."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt

from lsp_desktop.ui.main_window import MainWindow
from lsp_desktop.ui.window.as_at import AsAtDialog
from tests.ui.helpers import scripted_exec, type_text

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

STORY = date(2002, 6, 30)


class _WithOpeningDate:
    """Partnership details as the `domain` engineer is adding them: with `opens_on`."""

    def __init__(self, details, opens_on):
        self._details, self.opens_on = details, opens_on

    def __getattr__(self, name):
        return getattr(self._details, name)


def _status(window) -> str:
    return window.as_at.label.text()


def test_the_window_opens_at_today_without_an_opening_date(qtbot, demo_services, demo_db,
                                                           monkeypatch):
    real = demo_services.partnership.get
    monkeypatch.setattr(demo_services.partnership, "get",
                        lambda: _WithOpeningDate(real(), None))
    win = MainWindow(demo_services, demo_db.path)
    qtbot.addWidget(win)
    today = date.today()
    assert win.as_at.date() == today == win.members_tab.as_on()
    assert _status(win) == f"As at today, {today:%d/%m/%Y}"


def test_the_demo_opens_at_the_date_its_story_stands(window):
    assert window.as_at.date() == STORY == window.members_tab.as_on()


def test_the_window_opens_at_the_partnerships_own_date(qtbot, demo_services, demo_db,
                                                       monkeypatch):
    real = demo_services.partnership.get
    monkeypatch.setattr(demo_services.partnership, "get",
                        lambda: _WithOpeningDate(real(), STORY))
    win = MainWindow(demo_services, demo_db.path)
    qtbot.addWidget(win)
    assert win.as_at.date() == STORY == win.members_tab.as_on()
    assert win.actions_tab.today() == STORY and win.accreditation_tab.today() == STORY
    assert _status(win) == "As at 30/06/2002 (a past date)"


def test_view_as_at_sets_the_date_of_every_tab_from_anywhere(qtbot, window, monkeypatch):
    window.tabs.setCurrentWidget(window.accreditation_tab)

    def choose(dialog):
        dialog.show()
        qtbot.waitExposed(dialog)
        field = dialog.date_edit
        field.line.setFocus()
        qtbot.keyClick(field.line, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        type_text(field.line, "1.4.02")
        qtbot.keyClick(field.line, Qt.Key.Key_Return)       # Enter: the date, then OK
        assert not dialog.isVisible()
        return dialog.result()
    scripted_exec(monkeypatch, AsAtDialog, [choose])
    assert "As at date…" in [a.text().replace("&", "") for a in window.view_menu.actions()]
    window.as_at_action.trigger()
    day = date(2002, 4, 1)
    assert window.as_at.date() == day
    assert window.members_tab.as_on() == day
    assert window.members_tab.on_date.text() == "01/04/2002"
    assert window.actions_tab.today() == day
    window.tabs.setCurrentWidget(window.actions_tab)     # reloaded when shown
    assert window.actions_tab.model.today == day
    window.tabs.setCurrentWidget(window.accreditation_tab)
    assert window.accreditation_tab.today() == day
    assert window.strategies_tab.targets.today == day == window.strategies_tab.as_at
    assert window.strategies_tab.endorsements.on == day        # bodies current then
    assert "as on 01/04/2002" in window.accreditation_tab.readiness_intro.text()
    assert window.programme_tab.on_edit.value() == day         # the programme's figures too
    assert _status(window) == "As at 01/04/2002 (a past date)"
    # Editing stays possible in the past.
    assert window.members_tab.add_button.isEnabled()
    assert window.actions_tab.add_button.isEnabled()


def test_the_members_as_on_is_the_windows_date(qtbot, window):
    field = window.members_tab.on_date
    field.line.setFocus()
    qtbot.keyClick(field.line, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    type_text(field.line, "30/06/2002")
    qtbot.keyClick(field.line, Qt.Key.Key_Return)
    assert window.as_at.date() == STORY
    assert _status(window) == "As at 30/06/2002 (a past date)"
    window.tabs.setCurrentWidget(window.actions_tab)
    assert window.actions_tab.today() == STORY
    window.tabs.setCurrentWidget(window.members_tab)
    qtbot.mouseClick(window.members_tab.today_button, Qt.MouseButton.LeftButton)
    assert window.as_at.date() == date.today()
    assert window.actions_tab.today() == date.today()


def test_the_programmes_as_on_is_the_windows_date(qtbot, window):
    window.tabs.setCurrentWidget(window.programme_tab)
    assert window.programme_tab.on_edit.value() == window.as_at.date() == date(2002, 6, 30)
    field = window.programme_tab.on_edit
    field.line.setFocus()
    qtbot.keyClick(field.line, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    type_text(field.line, "31/03/2002")
    qtbot.keyClick(field.line, Qt.Key.Key_Return)
    assert window.as_at.date() == date(2002, 3, 31)
    assert window.members_tab.as_on() == date(2002, 3, 31)
