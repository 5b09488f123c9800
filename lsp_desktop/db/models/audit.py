"""ORM row for the audit trail: one line per insert, update or delete of a partnership record."""

from datetime import datetime

from sqlalchemy import DateTime, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from lsp_desktop.db.models.base import Base


class AuditRow(Base):
    """Written only by lsp_desktop.db.audit; no service changes or deletes a line."""

    __tablename__ = "audit"
    __table_args__ = (
        Index("ix_audit_record", "record_type", "record_id"),
        Index("ix_audit_owner", "owner_type", "owner_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # UTC, no zone stored. Not indexed: lines are read newest first by id (the order they
    # were written), and an index here slowed a 50,000-member import.
    at: Mapped[datetime] = mapped_column(DateTime)
    officer: Mapped[str] = mapped_column(String(200), default="")
    os_user: Mapped[str] = mapped_column(String(200), default="")
    action: Mapped[str] = mapped_column(String(10))                 # insert, update, delete, erase
    record_type: Mapped[str] = mapped_column(String(40))            # the table's name
    record_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    owner_type: Mapped[str | None] = mapped_column(String(40), nullable=True)
    owner_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    label: Mapped[str] = mapped_column(String(300), default="")
    changes: Mapped[str] = mapped_column(Text, default="")          # JSON {field: [old, new]}
