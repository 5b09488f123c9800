"""Actions in the action plan: status, progress rating, milestones, notes, overdue rule.

Shared contract: the Action plans tab owns this module and may add fields; the
accreditation and report code read these names.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from lsp_desktop.domain.criteria import Criterion


class ActionStatus(StrEnum):
    NOT_STARTED = "not started"
    IN_PROGRESS = "in progress"
    COMPLETE = "complete"
    DROPPED = "dropped"

    @property
    def label(self) -> str:
        return self.value.capitalize()


class Progress(StrEnum):
    """Traffic-light progress of an action."""

    GREEN = "green"
    AMBER = "amber"
    RED = "red"

    @property
    def label(self) -> str:
        return self.value.capitalize()


class FundingSource(StrEnum):
    NRF = "NRF"
    CEF = "Community Empowerment Fund"
    MAINSTREAM = "mainstream"
    OTHER = "other"


@dataclass(frozen=True)
class Milestone:
    title: str
    due: date | None = None
    done: date | None = None
    id: int | None = None

    def is_overdue(self, today: date) -> bool:
        return self.done is None and self.due is not None and self.due < today


@dataclass(frozen=True)
class ProgressNote:
    written_on: date
    text: str
    id: int | None = None


@dataclass(frozen=True)
class Action:
    reference: str
    title: str
    description: str = ""
    criterion: Criterion | None = None      # answers a criterion ...
    target_id: int | None = None            # ... or a target of a strategy ...
    concern_id: int | None = None           # ... or a GO area of concern
    owner_member_id: int | None = None      # owner: a member on the register ...
    owner_body: str = ""                    # ... or a partner body (free text)
    lead_officer: str = ""
    start: date | None = None
    due: date | None = None
    status: ActionStatus = ActionStatus.NOT_STARTED
    progress: Progress | None = None
    amount: int | None = None               # whole pounds
    funding_source: FundingSource | None = None
    milestones: tuple[Milestone, ...] = ()
    notes: tuple[ProgressNote, ...] = ()    # newest first
    id: int | None = None

    def is_overdue(self, today: date) -> bool:
        return (self.due is not None and self.due < today
                and self.status not in (ActionStatus.COMPLETE, ActionStatus.DROPPED))
