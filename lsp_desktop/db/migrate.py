"""Schema revisions: which the program knows, which a file has, and upgrading (Alembic)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy import Engine

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
_REVISION_FILE = re.compile(r"^(\d{4}_[a-z0-9_]+)\.py$")


def known_revisions() -> list[str]:
    """Revision ids in order; each migration file is named after its revision id."""
    names = (m.group(1) for p in (MIGRATIONS_DIR / "versions").iterdir()
             if (m := _REVISION_FILE.match(p.name)))
    return sorted(names)


def head_revision() -> str:
    return known_revisions()[-1]


def upgrade(engine: Engine, target: str = "head") -> None:
    """Run Alembic's upgrade on `engine` (imported only here: it is slow to import)."""
    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    sqlite = engine.dialect.name == "sqlite"
    problems = []
    with engine.connect() as conn:
        # Batch migrations copy SQLite tables; with foreign keys on, dropping the old
        # copy would cascade, so they are off for the migration and checked after.
        # A server database alters tables in place and checks references itself.
        if sqlite:
            conn.exec_driver_sql("PRAGMA foreign_keys=OFF")
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, target)
        conn.commit()
        if sqlite:
            problems = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
            conn.exec_driver_sql("PRAGMA foreign_keys=ON")
    if problems:
        raise RuntimeError(f"migration left {len(problems)} broken references")
