"""Services: one module per area of work; each takes a session factory, returns domain objects."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy.orm import Session, sessionmaker

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

    return PartnershipService(s.session_factory)


def _members(s: Services):
    from lsp_desktop.services.members import MembersService

    return MembersService(s.session_factory)


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
    partnership: PartnershipService = _OnFirstUse(_partnership)
    members: MembersService = _OnFirstUse(_members)
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


def build_services(session_factory: sessionmaker[Session], db_path: Path,
                   backup_dir: Path | None = None, shared: bool = False) -> Services:
    """`shared`: the partnership is on a server (db_path only suggests file names)."""
    return Services(session_factory, db_path, backup_dir, shared)
