"""The action dialog's rules without Qt: the choices it offers, how typed text is read,
where problems show, and when a save goes ahead (warnings are confirmed once)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from enum import Enum

from lsp_desktop.domain.actions import Action, ProgressNote
from lsp_desktop.domain.criteria import Criterion
from lsp_desktop.domain.errors import FieldError
from lsp_desktop.domain.text import fold, format_date

NOTHING = "— nothing in particular —"
NO_MEMBER = "— no member —"
HAS_LEFT = " — has left the board"
DELETED_MEMBER = "(a deleted member)"
DETAILS, MILESTONES, NOTES, ALSO_ANSWERS = range(4)       # the dialog's pages


class Decision(Enum):
    ERRORS = "errors"          # stay open: something must be put right
    CONFIRM = "confirm"        # warnings not yet seen: show them, the button says "Save anyway"
    SAVE = "save"


def title_of(action: Action | None) -> str:
    return f"Edit action {action.reference}" if action and action.id else "New action"


def answer_key(action: Action) -> str | None:
    """What the action answers as a combo's data: "criterion:x", "target:3", "concern:7".
    (Strings, as Qt cannot find tuples with findData().)"""
    if action.criterion:
        return f"criterion:{action.criterion.value}"
    if action.target_id is not None:
        return f"target:{action.target_id}"
    if action.concern_id is not None:
        return f"concern:{action.concern_id}"
    return None


def answer_choices(action: Action, targets=(), concerns=()) -> list[tuple[str, str | None]]:
    """(label, key) of everything an action may answer; one it answers that is no longer
    offered (a deleted target) stays, named by its number."""
    choices: list[tuple[str, str | None]] = [(NOTHING, None)]
    choices += [(f"Criterion: {c.label}", f"criterion:{c.value}") for c in Criterion]
    choices += [(f"Target: {label}", f"target:{tid}") for tid, label, _theme in targets]
    choices += [(f"Area of concern: {label}", f"concern:{cid}") for cid, label in concerns]
    current = answer_key(action)
    if current and current not in {key for _label, key in choices}:
        kind, _sep, value = current.partition(":")
        choices.append((f"{kind.capitalize()} #{value}", current))
    return choices


def parse_answer(key: str | None) -> tuple[str | None, str | int | None]:
    """("criterion", "strategic"), ("target", 3), ("concern", 7) or (None, None)."""
    if not key:
        return None, None
    kind, _sep, value = key.partition(":")
    return kind, (value if kind == "criterion" else int(value))


def answered(key: str | None) -> dict:
    """The fields of Action that `key` sets (the others cleared)."""
    kind, value = parse_answer(key)
    return {"criterion": Criterion(value) if kind == "criterion" else None,
            "target_id": value if kind == "target" else None,
            "concern_id": value if kind == "concern" else None}


def also_answer_choices(action: Action, targets=(), concerns=()
                        ) -> list[tuple[str, str, bool]]:
    """(label, key, ticked) of every further purpose the action may answer besides the one
    shown on Details: criteria, targets and areas of concern (one no longer offered stays).
    An action made from an area of concern answers its criterion and the concern: the
    concern is ticked here, so saving the dialog keeps it."""
    ticked = ({f"criterion:{c.value}" for c in action.criteria}
              | {f"target:{t}" for t in action.target_ids}
              | {f"concern:{c}" for c in action.concern_ids}) - {answer_key(action)}
    choices = [(label, key) for label, key in answer_choices(Action("", ""), targets, concerns)
               if key is not None]
    known = {key for _label, key in choices}
    choices += [(f"{k.split(':')[0].capitalize()} #{k.split(':')[1]}", k)
                for k in sorted(ticked - known)]
    return [(label, key, key in ticked) for label, key in choices]


def also_answered(first: dict, keys: Iterable[str]) -> dict:
    """The further-purpose fields of Action for the ticked `keys`, leaving out the first
    purpose (`first`, from answered()) when it is ticked too."""
    more: dict[str, list] = {"criterion": [], "target": [], "concern": []}
    for key in keys:
        kind, value = parse_answer(key)
        more[kind].append(Criterion(value) if kind == "criterion" else value)
    return {"more_criteria": tuple(c for c in more["criterion"] if c != first["criterion"]),
            "more_target_ids": tuple(t for t in more["target"] if t != first["target_id"]),
            "more_concern_ids": tuple(c for c in more["concern"]
                                      if c != first["concern_id"])}


def slip_text(action: Action) -> str:
    """`Originally due 31/03/2002 (re-planned: 31/03/2002 → 16/06/2002 on 19/03/2002)`;
    empty for an action never re-planned."""
    if not action.slipped:
        return ""
    moves = "; ".join(f"{format_date(c.before)} → {format_date(c.after)} on "
                      f"{format_date(c.changed_on)}" for c in action.due_changes)
    return (f"Originally due {format_date(action.original_due)}"
            + (f" (re-planned: {moves})" if moves else ""))


def theme_for(key: str | None, targets) -> str | None:
    """A target's theme, to fill in when the action is set to answer it."""
    kind, value = parse_answer(key)
    if kind != "target":
        return None
    for tid, _label, theme in targets:
        if tid == value:
            return theme or None
    return None


