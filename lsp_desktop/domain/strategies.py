"""Strategies, their sections and versions, and the targets register.

Shared contract: the Strategy drafts tab owns this module and may add fields; the
accreditation and report code read these names.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from functools import cached_property

from lsp_desktop.domain.errors import FieldError
from lsp_desktop.domain.richtext import parse, plain_text
from lsp_desktop.domain.text import fold, format_date, length_errors


class StrategyType(StrEnum):
    COMMUNITY = "Community Strategy"
    NEIGHBOURHOOD_RENEWAL = "Local Neighbourhood Renewal Strategy"
    OTHER = "other"


class StrategyStatus(StrEnum):
    WORKING_DRAFT = "working draft"
    CONSULTATION_DRAFT = "consultation draft"
    AGREED = "agreed"
    SUPERSEDED = "superseded"

    @property
    def label(self) -> str:
        return self.value.capitalize()


class Theme(StrEnum):
    """Floor-target themes; a target may instead carry a local theme as free text."""

    EMPLOYMENT = "employment"
    CRIME = "crime"
    EDUCATION = "education and skills"
    HEALTH = "health"
    HOUSING = "housing"
    LIVEABILITY = "liveability"

    @property
    def label(self) -> str:
        return self.value.capitalize()


EXPECTED_SECTIONS: dict[StrategyType, tuple[str, ...]] = {
    StrategyType.COMMUNITY: ("Long-term vision", "Action plan", "Shared commitment",
                             "Arrangements for monitoring"),
    StrategyType.NEIGHBOURHOOD_RENEWAL: (
        "Priority neighbourhoods", "Problems and baselines", "Resources and funding map",
        "Floor-target themes", "Local delivery", "Community involvement",
        "Monitoring and evaluation", "Learning plan"),
    StrategyType.OTHER: (),
}


class TargetStatus(StrEnum):
    ON_TRACK = "on track"
    OFF_TRACK = "off track"
    NO_DATA = "no data"


@dataclass(frozen=True)
class Section:
    title: str
    body: str = ""                  # Markdown
    expected: bool = False          # one of the type's expected components
    position: int = 0
    id: int | None = None
    component: str = ""             # the expected component it covers, kept when renamed
    version: int | None = field(default=None, compare=False)  # optimistic concurrency

    @cached_property
    def word_count(self) -> int:
        return word_count(self.body)


@dataclass(frozen=True)
class Target:
    strategy_id: int
    theme: str                      # a Theme value or a local theme
    indicator: str
    baseline_value: float | None = None
    baseline_date: date | None = None
    target_value: float | None = None
    target_date: date | None = None
    latest_value: float | None = None
    latest_date: date | None = None
    data_source: str = ""
    lead_partner: str = ""          # a body on the register
    comparison_value: float | None = None
    comparison_label: str = ""      # "district" / "national"
    neighbourhood_id: int | None = None
    id: int | None = None
    version: int | None = field(default=None, compare=False)  # optimistic concurrency


@dataclass(frozen=True)
class StrategySummary:
    """One line per strategy, as lists and readiness need it."""

    id: int
    type: StrategyType
    title: str
    period: str
    status: StrategyStatus
    lead_officer: str
    version_count: int
    empty_components: tuple[str, ...]   # expected sections still empty
    target_count: int
    endorsed_bodies: tuple[str, ...] = ()


# ---------------------------------------------------------------------------
# Added by the Strategy drafts area (issue 3). Everything below is pure Python.

@dataclass(frozen=True)
class Strategy:
    """A strategy's own details; its sections come from StrategiesService.sections()."""

    type: StrategyType
    title: str
    period: str = ""                # e.g. "2002-2012"
    status: StrategyStatus = StrategyStatus.WORKING_DRAFT
    lead_officer: str = ""
    id: int | None = None
    version: int | None = field(default=None, compare=False)  # optimistic concurrency

    @property
    def display_name(self) -> str:
        return f"{self.title} ({self.period})" if self.period else self.title


@dataclass(frozen=True)
class StrategyVersion:
    """A frozen, read-only copy of a whole strategy; `number` counts from 1 per strategy."""

    strategy_id: int
    number: int
    label: str
    created: date
    status: StrategyStatus          # the strategy's status when the version was saved
    sections: tuple[Section, ...] = ()
    id: int | None = None

    @property
    def name(self) -> str:
        return f"v{self.number} - {self.label}"

    @property
    def word_count(self) -> int:
        return sum(word_count(s.body) for s in self.sections)


