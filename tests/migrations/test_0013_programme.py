"""Migration 0013_programme: the programme tables appear and targets keep their latest values."""

from __future__ import annotations

from datetime import date

from sqlalchemy import create_engine, inspect, text

from lsp_desktop.db import migrate
from lsp_desktop.db.database import open_partnership
from lsp_desktop.db.models import Base
from lsp_desktop.services import build_services

PREVIOUS = migrate.known_revisions()[migrate.known_revisions().index("0013_programme") - 1]
TABLES = ("fund", "fund_year", "theme_allocation", "project", "project_budget",
          "project_quarter", "target_point")


def test_upgrade_carries_each_latest_value_over_as_the_first_point(tmp_path):
    path = tmp_path / "old.lspd"
    engine = create_engine(f"sqlite:///{path}")
    migrate.upgrade(engine, PREVIOUS)
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO strategy (id, type, title, period, status, lead_officer) "
                          "VALUES (1, 'lnrs', 'LNRS', '', 'agreed', '')"))
        conn.execute(text(
            "INSERT INTO target (id, strategy_id, theme, indicator, baseline_value, "
            "baseline_date, target_value, target_date, latest_value, latest_date, data_source, "
            "lead_partner, comparison_label) VALUES "
            "(1, 1, 'crime', 'Burglary rate', 40, '2000-04-01', 30, '2004-04-01', 37, "
            "'2002-01-01', 'Police', '', ''),"
            "(2, 1, 'health', 'No latest yet', 70, '2000-04-01', 75, '2010-04-01', NULL, NULL, "
            "'', '', ''),"
            "(3, 1, 'housing', 'Undated latest', 30, '2001-04-01', 0, '2010-04-01', 25, NULL, "
            "'', '', '')"))
    migrate.upgrade(engine, "0013_programme")
    insp = inspect(engine)
    later = {"project": {"decision_id"}}        # 0014_links adds the decision link
    for table in TABLES:
        assert {c["name"] for c in insp.get_columns(table)} == set(
            Base.metadata.tables[table].columns.keys()) - later.get(table, set()), table
    engine.dispose()
    db = open_partnership(path)
    try:
        services = build_services(db.session_factory, db.path)
        assert [f.code for f in services.programme.funds()] == ["NRF", "CEF"]
        points = services.target_series.all_points()
        assert [(p.measured_on, p.value, p.source) for p in points[1]] == [
            (date(2002, 1, 1), 37.0, "Police")]
        assert 2 not in points
        assert points[3][0].measured_on == date(2001, 4, 1)     # the baseline's date
        assert services.strategies.target(1).latest_value == 37.0
    finally:
        db.close()
