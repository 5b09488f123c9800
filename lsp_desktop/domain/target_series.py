"""A target's history: dated values with their source, the trajectory and a three-way status."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from lsp_desktop.domain.errors import FieldError
from lsp_desktop.domain.programme import quarter_of, quarter_start
from lsp_desktop.domain.strategies import Target, Theme, expected_value
from lsp_desktop.domain.text import format_date

# Behind the trajectory by no more than this share of the whole way from baseline to
# target is "at risk"; further behind is "off track".
AT_RISK_SHARE = 0.10
SOURCE_LIMIT = 300


class TrackStatus(StrEnum):
    ON_TRACK = "on track"
    AT_RISK = "at risk"
    OFF_TRACK = "off track"
    NO_DATA = "no data"

    @property
    def label(self) -> str:
        return self.value.capitalize()


class Frequency(StrEnum):
    QUARTERLY = "quarterly"
    YEARLY = "yearly"


@dataclass(frozen=True)
class TargetPoint:
    """One measured value of a target's indicator, and the comparison area's on that date."""

    measured_on: date
    value: float
    source: str = ""
    comparison: float | None = None  # England or district figure, for "narrowing the gap"
    id: int | None = None


def sorted_points(points: Iterable[TargetPoint]) -> list[TargetPoint]:
    return sorted(points, key=lambda p: (p.measured_on, p.id or 0))


def latest_point(points: Iterable[TargetPoint]) -> TargetPoint | None:
    ordered = sorted_points(points)
    return ordered[-1] if ordered else None


def validate_points(points: Sequence[TargetPoint]) -> list[FieldError]:
    errors = []
    seen: set[date] = set()
    for p in points:
        where = format_date(p.measured_on) if isinstance(p.measured_on, date) else "?"
        if not isinstance(p.measured_on, date):
            errors.append(FieldError("values", "Every value needs the date it was measured."))
            continue
        if p.measured_on in seen:
            errors.append(FieldError("values", f"Two values are dated {where}."))
        seen.add(p.measured_on)
        for what, value in (("value", p.value), ("comparison", p.comparison)):
            if value is None and what == "comparison":
                continue
            if (not isinstance(value, int | float) or isinstance(value, bool)
                    or value != value or value in (float("inf"), float("-inf"))):
                errors.append(FieldError("values", f"The {what} dated {where} is not a number."))
        if len(p.source) > SOURCE_LIMIT:
            errors.append(FieldError("values", f"The source of the value dated {where} is too "
                                     f"long: at most {SOURCE_LIMIT} characters."))
    return errors


def trajectory_at(target: Target, on: date) -> float | None:
    """Where the straight line from baseline to target puts the value on `on`."""
    return expected_value(target, on)


def track_status(target: Target, points: Sequence[TargetPoint] = (),
                 today: date | None = None) -> TrackStatus:
    """The latest value (of the series, else the target's own) against the trajectory.

    On track at or ahead of the line; at risk when behind by at most AT_RISK_SHARE of the
    way from baseline to target; off track when further behind. No data without a
    baseline, a target, their dates or a value."""
    t = target
    if today is not None:       # as it stood that day: later values are not known yet
        points = [p for p in points if p.measured_on <= today]
    latest = latest_point(points)
    value, on = ((latest.value, latest.measured_on) if latest
                 else (t.latest_value, t.latest_date or today))
    if (value is None or on is None or t.baseline_value is None or t.target_value is None
            or t.baseline_date is None or t.target_date is None
            or t.target_date <= t.baseline_date or on < t.baseline_date):
        return TrackStatus.NO_DATA
    expected = expected_value(t, on)
    span = t.target_value - t.baseline_value
    if span == 0:
        return TrackStatus.ON_TRACK if value == t.target_value else TrackStatus.OFF_TRACK
    behind = (expected - value) * (1 if span > 0 else -1)
    tolerance = 1e-9 * max(1.0, abs(span))
    if behind <= tolerance:
        return TrackStatus.ON_TRACK
    if behind <= AT_RISK_SHARE * abs(span) + tolerance:
        return TrackStatus.AT_RISK
    return TrackStatus.OFF_TRACK


def recent_since(today: date) -> date:
    """The first day of the previous quarter: a value since then is "in the last two
    quarters"."""
    fy, q = quarter_of(today)
    if q == 1:
        start = int(fy[:4]) - 1
        return quarter_start(f"{start}/{(start + 1) % 100:02d}", 4)
    return quarter_start(fy, q - 1)


def has_recent_value(points: Sequence[TargetPoint], today: date,
                     fallback: date | None = None) -> bool:
    latest = latest_point(p for p in points if p.measured_on <= today)
    on = latest.measured_on if latest else fallback
    return on is not None and recent_since(today) <= on <= today


# -- the national floor targets of the period ----------------------------------------

@dataclass(frozen=True)
class FloorTarget:
    code: str
    theme: str                      # a strategies.Theme value
    indicator: str
    wording: str                    # the target as the Spending Review put it
    target_date: date | None = None
    source: str = ""


# From the 2000 and 2002 Spending Reviews' floor targets for neighbourhood renewal; the
# partnership picks from these so its own targets line up with the national ones.
FLOOR_TARGETS: tuple[FloorTarget, ...] = (
    FloorTarget("CR1", Theme.CRIME, "Domestic burglaries per 1,000 households",
                "Reduce domestic burglary by 25%, with no area having a rate more than three "
                "times the national average, by 2005.", date(2005, 3, 31),
                "Police recorded crime"),
    FloorTarget("CR2", Theme.CRIME, "Vehicle crimes per 1,000 population",
                "Reduce vehicle crime by 30% by 2004.", date(2004, 3, 31),
                "Police recorded crime"),
    FloorTarget("ED1", Theme.EDUCATION, "% of pupils with 5+ GCSEs at A*-C",
                "At least 38% of pupils in every LEA, and 20% in every school, to achieve five "
                "or more GCSEs at A*-C by 2004.", date(2004, 8, 31), "DfES performance tables"),
    FloorTarget("ED2", Theme.EDUCATION, "% of 11-year-olds at level 4+ in English",
                "Raise attainment at Key Stage 2 so that in every LEA at least 65% of pupils "
                "reach level 4 in English and maths by 2004.", date(2004, 8, 31),
                "DfES Key Stage 2 results"),
    FloorTarget("EM1", Theme.EMPLOYMENT, "Employment rate of working-age residents (%)",
                "Increase the employment rate of the most deprived areas and reduce the "
                "difference from the overall rate.", date(2004, 3, 31),
                "Labour Force Survey / claimant count"),
    FloorTarget("HE1", Theme.HEALTH, "Life expectancy at birth (years)",
                "Narrow the gap in life expectancy between the fifth of areas with the lowest "
                "life expectancy and the population as a whole by at least 10% by 2010.",
                date(2010, 3, 31), "ONS / Department of Health"),
    FloorTarget("HE2", Theme.HEALTH, "Under-18 conceptions per 1,000 girls aged 15-17",
                "Halve the under-18 conception rate by 2010.", date(2010, 3, 31),
                "Teenage Pregnancy Unit"),
    FloorTarget("HO1", Theme.HOUSING, "% of social homes below the decent homes standard",
                "Bring all social housing into decent condition by 2010, with most of the "
                "improvement in deprived areas.", date(2010, 3, 31), "Housing stock returns"),
    FloorTarget("LI1", Theme.LIVEABILITY, "% of residents satisfied with the local area",
                "Cleaner, safer and greener public spaces, with a measurable improvement in "
                "deprived areas by 2008.", date(2008, 3, 31), "Residents' survey"),
)


def floor_target(code: str) -> FloorTarget | None:
    return next((f for f in FLOOR_TARGETS if f.code == code.strip().upper()), None)
