"""Demo programme: NRF and Community Empowerment Fund money by theme and project, quarter by
quarter, and each target's quarterly values, as they stood on 30 June 2002."""

from __future__ import annotations

from datetime import date

from lsp_desktop.domain.programme import (
    CEF_CODE,
    NRF_CODE,
    FundYear,
    Project,
    QuarterFigures,
    quarter_end,
)
from lsp_desktop.domain.strategies import Target
from lsp_desktop.domain.target_series import TargetPoint

D = date
STORY = D(2002, 6, 30)
YEARS = ("2001/02", "2002/03")
# Each year's NRF shared across the themes (the rest is held for programme management).
THEME_SHARES = {"crime": 0.21, "health": 0.14, "housing": 0.16, "education": 0.15,
                "worklessness": 0.17, "liveability": 0.11, "community involvement": 0.05}
# The board's NRF decisions in the demo meetings (services/demo/meetings.py) that approved
# projects; the other projects keep a decision reference as text, as older files have.
FIRST_NRF = "12/07/2001 D3"       # the first NRF projects, with the 2001/02 allocation
BUDGET_2002 = "14/03/2002 D2"     # the NRF budget for 2002/03
# (title, theme, accountable body, manager, approved, decision, share of the theme)
NRF_PROJECTS = (
    ("Neighbourhood wardens, Northfields and Eastgate", "crime", "London Borough of Thameside",
     "Rhiannon Pryce", D(2001, 7, 12), FIRST_NRF, 0.55),
    ("Target-hardening for repeat burglary victims", "crime",
     "Metropolitan Police, Thameside Borough", "Insp. Dawit Bekele", D(2001, 7, 12),
     FIRST_NRF, 0.30),
    ("Youth diversion summer programme", "crime", "Thameside Youth Offending Team",
     "Marcus Henry", D(2001, 9, 18), "LSP/01/09 item 6", 0.15),
    ("Healthy living centre, Canal ward", "health", "Thameside Primary Care Trust",
     "Dr Nkechi Obi", D(2001, 9, 18), "LSP/01/09 item 5", 0.60),
    ("Teenage pregnancy outreach", "health", "Thameside Primary Care Trust",
     "Joanna Kowalczyk", D(2001, 11, 20), "LSP/01/11 item 3", 0.40),
    ("Empty homes back into use", "housing", "London Borough of Thameside",
     "Tomasz Nowak", D(2001, 7, 12), FIRST_NRF, 0.50),
    ("Estate security and lighting, Eastgate", "housing", "Riverside Housing Association",
     "Gwen Morgan", D(2001, 11, 20), "LSP/01/11 item 4", 0.50),
    ("Study support and homework clubs", "education", "Thameside Education Action Zone",
     "Priya Raman", D(2001, 9, 18), "LSP/01/09 item 7", 0.55),
    ("Basic skills in community venues", "education",
     "London Central Learning and Skills Council", "Seán Ó Murchú", D(2002, 1, 22),
     "LSP/02/01 item 5", 0.45),
    ("Job shop and outreach advisers", "worklessness", "Employment Service, Thameside District",
     "Abdi Warsame", D(2001, 7, 12), FIRST_NRF, 0.60),
    ("Childcare places for returners", "worklessness", "Thameside Early Years Partnership",
     "Helen Adeyemi", D(2002, 1, 22), "LSP/02/01 item 6", 0.40),
    ("Clean streets and graffiti team", "liveability", "London Borough of Thameside",
     "Kevin Doyle", D(2001, 9, 18), "LSP/01/09 item 8", 0.70),
    ("Pocket parks, Northfields", "liveability", "Groundwork Thameside", "Alys Jenkins",
     D(2002, 3, 14), BUDGET_2002, 0.30),
    ("Neighbourhood forums and community chest", "community involvement",
     "Thameside Council for Voluntary Service", "Aoife Ní Bhriain", D(2001, 11, 20),
     "LSP/01/11 item 6", 1.0),
)
CEF_ALLOCATION = {"2001/02": 120_000, "2002/03": 140_000, "2003/04": 140_000}
CEF_PROJECTS = (
    ("Community Empowerment Network support", "Thameside Council for Voluntary Service",
     "Aoife Ní Bhriain", 0.55),
    ("Training for community representatives", "Thameside Council for Voluntary Service",
     "Dariusz Wiśniewski", 0.25),
    ("Small grants for residents' groups", "Northfields Tenants' Association",
     "Siobhán O'Neill", 0.18),
)
PROFILE = (0.15, 0.22, 0.28, 0.35)     # planned spend by quarter
# How each year's spend came out against the plan, quarter by quarter (small underspend).
OUTTURN = {"2001/02": (0.97, 0.99, 1.0, 0.98), "2002/03": (0.95, 0, 0, 0)}


