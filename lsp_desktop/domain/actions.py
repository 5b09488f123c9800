"""Actions in the action plan: status, progress rating, milestones, notes, overdue rule.

Shared contract: the Action plans tab owns this module and may add fields; the
accreditation and report code read these names.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from enum import StrEnum

from lsp_desktop.domain.criteria import Criterion
from lsp_desktop.domain.errors import FieldError
from lsp_desktop.domain.text import fold, format_date, format_pounds, length_errors


class ActionStatus(StrEnum):
    NOT_STARTED = "not started"
    IN_PROGRESS = "in progress"
    COMPLETE = "complete"
    DROPPED = "dropped"

    @property
    def label(self) -> str:
        return self.value.capitalize()


class Progress(StrEnum):
    """Traffic-light progress of an action."""

    GREEN = "green"
    AMBER = "amber"
    RED = "red"

    @property
    def label(self) -> str:
        return self.value.capitalize()


class FundingSource(StrEnum):
    NRF = "NRF"
    CEF = "Community Empowerment Fund"
    MAINSTREAM = "mainstream"
    OTHER = "other"

    @property
    def label(self) -> str:
        return self.value if self.value[0].isupper() else self.value.capitalize()


@dataclass(frozen=True)
class Milestone:
    title: str
    due: date | None = None
    done: date | None = None
    id: int | None = None

    def is_overdue(self, today: date) -> bool:
        return self.done is None and self.due is not None and self.due < today


@dataclass(frozen=True)
class ProgressNote:
    written_on: date
    text: str
    id: int | None = None


@dataclass(frozen=True)
class DueChange:
    """One re-planning of the due date: on `changed_on` it moved from `before` to `after`."""

    changed_on: date
    before: date | None
    after: date | None


@dataclass(frozen=True)
class Action:
    reference: str
    title: str
    description: str = ""
    criterion: Criterion | None = None      # answers a criterion ...
    target_id: int | None = None            # ... or a target of a strategy ...
    concern_id: int | None = None           # ... or a GO area of concern
    owner_member_id: int | None = None      # owner: a member on the register ...
    owner_body: str = ""                    # ... or a partner body (free text)
    lead_officer: str = ""
    start: date | None = None
    due: date | None = None
    status: ActionStatus = ActionStatus.NOT_STARTED
    progress: Progress | None = None
    amount: int | None = None               # whole pounds
    funding_source: FundingSource | None = None
    milestones: tuple[Milestone, ...] = ()
    notes: tuple[ProgressNote, ...] = ()    # newest first
    id: int | None = None
    theme: str = ""                         # a Theme value or a local theme (from the target)
    version: int | None = field(default=None, compare=False)  # optimistic concurrency
    # Further purposes beyond the first criterion, target and area of concern above: one
    # action often answers two criteria, a GO area of concern and a target at once.
    more_criteria: tuple[Criterion, ...] = ()
    more_target_ids: tuple[int, ...] = ()
    more_concern_ids: tuple[int, ...] = ()
    original_due: date | None = None        # the due date first planned, once re-planned
    due_changes: tuple[DueChange, ...] = () # oldest first

    @property
    def criteria(self) -> tuple[Criterion, ...]:
        """Every criterion the action answers, the first one first."""
        return _unique((self.criterion,) + self.more_criteria)

    @property
    def target_ids(self) -> tuple[int, ...]:
        return _unique((self.target_id,) + self.more_target_ids)

    @property
    def concern_ids(self) -> tuple[int, ...]:
        return _unique((self.concern_id,) + self.more_concern_ids)

    def answers(self, criterion: Criterion) -> bool:
        return criterion in self.criteria

    @property
    def slipped(self) -> bool:
        return (self.original_due is not None and self.due is not None
                and self.due != self.original_due)

    def due_text(self) -> str:
        """`30/06/2002, originally 31/03/2002` for a re-planned action, else the due date."""
        if self.slipped:
            return f"{format_date(self.due)}, originally {format_date(self.original_due)}"
        return format_date(self.due)

    def is_overdue(self, today: date) -> bool:
        return (self.due is not None and self.due < today
                and self.status not in (ActionStatus.COMPLETE, ActionStatus.DROPPED))

    @property
    def is_closed(self) -> bool:
        return self.status in (ActionStatus.COMPLETE, ActionStatus.DROPPED)

    def days_overdue(self, today: date) -> int:
        return (today - self.due).days if self.is_overdue(today) and self.due else 0

    def overdue_milestones(self, today: date) -> tuple[Milestone, ...]:
        """Milestones past due and not done; none count once the action is closed."""
        if self.is_closed:
            return ()
        return tuple(m for m in self.milestones if m.is_overdue(today))

    def with_changes(self, **changes) -> Action:
        return replace(self, **changes)


def _unique(items) -> tuple:
    seen: list = []
    for x in items:
        if x is not None and x not in seen:
            seen.append(x)
    return tuple(seen)


def with_purposes(action: Action, criteria=(), target_ids=(), concern_ids=()) -> Action:
    """The action answering exactly these criteria, targets and areas of concern."""
    criteria, target_ids, concern_ids = (_unique(criteria), _unique(target_ids),
                                         _unique(concern_ids))
    return replace(action, criterion=criteria[0] if criteria else None,
                   more_criteria=criteria[1:],
                   target_id=target_ids[0] if target_ids else None,
                   more_target_ids=target_ids[1:],
                   concern_id=concern_ids[0] if concern_ids else None,
                   more_concern_ids=concern_ids[1:])


def replanned(before: Action, after: Action, on: date) -> Action:
    """`after` with its original due date and the history of changes kept, when its due
    date differs from `before`'s (a re-planned action never loses what was first agreed)."""
    if before.due == after.due or before.due is None:
        return replace(after, original_due=before.original_due,
                       due_changes=before.due_changes)
    return replace(after, original_due=before.original_due or before.due,
                   due_changes=before.due_changes + (DueChange(on, before.due, after.due),))


