"""The programme: funds, each year's allocation by theme, projects and their quarterly money."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session, sessionmaker

from lsp_desktop.db.models import (
    ActionRecord,
    AgendaItemRow,
    FundRow,
    FundYearRow,
    MeetingBodyRow,
    MeetingDecisionRow,
    MeetingRecord,
    NrfAllocationRow,
    PartnershipRow,
    ProjectBudgetRow,
    ProjectQuarterRow,
    ProjectRow,
    ThemeAllocationRow,
)
from lsp_desktop.domain.errors import (
    ConflictError,
    DomainError,
    FieldError,
    NotFoundError,
    ValidationError,
)
from lsp_desktop.domain.meetings import decision_label
from lsp_desktop.domain.programme import (
    PROJECT_LIMITS,
    FinancialYearError,
    Fund,
    FundYear,
    ProgrammeView,
    Project,
    QuarterFigures,
    next_project_reference,
    parse_financial_year,
    programme_view,
    validate_fund_year,
    validate_project,
)
from lsp_desktop.services.concurrency import claim
from lsp_desktop.services.programme_reads import project_of as _project
from lsp_desktop.services.unit_of_work import unit_of_work

_PROJECT_COLUMNS = (ProjectRow.id, ProjectRow.reference, ProjectRow.title, ProjectRow.fund_id,
                    ProjectRow.theme, ProjectRow.accountable_body, ProjectRow.project_manager,
                    ProjectRow.approved_on, ProjectRow.decision_reference, ProjectRow.action_id,
                    ProjectRow.notes, ProjectRow.version, ProjectRow.decision_id,
                    MeetingBodyRow.name, MeetingRecord.held_on, MeetingDecisionRow.number)


def _project_query():
    """The projects' columns with the meeting and number of the decision that approved each."""
    return (select(*_PROJECT_COLUMNS).select_from(ProjectRow)
            .outerjoin(MeetingDecisionRow, MeetingDecisionRow.id == ProjectRow.decision_id)
            .outerjoin(AgendaItemRow, AgendaItemRow.id == MeetingDecisionRow.item_id)
            .outerjoin(MeetingRecord, MeetingRecord.id == AgendaItemRow.meeting_id)
            .outerjoin(MeetingBodyRow, MeetingBodyRow.id == MeetingRecord.body_id))


def _linked_decision(s: Session, decision_id: int):
    """(label, meeting date) of a minuted decision, or None when it no longer exists."""
    row = s.execute(select(MeetingBodyRow.name, MeetingRecord.held_on, MeetingDecisionRow.number)
                    .join(AgendaItemRow, AgendaItemRow.id == MeetingDecisionRow.item_id)
                    .join(MeetingRecord, MeetingRecord.id == AgendaItemRow.meeting_id)
                    .join(MeetingBodyRow, MeetingBodyRow.id == MeetingRecord.body_id)
                    .where(MeetingDecisionRow.id == decision_id)).first()
    return None if row is None else (decision_label(*row), row[1])


def _year(text: str) -> str:
    try:
        return parse_financial_year(text)
    except FinancialYearError as exc:
        raise ValidationError([FieldError("financial_year", str(exc))]) from None


def _normalised(p: Project) -> Project:
    return replace(p, reference=p.reference.strip(), title=p.title.strip(), theme=p.theme.strip(),
                   accountable_body=p.accountable_body.strip(),
                   project_manager=p.project_manager.strip(),
                   decision_reference=p.decision_reference.strip())


def _apply(row: ProjectRow, p: Project) -> None:
    for name in ("reference", "title", "fund_id", "theme", "accountable_body",
                 "project_manager", "approved_on", "decision_reference", "action_id", "notes",
                 "decision_id"):
        setattr(row, name, getattr(p, name))


def _money_rows(project_id: int, p: Project) -> tuple[list[dict], list[dict]]:
    budgets = [{"project_id": project_id, "financial_year": parse_financial_year(fy),
                "amount": amount} for fy, amount in sorted(p.budgets.items())]
    quarters = [{"project_id": project_id, "financial_year": parse_financial_year(q.financial_year),
                 "quarter": q.quarter, "planned": q.planned, "committed": q.committed,
                 "spent": q.spent}
                for q in p.quarters if q.planned or q.committed or q.spent]
    return budgets, quarters


