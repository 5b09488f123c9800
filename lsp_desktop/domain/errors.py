"""Domain errors raised by services and shown to users by the UI and the CLI."""

from __future__ import annotations

from dataclasses import dataclass


class DomainError(Exception):
    """Something the user asked for cannot be done; the message says why."""


class NotFoundError(DomainError):
    """A record asked for does not exist (any more)."""


class ReadOnlyError(DomainError):
    """The partnership was opened read-only, so it cannot be changed."""

    MESSAGE = ("This partnership is open read-only (another copy of the program has it, its "
               "file or folder cannot be written, or it was opened read-only); changes cannot "
               "be saved.")
    # How a database's refusal says so: SQLite's "readonly database", PostgreSQL's
    # "read-only transaction", a connection kept to reading (query_only).
    WORDS = ("readonly", "read-only", "query_only")

    @classmethod
    def said_by(cls, database_error: str) -> bool:
        """Whether a database's error text says the partnership cannot be written."""
        text = database_error.lower()
        return any(word in text for word in cls.WORDS)


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


class ConflictError(DomainError):
    """Another officer saved the same record since it was read: nothing was written.

    `who` and `when` name the other change where known; the window offers to reload
    the record or to overwrite the other change after showing it.
    """

    def __init__(self, what: str, who: str = "", when=None):
        self.what, self.who, self.when = what, who, when
        by = who or "another officer"
        at = f" at {when:%H:%M} on {when:%d/%m/%Y}" if when is not None else ""
        super().__init__(f"{what} was changed by {by}{at} after you opened it; your change "
                         "was not saved. Reload to see their change, or overwrite it with yours.")


class ConnectionLostError(DomainError):
    """The shared partnership's server cannot be reached; nothing was written."""
