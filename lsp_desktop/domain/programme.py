"""The NRF programme: financial years and quarters, funds, allocations, projects and the view."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

# The calendar of financial years is the accreditation rules' (one copy of each rule).
from lsp_desktop.domain.accreditation import financial_year_of
from lsp_desktop.domain.errors import FieldError
from lsp_desktop.domain.text import length_errors

_FY = re.compile(r"^\s*(\d{4})\s*[/-]\s*(\d{2}|\d{4})\s*$")
QUARTER_LABELS = ("Apr-Jun", "Jul-Sep", "Oct-Dec", "Jan-Mar")
QUARTER_NAMES = ("April to June", "July to September", "October to December",
                 "January to March")


class FinancialYearError(ValueError):
    """Text that is not a financial year like 2002/03."""


def parse_financial_year(text: str) -> str:
    """'2002/03', '2002-03' or '2002/2003' -> '2002/03'; FinancialYearError otherwise."""
    m = _FY.match(text or "")
    if m:
        start, end = int(m.group(1)), int(m.group(2))
        if (len(m.group(2)) == 2 and (start + 1) % 100 == end) or end == start + 1:
            return f"{start}/{(start + 1) % 100:02d}"
    raise FinancialYearError(f"'{(text or '').strip()}' is not a financial year like 2002/03.")


def year_start(fy: str) -> date:
    return date(int(parse_financial_year(fy)[:4]), 4, 1)


def year_end(fy: str) -> date:
    return date(int(parse_financial_year(fy)[:4]) + 1, 3, 31)


def quarter_of(day: date) -> tuple[str, int]:
    """The financial year and quarter (1 = April-June ... 4 = January-March) of a day."""
    return financial_year_of(day), (day.month - 4) % 12 // 3 + 1


def quarter_start(fy: str, quarter: int) -> date:
    first = year_start(fy)
    month = 4 + 3 * (quarter - 1)
    return date(first.year + (month - 1) // 12, (month - 1) % 12 + 1, 1)


def quarter_end(fy: str, quarter: int) -> date:
    if quarter == 4:
        return year_end(fy)
    nxt = quarter_start(fy, quarter + 1)
    return date.fromordinal(nxt.toordinal() - 1)


def quarter_label(fy: str, quarter: int) -> str:
    return f"{QUARTER_LABELS[quarter - 1]} {fy}"


def quarters_ended(fy: str, today: date) -> int:
    """How many of the year's quarters had ended by `today` (0-4); figures as on a
    quarter's last day count that quarter as ended."""
    return sum(1 for q in range(1, 5) if quarter_end(fy, q) <= today)


class ProgrammeTheme(StrEnum):
    CRIME = "crime"
    HEALTH = "health"
    HOUSING = "housing"
    EDUCATION = "education"
    WORKLESSNESS = "worklessness"
    LIVEABILITY = "liveability"
    COMMUNITY = "community involvement"

    @property
    def label(self) -> str:
        return self.value.capitalize()


THEME_ORDER = {t.value: i for i, t in enumerate(ProgrammeTheme)}


def theme_label(theme: str) -> str:
    try:
        return ProgrammeTheme(theme).label
    except ValueError:
        return theme


# The funds every partnership starts with; others (mainstream, SRB, NDC) are added.
NRF_CODE = "NRF"
CEF_CODE = "CEF"
STANDARD_FUNDS = (("Neighbourhood Renewal Fund", NRF_CODE, True),
                  ("Community Empowerment Fund", CEF_CODE, True))
SUGGESTED_FUNDS = (("Mainstream", "MAIN", False), ("Single Regeneration Budget", "SRB", True),
                   ("New Deal for Communities", "NDC", True))


@dataclass(frozen=True)
class Fund:
    name: str
    code: str
    lapses: bool = True             # money not spent by 31 March is lost
    position: int = 0
    id: int | None = None

    @property
    def is_nrf(self) -> bool:
        return self.code == NRF_CODE


@dataclass(frozen=True)
class FundYear:
    """One fund's allocation for one financial year and its split across themes."""

    fund_id: int
    financial_year: str
    amount: int = 0
    themes: dict[str, int] = field(default_factory=dict)
    id: int | None = None
    version: int | None = field(default=None, compare=False)  # optimistic concurrency

    @property
    def unallocated(self) -> int:
        return self.amount - sum(self.themes.values())


@dataclass(frozen=True)
class QuarterFigures:
    financial_year: str
    quarter: int
    planned: int = 0
    committed: int = 0
    spent: int = 0


