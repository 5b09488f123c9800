"""Exchange: the erasure log (who erased which former member's personal data, and when)."""

import sqlalchemy as sa
from alembic import op

revision = "0005_exchange"
down_revision = "0004_accreditation"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "erasure",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("member_id", sa.Integer,
                  sa.ForeignKey("member.id", name="fk_erasure_member_id_member",
                                ondelete="SET NULL"), nullable=True),
        sa.Column("label", sa.String(50), nullable=False),
        sa.Column("erased_on", sa.Date, nullable=False),
        sa.Column("erased_by", sa.String(200), nullable=False, server_default=""),
    )


def downgrade() -> None:
    op.drop_table("erasure")