def owner_choices(owners: Iterable, owner_id: int | None) -> list[tuple[str, int | None]]:
    """(label, member id) of the members who may own an action: the current ones, and the
    owner already set even if they left (said so) or were deleted."""
    choices: list[tuple[str, int | None]] = [(NO_MEMBER, None)]
    for o in owners:
        if o.current or o.id == owner_id:
            choices.append((owner_label(o), o.id))
    if owner_id is not None and owner_id not in {i for _t, i in choices}:
        choices.append((DELETED_MEMBER, owner_id))
    return choices


def owner_label(owner, body: bool = True) -> str:
    """How a picker shows an owner: "name (body)", said if they have left the board."""
    text = f"{owner.name} ({owner.organisation})" if body and owner.organisation else owner.name
    return text if owner.current else text + HAS_LEFT


class OwnerLookup:
    """The owners a picker offers, asked of the actions service as the officer types, never
    all members: those serving on `on` and the owner already set (`keep`, said if they
    left or were deleted), labelled as owner_choices() labels them (without `body`, the
    name alone). The same matches, in the same order, as a list of every owner gave."""

    def __init__(self, service, on: date, keep: int | None = None, body: bool = True):
        self._service = service
        self._on = on
        self._keep = keep
        self._body = body
        self._kept = ...                 # the owner already set, read when first wanted

    def _kept_owner(self):
        if self._kept is ...:
            self._kept = self._service.owner(self._keep, self._on)
        return self._kept

    def find(self, typed: str, limit: int) -> list[tuple[str, int]]:
        needle = fold(typed)
        if not needle:
            return []
        keep = self._keep
        found = [(owner_label(o, self._body), o.id) for o in self._service.find_owners(
            typed, self._on, limit + (keep is not None), body=self._body, keep=keep)]
        # The owner already set comes whether it matches or not: matched here, by its label.
        found = [(label, i) for label, i in found if i != keep or needle in fold(label)]
        del found[limit:]
        if (keep is not None and len(found) < limit and self._kept_owner() is None
                and needle in fold(DELETED_MEMBER)):
            found.append((DELETED_MEMBER, keep))
        return found

    def label(self, value) -> str | None:
        if value is None:
            return None
        owner = self._kept_owner() if value == self._keep else self._service.owner(value,
                                                                                   self._on)
        if owner is None:
            return DELETED_MEMBER if value == self._keep else None
        return owner_label(owner, self._body) if owner.current or value == self._keep else None


def parse_amount(text: str) -> tuple[int | None, FieldError | None]:
    """Whole pounds typed as £1,234 or 1234; blank is no amount."""
    text = text.strip()
    if not text:
        return None, None
    cleaned = re.sub(r"[£,\s]", "", text)
    if not re.fullmatch(r"-?\d+", cleaned):
        return None, FieldError("amount", f"'{text}' is not an amount in whole pounds.")
    return int(cleaned), None


def sorted_notes(notes: list[ProgressNote]) -> list[ProgressNote]:
    """Newest first; notes added in this dialog (no id yet) after saved ones of their day."""
    indexed = list(enumerate(notes))
    indexed.sort(key=lambda p: (p[1].written_on, p[1].id or 10**9 + p[0]), reverse=True)
    return [n for _i, n in indexed]


def notes_text(notes: list[ProgressNote]) -> str:
    return ("\n\n".join(f"{format_date(n.written_on)}  {n.text}" for n in sorted_notes(notes))
            or "No progress notes yet.")


def by_field(problems: list[FieldError], fields: Iterable[str]) -> dict[str, list[FieldError]]:
    """Each problem under the field that shows it (money problems at the amount; a field
    without a place of its own at the title)."""
    fields = set(fields)
    found: dict[str, list[FieldError]] = {}
    for p in problems:
        field = "amount" if p.field == "funding_source" else p.field
        found.setdefault(field if field in fields else "title", []).append(p)
    return found


def page_to_show(fields_with_problems: Iterable[str]) -> int | None:
    fields = set(fields_with_problems)
    if fields - {"milestones", "notes"}:
        return DETAILS
    if "milestones" in fields:
        return MILESTONES
    if "notes" in fields:
        return NOTES
    return None


def decide(problems: list[FieldError], acknowledged: tuple) -> tuple[Decision, tuple]:
    """Whether a press of Save saves; returns the decision and the warnings now seen."""
    if any(not p.warning for p in problems):
        return Decision.ERRORS, acknowledged
    seen = tuple(sorted(p.message for p in problems))
    if problems and seen != acknowledged:
        return Decision.CONFIRM, seen
    return Decision.SAVE, acknowledged
