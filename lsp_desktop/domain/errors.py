"""Domain errors raised by services and shown to users by the UI and the CLI."""

from __future__ import annotations

from dataclasses import dataclass


class DomainError(Exception):
    """Something the user asked for cannot be done; the message says why."""


class NotFoundError(DomainError):
    """A record asked for does not exist (any more)."""


class ReadOnlyError(DomainError):
    """The partnership was opened read-only, so it cannot be changed."""


@dataclass(frozen=True)
class FieldError:
    """One problem with one field of a form, shown next to that field."""

    field: str
    message: str
    warning: bool = False


class ValidationError(DomainError):
    """A record failed validation; `errors` holds one FieldError per problem."""

    def __init__(self, errors: list[FieldError]):
        self.errors = [e for e in errors if not e.warning]
        super().__init__("; ".join(f"{e.field}: {e.message}" for e in self.errors))


class PartnershipFileError(DomainError):
    """A file cannot be opened as a partnership (not one, corrupt, too new, missing)."""


class PartnershipLockedError(PartnershipFileError):
    """Another copy of the program has the partnership open for writing."""
