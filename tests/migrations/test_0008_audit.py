"""Migration 0008_audit: a file from the previous revision gains the audit table, matching the model."""

from __future__ import annotations

from sqlalchemy import create_engine, inspect

from lsp_desktop.db import migrate
from lsp_desktop.db.database import open_partnership
from lsp_desktop.db.models import Base
from lsp_desktop.services import build_services

PREVIOUS = migrate.known_revisions()[migrate.known_revisions().index("0008_audit") - 1]


def test_upgrade_adds_the_audit_table_and_changes_are_recorded_after(tmp_path):
    path = tmp_path / "old.lspd"
    engine = create_engine(f"sqlite:///{path}")
    migrate.upgrade(engine, PREVIOUS)
    assert "audit" not in inspect(engine).get_table_names()
    migrate.upgrade(engine, "0008_audit")
    insp = inspect(engine)
    assert {c["name"] for c in insp.get_columns("audit")} == set(
        Base.metadata.tables["audit"].columns.keys())
    assert {i["name"] for i in insp.get_indexes("audit")} == {
        "ix_audit_record", "ix_audit_owner"}
    engine.dispose()
    db = open_partnership(path)
    try:
        services = build_services(db.session_factory, db.path)
        assert services.audit.count() == 0        # nothing invented for the past
        details = services.partnership.get()
        services.partnership.save(details.__class__(**{**details.__dict__, "name": "Thameside"}))
        assert [x.record_type for x in services.audit.lines()] == ["partnership"]
    finally:
        db.close()
