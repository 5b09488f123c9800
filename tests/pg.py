"""Throwaway PostgreSQL databases for the tests: one per test, copied from a migrated template."""

from __future__ import annotations

import os
import uuid
import zlib

from sqlalchemy import make_url


def run_id() -> str:
    """This test run's name, the same in every pytest-xdist worker (set in the main process
    by tests/conftest.py before the workers start)."""
    return os.environ.setdefault("LSP_TEST_RUN", uuid.uuid4().hex[:8])


class PgServer:
    """Creates databases on the server named by LSP_TEST_PG_URL and drops them after.

    The two templates (empty, and the demo) are made once per test run, by whichever
    worker needs one first, and shared by all (an advisory lock keeps two from building
    the same one); drop_templates() removes them when the run ends."""

    def __init__(self, url: str):
        import psycopg

        self.base = make_url(url).set(drivername="postgresql+psycopg")
        self._admin = psycopg.connect(self._dsn(self.base.database or "postgres"),
                                      autocommit=True)
        self.TEMPLATE = f"lsp_template_{run_id()}"
        self.DEMO = f"lsp_demo_{run_id()}"
        self._template_ready = False
        self._demo_ready = False

    def _dsn(self, database: str) -> str:
        u = self.base
        parts = [f"host={u.host or '127.0.0.1'}", f"port={u.port or 5432}",
                 f"user={u.username or 'postgres'}", f"dbname={database}"]
        if u.password:
            parts.append(f"password={u.password}")
        return " ".join(parts)

    def url(self, name: str) -> str:
        return self.base.set(database=name).render_as_string(hide_password=False)

    def empty_database(self) -> str:
        name = "lsp_t_" + uuid.uuid4().hex[:12]
        self._admin.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def _build_once(self, name: str, build) -> None:
        """Make database `name` with build(url) unless this run has made it already: built
        under another name and renamed when done, so a name that exists is complete."""
        key = zlib.crc32(name.encode())
        self._admin.execute("SELECT pg_advisory_lock(%s)", (key,))
        try:
            if self._admin.execute("SELECT 1 FROM pg_database WHERE datname = %s",
                                   (name,)).fetchone():
                return
            part = name + "_part"
            self._admin.execute(f'DROP DATABASE IF EXISTS "{part}" WITH (FORCE)')
            self._admin.execute(f'CREATE DATABASE "{part}"')
            build(self.url(part))
            self._admin.execute(f'ALTER DATABASE "{part}" RENAME TO "{name}"')
        finally:
            self._admin.execute("SELECT pg_advisory_unlock(%s)", (key,))

    def _ensure_template(self) -> None:
        if self._template_ready:
            return
        from lsp_desktop.db.database import open_partnership

        self._build_once(self.TEMPLATE,
                         lambda url: open_partnership(url, create=True).close())
        self._template_ready = True

    def create_database(self) -> str:
        """A new database holding an empty partnership at the current schema."""
        self._ensure_template()
        name = "lsp_t_" + uuid.uuid4().hex[:12]
        self._admin.execute(f'CREATE DATABASE "{name}" TEMPLATE "{self.TEMPLATE}"')
        return self.url(name)

    def create_demo_database(self) -> str:
        """A new database holding the demo partnership (its story at 30/06/2002)."""
        if not self._demo_ready:
            from lsp_desktop.services.demo import write_shared_demo

            self._build_once(self.DEMO, write_shared_demo)
            self._demo_ready = True
        name = "lsp_t_" + uuid.uuid4().hex[:12]
        self._admin.execute(f'CREATE DATABASE "{name}" TEMPLATE "{self.DEMO}"')
        return self.url(name)

    def drop_database(self, url: str) -> None:
        name = make_url(url).database
        self._admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def drop_templates(self) -> None:
        """Drop this run's templates (once no worker needs them: at the end of the run)."""
        for name in (self.TEMPLATE, self.DEMO):
            for db in (name, name + "_part"):
                self.drop_database(self.url(db))

    def close(self) -> None:
        self._admin.close()
