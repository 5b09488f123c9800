"""Keyboard-only use of the main window: Tab walks filters -> table -> buttons, text fields
hand Tab on, Ctrl+Tab and Ctrl+1..4 change tab from anywhere, Alt+letters never clash."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QLabel,
    QPlainTextEdit,
    QTabBar,
    QTabWidget,
)


def every_page(window):
    """Show each tab and each of its sub-pages in turn; yields (tab name, page name)."""
    for t in range(window.tabs.count()):
        window.tabs.setCurrentIndex(t)
        top = window.tabs.widget(t)
        pages = [(p, i) for p in top.findChildren(QTabWidget) for i in range(p.count())]
        for widget, index in pages or [(None, 0)]:
            if widget is not None:
                widget.setCurrentIndex(index)
            QApplication.processEvents()
            yield window.tabs.tabText(t), widget.tabText(index) if widget else ""


def tab_from(qtbot, widget, presses: int = 1):
    for _ in range(presses):
        qtbot.keyClick(QApplication.focusWidget() or widget, Qt.Key.Key_Tab)
    return QApplication.focusWidget()


def test_tab_leaves_the_members_table_and_reaches_its_buttons(qtbot, window, tab):
    tab.table.setFocus()
    assert QApplication.focusWidget() is tab.table
    seen = [tab_from(qtbot, tab.table)]
    assert seen[0] is not tab.table          # was: Tab moved from cell to cell, for ever
    while len(seen) < 8 and seen[-1] is not tab.add_button:
        seen.append(tab_from(qtbot, seen[-1]))
    assert tab.add_button in seen


def test_no_table_or_text_box_on_any_page_keeps_the_tab_key(window):
    trapping = []
    for place in every_page(window):
        top = window.tabs.currentWidget()
        for view in top.findChildren(QAbstractItemView):
            if view.isVisible() and view.tabKeyNavigation():
                trapping.append((place, view.accessibleName()))
        for edit in top.findChildren(QPlainTextEdit):
            if edit.isVisible() and not edit.isReadOnly() and not edit.tabChangesFocus():
                trapping.append((place, edit.accessibleName()))
    assert trapping == []


def test_ctrl_tab_and_ctrl_number_change_tab_even_from_a_table(qtbot, window, tab):
    tab.table.setFocus()
    ctrl = Qt.KeyboardModifier.ControlModifier
    steps = [(Qt.Key.Key_Tab, ctrl, 1), (Qt.Key.Key_4, ctrl, 3),
             (Qt.Key.Key_Backtab, ctrl | Qt.KeyboardModifier.ShiftModifier, 2),
             (Qt.Key.Key_PageUp, ctrl, 1), (Qt.Key.Key_1, ctrl, 0),
             (Qt.Key.Key_PageDown, ctrl, 1), (Qt.Key.Key_3, ctrl, 2)]
    for key, modifiers, expected in steps:
        qtbot.keyClick(QApplication.focusWidget(), key, modifiers)
        assert window.tabs.currentIndex() == expected, (key, modifiers)
        # The keyboard lands inside the tab now showing, ready to use.
        assert window.tabs.currentWidget().isAncestorOf(QApplication.focusWidget())


def test_enter_on_a_row_of_the_other_tabs_opens_it_like_double_click(qtbot, window,
                                                                     monkeypatch):
    from lsp_desktop.ui.accreditation.accreditation_dialogs import GoRatingDialog
    from lsp_desktop.ui.strategies.target_dialog import TargetDialog

    opened = []
    for cls in (TargetDialog, GoRatingDialog):
        monkeypatch.setattr(cls, "exec", lambda d: opened.append(type(d).__name__) or 0)

    def enter_on_first_row(table, key) -> None:
        table.selectRow(0)
        table.setFocus()
        qtbot.keyClick(table, key)

    window.tabs.setCurrentWidget(window.strategies_tab)
    window.strategies_tab.pages.setCurrentWidget(window.strategies_tab.targets)
    enter_on_first_row(window.strategies_tab.targets.table, Qt.Key.Key_Return)
    acc = window.accreditation_tab
    window.tabs.setCurrentWidget(acc)
    acc.pages.setCurrentWidget(acc.go_page)
    enter_on_first_row(acc.go_page.ratings_table, Qt.Key.Key_Enter)
    assert opened == ["TargetDialog", "GoRatingDialog"]
    acc.pages.setCurrentIndex(3)                 # Readiness: Enter on a signal goes there
    QApplication.processEvents()
    enter_on_first_row(acc.signal_table, Qt.Key.Key_Return)
    assert acc.pages.currentIndex() != 3 or window.tabs.currentWidget() is not acc


def alt_letter(text: str) -> str:
    plain = text.replace("&&", "")
    at = plain.find("&")
    return plain[at + 1].lower() if 0 <= at < len(plain) - 1 else ""


def alt_letters_showing(window) -> dict[str, list[str]]:
    """Alt+letter -> what it belongs to: menus, tabs, buttons and labelled fields on show."""
    found: dict[str, list[str]] = {}
    owners = [f"menu {a.text()}" for a in window.menuBar().actions()]
    for bar in window.findChildren(QTabBar):
        if bar.isVisible():
            owners += [f"tab {bar.tabText(i)}" for i in range(bar.count())]
    for widget in window.findChildren(QAbstractButton) + window.findChildren(QLabel):
        if widget.isVisible() and (not isinstance(widget, QLabel) or widget.buddy()):
            owners.append(f"{type(widget).__name__} {widget.text()}")
    for owner in owners:
        if letter := alt_letter(owner.split(" ", 1)[1]):
            found.setdefault(letter, []).append(owner)
    return found


def test_no_alt_letter_means_two_things_on_any_page(window):
    """Alt+E must open the Edit menu and Alt+S show Strategy drafts wherever the user is
    (an Edit… button took Alt+E; Change selected… took Alt+S)."""
    clashes = {}
    for place in every_page(window):
        for letter, owners in alt_letters_showing(window).items():
            if len(owners) > 1:
                clashes.setdefault(place, {})[letter] = owners
    assert clashes == {}


def test_a_tab_shortcut_puts_the_keyboard_in_the_tab_even_when_nothing_had_it(qtbot, window):
    window.setFocus()
    window.members_tab.filter_edit.setFocus()
    window.members_tab.filter_edit.clearFocus()          # e.g. a menu closed over a gone page
    assert QApplication.focusWidget() is None
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentWidget() is window.actions_tab
    assert window.actions_tab.isAncestorOf(QApplication.focusWidget())


def test_the_accreditation_pane_is_not_a_tab_stop_of_its_own(qtbot, window):
    acc = window.accreditation_tab
    window.tabs.setCurrentWidget(acc)
    acc.self_page.criteria_table.setFocus()
    after = tab_from(qtbot, acc.self_page.criteria_table)
    assert after is acc.self_page.edit_prompts_button      # straight into the criterion


def focus_chain(dialog) -> list:
    chain, widget = [], dialog.nextInFocusChain()
    while widget is not dialog:
        if dialog.isAncestorOf(widget) and widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            chain.append(widget)
        widget = widget.nextInFocusChain()
    return chain


def test_form_dialogs_open_on_their_first_field_with_ok_and_cancel_last(qtbot, window):
    """Tab went OK, Cancel, then the fields, and the dialog opened with OK focused."""
    from lsp_desktop.domain.strategies import StrategyStatus
    from lsp_desktop.ui.accreditation.accreditation_dialogs import GoRatingDialog
    from lsp_desktop.ui.strategies.strategy_dialogs import VersionLabelDialog

    acc = window.accreditation_tab
    window.tabs.setCurrentWidget(acc)
    for dialog, first in ((GoRatingDialog(acc.round.criteria[0], window), "rating"),
                          (VersionLabelDialog(4, StrategyStatus.AGREED, window),
                           "label_edit")):
        qtbot.addWidget(dialog)
        dialog.show()
        chain = focus_chain(dialog)
        ok = dialog.ok_button
        assert set(chain[-2:]) == set(ok.parent().buttons()), type(dialog).__name__
        assert chain[0] is getattr(dialog, first)
        assert dialog.focusWidget() is not ok
        dialog.reject()


def test_print_preview_fields_have_names_for_screen_readers(qtbot, demo_services):
    from lsp_desktop.ui.reports.print_preview import PrintPreviewDialog
    from tests.conftest import TODAY
    from tests.ui.test_packaging_keyboard_access import unnamed_inputs

    for report in ("register", "strategy"):
        dialog = PrintPreviewDialog(demo_services, report, today=TODAY)
        qtbot.addWidget(dialog)
        dialog.show()
        assert unnamed_inputs(dialog) == [], report    # the keyboard lands on "Report"
        qtbot.waitUntil(lambda d=dialog: d._thread is None, timeout=15000)
