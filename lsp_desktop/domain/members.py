"""Members of the board: sectors, categories, roles, terms of office and their rules."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum

from lsp_desktop.domain.errors import FieldError
from lsp_desktop.domain.text import length_errors


class Sector(StrEnum):
    PUBLIC = "public"
    PRIVATE = "private"
    VOLUNTARY = "voluntary"
    COMMUNITY = "community"

    @property
    def label(self) -> str:
        return self.value.capitalize()


class Role(StrEnum):
    CHAIR = "chair"
    VICE_CHAIR = "vice-chair"
    MEMBER = "member"
    SUBSTITUTE = "substitute"
    OBSERVER = "observer"

    @property
    def label(self) -> str:
        return self.value.capitalize()


# The guidance's categories, each in one sector (DOMAIN.md, "Members").
CATEGORIES: dict[str, Sector] = {
    "Residents and community groups": Sector.COMMUNITY,
    "Faith communities": Sector.COMMUNITY,
    "BME groups": Sector.COMMUNITY,
    "Voluntary organisations": Sector.VOLUNTARY,
    "Private sector and business": Sector.PRIVATE,
    "Chamber of Commerce": Sector.PRIVATE,
    "Local councillors": Sector.PUBLIC,
    "Local authority": Sector.PUBLIC,
    "Learning and Skills Council": Sector.PUBLIC,
    "Housing associations": Sector.PUBLIC,
    "Primary Care Trust": Sector.PUBLIC,
    "Police": Sector.PUBLIC,
    "Fire service": Sector.PUBLIC,
    "Employment Service and New Deal": Sector.PUBLIC,
    "Benefits Agency": Sector.PUBLIC,
    "Small Business Service": Sector.PUBLIC,
    "Regional Development Agency": Sector.PUBLIC,
    "Community legal service partnership": Sector.PUBLIC,
    "Drug Action Team": Sector.PUBLIC,
    "Government Office for the Region": Sector.PUBLIC,
}

# Bodies and groups the guidance expects on a board; each is met by a current
# member in one of the listed categories.
EXPECTED_BODIES: dict[str, tuple[str, ...]] = {
    "Residents": ("Residents and community groups",),
    "Voluntary sector": ("Voluntary organisations",),
    "Faith communities": ("Faith communities",),
    "BME groups": ("BME groups",),
    "Business": ("Private sector and business", "Chamber of Commerce"),
    "Local councillors": ("Local councillors",),
    "Local authority": ("Local authority",),
    "Police": ("Police",),
    "Primary Care Trust": ("Primary Care Trust",),
    "Learning and Skills Council": ("Learning and Skills Council",),
    "Employment Service": ("Employment Service and New Deal",),
    "Benefits Agency": ("Benefits Agency",),
    "Regional Development Agency": ("Regional Development Agency",),
    "Government Office": ("Government Office for the Region",),
}

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


@dataclass(frozen=True)
class Term:
    """One term of office; `end` None means still serving."""

    start: date
    end: date | None = None
    reason_left: str = ""
    id: int | None = None

    def covers(self, on: date) -> bool:
        return self.start <= on and (self.end is None or on <= self.end)


@dataclass(frozen=True)
class Declaration:
    """A declaration of interest kept by the partnership itself."""

    interest: str
    body: str = ""
    declared_on: date | None = None
    withdrawn_on: date | None = None
    id: int | None = None


@dataclass(frozen=True)
class Member:
    """A member of the board with the whole history the register keeps."""

    name: str
    sector: Sector
    title: str = ""
    organisation: str = ""
    category: str = ""
    role: Role = Role.MEMBER
    deputises_for_id: int | None = None
    nominating_body: str = ""
    email: str = ""
    phone: str = ""
    address: str = ""
    publish_contact: bool = False
    notes: str = ""
    terms: tuple[Term, ...] = ()
    declarations: tuple[Declaration, ...] = ()
    id: int | None = None
    version: int | None = field(default=None, compare=False)  # optimistic concurrency

    @property
    def display_name(self) -> str:
        return f"{self.title} {self.name}".strip()

    def is_current(self, on: date) -> bool:
        return any(t.covers(on) for t in self.terms)

    def term_on(self, on: date) -> Term | None:
        return next((t for t in self.terms if t.covers(on)), None)

    def with_changes(self, **changes) -> Member:
        return replace(self, **changes)


@dataclass(frozen=True, slots=True)   # slots: 50,000 of them in the window
class MemberRow:
    """One line of the register table: display-ready, cheap to hold in bulk."""

    id: int
    name: str
    organisation: str
    sector: str
    category: str
    role: str
    term_start: date | None
    term_end: date | None
    current: bool
    publish_contact: bool
    search_key: str
    starts_later: bool = False      # not serving yet on the date: the first term starts later

    @property
    def status(self) -> str:
        """'current', 'former', or 'future' (joins after the date)."""
        return "current" if self.current else "future" if self.starts_later else "former"


def sector_of_category(category: str) -> Sector | None:
    return CATEGORIES.get(category)


def terms_overlap(terms: tuple[Term, ...] | list[Term]) -> tuple[Term, Term] | None:
    """The first pair of terms that overlap, or None."""
    ordered = sorted(terms, key=lambda t: t.start)
    for earlier, later in zip(ordered, ordered[1:], strict=False):
        if earlier.end is None or later.start <= earlier.end:
            return earlier, later
    return None


# The longest text each field of a member keeps (the columns are made this wide).
MEMBER_LIMITS = {"title": 50, "name": 200, "organisation": 200, "category": 100,
                 "nominating_body": 200, "email": 200, "phone": 100}


def validate_member(member: Member, current_ids: set[int] | None = None) -> list[FieldError]:
    """Every problem with a member record; `current_ids` are members serving today."""
    errors: list[FieldError] = length_errors(member, MEMBER_LIMITS)
    if not member.name.strip():
        errors.append(FieldError("name", "Name is required."))
    if not isinstance(member.sector, Sector):
        errors.append(FieldError("sector", "Choose a sector."))
    if member.category:
        expected = CATEGORIES.get(member.category)
        if expected is None:
            errors.append(FieldError("category", f"'{member.category}' is not a known category."))
        elif isinstance(member.sector, Sector) and expected != member.sector:
            errors.append(FieldError(
                "category", f"{member.category} belongs to the {expected.value} sector, "
                f"not {member.sector.value}."))
    if member.email and not _EMAIL.match(member.email.strip()):
        errors.append(FieldError("email", f"'{member.email}' is not an email address."))
    for i, term in enumerate(member.terms, start=1):
        if term.end is not None and term.end < term.start:
            errors.append(FieldError("terms", f"Term {i} ends before it starts."))
    if not any(e.field == "terms" for e in errors):
        clash = terms_overlap(member.terms)
        if clash:
            a, b = clash
            errors.append(FieldError(
                "terms", f"Terms overlap: the term from {a.start:%d/%m/%Y} and the term "
                f"from {b.start:%d/%m/%Y}."))
    if member.role == Role.SUBSTITUTE:
        if member.deputises_for_id is None:
            errors.append(FieldError("deputises_for", "A substitute must name the member they deputise for."))
        elif member.id is not None and member.deputises_for_id == member.id:
            errors.append(FieldError("deputises_for", "A member cannot deputise for themselves."))
        elif current_ids is not None and member.deputises_for_id not in current_ids:
            errors.append(FieldError("deputises_for", "A substitute must deputise for a current member."))
    elif member.deputises_for_id is not None:
        errors.append(FieldError("deputises_for", "Only a substitute deputises for another member."))
    return errors


@dataclass(frozen=True)
class Balance:
    """The make-up of the board on one date."""

    on: date
    total: int
    by_sector: dict[Sector, int]
    by_category: dict[str, int]
    chair_sector: Sector | None
    missing_bodies: tuple[str, ...]
    by_sector_share: dict[Sector, float] = field(default_factory=dict)
    substitutes: int = 0
    observers: int = 0


# Substitutes deputise for a seat and observers hold none: neither counts as a seat.
NON_SEAT_ROLES = (Role.SUBSTITUTE.value, Role.OBSERVER.value)


def balance(rows: list[MemberRow], on: date) -> Balance:
    """Seats by sector and category among the current rows, and the expected bodies missing."""
    # Plain strings and dict counts: this runs over every row whenever the register changes.
    substitute, observer, chair = Role.SUBSTITUTE.value, Role.OBSERVER.value, Role.CHAIR.value
    sector_counts = {s.value: 0 for s in Sector}
    by_category: dict[str, int] = {}
    present: set[str] = set()            # an observer or substitute still brings the body in
    chair_sector = None
    substitutes = observers = 0
    for r in rows:
        if not r.current:
            continue
        present.add(r.category)
        role = r.role
        if role == substitute:
            substitutes += 1
            continue
        if role == observer:
            observers += 1
            continue
        sector_counts[r.sector] = sector_counts.get(r.sector, 0) + 1
        if r.category:
            by_category[r.category] = by_category.get(r.category, 0) + 1
        if role == chair:
            chair_sector = Sector(r.sector)
    by_sector = {s: sector_counts.get(s.value, 0) for s in Sector}
    total = sum(by_sector.values())
    missing = tuple(name for name, cats in EXPECTED_BODIES.items()
                    if not present.intersection(cats))
    shares = {s: (n / total if total else 0.0) for s, n in by_sector.items()}
    return Balance(on, total, by_sector, dict(sorted(by_category.items())), chair_sector,
                   missing, shares, substitutes=substitutes, observers=observers)
