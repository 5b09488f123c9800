"""Migration 0010_action_purposes: an older file keeps its actions' links and gains the
further purposes, due-date history and the partnership's opening date."""

from __future__ import annotations

from datetime import date

from sqlalchemy import create_engine, inspect, text

from lsp_desktop.db import migrate
from lsp_desktop.db.database import open_partnership
from lsp_desktop.db.models import Base
from lsp_desktop.domain.actions import with_purposes
from lsp_desktop.domain.criteria import Criterion
from lsp_desktop.services import build_services

PREVIOUS = "0008_audit"


def test_upgrade_keeps_single_links_and_adds_purposes_and_due_history(tmp_path):
    path = tmp_path / "old.lspd"
    engine = create_engine(f"sqlite:///{path}")
    migrate.upgrade(engine, PREVIOUS)
    with engine.begin() as con:
        con.execute(text("INSERT INTO partnership (id, name, council_area, go_region, "
                         "nrf_area, retention_years, notes, version) VALUES "
                         "(1, 'Thameside', '', '', 1, 6, '', 1)"))
        con.execute(text("INSERT INTO action (id, reference, title, description, criterion, "
                         "theme, owner_body, lead_officer, status, due_date, version) VALUES "
                         "(1, 'A-001', 'Induction pack', '', 'learning and development', '', 'Council', '', "
                         "'in progress', '2002-03-31', 1)"))
    migrate.upgrade(engine, "0010_action_purposes")
    insp = inspect(engine)
    for table in ("action_purpose", "action_due_change"):
        assert {c["name"] for c in insp.get_columns(table)} == set(
            Base.metadata.tables[table].columns.keys())
    assert "original_due" in {c["name"] for c in insp.get_columns("action")}
    assert "opens_on" in {c["name"] for c in insp.get_columns("partnership")}
    engine.dispose()
    db = open_partnership(path)
    try:
        services = build_services(db.session_factory, db.path)
        action = services.actions.get(1)
        assert action.criteria == (Criterion.LEARNING,)        # today's link carried over
        assert services.partnership.get().opens_on is None
        both = services.actions.update(with_purposes(
            action, criteria=(Criterion.LEARNING, Criterion.INCLUSIVE)))
        assert both.criteria == (Criterion.LEARNING, Criterion.INCLUSIVE)
        moved = services.actions.update(both.with_changes(due=date(2002, 6, 30)))
        assert moved.original_due == date(2002, 3, 31)
        assert moved.due_text() == "30/06/2002, originally 31/03/2002"
    finally:
        db.close()
