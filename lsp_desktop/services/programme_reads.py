"""The programme's view of a fund and year read in plain SQL (db.reads), as ProgrammeService.view."""

from __future__ import annotations

from datetime import date

from lsp_desktop.db.reads import Reads, day
from lsp_desktop.domain.errors import NotFoundError
from lsp_desktop.domain.meetings import decision_label
from lsp_desktop.domain.programme import (
    Fund,
    FundYear,
    ProgrammeView,
    Project,
    QuarterFigures,
    parse_financial_year,
    programme_view,
)


def project_of(values, budgets, quarters) -> Project:
    (pid, ref, title, fund_id, theme, body, manager, approved, decision, action_id, notes,
     version, decision_id, board, held_on, number) = values
    if decision_id is not None and held_on is not None:
        decision = decision_label(board, held_on, number)   # always the meeting as it is now
    return Project(ref, title, fund_id, theme, body, manager, approved, decision, action_id,
                   budgets, tuple(quarters), notes, pid, version, decision_id)


def fund(reads: Reads, wanted: str) -> Fund:
    """A fund by id, code or name (case ignored), as ProgrammeService.fund()."""
    key = str(wanted).strip().casefold()
    funds = [Fund(name, code, bool(lapses), pos, fid) for name, code, lapses, pos, fid in
             reads.rows("SELECT name, code, lapses, position, id FROM fund "
                        "ORDER BY position, id")]
    for f in funds:
        if key in (str(f.id), f.code.casefold(), f.name.casefold()):
            return f
    raise NotFoundError(f"no fund called '{wanted}' (funds: "
                        f"{', '.join(f.code for f in funds) or 'none'})")


def fund_year(reads: Reads, f: Fund, fy: str) -> FundYear:
    """The fund's allocation for the year and its themes, as ProgrammeService.fund_year()."""
    found = reads.rows("SELECT id, amount, version FROM fund_year WHERE fund_id = :fid AND "
                       "financial_year = :fy", fid=f.id, fy=fy)
    row = found[0] if found else None
    themes = {} if row is None else {t: a for t, a in reads.rows(
        "SELECT theme, amount FROM theme_allocation WHERE fund_year_id = :yid ORDER BY id",
        yid=row[0])}
    amount = row[1] if row is not None else 0
    if f.code == "NRF":
        nrf = reads.rows("SELECT amount FROM nrf_allocation WHERE financial_year = :fy", fy=fy)
        amount = (nrf[0][0] if nrf else None) or 0
    return FundYear(f.id, fy, amount, themes, row[0] if row else None, row[2] if row else None)


def projects(reads: Reads, fund_id: int) -> list[Project]:
    """A fund's projects with every year's budgets and quarters, as ProgrammeService.projects()."""
    budgets: dict[int, dict[str, int]] = {}
    for pid, fy, amount in reads.rows(
            "SELECT b.project_id, b.financial_year, b.amount FROM project_budget AS b "
            "JOIN project AS p ON p.id = b.project_id WHERE p.fund_id = :fid", fid=fund_id):
        budgets.setdefault(pid, {})[fy] = amount
    quarters: dict[int, list[QuarterFigures]] = {}
    for pid, fy, q, planned, committed, spent in reads.rows(
            "SELECT q.project_id, q.financial_year, q.quarter, q.planned, q.committed, q.spent "
            "FROM project_quarter AS q JOIN project AS p ON p.id = q.project_id "
            "WHERE p.fund_id = :fid", fid=fund_id):
        quarters.setdefault(pid, []).append(QuarterFigures(fy, q, planned, committed, spent))
    for figures in quarters.values():
        figures.sort(key=lambda f: (f.financial_year, f.quarter))
    rows = reads.rows(
        "SELECT p.id, p.reference, p.title, p.fund_id, p.theme, p.accountable_body, "
        "p.project_manager, p.approved_on, p.decision_reference, p.action_id, p.notes, "
        "p.version, p.decision_id, b.name, m.held_on, d.number FROM project AS p "
        "LEFT OUTER JOIN meeting_decision AS d ON d.id = p.decision_id "
        "LEFT OUTER JOIN agenda_item AS i ON i.id = d.item_id "
        "LEFT OUTER JOIN meeting AS m ON m.id = i.meeting_id "
        "LEFT OUTER JOIN meeting_body AS b ON b.id = m.body_id "
        "WHERE p.fund_id = :fid ORDER BY p.reference", fid=fund_id)
    out = []
    for r in rows:
        r = list(r)
        r[7], r[14] = day(r[7]), day(r[14])
        out.append(project_of(r, budgets.get(r[0], {}), quarters.get(r[0], ())))
    return out


def view(reads: Reads, code: str, fy: str, today: date, held_back=lambda fy: 0
         ) -> ProgrammeView:
    """ProgrammeService.view(code, fy, today): `held_back(fy)` the NRF withheld that year."""
    f = fund(reads, code)
    fy = parse_financial_year(fy)
    return programme_view(f, fy, fund_year(reads, f, fy), projects(reads, f.id), today,
                          held_back(fy) if f.is_nrf else 0)
