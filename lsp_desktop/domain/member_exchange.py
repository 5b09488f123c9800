"""Members to and from spreadsheet rows: the documented columns, grouping terms, matching."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache

from lsp_desktop.domain.exchange import Column, ParsedRow, Problem
from lsp_desktop.domain.members import (
    CATEGORIES,
    Member,
    Role,
    Sector,
    Term,
    terms_overlap,
    validate_member,
)
from lsp_desktop.domain.text import fold

MEMBER_COLUMNS: tuple[Column, ...] = (
    Column("name", required=True, aliases=("full name", "member", "member name"),
           help="the member's name"),
    Column("title", aliases=("salutation",), help="Mr, Ms, Dr, Cllr…"),
    Column("organisation", aliases=("organization", "body", "organisation body", "represents"),
           help="the body or constituency they represent"),
    Column("sector", "choice", required=True, choices=tuple(s.value for s in Sector),
           help="public, private, voluntary or community"),
    Column("category", help="a category from the catalogue, e.g. Faith communities"),
    Column("role", "choice", choices=tuple(r.value for r in Role), default=Role.MEMBER.value,
           help="chair, vice-chair, member, substitute or observer (default member)"),
    Column("email", aliases=("e-mail", "email address"), help="email address"),
    Column("phone", aliases=("telephone", "tel", "phone number"), help="telephone"),
    Column("address", aliases=("postal address",), help="postal address (may span lines)"),
    Column("start_date", "date", aliases=("term start", "start", "from"),
           help="start of the term, YYYY-MM-DD or DD/MM/YYYY"),
    Column("end_date", "date", aliases=("term end", "end", "to"),
           help="end of the term (blank: still serving)"),
    Column("publish_contact", "bool", aliases=("publish", "publish contact details"),
           default=False, help="yes/no, true/false or 1/0 (default no)"),
    Column("nominating_body", aliases=("nominated by",), help="optional: who nominated them"),
    Column("reason_left", help="optional: why the term ended"),
    Column("deputises_for", aliases=("substitute for", "deputy for"),
           help="optional: for a substitute, the name of the member they deputise for"),
    Column("notes", help="optional: notes"),
)

MEMBER_HEADERS = [c.name for c in MEMBER_COLUMNS]
_FIELD_COLUMN = {"terms": "start_date", "deputises_for": "deputises_for"}
_MEMBER_FIELDS = ("title", "organisation", "sector", "category", "role", "email", "phone",
                  "address", "publish_contact", "nominating_body", "notes")


_NON_ALNUM = re.compile(r"[^0-9a-z]+")


@lru_cache(maxsize=200_000)
def cached_fold(text: str) -> str:
    """fold(), remembered (imports fold each name several times), quick for plain ASCII."""
    if text.isascii():
        return _NON_ALNUM.sub("", text.lower())
    return fold(text)


def member_key(name: str, organisation: str) -> tuple[str, str]:
    """Rows and members match on the same name and body, ignoring case and accents."""
    return cached_fold(name), cached_fold(organisation)


@dataclass
class MemberDraft:
    """One member built from one or more rows (one row per term)."""

    rows: list[int]
    member: Member
    given: set[str]                 # fields the file had a column for
    deputises_for: str = ""
    existing_id: int | None = None
    term_rows: dict = field(default_factory=dict)     # term start -> row it came from


@dataclass
class MemberPlan:
    """What an import would do; nothing is written until it is committed."""

    to_add: list[MemberDraft] = field(default_factory=list)
    to_update: list[MemberDraft] = field(default_factory=list)
    skipped: list[MemberDraft] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if not p.notice]


_CATEGORY_BY_KEY = {fold(c): c for c in CATEGORIES}


def _canonical_category(text: str) -> str:
    return _CATEGORY_BY_KEY.get(fold(text), text) if text else ""


def _term(values: dict) -> Term | None:
    start, end = values.get("start_date"), values.get("end_date")
    if start is None:
        return None
    return Term(start, end, values.get("reason_left", "") or "")


def build_drafts(rows: list[ParsedRow], given: set[str]) -> tuple[list[MemberDraft], list[Problem]]:
    """Group rows by name and body into members (each further row adds a term)."""
    drafts: dict[tuple[str, str], MemberDraft] = {}
    problems: list[Problem] = []
    for r in rows:
        v = r.values
        name = v.get("name") or ""
        if not name:
            continue    # already reported as a required cell
        if v.get("start_date") is None and v.get("end_date") is not None:
            problems.append(Problem(r.row, "start_date", "an end date needs a start date."))
            continue
        key = member_key(name, v.get("organisation", ""))
        term = _term(v)
        draft = drafts.get(key)
        if draft is None:
            sector = v.get("sector")
            member = Member(
                name=name, sector=Sector(sector) if sector else None,
                title=v.get("title", ""), organisation=v.get("organisation", ""),
                category=_canonical_category(v.get("category", "")),
                role=Role(v.get("role") or Role.MEMBER.value),
                email=v.get("email", ""), phone=v.get("phone", ""), address=v.get("address", ""),
                publish_contact=bool(v.get("publish_contact", False)),
                nominating_body=v.get("nominating_body", ""), notes=v.get("notes", ""),
                terms=(term,) if term else ())
            draft = drafts[key] = MemberDraft([r.row], member, given, v.get("deputises_for", ""))
        else:
            draft.rows.append(r.row)
            if term:
                draft.member = replace(draft.member, terms=draft.member.terms + (term,))
        if term:
            draft.term_rows.setdefault(term.start, r.row)
    return list(drafts.values()), problems


def _merge_terms(old: tuple[Term, ...], new: tuple[Term, ...]) -> tuple[Term, ...]:
    by_start = {t.start: t for t in old}
    for t in new:
        kept = by_start.get(t.start)
        by_start[t.start] = replace(t, id=kept.id if kept else None,
                                    reason_left=t.reason_left or (kept.reason_left if kept else ""))
    return tuple(sorted(by_start.values(), key=lambda t: t.start))


def plan_members(drafts: list[MemberDraft], existing: dict[tuple[str, str], Member],
                 update_existing: bool) -> MemberPlan:
    """Match drafts against the register, merge updates, validate every member."""
    plan = MemberPlan()
    names = ({cached_fold(m.name) for m in existing.values()}
             | {cached_fold(d.member.name) for d in drafts})
    for draft in drafts:
        key = member_key(draft.member.name, draft.member.organisation)
        old = existing.get(key)
        first = draft.rows[0]
        if old is not None:
            draft.existing_id = old.id
            if not update_existing:
                plan.skipped.append(draft)
                plan.problems.append(Problem(first, "name", f"{old.name} ({old.organisation or 'no body'}) "
                                             "is already on the register; skipped.", True))
                continue
            changes = {f: getattr(draft.member, f) for f in _MEMBER_FIELDS if f in draft.given}
            merged = replace(old, **changes, terms=_merge_terms(old.terms, draft.member.terms))
            if "deputises_for" not in draft.given or not draft.deputises_for:
                draft.deputises_for = ""
                if merged.role != Role.SUBSTITUTE:
                    merged = replace(merged, deputises_for_id=None)
            draft.member = merged
            plan.problems.append(Problem(first, "name", f"{old.name} is already on the register; "
                                         "updated.", True))
        probe = draft.member
        if draft.deputises_for:
            if cached_fold(draft.deputises_for) not in names:
                plan.problems.append(Problem(first, "deputises_for",
                                             f"no member named '{draft.deputises_for}'."))
                continue
            probe = replace(probe, deputises_for_id=0)
        no_sector = probe.sector is None        # already reported as a bad or empty cell
        if no_sector:
            probe = replace(probe, sector=Sector.PUBLIC)
        for error in validate_member(probe, None):
            if not (no_sector and error.field == "category"):
                plan.problems.append(_problem(draft, error))
        if no_sector:
            continue
        (plan.to_update if old is not None else plan.to_add).append(draft)
    return plan


def _problem(draft: MemberDraft, error) -> Problem:
    """Name the row and column a member's validation error comes from."""
    row, column = draft.rows[0], _FIELD_COLUMN.get(error.field, error.field)
    if error.field == "terms":
        terms = draft.member.terms
        m = re.match(r"Term (\d+) ends before", error.message)
        if m:
            column = "end_date"
            start = terms[int(m.group(1)) - 1].start
        else:
            clash = terms_overlap(terms)
            start = clash[1].start if clash else None
        row = draft.term_rows.get(start, row)
    return Problem(row, column, error.message)