# -- references ------------------------------------------------------------
REFERENCE_PREFIX = "A-"
_REFERENCE_NUMBER = re.compile(r"^\s*A-?(\d+)\s*$", re.IGNORECASE)


def reference_number(reference: str) -> int | None:
    """The number in an `A-014` style reference, or None for a free-form one."""
    m = _REFERENCE_NUMBER.match(reference or "")
    return int(m.group(1)) if m else None


def next_reference(existing: Iterable[str]) -> str:
    """The reference after the highest `A-nnn` in use: A-001, A-002 ... A-1000."""
    numbers = [n for n in (reference_number(r) for r in existing) if n is not None]
    return f"{REFERENCE_PREFIX}{(max(numbers) if numbers else 0) + 1:03d}"


def reference_sort_key(reference: str) -> tuple:
    n = reference_number(reference)
    return (0, n, "") if n is not None else (1, 0, fold(reference))


# -- validation ------------------------------------------------------------
# The longest text each field of an action keeps (the columns are made this wide).
ACTION_LIMITS = {"reference": 40, "title": 300, "theme": 100, "owner_body": 200,
                 "lead_officer": 200}


def validate_action(action: Action, *, references_in_use: Iterable[str] = (),
                    former_owner: str | None = None) -> list[FieldError]:
    """Errors (nothing may be saved) and warnings (saved after a second look).

    `references_in_use` are the references of the other actions; `former_owner`
    is the name of the owning member when they have left the board.
    """
    errors: list[FieldError] = length_errors(action, ACTION_LIMITS)
    if not action.title.strip():
        errors.append(FieldError("title", "A title is required."))
    ref = action.reference.strip()
    if not ref:
        errors.append(FieldError("reference", "A reference is required."))
    elif fold(ref) in {fold(r) for r in references_in_use}:
        errors.append(FieldError("reference", f"{ref} is already used by another action."))
    if action.start and action.due and action.due < action.start:
        errors.append(FieldError(
            "due", f"The due date {format_date(action.due)} is before the start date "
                   f"{format_date(action.start)}."))
    if action.amount is not None and action.amount < 0:
        errors.append(FieldError("amount", "The amount cannot be negative."))
    if action.amount and action.funding_source is None:
        errors.append(FieldError("funding_source", "Say where the money comes from.",
                                 warning=True))
    for i, m in enumerate(action.milestones, start=1):
        name = m.title.strip() or f"Milestone {i}"
        if not m.title.strip():
            errors.append(FieldError("milestones", f"Milestone {i} needs a title."))
        if m.due and action.start and m.due < action.start:
            errors.append(FieldError(
                "milestones", f"{name} is due {format_date(m.due)}, before the action "
                              f"starts ({format_date(action.start)}).", warning=True))
        if m.due and action.due and m.due > action.due:
            errors.append(FieldError(
                "milestones", f"{name} is due {format_date(m.due)}, after the action is "
                              f"due ({format_date(action.due)}).", warning=True))
    for n in action.notes:
        if not n.text.strip():
            errors.append(FieldError("notes", "A progress note cannot be empty."))
            break
    if former_owner:
        errors.append(FieldError(
            "owner", f"{former_owner} has left the board; the action keeps them as owner "
                     "until you choose another.", warning=True))
    return errors


