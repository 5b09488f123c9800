"""Rules of the register: validation, terms, balance of the board and search folding."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lsp_desktop.domain.categories import expected_on
from lsp_desktop.domain.members import (
    CATEGORIES,
    EXPECTED_BODIES,
    Member,
    MemberRow,
    Role,
    Sector,
    Term,
    balance,
    terms_overlap,
    validate_member,
)
from lsp_desktop.domain.partnership import Partnership, validate_partnership
from lsp_desktop.domain.text import fold, format_date, format_pounds, parse_date

D = date


def fields(errors) -> dict[str, str]:
    return {e.field: e.message for e in errors}


def test_a_complete_member_is_valid():
    m = Member(name="Llŷr Davies", sector=Sector.COMMUNITY,
               category="Residents and community groups", email="llyr@example.org",
               terms=(Term(D(2001, 4, 1)),))
    assert validate_member(m, set()) == []


@pytest.mark.parametrize("name", ["", "   "])
def test_name_is_required(name):
    assert "Name is required" in fields(validate_member(Member(name=name, sector=Sector.PUBLIC)))["name"]


def test_sector_is_required():
    errors = fields(validate_member(Member(name="A", sector=None)))
    assert errors["sector"] == "Choose a sector."


@pytest.mark.parametrize("email", ["not-an-email", "a@b", "two@@example.org", "a b@example.org"])
def test_bad_email_is_refused(email):
    assert "not an email address" in fields(
        validate_member(Member(name="A", sector=Sector.PUBLIC, email=email)))["email"]


def test_sector_and_category_may_disagree_but_the_category_must_be_known():
    # A faith-based voluntary organisation is voluntary: the category only suggests a sector.
    m = Member(name="A", sector=Sector.VOLUNTARY, category="Faith communities")
    assert validate_member(m) == []
    assert "not a known category" in fields(validate_member(
        m.with_changes(category="Astronauts")))["category"]


def test_every_category_maps_to_a_sector_and_expected_bodies_use_known_categories():
    assert all(isinstance(s, Sector) for s in CATEGORIES.values())
    for cats in EXPECTED_BODIES.values():
        assert set(cats) <= set(CATEGORIES)


def test_term_end_before_start_is_refused():
    m = Member(name="A", sector=Sector.PUBLIC, terms=(Term(D(2002, 1, 1), D(2001, 1, 1)),))
    assert fields(validate_member(m))["terms"] == "Term 1 ends before it starts."


@pytest.mark.parametrize("terms, clash", [
    ((Term(D(2001, 1, 1), D(2001, 12, 31)), Term(D(2001, 6, 1))), True),
    ((Term(D(2001, 1, 1)), Term(D(2003, 1, 1))), True),            # open term never ends
    ((Term(D(2001, 1, 1), D(2001, 12, 31)), Term(D(2001, 12, 31))), True),  # same day
    ((Term(D(2001, 1, 1), D(2001, 12, 31)), Term(D(2002, 1, 1))), False),   # left and returned
    ((Term(D(2003, 1, 1)), Term(D(2001, 1, 1), D(2001, 12, 31))), False),   # any order
])
def test_terms_may_not_overlap(terms, clash):
    assert (terms_overlap(terms) is not None) == clash
    errors = fields(validate_member(Member(name="A", sector=Sector.PUBLIC, terms=terms)))
    assert ("terms" in errors) == clash
    if clash:
        assert errors["terms"].startswith("Terms overlap")


@given(st.lists(st.tuples(st.integers(0, 3000), st.integers(0, 400)), max_size=6))
def test_overlap_agrees_with_day_by_day_check(spans):
    terms = [Term(D.fromordinal(730000 + s), D.fromordinal(730000 + s + n)) for s, n in spans]
    days = [set(range(s, s + n + 1)) for s, n in spans]
    brute = any(days[i] & days[j] for i in range(len(days)) for j in range(i + 1, len(days)))
    assert (terms_overlap(terms) is not None) == brute


def test_substitute_rules():
    sub = Member(name="S", sector=Sector.PUBLIC, role=Role.SUBSTITUTE, id=5)
    assert "must name the member" in fields(validate_member(sub, {1}))["deputises_for"]
    assert "current member" in fields(validate_member(
        sub.with_changes(deputises_for_id=2), {1}))["deputises_for"]
    assert "themselves" in fields(validate_member(
        sub.with_changes(deputises_for_id=5), {5}))["deputises_for"]
    assert validate_member(sub.with_changes(deputises_for_id=1), {1}) == []
    member = Member(name="M", sector=Sector.PUBLIC, deputises_for_id=1)
    assert "Only a substitute" in fields(validate_member(member, {1}))["deputises_for"]


def test_member_current_on_a_date():
    m = Member(name="A", sector=Sector.PUBLIC,
               terms=(Term(D(2001, 1, 1), D(2001, 6, 30)), Term(D(2002, 1, 1))))
    assert m.is_current(D(2001, 6, 30)) and not m.is_current(D(2001, 7, 1))
    assert m.term_on(D(2003, 1, 1)).start == D(2002, 1, 1)
    assert not m.is_current(D(2000, 12, 31))


def row(i, sector, category, role="member", current=True) -> MemberRow:
    return MemberRow(i, f"M{i}", "", sector, category, role, D(2001, 1, 1), None, current,
                     False, f"m{i}")


def test_balance_counts_seats_shares_and_chair():
    rows = [row(1, "community", "Residents and community groups", "chair"),
            row(2, "public", "Police"), row(3, "public", "Primary Care Trust"),
            row(4, "private", "Chamber of Commerce"),
            row(5, "voluntary", "Voluntary organisations", current=False)]
    b = balance(rows, D(2002, 4, 1))
    assert b.total == 4
    assert b.by_sector == {Sector.PUBLIC: 2, Sector.PRIVATE: 1, Sector.VOLUNTARY: 0,
                           Sector.COMMUNITY: 1}
    assert b.by_sector_share[Sector.PUBLIC] == pytest.approx(0.5)
    assert b.chair_sector == Sector.COMMUNITY
    assert b.by_category == {"Chamber of Commerce": 1, "Police": 1, "Primary Care Trust": 1,
                             "Residents and community groups": 1}


def test_substitutes_and_observers_are_not_seats():
    rows = [row(1, "public", "Police"), row(2, "public", "Police", "substitute"),
            row(3, "public", "Government Office for the Region", "observer")]
    b = balance(rows, D(2002, 4, 1))
    assert b.total == 1
    assert b.by_sector[Sector.PUBLIC] == 1
    assert (b.substitutes, b.observers) == (1, 1)
    # An observer still brings the body to the table.
    assert "Government Office" not in b.missing_bodies


def test_missing_bodies_are_named_and_former_members_do_not_count():
    rows = [row(1, "public", "Police"), row(2, "public", "Benefits Agency", current=False)]
    b = balance(rows, D(2002, 4, 1))
    assert "Police" not in b.missing_bodies
    # On 01/04/2002 Jobcentre Plus has replaced the Benefits Agency and Employment Service.
    assert "Benefits Agency" not in b.missing_bodies
    for body in ("Jobcentre Plus", "Government Office", "Regional Development Agency",
                 "Primary Care Trust", "Learning and Skills Council", "Business",
                 "Faith communities", "BME groups", "Residents"):
        assert body in b.missing_bodies
    assert b.chair_sector is None


def test_empty_board_has_no_shares():
    b = balance([], D(2002, 4, 1))
    assert b.total == 0 and set(b.by_sector_share.values()) == {0.0}
    assert len(b.missing_bodies) == len(expected_on(D(2002, 4, 1))) < len(EXPECTED_BODIES)


@pytest.mark.parametrize("text, key", [
    ("Llŷr", "llyr"), ("O'Neill", "oneill"), ("Łucja Wróbel", "lucjawrobel"),
    ("Siobhán", "siobhan"), ("Pádraig Ó Súilleabháin", "padraigosuilleabhain"),
    ("Zieliński", "zielinski"), ("STRASSE", "strasse"), ("Straße", "strasse"),
    ("", ""), (None, ""),
])
def test_fold_ignores_case_accents_and_punctuation(text, key):
    assert fold(text) == key


def test_search_needles_find_names():
    assert fold("llyr") in fold("Llŷr Davies")
    assert fold("oneill") in fold("Siobhán O'Neill")
    assert fold("O'NEILL") in fold("Siobhán O'Neill")


@given(st.text())
def test_fold_is_idempotent(text):
    assert fold(fold(text)) == fold(text)


def test_british_dates_and_pounds():
    assert format_date(D(2026, 11, 21)) == "21/11/2026"
    assert format_date(None) == ""
    assert parse_date("21/11/2026") == parse_date("2026-11-21") == D(2026, 11, 21)
    with pytest.raises(ValueError, match="not a real date"):
        parse_date("31/02/2002")
    with pytest.raises(ValueError, match="not a date"):
        parse_date("tomorrow")
    assert format_pounds(1234) == "£1,234" and format_pounds(-5) == "-£5"
    assert format_pounds(None) == ""


def test_partnership_validation():
    ok = Partnership("Thameside Together", nrf_allocations={"2002/03": 100})
    assert validate_partnership(ok) == []
    errors = fields(validate_partnership(Partnership(" ", nrf_allocations={"2002/04": 1})))
    assert "needs a name" in errors["name"]
    assert "not a financial year" in errors["nrf_allocations"]
    assert "negative" in fields(validate_partnership(
        Partnership("X", nrf_allocations={"2002/03": -1})))["nrf_allocations"]
