"""Members to and from spreadsheet rows: the documented columns, grouping terms, matching."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import lru_cache

from lsp_desktop.domain.categories import match_category, word_key
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
from lsp_desktop.domain.names import name_parts, split_title
from lsp_desktop.domain.text import fold

# The header names officers use, by field: matched with case, accents, spacing and
# punctuation folded (exchange.header_key). This is the one list; docs/exchange.md shows it.
MEMBER_COLUMNS: tuple[Column, ...] = (
    Column("name", aliases=("full name", "member", "member name", "name of member",
                            "representative", "board member", "person", "contact name"),
           help="the member's whole name, a title in front is taken apart (or use Surname "
                "and First name columns)", label="Name"),
    Column("title", aliases=("salutation", "honorific", "prefix"), help="Mr, Ms, Dr, Cllr…",
           label="Title"),
    Column("organisation", aliases=("organization", "body", "organisation body", "represents",
                                    "representing", "org", "agency", "organisation represented",
                                    "body represented"),
           fallback=("nominated by", "nominating body"),
           help="the body or constituency they represent", label="Body"),
    Column("sector", "sector", aliases=("partner sector", "sector type"),
           help="public (statutory), private (business), voluntary or community; blank: the "
                "sector the category suggests", label="Sector"),
    Column("category", aliases=("type", "group", "member type", "type of member",
                                "category of member", "membership category", "constituency"),
           help="e.g. Faith communities, PCT, Councillor (words of the category catalogue)",
           label="Category"),
    Column("role", "choice", choices=tuple(r.value for r in Role), default=Role.MEMBER.value,
           aliases=("position", "board role", "role on board", "office"),
           help="chair, vice-chair, member, substitute or observer (default member)", label="Role"),
    Column("email", aliases=("e-mail", "email address", "e-mail address", "mail"),
           help="email address", label="Email"),
    Column("phone", aliases=("telephone", "tel", "tel no", "phone number", "telephone number",
                             "mobile", "contact number"), help="telephone", label="Phone"),
    Column("address", aliases=("postal address", "contact address"),
           help="postal address (may span lines)", label="Address"),
    Column("start_date", "date", aliases=("term start", "start", "from", "joined", "date joined",
                                          "start of term", "appointed", "date appointed"),
           help="start of the term: dd/mm/yyyy, YYYY-MM-DD or an Excel date", label="Start date"),
    Column("end_date", "date", aliases=("term end", "end", "to", "left", "date left",
                                        "end of term", "until"),
           help="end of the term (blank: still serving)", label="End date"),
    Column("publish_contact", "bool", aliases=("publish", "publish contact details",
                                               "ok to publish", "consent", "consent to publish",
                                               "publish details", "publish contact"),
           default=False, help="Y/N, yes/no, ✓, true/false or 1/0 (default no)",
           label="Contact published"),
    Column("nominating_body", aliases=("nominating organisation",),
           fallback=("nominated by", "nominating body"),
           help="optional: who nominated them", label="Nominated by"),
    Column("reason_left", aliases=("reason for leaving", "why left"),
           help="optional: why the term ended", label="Reason left"),
    Column("deputises_for", aliases=("substitute for", "deputy for", "deputising for", "sub for"),
           help="optional: for a substitute, the name of the member they deputise for",
           label="Deputises for"),
    Column("notes", aliases=("comments", "remarks"), help="optional: notes", label="Notes"),
    Column("family_name", aliases=("surname", "family name", "last name", "second name"),
           help="the family name, particles included (ap Siôn, de la Cruz)", label="Family name"),
    Column("given_names", aliases=("first name", "first names", "forename", "forenames",
                                   "given name", "christian name", "christian names"),
           help="given names", label="Given names"),
)

MEMBER_HEADERS = [c.name for c in MEMBER_COLUMNS]
_FIELD_COLUMN = {"terms": "start_date", "deputises_for": "deputises_for",
                 "given_names": "given_names", "family_name": "family_name"}
_MEMBER_FIELDS = ("title", "organisation", "sector", "category", "role", "email", "phone",
                  "address", "publish_contact", "nominating_body", "notes")


_NON_ALNUM = re.compile(r"[^0-9a-z]+")


@lru_cache(maxsize=4096)
def cached_fold(text: str) -> str:
    """fold(), remembered for the words a file repeats (bodies, titles, given names), quick
    for plain ASCII; a register's names are each folded about once, so few are kept."""
    if text.isascii():
        return text.lower() if text.isalnum() else _NON_ALNUM.sub("", text.lower())
    return fold(text)


def _name_key(name: str) -> str:
    # Not remembered: each name of a register is keyed about once (MemberDraft.key).
    text = split_title(name)[1]
    return _NON_ALNUM.sub("", text.lower()) if text.isascii() else fold(text)


def name_key(name: str) -> str:
    """A name as the matcher compares it (title, case, accents and punctuation folded)."""
    return _name_key(name)


def member_key(name: str, organisation: str) -> tuple[str, str]:
    """The one matcher of a row to a member: the same name and body, with any title in
    front of the name, case, accents, apostrophes and spacing folded ("Mr Llŷr Davies" of
    "Bankside Residents' Forum" is Llŷr Davies of "Bankside Residents Forum")."""
    return _name_key(name), cached_fold(organisation)


