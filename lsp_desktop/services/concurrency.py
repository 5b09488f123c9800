"""Optimistic concurrency: every save names the version it read, and raises the counter."""

from __future__ import annotations

from sqlalchemy.orm import object_session

from lsp_desktop.db.models.base import OFFICER_ENV, current_officer, now_to_the_second
from lsp_desktop.domain.errors import ConflictError
from lsp_desktop.domain.exchange import ImportConflict

# Who is saving: the officer's name from settings (OFFICER_ENV), else the operating-system
# user.
officer = current_officer
__all__ = ["OFFICER_ENV", "claim", "claim_for_import", "officer"]
CLAIMS = "lsp-claims"     # Session.info key: (model, id, version read, what) per claim


def conflict_after_commit(factory, claims) -> ConflictError:
    """The ConflictError for a save the database refused at the commit (another officer
    saved in between): which record, who changed it and when, read afresh."""
    with factory() as s:
        for model, row_id, version, what in claims or ():
            fresh = s.get(model, row_id)
            if fresh is None:
                return ConflictError(f"{what} (since deleted)")
            if fresh.version != version:
                return ConflictError(what, fresh.updated_by or "", fresh.updated_at)
    return ConflictError("This record")


def claim(row, expected: int | None, what: str) -> None:
    """Check that `row` is still at version `expected` (None: the caller read it in this
    same unit of work) and stamp the change; raises ConflictError otherwise.

    The UPDATE that follows also carries `AND version = <as read>`, so a save by another
    officer between this check and the commit is refused too (StaleDataError, turned
    into ConflictError by unit_of_work).
    """
    if expected is not None and row.version != expected:
        raise ConflictError(what, row.updated_by or "", row.updated_at)
    session = object_session(row)
    if session is not None:     # so that a save refused at the commit is named too
        session.info.setdefault(CLAIMS, []).append((type(row), row.id, row.version, what))
    row.version = (row.version or 0) + 1
    row.updated_at = now_to_the_second()
    row.updated_by = officer()


def claim_for_import(row, expected: int | None, what: str, line: int | None) -> None:
    """claim() for a record an import updates: `expected` is the version the preview saw;
    a record changed or deleted since raises ImportConflict naming the file's row."""
    if row is None:
        raise ImportConflict(what, row=line, deleted=True)
    try:
        claim(row, expected, what)
    except ConflictError as exc:
        raise ImportConflict(what, exc.who, exc.when, line) from None
