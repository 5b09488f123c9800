"""Accreditation: prompts, assessment rounds, criterion assessments, evidence, GO review."""

import sqlalchemy as sa
from alembic import op

revision = "0004_accreditation"
down_revision = "0003_actions"
branch_labels = None
depends_on = None

_NOT_ASSESSED = "not yet assessed"


def upgrade() -> None:
    op.create_table(
        "criterion_prompt",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("criterion", sa.String(40), nullable=False),
        sa.Column("position", sa.Integer, nullable=False, server_default="0"),
        sa.Column("text", sa.Text, nullable=False),
    )
    op.create_index("ix_criterion_prompt_criterion", "criterion_prompt", ["criterion"])
    op.create_table(
        "assessment_round",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("kind", sa.String(30), nullable=False, server_default="annual review"),
        sa.Column("financial_year", sa.String(7), nullable=False, server_default=""),
        sa.Column("participants", sa.Text, nullable=False, server_default=""),
        sa.Column("agreed_on", sa.Date, nullable=True),
        sa.Column("submitted_on", sa.Date, nullable=True),
        sa.Column("outcome", sa.String(20), nullable=False, server_default="pending"),
        sa.Column("review_date", sa.Date, nullable=True),
        sa.Column("go_comments", sa.Text, nullable=False, server_default=""),
        sa.Column("carried_from_id", sa.Integer,
                  sa.ForeignKey("assessment_round.id",
                                name="fk_assessment_round_carried_from_id_assessment_round",
                                ondelete="SET NULL"), nullable=True),
        sa.UniqueConstraint("name", name="uq_assessment_round_name"),
    )
    op.create_table(
        "criterion_assessment",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("round_id", sa.Integer,
                  sa.ForeignKey("assessment_round.id",
                                name="fk_criterion_assessment_round_id_assessment_round",
                                ondelete="CASCADE"), nullable=False),
        sa.Column("criterion", sa.String(40), nullable=False),
        sa.Column("rating", sa.String(20), nullable=False, server_default=_NOT_ASSESSED),
        sa.Column("narrative", sa.Text, nullable=False, server_default=""),
        sa.Column("strengths", sa.Text, nullable=False, server_default=""),
        sa.Column("go_rating", sa.String(20), nullable=False, server_default=_NOT_ASSESSED),
        sa.Column("go_comments", sa.Text, nullable=False, server_default=""),
        sa.Column("carried", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.UniqueConstraint("round_id", "criterion",
                            name="uq_criterion_assessment_round_criterion"),
    )
    op.create_index("ix_criterion_assessment_round_id", "criterion_assessment", ["round_id"])
    op.create_table(
        "weakness",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("assessment_id", sa.Integer,
                  sa.ForeignKey("criterion_assessment.id",
                                name="fk_weakness_assessment_id_criterion_assessment",
                                ondelete="CASCADE"), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("action_id", sa.Integer,
                  sa.ForeignKey("action.id", name="fk_weakness_action_id_action",
                                ondelete="SET NULL"), nullable=True),
        sa.Column("carried", sa.Boolean, nullable=False, server_default=sa.false()),
    )
    op.create_index("ix_weakness_assessment_id", "weakness", ["assessment_id"])
    op.create_table(
        "evidence_file",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("data", sa.LargeBinary, nullable=False),
    )
    op.create_table(
        "evidence",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("assessment_id", sa.Integer,
                  sa.ForeignKey("criterion_assessment.id",
                                name="fk_evidence_assessment_id_criterion_assessment",
                                ondelete="CASCADE"), nullable=False),
        sa.Column("title", sa.String(300), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False, server_default="document"),
        sa.Column("dated", sa.Date, nullable=True),
        sa.Column("reference", sa.Text, nullable=False, server_default=""),
        sa.Column("file_name", sa.String(260), nullable=False, server_default=""),
        sa.Column("file_size", sa.Integer, nullable=False, server_default="0"),
        sa.Column("file_id", sa.Integer,
                  sa.ForeignKey("evidence_file.id", name="fk_evidence_file_id_evidence_file",
                                ondelete="SET NULL"), nullable=True),
        sa.Column("carried", sa.Boolean, nullable=False, server_default=sa.false()),
    )
    op.create_index("ix_evidence_assessment_id", "evidence", ["assessment_id"])
    op.create_table(
        "go_dialogue",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("round_id", sa.Integer,
                  sa.ForeignKey("assessment_round.id",
                                name="fk_go_dialogue_round_id_assessment_round",
                                ondelete="CASCADE"), nullable=False),
        sa.Column("held_on", sa.Date, nullable=False),
        sa.Column("with_whom", sa.Text, nullable=False),
        sa.Column("notes", sa.Text, nullable=False, server_default=""),
    )
    op.create_index("ix_go_dialogue_round_id", "go_dialogue", ["round_id"])
    op.create_table(
        "area_of_concern",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("round_id", sa.Integer,
                  sa.ForeignKey("assessment_round.id",
                                name="fk_area_of_concern_round_id_assessment_round",
                                ondelete="CASCADE"), nullable=False),
        sa.Column("criterion", sa.String(40), nullable=True),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("status", sa.String(20), nullable=False, server_default="open"),
        sa.Column("action_id", sa.Integer,
                  sa.ForeignKey("action.id", name="fk_area_of_concern_action_id_action",
                                ondelete="SET NULL"), nullable=True),
    )
    op.create_index("ix_area_of_concern_round_id", "area_of_concern", ["round_id"])


def downgrade() -> None:
    for table in ("area_of_concern", "go_dialogue", "evidence", "evidence_file", "weakness",
                  "criterion_assessment", "assessment_round", "criterion_prompt"):
        op.drop_table(table)
