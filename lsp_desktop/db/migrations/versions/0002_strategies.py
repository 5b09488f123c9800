"""Strategies: sections, versions, targets, neighbourhoods, endorsements, consultation log."""

import sqlalchemy as sa
from alembic import op

revision = "0002_strategies"
down_revision = "0001_foundation"
branch_labels = None
depends_on = None


def _fk(table: str, column: str, target: str, ondelete: str):
    return sa.ForeignKey(f"{target}.id", name=f"fk_{table}_{column}_{target}", ondelete=ondelete)


def upgrade() -> None:
    op.create_table(
        "strategy",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("type", sa.String(60), nullable=False),
        sa.Column("title", sa.String(300), nullable=False),
        sa.Column("period", sa.String(60), nullable=False, server_default=""),
        sa.Column("status", sa.String(30), nullable=False, server_default="working draft"),
        sa.Column("lead_officer", sa.String(200), nullable=False, server_default=""),
    )
    op.create_table(
        "strategy_section",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("strategy_id", sa.Integer, _fk("strategy_section", "strategy_id", "strategy",
                                                  "CASCADE"), nullable=False),
        sa.Column("title", sa.String(300), nullable=False),
        sa.Column("body", sa.Text, nullable=False, server_default=""),
        sa.Column("expected", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("component", sa.String(300), nullable=False, server_default=""),
        sa.Column("position", sa.Integer, nullable=False, server_default="0"),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_strategy_section_strategy_id", "strategy_section", ["strategy_id"])
    op.create_table(
        "strategy_version",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("strategy_id", sa.Integer, _fk("strategy_version", "strategy_id", "strategy",
                                                  "RESTRICT"), nullable=False),
        sa.Column("number", sa.Integer, nullable=False),
        sa.Column("label", sa.String(300), nullable=False),
        sa.Column("created_on", sa.Date, nullable=False),
        sa.Column("status", sa.String(30), nullable=False),
        sa.Column("words", sa.Integer, nullable=False, server_default="0"),
        sa.UniqueConstraint("strategy_id", "number", name="uq_strategy_version_strategy_id_number"),
    )
    op.create_index("ix_strategy_version_strategy_id", "strategy_version", ["strategy_id"])
    op.create_table(
        "strategy_version_section",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("version_id", sa.Integer, _fk("strategy_version_section", "version_id",
                                                 "strategy_version", "CASCADE"), nullable=False),
        sa.Column("section_id", sa.Integer, nullable=True),
        sa.Column("title", sa.String(300), nullable=False),
        sa.Column("body", sa.Text, nullable=False, server_default=""),
        sa.Column("expected", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("component", sa.String(300), nullable=False, server_default=""),
        sa.Column("position", sa.Integer, nullable=False, server_default="0"),
    )
    op.create_index("ix_strategy_version_section_version_id", "strategy_version_section",
                    ["version_id"])
    op.create_table(
        "neighbourhood",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("wards", sa.Text, nullable=False, server_default=""),
        sa.Column("evidence", sa.Text, nullable=False, server_default=""),
    )
    op.create_table(
        "target",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("strategy_id", sa.Integer, _fk("target", "strategy_id", "strategy", "CASCADE"),
                  nullable=False),
        sa.Column("theme", sa.String(100), nullable=False),
        sa.Column("indicator", sa.Text, nullable=False),
        sa.Column("baseline_value", sa.Float, nullable=True),
        sa.Column("baseline_date", sa.Date, nullable=True),
        sa.Column("target_value", sa.Float, nullable=True),
        sa.Column("target_date", sa.Date, nullable=True),
        sa.Column("latest_value", sa.Float, nullable=True),
        sa.Column("latest_date", sa.Date, nullable=True),
        sa.Column("data_source", sa.String(300), nullable=False, server_default=""),
        sa.Column("lead_partner", sa.String(200), nullable=False, server_default=""),
        sa.Column("comparison_value", sa.Float, nullable=True),
        sa.Column("comparison_label", sa.String(60), nullable=False, server_default=""),
        sa.Column("neighbourhood_id", sa.Integer,
                  _fk("target", "neighbourhood_id", "neighbourhood", "SET NULL"), nullable=True),
    )
    op.create_index("ix_target_strategy_id", "target", ["strategy_id"])
    op.create_index("ix_target_neighbourhood_id", "target", ["neighbourhood_id"])
    op.create_table(
        "endorsement",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("strategy_id", sa.Integer,
                  _fk("endorsement", "strategy_id", "strategy", "CASCADE"), nullable=False),
        sa.Column("version_number", sa.Integer, nullable=False),
        sa.Column("body", sa.String(200), nullable=False),
        sa.Column("endorsed_by", sa.String(200), nullable=False, server_default=""),
        sa.Column("endorsed_on", sa.Date, nullable=True),
        sa.UniqueConstraint("strategy_id", "version_number", "body",
                            name="uq_endorsement_strategy_id_version_body"),
    )
    op.create_index("ix_endorsement_strategy_id", "endorsement", ["strategy_id"])
    op.create_table(
        "consultation",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("strategy_id", sa.Integer,
                  _fk("consultation", "strategy_id", "strategy", "SET NULL"), nullable=True),
        sa.Column("event", sa.String(300), nullable=False),
        sa.Column("start_date", sa.Date, nullable=True),
        sa.Column("end_date", sa.Date, nullable=True),
        sa.Column("reached", sa.Text, nullable=False, server_default=""),
        sa.Column("number_reached", sa.Integer, nullable=True),
        sa.Column("responses", sa.Integer, nullable=True),
        sa.Column("summary", sa.Text, nullable=False, server_default=""),
    )
    op.create_index("ix_consultation_strategy_id", "consultation", ["strategy_id"])


def downgrade() -> None:
    for table in ("consultation", "endorsement", "target", "neighbourhood",
                  "strategy_version_section", "strategy_version", "strategy_section", "strategy"):
        op.drop_table(table)
