"""Services: one module per area of work; each takes a session factory, returns domain objects."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy.orm import Session, sessionmaker

    from lsp_desktop.db.database import Database
    from lsp_desktop.db.reads import Reads
    from lsp_desktop.services.accreditation import AccreditationService
    from lsp_desktop.services.actions import ActionsService
    from lsp_desktop.services.archive import ArchiveService
    from lsp_desktop.services.audit import AuditService
    from lsp_desktop.services.backups import BackupsService
    from lsp_desktop.services.changes import ChangeFeed
    from lsp_desktop.services.exchange import ExchangeService
    from lsp_desktop.services.files import FilesService
    from lsp_desktop.services.meeting_records import MeetingRecordsService
    from lsp_desktop.services.meetings import MeetingsService
    from lsp_desktop.services.members import MembersService
    from lsp_desktop.services.partnership import PartnershipService
    from lsp_desktop.services.personal_data import PersonalDataService
    from lsp_desktop.services.programme import ProgrammeService
    from lsp_desktop.services.programme_exchange import ProgrammeExchange
    from lsp_desktop.services.readiness import ReadinessService
    from lsp_desktop.services.register_rows import RegisterRows
    from lsp_desktop.services.strategies import StrategiesService
    from lsp_desktop.services.target_series import TargetSeriesService


_LATER = object()      # a service not made yet


class _OnFirstUse:
    """A service made, and its module imported, when first used. A data descriptor, so
    the dataclass takes a given service (dataclasses.replace) as it takes any field."""

    def __init__(self, make: Callable[[Services], object]):
        self._make = make
        self._lock = threading.Lock()

    def __set_name__(self, owner, name: str) -> None:
        self._key = f"_{name}"

    def __get__(self, services: Services | None, owner=None):
        if services is None:
            return _LATER          # the field's default
        value = services.__dict__.get(self._key, _LATER)
        if value is _LATER:
            with self._lock:
                value = services.__dict__.get(self._key, _LATER)
                if value is _LATER:
                    value = services.__dict__[self._key] = self._make(services)
        return value

    def __set__(self, services: Services, value) -> None:
        services.__dict__[self._key] = value


def _partnership(s: Services):
    from lsp_desktop.services.partnership import PartnershipService

    return PartnershipService(s.session_factory, s.reads)


def _members(s: Services):
    from lsp_desktop.services.members import MembersService

    return MembersService(s.session_factory, s.reads)


def _register_rows(s: Services):
    from lsp_desktop.services.register_rows import RegisterRows

    return RegisterRows(s.session_factory, s.reads)


def _files(s: Services):
    from lsp_desktop.services.files import FilesService

    return FilesService(s.db_path, s.backup_dir, shared=s.shared)


def _exchange(s: Services):
    from lsp_desktop.services.exchange import ExchangeService

    return ExchangeService(s.session_factory)


def _archive(s: Services):
    from lsp_desktop.services.archive import ArchiveService

    return ArchiveService(s.session_factory)


def _backups(s: Services):
    from lsp_desktop.services.backups import BackupsService

    return BackupsService(s.db_path, s.backup_dir, shared=s.shared, archive=_archive(s))


def _personal_data(s: Services):
    from lsp_desktop.services.personal_data import PersonalDataService

    return PersonalDataService(s.session_factory)


def _accreditation(s: Services):
    from lsp_desktop.services.accreditation import AccreditationService

    return AccreditationService(s.session_factory, s.partnership, s.actions)


def _readiness(s: Services):
    from lsp_desktop.services.readiness import ReadinessService

    return ReadinessService(s.session_factory, s.members, s.accreditation, s.actions,
                            s.strategies, s.meeting_records, programme=s.programme,
                            target_series=s.target_series)


def _actions(s: Services):
    from lsp_desktop.services.actions import ActionsService

    return ActionsService(s.session_factory)


def _strategies(s: Services):
    from lsp_desktop.services.strategies import StrategiesService

    return StrategiesService(s.session_factory)


def _audit(s: Services):
    from lsp_desktop.services.audit import AuditService

    return AuditService(s.session_factory)


def _programme(s: Services):
    from lsp_desktop.services.programme import ProgrammeService

    return ProgrammeService(s.session_factory, s.accreditation)


def _target_series(s: Services):
    from lsp_desktop.services.target_series import TargetSeriesService

    return TargetSeriesService(s.session_factory, s.strategies)


def _programme_exchange(s: Services):
    from lsp_desktop.services.programme_exchange import ProgrammeExchange

    return ProgrammeExchange(s.session_factory)


def _changes(s: Services):
    from lsp_desktop.services.changes import ChangeFeed

    return ChangeFeed(s.session_factory)


def _meetings(s: Services):
    from lsp_desktop.services.meetings import MeetingsService

    return MeetingsService(s.session_factory, s.members, s.actions)


def _meeting_records(s: Services):
    from lsp_desktop.services.meeting_records import MeetingRecordsService

    return MeetingRecordsService(s.meetings)


@dataclass(frozen=True)
class Services:
    """Everything the window and the commands need, one set per open partnership.

    Each service is made, and its module imported, when first used: the window's first
    paint, and a command that needs one or two services, load no others."""

    session_factory: sessionmaker[Session]
    db_path: Path
    backup_dir: Path | None = None
    shared: bool = False     # on a server (db_path only suggests file names)
    # A file's plain-SQL reads (Database.reads: sqlite3, no SQLAlchemy); None: through
    # session_factory's engine.
    reads: Callable[[], Reads] | None = None
    partnership: PartnershipService = _OnFirstUse(_partnership)
    members: MembersService = _OnFirstUse(_members)
    register_rows: RegisterRows = _OnFirstUse(_register_rows)   # the Members tab's rows
    files: FilesService = _OnFirstUse(_files)
    exchange: ExchangeService = _OnFirstUse(_exchange)
    archive: ArchiveService = _OnFirstUse(_archive)
    backups: BackupsService = _OnFirstUse(_backups)
    personal_data: PersonalDataService = _OnFirstUse(_personal_data)
    accreditation: AccreditationService = _OnFirstUse(_accreditation)
    readiness: ReadinessService = _OnFirstUse(_readiness)
    actions: ActionsService = _OnFirstUse(_actions)
    strategies: StrategiesService = _OnFirstUse(_strategies)
    audit: AuditService = _OnFirstUse(_audit)
    programme: ProgrammeService = _OnFirstUse(_programme)
    target_series: TargetSeriesService = _OnFirstUse(_target_series)
    programme_exchange: ProgrammeExchange = _OnFirstUse(_programme_exchange)
    changes: ChangeFeed | None = _OnFirstUse(_changes)   # others' changes as they happen (shared only)
    meetings: MeetingsService | None = _OnFirstUse(_meetings)
    meeting_records: MeetingRecordsService | None = _OnFirstUse(_meeting_records)

    def left_out(self, name: str) -> bool:
        """True when the service `name` was given as None (a window without Meetings),
        found without making it."""
        return self.__dict__.get(f"_{name}", _LATER) is None

    def later(self, name: str):
        """The service `name`, made when first used (not now): for a window part that
        uses it only when clicked."""
        return _Later(self, name)


class _Later:
    """Stands for a service not made yet: makes it on first use of any of its names."""

    def __init__(self, services: Services, name: str):
        self._services, self._name = services, name

    def __getattr__(self, attr: str):
        return getattr(getattr(self._services, self._name), attr)


class _SessionsOnFirstUse:
    """A session factory made when first called or asked for any of its names
    (Database.session_factory, which loads SQLAlchemy and makes the engine); `then(f)`
    runs once with it, before any session is made."""

    def __init__(self, make: Callable[[], sessionmaker[Session]],
                 then: Callable[[sessionmaker[Session]], None] | None = None):
        self._make, self._then = make, then
        self._factory = None
        self._lock = threading.Lock()

    def _get(self) -> sessionmaker[Session]:
        if self._factory is None:
            with self._lock:
                if self._factory is None:
                    factory = self._make()
                    if self._then is not None:
                        self._then(factory)
                    self._factory = factory
        return self._factory

    def __call__(self, *args, **kwargs):
        return self._get()(*args, **kwargs)

    def __getattr__(self, attr: str):
        return getattr(self._get(), attr)


def services_of(db: Database, backup_dir: Path | None = None,
                officer: Callable[[], str] | None = None) -> Services:
    """The services of an open partnership, touching nothing yet: a file is read in plain
    SQL (its first paint loads no SQLAlchemy); the engine and sessions are made when first
    used, and then take the officer's name for the audit trail from `officer()`."""

    def follow_officer(factory: sessionmaker[Session]) -> None:
        from lsp_desktop.db import audit

        context = audit.context_of(factory.kw.get("bind"))
        if context is not None:
            context.officer_source = officer

    sessions = _SessionsOnFirstUse(lambda: db.session_factory,
                                   follow_officer if officer is not None else None)
    return Services(sessions, db.path, backup_dir, db.shared,
                    reads=None if db.shared else db.reads)


def build_services(session_factory: sessionmaker[Session], db_path: Path,
                   backup_dir: Path | None = None, shared: bool = False) -> Services:
    """`shared`: the partnership is on a server (db_path only suggests file names)."""
    return Services(session_factory, db_path, backup_dir, shared)
