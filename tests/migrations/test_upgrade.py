"""Migrations: a file made by an earlier revision opens, upgrades after a backup, keeps its data."""

from __future__ import annotations

import re
import shutil
import sqlite3
from pathlib import Path

import pytest

from lsp_desktop.db import migrate
from lsp_desktop.db.database import open_partnership
from lsp_desktop.db.health import check_file
from lsp_desktop.services import build_services

DATA = Path(__file__).parent / "data"


def revision_of(path: Path) -> str:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return con.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    finally:
        con.close()


@pytest.fixture
def old_file(tmp_path) -> Path:
    path = tmp_path / "partnership.lspd"
    shutil.copyfile(DATA / "0001_demo.lspd", path)
    return path


def assert_demo_data_intact(services) -> None:
    assert services.partnership.get().name == "Thameside Together"
    assert services.partnership.get().nrf_allocations["2002/03"] == 6_300_000
    members = {m.name: m for m in services.members.all_members()}
    assert len(members) == 31
    assert members["Llŷr Davies"].organisation == "Bankside Residents' Forum"
    assert len(members["Cathal Mac Giolla"].terms) == 2
    blake = members["Jonathan Blake"].declarations
    assert [d.body for d in blake] == [blake[0].body, "Blake & Sons"]
    sub = members["Ewa Lewandowska"]
    assert members_by_id(services)[sub.deputises_for_id] == "Helen Chowdhury"


def members_by_id(services) -> dict[int, str]:
    return {m.id: m.name for m in services.members.all_members()}


def test_committed_file_was_made_by_the_first_revision():
    assert revision_of(DATA / "0001_demo.lspd") == "0001_foundation"


def test_committed_file_opens_at_head_with_data_intact(old_file, app_paths):
    db = open_partnership(old_file, app_paths.backup_dir)
    try:
        assert_demo_data_intact(build_services(db.session_factory, db.path))
        backups = list(app_paths.backup_dir.glob("*.lspd"))
        if revision_of(DATA / "0001_demo.lspd") != migrate.head_revision():
            # A later revision exists: the file was upgraded, after a backup of the old one.
            assert db.migrated_from == "0001_foundation"
            assert len(backups) == 1 and revision_of(backups[0]) == "0001_foundation"
        else:
            assert db.migrated_from is None and backups == []
    finally:
        db.close()
    assert revision_of(old_file) == migrate.head_revision()
    assert check_file(old_file).healthy


PROBE = '''"""Test-only revision: proves upgrading backs up and keeps data."""

import sqlalchemy as sa
from alembic import op

revision = "9999_probe"
down_revision = "{down}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("member") as batch:
        batch.add_column(sa.Column("probe", sa.String(20), nullable=False, server_default="x"))


def downgrade() -> None:
    with op.batch_alter_table("member") as batch:
        batch.drop_column("probe")
'''


def test_upgrade_makes_a_backup_first_and_keeps_data(old_file, app_paths, tmp_path, monkeypatch):
    """With one more (test-only) revision than the file has, opening upgrades it."""
    migrations = tmp_path / "migrations"
    shutil.copytree(migrate.MIGRATIONS_DIR, migrations,
                    ignore=shutil.ignore_patterns("__pycache__"))
    (migrations / "versions" / "9999_probe.py").write_text(
        PROBE.format(down=migrate.head_revision()))
    monkeypatch.setattr(migrate, "MIGRATIONS_DIR", migrations)

    db = open_partnership(old_file, app_paths.backup_dir)
    try:
        assert db.migrated_from == "0001_foundation"
        assert_demo_data_intact(build_services(db.session_factory, db.path))
        with db.engine.connect() as con:
            assert con.exec_driver_sql("SELECT count(*) FROM member WHERE probe = 'x'").scalar() == 31
            assert con.exec_driver_sql("PRAGMA foreign_key_check").fetchall() == []
    finally:
        db.close()
    assert revision_of(old_file) == "9999_probe"
    (backup,) = app_paths.backup_dir.glob("*.lspd")
    assert "before-9999-probe" in backup.name
    assert revision_of(backup) == "0001_foundation"
    con = sqlite3.connect(backup)
    try:
        assert con.execute("SELECT count(*) FROM member").fetchone()[0] == 31
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        con.close()


def test_every_revision_is_named_after_its_file_and_the_chain_is_linear():
    versions = migrate.MIGRATIONS_DIR / "versions"
    down_of = {}
    for name in migrate.known_revisions():
        text = (versions / f"{name}.py").read_text()
        assert re.search(rf'^revision\s*=\s*"{name}"', text, re.M), name
        down = re.search(r'^down_revision\s*=\s*(None|"([^"]+)")', text, re.M)
        assert down, name
        down_of[name] = down.group(2)
    known = migrate.known_revisions()
    assert down_of[known[0]] is None
    downs = [d for d in down_of.values() if d is not None]
    assert len(downs) == len(set(downs)), "two revisions follow the same one (a fork)"
    assert set(downs) <= set(known)


def test_migrations_build_the_schema_the_models_describe(tmp_path):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from lsp_desktop.db.database import make_engine
    from lsp_desktop.db.models import Base

    engine = make_engine(tmp_path / "fresh.lspd")
    try:
        migrate.upgrade(engine)
        with engine.connect() as con:
            diff = compare_metadata(MigrationContext.configure(con), Base.metadata)
    finally:
        engine.dispose()
    assert diff == []
