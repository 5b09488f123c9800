"""Services: one module per area of work; each takes a session factory, returns domain objects."""

from __future__ import annotations

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


@dataclass(frozen=True)
class Services:
    """Everything the window and the commands need, built once per open partnership."""

    partnership: PartnershipService
    members: MembersService
    files: FilesService
    exchange: ExchangeService
    archive: ArchiveService
    backups: BackupsService
    personal_data: PersonalDataService
    accreditation: AccreditationService
    readiness: ReadinessService
    actions: ActionsService
    strategies: StrategiesService
    audit: AuditService
    programme: ProgrammeService
    target_series: TargetSeriesService
    programme_exchange: ProgrammeExchange
    changes: ChangeFeed | None = None     # others' changes as they happen (shared only)
    meetings: MeetingsService | None = None
    meeting_records: MeetingRecordsService | None = None


def build_services(session_factory: sessionmaker[Session], db_path: Path,
                   backup_dir: Path | None = None, shared: bool = False) -> Services:
    """`shared`: the partnership is on a server (db_path only suggests file names)."""
    # Imported here, not at the top: a command that needs one service (`members`) imports
    # this package without loading every other service and its models' helpers.
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

    partnership = PartnershipService(session_factory)
    members = MembersService(session_factory)
    actions = ActionsService(session_factory)
    strategies = StrategiesService(session_factory)
    accreditation = AccreditationService(session_factory, partnership, actions)
    meetings = MeetingsService(session_factory, members, actions)
    meeting_records = MeetingRecordsService(meetings)
    programme = ProgrammeService(session_factory, accreditation)
    target_series = TargetSeriesService(session_factory, strategies)
    return Services(
        partnership=partnership,
        members=members,
        files=FilesService(db_path, backup_dir, shared=shared),
        exchange=ExchangeService(session_factory),
        archive=ArchiveService(session_factory),
        backups=BackupsService(db_path, backup_dir, shared=shared,
                               archive=ArchiveService(session_factory)),
        personal_data=PersonalDataService(session_factory),
        accreditation=accreditation,
        readiness=ReadinessService(session_factory, members, accreditation, actions,
                                   strategies, meeting_records, programme=programme,
                                   target_series=target_series),
        actions=actions,
        strategies=strategies,
        audit=AuditService(session_factory),
        programme=programme,
        target_series=target_series,
        programme_exchange=ProgrammeExchange(session_factory),
        changes=ChangeFeed(session_factory),
        meetings=meetings,
        meeting_records=meeting_records,
    )
