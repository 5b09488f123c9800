"""Plain SQL reads without the ORM: a file through sqlite3, a server through its engine."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from lsp_desktop.db.inspection import connect_untouched
from lsp_desktop.safe_files import sqlite_uri

if TYPE_CHECKING:
    from sqlalchemy import Connection, Engine


class Reads:
    """One read-only connection: rows(sql, **params), with `:name` parameters.

    Values come back as the database stores them: SQLite gives dates as ISO text, a
    server as dates; day() reads either, and a date parameter goes in as `date_param`
    makes it. `dialect`: "sqlite" or the server's ("postgresql"). Use as a context manager."""

    def __init__(self, rows: Callable[[str, dict], Sequence[Sequence]],
                 close: Callable[[], None], dialect: str = "sqlite",
                 chunks: Callable[[str, dict, int], Iterator[Sequence[Sequence]]] | None = None):
        self._rows = rows
        self._close = close
        self._chunks = chunks
        self.dialect = dialect

    def rows(self, sql: str, **params) -> Sequence[Sequence]:
        return self._rows(sql, params)

    def chunks(self, sql: str, size: int = 4096, **params) -> Iterator[Sequence[Sequence]]:
        """The rows of `sql` `size` at a time: a large read never holds them all at once."""
        if self._chunks is None:
            yield self._rows(sql, params)
            return
        yield from self._chunks(sql, params, size)

    def date_param(self, value: date) -> date | str:
        """A date as a parameter compared with a date column: ISO text on SQLite."""
        return value.isoformat() if self.dialect == "sqlite" else value

    def close(self) -> None:
        self._close()

    def __enter__(self) -> Reads:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def file_reads(path: Path, untouched: bool = False) -> Reads:
    """Reads of a partnership file by the standard library: nothing changes it.
    `untouched`, or in a folder it cannot write (as make_engine's read-only engine):
    nothing is created beside it either (see connect_untouched)."""
    if untouched or (not os.access(path.parent, os.W_OK)
                     and not Path(f"{path}-shm").exists()):
        con = connect_untouched(path)
    else:
        con = sqlite3.connect(sqlite_uri(path, mode="ro"), uri=True)
        con.execute("PRAGMA busy_timeout=5000")
    con.execute("PRAGMA query_only=ON")

    def chunks(sql: str, params: dict, size: int) -> Iterator[list]:
        cursor = con.execute(sql, params)
        while batch := cursor.fetchmany(size):
            yield batch

    return Reads(lambda sql, params: con.execute(sql, params).fetchall(), con.close,
                 "sqlite", chunks)


def engine_reads(bind: Engine | Connection) -> Reads:
    """Reads through SQLAlchemy: on an engine, a connection of its own (closed after);
    on a connection, that connection (its transaction's view, left open)."""
    from sqlalchemy import text

    own = bind.engine is bind
    conn = bind.connect() if own else bind
    return Reads(lambda sql, params: conn.execute(text(sql), params).all(),
                 conn.close if own else (lambda: None), conn.dialect.name,
                 lambda sql, params, size: conn.execute(text(sql), params).partitions(size))


def day(value) -> date | None:
    """A date column's value, from either database."""
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])

