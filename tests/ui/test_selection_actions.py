"""What acts on a selection (Edit, Delete, Add note, Mark complete...) is disabled on every tab
while nothing is selected, and enabled once a record is; short tables are shown whole."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QPushButton

from tests.ui.walk import bring_forward, pages

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

# Buttons that only make sense with a record selected.
ACTS_ON_SELECTION = ("Edit", "Delete", "Remove", "Add note", "Mark complete", "Change selected",
                     "End term", "Make action", "Set GO rating", "Read", "Restore as",
                     "Open file", "History")
# These act on what a combo box or the outline has chosen (there is always one), not rows.
ON_THE_ONE_SHOWN = ("Delete strategy", "Delete round", "Edit prompts", "StrategiesTab: Remove",
                    "DraftPage: Remove")


def _plain(text: str) -> str:
    return text.replace("&", "").rstrip("…").strip()


def test_nothing_selected_nothing_to_act_on_on_every_tab(qtbot, window):
    window.as_at.set(date(2002, 6, 30))
    enabled = []
    for page in pages(window):
        bring_forward(page)
        for view in page.findChildren(QAbstractItemView):
            if not isinstance(view, QHeaderView) and view.selectionModel() is not None:
                view.clearSelection()
        for button in page.findChildren(QPushButton):
            if (button.isVisible() and _plain(button.text()).startswith(ACTS_ON_SELECTION)
                    and button.isEnabled()):
                enabled.append(f"{type(page).__name__}: {_plain(button.text())}")
    enabled = [e for e in enabled if not e.endswith(ON_THE_ONE_SHOWN)]
    assert enabled == [], enabled


def test_the_actions_buttons_follow_the_selection(qtbot, window):
    tab = window.actions_tab
    window.tabs.setCurrentWidget(tab)
    tab.table.clearSelection()
    buttons = (tab.edit_button, tab.note_button, tab.complete_button, tab.delete_button)
    assert not any(b.isEnabled() for b in buttons)
    assert not tab.delete_action.isEnabled()
    first = window.services.actions.list_actions()[0]
    tab.select_id(first.id)
    assert all(b.isEnabled() for b in buttons)
    tab.table.clearSelection()
    qtbot.mouseClick(tab.note_button, Qt.MouseButton.LeftButton)     # does nothing, says nothing
    assert not tab.note_button.isEnabled()


def test_go_review_shows_all_six_criteria_without_a_scroll_bar_of_its_own(qtbot, window):
    from PySide6.QtWidgets import QApplication

    from lsp_desktop.ui.accreditation.accreditation_tab import GO

    tab = window.accreditation_tab
    window.tabs.setCurrentWidget(tab)
    tab.pages.setCurrentIndex(GO)
    window.resize(1024, 700)
    QApplication.processEvents()
    table = tab.go_page.ratings_table
    assert table.model().rowCount() == 6
    last = table.rowViewportPosition(5) + table.rowHeight(5)
    assert 0 <= table.rowViewportPosition(0) and last <= table.viewport().height()
    assert not table.verticalScrollBar().isVisible()
