"""Audit trail: a line per insert, update or delete of a partnership record (who, when, what)."""

import sqlalchemy as sa
from alembic import op

revision = "0008_audit"
down_revision = "0007_concurrency"   # re-chained after 0007_concurrency at merge
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "audit",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("at", sa.DateTime, nullable=False),
        sa.Column("officer", sa.String(200), nullable=False, server_default=""),
        sa.Column("os_user", sa.String(200), nullable=False, server_default=""),
        sa.Column("action", sa.String(10), nullable=False),
        sa.Column("record_type", sa.String(40), nullable=False),
        sa.Column("record_id", sa.Integer, nullable=True),
        sa.Column("owner_type", sa.String(40), nullable=True),
        sa.Column("owner_id", sa.Integer, nullable=True),
        sa.Column("label", sa.String(300), nullable=False, server_default=""),
        sa.Column("changes", sa.Text, nullable=False, server_default=""),
    )
    op.create_index("ix_audit_record", "audit", ["record_type", "record_id"])
    op.create_index("ix_audit_owner", "audit", ["owner_type", "owner_id"])


def downgrade() -> None:
    op.drop_index("ix_audit_owner", table_name="audit")
    op.drop_index("ix_audit_record", table_name="audit")
    op.drop_table("audit")
