"""ORM rows for members, their terms of office and declarations of interest."""

from datetime import date

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from lsp_desktop.db.models.base import Base, Versioned
from lsp_desktop.domain.members import MEMBER_LIMITS


class MemberRecord(Versioned, Base):
    __tablename__ = "member"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    title: Mapped[str] = mapped_column(String(MEMBER_LIMITS["title"]), default="")
    name: Mapped[str] = mapped_column(String(MEMBER_LIMITS["name"]))
    given_names: Mapped[str] = mapped_column(String(MEMBER_LIMITS["given_names"]), default="")
    family_name: Mapped[str] = mapped_column(String(MEMBER_LIMITS["family_name"]), default="")
    search_key: Mapped[str] = mapped_column(String(400), index=True)
    organisation: Mapped[str] = mapped_column(String(MEMBER_LIMITS["organisation"]), default="")
    sector: Mapped[str] = mapped_column(String(20))
    category: Mapped[str] = mapped_column(String(MEMBER_LIMITS["category"]), default="")
    role: Mapped[str] = mapped_column(String(20), default="member")
    deputises_for_id: Mapped[int | None] = mapped_column(
        ForeignKey("member.id", ondelete="SET NULL"), nullable=True)
    nominating_body: Mapped[str] = mapped_column(String(MEMBER_LIMITS["nominating_body"]), default="")
    email: Mapped[str] = mapped_column(String(MEMBER_LIMITS["email"]), default="")
    phone: Mapped[str] = mapped_column(String(MEMBER_LIMITS["phone"]), default="")
    address: Mapped[str] = mapped_column(Text, default="")
    publish_contact: Mapped[bool] = mapped_column(Boolean, default=False)
    notes: Mapped[str] = mapped_column(Text, default="")

    terms: Mapped[list["TermRow"]] = relationship(
        back_populates="member", cascade="all, delete-orphan", order_by="TermRow.start_date")
    declarations: Mapped[list["DeclarationRow"]] = relationship(
        back_populates="member", cascade="all, delete-orphan", order_by="DeclarationRow.id")


class TermRow(Base):
    __tablename__ = "term"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("member.id", ondelete="CASCADE"), index=True)
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    reason_left: Mapped[str] = mapped_column(String(200), default="")

    member: Mapped[MemberRecord] = relationship(back_populates="terms")


class DeclarationRow(Base):
    __tablename__ = "declaration"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("member.id", ondelete="CASCADE"), index=True)
    interest: Mapped[str] = mapped_column(Text)
    body: Mapped[str] = mapped_column(String(200), default="")
    declared_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    withdrawn_on: Mapped[date | None] = mapped_column(Date, nullable=True)

    member: Mapped[MemberRecord] = relationship(back_populates="declarations")
