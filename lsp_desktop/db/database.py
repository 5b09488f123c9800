"""Opening a partnership file: checks, locking, migrations, engine and session factory."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from lsp_desktop.db import audit, backup, lengths, migrate, notify
from lsp_desktop.domain.errors import PartnershipFileError, PartnershipLockedError

SQLITE_HEADER = b"SQLite format 3\x00"


@dataclass
class Database:
    """An open partnership: one engine per process, sessions made on demand."""

    path: Path
    engine: Engine
    session_factory: sessionmaker[Session]
    read_only: bool = False
    migrated_from: str | None = None
    _lock: object | None = field(default=None, repr=False)
    url: str | None = None   # a shared partnership's address (password hidden); None for a file

    @property
    def shared(self) -> bool:
        return self.url is not None

    @property
    def location(self) -> str:
        """What the user opened: the file path, or the server address."""
        return self.url if self.url is not None else str(self.path)

    def close(self) -> None:
        self.engine.dispose()
        if self._lock is not None:
            self._lock.release()
            self._lock = None


def connect_untouched(path: Path) -> sqlite3.Connection:
    """A read-only connection that creates nothing beside the file.

    A plain read-only connection to a WAL-mode file still makes -wal and -shm files;
    `immutable` does not. Only when a -wal file is already there (another copy has the
    file open, or the program stopped before tidying up) is it read through, so that
    recent changes are seen.
    """
    wal = Path(str(path) + "-wal")
    mode = "mode=ro" if wal.exists() and wal.stat().st_size else "mode=ro&immutable=1"
    return sqlite3.connect(f"file:{quote(str(path))}?{mode}", uri=True)


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
        check = con.execute("PRAGMA quick_check").fetchone()[0]
        if check != "ok":
            raise PartnershipFileError(f"{name} is damaged ({check}); restore it from a backup.")
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if "alembic_version" not in tables or "partnership" not in tables:
            raise PartnershipFileError(
                f"{name} is an SQLite database but not a partnership file made by LSP Desktop.")
        row = con.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.DatabaseError as exc:
        raise PartnershipFileError(f"{name} is damaged or not a database ({exc}).") from None
    finally:
        con.close()
    return row[0] if row else None


def _set_pragmas(dbapi_con, _record) -> None:
    cur = dbapi_con.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA busy_timeout=5000")
    cur.close()


def _set_pragmas_read_only(dbapi_con, _record) -> None:
    cur = dbapi_con.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA query_only=ON")
    cur.close()


def make_engine(path: Path, read_only: bool = False) -> Engine:
    if read_only:
        engine = create_engine(f"sqlite:///file:{quote(str(path))}?mode=ro&uri=true")
        event.listen(engine, "connect", _set_pragmas_read_only)
    else:
        engine = create_engine(f"sqlite:///{path}")
        event.listen(engine, "connect", _set_pragmas)
    return engine


def _acquire_lock(path: Path):
    from filelock import FileLock, Timeout

    lock = FileLock(str(path) + ".lock", timeout=0)
    try:
        lock.acquire()
    except Timeout:
        raise PartnershipLockedError(
            f"{path.name} is already open in another copy of LSP Desktop.") from None
    except OSError as exc:
        # A folder we cannot write in (a read-only share): we could not save changes anyway.
        raise PartnershipLockedError(
            f"{path.name} cannot be opened for changes: {exc.strerror or exc} "
            f"in {path.parent}.") from None
    return lock


def create_partnership_file(path: Path) -> None:
    """Create an empty partnership file with the current schema (refuses an existing file)."""
    if path.exists():
        raise PartnershipFileError(f"{path} already exists.")
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".new")
    tmp.unlink(missing_ok=True)
    engine = make_engine(tmp)
    try:
        migrate.upgrade(engine)
    finally:
        engine.dispose()
    # A half-made file never appears under the real name.
    con = sqlite3.connect(tmp)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    backup.private_file(tmp)
    tmp.rename(path)


def open_partnership(path: Path | str, backup_dir: Path | None = None, *,
                     read_only: bool = False, create: bool = False) -> Database:
    """Open (or create) a partnership file, migrating it after a backup if it is older.

    Refuses, leaving the file untouched, anything not a partnership file, a damaged
    file, or one made by a newer program. Raises PartnershipLockedError when another
    copy has it open, unless `read_only`. A database URL opens a shared partnership.
    """
    from lsp_desktop.db.shared import is_url

    if is_url(path):
        return open_shared(str(path), backup_dir, read_only=read_only, create=create)
    path = Path(path).expanduser().absolute()
    created = False
    if not path.exists():
        if not create:
            raise PartnershipFileError(f"There is no partnership file at {path}.")
        create_partnership_file(path)
        created = True
    revision = inspect_file(path)
    known = migrate.known_revisions()
    if revision is None:
        raise PartnershipFileError(
            f"{path.name} has no schema version: it was not made by LSP Desktop or is damaged.")
    if revision not in known:
        raise PartnershipFileError(
            f"{path.name} was made by a newer version of LSP Desktop (schema {revision}); "
            f"this version knows schemas up to {known[-1]}. Please update the program.")
    lock = None if read_only else _acquire_lock(path)
    migrated_from = None
    try:
        if revision != known[-1]:
            if read_only:
                raise PartnershipFileError(
                    f"{path.name} needs upgrading before it can be opened, and it is open "
                    "elsewhere; close the other copy first.")
            if backup_dir is not None:
                backup.make_backup(path, backup_dir, backup.backup_label(path),
                                   reason=f"before-{known[-1]}", keep=backup.configured_keep())
            engine = make_engine(path)
            try:
                migrate.upgrade(engine)
            finally:
                engine.dispose()
            migrated_from = revision
        elif backup_dir is not None and not read_only and not created:
            backup.daily_backup(path, backup_dir)
        engine = make_engine(path, read_only=read_only)
    except BaseException:
        if lock is not None:
            lock.release()
        raise
    factory = sessionmaker(engine, expire_on_commit=False)
    audit.install()
    lengths.install()
    audit.register(engine)
    return Database(path, engine, factory, read_only, migrated_from, lock)


def open_shared(location: str, backup_dir: Path | None = None, *,
                read_only: bool = False, create: bool = False) -> Database:
    """Open a partnership held on a PostgreSQL server, migrating it if it is older.

    An empty database gets the schema (and a first partnership record) only when
    `create`. There is no file lock: officers edit at once, and saves of the same
    record are kept apart by version counters. Backups are archive exports.
    """
    from lsp_desktop.db import shared

    url = shared.parse_url(location)
    engine = shared.make_engine(url)
    try:
        revision = shared.inspect_server(engine, url)
        known = migrate.known_revisions()
        migrated_from = None
        name = shared.display_url(url)
        if revision is None:
            if not create:
                raise PartnershipFileError(
                    f"The database {name} is empty: it holds no partnership yet. "
                    "Create one there first: lsp-desktop new --db URL --name NAME, or "
                    "tick 'Create a new partnership there' in File ▸ Open shared partnership….")
            migrate.upgrade(engine)
        elif revision not in known:
            raise PartnershipFileError(
                f"{name} was made by a newer version of LSP Desktop (schema {revision}); "
                f"this version knows schemas up to {known[-1]}. Please update the program.")
        elif revision != known[-1]:
            if read_only:
                raise PartnershipFileError(
                    f"{name} needs upgrading before it can be opened; open it for changes "
                    "once to upgrade it.")
            if backup_dir is not None:
                shared.dump_before_upgrade(engine, backup_dir, url, revision, known[-1])
            migrate.upgrade(engine)
            migrated_from = revision
    except BaseException:
        engine.dispose()
        raise
    if read_only:
        engine.dispose()
        engine = shared.make_engine(url, read_only=True)
    factory = sessionmaker(engine, expire_on_commit=False)
    audit.install()
    lengths.install()
    audit.register(engine)
    notify.register(engine)      # other officers' windows refresh on each commit
    return Database(shared.stand_in_path(url), engine, factory, read_only, migrated_from,
                    None, name)

