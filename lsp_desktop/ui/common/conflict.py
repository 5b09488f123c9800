"""Two officers saved the same record: show the other change, then reload or overwrite."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import date
from enum import Enum

from lsp_desktop.domain.errors import (
    ConflictError,
    DomainError,
    FieldError,
    NotFoundError,
    ValidationError,
)
from lsp_desktop.ui import prompts
from lsp_desktop.ui.common.message_text import message

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
    if isinstance(value, float) and value.is_integer():
        return str(int(value))          # 61, as the tables show it, not 61.0
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
        prompts.error(parent, title, message(f"{exc}\n\nThe record no longer exists."))
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


def edit_with_conflicts(parent, title: str, record, make_dialog: Callable[[object], object],
                        read: Callable[[object], object], save: Callable[[object], object],
                        fetch: Callable[[], object], stale: Callable[[], None] | None = None,
                        read_only: bool = False):
    """Edit `record` in `make_dialog(record)` until `save(read(dialog))` succeeds or the
    user gives up; returns (the record the saved edit started from, the record as saved),
    the second None when nothing was saved.

    Problems show inside the dialog, so nothing typed is lost. If another officer saved
    the record since it was read, their change is shown (`title`) and the user chooses:
    reload (the dialog opens again on their version), overwrite (mine is written over
    theirs) or cancel (back to the dialog, with what was typed). A record that vanished
    closes the dialog. `stale()` is called whenever the page behind shows an outdated
    record (after a reload, or when the record vanished).
    """
    dialog = make_dialog(record)
    if read_only:
        dialog.ok_button.setEnabled(False)
    while dialog.exec() and not read_only:
        try:
            saved, theirs = save_with_conflicts(parent, title, save, read(dialog), record, fetch)
        except ValidationError as exc:
            dialog.show_errors(exc.errors)
            continue
        except NotFoundError as exc:
            prompts.error(parent, dialog.windowTitle(), message(str(exc)))
            if stale is not None:
                stale()
            return record, None
        except DomainError as exc:
            dialog.show_errors([FieldError("", str(exc))])
            continue
        if saved is not None:
            return record, saved
        if theirs is not None:          # reload: edit again from their version
            dialog.deleteLater()
            record, dialog = theirs, make_dialog(theirs)
            if stale is not None:
                stale()
    return record, None


def find_id(records, record_id):
    """The record with `record_id` among `records` (None if it is gone): `fetch` for a
    record the services only list."""
    return next((r for r in records if r.id == record_id), None)


def save_in_place(parent, error_title: str, title: str, save: Callable[[object], object],
                  mine, before, fetch: Callable[[], object],
                  changed: Callable[[], None] | None = None):
    """Save a form shown on a page rather than in a dialog; returns (saved, reloaded) as
    save_with_conflicts does. On a conflict: reload, overwrite, or cancel (the form keeps
    what was typed). A refusal becomes a message box (`error_title`) and leaves the form
    as typed. `changed()` reloads the page: after a save, a reload, or a vanished record.
    """
    try:
        saved, theirs = save_with_conflicts(parent, title, save, mine, before, fetch)
    except DomainError as exc:
        text = ("\n".join(e.message for e in exc.errors) if isinstance(exc, ValidationError)
                else str(exc))
        prompts.error(parent, error_title, message(text))
        if isinstance(exc, NotFoundError) and changed is not None:
            changed()
        return None, None
    if (saved is not None or theirs is not None) and changed is not None:
        changed()
    return saved, theirs


def edit_and_reload(parent, title: str, record, make_dialog, read, save, fetch,
                    changed: Callable[[], None], read_only: bool = False):
    """edit_with_conflicts for a page that reloads after any change (`changed()`, also
    after a save); returns the record as saved, or None."""
    _, saved = edit_with_conflicts(parent, title, record, make_dialog, read, save, fetch,
                                   changed, read_only)
    if saved is not None:
        changed()
    return saved
