"""Other officers' committed changes to a shared partnership, as they happen (PostgreSQL
LISTEN/NOTIFY); the window reads them to refresh itself. Nothing for a partnership file."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session, sessionmaker

from lsp_desktop.db import notify
from lsp_desktop.db.shared import connection_problem
from lsp_desktop.domain.errors import ConnectionLostError


@dataclass(frozen=True)
class Change:
    """One committed transaction: the tables it wrote; `own` when this program made it."""

    tables: frozenset[str]
    own: bool


class Subscription:
    """An open listening connection. fileno() becomes readable when notices arrive."""

    def __init__(self, listener: notify.Listener, source: str):
        self._listener = listener
        self._source = source
        self.backend_pid = listener.backend_pid

    def fileno(self) -> int:
        return self._listener.fileno()

    def changes(self) -> list[Change]:
        """The changes waiting (never blocks); ConnectionLostError when the server went away."""
        try:
            payloads = self._listener.receive()
        except Exception as exc:  # noqa: BLE001 - any failure to read means the line is gone
            self.close()
            raise ConnectionLostError(
                f"No longer hearing of other officers' changes: {connection_problem(exc)}"
            ) from None
        out = []
        for payload in payloads:
            source, tables = notify.parse(payload)
            out.append(Change(tables, bool(source) and source == self._source))
        return out

    def close(self) -> None:
        self._listener.close()


class ChangeFeed:
    """Opens subscriptions to the changes of a shared partnership."""

    def __init__(self, session_factory: sessionmaker[Session]):
        self._engine = session_factory.kw.get("bind")

    @property
    def available(self) -> bool:
        """True for a shared partnership whose saves announce themselves."""
        return bool(notify.source_of(self._engine))

    def subscribe(self) -> Subscription:
        """A new listening connection; blocks up to the connect timeout, so call it off the
        window's thread. ConnectionLostError when the server cannot be reached."""
        if not self.available:
            raise ConnectionLostError("This partnership has no change notices (it is a file).")
        try:
            listener = notify.Listener(self._engine)
        except Exception as exc:  # noqa: BLE001 - any failure to connect is "not reachable"
            raise ConnectionLostError(
                f"Cannot listen for other officers' changes: {connection_problem(exc)}"
            ) from None
        return Subscription(listener, notify.source_of(self._engine))
