"""Action plans: actions, their milestones and progress notes."""

import sqlalchemy as sa
from alembic import op

revision = "0003_actions"
down_revision = "0002_strategies"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "action",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("reference", sa.String(40), nullable=False),
        sa.Column("title", sa.String(300), nullable=False),
        sa.Column("description", sa.Text, nullable=False, server_default=""),
        sa.Column("criterion", sa.String(40), nullable=True),
        sa.Column("target_id", sa.Integer, nullable=True),
        sa.Column("concern_id", sa.Integer, nullable=True),
        sa.Column("theme", sa.String(100), nullable=False, server_default=""),
        sa.Column("owner_member_id", sa.Integer,
                  sa.ForeignKey("member.id", name="fk_action_owner_member_id_member",
                                ondelete="SET NULL"), nullable=True),
        sa.Column("owner_body", sa.String(200), nullable=False, server_default=""),
        sa.Column("lead_officer", sa.String(200), nullable=False, server_default=""),
        sa.Column("start_date", sa.Date, nullable=True),
        sa.Column("due_date", sa.Date, nullable=True),
        sa.Column("status", sa.String(20), nullable=False, server_default="not started"),
        sa.Column("progress", sa.String(10), nullable=True),
        sa.Column("amount", sa.Integer, nullable=True),
        sa.Column("funding_source", sa.String(40), nullable=True),
        sa.UniqueConstraint("reference", name="uq_action_reference"),
        sa.CheckConstraint("amount IS NULL OR amount >= 0",
                           name="ck_action_amount_not_negative"),
    )
    op.create_index("ix_action_owner_member_id", "action", ["owner_member_id"])
    op.create_index("ix_action_due_date", "action", ["due_date"])
    op.create_table(
        "action_milestone",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("action_id", sa.Integer,
                  sa.ForeignKey("action.id", name="fk_action_milestone_action_id_action",
                                ondelete="CASCADE"), nullable=False),
        sa.Column("position", sa.Integer, nullable=False, server_default="0"),
        sa.Column("title", sa.String(300), nullable=False),
        sa.Column("due_date", sa.Date, nullable=True),
        sa.Column("done_date", sa.Date, nullable=True),
    )
    op.create_index("ix_action_milestone_action_id", "action_milestone", ["action_id"])
    op.create_table(
        "action_note",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("action_id", sa.Integer,
                  sa.ForeignKey("action.id", name="fk_action_note_action_id_action",
                                ondelete="CASCADE"), nullable=False),
        sa.Column("written_on", sa.Date, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
    )
    op.create_index("ix_action_note_action_id", "action_note", ["action_id"])


def downgrade() -> None:
    for table in ("action_note", "action_milestone", "action"):
        op.drop_table(table)
