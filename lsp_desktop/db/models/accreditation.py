"""ORM rows for accreditation: prompts, rounds, criterion assessments, evidence, GO review."""

from datetime import date

from sqlalchemy import (
    Boolean,
    Date,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from lsp_desktop.db.models.base import Base, Versioned


class CriterionPromptRow(Base):
    """The partnership's own prompts for a criterion; none stored means the defaults."""

    __tablename__ = "criterion_prompt"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    criterion: Mapped[str] = mapped_column(String(40), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    text: Mapped[str] = mapped_column(Text)


class AssessmentRoundRow(Versioned, Base):
    __tablename__ = "assessment_round"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    kind: Mapped[str] = mapped_column(String(30), default="annual review")
    financial_year: Mapped[str] = mapped_column(String(7), default="")
    participants: Mapped[str] = mapped_column(Text, default="")
    agreed_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    submitted_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    outcome: Mapped[str] = mapped_column(String(20), default="pending")
    review_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    go_comments: Mapped[str] = mapped_column(Text, default="")
    carried_from_id: Mapped[int | None] = mapped_column(
        ForeignKey("assessment_round.id", ondelete="SET NULL"), nullable=True)

    criteria: Mapped[list["CriterionAssessmentRow"]] = relationship(
        back_populates="round", cascade="all, delete-orphan",
        order_by="CriterionAssessmentRow.id")
    dialogues: Mapped[list["DialogueRow"]] = relationship(
        cascade="all, delete-orphan", order_by="DialogueRow.held_on")
    concerns: Mapped[list["ConcernRow"]] = relationship(
        cascade="all, delete-orphan", order_by="ConcernRow.id")


class CriterionAssessmentRow(Versioned, Base):
    __tablename__ = "criterion_assessment"
    __table_args__ = (UniqueConstraint("round_id", "criterion",
                                       name="uq_criterion_assessment_round_criterion"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    round_id: Mapped[int] = mapped_column(
        ForeignKey("assessment_round.id", ondelete="CASCADE"), index=True)
    criterion: Mapped[str] = mapped_column(String(40))
    rating: Mapped[str] = mapped_column(String(20), default="not yet assessed")
    narrative: Mapped[str] = mapped_column(Text, default="")
    strengths: Mapped[str] = mapped_column(Text, default="")
    go_rating: Mapped[str] = mapped_column(String(20), default="not yet assessed")
    go_comments: Mapped[str] = mapped_column(Text, default="")
    carried: Mapped[bool] = mapped_column(Boolean, default=False)

    round: Mapped[AssessmentRoundRow] = relationship(back_populates="criteria")
    weaknesses: Mapped[list["WeaknessRow"]] = relationship(
        cascade="all, delete-orphan", order_by="WeaknessRow.id")
    evidence: Mapped[list["EvidenceRow"]] = relationship(
        cascade="all, delete-orphan", order_by="EvidenceRow.id")


class WeaknessRow(Versioned, Base):
    __tablename__ = "weakness"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    assessment_id: Mapped[int] = mapped_column(
        ForeignKey("criterion_assessment.id", ondelete="CASCADE"), index=True)
    text: Mapped[str] = mapped_column(Text)
    # The action in the action plan that answers it; deleting the action unlinks it.
    action_id: Mapped[int | None] = mapped_column(
        ForeignKey("action.id", ondelete="SET NULL"), nullable=True)
    carried: Mapped[bool] = mapped_column(Boolean, default=False)


class EvidenceRow(Versioned, Base):
    __tablename__ = "evidence"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    assessment_id: Mapped[int] = mapped_column(
        ForeignKey("criterion_assessment.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(300))
    kind: Mapped[str] = mapped_column(String(20), default="document")
    dated: Mapped[date | None] = mapped_column(Date, nullable=True)
    reference: Mapped[str] = mapped_column(Text, default="")
    file_name: Mapped[str] = mapped_column(String(260), default="")
    file_size: Mapped[int] = mapped_column(Integer, default=0)
    # Attached bytes live in evidence_file so listing evidence never loads them.
    file_id: Mapped[int | None] = mapped_column(
        ForeignKey("evidence_file.id", ondelete="SET NULL"), nullable=True)
    carried: Mapped[bool] = mapped_column(Boolean, default=False)


class EvidenceFileRow(Base):
    """An attached file's bytes; several evidence items (carried copies) may share one."""

    __tablename__ = "evidence_file"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    data: Mapped[bytes] = mapped_column(LargeBinary)


class DialogueRow(Versioned, Base):
    __tablename__ = "go_dialogue"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    round_id: Mapped[int] = mapped_column(
        ForeignKey("assessment_round.id", ondelete="CASCADE"), index=True)
    held_on: Mapped[date] = mapped_column(Date)
    with_whom: Mapped[str] = mapped_column(Text)
    notes: Mapped[str] = mapped_column(Text, default="")


class ConcernRow(Versioned, Base):
    __tablename__ = "area_of_concern"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    round_id: Mapped[int] = mapped_column(
        ForeignKey("assessment_round.id", ondelete="CASCADE"), index=True)
    criterion: Mapped[str | None] = mapped_column(String(40), nullable=True)
    text: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20), default="open")
    action_id: Mapped[int | None] = mapped_column(
        ForeignKey("action.id", ondelete="SET NULL"), nullable=True)
