"""Meetings: bodies and their members, agendas, papers, attendance, declarations, minutes."""

import sqlalchemy as sa
from alembic import op

revision = "0011_meetings"
down_revision = "0010_action_purposes"   # re-chained after 0010 at merge
branch_labels = None
depends_on = None

_VERSIONED = (
    lambda: sa.Column("version", sa.Integer, nullable=False, server_default="1"),
    lambda: sa.Column("updated_at", sa.DateTime, nullable=True),
    lambda: sa.Column("updated_by", sa.String(200), nullable=False, server_default=""),
)


def _versioned() -> list[sa.Column]:
    return [make() for make in _VERSIONED]


def upgrade() -> None:
    op.create_table(
        "quorum_rule",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("share_numerator", sa.Integer, nullable=False),
        sa.Column("share_denominator", sa.Integer, nullable=False),
        sa.Column("min_sectors", sa.Integer, nullable=False),
        sa.Column("per_sector", sa.Integer, nullable=False),
        *_versioned(),
    )
    op.create_table(
        "meeting_body",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("parent_id", sa.Integer, sa.ForeignKey(
            "meeting_body.id", ondelete="SET NULL",
            name="fk_meeting_body_parent_id_meeting_body"), nullable=True),
        *_versioned(),
    )
    op.create_table(
        "body_membership",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("body_id", sa.Integer, sa.ForeignKey(
            "meeting_body.id", ondelete="CASCADE",
            name="fk_body_membership_body_id_meeting_body"), nullable=False),
        sa.Column("member_id", sa.Integer, sa.ForeignKey(
            "member.id", ondelete="CASCADE", name="fk_body_membership_member_id_member"),
            nullable=False),
        sa.Column("start_date", sa.Date, nullable=False),
        sa.Column("end_date", sa.Date, nullable=True),
    )
    op.create_index("ix_body_membership_body_id", "body_membership", ["body_id"])
    op.create_index("ix_body_membership_member_id", "body_membership", ["member_id"])
    op.create_table(
        "meeting",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("body_id", sa.Integer, sa.ForeignKey(
            "meeting_body.id", ondelete="RESTRICT", name="fk_meeting_body_id_meeting_body"),
            nullable=False),
        sa.Column("held_on", sa.Date, nullable=False),
        sa.Column("start_time", sa.Time, nullable=True),
        sa.Column("venue", sa.String(200), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("matters_arising", sa.Text, nullable=False),
        sa.Column("quorate", sa.Boolean, nullable=True),
        sa.Column("approved_at_id", sa.Integer, sa.ForeignKey(
            "meeting.id", ondelete="SET NULL", name="fk_meeting_approved_at_id_meeting"),
            nullable=True),
        *_versioned(),
    )
    op.create_index("ix_meeting_body_id", "meeting", ["body_id"])
    op.create_index("ix_meeting_held_on", "meeting", ["held_on"])
    op.create_table(
        "agenda_item",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("meeting_id", sa.Integer, sa.ForeignKey(
            "meeting.id", ondelete="CASCADE", name="fk_agenda_item_meeting_id_meeting"),
            nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("title", sa.String(300), nullable=False),
        sa.Column("presenter", sa.String(200), nullable=False),
        sa.Column("decision_sought", sa.Text, nullable=False),
        sa.Column("confidential", sa.Boolean, nullable=False),
        sa.Column("link_kind", sa.String(20), nullable=True),
        sa.Column("link_ref", sa.String(60), nullable=False),
        sa.Column("discussion", sa.Text, nullable=False),
    )
    op.create_index("ix_agenda_item_meeting_id", "agenda_item", ["meeting_id"])
    op.create_table(
        "meeting_paper",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("item_id", sa.Integer, sa.ForeignKey(
            "agenda_item.id", ondelete="CASCADE", name="fk_meeting_paper_item_id_agenda_item"),
            nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("file_name", sa.String(260), nullable=False),
        sa.Column("file_size", sa.Integer, nullable=False),
        sa.Column("file_id", sa.Integer, sa.ForeignKey(
            "evidence_file.id", ondelete="SET NULL",
            name="fk_meeting_paper_file_id_evidence_file"), nullable=True),
    )
    op.create_index("ix_meeting_paper_item_id", "meeting_paper", ["item_id"])
    op.create_table(
        "meeting_decision",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("item_id", sa.Integer, sa.ForeignKey(
            "agenda_item.id", ondelete="CASCADE",
            name="fk_meeting_decision_item_id_agenda_item"), nullable=False),
        sa.Column("number", sa.Integer, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("search_key", sa.Text, nullable=False),
    )
    op.create_index("ix_meeting_decision_item_id", "meeting_decision", ["item_id"])
    op.create_table(
        "arising_action",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("item_id", sa.Integer, sa.ForeignKey(
            "agenda_item.id", ondelete="CASCADE",
            name="fk_arising_action_item_id_agenda_item"), nullable=False),
        sa.Column("action_id", sa.Integer, sa.ForeignKey(
            "action.id", ondelete="CASCADE", name="fk_arising_action_action_id_action"),
            nullable=False),
    )
    op.create_index("ix_arising_action_item_id", "arising_action", ["item_id"])
    op.create_index("ix_arising_action_action_id", "arising_action", ["action_id"])
    op.create_table(
        "attendance",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("meeting_id", sa.Integer, sa.ForeignKey(
            "meeting.id", ondelete="CASCADE", name="fk_attendance_meeting_id_meeting"),
            nullable=False),
        sa.Column("member_id", sa.Integer, sa.ForeignKey(
            "member.id", ondelete="CASCADE", name="fk_attendance_member_id_member"),
            nullable=False),
        sa.Column("presence", sa.String(20), nullable=False),
        sa.Column("substitute_id", sa.Integer, sa.ForeignKey(
            "member.id", ondelete="SET NULL", name="fk_attendance_substitute_id_member"),
            nullable=True),
    )
    op.create_index("ix_attendance_meeting_id", "attendance", ["meeting_id"])
    op.create_index("ix_attendance_member_id", "attendance", ["member_id"])
    op.create_table(
        "meeting_other",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("meeting_id", sa.Integer, sa.ForeignKey(
            "meeting.id", ondelete="CASCADE", name="fk_meeting_other_meeting_id_meeting"),
            nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("organisation", sa.String(200), nullable=False),
    )
    op.create_index("ix_meeting_other_meeting_id", "meeting_other", ["meeting_id"])
    op.create_table(
        "meeting_declaration",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("meeting_id", sa.Integer, sa.ForeignKey(
            "meeting.id", ondelete="CASCADE", name="fk_meeting_declaration_meeting_id_meeting"),
            nullable=False),
        sa.Column("item_id", sa.Integer, sa.ForeignKey(
            "agenda_item.id", ondelete="CASCADE",
            name="fk_meeting_declaration_item_id_agenda_item"), nullable=False),
        sa.Column("member_id", sa.Integer, sa.ForeignKey(
            "member.id", ondelete="CASCADE", name="fk_meeting_declaration_member_id_member"),
            nullable=False),
        sa.Column("interest", sa.Text, nullable=False),
    )
    op.create_index("ix_meeting_declaration_meeting_id", "meeting_declaration", ["meeting_id"])
    op.create_index("ix_meeting_declaration_item_id", "meeting_declaration", ["item_id"])
    op.create_index("ix_meeting_declaration_member_id", "meeting_declaration", ["member_id"])
    # The board's row is made on first use (services.meetings), so an archive or a server
    # import finds the tables empty.


def downgrade() -> None:
    for table in ("meeting_declaration", "meeting_other", "attendance", "arising_action",
                  "meeting_decision", "meeting_paper", "agenda_item", "meeting",
                  "body_membership", "meeting_body", "quorum_rule"):
        op.drop_table(table)
