"""Copies of a partnership file made with SQLite's online backup API, checked and rotated."""

from __future__ import annotations

import os
import re
import sqlite3
from datetime import datetime
from pathlib import Path

from lsp_desktop.domain.errors import DomainError

DEFAULT_KEEP = 10


def private_file(path: Path) -> None:
    """Make a file readable by its owner only (no-op where chmod means nothing)."""
    try:
        os.chmod(path, 0o600)
    except OSError:
        pass


def copy_database(source: Path, dest: Path) -> Path:
    """Copy a live database to `dest` consistently, check the copy, return its path."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(dest.name + ".part")
    tmp.unlink(missing_ok=True)
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        out = sqlite3.connect(tmp)
        try:
            src.backup(out)
            out.execute("PRAGMA journal_mode=DELETE")
            ok = out.execute("PRAGMA integrity_check").fetchone()[0]
        finally:
            out.close()
    finally:
        src.close()
    if ok != "ok":
        tmp.unlink(missing_ok=True)
        raise DomainError(f"The copy of {source.name} failed its integrity check: {ok}")
    private_file(tmp)
    os.replace(tmp, dest)
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
    mine = sorted(p for p in backup_dir.glob(f"{slug}_*") if not p.name.endswith(".part"))
    for old in mine[:-keep] if keep > 0 else []:
        old.unlink(missing_ok=True)
