"""Strategies, their sections and versions, and the targets register.

Shared contract: the Strategy drafts tab owns this module and may add fields; the
accreditation and report code read these names.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class StrategyType(StrEnum):
    COMMUNITY = "Community Strategy"
    NEIGHBOURHOOD_RENEWAL = "Local Neighbourhood Renewal Strategy"
    OTHER = "other"


class StrategyStatus(StrEnum):
    WORKING_DRAFT = "working draft"
    CONSULTATION_DRAFT = "consultation draft"
    AGREED = "agreed"
    SUPERSEDED = "superseded"

    @property
    def label(self) -> str:
        return self.value.capitalize()


class Theme(StrEnum):
    """Floor-target themes; a target may instead carry a local theme as free text."""

    EMPLOYMENT = "employment"
    CRIME = "crime"
    EDUCATION = "education and skills"
    HEALTH = "health"
    HOUSING = "housing"
    LIVEABILITY = "liveability"

    @property
    def label(self) -> str:
        return self.value.capitalize()


EXPECTED_SECTIONS: dict[StrategyType, tuple[str, ...]] = {
    StrategyType.COMMUNITY: ("Long-term vision", "Action plan", "Shared commitment",
                             "Arrangements for monitoring"),
    StrategyType.NEIGHBOURHOOD_RENEWAL: (
        "Priority neighbourhoods", "Problems and baselines", "Resources and funding map",
        "Floor-target themes", "Local delivery", "Community involvement",
        "Monitoring and evaluation", "Learning plan"),
    StrategyType.OTHER: (),
}


class TargetStatus(StrEnum):
    ON_TRACK = "on track"
    OFF_TRACK = "off track"
    NO_DATA = "no data"


@dataclass(frozen=True)
class Section:
    title: str
    body: str = ""                  # Markdown
    expected: bool = False          # one of the type's expected components
    position: int = 0
    id: int | None = None


@dataclass(frozen=True)
class Target:
    strategy_id: int
    theme: str                      # a Theme value or a local theme
    indicator: str
    baseline_value: float | None = None
    baseline_date: date | None = None
    target_value: float | None = None
    target_date: date | None = None
    latest_value: float | None = None
    latest_date: date | None = None
    data_source: str = ""
    lead_partner: str = ""          # a body on the register
    comparison_value: float | None = None
    comparison_label: str = ""      # "district" / "national"
    neighbourhood_id: int | None = None
    id: int | None = None


@dataclass(frozen=True)
class StrategySummary:
    """One line per strategy, as lists and readiness need it."""

    id: int
    type: StrategyType
    title: str
    period: str
    status: StrategyStatus
    lead_officer: str
    version_count: int
    empty_components: tuple[str, ...]   # expected sections still empty
    target_count: int
    endorsed_bodies: tuple[str, ...] = ()
