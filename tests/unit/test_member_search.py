"""Members found by typing, read from SQL: the same members, in the same order, as matching
every owner's label in memory (accents, case, punctuation, text running across fields)."""

from __future__ import annotations

from datetime import date

import pytest

from lsp_desktop.domain.members import Member, Sector, Term
from lsp_desktop.domain.text import fold
from lsp_desktop.services import member_search
from lsp_desktop.ui.actions.action_dialog_controller import OwnerLookup, owner_choices
from lsp_desktop.ui.members.member_dialog_controller import DeputyLookup, deputy_choices

ON = date(2003, 6, 1)
PEOPLE = [("Dr", "Łucja Wróbel", "Canal Trust"), ("", "Seán O'Neill", "Police"),
          ("Cllr", "Llŷr Ó Súilleabháin", "Borough Council"), ("", "Siobhán Murphy", ""),
          ("Mrs", "Anne Oneill", "Oneill & Co"), ("", "Zoë Brontë", "Health Trust"),
          ("Prof", "Bob Cole", "University"), ("", "Ann Brown", "Drill Hall"),
          ("Dr", "Al Li", "Xy Co"), ("Sir", "Jo Ng", "Ngo")]
TYPED = ["l", "Łucja", "lucja", "ŁUCJA WRÓB", "o'neill", "O Neill", "oneill", "llyr",
         "Dr Łucja", "drlu", "wrobelcan", "Cllr Llŷr Ó Súilleabháin (Borough Council)",
         "Zoe", "bronte health", "an", "e", "zzz", "", "  ", "(", "trust", "rs ann",
         "has left", "deleted member", "no longer serving", "r alli x", "dralli", "rjongng",
         "ir jo ng n", "lixy", "ngngo", "sirjongngo", "xyco"]


@pytest.fixture
def people(services):
    ids = []
    for i, (title, name, org) in enumerate(PEOPLE):
        # Every third has left by ON: not offered, unless already set.
        terms = (Term(date(2001, 1, 1), date(2002, 1, 1)),) if i % 3 == 2 else (
            Term(date(2001, 1, 1)),)
        ids.append(services.members.add(Member(name=name, title=title, organisation=org,
                                               sector=Sector.PUBLIC, terms=terms)).id)
    return ids


def _typed_as_before(choices, typed: str, limit: int) -> list:
    """What the picker offered from the full list of owners: labels holding the text."""
    needle = fold(typed)
    return [c for c in choices if needle and needle in fold(c[0])][:limit]


@pytest.mark.parametrize("limit", [1, 2, 50])
@pytest.mark.parametrize("keep", [None, "serving", "left", "deleted"])
def test_owners_found_as_typed_are_those_the_full_list_offered(services, people, keep, limit):
    kept = {None: None, "serving": people[0], "left": people[2], "deleted": 10**6}[keep]
    everyone = services.actions.owners(ON)
    lookup = OwnerLookup(services.actions, ON, kept)
    before = owner_choices(everyone, kept)[1:]
    for typed in TYPED:
        assert lookup.find(typed, limit) == _typed_as_before(before, typed, limit), typed
    labels = {i: t for t, i in before}
    for o in everyone:          # the owner already set, and those serving: no one else
        assert lookup.label(o.id) == labels.get(o.id)
    if kept is not None:
        assert lookup.label(kept) == labels[kept]


def test_bulk_edit_owners_are_names_alone(services, people):
    everyone = services.actions.owners(ON)
    before = [(o.name, o.id) for o in everyone if o.current]
    lookup = OwnerLookup(services.actions, ON, body=False)
    for typed in TYPED + ["canal", "drłucjawróbel"]:
        assert lookup.find(typed, 50) == _typed_as_before(before, typed, 50), typed


@pytest.mark.parametrize("me", [None, 0, 1])
@pytest.mark.parametrize("deputy", [None, 1, 2, 10**6])
def test_deputies_found_as_typed_are_those_the_full_list_offered(services, people, me,
                                                                 deputy):
    member = None if me is None else services.members.get(people[me])
    deputy_id = None if deputy is None or deputy == 10**6 else people[deputy]
    deputy_id = 10**6 if deputy == 10**6 else deputy_id
    rows = sorted(services.members.list_rows(ON, include_former=False),
                  key=lambda r: r.search_key)
    before = deputy_choices([(r.id, r.name) for r in rows], member, deputy_id)[1:]
    lookup = DeputyLookup(services.members, ON, member.id if member else None, deputy_id)
    for typed in TYPED:
        assert lookup.find(typed, 50) == _typed_as_before(before, typed, 50), typed
    if deputy_id is not None:
        assert lookup.label(deputy_id) == {i: t for t, i in before}[deputy_id]
    assert lookup.serving(set(people)) == {r.id for r in rows}


def test_pages_after_the_first_are_read_by_key(services, people, monkeypatch):
    """Rows the SQL lets through but the folded label refuses: further pages are read."""
    monkeypatch.setattr(member_search, "FIRST_PAGE", 1)
    everyone = services.actions.owners(ON)
    before = owner_choices(everyone, None)[1:]
    lookup = OwnerLookup(services.actions, ON)
    for typed in ["ealc", "nce", "e", "ann", "lucjawrobelcanaltrust"]:
        for limit in (1, 2, 3, 50):
            assert lookup.find(typed, limit) == _typed_as_before(before, typed, limit)


def test_one_member_by_id(services, people):
    owner = services.actions.owner(people[0], ON)
    assert (owner.name, owner.organisation, owner.current) == ("Dr Łucja Wróbel",
                                                               "Canal Trust", True)
    assert services.actions.owner(people[2], ON).current is False
    assert services.actions.owner(10**6, ON) is None
    assert services.members.name_on(people[1], ON) == ("Seán O'Neill", True)
    assert services.members.name_on(10**6, ON) is None


def test_the_demo_found_by_any_part_of_a_label(demo_services):
    """Every run of three letters of every owner's label, across title, name and body."""
    on = date(2002, 6, 30)
    everyone = demo_services.actions.owners(on)
    before = owner_choices(everyone, None)[1:]
    lookup = OwnerLookup(demo_services.actions, on)
    runs = {fold(label)[i:i + 3] for label, _id in before for i in range(0, 40, 3)}
    for typed in sorted(runs):
        assert lookup.find(typed, 5) == _typed_as_before(before, typed, 5), typed
