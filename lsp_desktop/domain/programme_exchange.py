"""Officers' spreadsheets of programme figures and target values: columns and row rules."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from lsp_desktop.domain.categories import WordMatcher
from lsp_desktop.domain.exchange import Column, ParsedRow, Problem
from lsp_desktop.domain.programme import (
    QUARTER_LABELS,
    FinancialYearError,
    ProgrammeTheme,
    parse_financial_year,
)

# The header names officers use, by field: matched by meaning (case, accents, spacing and
# punctuation folded) by exchange.find_layout, the one mechanism every import shares.
FIGURE_COLUMNS: tuple[Column, ...] = (
    Column("project", required=True,
           aliases=("ref", "reference", "project ref", "project reference", "project no",
                    "project number", "project code", "project id", "scheme ref",
                    "scheme reference", "scheme code"),
           help="the project's reference, e.g. P-001"),
    Column("financial_year", required=True,
           aliases=("year", "fy", "financial year", "fin year", "budget year",
                    "year of account"),
           help="2002/03 or 2002-03"),
    Column("quarter", required=True, aliases=("qtr", "q", "period", "qtr no", "quarter no"),
           help="1 to 4, Q1 to Q4, or Apr-Jun, Jul-Sep, Oct-Dec, Jan-Mar"),
    Column("planned", "number",
           aliases=("plan", "profile", "planned £", "planned spend", "profiled spend",
                    "spend profile", "budget profile", "planned expenditure", "forecast"),
           help="whole pounds planned for the quarter"),
    Column("committed", "number",
           aliases=("committed £", "commitment", "commitments", "committed spend",
                    "contracted"), help="whole pounds committed"),
    Column("spent", "number",
           aliases=("actual", "spend", "spent £", "actual spend", "actual £", "expenditure",
                    "actual expenditure", "defrayed", "paid"),
           help="whole pounds spent in the quarter"),
    Column("theme", aliases=("nrf theme", "programme theme", "priority", "priority theme",
                             "theme area", "block"),
           help="optional: the project's theme in the officer's words (Jobs, Community "
                "safety…); a changed theme is shown before it is imported"),
)
VALUE_COLUMNS: tuple[Column, ...] = (
    Column("target", required=True,
           aliases=("indicator", "measure", "performance indicator", "pi", "target name",
                    "indicator name"),
           help="the target's indicator, as in the targets register"),
    Column("date", "date", required=True,
           aliases=("measured on", "as at", "period end", "period ending", "date measured",
                    "as at date", "date of value"),
           help="the date the value is for, YYYY-MM-DD or DD/MM/YYYY"),
    Column("value", "number", required=True,
           aliases=("figure", "actual", "result", "actual value", "latest value", "outturn"),
           help="the figure"),
    Column("source", aliases=("data source", "provided by", "supplier"),
           help="where the figure comes from"),
    Column("comparison", "number",
           aliases=("england", "district", "comparison value", "england average",
                    "national average", "district average", "comparator", "benchmark"),
           help="the England or district figure for the same date"),
)

# The programme's themes as officers write them: (theme, words that name it for certain,
# hints that only suggest it - the officer confirms, as for members' categories).
THEME_WORDS = WordMatcher((
    (ProgrammeTheme.CRIME.value, ("crime and disorder", "crime reduction"),
     ("community safety", "safer communities", "safety", "policing", "anti social behaviour",
      "burglary", "drugs", "youth offending", "cdrp")),
    (ProgrammeTheme.HEALTH.value, ("health inequalities", "public health"),
     ("wellbeing", "well being", "nhs", "healthy living", "teenage pregnancy", "smoking",
      "mental health", "pct")),
    (ProgrammeTheme.HOUSING.value, ("homes", "decent homes"),
     ("homelessness", "estates", "estate renewal", "physical environment", "empty homes")),
    (ProgrammeTheme.EDUCATION.value, ("education and skills", "schools"),
     ("learning", "skills", "attainment", "lifelong learning", "young people", "early years",
      "training and education")),
    (ProgrammeTheme.WORKLESSNESS.value, ("worklessness and economy",),
     ("jobs", "job", "employment", "unemployment", "economy", "economic development",
      "enterprise", "business", "work", "training", "welfare to work", "jobcentre")),
    (ProgrammeTheme.LIVEABILITY.value, ("livability", "liveable neighbourhoods"),
     ("environment", "environmental", "clean", "cleaner", "green", "greener", "streets",
      "street scene", "parks", "open spaces", "public realm")),
    (ProgrammeTheme.COMMUNITY.value, ("community involvement", "community empowerment"),
     ("community", "capacity building", "participation", "engagement", "empowerment",
      "cef", "voluntary sector", "neighbourhood management")),
))
UNKNOWN_THEME = ("is not a programme theme (crime, health, housing, education, worklessness, "
                 "liveability or community involvement).")


_QUARTER_WORDS = {label.casefold(): n for n, label in enumerate(QUARTER_LABELS, start=1)}


def read_quarter(value) -> int:
    text = str(value if value is not None else "").strip().casefold().replace(" ", "")
    if text.endswith(".0"):
        text = text[:-2]
    text = text.removeprefix("q")
    if text in ("1", "2", "3", "4"):
        return int(text)
    for label, n in _QUARTER_WORDS.items():
        if text == label.replace(" ", "") or text == label.replace("-", "to"):
            return n
    raise ValueError(f"'{value}' is not a quarter (1 to 4, Q1 to Q4, or Apr-Jun … Jan-Mar)")


def _pounds(row: int, column: str, value, problems: list[Problem]) -> int | None:
    if value is None:
        return None
    if float(value) != int(value):
        problems.append(Problem(row, column, f"{value:,} is not whole pounds."))
        return None
    if value < 0:
        problems.append(Problem(row, column, "cannot be negative."))
        return None
    return int(value)


@dataclass(frozen=True)
class FigureRow:
    row: int
    project: str
    financial_year: str
    quarter: int
    planned: int | None             # None: the file leaves it as it is
    committed: int | None
    spent: int | None
    theme: str = ""                 # as written in the file ("" : left as it is)


def build_figures(rows: list[ParsedRow]) -> tuple[list[FigureRow], list[Problem]]:
    out, problems, seen = [], [], {}
    for r in rows:
        v = r.values
        if not all(v.get(k) not in (None, "") for k in ("project", "financial_year", "quarter")):
            continue
        try:
            fy = parse_financial_year(str(v["financial_year"]))
        except FinancialYearError as exc:
            problems.append(Problem(r.row, "financial_year", str(exc)))
            continue
        try:
            quarter = read_quarter(v["quarter"])
        except ValueError as exc:
            problems.append(Problem(r.row, "quarter", str(exc)))
            continue
        before = len(problems)
        money = {k: _pounds(r.row, k, v.get(k), problems)
                 for k in ("planned", "committed", "spent")}
        if len(problems) > before:
            continue
        key = (str(v["project"]).casefold(), fy, quarter)
        if key in seen:
            problems.append(Problem(r.row, "quarter", f"{v['project']} {QUARTER_LABELS[quarter - 1]}"
                                    f" {fy} is also on row {seen[key]}."))
            continue
        seen[key] = r.row
        out.append(FigureRow(r.row, str(v["project"]), fy, quarter, **money,
                             theme=str(v.get("theme") or "").strip()))
    return out, problems


@dataclass(frozen=True)
class ValueRow:
    row: int
    target: str
    measured_on: date
    value: float
    source: str = ""
    comparison: float | None = None


def build_values(rows: list[ParsedRow]) -> tuple[list[ValueRow], list[Problem]]:
    out, problems, seen = [], [], {}
    for r in rows:
        v = r.values
        if v.get("target") in (None, "") or v.get("date") is None or v.get("value") is None:
            continue
        key = (str(v["target"]).casefold(), v["date"])
        if key in seen:
            problems.append(Problem(r.row, "date", f"the same target and date are on row "
                                    f"{seen[key]}."))
            continue
        seen[key] = r.row
        out.append(ValueRow(r.row, str(v["target"]), v["date"], float(v["value"]),
                            str(v.get("source") or ""), v.get("comparison")))
    return out, problems
