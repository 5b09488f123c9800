"""Text longer than its column allows is refused on every engine, naming the field."""

from __future__ import annotations

from sqlalchemy import String, event

from lsp_desktop.db.models.base import Base
from lsp_desktop.domain.errors import ValidationError
from lsp_desktop.domain.text import too_long

_INSTALLED = False


def _check(_mapper, _connection, target) -> None:
    """SQLite would keep any length and PostgreSQL would fail with a bare DataError:
    both refuse it here instead, with a message the user can act on."""
    errors = []
    for column in target.__table__.columns:
        limit = getattr(column.type, "length", None)
        if not isinstance(column.type, String) or not limit:
            continue
        value = getattr(target, column.key, None)
        if isinstance(value, str) and len(value) > limit:
            errors.append(too_long(column.key, value, limit))
    if errors:
        raise ValidationError(errors)


def install() -> None:
    """Check every mapped class before each insert and update, once per process."""
    global _INSTALLED
    if _INSTALLED:
        return
    _INSTALLED = True
    event.listen(Base, "before_insert", _check, propagate=True)
    event.listen(Base, "before_update", _check, propagate=True)