PROJECT_LIMITS = {"reference": 20, "title": 300, "accountable_body": 200,
                  "project_manager": 200, "decision_reference": 100, "theme": 60}


@dataclass(frozen=True)
class Project:
    """An action with money: who is accountable, its approval and budget by year."""

    reference: str
    title: str
    fund_id: int
    theme: str
    accountable_body: str = ""
    project_manager: str = ""
    approved_on: date | None = None
    decision_reference: str = ""    # the board decision as text (its label when linked)
    action_id: int | None = None
    budgets: dict[str, int] = field(default_factory=dict)   # financial year -> pounds
    quarters: tuple[QuarterFigures, ...] = ()
    notes: str = ""
    id: int | None = None
    version: int | None = field(default=None, compare=False)  # optimistic concurrency
    decision_id: int | None = None  # the minuted meeting decision that approved it

    def figures(self, fy: str) -> list[QuarterFigures]:
        """The year's four quarters (zeros where nothing is recorded)."""
        have = {q.quarter: q for q in self.quarters if q.financial_year == fy}
        return [have.get(n, QuarterFigures(fy, n)) for n in range(1, 5)]


def validate_project(p: Project, references_in_use: Iterable[str] = ()) -> list[FieldError]:
    errors = length_errors(p, PROJECT_LIMITS)
    if not p.reference.strip():
        errors.append(FieldError("reference", "The project needs a reference, e.g. P-001."))
    elif p.reference.strip().casefold() in {r.casefold() for r in references_in_use}:
        errors.append(FieldError("reference",
                                 f"{p.reference.strip()} is already used by another project."))
    if not p.title.strip():
        errors.append(FieldError("title", "Give the project a title."))
    if not p.theme.strip():
        errors.append(FieldError("theme", "Choose the theme the project serves."))
    for fy, amount in p.budgets.items():
        errors += _money_errors("budgets", f"The budget for {fy}", amount, fy)
    seen = set()
    for q in p.quarters:
        if q.quarter not in (1, 2, 3, 4):
            errors.append(FieldError("quarters", f"Quarter {q.quarter} is not 1 to 4."))
            continue
        if (q.financial_year, q.quarter) in seen:
            errors.append(FieldError("quarters", f"{quarter_label(q.financial_year, q.quarter)}"
                                     " is given twice."))
        seen.add((q.financial_year, q.quarter))
        for name in ("planned", "committed", "spent"):
            errors += _money_errors("quarters", f"{name.capitalize()} in "
                                    f"{quarter_label(q.financial_year, q.quarter)}",
                                    getattr(q, name), q.financial_year)
    return errors


def validate_fund_year(plan: FundYear) -> list[FieldError]:
    errors = _money_errors("amount", "The allocation", plan.amount, plan.financial_year)
    for theme, amount in plan.themes.items():
        errors += _money_errors("themes", f"The {theme_label(theme)} allocation", amount,
                                plan.financial_year)
    if plan.unallocated < 0:
        errors.append(FieldError("themes", f"The themes share out £{sum(plan.themes.values()):,}"
                                 f", more than the £{plan.amount:,} allocated."))
    return errors


def _money_errors(field_name: str, what: str, amount, fy: str) -> list[FieldError]:
    errors = []
    try:
        parse_financial_year(fy)
    except FinancialYearError as exc:
        errors.append(FieldError(field_name, str(exc)))
    if not isinstance(amount, int) or isinstance(amount, bool):
        errors.append(FieldError(field_name, f"{what} must be whole pounds."))
    elif amount < 0:
        errors.append(FieldError(field_name, f"{what} cannot be negative."))
    return errors


def next_project_reference(references: Iterable[str]) -> str:
    numbers = [int(m.group(1)) for r in references
               if (m := re.fullmatch(r"P-(\d+)", r.strip(), re.IGNORECASE))]
    return f"P-{max(numbers, default=0) + 1:03d}"


# -- the programme view -----------------------------------------------------------

@dataclass
class Totals:
    """Money for one line of the view: a project, a theme or the whole year."""

    allocation: int = 0
    budget: int = 0
    planned: list[int] = field(default_factory=lambda: [0, 0, 0, 0])
    committed: list[int] = field(default_factory=lambda: [0, 0, 0, 0])
    spent: list[int] = field(default_factory=lambda: [0, 0, 0, 0])

    def add(self, other: Totals) -> None:
        self.budget += other.budget
        for mine, theirs in ((self.planned, other.planned), (self.committed, other.committed),
                             (self.spent, other.spent)):
            for i in range(4):
                mine[i] += theirs[i]

    @property
    def total_planned(self) -> int:
        return sum(self.planned)

    @property
    def total_committed(self) -> int:
        return sum(self.committed)

    @property
    def total_spent(self) -> int:
        return sum(self.spent)


