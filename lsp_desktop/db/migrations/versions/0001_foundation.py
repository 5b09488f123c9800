"""Foundation: partnership details, NRF allocations, members, terms, declarations."""

import sqlalchemy as sa
from alembic import op

revision = "0001_foundation"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "partnership",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("council_area", sa.String(200), nullable=False, server_default=""),
        sa.Column("go_region", sa.String(100), nullable=False, server_default=""),
        sa.Column("nrf_area", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("retention_years", sa.Integer, nullable=False, server_default="6"),
        sa.Column("notes", sa.Text, nullable=False, server_default=""),
    )
    op.create_table(
        "nrf_allocation",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("partnership_id", sa.Integer,
                  sa.ForeignKey("partnership.id", name="fk_nrf_allocation_partnership_id_partnership",
                                ondelete="CASCADE"), nullable=False),
        sa.Column("financial_year", sa.String(7), nullable=False),
        sa.Column("amount", sa.Integer, nullable=False),
    )
    op.create_index("ix_nrf_allocation_partnership_id", "nrf_allocation", ["partnership_id"])
    op.create_table(
        "member",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("title", sa.String(50), nullable=False, server_default=""),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("search_key", sa.String(400), nullable=False),
        sa.Column("organisation", sa.String(200), nullable=False, server_default=""),
        sa.Column("sector", sa.String(20), nullable=False),
        sa.Column("category", sa.String(100), nullable=False, server_default=""),
        sa.Column("role", sa.String(20), nullable=False, server_default="member"),
        sa.Column("deputises_for_id", sa.Integer,
                  sa.ForeignKey("member.id", name="fk_member_deputises_for_id_member",
                                ondelete="SET NULL"), nullable=True),
        sa.Column("nominating_body", sa.String(200), nullable=False, server_default=""),
        sa.Column("email", sa.String(200), nullable=False, server_default=""),
        sa.Column("phone", sa.String(100), nullable=False, server_default=""),
        sa.Column("address", sa.Text, nullable=False, server_default=""),
        sa.Column("publish_contact", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("notes", sa.Text, nullable=False, server_default=""),
    )
    op.create_index("ix_member_search_key", "member", ["search_key"])
    op.create_table(
        "term",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("member_id", sa.Integer,
                  sa.ForeignKey("member.id", name="fk_term_member_id_member", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("start_date", sa.Date, nullable=False),
        sa.Column("end_date", sa.Date, nullable=True),
        sa.Column("reason_left", sa.String(200), nullable=False, server_default=""),
    )
    op.create_index("ix_term_member_id", "term", ["member_id"])
    op.create_table(
        "declaration",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("member_id", sa.Integer,
                  sa.ForeignKey("member.id", name="fk_declaration_member_id_member",
                                ondelete="CASCADE"), nullable=False),
        sa.Column("interest", sa.Text, nullable=False),
        sa.Column("body", sa.String(200), nullable=False, server_default=""),
        sa.Column("declared_on", sa.Date, nullable=True),
        sa.Column("withdrawn_on", sa.Date, nullable=True),
    )
    op.create_index("ix_declaration_member_id", "declaration", ["member_id"])


def downgrade() -> None:
    for table in ("declaration", "term", "member", "nrf_allocation", "partnership"):
        op.drop_table(table)
