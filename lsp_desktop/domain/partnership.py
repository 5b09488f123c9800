"""The partnership itself: name, council area, Government Office region and NRF money."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from lsp_desktop.domain.errors import FieldError

GO_REGIONS = (
    "GO East Midlands",
    "GO East of England",
    "GO for London",
    "GO North East",
    "GO North West",
    "GO South East",
    "GO South West",
    "GO West Midlands",
    "GO Yorkshire and the Humber",
)

_YEAR = re.compile(r"^(\d{4})/(\d{2})$")


@dataclass(frozen=True)
class Partnership:
    """Details shown on every title bar and cover page."""

    name: str
    council_area: str = ""
    go_region: str = ""
    nrf_area: bool = False
    # Anticipated NRF allocation per financial year ("2001/02" -> whole pounds).
    nrf_allocations: dict[str, int] = field(default_factory=dict)
    retention_years: int = 6
    version: int | None = field(default=None, compare=False)  # optimistic concurrency
    # The date the window opens at, as its as-at date (None: today). The demo's story
    # stands at 30/06/2002, so the demo opens there.
    opens_on: date | None = None


def validate_partnership(p: Partnership) -> list[FieldError]:
    errors: list[FieldError] = []
    if not p.name.strip():
        errors.append(FieldError("name", "The partnership needs a name."))
    for year, amount in p.nrf_allocations.items():
        m = _YEAR.match(year)
        if not m or (int(m.group(1)) + 1) % 100 != int(m.group(2)):
            errors.append(FieldError("nrf_allocations", f"'{year}' is not a financial year like 2002/03."))
        if amount < 0:
            errors.append(FieldError("nrf_allocations", f"The allocation for {year} cannot be negative."))
    if p.retention_years < 1:
        errors.append(FieldError("retention_years", "Keep records at least one year."))
    return errors
