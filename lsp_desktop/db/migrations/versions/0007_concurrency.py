"""Optimistic concurrency: a version counter and last-changed stamp on editable records."""

import sqlalchemy as sa
from alembic import op

revision = "0007_concurrency"
down_revision = "0006_action_links"
branch_labels = None
depends_on = None

VERSIONED = ("partnership", "member", "strategy", "strategy_section", "neighbourhood",
             "target", "endorsement", "consultation", "action", "assessment_round",
             "criterion_assessment", "weakness", "evidence", "go_dialogue", "area_of_concern")


def upgrade() -> None:
    for table in VERSIONED:
        # Plain ADD COLUMN on both engines: no table copy, existing rows start at 1.
        op.add_column(table, sa.Column("version", sa.Integer, nullable=False,
                                       server_default="1"))
        op.add_column(table, sa.Column("updated_at", sa.DateTime, nullable=True))
        op.add_column(table, sa.Column("updated_by", sa.String(200), nullable=False,
                                       server_default=""))


def downgrade() -> None:
    for table in reversed(VERSIONED):
        with op.batch_alter_table(table) as batch:
            batch.drop_column("updated_by")
            batch.drop_column("updated_at")
            batch.drop_column("version")
