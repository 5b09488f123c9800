"""The one catalogue of member categories: sectors, the words officers use, and the dates bodies apply."""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from functools import lru_cache


class Sector(StrEnum):
    PUBLIC = "public"
    PRIVATE = "private"
    VOLUNTARY = "voluntary"
    COMMUNITY = "community"

    @property
    def label(self) -> str:
        return self.value.capitalize()


@dataclass(frozen=True)
class Category:
    """A kind of member named by the guidance; `sector` is only the one it suggests.

    `words` name it for certain (singular/plural, "&"/"and" and case are folded first);
    `hints` only suggest it (the officer confirms). `starts`/`ends` bound the years the
    body existed; `replaced_by` names the body that took its place.
    """

    name: str
    sector: Sector
    words: tuple[str, ...] = ()
    hints: tuple[str, ...] = ()
    starts: date | None = None
    ends: date | None = None
    replaced_by: str = ""

    def applies_on(self, on: date) -> bool:
        return (self.starts is None or self.starts <= on) and (self.ends is None or on <= self.ends)

    def period(self) -> str:
        """'from 01/04/2002', 'to 31/03/2002' or '' - shown beside the name in choices."""
        if self.starts and self.ends:
            return f"{self.starts:%Y}-{self.ends:%Y}"
        if self.starts:
            return f"from {self.starts:%d/%m/%Y}"
        return f"to {self.ends:%d/%m/%Y}" if self.ends else ""


_P, _R, _V, _C = Sector.PUBLIC, Sector.PRIVATE, Sector.VOLUNTARY, Sector.COMMUNITY
JOBCENTRE_PLUS_FROM = date(2002, 4, 1)        # replaced the Employment Service and Benefits Agency

# The guidance's categories (DOMAIN.md, "Members" and "Bodies change over time"). Existing
# names are never renamed: partnership files store them.
CATALOGUE: tuple[Category, ...] = (
    Category("Residents and community groups", _C,
             ("Residents", "Resident", "Community groups", "Community group", "Community",
              "Residents and community", "Residents' groups", "Tenants and residents",
              "Neighbourhood representatives", "Community representatives"),
             ("tenants", "tenant", "residents association", "TRA", "neighbourhood forum",
              "estate")),
    Category("Faith communities", _C,
             ("Faith", "Faith group", "Faith groups", "Faith community", "Faith sector",
              "Faith organisations", "Faith representative", "Religious groups"),
             ("church", "churches", "mosque", "temple", "synagogue", "gurdwara", "diocese",
              "interfaith", "inter faith", "faith based")),
    Category("BME groups", _C,
             ("BME", "BAME", "BME group", "Black and minority ethnic groups",
              "Black and minority ethnic", "Ethnic minority groups", "Minority ethnic groups"),
             ("ethnic", "minority", "black")),
    Category("Voluntary organisations", _V,
             ("Voluntary", "Voluntary sector", "Voluntary organisation", "Voluntary groups",
              "Voluntary and community sector", "VCS", "CVS", "Council for Voluntary Service",
              "Charity", "Charities", "Third sector"),
             ("charitable", "volunteer", "volunteers")),
    Category("Private sector and business", _R,
             ("Business", "Businesses", "Private", "Private sector", "Private business",
              "Business sector", "Employers", "Local business"),
             ("company", "plc", "ltd", "limited", "trader", "traders", "enterprise",
              "business partnership")),
    Category("Chamber of Commerce", _R,
             ("Chambers of Commerce", "Local Chamber of Commerce",
              "Local Chambers of Commerce", "Chamber"),
             ("commerce",)),
    Category("Local councillors", _P,
             ("Councillor", "Councillors", "Cllr", "Cllrs", "Elected members",
              "Elected member", "Ward councillors"),
             ("member of the council", "elected")),
    Category("Local authority", _P,
             ("Council", "Local council", "The council", "LA", "Council officer",
              "Borough council", "District council", "County council", "City council"),
             ("borough", "chief executive", "officer")),
    Category("Learning and Skills Council", _P, ("LSC", "Local LSC"),
             ("skills", "learning"), starts=date(2001, 4, 1), ends=date(2010, 3, 31)),
    Category("Housing associations", _P,
             ("Housing association", "RSL", "Registered social landlord",
              "Registered social landlords", "Social landlord"),
             ("housing",)),
    Category("Primary Care Trust", _P,
             ("PCT", "Primary Care Trusts", "PCTs"),
             ("health", "nhs", "nhs trust", "health authority", "hospital"),
             starts=date(2000, 4, 1), ends=date(2013, 3, 31)),
    Category("Police", _P,
             ("Police service", "Constabulary", "Police force", "Metropolitan Police"),
             ("policing", "police authority")),
    Category("Fire service", _P,
             ("Fire", "Fire and rescue", "Fire and rescue service", "Fire brigade"), ()),
    Category("Employment Service and New Deal", _P,
             ("Employment Service", "Employment Service and New Deal partnerships",
              "New Deal", "New Deal partnership", "New Deal partnerships", "ES"),
             ("employment",), ends=date(2002, 3, 31), replaced_by="Jobcentre Plus"),
    Category("Benefits Agency", _P, ("Benefit Agency", "BA", "DSS"), ("benefits",),
             ends=date(2002, 3, 31), replaced_by="Jobcentre Plus"),
    Category("Jobcentre Plus", _P, ("JCP", "Job Centre Plus", "Jobcentre", "Job centre"),
             ("jobs", "work and pensions", "dwp"), starts=JOBCENTRE_PLUS_FROM),
    Category("Small Business Service", _P, ("SBS", "Business Link"), ()),
    Category("Regional Development Agency", _P,
             ("RDA", "Regional Development Agencies", "London Development Agency", "LDA"),
             ("regional", "development agency"), starts=date(1999, 4, 1), ends=date(2012, 3, 31)),
    Category("Community legal service partnership", _P,
             ("CLSP", "Community legal service", "Community legal service partnerships"),
             ("legal", "advice")),
    Category("Drug Action Team", _P, ("DAT", "Drug Action Teams", "DAAT",
                                      "Drug and Alcohol Action Team"),
             ("drug", "drugs", "alcohol")),
    Category("Government Office for the Region", _P,
             ("Government Office", "GO", "GOR", "Government Office for London"),
             ("government",), ends=date(2011, 3, 31)),
    Category("Connexions", _P, ("Connexions partnership", "Connexions service"),
             ("young people", "careers", "youth service"), starts=date(2001, 4, 1)),
    Category("Youth Offending Team", _P, ("YOT", "Youth Offending Teams", "Youth Offending Service"),
             ("youth justice", "offending"), starts=date(2000, 4, 1)),
    Category("Crime and Disorder Reduction Partnership", _P,
             ("CDRP", "Crime and Disorder Reduction Partnerships", "Community safety partnership",
              "Crime and disorder partnership"),
             ("crime", "community safety")),
    Category("Probation service", _P, ("Probation", "National Probation Service",
                                       "Probation board"), ("offender",)),
    Category("Further education college", _P,
             ("FE college", "FE colleges", "Further education", "Further education colleges",
              "FE", "College of further education", "Sixth form college"),
             ("college",)),
)

