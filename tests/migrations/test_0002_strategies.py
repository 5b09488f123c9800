"""A foundation-era partnership file (schema 0001) gains the strategy tables, data kept."""

import sqlite3

from lsp_desktop.db import migrate
from lsp_desktop.db.database import make_engine, open_partnership
from lsp_desktop.domain.strategies import Strategy, StrategyType
from lsp_desktop.services import build_services


def test_upgrade_from_foundation(tmp_path, app_paths):
    path = tmp_path / "old.lspd"
    engine = make_engine(path)
    migrate.upgrade(engine, "0001_foundation")
    engine.dispose()
    con = sqlite3.connect(path)
    con.execute("INSERT INTO partnership (id, name) VALUES (1, 'Old LSP')")
    con.execute("INSERT INTO member (name, search_key, sector, organisation) "
                "VALUES ('Ann', 'ann', 'public', 'Thameside PCT')")
    con.commit()
    con.close()

    db = open_partnership(path, app_paths.backup_dir)
    try:
        assert db.migrated_from == "0001_foundation"
        services = build_services(db.session_factory, db.path)
        assert services.partnership.get().name == "Old LSP"
        s = services.strategies.create(Strategy(StrategyType.NEIGHBOURHOOD_RENEWAL, "LNRS"))
        assert len(services.strategies.sections(s.id)) == 8
        assert services.strategies.all_bodies() == ["Thameside PCT"]
    finally:
        db.close()
    assert list(app_paths.backup_dir.iterdir())       # backed up before migrating


def test_downgrade_removes_only_strategy_tables(tmp_path):
    from alembic import command
    from alembic.config import Config

    path = tmp_path / "p.lspd"
    engine = make_engine(path)
    migrate.upgrade(engine)
    cfg = Config()
    cfg.set_main_option("script_location", str(migrate.MIGRATIONS_DIR))
    with engine.connect() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0001_foundation")
        conn.commit()
    engine.dispose()
    con = sqlite3.connect(path)
    tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    con.close()
    assert "strategy" not in tables and "target" not in tables and "member" in tables
