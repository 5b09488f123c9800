"""ORM rows for strategies, their sections and versions, targets, neighbourhoods,
endorsements and the consultation log."""

from datetime import date

from sqlalchemy import (
    Boolean,
    Date,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from lsp_desktop.db.models.base import Base, Versioned
from lsp_desktop.domain.strategies import TARGET_LIMITS


class StrategyRow(Versioned, Base):
    __tablename__ = "strategy"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    type: Mapped[str] = mapped_column(String(60))
    title: Mapped[str] = mapped_column(String(300))
    period: Mapped[str] = mapped_column(String(60), default="")
    status: Mapped[str] = mapped_column(String(30), default="working draft")
    lead_officer: Mapped[str] = mapped_column(String(200), default="")

    sections: Mapped[list["StrategySectionRow"]] = relationship(
        back_populates="strategy", cascade="all, delete-orphan",
        order_by="StrategySectionRow.position")


class StrategySectionRow(Versioned, Base):
    """A section of the current draft; ids are never reused (versions refer to them)."""

    __tablename__ = "strategy_section"
    __table_args__ = {"sqlite_autoincrement": True}

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    strategy_id: Mapped[int] = mapped_column(
        ForeignKey("strategy.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text, default="")
    expected: Mapped[bool] = mapped_column(Boolean, default=False)
    component: Mapped[str] = mapped_column(String(300), default="")
    position: Mapped[int] = mapped_column(Integer, default=0)

    strategy: Mapped[StrategyRow] = relationship(back_populates="sections")


class StrategyVersionRow(Base):
    """A saved version: read-only, and it keeps its strategy from being deleted."""

    __tablename__ = "strategy_version"
    __table_args__ = (UniqueConstraint("strategy_id", "number",
                                       name="uq_strategy_version_strategy_id_number"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    strategy_id: Mapped[int] = mapped_column(
        ForeignKey("strategy.id", ondelete="RESTRICT"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    label: Mapped[str] = mapped_column(String(300))
    created_on: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(30))
    words: Mapped[int] = mapped_column(Integer, default=0)

    sections: Mapped[list["StrategyVersionSectionRow"]] = relationship(
        cascade="all, delete-orphan", order_by="StrategyVersionSectionRow.position")


class StrategyVersionSectionRow(Base):
    __tablename__ = "strategy_version_section"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version_id: Mapped[int] = mapped_column(
        ForeignKey("strategy_version.id", ondelete="CASCADE"), index=True)
    section_id: Mapped[int | None] = mapped_column(Integer, nullable=True)  # draft section it copied
    title: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text, default="")
    expected: Mapped[bool] = mapped_column(Boolean, default=False)
    component: Mapped[str] = mapped_column(String(300), default="")
    position: Mapped[int] = mapped_column(Integer, default=0)


class NeighbourhoodRow(Versioned, Base):
    __tablename__ = "neighbourhood"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    wards: Mapped[str] = mapped_column(Text, default="")
    evidence: Mapped[str] = mapped_column(Text, default="")


class TargetRow(Versioned, Base):
    __tablename__ = "target"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    strategy_id: Mapped[int] = mapped_column(
        ForeignKey("strategy.id", ondelete="CASCADE"), index=True)
    theme: Mapped[str] = mapped_column(String(TARGET_LIMITS["theme"]))
    indicator: Mapped[str] = mapped_column(Text)
    baseline_value: Mapped[float | None] = mapped_column(Float, nullable=True)
    baseline_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    target_value: Mapped[float | None] = mapped_column(Float, nullable=True)
    target_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    latest_value: Mapped[float | None] = mapped_column(Float, nullable=True)
    latest_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    data_source: Mapped[str] = mapped_column(String(TARGET_LIMITS["data_source"]), default="")
    lead_partner: Mapped[str] = mapped_column(String(TARGET_LIMITS["lead_partner"]), default="")
    comparison_value: Mapped[float | None] = mapped_column(Float, nullable=True)
    comparison_label: Mapped[str] = mapped_column(String(TARGET_LIMITS["comparison_label"]), default="")
    neighbourhood_id: Mapped[int | None] = mapped_column(
        ForeignKey("neighbourhood.id", ondelete="SET NULL"), nullable=True, index=True)


class EndorsementRow(Versioned, Base):
    __tablename__ = "endorsement"
    __table_args__ = (UniqueConstraint("strategy_id", "version_number", "body",
                                       name="uq_endorsement_strategy_id_version_body"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    strategy_id: Mapped[int] = mapped_column(
        ForeignKey("strategy.id", ondelete="CASCADE"), index=True)
    version_number: Mapped[int] = mapped_column(Integer)
    body: Mapped[str] = mapped_column(String(200))
    endorsed_by: Mapped[str] = mapped_column(String(200), default="")
    endorsed_on: Mapped[date | None] = mapped_column(Date, nullable=True)


class ConsultationRow(Versioned, Base):
    __tablename__ = "consultation"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    strategy_id: Mapped[int | None] = mapped_column(
        ForeignKey("strategy.id", ondelete="SET NULL"), nullable=True, index=True)
    event: Mapped[str] = mapped_column(String(300))
    start_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    end_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    reached: Mapped[str] = mapped_column(Text, default="")
    number_reached: Mapped[int | None] = mapped_column(Integer, nullable=True)
    responses: Mapped[int | None] = mapped_column(Integer, nullable=True)
    summary: Mapped[str] = mapped_column(Text, default="")