@dataclass(frozen=True)
class VersionSummary:
    """One line of the versions list, without the text (cheap to list)."""

    strategy_id: int
    number: int
    label: str
    created: date
    status: StrategyStatus
    words: int
    endorsements: int = 0

    @property
    def name(self) -> str:
        return f"v{self.number} - {self.label}"


@dataclass(frozen=True)
class Neighbourhood:
    """A priority neighbourhood chosen on evidence; targets may name it."""

    name: str
    wards: str = ""
    evidence: str = ""
    id: int | None = None
    version: int | None = field(default=None, compare=False)  # optimistic concurrency


@dataclass(frozen=True)
class Endorsement:
    """A body on the register endorsing an agreed version of a strategy."""

    strategy_id: int
    version_number: int
    body: str
    endorsed_by: str = ""           # the person who signed for the body
    endorsed_on: date | None = None
    id: int | None = None
    version: int | None = field(default=None, compare=False)  # optimistic concurrency


@dataclass(frozen=True)
class ConsultationEvent:
    """One entry of the consultation log: evidence for the "inclusive" criterion."""

    event: str                      # the event or method ("Public meeting", "Survey")
    start: date | None = None
    end: date | None = None
    reached: str = ""               # groups reached, as text
    number_reached: int | None = None
    responses: int | None = None    # responses received
    summary: str = ""
    strategy_id: int | None = None  # the strategy consulted on, if one
    id: int | None = None
    version: int | None = field(default=None, compare=False)  # optimistic concurrency

    @property
    def method(self) -> str:
        return self.event


# -- words ---------------------------------------------------------------------

_LINK_TARGET = re.compile(r"\]\([^)]*\)")
_WORD = re.compile(r"[^\W_]+(?:['’.\-][^\W_]+)*")


def word_count(markdown: str) -> int:
    """Words a reader sees in a Markdown text (link addresses and markup not counted)."""
    if not markdown:
        return 0
    return sum(1 for _ in _WORD.finditer(_LINK_TARGET.sub("]", markdown)))


def has_words(markdown: str) -> bool:
    """Whether a Markdown text has any word (cheaper than counting them)."""
    return bool(markdown) and _WORD.search(_LINK_TARGET.sub("]", markdown)) is not None


def empty_components(sections: tuple[Section, ...] | list[Section],
                     strategy_type: StrategyType) -> tuple[str, ...]:
    """The type's expected components that have no section with any words in it
    (a section covers a component it was created for, or whose title it bears)."""
    filled = set()
    for s in sections:
        if has_words(s.body):
            filled.add(fold(s.title))
            if s.component:
                filled.add(fold(s.component))
    return tuple(t for t in EXPECTED_SECTIONS.get(strategy_type, ()) if fold(t) not in filled)


# -- targets -------------------------------------------------------------------

def _has_trajectory(t: Target) -> bool:
    return (t.baseline_value is not None and t.target_value is not None
            and t.baseline_date is not None and t.target_date is not None)


def target_progress(target: Target) -> float | None:
    """Share (0..1) of the way from baseline to target the latest value has come."""
    t = target
    if t.baseline_value is None or t.target_value is None or t.latest_value is None:
        return None
    span = t.target_value - t.baseline_value
    if span == 0:
        return 1.0 if t.latest_value == t.target_value else 0.0
    return min(1.0, max(0.0, (t.latest_value - t.baseline_value) / span))


def expected_value(target: Target, on: date) -> float | None:
    """Where the straight line from baseline to target says the value should be on `on`."""
    t = target
    if not _has_trajectory(t) or t.target_date <= t.baseline_date:
        return None
    share = (on - t.baseline_date).days / (t.target_date - t.baseline_date).days
    share = min(1.0, max(0.0, share))
    return t.baseline_value + (t.target_value - t.baseline_value) * share


def target_status(target: Target, today: date) -> TargetStatus:
    """On track when the latest value is at least where the straight-line trajectory
    from baseline (on its date) to target (on its date) puts it on the latest value's
    date (today if the latest value has no date); no data without a baseline, a
    target, both dates or a latest value."""
    t = target
    if not _has_trajectory(t) or t.latest_value is None or t.target_date <= t.baseline_date:
        return TargetStatus.NO_DATA
    on = t.latest_date or today
    if on < t.baseline_date:
        return TargetStatus.NO_DATA
    expected = expected_value(t, on)
    direction = t.target_value - t.baseline_value
    if direction == 0:
        return TargetStatus.ON_TRACK if t.latest_value == t.target_value else TargetStatus.OFF_TRACK
    ahead = (t.latest_value - expected) * (1 if direction > 0 else -1)
    # A hair of tolerance so a value exactly on the line is not called off track.
    return TargetStatus.ON_TRACK if ahead >= -1e-9 * max(1.0, abs(direction)) \
        else TargetStatus.OFF_TRACK


