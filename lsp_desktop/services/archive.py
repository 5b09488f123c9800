"""The whole-partnership archive: every record of every table in one versioned JSON document."""

from __future__ import annotations

import base64
import json
import logging
import sqlite3
from datetime import date, datetime, time
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy import insert, select
from sqlalchemy.orm import Session, sessionmaker

import lsp_desktop
from lsp_desktop.db import migrate
from lsp_desktop.db.database import create_partnership_file, make_engine
from lsp_desktop.db.models import Base
from lsp_desktop.domain.errors import DomainError
from lsp_desktop.domain.text import too_long
from lsp_desktop.safe_files import atomic_write, check_target, write_bytes
from lsp_desktop.services.unit_of_work import unit_of_work

FORMAT = "lsp-desktop-archive"
VERSION = 1
# Tables the migrations fill in every new file (the standard funds): an archive that holds
# the table brings its own rows, which replace them.
SEEDED = ("fund",)


def _plain(value, column: sa.Column, with_attachments: bool):
    if value is None:
        return None
    if isinstance(value, (bytes, bytearray, memoryview)):
        return base64.b64encode(bytes(value)).decode("ascii") if with_attachments else None
    if isinstance(value, (date, datetime, time)):
        return value.isoformat()
    return value


def _from_plain(value, column: sa.Column):
    kind = column.type
    if value is None:
        if isinstance(kind, sa.LargeBinary) and not column.nullable:
            return b""
        return None
    try:
        if isinstance(kind, sa.DateTime):
            return datetime.fromisoformat(value)
        if isinstance(kind, sa.Date):
            return date.fromisoformat(value)
        if isinstance(kind, sa.Time):
            return time.fromisoformat(value)
        if isinstance(kind, sa.LargeBinary):
            return base64.b64decode(value, validate=True)
        if isinstance(kind, sa.Boolean):
            if not isinstance(value, bool):
                raise ValueError("expected true or false")
            return value
    except (ValueError, TypeError) as exc:
        raise DomainError(f"The archive's {column.table.name}.{column.name} value {value!r} "
                          f"cannot be read ({exc}).") from None
    return value


def _tables() -> list[sa.Table]:
    return list(Base.metadata.sorted_tables)


class ArchiveService:
    def __init__(self, session_factory: sessionmaker[Session]):
        self._factory = session_factory

    def build(self, with_attachments: bool = False) -> dict:
        """The archive as a dict: tables in dependency order, rows in primary-key order."""
        tables: dict[str, list[dict]] = {}
        with unit_of_work(self._factory) as s:
            present = set(sa.inspect(s.connection()).get_table_names())
            name_row = None
            for table in _tables():
                if table.name not in present:
                    continue
                cols = list(table.columns)
                rows = s.execute(select(*cols).order_by(*table.primary_key.columns)).all()
                tables[table.name] = [
                    {c.name: _plain(v, c, with_attachments) for c, v in zip(cols, r, strict=True)}
                    for r in rows]
                if table.name == "partnership" and rows:
                    name_row = tables[table.name][0].get("name")
        return {
            "format": FORMAT,
            "version": VERSION,
            "schema": migrate.head_revision(),
            "program": f"lsp-desktop {lsp_desktop.__version__}",
            "partnership": name_row or "",
            "attachments_included": with_attachments,
            "tables": tables,
        }

    @staticmethod
    def import_into(archive_path: Path | str, new_db: Path | str) -> dict[str, int]:
        """Make a new partnership file from an archive (see import_archive)."""
        return import_archive(archive_path, new_db)

    def write(self, path: Path | str, with_attachments: bool = False, protect=()) -> Path:
        path = Path(path).expanduser().absolute()
        text = dumps(self.build(with_attachments))
        return write_bytes(path, text.encode("utf-8"), protect=protect)


def dumps(archive: dict) -> str:
    return json.dumps(archive, ensure_ascii=False, indent=1) + "\n"