@dataclass(slots=True)      # slots: one per member of a 50,000-row file
class MemberDraft:
    """One member built from one or more rows (one row per term)."""

    rows: list[int]
    member: Member
    given: set[str]                 # fields the file had a column for
    deputises_for: str = ""
    existing_id: int | None = None
    term_rows: dict = field(default_factory=dict)     # term start -> row, if not rows[0]
    before: Member | None = None    # the member as the register had it (an update)
    key: tuple[str, str] = ("", "")     # member_key of the file's name and body


@dataclass
class Suggestion:
    """A category the import guessed from a word of the file; the officer confirms it (or
    chooses another) once for every row with that word."""

    value: str                      # as written in the file
    category: str                   # the guess
    rows: list[int] = field(default_factory=list)
    chosen: str | None = None       # the officer's choice ("" for no category)

    @property
    def key(self) -> str:
        return word_key(self.value)


@dataclass
class MemberPlan:
    """What an import would do; nothing is written until it is committed."""

    to_add: list[MemberDraft] = field(default_factory=list)
    to_update: list[MemberDraft] = field(default_factory=list)
    skipped: list[MemberDraft] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    suggestions: list[Suggestion] = field(default_factory=list)
    rejected: list[MemberDraft] = field(default_factory=list)
    reject_rows: dict[int, list[str]] = field(default_factory=dict)   # row -> its problems

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if not p.notice]

    @property
    def file_errors(self) -> list[Problem]:
        """Problems of the whole file (no header, a missing column): no row can go in."""
        return [p for p in self.errors if p.row is None]

    @property
    def pending(self) -> list[Suggestion]:
        return [s for s in self.suggestions if s.chosen is None]


def resolve_category(text: str, choices: dict[str, str] | None,
                     found: dict[str, Suggestion], row: int) -> tuple[str, str | None]:
    """(category, problem) for a category cell: a catalogue word silently, an officer's
    choice for a guessed word, the guess itself (noted in `found`), or a problem."""
    return resolve_word(text, choices, found, row, match_category,
                        f"'{text}' is not a category the catalogue knows (e.g. Residents, "
                        "Voluntary organisations, Faith communities, PCT, Police, Councillor).")


def resolve_word(text: str, choices: dict[str, str] | None, found: dict[str, Suggestion],
                 row: int, match, unknown: str) -> tuple[str, str | None]:
    """(value, problem) for a cell read through a word catalogue (`match`, a
    categories.WordMatcher's match): a certain word silently, an officer's choice for a
    guessed word, the guess itself (noted in `found` as a Suggestion), or `unknown`."""
    if not text:
        return "", None
    key = word_key(text)
    if choices is not None and key in choices:
        chosen = choices[key]
        suggestion = found.get(key)
        if suggestion is None:
            guess = match(text)
            suggestion = found[key] = Suggestion(text, guess.category if guess else "",
                                                 chosen=chosen)
        suggestion.rows.append(row)
        return chosen, None
    guess = match(text)
    if guess is None:
        return "", unknown
    if not guess.certain:
        suggestion = found.get(key)
        if suggestion is None:
            suggestion = found[key] = Suggestion(text, guess.category)
        suggestion.rows.append(row)
    return guess.category, None


def _term(values: dict) -> Term | None:
    start, end = values.get("start_date"), values.get("end_date")
    if start is None:
        return None
    return Term(start, end, values.get("reason_left", "") or "")


def build_drafts(rows: Iterable[ParsedRow], given: set[str],
                 choices: dict[str, str] | None = None
                 ) -> tuple[list[MemberDraft], list[Problem], list[Suggestion]]:
    """Group rows by name and body into members (each further row adds a term); names are
    taken apart, categories read as officers write them (guesses become suggestions)."""
    drafts: dict[tuple[str, str], MemberDraft] = {}
    problems: list[Problem] = []
    found: dict[str, Suggestion] = {}
    categories = CATEGORIES
    sectors, roles = {s.value: s for s in Sector}, {r.value: r for r in Role}
    member_role = Role.MEMBER.value
    for r in rows:
        v = r.values
        get = v.get
        title, given_names, family_name, name = name_parts(
            get("name") or "", get("title") or "", get("given_names") or "",
            get("family_name") or "")
        if not name:
            problems.append(Problem(r.row, "name" if "name" in given else "family_name",
                                    "required, but empty."))
            continue
        if v.get("start_date") is None and v.get("end_date") is not None:
            problems.append(Problem(r.row, "start_date", "an end date needs a start date."))
            continue
        written = get("category")
        category, wrong = (resolve_category(written, choices, found, r.row) if written
                           else ("", None))
        if wrong:
            problems.append(Problem(r.row, "category", wrong))
        sector = v.get("sector") or ""
        if not sector and ("sector" in v or "sector" not in given):    # else a bad cell, named
            if category in categories:
                sector = categories[category].value
            elif not wrong:
                problems.append(Problem(r.row, "sector", "the sector is empty and no category "
                                        "suggests one: public, private, voluntary or community."))
        organisation = v.get("organisation", "")
        key = member_key(name, organisation)
        term = _term(v)
        draft = drafts.get(key)
        if draft is None:
            member = Member.quick(
                name=name, given_names=given_names, family_name=family_name,
                sector=(sectors.get(sector) or Sector(sector)) if sector else None,
                title=title, organisation=organisation, category=category,
                role=roles.get(get("role") or member_role) or Role(get("role")),
                email=get("email", ""), phone=get("phone", ""), address=get("address", ""),
                publish_contact=bool(get("publish_contact", False)),
                nominating_body=get("nominating_body", ""), notes=get("notes", ""),
                terms=(term,) if term else ())
            draft = drafts[key] = MemberDraft([r.row], member, given, get("deputises_for", ""),
                                              key=key)
            continue
        if len(draft.rows) == 1 and draft.member.terms:     # the first row's term
            draft.term_rows[draft.member.terms[0].start] = draft.rows[0]
        draft.rows.append(r.row)
        if term:
            draft.member = replace(draft.member, terms=draft.member.terms + (term,))
            draft.term_rows.setdefault(term.start, r.row)
    return list(drafts.values()), problems, list(found.values())