class ProgrammeService:
    def __init__(self, session_factory: sessionmaker[Session], accreditation=None):
        self._factory = session_factory
        self._accreditation = accreditation

    # -- funds -------------------------------------------------------------
    def funds(self) -> list[Fund]:
        with unit_of_work(self._factory) as s:
            rows = s.execute(select(FundRow.name, FundRow.code, FundRow.lapses, FundRow.position,
                                    FundRow.id).order_by(FundRow.position, FundRow.id)).all()
        return [Fund(name, code, bool(lapses), pos, fid) for name, code, lapses, pos, fid in rows]

    def fund(self, wanted: str | int) -> Fund:
        """A fund by id, code or name (case ignored)."""
        key = str(wanted).strip().casefold()
        funds = self.funds()
        for f in funds:
            if key in (str(f.id), f.code.casefold(), f.name.casefold()):
                return f
        raise NotFoundError(f"no fund called '{wanted}' (funds: "
                            f"{', '.join(f.code for f in funds) or 'none'})")

    def add_fund(self, fund: Fund) -> Fund:
        name, code = fund.name.strip(), fund.code.strip().upper()
        errors = []
        if not name:
            errors.append(FieldError("name", "The fund needs a name."))
        if not code or len(code) > 20:
            errors.append(FieldError("code", "Give the fund a short code (up to 20 letters)."))
        known = self.funds()
        if any(f.code == code or f.name.casefold() == name.casefold() for f in known):
            errors.append(FieldError("name", f"There is already a fund called {name} ({code})."))
        if errors:
            raise ValidationError(errors)
        with unit_of_work(self._factory) as s:
            row = FundRow(name=name, code=code, lapses=fund.lapses,
                          position=max((f.position for f in known), default=-1) + 1)
            s.add(row)
            s.flush()
            new_id = row.id
        return self.fund(new_id)

    # -- allocations -------------------------------------------------------
    def fund_year(self, fund_id: int, fy: str) -> FundYear:
        """The fund's allocation for the year and its split across themes (zero if none).

        The NRF's amount is the anticipated allocation of the partnership details."""
        fy = _year(fy)
        with unit_of_work(self._factory) as s:
            return self._fund_year(s, fund_id, fy)

    def _fund_year(self, s: Session, fund_id: int, fy: str) -> FundYear:
        fund = s.get(FundRow, fund_id)
        if fund is None:
            raise NotFoundError(f"Fund {fund_id} no longer exists.")
        row = s.scalar(select(FundYearRow).where(FundYearRow.fund_id == fund_id,
                                                 FundYearRow.financial_year == fy))
        themes = {} if row is None else {t: a for t, a in s.execute(
            select(ThemeAllocationRow.theme, ThemeAllocationRow.amount)
            .where(ThemeAllocationRow.fund_year_id == row.id)
            .order_by(ThemeAllocationRow.id))}
        amount = row.amount if row is not None else 0
        if fund.code == "NRF":
            amount = s.scalar(select(NrfAllocationRow.amount)
                              .where(NrfAllocationRow.financial_year == fy)) or 0
        return FundYear(fund_id, fy, amount, themes, row.id if row else None,
                        row.version if row else None)

    def save_fund_year(self, plan: FundYear) -> FundYear:
        """Save the year's allocation and theme split; refused if another officer saved the
        same year since it was read (plan.version)."""
        plan = replace(plan, financial_year=_year(plan.financial_year),
                       themes={t.strip(): a for t, a in plan.themes.items() if t.strip()})
        errors = validate_fund_year(plan)
        if errors:
            raise ValidationError(errors)
        with unit_of_work(self._factory) as s:
            fund = s.get(FundRow, plan.fund_id)
            if fund is None:
                raise NotFoundError(f"Fund {plan.fund_id} no longer exists.")
            what = f"The {fund.code} allocation for {plan.financial_year}"
            row = s.scalar(select(FundYearRow).where(FundYearRow.fund_id == plan.fund_id,
                                                     FundYearRow.financial_year ==
                                                     plan.financial_year))
            if row is None:
                if plan.id is not None:             # deleted since it was read
                    raise ConflictError(what)
                row = FundYearRow(fund_id=plan.fund_id, financial_year=plan.financial_year)
                s.add(row)
            elif plan.id is None:                   # another officer made it since
                raise ConflictError(what, row.updated_by or "", row.updated_at)
            else:
                claim(row, plan.version, what)
            row.amount = plan.amount
            s.flush()
            s.execute(delete(ThemeAllocationRow).where(ThemeAllocationRow.fund_year_id == row.id))
            for theme, amount in plan.themes.items():
                s.add(ThemeAllocationRow(fund_year_id=row.id, theme=theme, amount=amount))
            if fund.code == "NRF":
                self._set_nrf_allocation(s, plan.financial_year, plan.amount)
            fund_id = plan.fund_id
        return self.fund_year(fund_id, plan.financial_year)

    def _set_nrf_allocation(self, s: Session, fy: str, amount: int) -> None:
        partnership = s.scalar(select(PartnershipRow).order_by(PartnershipRow.id))
        if partnership is None:
            raise DomainError("Fill in the partnership details before the NRF allocation.")
        row = s.scalar(select(NrfAllocationRow).where(NrfAllocationRow.financial_year == fy))
        if row is None:
            s.add(NrfAllocationRow(partnership_id=partnership.id, financial_year=fy,
                                   amount=amount))
        elif row.amount != amount:
            row.amount = amount
        else:
            return
        claim(partnership, None, "The partnership details")   # its editors must reload

    def years(self, fund_id: int | None = None) -> list[str]:
        """Financial years with an allocation, a budget or quarterly figures."""
        with unit_of_work(self._factory) as s:
            q1 = select(FundYearRow.financial_year).distinct()
            q2 = select(ProjectBudgetRow.financial_year).distinct().join(ProjectRow)
            q3 = select(ProjectQuarterRow.financial_year).distinct().join(ProjectRow)
            if fund_id is not None:
                q1 = q1.where(FundYearRow.fund_id == fund_id)
                q2 = q2.where(ProjectRow.fund_id == fund_id)
                q3 = q3.where(ProjectRow.fund_id == fund_id)
            years = set(s.scalars(q1)) | set(s.scalars(q2)) | set(s.scalars(q3))
            fund = s.get(FundRow, fund_id) if fund_id is not None else None
            if fund_id is None or (fund is not None and fund.code == "NRF"):
                years |= set(s.scalars(select(NrfAllocationRow.financial_year)))
        return sorted(years)

    def held_back(self, fy: str) -> int:
        """NRF withheld for the year while an accreditation is deferred (the accreditation
        rule in domain/accreditation.py decides how much)."""
        if self._accreditation is None:
            return 0
        fy = _year(fy)
        return sum(c.withheld or 0 for _r, c in self._accreditation.nrf_consequences()
                   if c.financial_year == fy)

    # -- projects ----------------------------------------------------------
    def projects(self, fund_id: int | None = None, year: str | None = None) -> list[Project]:
        """Every project (of one fund) with budgets and quarters, in three flat queries;
        with `year`, only that year's money is read (what the programme view needs)."""
        with unit_of_work(self._factory) as s:
            query = _project_query().order_by(ProjectRow.reference)
            bq = select(ProjectBudgetRow.project_id, ProjectBudgetRow.financial_year,
                        ProjectBudgetRow.amount)
            qq = select(ProjectQuarterRow.project_id, ProjectQuarterRow.financial_year,
                        ProjectQuarterRow.quarter, ProjectQuarterRow.planned,
                        ProjectQuarterRow.committed, ProjectQuarterRow.spent)
            if fund_id is not None:
                query = query.where(ProjectRow.fund_id == fund_id)
                bq = bq.join(ProjectRow).where(ProjectRow.fund_id == fund_id)
                qq = qq.join(ProjectRow).where(ProjectRow.fund_id == fund_id)
            if year is not None:
                year = _year(year)
                bq = bq.where(ProjectBudgetRow.financial_year == year)
                qq = qq.where(ProjectQuarterRow.financial_year == year)
            # Core execution on the connection: the ORM's row handling took most of the
            # time for thousands of quarter rows (the Programme tab refreshes on each save).
            conn = s.connection()
            budgets: dict[int, dict[str, int]] = {}
            for pid, fy, amount in conn.execute(bq):
                budgets.setdefault(pid, {})[fy] = amount
            quarters: dict[int, list[QuarterFigures]] = {}
            for pid, fy, q, planned, committed, spent in conn.execute(qq):
                quarters.setdefault(pid, []).append(
                    QuarterFigures(fy, q, planned, committed, spent))
            for figures in quarters.values():
                figures.sort(key=lambda f: (f.financial_year, f.quarter))
            rows = conn.execute(query).all()
        return [_project(r, budgets.get(r[0], {}), quarters.get(r[0], ())) for r in rows]

    def project(self, project_id: int) -> Project:
        with unit_of_work(self._factory) as s:
            row = s.execute(_project_query().where(ProjectRow.id == project_id)).first()
            if row is None:
                raise NotFoundError(f"Project {project_id} no longer exists.")
            budgets = dict(s.execute(select(ProjectBudgetRow.financial_year,
                                            ProjectBudgetRow.amount)
                                     .where(ProjectBudgetRow.project_id == project_id)).all())
            quarters = [QuarterFigures(*q) for q in s.execute(
                select(ProjectQuarterRow.financial_year, ProjectQuarterRow.quarter,
                       ProjectQuarterRow.planned, ProjectQuarterRow.committed,
                       ProjectQuarterRow.spent)
                .where(ProjectQuarterRow.project_id == project_id)
                .order_by(ProjectQuarterRow.financial_year, ProjectQuarterRow.quarter))]
        return _project(row, budgets, quarters)

    def references(self) -> list[str]:
        with unit_of_work(self._factory) as s:
            return list(s.scalars(select(ProjectRow.reference)))

    def next_reference(self) -> str:
        return next_project_reference(self.references())

    def check(self, project: Project) -> list[FieldError]:
        with unit_of_work(self._factory) as s:
            query = select(ProjectRow.reference)
            if project.id is not None:
                query = query.where(ProjectRow.id != project.id)
            refs = list(s.scalars(query))
            errors = validate_project(_normalised(project), refs)
            if s.get(FundRow, project.fund_id) is None:
                errors.append(FieldError("fund", "Choose the fund the project is paid from."))
            if project.action_id is not None and s.get(ActionRecord, project.action_id) is None:
                errors.append(FieldError("action", "The linked action no longer exists."))
            if (project.decision_id is not None
                    and s.get(MeetingDecisionRow, project.decision_id) is None):
                errors.append(FieldError("decision_reference",
                                         "The board decision it links to no longer exists."))
        return errors

    def _validate(self, project: Project) -> Project:
        if not project.reference.strip():
            project = replace(project, reference=self.next_reference())
        project = _normalised(project)
        errors = self.check(project)
        if errors:
            raise ValidationError(errors)
        return self._with_decision(project)

    def _with_decision(self, project: Project) -> Project:
        """A linked project keeps its decision's label as text (for archives and exports)
        and, when no approval date is given, the date of the meeting that approved it."""
        if project.decision_id is None:
            return project
        with unit_of_work(self._factory) as s:
            found = _linked_decision(s, project.decision_id)
        if found is None:
            return project
        label, held_on = found
        return replace(project, decision_reference=label[:PROJECT_LIMITS["decision_reference"]],
                       approved_on=project.approved_on or held_on)

    def decision_choices(self) -> list[tuple[int, str, date]]:
        """The minuted decisions a project's approval can link to, newest first:
        (id, "<body> dd/mm/yyyy, decision N: text", meeting date)."""
        with unit_of_work(self._factory) as s:
            rows = s.execute(select(MeetingDecisionRow.id, MeetingBodyRow.name,
                                    MeetingRecord.held_on, MeetingDecisionRow.number,
                                    MeetingDecisionRow.text)
                             .join(AgendaItemRow, AgendaItemRow.id == MeetingDecisionRow.item_id)
                             .join(MeetingRecord, MeetingRecord.id == AgendaItemRow.meeting_id)
                             .join(MeetingBodyRow, MeetingBodyRow.id == MeetingRecord.body_id)
                             .order_by(MeetingRecord.held_on.desc(), MeetingRecord.id.desc(),
                                       MeetingDecisionRow.number)).all()
        return [(did, f"{decision_label(body, held_on, number)}: {' '.join(text.split())}",
                 held_on) for did, body, held_on, number, text in rows]

    def decision_for(self, reference: str) -> int | None:
        """The minuted decision a text reference names ("<body> dd/mm/yyyy, decision N" or
        "dd/mm/yyyy DN"), so imported and archived text links up; None when none matches."""
        key = " ".join(reference.split()).casefold()
        if not key:
            return None
        with unit_of_work(self._factory) as s:
            rows = s.execute(select(MeetingDecisionRow.id, MeetingBodyRow.name,
                                    MeetingRecord.held_on, MeetingDecisionRow.number)
                             .join(AgendaItemRow, AgendaItemRow.id == MeetingDecisionRow.item_id)
                             .join(MeetingRecord, MeetingRecord.id == AgendaItemRow.meeting_id)
                             .join(MeetingBodyRow, MeetingBodyRow.id == MeetingRecord.body_id)
                             ).all()
        for did, body, held_on, number in rows:
            if key in (decision_label(body, held_on, number).casefold(),
                       f"{held_on:%d/%m/%Y} d{number}"):
                return did
        return None

    def add(self, project: Project) -> Project:
        """Save a new project; a blank reference gets the next P-nnn."""
        project = self._validate(project)
        with unit_of_work(self._factory) as s:
            row = ProjectRow(id=project.id)
            _apply(row, project)
            s.add(row)
            s.flush()
            new_id = row.id
            self._write_money(s, new_id, project)
        return self.project(new_id)

    def restore(self, project: Project) -> Project:
        """Put back a deleted project under its old id (undo of delete)."""
        with unit_of_work(self._factory) as s:
            if project.id is not None and s.get(ProjectRow, project.id) is not None:
                raise DomainError(f"Project {project.reference} already exists.")
        return self.add(project)

    def update(self, project: Project) -> Project:
        if project.id is None:
            raise DomainError("Cannot update a project that was never saved.")
        project = self._validate(project)
        with unit_of_work(self._factory) as s:
            row = s.get(ProjectRow, project.id)
            if row is None:
                raise NotFoundError(f"Project {project.reference} no longer exists.")
            claim(row, project.version, f"Project {project.reference}")
            _apply(row, project)
            s.execute(delete(ProjectBudgetRow).where(ProjectBudgetRow.project_id == project.id))
            s.execute(delete(ProjectQuarterRow).where(ProjectQuarterRow.project_id == project.id))
            self._write_money(s, project.id, project)
        return self.project(project.id)

    def delete(self, project_id: int) -> Project:
        """Delete a project; returns it as it was, so the deletion can be undone."""
        snapshot = self.project(project_id)
        with unit_of_work(self._factory) as s:
            row = s.get(ProjectRow, project_id)
            if row is not None:
                s.delete(row)
        return snapshot

    @staticmethod
    def _write_money(s: Session, project_id: int, p: Project) -> None:
        budgets, quarters = _money_rows(project_id, p)
        for values in budgets:
            s.add(ProjectBudgetRow(**values))
        for values in quarters:
            s.add(ProjectQuarterRow(**values))

    def add_many(self, projects: Sequence[Project]) -> list[int]:
        """Insert many projects in one unit of work (demo, import, benchmark); all or none."""
        refs = {r.casefold() for r in self.references()}
        prepared = []
        for p in projects:
            if not p.reference.strip():
                p = replace(p, reference=next_project_reference(refs))
            p = self._with_decision(_normalised(p))
            errors = validate_project(p, refs)
            if errors:
                raise ValidationError([FieldError(e.field, f"{p.reference}: {e.message}")
                                       for e in errors])
            refs.add(p.reference.casefold())
            prepared.append(p)
        with unit_of_work(self._factory) as s:
            first = (s.scalar(select(func.max(ProjectRow.id))) or 0) + 1
            ids = list(range(first, first + len(prepared)))
            rows, budgets, quarters = [], [], []
            for pid, p in zip(ids, prepared, strict=True):
                rows.append({"id": pid, "reference": p.reference, "title": p.title,
                             "fund_id": p.fund_id, "theme": p.theme,
                             "accountable_body": p.accountable_body,
                             "project_manager": p.project_manager,
                             "approved_on": p.approved_on,
                             "decision_reference": p.decision_reference,
                             "action_id": p.action_id, "notes": p.notes,
                             "decision_id": p.decision_id})
                b, q = _money_rows(pid, p)
                budgets += b
                quarters += q
            if rows:
                s.execute(insert(ProjectRow), rows)
            if budgets:
                s.execute(insert(ProjectBudgetRow), budgets)
            if quarters:
                s.execute(insert(ProjectQuarterRow), quarters)
        return ids

    # -- the view ----------------------------------------------------------
    def view(self, fund: Fund | int | str, fy: str, today: date | None = None,
             projects: Sequence[Project] | None = None) -> ProgrammeView:
        """The programme for one fund and year; `projects` saves reading them again."""
        fund = fund if isinstance(fund, Fund) else self.fund(fund)
        fy = _year(fy)
        plan = self.fund_year(fund.id, fy)
        if projects is None:
            projects = self.projects(fund.id)
        held = self.held_back(fy) if fund.is_nrf else 0
        return programme_view(fund, fy, plan, projects, today or date.today(), held)