def _figures(fy: str, budget: int, wobble: int) -> list[QuarterFigures]:
    out = []
    for q, share in enumerate(PROFILE, start=1):
        planned = round(budget * share / 100) * 100
        ended = quarter_end(fy, q) <= STORY
        spent = round(planned * OUTTURN[fy][q - 1] * (1 - wobble / 200) / 100) * 100 \
            if ended else 0
        committed = planned if ended or q == 2 else (round(planned / 200) * 100 if q == 3 else 0)
        out.append(QuarterFigures(fy, q, planned, committed, spent))
    return out


def _money(services) -> None:
    programme = services.programme
    nrf, cef = programme.fund(NRF_CODE), programme.fund(CEF_CODE)
    allocations = services.partnership.get().nrf_allocations
    projects = []
    for fy in YEARS:
        amount = allocations.get(fy, 0)
        plan = programme.fund_year(nrf.id, fy)
        programme.save_fund_year(FundYear(
            nrf.id, fy, amount, {t: round(amount * s / 1000) * 1000
                                 for t, s in THEME_SHARES.items()}, plan.id, plan.version))
    for n, (title, theme, body, manager, approved, decision, share) in enumerate(NRF_PROJECTS):
        budgets, quarters = {}, []
        for fy in YEARS:
            theme_amount = allocations.get(fy, 0) * THEME_SHARES[theme]
            budgets[fy] = round(theme_amount * share / 1000) * 1000
            quarters += _figures(fy, budgets[fy], n % 4)
        projects.append(Project(f"P-{n + 1:03d}", title, nrf.id, theme, body, manager, approved,
                                decision, budgets=budgets, quarters=tuple(quarters),
                                decision_id=programme.decision_for(decision)))
    for fy, amount in CEF_ALLOCATION.items():
        plan = programme.fund_year(cef.id, fy)
        programme.save_fund_year(FundYear(cef.id, fy, amount,
                                          {"community involvement": amount}, plan.id,
                                          plan.version))
    for n, (title, body, manager, share) in enumerate(CEF_PROJECTS, start=len(projects) + 1):
        budgets = {fy: round(a * share / 1000) * 1000 for fy, a in CEF_ALLOCATION.items()}
        quarters = [q for fy in YEARS for q in _figures(fy, budgets[fy], 1)]
        projects.append(Project(f"P-{n:03d}", title, cef.id, "community involvement", body,
                                manager, D(2001, 11, 20), "LSP/01/11 item 7", budgets=budgets,
                                quarters=tuple(quarters)))
    programme.add_many(projects)


# How far along its trajectory each theme's indicator has come (1 = on the line).
PACE = {"employment": 1.25, "crime": 0.25, "education and skills": 1.1, "health": 0.2,
        "housing": 0.9}
QUARTER_ENDS = [quarter_end(fy, q) for fy in ("2000/01", "2001/02") for q in (1, 2, 3, 4)] \
    + [quarter_end("2002/03", 1)]


def _series(t: Target) -> list[TargetPoint]:
    if t.baseline_value is None or t.baseline_date is None or t.target_value is None \
            or t.target_date is None:
        if t.latest_value is None or t.latest_date is None:
            return []
        # A yearly survey: last year's figure and this year's.
        return [TargetPoint(D(t.latest_date.year - 1, t.latest_date.month, 1),
                            t.latest_value - 3, t.data_source),
                TargetPoint(t.latest_date, t.latest_value, t.data_source)]
    pace = PACE.get(t.theme, 1.05)
    span_days = (t.target_date - t.baseline_date).days
    ends = [d for d in QUARTER_ENDS if t.baseline_date < d <= STORY][-8:]
    start = max(t.baseline_date, D(2000, 4, 1))
    dates = ([start] if len(ends) < 6 and start not in ends else []) + ends
    points = []
    for i, on in enumerate(dates):
        share = min(1.0, (on - t.baseline_date).days / span_days)
        wobble = ((i * 7) % 5 - 2) * 0.01 * abs(t.target_value - t.baseline_value) \
            if on > t.baseline_date else 0.0
        value = t.baseline_value + (t.target_value - t.baseline_value) * share * pace + wobble
        comparison = None
        if t.comparison_value is not None:
            comparison = round(t.comparison_value * (1.04 - 0.04 * i / max(1, len(dates) - 1)),
                               1)
        points.append(TargetPoint(on, round(value, 1), t.data_source, comparison))
    return points


def populate(services, today: date) -> None:
    del today               # the demo's story stands at 30 June 2002 whatever the day
    _money(services)
    for t in services.strategies.targets():
        points = _series(t)
        if points:
            services.target_series.save_points(t.id, points, t.version)
