"""Backups of the open partnership: make one now, list them with counts, restore one."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from lsp_desktop.db import backup, migrate
from lsp_desktop.db.health import record_counts
from lsp_desktop.db.inspection import inspect_file
from lsp_desktop.domain.errors import DomainError, PartnershipFileError
from lsp_desktop.safe_files import sqlite_uri

# What the restore list shows as "records": the tables an officer recognises.
_COUNTED = {"member": "members", "strategy": "strategies", "target": "targets",
            "action": "actions", "assessment_round": "assessment rounds",
            "round": "assessment rounds"}


SHARED_BACKUPS = (
    "A shared partnership's backups are archive exports (lsp-desktop backup, or File ▸ "
    "Export whole partnership…), kept as .json files; the server's own backups (pg_dump) "
    "are the administrator's. An archive is restored by importing it into a new file or an "
    "empty database: lsp-desktop import FILE.json --db NEW.")


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    made: datetime
    size: int
    reason: str
    counts: dict[str, int]

    def counts_text(self) -> str:
        shown = [f"{self.counts[t]} {label}" for t, label in _COUNTED.items()
                 if t in self.counts]
        return ", ".join(shown) or "no records"


def describe(path: Path) -> BackupInfo:
    m = backup.BACKUP_PATTERN.match(path.name)
    made = backup.backup_time(path) or datetime.fromtimestamp(path.stat().st_mtime)
    try:
        con = sqlite3.connect(sqlite_uri(path, mode="ro", immutable="1"), uri=True)
        try:
            counts = record_counts(con)
        finally:
            con.close()
    except sqlite3.Error:
        counts = {}
    return BackupInfo(path, made, path.stat().st_size,
                      (m.group("reason") or "") if m else "", counts)


def make_backup_of(db_path: Path, backup_dir: Path, out: Path | None = None,
                   reason: str = "manual") -> Path:
    """A checked copy: to `out` if given, else rotated into the backups folder."""
    if out is not None:
        return backup.copy_database(db_path, Path(out))
    return backup.make_backup(db_path, backup_dir, backup.backup_label(db_path), reason,
                              keep=backup.configured_keep())


def restore_file(backup_file: Path, db_path: Path, backup_dir: Path) -> Path | None:
    """Replace a closed partnership file with a backup, backing up its current state first.

    Returns the backup made of the current state (None when there was no file yet).
    The caller must have closed every connection to `db_path` and reopens it after.
    """
    backup_file, db_path = Path(backup_file), Path(db_path)
    if not backup_file.exists():
        raise DomainError(f"There is no backup at {backup_file}.")
    try:
        revision = inspect_file(backup_file)
    except PartnershipFileError as exc:
        raise DomainError(f"Cannot restore: {exc}") from None
    if revision not in migrate.known_revisions():
        raise DomainError(f"Cannot restore {backup_file.name}: it was made by a newer "
                          "LSP Desktop. Please update the program.")
    backup.check_backup(backup_file)
    from lsp_desktop.db.claim import claim_for_writing
    from lsp_desktop.domain.errors import PartnershipLockedError

    try:
        lock = claim_for_writing(db_path)
    except PartnershipLockedError:
        raise DomainError(f"{db_path.name} is open in LSP Desktop; close it before restoring "
                          "from the command line, or use File ▸ Restore from backup….") from None
    try:
        saved = None
        if db_path.exists():
            saved = backup.make_backup(db_path, backup_dir, backup.backup_label(db_path),
                                       reason="before-restore", keep=backup.configured_keep())
        backup.restore_database(backup_file, db_path)
    finally:
        lock.release()
    return saved


class BackupsService:
    """Backups of one open partnership file."""

    def __init__(self, db_path: Path, backup_dir: Path | None, shared: bool = False,
                 archive=None):
        self.db_path = Path(db_path)
        self.backup_dir = backup_dir
        self.shared = shared        # on a server: backups are archive exports
        self.archive = archive

    def _dir(self) -> Path:
        if self.backup_dir is None:
            raise DomainError("No backups folder is set for this partnership.")
        return self.backup_dir

    def list(self) -> list[BackupInfo]:
        """This partnership's backups, newest first."""
        if self.shared:
            raise DomainError(SHARED_BACKUPS)
        label = backup.backup_label(self.db_path)
        return [describe(p) for p in reversed(backup.backups_of(self._dir(), label))]

    def make(self, out: Path | None = None) -> Path:
        if self.shared:
            if out is None:
                stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
                out = self._dir() / f"{self.db_path.name}_{stamp}_manual.json"
            out.parent.mkdir(parents=True, exist_ok=True)
            return self.archive.write(out, with_attachments=True)
        return make_backup_of(self.db_path, self._dir() if out is None else out.parent, out)
