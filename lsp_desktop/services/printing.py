"""Printing: gather domain data from the services and hand it to the PDF renderers.

Shared by the `print` command and the application's print preview, so both print
exactly the same thing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from lsp_desktop.domain.errors import DomainError
from lsp_desktop.domain.members import Member, Sector
from lsp_desktop.services import print_reads

REPORTS = ("register", "pack", "actions", "strategy", "interests", "board-pack", "minutes",
           "decisions", "attendance", "programme", "exceptions")


@dataclass(frozen=True)
class PrintRequest:
    """What to print; fields a report does not use are ignored."""

    report: str
    produced: date
    paper: str = "a4"
    on: date | None = None          # register: the board on this date
    public: bool = False            # register: omit unpublished contacts
    history: bool = False           # register: list former members
    round_name: str = ""            # pack: the accreditation round
    strategy: str = ""              # strategy: title (or id) of the strategy
    version: int | None = None      # strategy: version number (latest by default)
    compare: int | None = None      # strategy: earlier version to mark changes against
    group_by: str = "criterion"     # actions: "criterion", "theme" or "owner"
    lead_officer: str = ""          # pack: "Name, job title" for the sign-off page
    overdue: bool = False           # actions: only those overdue on the date
    action_filter: object = None    # actions: the tab's ActionFilter (what it shows)
    sector: str = ""                # register: only this sector (a Sector value)
    annex: bool = True              # pack: the annex of readiness signals
    meeting: int | None = None      # board-pack, minutes: the meeting's id
    year: str = ""                  # attendance, programme: financial year (default: the date's)
    search: str = ""                # decisions: only those matching


def reads(services):
    """Plain SQL reads of the open partnership (db.reads.Reads): the print command's own
    (a file read without the ORM), else through the services' engine."""
    own = getattr(services, "reads", None)
    if own is not None:
        return own()
    from lsp_desktop.db.reads import engine_reads

    return engine_reads(services.members._factory.kw["bind"])


def register_members(services) -> list[Member]:
    """Every member with terms and contact details, read in two flat queries."""
    with reads(services) as r:
        return print_reads.register_members(r)


@dataclass(frozen=True)
class PreparedReport:
    """Data gathered from the database, ready to render in any thread (no database inside)."""

    title: str
    renderer: Callable
    data: object
    produced: date
    paper: str

    def render(self, out, on_page: Callable[[int], None] | None = None) -> None:
        self.renderer(self.data, out, self.produced, self.paper, on_page)

    def render_bytes(self, on_page: Callable[[int], None] | None = None) -> bytes:
        import io

        buffer = io.BytesIO()
        self.render(buffer, on_page)
        return buffer.getvalue()


def prepare(services, request: PrintRequest) -> PreparedReport:
    """Read what the report needs; raises DomainError when it cannot be printed."""
    if request.paper not in ("a4", "letter"):
        raise DomainError(f"unknown paper size '{request.paper}' (use a4 or letter)")
    if request.report == "register":
        from lsp_desktop.reports.register import RegisterData, register_title, render_register

        with reads(services) as r:
            data = RegisterData(print_reads.partnership(r), request.on or request.produced,
                                print_reads.register_members(r), request.public,
                                request.history,
                                Sector(request.sector) if request.sector else None)
        return PreparedReport(register_title(data), render_register, data, request.produced,
                              request.paper)
    if request.report == "actions":
        return _prepare_actions(services, request)
    if request.report == "strategy":
        return _prepare_strategy(services, request)
    if request.report == "pack":
        return _prepare_pack(services, request)
    if request.report == "interests":
        from lsp_desktop.reports.interests import (
            InterestsData,
            interests_title,
            render_interests,
        )

        with reads(services) as r:
            found = print_reads.declarations(r)
            data = InterestsData(print_reads.partnership(r), request.on or request.produced,
                                 [replace(m, declarations=tuple(found.get(m.id, ())))
                                  for m in print_reads.register_members(r)])
        return PreparedReport(interests_title(data), render_interests, data, request.produced,
                              request.paper)
    from lsp_desktop.services.meeting_prints import MEETING_REPORTS, prepare_meeting_report

    if request.report in MEETING_REPORTS:
        title, renderer, data = prepare_meeting_report(services, request)
        return PreparedReport(title, renderer, data, request.produced, request.paper)
    if request.report in ("programme", "exceptions"):
        from lsp_desktop.services.programme_reports import prepare_exceptions, prepare_programme

        prepare_report = prepare_programme if request.report == "programme" else prepare_exceptions
        title, renderer, data = prepare_report(services, request)
        return PreparedReport(title, renderer, data, request.produced, request.paper)
    raise DomainError(f"unknown report '{request.report}' (use {', '.join(REPORTS)})")


def render(services, request: PrintRequest, out,
           on_page: Callable[[int], None] | None = None) -> None:
    """Render the requested report to `out` (a path or a binary file object)."""
    prepare(services, request).render(out, on_page)


def report_choices(services, report: str) -> list[tuple[str, str]]:
    """What the user picks for a report: (label, value) of strategies or rounds."""
    if report == "strategy":
        return [(f"{x.title} ({x.status.value})", str(x.id))
                for x in services.strategies.summaries()]
    if report == "pack":
        return [(r.name, r.name) for r in reversed(services.accreditation.rounds())]
    if report in ("board-pack", "minutes") and services.meetings is not None:
        return [(f"{r.body} {r.held_on:%d/%m/%Y} ({r.status.value})", str(r.id))
                for r in reversed(services.meetings.list_rows())]
    if report == "attendance" and services.meetings is not None:
        from lsp_desktop.domain.meetings import year_of

        years = {year_of(r.held_on) for r in services.meetings.list_rows()}
        return [(y, y) for y in sorted(years, reverse=True)]
    if report == "programme":
        return [(fy, fy) for fy in reversed(services.programme.years())]
    return []


