"""Which tabs another officer's save concerns, from the tables it wrote."""

from __future__ import annotations

from lsp_desktop.db.models import Base
from lsp_desktop.ui.shared_db.shared_window import (
    _SHOWN_ELSEWHERE,
    ACCREDITATION_TABLES,
    TAB_TABLES,
)
from lsp_desktop.ui.shared_db.shared_window import tabs_touched as touched


def test_each_change_reloads_only_the_tabs_that_show_it(window):
    w = window

    def tabs_touched(_w, tables):   # handed the tabs and a tab by name, as the window does
        return touched(w.tabs, w.tab_named, tables)

    every = [w.members_tab, w.strategies_tab, w.actions_tab, w.accreditation_tab,
             w.meetings_tab, w.programme_tab]
    assert tabs_touched(w, {"action", "action_note", "audit"}) == [
        w.actions_tab, w.accreditation_tab, w.programme_tab]    # projects link actions
    assert tabs_touched(w, {"strategy_section", "audit"}) == [w.strategies_tab,
                                                              w.accreditation_tab]
    assert tabs_touched(w, {"member", "term"}) == every[:5]   # owners, bodies, readiness
    assert tabs_touched(w, {"project_quarter"}) == [w.accreditation_tab, w.programme_tab]
    assert tabs_touched(w, {"criterion_assessment"}) == [w.accreditation_tab]
    assert tabs_touched(w, {"attendance", "meeting"}) == [w.accreditation_tab, w.meetings_tab]
    assert tabs_touched(w, ()) == every                       # not known what changed
    assert tabs_touched(w, {"a_table_from_a_newer_program"}) == every


def test_every_table_of_the_partnership_is_placed():
    placed = set().union(*TAB_TABLES.values()) | ACCREDITATION_TABLES | _SHOWN_ELSEWHERE
    assert set(Base.metadata.tables) == placed
