"""The member dialog's rules, tested without Qt: choices, the sector a category implies,
whom a substitute may deputise for, where problems show, and what stops a save."""

from __future__ import annotations

import subprocess
import sys
from datetime import date

from lsp_desktop.domain.errors import FieldError
from lsp_desktop.domain.members import CATEGORIES, Member, Role, Sector, Term
from lsp_desktop.ui.members.member_dialog_controller import (
    CONTACT,
    DETAILS,
    NO_LONGER_SERVING,
    TERMS,
    blank_member,
    by_field,
    category_choices,
    chosen_sector,
    deputy_allowed,
    deputy_choices,
    page_to_show,
    problems,
    role_choices,
    sector_choices,
    sector_of,
    title_of,
)

FIELDS = ("name", "sector", "category", "deputises_for", "email", "terms")


def test_it_loads_without_qt():
    code = ("import sys, lsp_desktop.ui.members.member_dialog_controller; "
            "sys.exit(any(m.startswith(('PySide6', 'shiboken6')) for m in sys.modules))")
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0


def test_a_new_member_starts_blank_with_a_term_from_today_and_no_sector_chosen():
    new = blank_member(date(2002, 6, 30))
    assert new.name == "" and new.terms == (Term(date(2002, 6, 30)),)
    assert title_of(None) == "New member" and chosen_sector(None) is None
    saved = Member(name="Ann", sector=Sector.PRIVATE, id=4)
    assert title_of(saved) == "Edit member" and chosen_sector(saved) == "private"


def test_choices_offer_every_sector_category_and_role():
    assert sector_choices()[0] == ("— choose —", None)
    assert [v for _l, v in sector_choices()[1:]] == [s.value for s in Sector]
    assert [v for _l, v in category_choices()] == ["", *CATEGORIES]
    name, sector = next(iter(CATEGORIES.items()))
    assert category_choices()[1] == (f"{name} ({sector.value})", name)
    assert [v for _l, v in role_choices()] == [r.value for r in Role]


def test_a_category_chooses_its_sector():
    name, sector = next(iter(CATEGORIES.items()))
    assert sector_of(name) == sector.value
    assert sector_of("") is None and sector_of(None) is None


def test_only_a_substitute_deputises_and_never_for_themself():
    current = [(1, "Ann Brown"), (2, "Bob Cole")]
    me = Member(name="Bob Cole", sector=Sector.PUBLIC, id=2)
    assert deputy_choices(current, me, None) == [("", None), ("Ann Brown", 1)]
    assert deputy_choices(current, None, None) == [("", None), ("Ann Brown", 1),
                                                   ("Bob Cole", 2)]
    assert deputy_choices(current, me, 9)[-1] == (NO_LONGER_SERVING, 9)
    assert deputy_allowed(Role.SUBSTITUTE.value)
    assert not deputy_allowed(Role.MEMBER.value) and not deputy_allowed(None)


def test_problems_show_at_their_field_and_their_page():
    placed = by_field([FieldError("terms", "Term 1 ends before it starts."),
                       FieldError("phone", "Too long")], FIELDS)
    assert placed == {"terms": ["Term 1 ends before it starts."], "name": ["Too long"]}
    assert page_to_show(placed) == DETAILS                   # the name's page comes first
    assert page_to_show({"terms": ["x"]}) == TERMS
    assert page_to_show({"email": ["x"]}) == CONTACT


def test_what_stops_a_save():
    found = problems(Member(name=" ", sector=Sector.PUBLIC, email="ann@",
                            terms=(Term(date(2002, 5, 1), date(2002, 4, 1)),)), set())
    assert {e.field for e in found} == {"name", "email", "terms"}
    assert problems(Member(name="Ann", sector=Sector.PUBLIC,
                           terms=(Term(date(2002, 5, 1)),)), set()) == []
