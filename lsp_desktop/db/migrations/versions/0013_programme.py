"""The programme (funds, allocations, projects with quarterly money) and targets' dated values."""

from datetime import date

import sqlalchemy as sa
from alembic import op

revision = "0013_programme"
down_revision = "0012_member_names"   # re-chained at merge
branch_labels = None
depends_on = None


def _versioned() -> list[sa.Column]:
    return [sa.Column("version", sa.Integer, nullable=False, server_default="1"),
            sa.Column("updated_at", sa.DateTime, nullable=True),
            sa.Column("updated_by", sa.String(200), nullable=False, server_default="")]


def upgrade() -> None:
    fund = op.create_table(
        "fund",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("code", sa.String(20), nullable=False),
        sa.Column("lapses", sa.Boolean, nullable=False, server_default=sa.true()),
        sa.Column("position", sa.Integer, nullable=False, server_default="0"),
        sa.UniqueConstraint("name", name="uq_fund_name"),
        sa.UniqueConstraint("code", name="uq_fund_code"),
    )
    op.create_table(
        "fund_year",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("fund_id", sa.Integer, sa.ForeignKey("fund.id", ondelete="CASCADE",
                                                       name="fk_fund_year_fund_id_fund"),
                  nullable=False),
        sa.Column("financial_year", sa.String(7), nullable=False),
        sa.Column("amount", sa.Integer, nullable=False, server_default="0"),
        *_versioned(),
        sa.UniqueConstraint("fund_id", "financial_year",
                            name="uq_fund_year_fund_id_financial_year"),
        sa.CheckConstraint("amount >= 0", name="ck_fund_year_amount_not_negative"),
    )
    op.create_index("ix_fund_year_fund_id", "fund_year", ["fund_id"])
    op.create_table(
        "theme_allocation",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("fund_year_id", sa.Integer,
                  sa.ForeignKey("fund_year.id", ondelete="CASCADE",
                                name="fk_theme_allocation_fund_year_id_fund_year"),
                  nullable=False),
        sa.Column("theme", sa.String(60), nullable=False),
        sa.Column("amount", sa.Integer, nullable=False, server_default="0"),
    )
    op.create_index("ix_theme_allocation_fund_year_id", "theme_allocation", ["fund_year_id"])
    op.create_table(
        "project",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("reference", sa.String(20), nullable=False),
        sa.Column("title", sa.String(300), nullable=False),
        sa.Column("fund_id", sa.Integer, sa.ForeignKey("fund.id", ondelete="RESTRICT",
                                                       name="fk_project_fund_id_fund"),
                  nullable=False),
        sa.Column("theme", sa.String(60), nullable=False),
        sa.Column("action_id", sa.Integer, sa.ForeignKey("action.id", ondelete="SET NULL",
                                                         name="fk_project_action_id_action"),
                  nullable=True),
        sa.Column("accountable_body", sa.String(200), nullable=False, server_default=""),
        sa.Column("project_manager", sa.String(200), nullable=False, server_default=""),
        sa.Column("approved_on", sa.Date, nullable=True),
        sa.Column("decision_reference", sa.String(100), nullable=False, server_default=""),
        sa.Column("notes", sa.Text, nullable=False, server_default=""),
        *_versioned(),
        sa.UniqueConstraint("reference", name="uq_project_reference"),
    )
    op.create_index("ix_project_fund_id", "project", ["fund_id"])
    op.create_index("ix_project_action_id", "project", ["action_id"])
    for table, columns in (
            ("project_budget", [sa.Column("amount", sa.Integer, nullable=False,
                                          server_default="0")]),
            ("project_quarter", [sa.Column("quarter", sa.Integer, nullable=False),
                                 sa.Column("planned", sa.Integer, nullable=False,
                                           server_default="0"),
                                 sa.Column("committed", sa.Integer, nullable=False,
                                           server_default="0"),
                                 sa.Column("spent", sa.Integer, nullable=False,
                                           server_default="0")])):
        extra = ([sa.CheckConstraint("amount >= 0", name="ck_project_budget_amount_not_negative")]
                 if table == "project_budget" else [])
        op.create_table(
            table,
            sa.Column("id", sa.Integer, primary_key=True),
            sa.Column("project_id", sa.Integer,
                      sa.ForeignKey("project.id", ondelete="CASCADE",
                                    name=f"fk_{table}_project_id_project"), nullable=False),
            sa.Column("financial_year", sa.String(7), nullable=False),
            *columns, *extra)
        op.create_index(f"ix_{table}_project_id", table, ["project_id"])
    point = op.create_table(
        "target_point",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("target_id", sa.Integer,
                  sa.ForeignKey("target.id", ondelete="CASCADE",
                                name="fk_target_point_target_id_target"), nullable=False),
        sa.Column("measured_on", sa.Date, nullable=False),
        sa.Column("value", sa.Float, nullable=False),
        sa.Column("source", sa.String(300), nullable=False, server_default=""),
        sa.Column("comparison", sa.Float, nullable=True),
    )
    op.create_index("ix_target_point_target_id", "target_point", ["target_id"])

    op.bulk_insert(fund, [
        {"id": 1, "name": "Neighbourhood Renewal Fund", "code": "NRF", "lapses": True,
         "position": 0},
        {"id": 2, "name": "Community Empowerment Fund", "code": "CEF", "lapses": True,
         "position": 1}])
    # A target's latest value becomes the first value of its series, dated as it was
    # (else at the baseline date, else today), with the target's data source.
    conn = op.get_bind()
    rows = conn.execute(sa.text(
        "SELECT id, latest_value, latest_date, baseline_date, data_source, comparison_value "
        "FROM target WHERE latest_value IS NOT NULL")).all()
    points = []
    for tid, value, latest, baseline, source, comparison in rows:
        on = latest or baseline or date.today()
        if isinstance(on, str):
            on = date.fromisoformat(on[:10])
        points.append({"target_id": tid, "measured_on": on, "value": value,
                       "source": (source or "")[:300], "comparison": comparison})
    if points:
        op.bulk_insert(point, points)
    if conn.dialect.name == "postgresql":
        conn.execute(sa.text("SELECT setval(pg_get_serial_sequence('fund', 'id'), 2)"))


def downgrade() -> None:
    for table in ("target_point", "project_quarter", "project_budget", "project",
                  "theme_allocation", "fund_year", "fund"):
        op.drop_table(table)
