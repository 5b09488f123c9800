"""Copies of a partnership file made with SQLite's online backup API, checked and rotated."""

from __future__ import annotations

import logging
import os
import re
import sqlite3
from datetime import datetime
from pathlib import Path

from lsp_desktop.domain.errors import DomainError
from lsp_desktop.safe_files import atomic_write, disk_problem, sqlite_uri

DEFAULT_KEEP = 10
log = logging.getLogger(__name__)


def private_file(path: Path) -> None:
    """Make a file readable by its owner only (no-op where chmod means nothing)."""
    try:
        os.chmod(path, 0o600)
    except OSError:
        pass


# What a backup must hold as many of as its source: the records an officer counts.
VERIFIED = {"member": "members", "action": "actions", "strategy": "strategies",
            "assessment_round": "assessment rounds"}


def _counts(con: sqlite3.Connection) -> dict[str, int]:
    tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    return {t: con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0]
            for t in VERIFIED if t in tables}


def verify_copy(copy: Path, expected: dict[str, int], source_name: str) -> None:
    """Raise DomainError unless `copy` opens, passes the integrity check and holds the
    counted records of its source."""
    try:
        con = sqlite3.connect(sqlite_uri(copy, mode="ro"), uri=True)
        try:
            ok = con.execute("PRAGMA integrity_check(1)").fetchone()[0]
            got = _counts(con) if ok == "ok" else {}
        finally:
            con.close()
    except sqlite3.Error as exc:
        if disk_problem(exc, copy.parent):
            raise
        raise DomainError(f"The copy of {source_name} cannot be opened ({exc}); "
                          "nothing was written.") from None
    if ok != "ok":
        raise DomainError(f"The copy of {source_name} failed its integrity check; "
                          "nothing was written.")
    wrong = [f"{VERIFIED[t]}: {got.get(t, 0)} instead of {n}"
             for t, n in expected.items() if got.get(t, 0) != n]
    if wrong:
        raise DomainError(f"The copy of {source_name} does not hold the same records as the "
                          f"file ({'; '.join(wrong)}); nothing was written.")


def check_revision(path: Path, revision: str | None) -> None:
    """Refuse a file without a schema version, or made by a newer program."""
    from lsp_desktop.db.migrate import known_revisions
    from lsp_desktop.domain.errors import PartnershipFileError

    known = known_revisions()
    if revision is None:
        raise PartnershipFileError(
            f"{path.name} has no schema version: it was not made by LSP Desktop or is damaged.")
    if revision not in known:
        raise PartnershipFileError(
            f"{path.name} was made by a newer version of LSP Desktop (schema {revision}); "
            f"this version knows schemas up to {known[-1]}. Please update the program.")


def copy_database(source: Path, dest: Path, protect=(), *,
                  replacing_partnership: bool = False) -> Path:
    """Copy a partnership file (open or not) to `dest` with SQLite's backup API; the copy
    is verified (it opens, passes the integrity check, holds as many members, actions,
    strategies and rounds) before it takes the name `dest`. The source is checked first
    and nothing is created beside it; `dest` may not be any partnership (safe_files)
    unless `replacing_partnership` (the caller holds its claim: a local copy saved back)."""
    from lsp_desktop.db.inspection import connect_untouched, inspect_file

    source = Path(source).expanduser().absolute()
    check_revision(source, inspect_file(source))
    dest = Path(dest).expanduser().absolute()
    dest.parent.mkdir(parents=True, exist_ok=True)
    with atomic_write(dest, protect=(source, *protect),
                      replacing_partnership=replacing_partnership) as tmp:
        src = connect_untouched(source)
        try:
            src.execute("BEGIN")             # the counts and the copy see one snapshot
            expected = _counts(src)
            out = sqlite3.connect(tmp)
            try:
                src.backup(out)
                out.execute("PRAGMA journal_mode=DELETE")
            finally:
                out.close()
            src.execute("COMMIT")
        finally:
            src.close()
        verify_copy(tmp, expected, source.name)
    log.info("copied %s to %s (verified: %s)", source, dest,
             ", ".join(f"{n} {VERIFIED[t]}" for t, n in expected.items()))
    return dest


def _slug(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "-", name).strip("-")[:60] or "partnership"


