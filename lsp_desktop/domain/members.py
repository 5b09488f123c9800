"""Members of the board: sectors, categories, roles, terms of office and their rules."""

from __future__ import annotations

import re
from dataclasses import MISSING, dataclass, field, fields, replace
from datetime import date
from enum import StrEnum
from operator import attrgetter, le

from lsp_desktop.domain.categories import (  # noqa: F401 - the catalogue, re-exported
    CATEGORIES,
    EXPECTED_BODIES,
    Sector,
    missing_bodies,
)
from lsp_desktop.domain.errors import FieldError
from lsp_desktop.domain.names import family_in_name, given_from, join_name, sort_key, split_name
from lsp_desktop.domain.text import fold, length_errors


class Role(StrEnum):
    CHAIR = "chair"
    VICE_CHAIR = "vice-chair"
    MEMBER = "member"
    SUBSTITUTE = "substitute"
    OBSERVER = "observer"

    @property
    def label(self) -> str:
        return self.value.capitalize()


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
    # `name` is the whole name as written; these two are its parts, kept apart so the
    # register sorts by family name. Left empty, they are split from `name` (the last
    # word, with any particle before it); given alone, `name` is made from them.
    given_names: str = ""
    family_name: str = ""

    def __post_init__(self) -> None:
        name = self.name or ""
        if not name.strip() and (self.given_names.strip() or self.family_name.strip()):
            object.__setattr__(self, "name", join_name(self.given_names, self.family_name))
        elif not self.family_name.strip():
            given, family = split_name(name)
            object.__setattr__(self, "given_names", given)
            object.__setattr__(self, "family_name", family)
        elif not self.given_names.strip():
            object.__setattr__(self, "given_names", given_from(name, self.family_name))

    @classmethod
    def quick(cls, **values) -> Member:
        """Member(**values), the same object made without the frozen dataclass's
        field-by-field __init__ (half the time: an import makes 50,000)."""
        if "name" not in values or "sector" not in values:
            return cls(**values)            # the constructor's own TypeError
        member = object.__new__(cls)
        own = member.__dict__
        # Pairs, not the dict itself: inserted one by one, in the fields' order, the
        # members keep sharing one table of keys (dict.update(dict) would copy it each).
        own.update(_MEMBER_DEFAULTS)
        own.update(values)
        if len(own) != len(_MEMBER_DEFAULTS):   # a name that is not a field
            return cls(**values)
        member.__post_init__()
        return member

    @property
    def display_name(self) -> str:
        return f"{self.title} {self.name}".strip()

    @property
    def order_key(self) -> str:
        """Where the member stands in every list: by family name, then given names."""
        return sort_key(self.family_name, self.given_names)

    def is_current(self, on: date) -> bool:
        return any(t.covers(on) for t in self.terms)

    def term_on(self, on: date) -> Term | None:
        return next((t for t in self.terms if t.covers(on)), None)

    def with_changes(self, **changes) -> Member:
        """A copy with `changes`; a new `name` without its parts is split afresh."""
        if "name" in changes and "family_name" not in changes:
            changes.setdefault("given_names", "")
            changes["family_name"] = ""
        return replace(self, **changes)


def search_key(m: Member, fold=fold) -> str:
    """What the register sorts and filters members by (the column keeps 400 characters):
    family name, then given names (the register's order), then the whole name, title and
    body (what a search finds)."""
    family, given = fold(m.family_name), fold(m.given_names)
    # The whole name folds to its two parts run together when it is written given-first.
    whole = given + family if m.name == f"{m.given_names} {m.family_name}".strip() else fold(m.name)
    return f"{family} {given} {whole} {fold(m.title)} {fold(m.organisation)}"[:400]


# Every field of a Member, in order, with its default (None for the two it must be given).
_MEMBER_FIELDS = {f.name: None if f.default is MISSING else f.default for f in fields(Member)}
_MEMBER_DEFAULTS = tuple(_MEMBER_FIELDS.items())
assert all(f.default_factory is MISSING for f in fields(Member))


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
    """The sector a category suggests (a member's own sector may differ)."""
    return CATEGORIES.get(category)


