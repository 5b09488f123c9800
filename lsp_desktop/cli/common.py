"""Helpers every command module shares: opening the partnership, printing rows."""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from pathlib import Path

from lsp_desktop.domain.errors import DomainError
from lsp_desktop.domain.sheets import FORMULA_START, safe_cell
from lsp_desktop.domain.text import parse_date
from lsp_desktop.paths import default_paths


def db_path(args) -> Path:
    return Path(args.db).expanduser() if getattr(args, "db", None) else default_paths().default_db


def shared_url(args) -> str | None:
    """The --db value when it is a database URL (a shared partnership), else None."""
    value = getattr(args, "db", None)
    if not value:
        return None
    from lsp_desktop.db.shared import is_url

    return value if is_url(value) else None


def location(args) -> Path | str:
    """What --db names: a database URL as given, else the partnership file's path."""
    return shared_url(args) or db_path(args)


def guarded(args) -> list[Path]:
    """The partnership file --db names, which no --out may write over (safe_files)."""
    return [] if shared_url(args) else [db_path(args)]


def services_of(db):
    """All the services of an open partnership (file or shared)."""
    from lsp_desktop.services import build_services

    return build_services(db.session_factory, db.path, default_paths().backup_dir,
                          shared=db.shared)


def refuse_read_only(args) -> None:
    """A command that changes the partnership stops at once under --read-only."""
    if getattr(args, "read_only", False):
        raise DomainError("--read-only was given, and this command changes the partnership; "
                          "nothing was done.")


@contextmanager
def open_db(args, *, write: bool = False, backup_dir: Path | None = None) -> Iterator:
    """Open the partnership named by --db: for changes when `write`, else read-only.

    Reading never changes the file: an older file is not upgraded (the error says how
    to), no backup is made, nothing is created beside it where that can be avoided, and
    it reads wherever the file can be read (a read-only folder, a file another copy
    has open). A command that writes is refused under --read-only.
    """
    from lsp_desktop.db.database import open_partnership

    paths = default_paths()
    if write:
        refuse_read_only(args)
        _warn_if_synced(args)
    db = open_partnership(location(args), backup_dir or paths.backup_dir, read_only=not write,
                          untouched=not write)
    try:
        yield db
    finally:
        db.close()


def _warn_if_synced(args) -> None:
    """A change to a file in a synced or network folder: say so (docs/safe-files.md)."""
    if shared_url(args):
        return
    from lsp_desktop.safe_files import risky_location

    where = risky_location(db_path(args))
    if where:
        print(f"note: {db_path(args).name} is in {where}, where its locking is not safe; "
              "change it only when no other computer has it open (docs/safe-files.md).",
              file=sys.stderr)


def date_arg(text: str) -> date:
    """argparse type for dates: YYYY-MM-DD or DD/MM/YYYY."""
    import argparse

    try:
        return parse_date(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def print_rows(headers: Sequence[str], rows: Sequence[Sequence], fmt: str, out=None) -> None:
    """Print rows as an aligned table, CSV, or a JSON list of objects."""
    out = out or sys.stdout
    if fmt == "json":
        def plain(v):
            return v.isoformat() if isinstance(v, date) else v
        json.dump([{h: plain(v) for h, v in zip(headers, r, strict=True)} for r in rows],
                  out, ensure_ascii=False, indent=2)
        out.write("\n")
    elif fmt == "csv":
        # Written in one piece: a row at a time is a system call each on unbuffered output.
        text = io.StringIO()
        writer = csv.writer(text, lineterminator="\n")
        writer.writerow(headers)
        # Text that cannot be a formula (most of it) goes as it is, without a call.
        writer.writerows([[v if v.__class__ is str and not v.startswith(FORMULA_START)
                           else safe_cell(v if v.__class__ is str else _cell(v)) for v in r]
                          for r in rows])
        out.write(text.getvalue())
    elif fmt == "table":
        cells = [[_cell(v) for v in r] for r in rows]
        widths = [max([len(h)] + [len(r[i]) for r in cells]) for i, h in enumerate(headers)]
        out.write("  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip() + "\n")
        out.write("  ".join("-" * w for w in widths) + "\n")
        for r in cells:
            out.write("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() + "\n")
    else:
        raise DomainError(f"unknown format {fmt!r}")