def target_gap(target: Target) -> float | None:
    """Latest (else baseline) value minus the comparison figure ("narrowing the gap")."""
    t = target
    if t.comparison_value is None:
        return None
    value = t.latest_value if t.latest_value is not None else t.baseline_value
    return None if value is None else value - t.comparison_value


def target_flags(target: Target) -> tuple[str, ...]:
    """What is missing from a target that the Government Office will ask about."""
    flags = []
    if target.baseline_value is None or target.baseline_date is None:
        flags.append("no baseline")
    if target.latest_value is None:
        flags.append("no latest value")
    return tuple(flags)


def theme_label(theme: str) -> str:
    try:
        return Theme(theme).label
    except ValueError:
        return theme


def parse_number(text: str, field: str, label: str) -> tuple[float | None, FieldError | None]:
    """A figure typed by a user: empty -> None; '12.5', '1,234', '45%' accepted."""
    cleaned = text.strip().replace(",", "").rstrip("%").strip()
    if not cleaned:
        return None, None
    try:
        value = float(cleaned)
    except ValueError:
        return None, FieldError(field, f"{label}: '{text.strip()}' is not a number.")
    if value != value or value in (float("inf"), float("-inf")):
        return None, FieldError(field, f"{label}: '{text.strip()}' is not a number.")
    return value, None


def format_number(value: float | None) -> str:
    if value is None:
        return ""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


# The longest text each field of a target keeps (the columns are made this wide).
TARGET_LIMITS = {"theme": 100, "data_source": 300, "lead_partner": 200, "comparison_label": 60}


def validate_target(target: Target) -> list[FieldError]:
    errors: list[FieldError] = length_errors(target, TARGET_LIMITS)
    if not target.indicator.strip():
        errors.append(FieldError("indicator", "Say what the target measures (the indicator)."))
    if not target.theme.strip():
        errors.append(FieldError("theme", "Choose a theme or type a local theme."))
    for name, label in (("baseline_value", "Baseline"), ("target_value", "Target"),
                        ("latest_value", "Latest value"), ("comparison_value", "Comparison")):
        value = getattr(target, name)
        if value is not None and (not isinstance(value, int | float) or value != value):
            errors.append(FieldError(name, f"{label} must be a number."))
    if target.baseline_value is not None and target.baseline_date is None:
        errors.append(FieldError("baseline_date", "Give the date of the baseline."))
    if target.target_value is not None and target.target_date is None:
        errors.append(FieldError("target_date", "Give the date the target is to be met by."))
    if (target.baseline_date and target.target_date
            and target.target_date <= target.baseline_date):
        errors.append(FieldError(
            "target_date", f"The target date ({format_date(target.target_date)}) must be after "
            f"the baseline date ({format_date(target.baseline_date)})."))
    if (target.latest_date and target.baseline_date
            and target.latest_date < target.baseline_date):
        errors.append(FieldError(
            "latest_date", f"The latest value ({format_date(target.latest_date)}) cannot be "
            f"older than the baseline ({format_date(target.baseline_date)})."))
    return errors


def validate_strategy(strategy: Strategy) -> list[FieldError]:
    errors = []
    if not strategy.title.strip():
        errors.append(FieldError("title", "Give the strategy a title."))
    if not isinstance(strategy.type, StrategyType):
        errors.append(FieldError("type", "Choose the type of strategy."))
    if not isinstance(strategy.status, StrategyStatus):
        errors.append(FieldError("status", "Choose a status."))
    return errors


def validate_consultation(event: ConsultationEvent) -> list[FieldError]:
    errors = []
    if not event.event.strip():
        errors.append(FieldError("event", "Say what the event or method was."))
    if event.start and event.end and event.end < event.start:
        errors.append(FieldError("end", "The consultation ends before it starts."))
    for name, label in (("number_reached", "Number reached"), ("responses", "Responses")):
        value = getattr(event, name)
        if value is not None and (not isinstance(value, int) or value < 0):
            errors.append(FieldError(name, f"{label} must be a whole number, 0 or more."))
    return errors


# -- comparing versions ----------------------------------------------------------

