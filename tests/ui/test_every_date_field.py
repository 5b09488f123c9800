"""Every date field of the program, found by walking the window's tabs, menus, buttons and
dialogs, keeps a date as the officer types it, or refuses it beside the field."""

from __future__ import annotations

from datetime import date

import pytest
import shiboken6
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QWidget

from lsp_desktop.ui.common.date_field import DateEdit
from tests.ui.helpers import type_text
from tests.ui.walk import DialogCatcher, bring_forward, pages, quiet_prompts, walk

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints", "does not support raise",
                                       "does not support grabbing")

APRIL_FIRST = date(2002, 4, 1)
WAYS = ["01/04/2002", "1/4/2002", "1.4.2002", "1-4-02", "2002-04-01"]
REFUSED = ["31/06/2002", "29/02/2003", "next week"]


def _focused() -> QWidget:
    return QApplication.focusWidget()


def _leave(qtbot) -> None:
    """Tab out of the field, as an officer moves on to the next one."""
    qtbot.keyClick(_focused(), Qt.Key.Key_Tab)


def _select_all_and_type(qtbot, field: DateEdit, text: str) -> None:
    field.line.setFocus()
    assert _focused() is field.line, (field.accessibleName(), field.isVisible(),
                                      field.window().windowTitle(), field.isEnabled())
    qtbot.keyClick(_focused(), Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    if text:
        type_text(_focused(), text)
    else:
        qtbot.keyClick(_focused(), Qt.Key.Key_Delete)
    _leave(qtbot)


def _click_into_and_type(qtbot, field: DateEdit, x: int, text: str) -> None:
    field.window().setFocus()
    field.calendar_button.setFocus()       # somewhere else first
    qtbot.mouseClick(field.line, Qt.MouseButton.LeftButton,
                     pos=QPoint(x, field.line.height() // 2))
    qtbot.wait(5)                            # the field selects itself once focused
    assert _focused() is field.line
    type_text(_focused(), text)
    _leave(qtbot)


def check_field(qtbot, field: DateEdit, where: str) -> None:
    bring_forward(field)
    window = field.window()
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=2000)
    assert field.isVisible(), where
    for typed in WAYS:
        _select_all_and_type(qtbot, field, "01/01/1999")
        _select_all_and_type(qtbot, field, typed)
        assert field.value() == APRIL_FIRST, f"{where}: typed {typed!r}, kept {field.value()}"
        assert field.text() == "01/04/2002" and not field.error(), where
    width = field.line.width()
    for x in (3, width // 3, width // 2, width - 8):
        _select_all_and_type(qtbot, field, "15/08/2001")
        _click_into_and_type(qtbot, field, x, "30/06/2002")
        assert field.value() == date(2002, 6, 30), f"{where}: clicked at {x}, kept {field.value()}"
    for typed in REFUSED:
        _select_all_and_type(qtbot, field, "15/08/2001")
        _select_all_and_type(qtbot, field, typed)
        assert field.value() == date(2001, 8, 15), f"{where}: {typed!r} moved the date"
        assert field.text() == typed, f"{where}: {typed!r} was changed on screen"
        assert field.message.isVisible() and typed in field.message.text(), where
    _select_all_and_type(qtbot, field, "")
    if field.optional:
        assert field.value() is None and not field.error(), where
        type_text(_focused(), "")       # into the empty optional date
        field.line.setFocus()
        type_text(_focused(), "1.4.02")
        _leave(qtbot)
        assert field.value() == APRIL_FIRST, where
    else:
        assert field.value() == date(2001, 8, 15) and field.error(), where


def _name(field: DateEdit) -> str:
    return field.accessibleName() or field.objectName() or type(field.parentWidget()).__name__


def test_every_date_field_keeps_the_date_typed(qtbot, window, monkeypatch):
    quiet_prompts(monkeypatch)
    catcher = DialogCatcher(monkeypatch, window)
    window.members_tab.set_as_on(date(2002, 6, 30))     # the demo's story stands then
    actions = window.actions_tab

    def prepare(page):
        if page is actions:
            actions.select_id(window.services.actions.list_actions()[0].id)
    checked: list[str] = []
    for page in pages(window):
        for field in page.findChildren(DateEdit):
            if field.isEnabled():
                where = f"{type(page).__name__}: {_name(field)}"
                check_field(qtbot, field, where)
                checked.append(where)
    window.members_tab.set_as_on(date(2002, 6, 30))
    dialogs = walk(window, catcher, prepare=prepare)
    titles = set()
    for dialog in dialogs:
        if not shiboken6.isValid(dialog):
            continue
        titles.add(dialog.windowTitle())
        dialog.show()
        for field in dialog.findChildren(DateEdit):
            bring_forward(field)
            if field.isEnabled() and field.isVisibleTo(dialog):
                where = f"{dialog.windowTitle()}: {_name(field)}"
                check_field(qtbot, field, where)
                checked.append(where)
        dialog.hide()
    # The walk did reach the dialogs officers type dates in (a guard on the walker itself).
    seen = " | ".join(checked)
    for expected in ("Board as on date", "End term of", "New member: Term start",
                     "Term end", "Start date", "Due date", "Milestone due date", "Note date",
                     "Audit log: From date", "Edit member: Declared on"):
        assert expected in seen, f"no date field for {expected!r} was reached: {seen}"
    assert len(checked) >= 20


def test_the_calendar_picks_a_date_and_closes(qtbot):
    from PySide6.QtCore import QDate

    field = DateEdit(date(2002, 6, 30))
    qtbot.addWidget(field)
    field.show()
    qtbot.mouseClick(field.calendar_button, Qt.MouseButton.LeftButton)
    calendar = field._calendar
    assert calendar.isVisible() and calendar.selectedDate() == QDate(2002, 6, 30)
    calendar.setSelectedDate(QDate(2002, 7, 15))
    calendar.clicked.emit(QDate(2002, 7, 15))
    assert not calendar.isVisible()                 # it does not stay open
    assert field.value() == date(2002, 7, 15) and field.text() == "15/07/2002"


def test_a_dialog_will_not_save_a_date_that_does_not_exist(qtbot):
    from lsp_desktop.ui.members.end_term_dialog import EndTermDialog

    dialog = EndTermDialog("Ann Lee")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    field = dialog.end
    field.line.setFocus()
    qtbot.keyClick(field.line, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    type_text(field.line, "31/06/2002")
    qtbot.keyClick(field.line, Qt.Key.Key_Return)       # Enter: OK, refused
    assert dialog.isVisible() and dialog.result() == 0
    assert "June 2002 has 30 days" in field.message.text() and field.message.isVisible()
    assert field.text() == "31/06/2002"
    qtbot.keyClick(field.line, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    type_text(field.line, "30/06/2002")
    qtbot.keyClick(field.line, Qt.Key.Key_Return)
    assert not dialog.isVisible() and dialog.values()[0] == date(2002, 6, 30)