BY_NAME: dict[str, Category] = {c.name: c for c in CATALOGUE}
# Name -> the sector it suggests (kept for every caller that only needs that).
CATEGORIES: dict[str, Sector] = {c.name: c.sector for c in CATALOGUE}


@dataclass(frozen=True)
class ExpectedBody:
    """A body or group the guidance expects on the board while it exists; met by a serving
    member in any of `categories` (a successor is met by its predecessors' seats too)."""

    name: str
    categories: tuple[str, ...]
    starts: date | None = None
    ends: date | None = None
    group: bool = False         # residents, faith, BME: counted by readiness as representation

    def applies_on(self, on: date) -> bool:
        return (self.starts is None or self.starts <= on) and (self.ends is None or on <= self.ends)


def _dates(name: str) -> dict:
    c = BY_NAME[name]
    return {"starts": c.starts, "ends": c.ends}


EXPECTED: tuple[ExpectedBody, ...] = (
    ExpectedBody("Residents", ("Residents and community groups",), group=True),
    ExpectedBody("Voluntary sector", ("Voluntary organisations",)),
    ExpectedBody("Faith communities", ("Faith communities",), group=True),
    ExpectedBody("BME groups", ("BME groups",), group=True),
    ExpectedBody("Business", ("Private sector and business", "Chamber of Commerce")),
    ExpectedBody("Local councillors", ("Local councillors",)),
    ExpectedBody("Local authority", ("Local authority",)),
    ExpectedBody("Police", ("Police",)),
    ExpectedBody("Primary Care Trust", ("Primary Care Trust",), **_dates("Primary Care Trust")),
    ExpectedBody("Learning and Skills Council", ("Learning and Skills Council",),
                 **_dates("Learning and Skills Council")),
    ExpectedBody("Employment Service", ("Employment Service and New Deal",),
                 **_dates("Employment Service and New Deal")),
    ExpectedBody("Benefits Agency", ("Benefits Agency",), **_dates("Benefits Agency")),
    ExpectedBody("Jobcentre Plus", ("Jobcentre Plus", "Employment Service and New Deal",
                                    "Benefits Agency"), **_dates("Jobcentre Plus")),
    ExpectedBody("Regional Development Agency", ("Regional Development Agency",),
                 **_dates("Regional Development Agency")),
    ExpectedBody("Government Office", ("Government Office for the Region",),
                 **_dates("Government Office for the Region")),
)
# Name -> categories that meet it, for every body ever expected.
EXPECTED_BODIES: dict[str, tuple[str, ...]] = {e.name: e.categories for e in EXPECTED}


