"""A project's approval linked to the minuted board decision that approved it."""

import sqlalchemy as sa
from alembic import op

revision = "0014_links"
down_revision = "0013_programme"   # re-chained at merge
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Existing projects keep their decision reference as text; the link starts empty.
    with op.batch_alter_table("project") as batch:
        batch.add_column(sa.Column("decision_id", sa.Integer, nullable=True))
        batch.create_foreign_key("fk_project_decision_id_meeting_decision", "meeting_decision",
                                 ["decision_id"], ["id"], ondelete="SET NULL")
        batch.create_index("ix_project_decision_id", ["decision_id"])


def downgrade() -> None:
    with op.batch_alter_table("project") as batch:
        batch.drop_index("ix_project_decision_id")
        batch.drop_constraint("fk_project_decision_id_meeting_decision", type_="foreignkey")
        batch.drop_column("decision_id")
