"""PostgreSQL change notices: every committed write announces itself (NOTIFY), and a
listening connection reads them; used by services.changes for the window's live refresh."""

from __future__ import annotations

import json
import re
import uuid
import weakref

from sqlalchemy import Engine, event, text

CHANNEL = "lsp_desktop_changes"
_KEY = "lsp_desktop_changed_tables"
_WRITE = re.compile(r'\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?([A-Za-z_][A-Za-z0-9_]*)',
                    re.IGNORECASE)
_SOURCES: weakref.WeakKeyDictionary[Engine, str] = weakref.WeakKeyDictionary()


def register(engine: Engine) -> str:
    """Make every commit on `engine` that wrote rows send a NOTIFY naming the tables and
    this engine's source id (so a window can tell its own saves from others'). Nothing on
    SQLite. NOTIFY inside the transaction is delivered only if it commits. Returns the id.
    """
    if engine.dialect.name != "postgresql":
        return ""
    if engine in _SOURCES:
        return _SOURCES[engine]
    source = uuid.uuid4().hex[:16]
    _SOURCES[engine] = source

    def noted(conn, _cursor, statement, _params, _context, _many) -> None:
        found = _WRITE.match(statement)
        if found:
            conn.info.setdefault(_KEY, set()).add(found.group(1).lower())

    def announce(conn) -> None:
        tables = conn.info.pop(_KEY, None)
        if tables:
            payload = json.dumps({"source": source, "tables": sorted(tables)})
            # Errors here are wrapped by SQLAlchemy and stop the commit: a lost server
            # becomes ConnectionLostError in unit_of_work like any other statement.
            conn.execute(text("SELECT pg_notify(:channel, :payload)"),
                         {"channel": CHANNEL, "payload": payload[:7900]}).close()

    def forget(conn) -> None:
        conn.info.pop(_KEY, None)

    event.listen(engine, "after_cursor_execute", noted)
    event.listen(engine, "commit", announce)
    event.listen(engine, "rollback", forget)
    return source


def source_of(engine: Engine | None) -> str:
    """The source id `register` gave `engine` ('' when it announces nothing)."""
    return _SOURCES.get(engine, "") if engine is not None else ""


def parse(payload: str) -> tuple[str, frozenset[str]]:
    """(source id, tables) of one notice; unknown payloads name no source and no table."""
    try:
        data = json.loads(payload)
        return str(data.get("source", "")), frozenset(str(t) for t in data.get("tables", ()))
    except (ValueError, AttributeError, TypeError):
        return "", frozenset()


class Listener:
    """A connection of its own (autocommit) that LISTENs; read it when its socket is ready."""

    def __init__(self, engine: Engine, connect_timeout: int = 5):
        import psycopg

        url = engine.url
        params = {k: v for k, v in url.query.items() if isinstance(v, str)}
        self._conn = psycopg.connect(
            host=url.host, port=url.port, user=url.username, password=url.password,
            dbname=url.database, autocommit=True, connect_timeout=connect_timeout,
            application_name="LSP Desktop (changes)", keepalives=1, keepalives_idle=5,
            keepalives_interval=2, keepalives_count=2, **params)
        # Notices psycopg reads while running a statement; a plain list, not self, so
        # that no reference cycle delays closing a forgotten connection.
        early: list[str] = []
        self._early = early
        self._conn.add_notify_handler(lambda n: early.append(n.payload))
        self._conn.execute(f"LISTEN {CHANNEL}")
        self.backend_pid = self._conn.info.backend_pid

    def fileno(self) -> int:
        return self._conn.fileno()

    def receive(self) -> list[str]:
        """The payloads waiting, without blocking; raises psycopg.OperationalError when
        the server has gone away."""
        import select

        payloads = list(self._early)
        self._early.clear()
        pg = self._conn.pgconn
        # A server that ends the session first sends a message, then closes: keep
        # reading while the socket says more is there, so the close is seen now.
        for _ in range(8):
            pg.consume_input()
            while (notice := pg.notifies()) is not None:
                payloads.append(notice.extra.decode("utf-8", "replace"))
            if not select.select([pg.socket], [], [], 0)[0]:
                break
        return payloads

    def close(self) -> None:
        try:
            self._conn.close()
        except Exception:  # noqa: BLE001 - closing a dead connection may complain
            pass

    def __del__(self) -> None:
        # Forgotten (a window deleted before it could stop listening): close quietly.
        conn = getattr(self, "_conn", None)
        if conn is not None and not conn.closed:
            self.close()