def make_backup(source: Path, backup_dir: Path, label: str, reason: str = "",
                keep: int = DEFAULT_KEEP) -> Path:
    """Back up `source` into `backup_dir` as <label>_<timestamp>[_<reason>].lspd and rotate."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    suffix = f"_{_slug(reason)}" if reason else ""
    dest = backup_dir / f"{_slug(label)}_{stamp}{suffix}{source.suffix or '.lspd'}"
    copy_database(source, dest)
    rotate(backup_dir, _slug(label), keep)
    return dest


def rotate(backup_dir: Path, slug: str, keep: int) -> None:
    """Keep the newest `keep` backups of one partnership, delete the older ones."""
    mine = sorted(p for p in backup_dir.glob(f"{slug}_*") if BACKUP_PATTERN.match(p.name))
    for old in mine[:-keep] if keep > 0 else []:
        old.unlink(missing_ok=True)


# -- naming, listing, daily backups and restore (exchange) -------------------

ENV_KEEP = "LSP_DESKTOP_BACKUPS_KEEP"
BACKUP_PATTERN = re.compile(r"^(?P<label>.+)_(?P<stamp>\d{8}-\d{6}-\d{6})(?:_(?P<reason>[^.]*))?\.")


def configured_keep() -> int:
    """How many backups to keep per partnership: $LSP_DESKTOP_BACKUPS_KEEP, else 10."""
    try:
        return max(1, int(os.environ.get(ENV_KEEP, DEFAULT_KEEP)))
    except ValueError:
        return DEFAULT_KEEP


def backup_label(path: Path) -> str:
    """Backups are named after the partnership (from the file) and the file's own name."""
    from lsp_desktop.db.inspection import connect_untouched

    name = ""
    try:
        con = connect_untouched(Path(path))
        try:
            row = con.execute("SELECT name FROM partnership ORDER BY id LIMIT 1").fetchone()
            name = row[0] if row else ""
        finally:
            con.close()
    except sqlite3.Error:
        pass
    stem = Path(path).stem
    return _slug(f"{name}-{stem}" if name and _slug(name) != _slug(stem) else stem)


def backups_of(backup_dir: Path, label: str) -> list[Path]:
    """This partnership's backups, oldest first."""
    if not backup_dir.is_dir():
        return []
    return sorted(p for p in backup_dir.glob(f"{_slug(label)}_*")
                  if BACKUP_PATTERN.match(p.name))


def backup_time(path: Path) -> datetime | None:
    m = BACKUP_PATTERN.match(path.name)
    return datetime.strptime(m.group("stamp"), "%Y%m%d-%H%M%S-%f") if m else None


def daily_backup(source: Path, backup_dir: Path, now: datetime | None = None,
                 keep: int | None = None) -> Path | None:
    """Back up an opened file unless it was already backed up today."""
    now = now or datetime.now()
    label = backup_label(source)
    for existing in reversed(backups_of(backup_dir, label)):
        stamp = backup_time(existing)
        if stamp and stamp.date() == now.date():
            return None
    return make_backup(source, backup_dir, label, reason="opened",
                       keep=configured_keep() if keep is None else keep)


def check_backup(path: Path) -> None:
    """Raise DomainError unless `path` is an intact SQLite database."""
    from lsp_desktop.db.inspection import connect_untouched

    try:
        con = connect_untouched(Path(path))
        try:
            ok = con.execute("PRAGMA integrity_check").fetchone()[0]
        finally:
            con.close()
    except sqlite3.Error as exc:
        raise DomainError(f"{path.name} is not a usable backup ({exc}).") from None
    if ok != "ok":
        raise DomainError(f"{path.name} is damaged ({ok}); choose another backup.")


def restore_database(backup_file: Path, dest: Path) -> None:
    """Copy a backup over a (closed) partnership file with the online backup API, then check it."""
    from lsp_desktop.db.inspection import connect_untouched

    check_backup(backup_file)
    src = connect_untouched(Path(backup_file))
    try:
        out = sqlite3.connect(dest)
        try:
            src.backup(out)
            out.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            ok = out.execute("PRAGMA integrity_check").fetchone()[0]
        finally:
            out.close()
    finally:
        src.close()
    private_file(dest)
    if ok != "ok":
        raise DomainError(f"The restored file failed its integrity check: {ok}")
