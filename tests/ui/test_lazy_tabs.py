"""Tabs behind the one in front are built when first wanted, else just after the first paint."""

from __future__ import annotations

import pytest

from lsp_desktop.ui.main_window import MainWindow

LATER = ["strategies_tab", "actions_tab", "accreditation_tab", "meetings_tab", "programme_tab"]


@pytest.fixture
def fresh(qtbot, demo_services, demo_db):
    """A window just made: not shown, so not painted, so nothing built in the background."""
    win = MainWindow(demo_services, demo_db.path)
    qtbot.addWidget(win)
    return win


def test_only_the_tab_in_front_is_built_with_the_window(fresh):
    assert fresh.tabs.waiting() == LATER
    assert [fresh.tabs.tabText(i) for i in range(fresh.tabs.count())] == [
        "&Members", "&Strategy drafts", "&Action plans", "A&ccreditation", "Meetings",
        "Programme"]
    fresh.members_tab.members_changed.emit()          # the others follow without being built
    assert fresh.tabs.waiting() == LATER


def test_after_the_first_paint_the_others_are_built_without_changing_tab(qtbot, fresh,
                                                                         demo_services):
    changes = []
    fresh.tabs.currentChanged.connect(changes.append)
    fresh.show()
    qtbot.waitUntil(lambda: not fresh.tabs.waiting(), timeout=5000)
    assert changes == [] and fresh.tabs.currentIndex() == 0
    assert fresh.tabs.currentWidget() is fresh.members_tab and fresh.members_tab.isVisible()
    pages = [fresh.tabs.widget(i) for i in range(5)]
    assert pages == [fresh.members_tab, fresh.strategies_tab, fresh.actions_tab,
                     fresh.accreditation_tab, fresh.meetings_tab]
    assert not any(page.isVisible() for page in pages[1:])
    assert fresh.actions_tab.model.all_actions() == []           # loaded only when shown
    assert fresh.actions_tab.history_button.text() == "Histor&y…"
    assert fresh.strategies_tab.draft.history_button.text() == "Hist&ory…"
    assert fresh.accreditation_tab.history_button.text() == "Round histor&y…"
    fresh.tabs.setCurrentIndex(2)
    assert len(fresh.actions_tab.model.all_actions()) == len(
        demo_services.actions.list_actions()) > 0


def test_a_tab_brought_forward_before_it_was_built_comes_built_and_loaded(fresh, demo_services):
    fresh.show()                    # brought forward before the first paint: as a quick Ctrl+3
    seen = []
    fresh.tabs.currentChanged.connect(lambda i: seen.append(fresh.tabs.widget(i)))
    fresh.tab_keys.go_to_tab_actions[2].trigger()
    actions = fresh.tabs.page_if_built("actions_tab")
    assert actions is not None and seen == [actions]
    assert fresh.tabs.currentIndex() == 2 and fresh.tabs.currentWidget() is actions
    assert actions.isVisible() and not fresh.members_tab.isVisible()
    assert actions.isAncestorOf(fresh.focusWidget())        # keys work in it at once
    assert len(actions.model.all_actions()) == len(demo_services.actions.list_actions()) > 0
    assert fresh.tabs.waiting() == ["strategies_tab", "accreditation_tab", "meetings_tab",
                                    "programme_tab"]
    assert fresh.tabs.tabText(2) == "&Action plans" and fresh.tabs.count() == 6
    fresh.tabs.setCurrentIndex(1)                    # the tab left of it, built in turn
    assert fresh.tabs.currentWidget() is fresh.tabs.page_if_built("strategies_tab")
    assert fresh.tabs.widget(2) is actions and not actions.isVisible()


def test_asking_for_a_tab_builds_it_behind_the_one_in_front(fresh):
    accreditation = fresh.accreditation_tab
    assert fresh.tabs.waiting() == ["strategies_tab", "actions_tab", "meetings_tab",
                                    "programme_tab"]
    assert fresh.tabs.widget(3) is accreditation and fresh.tabs.currentIndex() == 0
    assert accreditation in fresh._stale                 # it loads when first shown
    fresh.tabs.setCurrentWidget(accreditation)
    assert accreditation not in fresh._stale and accreditation.round is not None


def test_the_last_tab_used_is_built_and_loaded_before_the_window_shows(qtbot, demo_services,
                                                                        demo_db):
    first = MainWindow(demo_services, demo_db.path)
    qtbot.addWidget(first)
    first.tabs.setCurrentIndex(3)
    first.close()
    second = MainWindow(demo_services, demo_db.path)
    qtbot.addWidget(second)
    accreditation = second.tabs.page_if_built("accreditation_tab")
    assert accreditation is not None and second.tabs.currentWidget() is accreditation
    assert accreditation.round is not None and accreditation not in second._stale
    assert accreditation.history_button.text() == "Round histor&y…"
    assert second.tabs.waiting() == ["strategies_tab", "actions_tab", "meetings_tab",
                                     "programme_tab"]
