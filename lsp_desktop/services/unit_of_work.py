"""One short unit of work per service call, mapping database refusals to domain errors."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from lsp_desktop.domain.errors import ReadOnlyError


@contextmanager
def unit_of_work(factory: sessionmaker[Session]) -> Iterator[Session]:
    """`with unit_of_work(f) as s:` commits on success, rolls back on any error."""
    try:
        with factory() as session, session.begin():
            yield session
    except OperationalError as exc:
        text = str(exc.orig).lower()
        if "readonly" in text or "read-only" in text or "query_only" in text:
            raise ReadOnlyError(
                "This partnership is open read-only (another copy of the program has it); "
                "changes cannot be saved.") from None
        raise