def load(path: Path | str) -> dict:
    """Read and check an archive's envelope; raise DomainError with a clear reason."""
    path = Path(path)
    try:
        archive = json.loads(path.read_text(encoding="utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise DomainError(f"{path.name} is not an LSP Desktop archive (not JSON: {exc}).") from None
    if not isinstance(archive, dict) or archive.get("format") != FORMAT:
        raise DomainError(f"{path.name} is not an LSP Desktop archive (no \"format\": \"{FORMAT}\").")
    version = archive.get("version")
    if not isinstance(version, int) or version > VERSION:
        raise DomainError(f"{path.name} is archive version {version}; this program reads "
                          f"version {VERSION}. Please update LSP Desktop.")
    schema = archive.get("schema")
    if schema not in migrate.known_revisions():
        raise DomainError(f"{path.name} was made by a newer LSP Desktop (schema {schema}). "
                          "Please update the program.")
    if not isinstance(archive.get("tables"), dict):
        raise DomainError(f"{path.name} has no \"tables\".")
    return archive


def import_archive(archive_path: Path | str, new_db: Path | str) -> dict[str, int]:
    """Make a new partnership file (or fill an empty server database, when `new_db` is a
    URL) from an archive; returns records per table."""
    from lsp_desktop.db.shared import is_url

    archive = load(archive_path)
    if is_url(new_db):
        return _import_into_server(archive, str(new_db))
    new_db = Path(new_db).expanduser().absolute()
    if new_db.exists():
        raise DomainError(f"{new_db} already exists; an archive is imported into a new file.")
    check_target(new_db)
    known = {t.name: t for t in _tables()}
    unknown = sorted(set(archive["tables"]) - set(known))
    if unknown:
        raise DomainError(f"The archive holds records this program does not know "
                          f"({', '.join(unknown)}); please update LSP Desktop.")
    counts: dict[str, int] = {}
    with atomic_write(new_db) as tmp:
        create_partnership_file(tmp)
        engine = make_engine(tmp)
        try:
            with engine.connect() as conn:
                conn.exec_driver_sql("PRAGMA foreign_keys=OFF")
                conn.commit()
                with conn.begin():
                    _clear_seeded(conn, archive, known)
                    for name, table in known.items():
                        values = _archive_values(archive, name, table)
                        for keys in {tuple(sorted(v)) for v in values}:
                            batch = [v for v in values if tuple(sorted(v)) == keys]
                            conn.execute(insert(table), batch)
                        counts[name] = len(values)
                    broken = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                    if broken:
                        raise DomainError(f"The archive has {len(broken)} record(s) pointing "
                                          f"at records that are not in it (first in "
                                          f"{broken[0][0]}).")
        except sa.exc.IntegrityError as exc:
            raise DomainError(f"The archive's records do not fit together: {exc.orig}.") from None
        finally:
            engine.dispose()
        con = sqlite3.connect(tmp)
        try:
            con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            con.close()
    logging.getLogger(__name__).info("imported the archive %s into %s", archive_path, new_db)
    return counts


def _clear_seeded(conn, archive: dict, known: dict[str, sa.Table]) -> None:
    for name in SEEDED:
        if name in archive["tables"] and name in known:
            conn.execute(sa.delete(known[name]))


def _archive_values(archive: dict, name: str, table: sa.Table) -> list[dict]:
    rows = archive["tables"].get(name) or []
    if not isinstance(rows, list):
        raise DomainError(f"The archive's {name} is not a list of records.")
    values = []
    for i, row in enumerate(rows, start=1):
        if not isinstance(row, dict):
            raise DomainError(f"The archive's {name} record {i} is not an object.")
        extra = sorted(set(row) - set(table.columns.keys()))
        if extra:
            raise DomainError(f"The archive's {name} record {i} has fields this "
                              f"program does not know: {', '.join(extra)}.")
        record = {k: _from_plain(v, table.columns[k]) for k, v in row.items()}
        for key, value in record.items():
            limit = getattr(table.columns[key].type, "length", None)
            if limit and isinstance(value, str) and len(value) > limit:
                raise DomainError(f"The archive's {name} record {i}: {too_long(key, value, limit).message}")
        values.append(record)
    if name == "member":
        for record in values:
            _split_names(record)
    return values


def _split_names(record: dict) -> None:
    """A member from an archive made before names were kept apart: split as the upgrade
    of a file does, and sort by family name."""
    if record.get("family_name") or not record.get("name"):
        return
    from lsp_desktop.domain.names import split_name
    from lsp_desktop.domain.text import fold

    given, family = split_name(record["name"])
    record.update(given_names=given, family_name=family, search_key=(
        f"{fold(family)} {fold(given)} {fold(record['name'])} {fold(record.get('title'))} "
        f"{fold(record.get('organisation'))}")[:400])


def _import_into_server(archive: dict, url: str) -> dict[str, int]:
    """Fill an empty database on a server from an archive, all or nothing.

    The server checks references as rows go in, so a reference to a table not yet
    filled (or to the same table) is written in a second pass; the id counters are then
    moved past the highest id, so new records never collide with imported ones.
    """
    from lsp_desktop.db.database import open_partnership

    known = {t.name: t for t in _tables()}
    unknown = sorted(set(archive["tables"]) - set(known))
    if unknown:
        raise DomainError(f"The archive holds records this program does not know "
                          f"({', '.join(unknown)}); please update LSP Desktop.")
    db = open_partnership(url, create=True)
    counts: dict[str, int] = {}
    try:
        with db.engine.begin() as conn:
            for table in known.values():
                if table.name in SEEDED:
                    continue
                if conn.execute(select(sa.func.count()).select_from(table)).scalar():
                    raise DomainError(f"{db.location} already holds a partnership; an archive "
                                      "is imported into an empty database.")
            _clear_seeded(conn, archive, known)
            filled: set[str] = set()
            later: list[tuple[sa.Table, dict, dict]] = []
            for name, table in known.items():
                values = _archive_values(archive, name, table)
                pending = {fk.parent.name for fk in table.foreign_keys
                           if fk.column.table.name not in filled}
                pk = [c.name for c in table.primary_key.columns]
                for v in values:
                    held = {k: v[k] for k in pending if v.get(k) is not None}
                    if held:
                        later.append((table, {k: v[k] for k in pk}, held))
                        v.update(dict.fromkeys(held))
                for keys in {tuple(sorted(v)) for v in values}:
                    conn.execute(insert(table), [v for v in values if tuple(sorted(v)) == keys])
                counts[name] = len(values)
                filled.add(name)
            for table, key, held in later:
                conn.execute(sa.update(table).where(
                    *(table.c[k] == v for k, v in key.items())).values(held))
            for table in known.values():
                ids = [c for c in table.primary_key.columns if c.autoincrement is True
                       or (c.autoincrement == "auto" and isinstance(c.type, sa.Integer)
                           and len(table.primary_key.columns) == 1)]
                for col in ids:
                    conn.execute(sa.text(
                        f"SELECT setval(pg_get_serial_sequence('{table.name}', '{col.name}'), "
                        f"COALESCE((SELECT MAX({col.name}) FROM {table.name}), 0) + 1, false)"))
    except sa.exc.IntegrityError as exc:
        raise DomainError(f"The archive's records do not fit together: {exc.orig}.") from None
    finally:
        db.close()
    return counts
