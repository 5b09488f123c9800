"""Gathers what the programme return, the exception report and the programme export need."""

from __future__ import annotations

from datetime import date

from lsp_desktop.domain.errors import DomainError
from lsp_desktop.domain.programme import (
    FinancialYearError,
    ProgrammeView,
    financial_year_of,
    parse_financial_year,
)
from lsp_desktop.domain.target_series import TrackStatus


def _year(text: str, today: date) -> str:
    if not text.strip():
        return financial_year_of(today)
    try:
        return parse_financial_year(text)
    except FinancialYearError as exc:
        raise DomainError(str(exc)) from None


def programme_views(services, fy: str, today: date) -> list[ProgrammeView]:
    """One view per fund with an allocation, a budget or spending in the year (NRF first)."""
    projects = services.programme.projects()
    views = []
    for fund in services.programme.funds():
        view = services.programme.view(fund, fy, today, projects)
        if view.allocation or view.lines:
            views.append(view)
    return views


def target_lines(services, today: date, only: TrackStatus | None = None):
    from lsp_desktop.reports.programme import TargetLine

    return [TargetLine(t.target, t.points, t.status)
            for t in services.target_series.tracked(today)
            if only is None or t.status == only]


def prepare_programme(services, request):
    from lsp_desktop.reports.programme import (
        ProgrammeReturnData,
        programme_title,
        render_programme,
    )

    today = request.on or request.produced
    fy = _year(request.year, today)
    data = ProgrammeReturnData(services.partnership.get(), fy, today,
                               programme_views(services, fy, today),
                               target_lines(services, today))
    return programme_title(data), render_programme, data


def prepare_exceptions(services, request):
    from lsp_desktop.reports.programme import (
        ExceptionData,
        exception_actions,
        exceptions_title,
        render_exceptions,
    )
    today = request.on or request.produced
    data = ExceptionData(services.partnership.get(), today,
                         target_lines(services, today, TrackStatus.OFF_TRACK),
                         exception_actions(services.actions.list_actions(), today),
                         {r.id: r.name for r in services.members.list_rows(today)})
    return exceptions_title(data), render_exceptions, data


def export_programme(services, year: str, out, today: date | None = None):
    """Write the year's programme (every fund with money in it) and the targets' values
    to an .xlsx file; returns the path."""
    from pathlib import Path

    from lsp_desktop.reports.programme import summary_rows
    from lsp_desktop.reports.programme_xlsx import write_programme_xlsx

    out = Path(out).expanduser()
    if out.suffix.lower() != ".xlsx":
        raise DomainError(f"The programme is exported to .xlsx, not "
                          f"{out.suffix or 'a file without an ending'}.")
    from lsp_desktop.safe_files import atomic_write

    today = today or date.today()
    fy = _year(year, today)
    # Project managers are named: owner-only, never over a partnership, whole or not at all.
    with atomic_write(out) as tmp:
        write_programme_xlsx(tmp, services.partnership.get().name,
                             programme_views(services, fy, today), summary_rows,
                             target_lines(services, today))
    return out.absolute()
