"""A large register opens on its first screenful, then reads every row after that paint."""

from __future__ import annotations

from datetime import date

from PySide6.QtGui import QUndoStack

from lsp_desktop.domain.members import Member, Role, Sector, Term
from lsp_desktop.ui.members.members_tab import FIRST_PAGE, MembersTab
from tests.ui.helpers import shown_names, type_text

D = date


def _register(services, current: int, former: int) -> None:
    people = [Member(name=f"Member {i:03d} Llŷr", organisation=f"Body {i % 5}",
                     sector=Sector.PUBLIC, category="Local authority",
                     role=Role.OBSERVER if i % 10 == 0 else Role.MEMBER,
                     terms=(Term(D(2001, 4, 1)),)) for i in range(current)]
    people += [Member(name=f"Former {i:03d}", sector=Sector.COMMUNITY,
                      category="Residents and community groups",
                      terms=(Term(D(2001, 4, 1), D(2002, 3, 31)),)) for i in range(former)]
    services.members.add_many(people)


def _painted(tab) -> list[str]:
    """The rows the table has to paint (visible_rows() would read every row first)."""
    return [tab.model.row_at(i).name for i in range(tab.model.rowCount())]


def test_opens_on_the_first_screenful_then_reads_the_rest_once_painted(qtbot, services):
    _register(services, FIRST_PAGE + 20, 10)
    tab = MembersTab(services.members, QUndoStack())
    qtbot.addWidget(tab)
    everyone_current = [r.name for r in services.members.list_rows(include_former=False)]
    assert tab.model.pending()
    assert _painted(tab) == everyone_current[:FIRST_PAGE]
    # The counts and the balance are the whole register's from the start.
    assert tab.count_label.text() == f"{FIRST_PAGE + 20} of {FIRST_PAGE + 30} members shown"
    assert tab.balance_panel.total.text() == f"{FIRST_PAGE + 12} seats (plus 8 observers)"
    tab.show()
    qtbot.waitUntil(lambda: not tab.model.pending())
    assert shown_names(tab) == everyone_current
    assert tab.count_label.text() == f"{FIRST_PAGE + 20} of {FIRST_PAGE + 30} members shown"


def test_typing_before_the_rest_is_read_filters_every_row(qtbot, services):
    _register(services, FIRST_PAGE + 20, 10)
    tab = MembersTab(services.members, QUndoStack())
    qtbot.addWidget(tab)
    assert tab.model.pending()
    type_text(tab.filter_edit, "member 07")
    assert not tab.model.pending()
    assert shown_names(tab) == [f"Member {i:03d} Llŷr" for i in range(70, FIRST_PAGE + 20)]
    assert tab.count_label.text() == f"10 of {FIRST_PAGE + 30} members shown"


def test_a_new_date_before_the_rest_is_read_opens_that_day(qtbot, services):
    _register(services, FIRST_PAGE + 20, 10)
    tab = MembersTab(services.members, QUndoStack())
    qtbot.addWidget(tab)
    tab.set_as_on(D(2002, 1, 1))        # the former members served then too
    assert tab.count_label.text() == f"{FIRST_PAGE + 30} of {FIRST_PAGE + 30} members shown"
    tab.show()
    qtbot.waitUntil(lambda: not tab.model.pending())
    assert tab.model.rowCount() == FIRST_PAGE + 30


def test_a_register_grown_small_before_the_rest_is_read_is_read_whole(qtbot, services):
    _register(services, FIRST_PAGE + 5, 0)
    tab = MembersTab(services.members, QUndoStack())
    qtbot.addWidget(tab)
    assert tab.model.pending()
    for row in services.members.list_rows()[:10]:      # another officer deletes ten
        services.members.delete(row.id)
    tab.refresh()
    assert not tab.model.pending()
    assert tab.model.rowCount() == FIRST_PAGE - 5
    assert tab.count_label.text() == f"{FIRST_PAGE - 5} of {FIRST_PAGE - 5} members shown"