def expected_on(on: date) -> tuple[ExpectedBody, ...]:
    return tuple(e for e in EXPECTED if e.applies_on(on))


def missing_bodies(present: set[str] | frozenset[str], on: date,
                   groups: bool = True) -> tuple[str, ...]:
    """The bodies expected on `on` that no serving member's category (in `present`) meets;
    without `groups`, leaving out residents, faith and BME groups."""
    return tuple(e.name for e in EXPECTED if e.applies_on(on) and (groups or not e.group)
                 and not present.intersection(e.categories))


def categories_on(on: date) -> list[Category]:
    """The categories of bodies that existed on `on`, in catalogue order."""
    return [c for c in CATALOGUE if c.applies_on(on)]


# -- words as officers write them ---------------------------------------------

_STOP = {"the", "a", "an"}
_KEEP_S = {"ss", "us", "is"}


def _singular(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and word[-2:] not in _KEEP_S:
        return word[:-1]
    return word


@lru_cache(maxsize=4096)
def word_key(text: str) -> str:
    """Text as compared with the catalogue: accents, case, punctuation, "&"/"and",
    plurals and "the" folded. "Local Chambers of Commerce" -> "local chamber of commerce"."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = text.replace("&", " and ").replace("+", " and ").replace("’", "").replace("'", "")
    words = [_singular(w) for w in re.split(r"[^0-9a-z]+", text) if w and w not in _STOP]
    return " ".join(words)


@dataclass(frozen=True)
class CategoryMatch:
    """What a written category means: `certain` ones are taken silently, others suggested."""

    category: str
    certain: bool


class WordMatcher:
    """What a written word names in a catalogue of (name, words, hints): certain for a name
    or one of its words, a guess for text containing a word or hint (longest first) or a
    near spelling; the one mechanism for categories and programme themes."""

    def __init__(self, entries):
        self._certain: dict[str, str] = {}
        hints = []
        for name, words, extra in entries:
            for text in (name, *words):
                self._certain.setdefault(word_key(text), name)
            hints += [(word_key(h), name) for h in (*words, *extra)]
        self._hints = sorted(hints, key=lambda kv: -len(kv[0]))

    def match(self, text: str) -> CategoryMatch | None:
        key = word_key(text)
        if not key:
            return None
        if key in self._certain:
            return CategoryMatch(self._certain[key], True)
        padded = f" {key} "
        for hint, name in self._hints:     # longest first: "police authority" before "police"
            if f" {hint} " in padded:
                return CategoryMatch(name, False)
        close = difflib.get_close_matches(key, list(self._certain), n=1, cutoff=0.8)
        return CategoryMatch(self._certain[close[0]], False) if close else None


_CATEGORY_WORDS = WordMatcher((c.name, c.words, c.hints) for c in CATALOGUE)


@lru_cache(maxsize=4096)
def match_category(text: str) -> CategoryMatch | None:
    """The category `text` names: certain for a catalogue name or word, a guess for text that
    contains a word or hint, or is a near spelling; None when nothing comes close."""
    return _CATEGORY_WORDS.match(text)


# -- sectors as officers write them -------------------------------------------

SECTOR_WORDS: dict[Sector, tuple[str, ...]] = {
    Sector.PUBLIC: ("public", "public sector", "statutory", "statutory sector",
                    "statutory agency", "statutory agencies", "public body", "public service",
                    "public services", "state"),
    Sector.PRIVATE: ("private", "private sector", "business", "business sector", "commercial"),
    Sector.VOLUNTARY: ("voluntary", "voluntary sector", "third sector", "vcs"),
    Sector.COMMUNITY: ("community", "community sector", "residents", "resident",
                       "community and residents"),
}
_SECTOR_BY_KEY = {word_key(w): s for s, words in SECTOR_WORDS.items() for w in words}


def match_sector(text: str) -> Sector | None:
    """The sector `text` names ("Statutory" is public, "Business" private), or None."""
    return _SECTOR_BY_KEY.get(word_key(text))
