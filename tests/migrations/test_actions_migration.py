"""Migration 0003_actions: upgrades a file from the previous revision and matches the ORM models."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import create_engine, inspect

from lsp_desktop.db import migrate
from lsp_desktop.db.models import Base


def test_upgrade_from_previous_revision_adds_action_tables_matching_the_models(tmp_path):
    path = tmp_path / "old.lspd"
    engine = create_engine(f"sqlite:///{path}")
    migrate.upgrade(engine, "0002_strategies")
    assert "action" not in inspect(engine).get_table_names()
    migrate.upgrade(engine, "0003_actions")
    insp = inspect(engine)
    for table in ("action", "action_milestone", "action_note"):
        got = {c["name"] for c in insp.get_columns(table)}
        later = {"version", "updated_at", "updated_by",     # added by 0007_concurrency
                 "original_due"}                         # added by 0010_action_purposes
        assert got == set(Base.metadata.tables[table].columns.keys()) - later, table
    assert {u["name"] for u in insp.get_unique_constraints("action")} == {"uq_action_reference"}
    assert {f["name"] for f in insp.get_foreign_keys("action")} == {
        "fk_action_owner_member_id_member"}
    engine.dispose()

    con = sqlite3.connect(path)
    try:
        with pytest.raises(sqlite3.IntegrityError):
            con.execute("INSERT INTO action (reference, title, amount) VALUES ('A-1', 'x', -1)")
    finally:
        con.close()