def _merge_terms(old: tuple[Term, ...], new: tuple[Term, ...]) -> tuple[Term, ...]:
    by_start = {t.start: t for t in old}
    for t in new:
        kept = by_start.get(t.start)
        by_start[t.start] = replace(t, id=kept.id if kept else None,
                                    reason_left=t.reason_left or (kept.reason_left if kept else ""))
    return tuple(sorted(by_start.values(), key=lambda t: t.start))


def plan_members(drafts: list[MemberDraft], existing: dict[tuple[str, str], Member],
                 update_existing: bool, register_names: set[str] = frozenset()) -> MemberPlan:
    """Match drafts against the register (`existing`, by member_key), merge updates,
    validate every member. `register_names`: name keys of everyone on the register."""
    plan = MemberPlan()
    names: set[str] | None = None           # made when a substitute first needs it
    for draft in drafts:
        old = existing.get(draft.key) if existing else None
        first = draft.rows[0]
        if old is not None:
            draft.existing_id = old.id
            draft.before = old
            if not update_existing:
                plan.skipped.append(draft)
                plan.problems.append(Problem(first, "name", f"{old.display_name} "
                                             f"({old.organisation or 'no body'}) is already on "
                                             "the register; skipped.", True))
                continue
            changes = {f: getattr(draft.member, f) for f in _MEMBER_FIELDS if f in draft.given}
            if "family_name" in draft.given:
                changes.update(given_names=draft.member.given_names,
                               family_name=draft.member.family_name)
            merged = replace(old, **changes, terms=_merge_terms(old.terms, draft.member.terms))
            if "deputises_for" not in draft.given or not draft.deputises_for:
                draft.deputises_for = ""
                if merged.role != Role.SUBSTITUTE:
                    merged = replace(merged, deputises_for_id=None)
            draft.member = merged
            plan.problems.append(Problem(first, "name", f"{old.display_name} is already on "
                                         "the register; updated.", True))
        probe = draft.member
        if draft.deputises_for:
            if names is None:
                names = (set(register_names) | {_name_key(m.name) for m in existing.values()}
                         | {d.key[0] for d in drafts})
            if _name_key(draft.deputises_for) not in names:
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


def set_aside_rejects(plan: MemberPlan, data_rows: list[int],
                      register_names: set[str] = frozenset()) -> None:
    """Take every member with a problem in any of its rows out of the plan, so the good rows
    can go in and the bad ones go back to the officer (`plan.reject_rows`, in file order).
    A substitute whose member is set aside goes with them. `register_names` are the
    name keys (member_key) of everyone already on the register."""
    reasons: dict[int, list[str]] = {}
    for p in plan.errors:
        if p.row is not None:
            column = f"{p.column}: " if p.column else ""
            reasons.setdefault(p.row, []).append(f"{column}{p.reason}")
    if not reasons:
        return
    bad = set(reasons)
    changed = True
    while changed:
        changed = False
        groups = (plan.to_add, plan.to_update, plan.skipped)
        kept = set(register_names) | {d.key[0] for g in groups for d in g
                                      if bad.isdisjoint(d.rows)}
        for group in groups:
            keep = []
            for d in group:
                hit = bad.intersection(d.rows)
                orphan = bool(d.deputises_for) and _name_key(d.deputises_for) not in kept
                if not hit and not orphan:
                    keep.append(d)
                    continue
                plan.rejected.append(d)
                changed = True
                why = (f"another row of this member has a problem (row {min(hit)})." if hit
                       else f"the member it deputises for ('{d.deputises_for}') has a problem.")
                for row in d.rows:
                    if row not in bad:
                        bad.add(row)
                        reasons[row] = [why]
            group[:] = keep
    plan.reject_rows = {row: reasons[row] for row in data_rows if row in reasons}
    plan.reject_rows.update((row, r) for row, r in reasons.items() if row not in plan.reject_rows)


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
