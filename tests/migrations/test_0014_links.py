"""Migration 0014_links: projects gain a link to a minuted decision; their text stays."""

from __future__ import annotations

from sqlalchemy import create_engine, inspect, text

from lsp_desktop.db import migrate
from lsp_desktop.db.database import open_partnership
from lsp_desktop.services import build_services

PREVIOUS = migrate.known_revisions()[migrate.known_revisions().index("0014_links") - 1]


def test_upgrade_keeps_each_projects_decision_text_and_starts_unlinked(tmp_path):
    path = tmp_path / "old.lspd"
    engine = create_engine(f"sqlite:///{path}")
    migrate.upgrade(engine, PREVIOUS)
    with engine.begin() as conn:
        fund = conn.execute(text("SELECT id FROM fund WHERE code = 'NRF'")).scalar_one()
        conn.execute(text(
            "INSERT INTO project (id, reference, title, fund_id, theme, accountable_body, "
            "project_manager, approved_on, decision_reference, notes) VALUES "
            f"(1, 'P-001', 'Wardens', {fund}, 'crime', '', '', '2001-07-10', "
            "'LSP/01/07 item 4', '')"))
    migrate.upgrade(engine, "0014_links")
    assert "decision_id" in {c["name"] for c in inspect(engine).get_columns("project")}
    assert any(fk["referred_table"] == "meeting_decision"
               for fk in inspect(engine).get_foreign_keys("project"))
    engine.dispose()
    db = open_partnership(path)
    try:
        [p] = build_services(db.session_factory, db.path).programme.projects()
        assert (p.decision_id, p.decision_reference) == (None, "LSP/01/07 item 4")
    finally:
        db.close()
