"""MemberTableModel: passes Qt's model tester, filters and sorts on plain rows."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt

from lsp_desktop.domain.members import MemberRow
from lsp_desktop.domain.text import fold
from lsp_desktop.ui.members.member_table import (
    HEADERS,
    NAME,
    SORT_ROLE,
    TERM_START,
    MemberTableModel,
)


def rows() -> list[MemberRow]:
    def r(i, name, org, sector, current=True, start=date(2001, 4, 1)):
        return MemberRow(i, name, org, sector, "", "member", start, None, current, i % 2 == 0,
                         f"{fold(name)} {fold(org)}")
    return [r(1, "Llŷr Davies", "Bankside", "community"),
            r(2, "Siobhán O'Neill", "Northfields", "community", start=date(2002, 1, 1)),
            r(3, "Anne Dubois", "LB Thameside", "public", current=False),
            r(4, "Zofia Nowak", "Chamber", "private")]


def test_model_tester_with_rows_filters_and_sorting(qtmodeltester):
    model = MemberTableModel()
    model.set_rows(rows())
    qtmodeltester.check(model)
    model.set_filter(text="o")
    model.sort(TERM_START, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(model)
    model.set_rows([])
    qtmodeltester.check(model)


def test_filter_and_sort():
    model = MemberTableModel()
    model.set_rows(rows())
    assert model.columnCount() == len(HEADERS) == 9
    names = [model.index(i, NAME).data() for i in range(model.rowCount())]
    assert names == ["Anne Dubois", "Llŷr Davies", "Siobhán O'Neill", "Zofia Nowak"]
    model.set_filter(text="LLYR")
    assert [r.id for r in model.visible_rows()] == [1]
    model.set_filter(text="o'neill")
    assert [r.id for r in model.visible_rows()] == [2]
    model.set_filter(text="", status="current")
    assert {r.id for r in model.visible_rows()} == {1, 2, 4}
    model.set_filter(sector="community")
    model.sort(TERM_START, Qt.SortOrder.DescendingOrder)
    assert [r.id for r in model.visible_rows()] == [2, 1]
    assert model.index(0, TERM_START).data() == "01/01/2002"
    assert model.index(0, TERM_START).data(SORT_ROLE) == "2002-01-01"
    model.set_filter(sector="", status="former")
    assert model.index(0, NAME).data(Qt.ItemDataRole.ForegroundRole) is not None
    assert "not on the board" in model.index(0, NAME).data(Qt.ItemDataRole.ToolTipRole)


def test_narrowing_the_filter_then_widening_it():
    model = MemberTableModel()
    model.set_rows(rows())
    for text in ("d", "da", "dav"):
        model.set_filter(text=text)
    assert [r.id for r in model.visible_rows()] == [1]
    model.set_filter(text="d")        # deleting a letter widens again
    assert {r.id for r in model.visible_rows()} == {1, 2, 3}   # Northfields has a d


def test_every_column_sorts_both_ways(qtmodeltester):
    model = MemberTableModel()
    model.set_rows(rows())
    for column in range(model.columnCount()):
        for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
            model.sort(column, order)
            keys = [model.index(i, column).data(SORT_ROLE) for i in range(model.rowCount())]
            assert keys == sorted(keys, reverse=order == Qt.SortOrder.DescendingOrder), column
    qtmodeltester.check(model)
