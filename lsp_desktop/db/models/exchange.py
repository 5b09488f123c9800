"""ORM row for the erasure log: a dated line for each member whose personal data was erased."""

from datetime import date

from sqlalchemy import Date, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from lsp_desktop.db.models.base import Base


class ErasureRow(Base):
    __tablename__ = "erasure"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    member_id: Mapped[int | None] = mapped_column(
        ForeignKey("member.id", ondelete="SET NULL"), nullable=True)
    label: Mapped[str] = mapped_column(String(50))          # "Former member 3"
    erased_on: Mapped[date] = mapped_column(Date)
    erased_by: Mapped[str] = mapped_column(String(200), default="")