class DiffKind(StrEnum):
    EQUAL = "equal"
    INSERT = "insert"
    DELETE = "delete"


class SectionChange(StrEnum):
    UNCHANGED = "unchanged"
    CHANGED = "changed"
    ADDED = "added"
    REMOVED = "removed"
    RENAMED = "renamed"          # title changed, text unchanged


@dataclass(frozen=True)
class DiffOp:
    kind: DiffKind
    text: str                   # words with their following spaces, as in the text


@dataclass(frozen=True)
class SectionDiff:
    """One section's comparison: its titles before and after and the word operations."""

    old_title: str | None       # None: the section was added
    new_title: str | None       # None: the section was removed
    change: SectionChange
    ops: tuple[DiffOp, ...]
    inserted_words: int = 0
    deleted_words: int = 0

    @property
    def title(self) -> str:
        if self.old_title and self.new_title and self.old_title != self.new_title:
            return f"{self.old_title} → {self.new_title}"
        return self.new_title or self.old_title or ""


_TOKEN = re.compile(r"\S+\s*|\s+")


_PARAGRAPH_BREAK = re.compile(r"(\n[ \t]*\n\s*)")
# Above this many words a piece is diffed with difflib's "popular word" heuristic,
# which keeps very long rewritten passages from taking seconds.
_EXACT_LIMIT = 3000


def _paragraphs(text: str) -> list[str]:
    """Paragraphs with the blank lines after them; joined they give `text` back."""
    parts = _PARAGRAPH_BREAK.split(text)
    out = [a + b for a, b in zip(parts[0::2], parts[1::2], strict=False)]
    if len(parts) % 2:
        out.append(parts[-1])
    return [p for p in out if p]


class _Ops:
    def __init__(self) -> None:
        self.ops: list[DiffOp] = []

    def add(self, kind: DiffKind, text: str) -> None:
        if not text:
            return
        if self.ops and self.ops[-1].kind == kind:
            self.ops[-1] = DiffOp(kind, self.ops[-1].text + text)
        else:
            self.ops.append(DiffOp(kind, text))

    def words(self, old: str, new: str) -> None:
        a = _TOKEN.findall(old)
        b = _TOKEN.findall(new)
        # Words are compared without their trailing spaces: re-wrapping is not a change.
        matcher = difflib.SequenceMatcher(None, [w.rstrip() for w in a],
                                          [w.rstrip() for w in b],
                                          autojunk=len(a) + len(b) > 2 * _EXACT_LIMIT)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag == "equal":
                self.add(DiffKind.EQUAL, "".join(b[j1:j2]))
            else:
                self.add(DiffKind.DELETE, "".join(a[i1:i2]))
                self.add(DiffKind.INSERT, "".join(b[j1:j2]))


def diff_words(old: str, new: str) -> tuple[DiffOp, ...]:
    """Word-level operations turning `old` into `new`.

    Paragraphs are lined up first, then words are compared within changed paragraphs,
    so a long text with scattered edits is compared quickly. Joining the EQUAL and
    INSERT texts gives `new` exactly; DELETE texts are the words of `old` taken out.
    """
    if old == new:
        return (DiffOp(DiffKind.EQUAL, old),) if old else ()
    pa, pb = _paragraphs(old), _paragraphs(new)
    matcher = difflib.SequenceMatcher(None, [" ".join(p.split()) for p in pa],
                                      [" ".join(p.split()) for p in pb], autojunk=False)
    ops = _Ops()
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            ops.add(DiffKind.EQUAL, "".join(pb[j1:j2]))
        elif tag == "delete":
            ops.add(DiffKind.DELETE, "".join(pa[i1:i2]))
        elif tag == "insert":
            ops.add(DiffKind.INSERT, "".join(pb[j1:j2]))
        elif i2 - i1 == j2 - j1:
            for x, y in zip(pa[i1:i2], pb[j1:j2], strict=True):
                ops.words(x, y)
        else:
            _aligned(ops, pa[i1:i2], pb[j1:j2])
    return tuple(ops.ops)


