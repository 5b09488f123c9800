"""Declarative base with a naming convention, so batch migrations can name constraints."""

import getpass
import os
from datetime import datetime

from sqlalchemy import DateTime, Integer, MetaData, String
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


OFFICER_ENV = "LSP_DESKTOP_OFFICER"    # the officer's name; the window's settings set it


def os_user() -> str:
    """The operating-system user ("" when it cannot be told)."""
    try:
        return getpass.getuser()
    except (KeyError, OSError, ImportError):
        return os.environ.get("USERNAME", "")


def current_officer() -> str:
    """Who is saving: the officer's name if set, else the operating-system user."""
    return (os.environ.get(OFFICER_ENV, "").strip() or os_user())[:200]


def now_to_the_second() -> datetime:
    return datetime.now().replace(microsecond=0)


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
