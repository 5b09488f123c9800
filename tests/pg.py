"""Throwaway PostgreSQL databases for the tests: one per test, copied from a migrated template."""

from __future__ import annotations

import uuid

from sqlalchemy import make_url


class PgServer:
    """Creates databases on the server named by LSP_TEST_PG_URL and drops them after."""

    TEMPLATE = "lsp_template_" + uuid.uuid4().hex[:8]
    DEMO = "lsp_demo_" + uuid.uuid4().hex[:8]

    def __init__(self, url: str):
        import psycopg

        self.base = make_url(url).set(drivername="postgresql+psycopg")
        self._admin = psycopg.connect(self._dsn(self.base.database or "postgres"),
                                      autocommit=True)
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

    def _ensure_template(self) -> None:
        if self._template_ready:
            return
        from lsp_desktop.db.database import open_partnership

        self._admin.execute(f'CREATE DATABASE "{self.TEMPLATE}"')
        open_partnership(self.url(self.TEMPLATE), create=True).close()
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

            self._admin.execute(f'CREATE DATABASE "{self.DEMO}"')
            write_shared_demo(self.url(self.DEMO))
            self._demo_ready = True
        name = "lsp_t_" + uuid.uuid4().hex[:12]
        self._admin.execute(f'CREATE DATABASE "{name}" TEMPLATE "{self.DEMO}"')
        return self.url(name)

    def drop_database(self, url: str) -> None:
        name = make_url(url).database
        self._admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def close(self) -> None:
        if self._template_ready:
            self.drop_database(self.url(self.TEMPLATE))
        if self._demo_ready:
            self.drop_database(self.url(self.DEMO))
        self._admin.close()
