"""Migrations on both engines: each revision in turn on an empty database, 0007 on existing
rows, a newer schema refused, a foreign database refused."""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine, inspect, text

from lsp_desktop.db import migrate
from lsp_desktop.db.database import open_partnership
from lsp_desktop.domain.errors import PartnershipFileError
from tests.conftest import ENGINES


@pytest.fixture(params=ENGINES)
def empty(request, tmp_path):
    """(location, engine) of an empty database: a new file, or a new server database."""
    if request.param == "sqlite":
        path = tmp_path / "empty.lspd"
        engine = create_engine(f"sqlite:///{path}")
        yield str(path), engine
        engine.dispose()
        return
    server = request.getfixturevalue("pg_server")
    url = server.empty_database()
    engine = create_engine(url)
    yield url, engine
    engine.dispose()
    server.drop_database(url)


def test_every_revision_runs_in_turn_then_0007_versions_existing_rows(empty, app_paths):
    location, engine = empty
    known = migrate.known_revisions()
    for revision in known[:known.index("0006_action_links") + 1]:
        migrate.upgrade(engine, revision)
    with engine.begin() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == \
            "0006_action_links"
        conn.execute(text("INSERT INTO member (id, name, search_key, sector) "
                          "VALUES (7, 'Ann Example', 'ann example', 'community')"))
        conn.execute(text("INSERT INTO partnership (id, name) VALUES (1, 'Thameside')"))
    engine.dispose()
    db = open_partnership(location, app_paths.backup_dir)
    try:
        assert db.migrated_from == "0006_action_links"
        from lsp_desktop.services import build_services

        services = build_services(db.session_factory, db.path, shared=db.shared)
        ann = services.members.get(7)
        assert ann.version == 1
        assert services.members.update(ann.with_changes(notes="x")).version == 2
        cols = {c["name"] for c in inspect(db.engine).get_columns("action")}
        assert {"version", "updated_at", "updated_by"} <= cols
    finally:
        db.close()
    # The copy made before the upgrade: a file backup, or a dump of a server's rows.
    assert any(app_paths.backup_dir.iterdir())


def test_a_newer_schema_is_refused_and_left_alone(empty):
    location, engine = empty
    migrate.upgrade(engine)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
    engine.dispose()
    with pytest.raises(PartnershipFileError, match="newer version of LSP Desktop"):
        open_partnership(location)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == \
            "9999_future"


def test_a_server_database_holding_other_tables_is_refused(pg_server):
    url = pg_server.empty_database()
    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            conn.execute(text("CREATE TABLE invoices (id integer)"))
        with pytest.raises(PartnershipFileError, match="not a partnership"):
            open_partnership(url, create=True)
        with pytest.raises(PartnershipFileError, match="is empty"):
            open_partnership(pg_server.empty_database())
    finally:
        engine.dispose()
        pg_server.drop_database(url)
