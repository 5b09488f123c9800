"""Shared partnerships held in a server database (PostgreSQL) named by a SQLAlchemy URL."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from lsp_desktop.domain.errors import PartnershipFileError

if TYPE_CHECKING:      # SQLAlchemy is imported where used: is_url() serves every start-up
    from sqlalchemy import Engine
    from sqlalchemy.engine import URL

CONNECT_TIMEOUT = 5          # seconds to reach the server
STATEMENT_TIMEOUT = 15_000   # milliseconds any one statement may take
LOCK_TIMEOUT = 5_000         # milliseconds to wait for another officer's row lock
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*://", re.IGNORECASE)


def is_url(location: str | Path | None) -> bool:
    """True for a database URL (`postgresql+psycopg://…`), False for a file path."""
    return isinstance(location, str) and bool(_SCHEME.match(location.strip()))


def parse_url(location: str) -> URL:
    """The URL with the psycopg 3 driver filled in; refuses anything but PostgreSQL."""
    from sqlalchemy import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        url = make_url(location.strip())
    except ArgumentError:
        raise PartnershipFileError(f"{location!r} is not a valid database address.") from None
    if url.get_backend_name() != "postgresql":
        raise PartnershipFileError(
            f"Only PostgreSQL servers can hold a shared partnership, not {url.get_backend_name()}.")
    if url.get_driver_name() in ("", "psycopg2", None) or url.drivername == "postgresql":
        url = url.set(drivername="postgresql+psycopg")
    if not url.database:
        raise PartnershipFileError(f"{display_url(url)} names no database.")
    return url


def display_url(url: URL | str) -> str:
    """The address without any password, for titles, messages and recent lists."""
    if isinstance(url, str):
        from sqlalchemy import make_url
        from sqlalchemy.exc import ArgumentError

        try:
            url = make_url(url)
        except ArgumentError:
            return url
    return url.render_as_string(hide_password=True).replace(":***@", "@")


def stand_in_path(url: URL) -> Path:
    """A file name that suggests names for exports and archives of a shared partnership."""
    name = re.sub(r"[^A-Za-z0-9_.-]+", "_", f"{url.database}@{url.host or 'localhost'}")
    return Path.home() / name


def _check_driver() -> None:
    try:
        import psycopg  # noqa: F401
    except ImportError:
        raise PartnershipFileError(
            "Opening a shared partnership needs the PostgreSQL driver: "
            "pip install 'lsp-desktop[postgres]'.") from None


def make_engine(url: URL, *, read_only: bool = False) -> Engine:
    """An engine with connect and statement timeouts that checks connections before use."""
    from sqlalchemy import create_engine

    _check_driver()
    options = (f"-c statement_timeout={STATEMENT_TIMEOUT} -c lock_timeout={LOCK_TIMEOUT} "
               "-c idle_in_transaction_session_timeout=60000")
    if read_only:
        options += " -c default_transaction_read_only=on"
    return create_engine(
        url, pool_pre_ping=True, pool_size=2, max_overflow=4, pool_timeout=CONNECT_TIMEOUT,
        connect_args={"connect_timeout": CONNECT_TIMEOUT, "options": options,
                      "application_name": "LSP Desktop",
                      # A server that vanishes mid-statement is noticed in seconds.
                      "keepalives": 1, "keepalives_idle": 5, "keepalives_interval": 2,
                      "keepalives_count": 2, "tcp_user_timeout": 10_000})


def connection_problem(exc: BaseException) -> str:
    """A one-line explanation of a failure to reach the server."""
    detail = str(getattr(exc, "orig", exc) or exc).strip().splitlines()
    first = detail[0] if detail else type(exc).__name__
    return first.removeprefix("connection failed: ")


def inspect_server(engine: Engine, url: URL) -> str | None:
    """The schema revision of a shared partnership (None for an empty database).

    Raises PartnershipFileError when the server cannot be reached or holds something
    that is not a partnership.
    """
    from sqlalchemy import inspect, text
    from sqlalchemy.exc import DBAPIError, OperationalError

    try:
        with engine.connect() as conn:
            tables = set(inspect(conn).get_table_names())
            if not tables - {"alembic_version"}:
                return None
            if "alembic_version" not in tables or "partnership" not in tables:
                raise PartnershipFileError(
                    f"The database {url.database} on {url.host or 'localhost'} holds other "
                    "tables, not a partnership made by LSP Desktop.")
            row = conn.execute(text("SELECT version_num FROM alembic_version")).first()
    except (OperationalError, DBAPIError) as exc:
        raise PartnershipFileError(
            f"Cannot reach the shared partnership {display_url(url)}: "
            f"{connection_problem(exc)}") from None
    if row is None:
        raise PartnershipFileError(f"{display_url(url)} has no schema version.")
    return row[0]


def dump_before_upgrade(engine: Engine, backup_dir: Path, url: URL, revision: str,
                        head: str) -> Path:
    """A copy of every row, as JSON, before the schema is upgraded (the file-copy backup
    does not apply to a server). Read with the schema as it is, not as the program has it.
    """
    import base64
    import json
    from datetime import date, datetime

    from sqlalchemy import MetaData, select

    def plain(value):
        if isinstance(value, (date, datetime)):
            return value.isoformat()
        if isinstance(value, (bytes, bytearray, memoryview)):
            return base64.b64encode(bytes(value)).decode("ascii")
        return value

    meta = MetaData()
    tables = {}
    with engine.connect() as conn:
        meta.reflect(conn)
        for table in sorted(meta.tables.values(), key=lambda t: t.name):
            cols = list(table.columns)
            tables[table.name] = [{c.name: plain(v) for c, v in zip(cols, r, strict=True)}
                                  for r in conn.execute(select(*cols))]
    backup_dir.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    out = backup_dir / f"{url.database}_{stamp}_before-{head}.json"
    from lsp_desktop.safe_files import write_bytes

    return write_bytes(out, (json.dumps({"format": "lsp-desktop-server-dump", "schema": revision,
                                         "tables": tables}, ensure_ascii=False) + "\n"
                             ).encode("utf-8"))
