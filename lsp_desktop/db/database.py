"""Opening a partnership file: checks, locking, migrations, engine and session factory."""

from __future__ import annotations

import logging
import os
import sqlite3
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from lsp_desktop.db import backup, migrate
from lsp_desktop.db.claim import claim_for_writing
from lsp_desktop.db.inspection import (  # noqa: F401 - re-exported for older callers
    _read_only_params,
    connect_untouched,
    inspect_file,
)
from lsp_desktop.domain.errors import DomainError, PartnershipFileError
from lsp_desktop.safe_files import atomic_write, sqlite_uri

if TYPE_CHECKING:
    from collections.abc import Callable

    from sqlalchemy import Engine
    from sqlalchemy.orm import Session, sessionmaker

    from lsp_desktop.db.reads import Reads

log = logging.getLogger(__name__)


class PartnershipNeedsUpgradeError(PartnershipFileError):
    """An older file, and only reading was asked for: reading never upgrades it."""


class Database:
    """An open partnership: one engine per process, sessions made on demand.

    The engine, the session factory and the audit trail's listeners are made on first
    use (SQLAlchemy is the slowest import there is): a print that reads through reads()
    never loads them. Every session is audited, as ever."""

    def __init__(self, path: Path, engine: Engine | None = None,
                 session_factory: sessionmaker[Session] | None = None, read_only: bool = False,
                 migrated_from: str | None = None, lock: object | None = None,
                 url: str | None = None, *, make: Callable[[], Engine] | None = None,
                 untouched: bool = False):
        self.path = path
        self.read_only = read_only
        self.migrated_from = migrated_from
        self._lock = lock
        self.url = url   # a shared partnership's address (password hidden); None for a file
        self._engine = engine
        self._factory = session_factory
        self._make = make
        self._untouched = untouched     # read-only, creating nothing beside the file
        self._connecting = threading.Lock()

    def __repr__(self) -> str:
        return f"Database({self.location!r}, read_only={self.read_only})"

    @property
    def engine(self) -> Engine:
        self._connect()
        return self._engine

    @property
    def session_factory(self) -> sessionmaker[Session]:
        self._connect()
        return self._factory

    def _connect(self) -> None:
        if self._factory is not None:
            return
        from sqlalchemy.orm import sessionmaker

        from lsp_desktop.db import audit, lengths

        with self._connecting:
            if self._factory is not None:
                return
            if self._engine is None:
                self._engine = self._make()
            audit.install()
            lengths.install()
            audit.register(self._engine)
            self._factory = sessionmaker(self._engine, expire_on_commit=False)

    def reads(self) -> Reads:
        """Plain SQL reads (a print's, the first paint's): a file is read by the standard
        library's sqlite3, without loading SQLAlchemy; a server through the engine."""
        from lsp_desktop.db import reads

        if self.url is None:
            return reads.file_reads(self.path, untouched=self._untouched)
        return reads.engine_reads(self.engine)

    @property
    def shared(self) -> bool:
        return self.url is not None

    @property
    def location(self) -> str:
        """What the user opened: the file path, or the server address."""
        return self.url if self.url is not None else str(self.path)

    def close(self) -> None:
        if self._engine is not None:
            self._engine.dispose()
        if self._lock is not None:
            self._lock.release()
            self._lock = None


def _set_pragmas(dbapi_con, _record) -> None:
    cur = dbapi_con.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA busy_timeout=5000")
    cur.close()


def file_writes(path: Path | str) -> sqlite3.Connection:
    """A connection that writes a partnership file by the standard library (no
    SQLAlchemy), with the pragmas every engine connection gets. It begins no transaction
    itself: the caller runs BEGIN IMMEDIATE, then COMMIT or ROLLBACK."""
    con = sqlite3.connect(str(path), isolation_level=None)
    try:
        _set_pragmas(con, None)
    except BaseException:
        con.close()
        raise
    return con


def _set_pragmas_read_only(dbapi_con, _record) -> None:
    cur = dbapi_con.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA query_only=ON")
    cur.close()


