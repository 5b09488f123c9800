"""ORM rows for the partnership's own details and its NRF allocations."""

from datetime import date

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from lsp_desktop.db.models.base import Base, Versioned


class PartnershipRow(Versioned, Base):
    __tablename__ = "partnership"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    council_area: Mapped[str] = mapped_column(String(200), default="")
    go_region: Mapped[str] = mapped_column(String(100), default="")
    nrf_area: Mapped[bool] = mapped_column(Boolean, default=False)
    retention_years: Mapped[int] = mapped_column(Integer, default=6)
    notes: Mapped[str] = mapped_column(Text, default="")
    # The date the window opens at (None: today); the demo's story stands at 30/06/2002.
    opens_on: Mapped[date | None] = mapped_column(Date, nullable=True)


class NrfAllocationRow(Base):
    __tablename__ = "nrf_allocation"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    partnership_id: Mapped[int] = mapped_column(
        ForeignKey("partnership.id", ondelete="CASCADE"), index=True)
    financial_year: Mapped[str] = mapped_column(String(7))
    amount: Mapped[int] = mapped_column(Integer)
