"""Looking at a partnership file without changing a byte: its schema revision and health."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from lsp_desktop.domain.errors import PartnershipFileError
from lsp_desktop.safe_files import SQLITE_HEADER, sqlite_uri


def connect_untouched(path: Path) -> sqlite3.Connection:
    """A read-only connection that creates nothing beside the file.

    A plain read-only connection to a WAL-mode file still makes -wal and -shm files;
    `immutable` does not. Only when a -wal or -shm file is already there (another copy
    has the file open, or the program stopped before tidying up) is the log read
    through, so that recent changes are seen.
    """
    return sqlite3.connect(sqlite_uri(path, **_read_only_params(path)), uri=True)


def _read_only_params(path: Path) -> dict[str, str]:
    if Path(str(path) + "-wal").exists() or Path(str(path) + "-shm").exists():
        return {"mode": "ro"}      # in use (or left by a crash): read its log too
    return {"mode": "ro", "immutable": "1"}


# The tables every partnership file has had since the first schema.
_FOUNDATION = {"alembic_version", "partnership", "nrf_allocation", "member", "term",
               "declaration"}


def inspect_file(path: Path) -> str | None:
    """The schema revision of an existing partnership file, without changing a byte.

    Raises PartnershipFileError for anything that is not a healthy partnership file.
    """
    name = path.name
    try:
        with open(path, "rb") as fh:
            header = fh.read(100)
    except IsADirectoryError:
        raise PartnershipFileError(f"{path} is a folder, not a partnership file.") from None
    except FileNotFoundError:
        raise PartnershipFileError(f"There is no partnership file at {path}.") from None
    except OSError as exc:
        raise PartnershipFileError(f"Cannot read {path}: {exc.strerror}.") from None
    if not header:
        raise PartnershipFileError(f"{name} is empty: it is not a partnership file.")
    if not header.startswith(SQLITE_HEADER):
        raise PartnershipFileError(f"{name} is not a partnership file (it is not an SQLite database).")
    try:
        con = connect_untouched(path)
    except sqlite3.Error as exc:
        raise PartnershipFileError(f"{name} cannot be opened: {exc}.") from None
    try:
        problems = [r[0] for r in con.execute("PRAGMA quick_check(20)")]
        if problems != ["ok"]:
            raise PartnershipFileError(
                f"{name} is damaged (SQLite's check found "
                f"{'20 or more' if len(problems) >= 20 else len(problems)} problem(s)); "
                "restore it from a backup.")
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if not _FOUNDATION <= tables:
            raise PartnershipFileError(
                f"{name} is an SQLite database but not a partnership file made by LSP Desktop.")
        row = con.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.DatabaseError as exc:
        raise PartnershipFileError(f"{name} is damaged or cut short, or not a database "
                                   f"({str(exc).splitlines()[0]}); restore it from a "
                                   "backup.") from None
    finally:
        con.close()
    return row[0] if row else None