def terms_overlap(terms: tuple[Term, ...] | list[Term]) -> tuple[Term, Term] | None:
    """The first pair of terms that overlap, or None."""
    if len(terms) < 2:
        return None
    ordered = sorted(terms, key=lambda t: t.start)
    for earlier, later in zip(ordered, ordered[1:], strict=False):
        if earlier.end is None or later.start <= earlier.end:
            return earlier, later
    return None


# The longest text each field of a member keeps (the columns are made this wide).
MEMBER_LIMITS = {"title": 50, "name": 200, "given_names": 200, "family_name": 200,
                 "organisation": 200, "category": 100,
                 "nominating_body": 200, "email": 200, "phone": 100}


_LIMITED = attrgetter(*MEMBER_LIMITS)
_LIMITS = tuple(MEMBER_LIMITS.values())


def _length_errors(member: Member) -> list[FieldError]:
    """length_errors(member, MEMBER_LIMITS), answered at C speed when every field fits
    (an import validates 50,000 members, nearly all within their limits)."""
    try:
        if all(map(le, map(len, _LIMITED(member)), _LIMITS)):
            return []
    except (TypeError, AttributeError):     # a field that is not text: looked at in full
        pass
    return length_errors(member, MEMBER_LIMITS)


def validate_member(member: Member, current_ids: set[int] | None = None) -> list[FieldError]:
    """Every problem with a member record; `current_ids` are members serving today."""
    errors: list[FieldError] = _length_errors(member)
    if not isinstance(member.sector, Sector):
        errors.append(FieldError("sector", "Choose a sector."))
    if not member.name.strip():
        errors.append(FieldError("name", "Name is required."))
    elif not family_in_name(member.name, member.family_name):
        errors.append(FieldError("family_name", f"The family name '{member.family_name}' is "
                                 f"not part of the name '{member.name}'."))
    # A category suggests a sector but does not fix it: a faith-based or BME voluntary
    # organisation is voluntary. Only a category the catalogue does not know is refused.
    if member.category and member.category not in CATEGORIES:
        errors.append(FieldError("category", f"'{member.category}' is not a known category."))
    if member.email and not _EMAIL.match(member.email.strip()):
        errors.append(FieldError("email", f"'{member.email}' is not an email address."))
    for i, term in enumerate(member.terms, start=1):
        if term.end is not None and term.end < term.start:
            errors.append(FieldError("terms", f"Term {i} ends before it starts."))
    if not errors or not any(e.field == "terms" for e in errors):
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
    return _balance(on, sector_counts, by_category, present, chair_sector, substitutes,
                    observers)


def balance_of_groups(groups: dict[tuple[str, str, str], int], on: date) -> Balance:
    """`balance()` from how many current members have each (sector, category, role), as a
    database counts them: the same figures without a row per member. (Were two chairs
    serving in different sectors, which one's sector is shown may differ.)"""
    substitute, observer, chair = Role.SUBSTITUTE.value, Role.OBSERVER.value, Role.CHAIR.value
    sector_counts = {s.value: 0 for s in Sector}
    by_category: dict[str, int] = {}
    present: set[str] = set()
    chair_sector = None
    substitutes = observers = 0
    for (sector, category, role), n in groups.items():
        if n <= 0:
            continue
        present.add(category)
        if role == substitute:
            substitutes += n
            continue
        if role == observer:
            observers += n
            continue
        sector_counts[sector] = sector_counts.get(sector, 0) + n
        if category:
            by_category[category] = by_category.get(category, 0) + n
        if role == chair:
            chair_sector = Sector(sector)
    return _balance(on, sector_counts, by_category, present, chair_sector, substitutes,
                    observers)


def _balance(on: date, sector_counts: dict[str, int], by_category: dict[str, int],
             present: set[str], chair_sector, substitutes: int, observers: int) -> Balance:
    """The Balance of seats counted by sector and category (balance, balance_of_groups)."""
    by_sector = {s: sector_counts.get(s.value, 0) for s in Sector}
    total = sum(by_sector.values())
    missing = missing_bodies(present, on)
    shares = {s: (n / total if total else 0.0) for s, n in by_sector.items()}
    return Balance(on, total, by_sector, dict(sorted(by_category.items())), chair_sector,
                   missing, shares, substitutes=substitutes, observers=observers)
