"""Typing narrows the Members filter from earlier results: the rows are always those a
fresh filter of the whole register would show, in the same order."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtCore import Qt

from lsp_desktop.domain.members import MemberRow
from lsp_desktop.domain.text import fold
from lsp_desktop.ui.members.member_table import ORGANISATION, MemberTableModel

NAMES = ["Llŷr Davies", "Siobhán O'Neill", "Anne Dubois", "Zofia Nowak", "Ann Lloyd",
         "Oni Neill", "Łucja Lis", "Dai Llywelyn"]
BODIES = ["Bankside", "Northfields", "LB Thameside", "Chamber", "Lloyds"]


def _rows(n: int) -> list[MemberRow]:
    out = []
    for i in range(n):
        name, body = NAMES[i % len(NAMES)], BODIES[i % len(BODIES)]
        out.append(MemberRow(i + 1, name, body, ("public", "private", "community")[i % 3], "",
                             "member", date(2001, 4, 1), None, i % 4 != 0, i % 2 == 0,
                             f"{fold(name)} {fold(body)}"))
    return out


def _fresh(rows, text, sector, status, sort) -> list[MemberRow]:
    model = MemberTableModel()
    if sort:
        model.sort(ORGANISATION, Qt.SortOrder.DescendingOrder)
    model.set_rows(rows)
    model.set_filter(text=text, sector=sector, status=status)
    return model.visible_rows()


step = st.one_of(
    st.tuples(st.just("type"), st.sampled_from(list("lyoneidaws '") + ["ll", "Ŷ"])),
    st.tuples(st.just("back"), st.integers(1, 3)),
    st.tuples(st.just("sector"), st.sampled_from(["", "public", "community"])),
    st.tuples(st.just("status"), st.sampled_from(["", "current", "former"])),
    st.tuples(st.just("sort"), st.booleans()),
    st.tuples(st.just("edit"), st.integers(0, 39)),
)


@settings(max_examples=60, deadline=None)
@given(steps=st.lists(step, max_size=25))
def test_typing_and_backspacing_show_what_a_fresh_filter_shows(steps):
    rows = _rows(40)
    model = MemberTableModel()
    model.set_rows(rows)
    text, sector, status, sort = "", "", "", False
    for kind, value in steps:
        if kind == "type":
            text += value
            model.set_filter(text=text)
        elif kind == "back":
            text = text[:-value]
            model.set_filter(text=text)
        elif kind == "sector":
            sector = value
            model.set_filter(sector=sector)
        elif kind == "status":
            status = value
            model.set_filter(status=status)
        elif kind == "sort":
            sort = value
            model.sort(ORGANISATION, Qt.SortOrder.DescendingOrder if value
                       else Qt.SortOrder.AscendingOrder)
            if not value:
                model.sort(0, Qt.SortOrder.AscendingOrder)
        else:       # a saved edit that changes neither sort nor filter columns
            shown = model.visible_rows()
            if shown:
                old = shown[value % len(shown)]
                new = MemberRow(old.id, old.name, old.organisation, old.sector, old.category,
                                "chair", old.term_start, old.term_end, old.current,
                                not old.publish_contact, old.search_key)
                assert model.update_row(new)
                rows = [new if r.id == new.id else r for r in rows]
        # the same members in the same order, never a stale row after an edit
        assert model.visible_rows() == _fresh(rows, text, sector, status, sort)


def test_a_saved_edit_shows_when_typing_goes_on():
    model = MemberTableModel()
    model.set_rows(_rows(40))
    model.set_filter(text="d")
    old = model.visible_rows()[0]
    new = MemberRow(old.id, old.name, old.organisation, old.sector, old.category, "chair",
                    old.term_start, old.term_end, old.current, not old.publish_contact,
                    old.search_key)
    assert model.update_row(new)
    longer = old.search_key[old.search_key.index("d"):][:3]
    model.set_filter(text=longer)                # narrowed from what "d" found
    assert new in model.visible_rows() and old not in model.visible_rows()
    model.set_filter(text="d")                   # a Backspace: "d" is looked up again
    assert new in model.visible_rows() and old not in model.visible_rows()