def make_engine(path: Path, read_only: bool = False, untouched: bool = False) -> Engine:
    """An engine on a partnership file. Statements' values are never put in error
    messages (they hold members' names).

    Read-only, it follows other copies' changes (making -wal and -shm files when none
    are there); in a folder it cannot write, or when `untouched` (a short read by a
    command), it creates nothing beside the file unless another copy has it open."""
    from sqlalchemy import URL, create_engine, event

    if read_only:
        params = {"mode": "ro"}
        if untouched or (not os.access(Path(path).parent, os.W_OK)
                         and not Path(str(path) + "-shm").exists()):
            params = _read_only_params(path)
        url = URL.create("sqlite", database=sqlite_uri(path, **params),
                         query={"uri": "true"})
        engine = create_engine(url, hide_parameters=True)
        event.listen(engine, "connect", _set_pragmas_read_only)
    else:
        engine = create_engine(URL.create("sqlite", database=str(path)), hide_parameters=True)
        event.listen(engine, "connect", _set_pragmas)
    return engine


def create_partnership_file(path: Path) -> None:
    """Create an empty partnership file with the current schema (refuses an existing file,
    apart from an empty one made to hold it, as temp_beside() makes)."""
    path = Path(path)
    if path.exists() and path.stat().st_size:
        raise PartnershipFileError(f"{path} already exists.")
    path.parent.mkdir(parents=True, exist_ok=True)
    with atomic_write(path) as tmp:
        engine = make_engine(tmp)
        try:
            migrate.upgrade(engine)
        finally:
            engine.dispose()
        # A half-made file never appears under the real name.
        con = sqlite3.connect(tmp)
        try:
            con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            con.close()


def open_partnership(path: Path | str, backup_dir: Path | None = None, *,
                     read_only: bool = False, create: bool = False,
                     untouched: bool = False) -> Database:
    """Open (or create) a partnership file, migrating it after a backup if it is older.

    Refuses, leaving the file untouched, anything not a partnership file, a damaged
    file, or one made by a newer program. Raises PartnershipLockedError when another
    copy has it open, unless `read_only` (see claim_for_writing); read-only, an older
    file is refused (PartnershipNeedsUpgradeError), never upgraded. A database URL opens a shared partnership.
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
    backup.check_revision(path, revision)
    if revision != known[-1] and read_only:
        raise PartnershipNeedsUpgradeError(
            f"{path.name} was made by an older version of LSP Desktop and needs upgrading "
            f"before this version can read it (schema {revision}, this version uses "
            f"{known[-1]}). Reading never changes a file: open it in the window for changes, "
            f"or run: lsp-desktop upgrade --db \"{path}\" (a backup is made first).")
    lock = None if read_only else claim_for_writing(path)
    migrated_from = None
    try:
        if revision != known[-1]:
            if backup_dir is not None:
                made = backup.make_backup(path, backup_dir, backup.backup_label(path),
                                          reason=f"before-{known[-1]}",
                                          keep=backup.configured_keep())
                log.info("backed up %s to %s before upgrading it", path, made)
            engine = make_engine(path)
            try:
                migrate.upgrade(engine)
            finally:
                engine.dispose()
            migrated_from = revision
            log.info("upgraded %s from schema %s to %s", path, revision, known[-1])
        elif backup_dir is not None and not read_only and not created:
            try:
                made = backup.daily_backup(path, backup_dir)
                if made:
                    log.info("backed up %s to %s (first opening today)", path, made)
            except (DomainError, OSError, sqlite3.Error) as exc:
                # A backups folder that cannot be written is no reason to refuse work.
                log.warning("the daily backup of %s was not made: %s", path, exc)
    except BaseException:
        if lock is not None:
            lock.release()
        raise
    log.info("opened %s %s", path, "read-only" if read_only else "for changes")
    return Database(path, None, None, read_only, migrated_from, lock, untouched=untouched,
                    make=lambda: make_engine(path, read_only=read_only, untouched=untouched))


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
    from lsp_desktop.db import notify

    db = Database(shared.stand_in_path(url), engine, None, read_only, migrated_from, None, name)
    db._connect()
    notify.register(engine)      # other officers' windows refresh on each commit
    return db

