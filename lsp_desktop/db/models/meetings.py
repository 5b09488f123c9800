"""ORM rows for meetings: bodies and their members, agendas, papers, attendance and minutes."""

from datetime import date, time

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, Text, Time
from sqlalchemy.orm import Mapped, mapped_column, relationship

from lsp_desktop.db.models.base import Base, Versioned


class QuorumRuleRow(Versioned, Base):
    """The partnership's quorum rule (one row)."""

    __tablename__ = "quorum_rule"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    share_numerator: Mapped[int] = mapped_column(Integer, default=1)
    share_denominator: Mapped[int] = mapped_column(Integer, default=3)
    min_sectors: Mapped[int] = mapped_column(Integer, default=2)
    per_sector: Mapped[int] = mapped_column(Integer, default=1)


class MeetingBodyRow(Versioned, Base):
    __tablename__ = "meeting_body"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(20), default="theme group")
    parent_id: Mapped[int | None] = mapped_column(
        ForeignKey("meeting_body.id", ondelete="SET NULL"), nullable=True)

    memberships: Mapped[list["BodyMembershipRow"]] = relationship(
        cascade="all, delete-orphan", order_by="BodyMembershipRow.start_date")


class BodyMembershipRow(Base):
    __tablename__ = "body_membership"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    body_id: Mapped[int] = mapped_column(ForeignKey("meeting_body.id", ondelete="CASCADE"),
                                         index=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("member.id", ondelete="CASCADE"),
                                           index=True)
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date, nullable=True)


class MeetingRecord(Versioned, Base):
    __tablename__ = "meeting"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    body_id: Mapped[int] = mapped_column(ForeignKey("meeting_body.id", ondelete="RESTRICT"),
                                         index=True)
    held_on: Mapped[date] = mapped_column(Date, index=True)
    start_time: Mapped[time | None] = mapped_column(Time, nullable=True)
    venue: Mapped[str] = mapped_column(String(200), default="")
    status: Mapped[str] = mapped_column(String(20), default="planned")
    matters_arising: Mapped[str] = mapped_column(Text, default="")
    quorate: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    approved_at_id: Mapped[int | None] = mapped_column(
        ForeignKey("meeting.id", ondelete="SET NULL"), nullable=True)


class AgendaItemRow(Base):
    __tablename__ = "agenda_item"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"),
                                            index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    title: Mapped[str] = mapped_column(String(300))
    presenter: Mapped[str] = mapped_column(String(200), default="")
    decision_sought: Mapped[str] = mapped_column(Text, default="")
    confidential: Mapped[bool] = mapped_column(Boolean, default=False)
    link_kind: Mapped[str | None] = mapped_column(String(20), nullable=True)
    link_ref: Mapped[str] = mapped_column(String(60), default="")
    discussion: Mapped[str] = mapped_column(Text, default="")


class MeetingPaperRow(Base):
    """A paper's name and size; the bytes are in evidence_file (one store for attachments)."""

    __tablename__ = "meeting_paper"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("agenda_item.id", ondelete="CASCADE"),
                                         index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    file_name: Mapped[str] = mapped_column(String(260))
    file_size: Mapped[int] = mapped_column(Integer, default=0)
    file_id: Mapped[int | None] = mapped_column(
        ForeignKey("evidence_file.id", ondelete="SET NULL"), nullable=True)


class MeetingDecisionRow(Base):
    __tablename__ = "meeting_decision"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("agenda_item.id", ondelete="CASCADE"),
                                         index=True)
    number: Mapped[int] = mapped_column(Integer, default=0)
    text: Mapped[str] = mapped_column(Text)
    search_key: Mapped[str] = mapped_column(Text, default="")


class ArisingActionRow(Base):
    """An action in the action plan arising from an agenda item (the link both ways)."""

    __tablename__ = "arising_action"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("agenda_item.id", ondelete="CASCADE"),
                                         index=True)
    action_id: Mapped[int] = mapped_column(ForeignKey("action.id", ondelete="CASCADE"),
                                           index=True)


class AttendanceRow(Base):
    __tablename__ = "attendance"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"),
                                            index=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("member.id", ondelete="CASCADE"),
                                           index=True)
    presence: Mapped[str] = mapped_column(String(20), default="absent")
    substitute_id: Mapped[int | None] = mapped_column(
        ForeignKey("member.id", ondelete="SET NULL"), nullable=True)


class OtherAttendeeRow(Base):
    __tablename__ = "meeting_other"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"),
                                            index=True)
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(20), default="officer")
    organisation: Mapped[str] = mapped_column(String(200), default="")


class MeetingDeclarationRow(Base):
    __tablename__ = "meeting_declaration"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"),
                                            index=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("agenda_item.id", ondelete="CASCADE"),
                                         index=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("member.id", ondelete="CASCADE"),
                                           index=True)
    interest: Mapped[str] = mapped_column(Text)
