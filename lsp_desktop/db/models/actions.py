"""ORM rows for actions in the action plan, their milestones and progress notes."""

from datetime import date

from sqlalchemy import CheckConstraint, Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from lsp_desktop.db.models.base import Base, Versioned
from lsp_desktop.domain.actions import ACTION_LIMITS


class ActionRecord(Versioned, Base):
    __tablename__ = "action"
    __table_args__ = (
        CheckConstraint("amount IS NULL OR amount >= 0", name="amount_not_negative"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    reference: Mapped[str] = mapped_column(String(ACTION_LIMITS["reference"]), unique=True)
    title: Mapped[str] = mapped_column(String(ACTION_LIMITS["title"]))
    description: Mapped[str] = mapped_column(Text, default="")
    criterion: Mapped[str | None] = mapped_column(String(40), nullable=True)
    # What the action answers; the links clear themselves when the target or the
    # area of concern is deleted (migration 0006_action_links).
    target_id: Mapped[int | None] = mapped_column(
        ForeignKey("target.id", ondelete="SET NULL"), nullable=True)
    concern_id: Mapped[int | None] = mapped_column(
        ForeignKey("area_of_concern.id", ondelete="SET NULL", use_alter=True),
        nullable=True)   # use_alter: area_of_concern.action_id points back here
    theme: Mapped[str] = mapped_column(String(ACTION_LIMITS["theme"]), default="")
    owner_member_id: Mapped[int | None] = mapped_column(
        ForeignKey("member.id", ondelete="SET NULL"), nullable=True, index=True)
    owner_body: Mapped[str] = mapped_column(String(ACTION_LIMITS["owner_body"]), default="")
    lead_officer: Mapped[str] = mapped_column(String(ACTION_LIMITS["lead_officer"]), default="")
    start_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    due_date: Mapped[date | None] = mapped_column(Date, nullable=True, index=True)
    status: Mapped[str] = mapped_column(String(20), default="not started")
    progress: Mapped[str | None] = mapped_column(String(10), nullable=True)
    amount: Mapped[int | None] = mapped_column(Integer, nullable=True)
    funding_source: Mapped[str | None] = mapped_column(String(40), nullable=True)
    # The due date first planned, kept when the action is re-planned (0010_action_purposes).
    original_due: Mapped[date | None] = mapped_column(Date, nullable=True)

    milestones: Mapped[list["MilestoneRow"]] = relationship(
        back_populates="action", cascade="all, delete-orphan", order_by="MilestoneRow.position")
    notes: Mapped[list["ProgressNoteRow"]] = relationship(
        back_populates="action", cascade="all, delete-orphan",
        order_by="(ProgressNoteRow.written_on.desc(), ProgressNoteRow.id.desc())")


class ActionPurposeRow(Base):
    """A further criterion, target or area of concern an action answers (one per row)."""

    __tablename__ = "action_purpose"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    action_id: Mapped[int] = mapped_column(ForeignKey("action.id", ondelete="CASCADE"),
                                           index=True)
    criterion: Mapped[str | None] = mapped_column(String(40), nullable=True)
    target_id: Mapped[int | None] = mapped_column(
        ForeignKey("target.id", ondelete="CASCADE"), nullable=True)
    concern_id: Mapped[int | None] = mapped_column(
        ForeignKey("area_of_concern.id", ondelete="CASCADE"), nullable=True)


class DueChangeRow(Base):
    """One re-planning of an action's due date: when, from and to."""

    __tablename__ = "action_due_change"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    action_id: Mapped[int] = mapped_column(ForeignKey("action.id", ondelete="CASCADE"),
                                           index=True)
    changed_on: Mapped[date] = mapped_column(Date)
    from_due: Mapped[date | None] = mapped_column(Date, nullable=True)
    to_due: Mapped[date | None] = mapped_column(Date, nullable=True)


class MilestoneRow(Base):
    __tablename__ = "action_milestone"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    action_id: Mapped[int] = mapped_column(ForeignKey("action.id", ondelete="CASCADE"),
                                           index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    title: Mapped[str] = mapped_column(String(300))
    due_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    done_date: Mapped[date | None] = mapped_column(Date, nullable=True)

    action: Mapped[ActionRecord] = relationship(back_populates="milestones")


class ProgressNoteRow(Base):
    __tablename__ = "action_note"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    action_id: Mapped[int] = mapped_column(ForeignKey("action.id", ondelete="CASCADE"),
                                           index=True)
    written_on: Mapped[date] = mapped_column(Date)
    text: Mapped[str] = mapped_column(Text)

    action: Mapped[ActionRecord] = relationship(back_populates="notes")
