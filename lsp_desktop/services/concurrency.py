"""Optimistic concurrency: every save names the version it read, and raises the counter."""

from __future__ import annotations

import getpass
import os
from datetime import datetime

from lsp_desktop.domain.errors import ConflictError
from lsp_desktop.domain.exchange import ImportConflict

OFFICER_ENV = "LSP_DESKTOP_OFFICER"


def officer() -> str:
    """Who is saving: the officer's name if set (settings put it in the environment),
    else the operating-system user."""
    name = os.environ.get(OFFICER_ENV, "").strip()
    if name:
        return name[:200]
    try:
        return getpass.getuser()[:200]
    except (OSError, KeyError):
        return ""


def claim(row, expected: int | None, what: str) -> None:
    """Check that `row` is still at version `expected` (None: the caller read it in this
    same unit of work) and stamp the change; raises ConflictError otherwise.

    The UPDATE that follows also carries `AND version = <as read>`, so a save by another
    officer between this check and the commit is refused too (StaleDataError, turned
    into ConflictError by unit_of_work).
    """
    if expected is not None and row.version != expected:
        raise ConflictError(what, row.updated_by or "", row.updated_at)
    row.version = (row.version or 0) + 1
    row.updated_at = datetime.now().replace(microsecond=0)
    row.updated_by = officer()


def stamp(row) -> None:
    """Stamp a new record (version 1) with who made it and when."""
    row.updated_at = datetime.now().replace(microsecond=0)
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