def member_names(services, on: date) -> dict[int, str]:
    return {r.id: r.name for r in services.members.list_rows(on)}


def _prepare_actions(services, request: PrintRequest) -> PreparedReport:
    from lsp_desktop.domain.actions import ActionFilter, filter_actions
    from lsp_desktop.reports.actions import ActionPlanData, action_plan_title, render_action_plan

    today = request.on or request.produced
    flt = request.action_filter or ActionFilter()
    if request.overdue and not flt.overdue:
        flt = replace(flt, overdue=True)
    names = member_names(services, today)
    actions = filter_actions(services.actions.list_actions(), flt, today)
    data = ActionPlanData(services.partnership.get(), actions, today, request.group_by, names,
                          describe_filter(flt, names, actions))
    return PreparedReport(action_plan_title(data), render_action_plan, data, request.produced,
                          request.paper)


def describe_filter(flt, names: dict[int, str], actions=()) -> str:
    """The filters of an action list in words, for a report's heading ("" when none)."""
    from lsp_desktop.domain.actions import NO_CRITERION, ActionStatus, Progress, owner_key
    from lsp_desktop.domain.criteria import Criterion

    parts = []
    if flt.overdue:
        parts.append("overdue only")
    if flt.due_soon:
        parts.append("due within 30 days")
    if flt.status:
        parts.append("status: " + ("open (not complete or dropped)" if flt.status == "open"
                                   else ActionStatus(flt.status).label.lower()))
    if flt.progress:
        parts.append("rating: " + ("none yet" if flt.progress == "-"
                                   else Progress(flt.progress).label.lower()))
    if flt.owner:
        kind, _, key = flt.owner.partition(":")
        body = next((a.owner_body.strip() for a in actions if owner_key(a) == flt.owner), key)
        parts.append("owner: " + (names.get(int(key), "a former member") if kind == "member"
                                  else body))
    if flt.criterion:
        parts.append("criterion: " + ("none" if flt.criterion == NO_CRITERION
                                      else Criterion(flt.criterion).label))
    if flt.theme:
        parts.append("theme: " + ("none" if flt.theme == "-" else flt.theme))
    if flt.target_id is not None:
        parts.append(f"answering target {flt.target_id}")
    if flt.concern_id is not None:
        parts.append(f"answering area of concern {flt.concern_id}")
    if flt.text:
        parts.append(f"containing \u201c{flt.text}\u201d")
    return ("Showing " + "; ".join(parts) + ".") if parts else ""


def find_strategy(services, name: str):
    """A strategy by id or by title (case and accents ignored)."""
    from lsp_desktop.domain.text import fold

    strategies = services.strategies.strategies()
    wanted = fold(name)
    for s in strategies:
        if str(s.id) == name.strip() or fold(s.title) == wanted:
            return s
    matches = [s for s in strategies if wanted and wanted in fold(s.title)]
    if len(matches) == 1:
        return matches[0]
    known = "; ".join(s.title for s in strategies) or "none yet"
    raise DomainError(f"no strategy called '{name}' (strategies: {known})")


def _prepare_strategy(services, request: PrintRequest) -> PreparedReport:
    from lsp_desktop.reports.strategy import render_strategy, strategy_title

    data = strategy_data(services, request)
    return PreparedReport(strategy_title(data), render_strategy, data, request.produced,
                          request.paper)


def strategy_data(services, request: PrintRequest):
    """One version of a strategy with its targets and endorsements (and the changes
    since `request.compare`), as the PDF and the Word export show it."""
    from lsp_desktop.reports.strategy import StrategyDraftData

    strategy = find_strategy(services, request.strategy)
    versions = services.strategies.version_summaries(strategy.id)
    if not versions:
        raise DomainError(f"'{strategy.title}' has no saved versions yet; save a version "
                          "to print it")
    number = request.version or versions[-1].number
    if number not in {v.number for v in versions}:
        raise DomainError(f"'{strategy.title}' has no version {number} "
                          f"(versions 1 to {versions[-1].number})")
    version = services.strategies.version(strategy.id, number)
    changes = ()
    if request.compare is not None:
        if request.compare not in {v.number for v in versions}:
            raise DomainError(f"'{strategy.title}' has no version {request.compare} to "
                              "compare with")
        changes = services.strategies.compare(strategy.id, request.compare, number)
    return StrategyDraftData(
        services.partnership.get(), strategy, version, request.produced, request.compare,
        changes, services.strategies.targets(strategy.id),
        services.strategies.endorsements(strategy.id, number))


def _prepare_pack(services, request: PrintRequest) -> PreparedReport:
    """The pack read in plain SQL (services.pack_reads): a file's loads no SQLAlchemy."""
    from lsp_desktop.reports.pack import pack_title, render_pack
    from lsp_desktop.services.pack_reads import pack_data

    with reads(services) as r:
        data = pack_data(r, request.round_name, request.on or request.produced,
                         request.lead_officer, request.annex)
    return PreparedReport(pack_title(data), render_pack, data, request.produced, request.paper)


def render_bytes(services, request: PrintRequest,
                 on_page: Callable[[int], None] | None = None) -> bytes:
    """The report as PDF bytes (print preview, tests)."""
    return prepare(services, request).render_bytes(on_page)


def write_atomically(data: bytes, path: Path, protect=()) -> Path:
    """Write the PDF beside its destination first, so a failure never leaves half a file;
    never over a partnership (safe_files), readable by the owner only (it may hold
    members' contact details)."""
    from lsp_desktop.safe_files import write_bytes

    return write_bytes(path, data, protect=protect)
