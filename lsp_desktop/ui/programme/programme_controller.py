"""The Programme tab's rules without Qt: the years offered, what the buttons allow, and the summary, underspend warning and NRF held-back lines."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from lsp_desktop.domain.programme import Fund, ProgrammeView, financial_year_of, year_end


@dataclass(frozen=True)
class ProgrammeButtons:
    new: bool
    delete: bool
    allocation: bool
    fund: bool
    export: bool            # shown at all (the window hands over an exporter)


@dataclass(frozen=True)
class ProgrammeLines:
    """The three lines above the table; an empty warning or held line is hidden."""

    summary: str
    warning: str = ""
    held: str = ""


class ProgrammeController:
    """What the Programme tab shows and allows; the tab builds the widgets and asks."""

    def __init__(self, read_only: bool = False, can_export: bool = True):
        self.read_only = read_only
        self.can_export = can_export

    def buttons(self) -> ProgrammeButtons:
        allowed = not self.read_only
        return ProgrammeButtons(new=allowed, delete=allowed, allocation=allowed, fund=allowed,
                                export=self.can_export)

    @staticmethod
    def fund_label(fund: Fund) -> str:
        return f"{fund.name} ({fund.code})"

    @staticmethod
    def years(stored: Sequence[str], chosen: str, on: date) -> tuple[list[str], str]:
        """The years offered and the one shown: the one chosen (typed years too), else the
        year `on` falls in when it has figures (or none has), else the latest planned."""
        default = financial_year_of(on)
        year = chosen or (default if default in stored or not stored else stored[-1])
        return sorted(set(stored) | {year}), year

    @staticmethod
    def lines(v: ProgrammeView) -> ProgrammeLines:
        parts = [f"Allocation £{v.allocation:,}", f"not yet allocated to themes "
                 f"£{v.unallocated:,}", f"budgeted to projects £{v.total.budget:,}",
                 f"committed £{v.total.total_committed:,}",
                 f"spent to date £{v.spent_to_date:,} against a profile of "
                 f"£{v.profile_to_date:,}",
                 f"forecast underspend £{v.forecast_underspend:,} by "
                 f"{year_end(v.financial_year):%d/%m/%Y}"]
        held = (f"Accreditation is deferred: £{v.held_back:,} of this year's NRF is held back "
                f"until a successful review; £{v.available:,} is available."
                if v.held_back else "")
        return ProgrammeLines("; ".join(parts) + ".", v.underspend_warning(), held)

    @staticmethod
    def failed(error: str) -> ProgrammeLines:
        """A fund and year that cannot be shown: the reason where the summary was."""
        return ProgrammeLines(error)

    @staticmethod
    def export_file(year: str) -> str:
        return f"programme-{year.replace('/', '-')}.xlsx"
