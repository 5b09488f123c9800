"""Many rows inserted with one executemany of plain tuples: through an engine (SQLite and
PostgreSQL alike), or into a file by the standard library's sqlite3 (no SQLAlchemy)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from operator import itemgetter
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import sqlalchemy as sa

CHUNK = 5000


def insert_many(conn: sa.Connection, table: sa.Table, columns: Sequence[str],
                rows: Iterable[Sequence], constants: dict | None = None) -> int:
    """Insert `rows` (tuples of values for `columns`, each row with the same `constants`)
    into `table` in `conn`'s transaction, CHUNK rows per executemany, so a large import
    never holds every row's parameters at once. Returns the rows written.

    The statement is the one SQLAlchemy compiles for the dialect and each value goes
    through its column type's bind processor, as conn.execute(insert(table), dicts) does,
    without SQLAlchemy's per-row parameter handling (about a second per 50,000 rows).
    Every column must be given: no Python-side column default is filled in.
    """
    import sqlalchemy as sa

    dialect = conn.dialect
    constants = constants or {}
    names = [*columns, *constants]
    compiled = sa.insert(table).compile(dialect=dialect, column_keys=names,
                                        for_executemany=True)
    if set(compiled.binds) != set(names):
        raise ValueError(f"insert_many into {table.name}: columns missing "
                         f"{sorted(set(compiled.binds) - set(names))}")
    procs = {n: table.c[n].type.dialect_impl(dialect).bind_processor(dialect) for n in names}
    fixed = {n: (procs[n](v) if procs[n] else v) for n, v in constants.items()}
    per_row = [(i, _remembering(procs[n]) if _is_dated(table.c[n]) else procs[n])
               for i, n in enumerate(columns) if procs[n] is not None]
    consts = tuple(fixed[n] for n in constants)
    if compiled.positional:
        # The row's values and the constants, in the statement's order.
        place = {n: i for i, n in enumerate(names)}
        pick = [place[n] for n in compiled.positiontup]
        if pick == list(range(len(names))):
            def shaped(row: tuple):
                return row + consts
        else:
            reorder = itemgetter(*pick)

            def shaped(row: tuple):
                return reorder(row + consts)
    else:
        def shaped(row: tuple):
            return dict(zip(names, row + consts, strict=True))
    sql = str(compiled)
    written = 0
    chunk: list = []
    for row in rows:
        if per_row:
            row = list(row)
            for i, proc in per_row:
                row[i] = proc(row[i])
            row = tuple(row)
        chunk.append(shaped(row))
        if len(chunk) >= CHUNK:
            conn.exec_driver_sql(sql, chunk)
            written += len(chunk)
            chunk = []
    if chunk:
        conn.exec_driver_sql(sql, chunk)
        written += len(chunk)
    return written


def _is_dated(column: sa.Column) -> bool:
    try:
        return issubclass(column.type.python_type, date)
    except NotImplementedError:
        return False


def _remembering(process, limit: int = 4096):
    """A date column's bind processor, remembering what each date became: a register's
    terms repeat a few dates many times (on SQLite each one is formatted as text)."""
    seen: dict = {}

    def remembered(value):
        done = seen.get(value, seen)
        if done is seen:
            done = process(value)
            if len(seen) < limit:
                seen[value] = done
        return done
    return remembered


# -- a partnership file written by the standard library -----------------------------------
def sqlite_datetime(value: datetime) -> str:
    """A DateTime column's value as SQLAlchemy stores it in SQLite (microseconds always)."""
    return value.isoformat(" ", "microseconds")


def insert_rows(con: sqlite3.Connection, table: str, columns: Sequence[str],
                rows: Iterable[tuple], constants: dict | None = None) -> int:
    """insert_many for a file's sqlite3 connection: `rows` are tuples of values as SQLite
    keeps them (dates as ISO text, see sqlite_datetime), streamed through one executemany
    (never all held at once). Returns the rows written."""
    constants = constants or {}
    names = [*columns, *constants]
    sql = (f'INSERT INTO "{table}" (' + ", ".join(f'"{n}"' for n in names) + ") VALUES ("
           + ", ".join("?" * len(names)) + ")")
    if constants:
        consts = tuple(constants.values())
        rows = (row + consts for row in rows)
    return con.executemany(sql, rows).rowcount