def _aligned(ops: _Ops, a: list[str], b: list[str]) -> None:
    """Changed paragraphs whose numbers differ (one split, joined, added or dropped):
    pair the most alike in order, so each word comparison stays paragraph-sized."""
    if len(a) * len(b) > 160_000:
        ops.words("".join(a), "".join(b))
        return
    ca = [Counter(p.split()) for p in a]
    cb = [Counter(p.split()) for p in b]
    la = [c.total() for c in ca]
    lb = [c.total() for c in cb]

    def alike(i: int, j: int) -> float:
        """Share of words the two paragraphs have in common (difflib's quick_ratio)."""
        if not la[i] + lb[j]:
            return 1.0
        return 2 * (ca[i] & cb[j]).total() / (la[i] + lb[j])

    n, m = len(a), len(b)
    score = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(1, n + 1):
        for j in range(1, m + 1):
            best = max(score[i - 1][j], score[i][j - 1])
            r = alike(i - 1, j - 1)
            if r >= 0.5:
                best = max(best, score[i - 1][j - 1] + r)
            score[i][j] = best
    pairs: list[tuple[int, int]] = []
    i, j = n, m
    while i and j:
        if score[i][j] == score[i - 1][j]:
            i -= 1
        elif score[i][j] == score[i][j - 1]:
            j -= 1
        else:
            pairs.append((i - 1, j - 1))
            i, j = i - 1, j - 1
    pairs.reverse()
    ia = ib = 0
    for pi, pj in [*pairs, (n, m)]:
        ops.add(DiffKind.DELETE, "".join(a[ia:pi]))
        ops.add(DiffKind.INSERT, "".join(b[ib:pj]))
        if pi < n:
            ops.words(a[pi], b[pj])
        ia, ib = pi + 1, pj + 1


def _words_in(ops: tuple[DiffOp, ...], kind: DiffKind) -> int:
    return sum(word_count(op.text) for op in ops if op.kind == kind)


def section_pairs(old: tuple[Section, ...], new: tuple[Section, ...]
                  ) -> list[tuple[Section | None, Section | None]]:
    """Sections of two texts paired up, in the new order; a removed section (None on the
    right) stands where it stood before, an added one has None on the left. Sections are
    matched by id when both carry one (a renamed section is still the same section),
    else by title."""
    def key(s: Section) -> str:
        return f"id:{s.id}" if s.id is not None else f"t:{fold(s.title)}"

    old_by_key = {key(s): s for s in old}
    by_title = {fold(s.title): s for s in old}
    matched: dict[int, Section] = {}          # index in new -> old section
    used: set[int] = set()
    for i, s in enumerate(new):
        o = old_by_key.get(key(s))
        if o is None:
            o = by_title.get(fold(s.title))
        if o is not None and id(o) not in used:
            matched[i] = o
            used.add(id(o))
    result: list[tuple[Section | None, Section | None]] = []
    old_order = {id(s): n for n, s in enumerate(old)}
    pending_removed = [s for s in old if id(s) not in used]

    def flush_removed(before: int) -> None:
        while pending_removed and old_order[id(pending_removed[0])] < before:
            result.append((pending_removed.pop(0), None))

    for i, s in enumerate(new):
        o = matched.get(i)
        if o is None:
            # Sections removed from the same gap come before the ones added to it.
            following = next((old_order[id(matched[j])] for j in range(i + 1, len(new))
                              if j in matched), len(old) + 1)
            flush_removed(following)
        else:
            flush_removed(old_order[id(o)])
        result.append((o, s))
    flush_removed(len(old) + 1)
    return result


def compare_sections(old: tuple[Section, ...], new: tuple[Section, ...]) -> tuple[SectionDiff, ...]:
    """Compare two sets of sections, section by section (see section_pairs), word by word
    in the text a reader sees (Markdown read, not shown)."""
    result: list[SectionDiff] = []
    for o, s in section_pairs(old, new):
        if s is None:
            text = plain_text(o.body)
            ops = (DiffOp(DiffKind.DELETE, text),) if text else ()
            result.append(SectionDiff(o.title, None, SectionChange.REMOVED, ops,
                                      0, word_count(o.body)))
            continue
        if o is None:
            text = plain_text(s.body)
            ops = (DiffOp(DiffKind.INSERT, text),) if text else ()
            result.append(SectionDiff(None, s.title, SectionChange.ADDED, ops,
                                      word_count(s.body), 0))
            continue
        ops = diff_words(plain_text(o.body), plain_text(s.body))
        inserted, deleted = _words_in(ops, DiffKind.INSERT), _words_in(ops, DiffKind.DELETE)
        if o.body != s.body and parse(o.body) != parse(s.body):
            # the same text written another way (an import's escapes) is no change
            change = SectionChange.CHANGED
        elif o.title != s.title:
            change = SectionChange.RENAMED
        else:
            change = SectionChange.UNCHANGED
        result.append(SectionDiff(o.title, s.title, change, ops, inserted, deleted))
    return tuple(result)
