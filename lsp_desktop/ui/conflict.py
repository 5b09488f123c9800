"""Two officers saved the same record: show the other change, then reload or overwrite."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import date
from enum import Enum

from lsp_desktop.domain.errors import ConflictError, DomainError
from lsp_desktop.ui import prompts

_SKIP = {"id", "version"}
_MAX = 160


def _shown(value) -> str:
    if value is None or value == "":
        return "(blank)"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, date):
        return f"{value:%d/%m/%Y}"
    if isinstance(value, (tuple, list)):
        return f"{len(value)} item(s)"
    text = str(value).replace("\n", " ")
    return text if len(text) <= _MAX else text[:_MAX - 1] + "…"


def their_changes(before, theirs) -> str:
    """What the other officer changed, field by field, from the record as it was read."""
    if before is None or theirs is None:
        return "" if theirs is not None else "They deleted it."
    lines = []
    for f in dataclasses.fields(theirs):
        if f.name in _SKIP:
            continue
        old, new = getattr(before, f.name, None), getattr(theirs, f.name)
        if old != new:
            label = f.name.replace("_", " ").capitalize()
            if isinstance(new, (tuple, list)):
                lines.append(f"{label}: changed ({_shown(old)} → {_shown(new)})")
            else:
                lines.append(f"{label}: {_shown(old)} → {_shown(new)}")
    return "\n".join(lines) or "No field differs from what you read (they saved the same values)."


def resolve(parent, exc: ConflictError, title: str, before, fetch: Callable[[], object]):
    """Ask what to do about a refused save. Returns (choice, theirs): choice is 'reload',
    'overwrite' (save `mine` again naming theirs.version) or 'cancel'."""
    try:
        theirs = fetch()
    except DomainError:
        theirs = None
    if theirs is None:
        prompts.error(parent, title, f"{exc}\n\nThe record no longer exists.")
        return "cancel", None
    choice = prompts.ask_conflict(parent, title, str(exc), their_changes(before, theirs))
    return choice, theirs


def save_with_conflicts(parent, title: str, save: Callable[[object], object], mine, before,
                        fetch: Callable[[], object]):
    """Save `mine`; on a conflict, offer reload or overwrite. Returns (saved, reloaded):
    `saved` is the record as written (None if not), `reloaded` the other officer's
    version when the user chose to reload it (to edit again from there)."""
    try:
        return save(mine), None
    except ConflictError as exc:
        choice, theirs = resolve(parent, exc, title, before, fetch)
    if choice == "overwrite":
        return save(dataclasses.replace(mine, version=theirs.version)), None
    if choice == "reload":
        return None, theirs
    return None, None
