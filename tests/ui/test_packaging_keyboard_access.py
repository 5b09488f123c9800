"""Keyboard and screen-reader access: every menu entry has a mnemonic, every field a name."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QHeaderView,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from lsp_desktop.ui.main_window import MainWindow

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")
INPUTS = (QLineEdit, QComboBox, QAbstractSpinBox, QAbstractItemView, QTextEdit, QPlainTextEdit,
          QAbstractButton)


@pytest.fixture
def window(qtbot, demo_services, demo_db):
    win = MainWindow(demo_services, demo_db.path)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def menu_entries(menu: QMenu, path: str = ""):
    for action in menu.actions():
        if action.isSeparator() or not action.isVisible():
            continue
        yield f"{path}{action.text()}", action
        if action.menu() is not None:
            yield from menu_entries(action.menu(), f"{path}{action.text()} ▸ ")


def test_every_menu_entry_has_a_mnemonic(window):
    for menu_action in window.menuBar().actions():
        assert "&" in menu_action.text(), menu_action.text()
        menu = menu_action.menu()
        # Open recent lists file paths: its entries are reached with the arrow keys.
        missing = [name for name, action in menu_entries(menu)
                   if "&" not in action.text() and action.parent() is not window.recent_menu]
        assert missing == [], f"{menu.title()}: no Alt+letter for {missing}"


def test_menu_bar_mnemonics_are_unique(window):
    def letter(text: str) -> str:
        plain = text.replace("&&", "")
        index = plain.find("&")
        return plain[index + 1].lower() if index >= 0 else ""

    letters = [letter(a.text()) for a in window.menuBar().actions()]
    assert len(set(letters)) == len(letters), letters


def test_mnemonics_within_each_menu_are_unique(window):
    def letter(text: str) -> str:
        plain = text.replace("&&", "")
        index = plain.find("&")
        return plain[index + 1].lower() if index >= 0 else ""

    def check(menu: QMenu) -> None:
        texts = [a.text() for a in menu.actions() if not a.isSeparator() and a.isVisible()
                 and "&" in a.text() and menu is not window.recent_menu]
        letters = [letter(t) for t in texts]
        clashes = sorted({t for t in texts if letters.count(letter(t)) > 1})
        assert clashes == [], f"{menu.title()}: the same Alt+letter for {clashes}"
        for action in menu.actions():
            if action.menu() is not None:
                check(action.menu())

    for menu_action in window.menuBar().actions():
        check(menu_action.menu())


def unnamed_inputs(root: QWidget) -> list[str]:
    """Inputs a screen reader would announce without a name (no text, label or name)."""
    found = []
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, INPUTS) or isinstance(widget, QHeaderView) \
                or not widget.isVisibleTo(root):
            continue
        if isinstance(widget, QLineEdit) and isinstance(widget.parent(), (QComboBox,
                                                                          QAbstractSpinBox)):
            continue  # the editor inside a combo or spin box: the box carries the name
        interface = QAccessible.queryAccessibleInterface(widget)
        name = interface.text(QAccessible.Text.Name) if interface else ""
        if not name.strip():
            found.append(f"{type(widget).__name__} {widget.objectName()!r} in "
                         f"{type(widget.parent()).__name__}")
    return found


def test_every_field_of_every_tab_has_an_accessible_name(window):
    missing = {}
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        if names := unnamed_inputs(window.tabs.widget(index)):
            missing[window.tabs.tabText(index)] = names
    assert missing == {}
