"""ORM rows for the programme (funds, allocations, projects and their money) and target values."""

from datetime import date

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from lsp_desktop.db.models.base import Base, Versioned
from lsp_desktop.domain.programme import PROJECT_LIMITS
from lsp_desktop.domain.target_series import SOURCE_LIMIT


class FundRow(Base):
    __tablename__ = "fund"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    code: Mapped[str] = mapped_column(String(20), unique=True)
    lapses: Mapped[bool] = mapped_column(Boolean, default=True)
    position: Mapped[int] = mapped_column(Integer, default=0)


class FundYearRow(Versioned, Base):
    """A fund's allocation for a financial year (the NRF's is kept in nrf_allocation)."""

    __tablename__ = "fund_year"
    __table_args__ = (UniqueConstraint("fund_id", "financial_year",
                                       name="uq_fund_year_fund_id_financial_year"),
                      CheckConstraint("amount >= 0", name="amount_not_negative"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    fund_id: Mapped[int] = mapped_column(ForeignKey("fund.id", ondelete="CASCADE"), index=True)
    financial_year: Mapped[str] = mapped_column(String(7))
    amount: Mapped[int] = mapped_column(Integer, default=0)


class ThemeAllocationRow(Base):
    __tablename__ = "theme_allocation"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    fund_year_id: Mapped[int] = mapped_column(ForeignKey("fund_year.id", ondelete="CASCADE"),
                                              index=True)
    theme: Mapped[str] = mapped_column(String(PROJECT_LIMITS["theme"]))
    amount: Mapped[int] = mapped_column(Integer, default=0)


class ProjectRow(Versioned, Base):
    __tablename__ = "project"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    reference: Mapped[str] = mapped_column(String(PROJECT_LIMITS["reference"]), unique=True)
    title: Mapped[str] = mapped_column(String(PROJECT_LIMITS["title"]))
    fund_id: Mapped[int] = mapped_column(ForeignKey("fund.id", ondelete="RESTRICT"), index=True)
    theme: Mapped[str] = mapped_column(String(PROJECT_LIMITS["theme"]))
    action_id: Mapped[int | None] = mapped_column(
        ForeignKey("action.id", ondelete="SET NULL"), nullable=True, index=True)
    accountable_body: Mapped[str] = mapped_column(
        String(PROJECT_LIMITS["accountable_body"]), default="")
    project_manager: Mapped[str] = mapped_column(
        String(PROJECT_LIMITS["project_manager"]), default="")
    approved_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    decision_reference: Mapped[str] = mapped_column(
        String(PROJECT_LIMITS["decision_reference"]), default="")
    # The minuted decision that approved it; decision_reference keeps its label as text.
    decision_id: Mapped[int | None] = mapped_column(
        ForeignKey("meeting_decision.id", ondelete="SET NULL"), nullable=True, index=True)
    notes: Mapped[str] = mapped_column(Text, default="")


class ProjectBudgetRow(Base):
    __tablename__ = "project_budget"
    __table_args__ = (CheckConstraint("amount >= 0", name="amount_not_negative"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("project.id", ondelete="CASCADE"),
                                            index=True)
    financial_year: Mapped[str] = mapped_column(String(7))
    amount: Mapped[int] = mapped_column(Integer, default=0)


class ProjectQuarterRow(Base):
    __tablename__ = "project_quarter"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("project.id", ondelete="CASCADE"),
                                            index=True)
    financial_year: Mapped[str] = mapped_column(String(7))
    quarter: Mapped[int] = mapped_column(Integer)
    planned: Mapped[int] = mapped_column(Integer, default=0)
    committed: Mapped[int] = mapped_column(Integer, default=0)
    spent: Mapped[int] = mapped_column(Integer, default=0)


class TargetPointRow(Base):
    __tablename__ = "target_point"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    target_id: Mapped[int] = mapped_column(ForeignKey("target.id", ondelete="CASCADE"),
                                           index=True)
    measured_on: Mapped[date] = mapped_column(Date)
    value: Mapped[float] = mapped_column(Float)
    source: Mapped[str] = mapped_column(String(SOURCE_LIMIT), default="")
    comparison: Mapped[float | None] = mapped_column(Float, nullable=True)
