"""One short unit of work per service call, mapping database refusals to domain errors."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.exc import DBAPIError, InterfaceError, InternalError, OperationalError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from lsp_desktop.domain.errors import ConnectionLostError, ReadOnlyError


@contextmanager
def one_transaction(factory: sessionmaker[Session]) -> Iterator[sessionmaker[Session]]:
    """A session factory whose units of work all join one transaction: all or none (an
    import's many writes)."""
    engine = factory.kw["bind"]
    with engine.connect() as conn:
        trans = conn.begin()
        joined = sessionmaker(bind=conn, expire_on_commit=False,
                              join_transaction_mode="rollback_only")
        try:
            yield joined
        except BaseException:
            if trans.is_active:
                trans.rollback()
            raise
        trans.commit()


@contextmanager
def unit_of_work(factory: sessionmaker[Session]) -> Iterator[Session]:
    """`with unit_of_work(f) as s:` commits on success, rolls back on any error."""
    session = None
    try:
        with factory() as session, session.begin():
            yield session
    except StaleDataError:
        from lsp_desktop.services.concurrency import CLAIMS, conflict_after_commit

        claims = session.info.get(CLAIMS) if session is not None else None
        raise conflict_after_commit(factory, claims) from None
    except (OperationalError, InternalError, InterfaceError) as exc:
        text = str(exc.orig).lower()
        if ReadOnlyError.said_by(text):
            raise ReadOnlyError(ReadOnlyError.MESSAGE) from None
        if _sqlstate(exc) == "57014":
            raise ConnectionLostError(
                "The shared partnership's server did not answer in time; nothing was saved. "
                "Try again in a moment.") from None
        if _is_connection_problem(exc):
            raise ConnectionLostError(
                "The connection to the shared partnership is lost; nothing was saved. "
                f"({_first_line(exc)})") from None
        raise


def _first_line(exc: DBAPIError) -> str:
    lines = str(exc.orig).strip().splitlines()
    return lines[0] if lines else type(exc.orig).__name__


def _sqlstate(exc: DBAPIError) -> str:
    return getattr(getattr(exc.orig, "diag", None), "sqlstate", None) or ""


def _is_connection_problem(exc: DBAPIError) -> bool:
    """A server that went away or did not answer in time (never an SQLite file error)."""
    if exc.connection_invalidated:
        return True
    module = type(exc.orig).__module__
    if not module.startswith("psycopg"):
        return False
    code = getattr(getattr(exc.orig, "diag", None), "sqlstate", None) or ""
    # 08: connection exceptions; 57P: operator intervention (shutdown); 57014: timeout.
    return (code.startswith("08") or code.startswith("57P") or code == "57014"
            or isinstance(exc, (InterfaceError,)) or not code)
