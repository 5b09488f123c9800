"""The catalogue of categories (words, sectors, dates bodies apply) and names taken apart and sorted."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lsp_desktop.domain.categories import (
    BY_NAME,
    CATALOGUE,
    EXPECTED,
    Sector,
    categories_on,
    match_category,
    match_sector,
    missing_bodies,
    word_key,
)
from lsp_desktop.domain.members import MemberRow, balance
from lsp_desktop.domain.names import read_name, sort_key, split_name, split_title
from lsp_desktop.domain.readiness import ReadinessInput, inclusive_signals

D = date


# -- words as officers write them ------------------------------------------------

@pytest.mark.parametrize("text, category", [
    ("Primary Care Trusts", "Primary Care Trust"), ("PCT", "Primary Care Trust"),
    ("Local Chambers of Commerce", "Chamber of Commerce"),
    ("Drug Action Teams", "Drug Action Team"), ("DAT", "Drug Action Team"),
    ("Employment Service and New Deal partnerships", "Employment Service and New Deal"),
    ("Faith group", "Faith communities"), ("FAITH COMMUNITIES", "Faith communities"),
    ("Councillor", "Local councillors"), ("Cllr", "Local councillors"),
    ("Residents", "Residents and community groups"),
    ("Residents & community groups", "Residents and community groups"),
    ("Business", "Private sector and business"), ("CVS", "Voluntary organisations"),
    ("LSC", "Learning and Skills Council"), ("RDA", "Regional Development Agency"),
    ("BME", "BME groups"), ("GO", "Government Office for the Region"),
    ("Jobcentre Plus", "Jobcentre Plus"), ("Connexions", "Connexions"),
    ("YOT", "Youth Offending Team"), ("CDRP", "Crime and Disorder Reduction Partnership"),
    ("Probation", "Probation service"), ("FE college", "Further education college"),
])
def test_catalogue_words_match_for_certain(text, category):
    match = match_category(text)
    assert (match.category, match.certain) == (category, True)


@pytest.mark.parametrize("text, category", [
    ("Metropolitan Police Authority", "Police"), ("St Mary's Church", "Faith communities"),
    ("Voluntery organisations", "Voluntary organisations"), ("NHS trust", "Primary Care Trust"),
    ("Tenants' association", "Residents and community groups"),
])
def test_near_words_are_only_guesses(text, category):
    match = match_category(text)
    assert (match.category, match.certain) == (category, False)


def test_unknown_words_match_nothing_and_no_word_names_two_categories():
    assert match_category("Astronauts") is None and match_category("") is None
    owners: dict[str, str] = {}
    for c in CATALOGUE:
        for text in (c.name, *c.words):
            assert owners.setdefault(word_key(text), c.name) == c.name, text


@pytest.mark.parametrize("text, sector", [
    ("Statutory", Sector.PUBLIC), ("public sector", Sector.PUBLIC), ("Business", Sector.PRIVATE),
    ("Private", Sector.PRIVATE), ("Voluntary", Sector.VOLUNTARY), ("VCS", Sector.VOLUNTARY),
    ("Community", Sector.COMMUNITY), ("Residents", Sector.COMMUNITY), ("Galactic", None),
])
def test_sector_words(text, sector):
    assert match_sector(text) is sector


# -- bodies change over time ---------------------------------------------------------

def test_new_bodies_are_in_the_catalogue_with_their_sector():
    for name in ("Jobcentre Plus", "Connexions", "Youth Offending Team",
                 "Crime and Disorder Reduction Partnership", "Probation service",
                 "Further education college"):
        assert BY_NAME[name].sector is Sector.PUBLIC
    assert BY_NAME["Benefits Agency"].replaced_by == "Jobcentre Plus"
    assert BY_NAME["Employment Service and New Deal"].replaced_by == "Jobcentre Plus"
    assert "Jobcentre Plus" not in {c.name for c in categories_on(D(2001, 6, 1))}
    assert "Benefits Agency" not in {c.name for c in categories_on(D(2002, 6, 30))}


def test_missing_bodies_follow_the_date():
    before = missing_bodies(set(), D(2001, 6, 1))
    assert {"Benefits Agency", "Employment Service"} <= set(before)
    assert "Jobcentre Plus" not in before
    after = missing_bodies(set(), D(2002, 6, 30))
    assert "Jobcentre Plus" in after
    assert not {"Benefits Agency", "Employment Service"} & set(after)
    # The Benefits Agency's seat, still held, counts for Jobcentre Plus that replaced it.
    assert "Jobcentre Plus" not in missing_bodies({"Benefits Agency"}, D(2002, 6, 30))
    # A board of 2026 is not told the bodies that no longer exist are missing.
    late = missing_bodies(set(), D(2026, 1, 1))
    assert not {"Benefits Agency", "Learning and Skills Council", "Regional Development Agency",
                "Government Office", "Primary Care Trust"} & set(late)
    assert "Jobcentre Plus" in late
    assert len(EXPECTED) == len({e.name for e in EXPECTED})


def row(i, sector, category, current=True):
    return MemberRow(i, f"M{i}", "", sector, category, "member", D(2001, 4, 1), None,
                     current, False, f"m{i}")


def test_balance_and_readiness_take_the_date_and_name_bme_groups_once():
    rows = [row(1, "public", "Police"), row(2, "public", "Benefits Agency")]
    assert "Jobcentre Plus" not in balance(rows, D(2002, 6, 30)).missing_bodies
    assert "BME groups" in balance(rows, D(2002, 6, 30)).missing_bodies
    signals = {s.key: s for s in inclusive_signals(ReadinessInput(D(2002, 6, 30), tuple(rows)))}
    assert "BME groups" in signals["representation"].sentence
    assert "BME" not in signals["expected bodies"].sentence
    assert "Residents" not in signals["expected bodies"].sentence


# -- names -----------------------------------------------------------------------------

@pytest.mark.parametrize("name, given, family", [
    ("Llŷr Davies", "Llŷr", "Davies"), ("Rhodri ap Siôn", "Rhodri", "ap Siôn"),
    ("Maria de la Cruz", "Maria", "de la Cruz"), ("Pádraig Ó Súilleabháin", "Pádraig", "Ó Súilleabháin"),
    ("Aoife Ní Bhriain", "Aoife", "Ní Bhriain"), ("Ewa Wąsowska-Łęcka", "Ewa", "Wąsowska-Łęcka"),
    ("Ludwig van der Berg", "Ludwig", "van der Berg"), ("Cher", "", "Cher"),
    ("Anne  Marie   Dubois ", "Anne Marie", "Dubois"), ("", "", ""),
])
def test_split_name_last_word_with_particles(name, given, family):
    assert split_name(name) == (given, family)


@pytest.mark.parametrize("cells, title, name, family", [
    (("Cllr Margaret O'Neill", "Cllr"), "Cllr", "Margaret O'Neill", "O'Neill"),
    (("Cllr. Margaret O'Neill", ""), "Cllr.", "Margaret O'Neill", "O'Neill"),
    (("Mr Llŷr Davies", ""), "Mr", "Llŷr Davies", "Davies"),
    (("Canon Peter Hughes", "Revd"), "Revd", "Canon Peter Hughes", "Hughes"),
    (("Rt Hon Lord Smith of Thameside", ""), "Rt Hon Lord", "Smith of Thameside", "Thameside"),
    (("", "Cllr", "Cllr Margaret", "O'Neill"), "Cllr", "Margaret O'Neill", "O'Neill"),
    (("Nguyen Thi Mai", "", "Thi Mai", "Nguyen"), "", "Nguyen Thi Mai", "Nguyen"),
])
def test_read_name_never_doubles_a_title_and_loses_nothing(cells, title, name, family):
    person = read_name(*cells)
    assert (person.title, person.name, person.family) == (title, name, family)


def test_split_title_leaves_a_lone_word_as_the_name():
    assert split_title("Lord") == ("", "Lord")
    assert split_title("Dr Who") == ("Dr", "Who")


def test_sort_key_folds_case_accents_apostrophes_and_keeps_particles():
    names = [("ap Siôn", "Rhodri"), ("de la Cruz", "María"), ("Ó Súilleabháin", "Pádraig"),
             ("O'Connor", "Seán"), ("Wąsowska-Łęcka", "Ewa"), ("Davies", "Llŷr"),
             ("davies", "Anna"), ("Owen", "Bob")]
    ordered = sorted(names, key=lambda n: sort_key(*n))
    assert [f for f, _ in ordered] == ["ap Siôn", "davies", "Davies", "de la Cruz", "O'Connor",
                                       "Ó Súilleabháin", "Owen", "Wąsowska-Łęcka"]


def test_docs_list_every_header_synonym_and_category_word():
    from pathlib import Path

    from lsp_desktop.domain.member_exchange import MEMBER_COLUMNS

    page = (Path(__file__).parents[2] / "docs" / "exchange.md").read_text(encoding="utf-8")
    for column in MEMBER_COLUMNS:
        for name in (column.name, *column.aliases, *column.fallback):
            assert f"`{name}`" in page, name
    for c in CATALOGUE:
        line = next(ln for ln in page.splitlines() if ln.startswith(f"| {c.name} |"))
        for word in (*c.words, *c.hints):
            assert word in line, (c.name, word)


def reference_fold(text: str) -> str:
    """fold() as first written: the whole string decomposed, accents dropped, case folded."""
    import re
    import unicodedata

    from lsp_desktop.domain.text import _SPECIAL

    decomposed = unicodedata.normalize("NFKD", text.translate(_SPECIAL))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return re.sub(r"[^0-9a-z]+", "", stripped.casefold())


@given(st.text())
def test_fold_character_by_character_equals_folding_the_whole_text(text):
    from lsp_desktop.domain.text import fold

    assert fold(text) == reference_fold(text)
