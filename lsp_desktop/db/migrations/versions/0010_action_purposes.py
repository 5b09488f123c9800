"""Actions answer several purposes, keep their original due date and its changes; the
partnership's opening date."""

import sqlalchemy as sa
from alembic import op

revision = "0010_action_purposes"
down_revision = "0008_audit"   # re-chained at merge
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Today's single links (action.criterion, target_id, concern_id) stay where they are
    # as each action's first purpose: nothing to carry, nothing lost.
    op.create_table(
        "action_purpose",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("action_id", sa.Integer,
                  sa.ForeignKey("action.id", ondelete="CASCADE"), nullable=False),
        sa.Column("criterion", sa.String(40), nullable=True),
        sa.Column("target_id", sa.Integer,
                  sa.ForeignKey("target.id", ondelete="CASCADE"), nullable=True),
        sa.Column("concern_id", sa.Integer,
                  sa.ForeignKey("area_of_concern.id", ondelete="CASCADE"), nullable=True),
    )
    op.create_index("ix_action_purpose_action_id", "action_purpose", ["action_id"])
    op.create_table(
        "action_due_change",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("action_id", sa.Integer,
                  sa.ForeignKey("action.id", ondelete="CASCADE"), nullable=False),
        sa.Column("changed_on", sa.Date, nullable=False),
        sa.Column("from_due", sa.Date, nullable=True),
        sa.Column("to_due", sa.Date, nullable=True),
    )
    op.create_index("ix_action_due_change_action_id", "action_due_change", ["action_id"])
    with op.batch_alter_table("action") as batch:
        batch.add_column(sa.Column("original_due", sa.Date, nullable=True))
    with op.batch_alter_table("partnership") as batch:
        batch.add_column(sa.Column("opens_on", sa.Date, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("partnership") as batch:
        batch.drop_column("opens_on")
    with op.batch_alter_table("action") as batch:
        batch.drop_column("original_due")
    op.drop_index("ix_action_due_change_action_id", table_name="action_due_change")
    op.drop_table("action_due_change")
    op.drop_index("ix_action_purpose_action_id", table_name="action_purpose")
    op.drop_table("action_purpose")
