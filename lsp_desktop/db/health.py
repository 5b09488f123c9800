"""Health check of a partnership file: integrity, schema revision, records per type."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from lsp_desktop.db import migrate
from lsp_desktop.db.inspection import connect_untouched, inspect_file
from lsp_desktop.domain.errors import PartnershipFileError


@dataclass(frozen=True)
class HealthReport:
    healthy: bool
    lines: list[str]


def record_counts(con: sqlite3.Connection) -> dict[str, int]:
    tables = [r[0] for r in con.execute(
        "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' "
        "AND name != 'alembic_version' ORDER BY name")]
    return {t: con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}


def check_file(path: Path) -> HealthReport:
    """Check without changing the file; `healthy` is False for any problem found."""
    path = Path(path).expanduser()
    try:
        revision = inspect_file(path)
    except PartnershipFileError as exc:
        return HealthReport(False, [f"error: {exc}"])
    lines = []
    healthy = True
    con = connect_untouched(path.absolute())
    try:
        integrity = con.execute("PRAGMA integrity_check").fetchone()[0]
        fk = con.execute("PRAGMA foreign_key_check").fetchall()
        counts = record_counts(con)
    finally:
        con.close()
    lines.append(f"integrity: {integrity}")
    healthy &= integrity == "ok"
    known = migrate.known_revisions()
    state = ("current" if revision == known[-1] else
             "older, upgraded when opened" if revision in known else "newer than this program")
    lines.append(f"schema: {revision} ({state})")
    healthy &= revision in known
    lines.append(f"broken references: {len(fk)}")
    healthy &= not fk
    lines.extend(f"{name}: {count}" for name, count in counts.items())
    return HealthReport(healthy, lines)


def check_server(url: str) -> HealthReport:
    """Check a shared partnership on a server: reachable, schema, records per type."""
    from sqlalchemy import inspect, text

    from lsp_desktop.db import shared

    try:
        parsed = shared.parse_url(url)
        engine = shared.make_engine(parsed, read_only=True)
    except PartnershipFileError as exc:
        return HealthReport(False, [f"error: {exc}"])
    try:
        revision = shared.inspect_server(engine, parsed)
        if revision is None:
            return HealthReport(False, ["error: the database is empty: no partnership yet"])
        with engine.connect() as conn:
            tables = sorted(t for t in inspect(conn).get_table_names() if t != "alembic_version")
            counts = {t: conn.execute(text(f'SELECT count(*) FROM "{t}"')).scalar() for t in tables}
    except PartnershipFileError as exc:
        return HealthReport(False, [f"error: {exc}"])
    finally:
        engine.dispose()
    known = migrate.known_revisions()
    state = ("current" if revision == known[-1] else
             "older, upgraded when opened" if revision in known else "newer than this program")
    lines = ["integrity: checked by the server", f"schema: {revision} ({state})",
             "broken references: 0 (the server enforces them)"]
    lines.extend(f"{name}: {count}" for name, count in counts.items())
    return HealthReport(revision in known, lines)