# -- filtering -------------------------------------------------------------
NO_CRITERION = "-"          # filter value: actions that answer no criterion
DUE_SOON_DAYS = 30


@dataclass(frozen=True)
class ActionFilter:
    """What the table shows; empty fields do not filter."""

    text: str = ""
    status: str = ""                 # an ActionStatus value, or "open" (not complete/dropped)
    progress: str = ""               # a Progress value, or "-" for no rating
    owner: str = ""                  # an owner_key()
    criterion: str = ""              # a Criterion value, or NO_CRITERION
    theme: str = ""                  # folded theme, or "-" for none
    overdue: bool = False
    due_soon: bool = False           # due within DUE_SOON_DAYS from today, not closed
    target_id: int | None = None     # answers this target (among its purposes)
    concern_id: int | None = None    # answers this GO area of concern

    def __post_init__(self):
        # Folded once here, not once per action tested: it keeps a keystroke cheap.
        object.__setattr__(self, "needle", fold(self.text))


def owner_key(action: Action) -> str:
    """One string per owner, for filters and grouping: `member:12` or `body:<folded>`."""
    if action.owner_member_id is not None:
        return f"member:{action.owner_member_id}"
    if action.owner_body.strip():
        return f"body:{fold(action.owner_body)}"
    return ""


def owner_label(action: Action, member_names: dict[int, str]) -> str:
    if action.owner_member_id is not None:
        name = member_names.get(action.owner_member_id, "(a deleted member)")
        return f"{name} ({action.owner_body})" if action.owner_body.strip() else name
    return action.owner_body.strip()


_NOT_KEY = re.compile(r"[^0-9a-z]+")


def _key_part(text: str) -> str:
    # Same result as fold(); plain ASCII skips the Unicode decomposition, which
    # made building keys for ten thousand actions five times slower.
    return _NOT_KEY.sub("", text.casefold()) if text.isascii() else fold(text)


_NOT_KEY_OR_BAR = re.compile(r"[^0-9a-z|]+")


def search_key(action: Action, owner: str = "") -> str:
    """Folded text the filter box searches: reference, title, description, owner, lead.

    Fields are kept apart by "|" so a search never matches across two of them.
    """
    parts = (action.reference, action.title, action.description, owner,
             action.lead_officer, action.theme)
    joined = "|".join(parts)
    if joined.isascii():
        return _NOT_KEY_OR_BAR.sub("", joined.casefold())
    return "|".join(map(_key_part, parts))


def matches(action: Action, flt: ActionFilter, today: date, key: str | None = None) -> bool:
    """Whether `action` passes `flt`; `key` is its precomputed search_key()."""
    needle = flt.needle  # type: ignore[attr-defined]
    if needle and needle not in (key if key is not None else search_key(action)):
        return False
    if flt.status:
        if flt.status == "open":
            if action.is_closed:
                return False
        elif action.status.value != flt.status:
            return False
    if flt.progress:
        value = action.progress.value if action.progress else "-"
        if value != flt.progress:
            return False
    if flt.owner and owner_key(action) != flt.owner:
        return False
    if flt.criterion:
        values = [c.value for c in action.criteria] or [NO_CRITERION]
        if flt.criterion not in values:
            return False
    if flt.theme:
        value = fold(action.theme) or "-"
        if value != flt.theme:
            return False
    if flt.target_id is not None and flt.target_id not in action.target_ids:
        return False
    if flt.concern_id is not None and flt.concern_id not in action.concern_ids:
        return False
    if flt.overdue and not action.is_overdue(today):
        return False
    if flt.due_soon and not is_due_soon(action, today):
        return False
    return True


def is_due_soon(action: Action, today: date, days: int = DUE_SOON_DAYS) -> bool:
    return (action.due is not None and not action.is_closed
            and today <= action.due <= today + timedelta(days=days))