@dataclass(frozen=True)
class ProgrammeLine:
    kind: str                       # "theme", "project" or "total"
    label: str
    theme: str
    totals: Totals
    project: Project | None = None


@dataclass(frozen=True)
class ProgrammeView:
    """What the Programme tab, the quarterly return and the export show for a year."""

    fund: Fund
    financial_year: str
    today: date
    allocation: int
    held_back: int                  # NRF withheld while accreditation is deferred
    lines: tuple[ProgrammeLine, ...]
    total: Totals
    quarters_ended: int

    @property
    def available(self) -> int:
        return self.allocation - self.held_back

    @property
    def unallocated(self) -> int:
        """Allocation not yet shared out to themes (theme allocations, else budgets)."""
        shared = sum(line.totals.allocation for line in self.lines if line.kind == "theme")
        return self.allocation - shared

    @property
    def unbudgeted(self) -> int:
        """Allocation not yet given to projects as a budget for the year."""
        return self.allocation - self.total.budget

    @property
    def spent_to_date(self) -> int:
        return sum(self.total.spent[:self.quarters_ended])

    @property
    def profile_to_date(self) -> int:
        """Planned spend for the quarters already ended (the spend profile)."""
        return sum(self.total.planned[:self.quarters_ended])

    @property
    def forecast_spend(self) -> int:
        """Spent in ended quarters plus the larger of planned and committed for the rest."""
        rest = sum(max(p, c) for p, c in zip(self.total.planned[self.quarters_ended:],
                                             self.total.committed[self.quarters_ended:],
                                             strict=True))
        return self.spent_to_date + rest

    @property
    def forecast_underspend(self) -> int:
        return max(0, self.available - self.forecast_spend)

    def underspend_warning(self) -> str:
        """A sentence when money that lapses at year end looks set to go unspent."""
        if not self.fund.lapses or self.forecast_underspend <= 0:
            return ""
        end = year_end(self.financial_year)
        verb = "was" if self.today > end else "is forecast to be"
        return (f"£{self.forecast_underspend:,} of {self.fund.code} for {self.financial_year} "
                f"{verb} left unspent by {end.strftime('%d/%m/%Y')}; "
                f"{self.fund.code} not spent by 31 March is lost.")


def _project_totals(p: Project, fy: str) -> Totals:
    t = Totals(budget=p.budgets.get(fy, 0))
    for q in p.quarters:
        if q.financial_year == fy:
            i = q.quarter - 1
            t.planned[i] += q.planned
            t.committed[i] += q.committed
            t.spent[i] += q.spent
    return t


def programme_view(fund: Fund, fy: str, plan: FundYear | None, projects: Sequence[Project],
                   today: date, held_back: int = 0) -> ProgrammeView:
    """Themes (in the standard order, then local ones) with their projects and totals.

    Only projects of `fund` with a budget or figures in `fy` are shown."""
    fy = parse_financial_year(fy)
    themes_alloc = dict(plan.themes) if plan else {}
    by_theme: dict[str, list[tuple[Project, Totals]]] = {}
    for p in projects:
        if p.fund_id != fund.id:
            continue
        totals = _project_totals(p, fy)
        if fy not in p.budgets and not any(q.financial_year == fy for q in p.quarters):
            continue
        by_theme.setdefault(p.theme, []).append((p, totals))
    names = set(themes_alloc) | set(by_theme)
    order = sorted(names, key=lambda t: (THEME_ORDER.get(t, len(THEME_ORDER)), t))
    lines: list[ProgrammeLine] = []
    grand = Totals(allocation=plan.amount if plan else 0)
    for theme in order:
        theme_totals = Totals(allocation=themes_alloc.get(theme, 0))
        project_lines = []
        for p, totals in sorted(by_theme.get(theme, ()), key=lambda pt: pt[0].reference):
            theme_totals.add(totals)
            project_lines.append(ProgrammeLine("project", p.title, theme, totals, p))
        grand.add(theme_totals)
        lines.append(ProgrammeLine("theme", theme_label(theme), theme, theme_totals))
        lines += project_lines
    return ProgrammeView(fund, fy, today, plan.amount if plan else 0, held_back, tuple(lines),
                         grand, quarters_ended(fy, today))
