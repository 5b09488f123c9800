"""All ORM models, imported here so Alembic and the services see one metadata."""

from lsp_desktop.db.models.accreditation import (
    AssessmentRoundRow,
    ConcernRow,
    CriterionAssessmentRow,
    CriterionPromptRow,
    DialogueRow,
    EvidenceFileRow,
    EvidenceRow,
    WeaknessRow,
)
from lsp_desktop.db.models.actions import (
    ActionPurposeRow,
    ActionRecord,
    DueChangeRow,
    MilestoneRow,
    ProgressNoteRow,
)
from lsp_desktop.db.models.audit import AuditRow
from lsp_desktop.db.models.base import Base
from lsp_desktop.db.models.exchange import ErasureRow
from lsp_desktop.db.models.meetings import (
    AgendaItemRow,
    ArisingActionRow,
    AttendanceRow,
    BodyMembershipRow,
    MeetingBodyRow,
    MeetingDecisionRow,
    MeetingDeclarationRow,
    MeetingPaperRow,
    MeetingRecord,
    OtherAttendeeRow,
    QuorumRuleRow,
)
from lsp_desktop.db.models.members import DeclarationRow, MemberRecord, TermRow
from lsp_desktop.db.models.partnership import NrfAllocationRow, PartnershipRow
from lsp_desktop.db.models.strategies import (
    ConsultationRow,
    EndorsementRow,
    NeighbourhoodRow,
    StrategyRow,
    StrategySectionRow,
    StrategyVersionRow,
    StrategyVersionSectionRow,
    TargetRow,
)

__all__ = [
    "AssessmentRoundRow",
    "ConcernRow",
    "CriterionAssessmentRow",
    "CriterionPromptRow",
    "DialogueRow",
    "EvidenceFileRow",
    "EvidenceRow",
    "WeaknessRow",
    "ActionPurposeRow",
    "ActionRecord",
    "DueChangeRow",
    "MilestoneRow",
    "ProgressNoteRow",
    "AuditRow",
    "Base",
    "DeclarationRow",
    "ErasureRow",
    "MemberRecord",
    "NrfAllocationRow",
    "PartnershipRow",
    "TermRow",
    "ConsultationRow",
    "EndorsementRow",
    "NeighbourhoodRow",
    "StrategyRow",
    "StrategySectionRow",
    "StrategyVersionRow",
    "StrategyVersionSectionRow",
    "TargetRow",
    "AgendaItemRow",
    "ArisingActionRow",
    "AttendanceRow",
    "BodyMembershipRow",
    "MeetingBodyRow",
    "MeetingDecisionRow",
    "MeetingDeclarationRow",
    "MeetingPaperRow",
    "MeetingRecord",
    "OtherAttendeeRow",
    "QuorumRuleRow",
]