def filter_actions(actions: Sequence[Action], flt: ActionFilter, today: date,
                   keys: Sequence[str] | None = None) -> list[Action]:
    """The actions passing `flt`, in the order given."""
    if keys is None:
        return [a for a in actions if matches(a, flt, today)]
    return [a for a, k in zip(actions, keys, strict=True) if matches(a, flt, today, k)]


# -- summary and grouping ----------------------------------------------------
@dataclass(frozen=True)
class ActionSummary:
    """Counts and money for a set of actions (the summary strip, subtotals, reports)."""

    total: int
    by_status: dict[ActionStatus, int]
    by_progress: dict[Progress | None, int]     # None: no rating yet
    overdue: int
    resources: dict[FundingSource | None, int]  # None: amount with no source given
    due_soon: int = 0

    @property
    def total_resources(self) -> int:
        return sum(self.resources.values())


def summarise(actions: Iterable[Action], today: date) -> ActionSummary:
    by_status = {s: 0 for s in ActionStatus}
    by_progress: dict[Progress | None, int] = {p: 0 for p in Progress}
    by_progress[None] = 0
    resources: dict[FundingSource | None, int] = {f: 0 for f in FundingSource}
    total = overdue = soon = 0
    for a in actions:
        total += 1
        by_status[a.status] += 1
        by_progress[a.progress] += 1
        if a.is_overdue(today):
            overdue += 1
        elif is_due_soon(a, today):
            soon += 1
        if a.amount:
            resources[a.funding_source] = resources.get(a.funding_source, 0) + a.amount
    if not resources.get(None):
        resources.pop(None, None)
    return ActionSummary(total, by_status, by_progress, overdue, resources, soon)


class GroupBy(StrEnum):
    NONE = ""
    CRITERION = "criterion"
    THEME = "theme"
    OWNER = "owner"

    @property
    def label(self) -> str:
        return {"": "No grouping", "criterion": "Criterion", "theme": "Theme",
                "owner": "Owner"}[self.value]


@dataclass(frozen=True)
class ActionGroup:
    key: str
    label: str
    actions: tuple[Action, ...]
    summary: ActionSummary


_CRITERION_ORDER = {c.value: i for i, c in enumerate(Criterion)}


def group_key(action: Action, by: GroupBy, member_names: dict[int, str]) -> tuple[str, str]:
    """(sort key, label) of the group `action` falls in."""
    if by == GroupBy.CRITERION:
        if action.criterion is None:
            return ("9", "No criterion")
        return (f"0{_CRITERION_ORDER[action.criterion.value]}", action.criterion.label)
    if by == GroupBy.THEME:
        theme = action.theme.strip()
        return ("1" + fold(theme), theme[:1].upper() + theme[1:]) if theme else ("9", "No theme")
    if by == GroupBy.OWNER:
        label = owner_label(action, member_names)
        return ("1" + fold(label), label) if label else ("9", "No owner")
    return ("", "All actions")


def group_actions(actions: Sequence[Action], by: GroupBy, today: date,
                  member_names: dict[int, str] | None = None,
                  key: Callable[[Action], tuple[str, str]] | None = None) -> list[ActionGroup]:
    """Actions in groups (criterion order, themes and owners A-Z, "none" last), each with
    its subtotal; the order within a group is the order given."""
    names = member_names or {}
    buckets: dict[str, tuple[str, list[Action]]] = {}
    for a in actions:
        sort, label = key(a) if key else group_key(a, by, names)
        buckets.setdefault(sort, (label, []))[1].append(a)
    return [ActionGroup(sort, label, tuple(items), summarise(items, today))
            for sort, (label, items) in sorted(buckets.items())]


def summary_text(s: ActionSummary) -> str:
    """One line for a subtotal: `8 actions, 2 overdue, £45,000`."""
    parts = [f"{s.total} action{'s' if s.total != 1 else ''}"]
    if s.overdue:
        parts.append(f"{s.overdue} overdue")
    done = s.by_status[ActionStatus.COMPLETE]
    if done:
        parts.append(f"{done} complete")
    if s.total_resources:
        parts.append(format_pounds(s.total_resources))
    return ", ".join(parts)


def shift_due(action: Action, days: int) -> Action:
    """The action with its due date moved by `days` (no change when it has none)."""
    if action.due is None or not days:
        return action
    return replace(action, due=action.due + timedelta(days=days))
