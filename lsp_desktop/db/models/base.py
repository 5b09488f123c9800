"""Declarative base with a naming convention, so batch migrations can name constraints."""

from datetime import datetime

from sqlalchemy import DateTime, Integer, MetaData, String
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column

# Re-exported: the stamps live where code without SQLAlchemy (a file's import) reads them.
from lsp_desktop.db.stamps import (  # noqa: F401
    OFFICER_ENV,
    current_officer,
    now_to_the_second,
    os_user,
)

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Versioned:
    """An editable record: a version counter that every save must name (optimistic
    concurrency), and when and by whom it was last changed, for the conflict message.

    The services raise the counter themselves (`version_id_generator=False`), so a save
    that changes only child rows (a member's terms, an action's milestones) still
    counts; SQLAlchemy adds `AND version = <as read>` to every UPDATE and DELETE, so a
    change made by another officer in between is never written over silently.
    """

    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1, server_default="1")
    # A new record is stamped too, so a conflict over it can say who made it and when.
    updated_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True,
                                                        default=now_to_the_second)
    updated_by: Mapped[str] = mapped_column(String(200), nullable=False,
                                            default=current_officer, server_default="")

    @declared_attr.directive
    def __mapper_args__(cls):  # noqa: N805 - a declared_attr takes the class
        return {"version_id_col": cls.__table__.c.version, "version_id_generator": False}
