"""The quarterly programme return for the Government Office, and the board's exception report."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from reportlab.platypus import CondPageBreak, KeepTogether

from lsp_desktop.domain.actions import Action
from lsp_desktop.domain.partnership import Partnership
from lsp_desktop.domain.programme import QUARTER_LABELS, ProgrammeView, year_end
from lsp_desktop.domain.strategies import Target, theme_label
from lsp_desktop.domain.target_series import TargetPoint, TrackStatus
from lsp_desktop.domain.text import format_date, format_pounds
from lsp_desktop.reports.base import (
    HEADER_FILL,
    OVERDUE,
    OVERDUE_FILL,
    Bookmark,
    PageSetup,
    Styles,
    clip,
    gap,
    literal,
    markup,
    para,
    simple_table,
    write_pdf,
)
from lsp_desktop.reports.charts import target_chart
from lsp_desktop.reports.paragraphs import Paragraph

STATUS_COLOURS = {TrackStatus.ON_TRACK: "#2e7d32", TrackStatus.AT_RISK: "#ef8f00",
                  TrackStatus.OFF_TRACK: "#c62828", TrackStatus.NO_DATA: "#757575"}


@dataclass(frozen=True)
class TargetLine:
    """A target as the reports show it: its series and status."""

    target: Target
    points: tuple[TargetPoint, ...]
    status: TrackStatus


@dataclass(frozen=True)
class ProgrammeReturnData:
    partnership: Partnership
    financial_year: str
    today: date
    views: Sequence[ProgrammeView]          # one per fund with money in the year
    targets: Sequence[TargetLine] = ()


def _money(amount: int) -> str:
    return format_pounds(amount) if amount else "–"


def summary_rows(view: ProgrammeView) -> list[tuple[str, int]]:
    """The headline figures of a fund's year, as the return and the export list them."""
    rows = [("Allocation", view.allocation)]
    if view.held_back:
        rows += [("Held back while accreditation is deferred", view.held_back),
                 ("Available", view.available)]
    rows += [("Not yet allocated to themes", view.unallocated),
             ("Budgeted to projects", view.total.budget),
             ("Committed", view.total.total_committed),
             ("Spent to date", view.spent_to_date),
             ("Spend profile to date", view.profile_to_date),
             ("Forecast spend for the year", view.forecast_spend),
             ("Forecast underspend", view.forecast_underspend)]
    return rows


def _summary(view: ProgrammeView, width: float):
    rows = [[label, format_pounds(amount)] for label, amount in summary_rows(view)]
    return simple_table(["", f"{view.fund.code} {view.financial_year}"], rows,
                        [width * 0.45, width * 0.2], [("ALIGN", (1, 0), (1, -1), "RIGHT")])


def _figure(amount: int) -> str:
    """Pounds without the sign (the table's heading says £): a narrow column fits them."""
    return f"{amount:,}" if amount else "–"


def _quarter_cell(spent: int, planned: int, ended: bool) -> str:
    top = f"<b>{_figure(spent)}</b>" if ended or spent else "–"
    return f"{top}<br/><font color='#5f6b7a'>{_figure(planned)}</font>"


def programme_table(view: ProgrammeView, width: float):
    s = Styles.get()
    cell, bold = s["cell"], s["cell_bold"]
    right = s["cell"].clone("cell_right", alignment=2, fontSize=7, leading=9)
    right_bold = s["cell_bold"].clone("cell_right_bold", alignment=2, fontSize=7, leading=9)
    rows, extra = [], []
    for i, line in enumerate(list(view.lines) + [None], start=1):
        t = line.totals if line else view.total
        style, rstyle = (bold, right_bold) if line is None or line.kind == "theme" else (cell, right)
        if line is None:
            name = "Total"
        elif line.kind == "theme":
            name = literal(line.label)
        else:
            p = line.project
            name = f"{literal(p.reference)} {literal(clip(p.title, 200))}"
            if p.accountable_body:
                name += f"<br/><font color='#5f6b7a'>{literal(clip(p.accountable_body, 120))}</font>"
        quarters = [Paragraph(_quarter_cell(t.spent[q], t.planned[q], q < view.quarters_ended),
                              rstyle) for q in range(4)]
        allocation = _figure(t.allocation) if line is None or line.kind == "theme" else ""
        rows.append([Paragraph(name, style), Paragraph(allocation, rstyle),
                     Paragraph(_figure(t.budget), rstyle), *quarters,
                     Paragraph(_figure(t.total_committed), rstyle),
                     Paragraph(_figure(t.total_spent), rstyle)])
        if line is None or line.kind == "theme":
            extra.append(("BACKGROUND", (0, i), (-1, i), HEADER_FILL))
    widths = [width * f for f in (0.19, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.11, 0.1)]
    header = ["Theme / project", "Allocation", "Budget", *QUARTER_LABELS, "Committed", "Spent"]
    return simple_table(header, rows, widths, extra + [("ALIGN", (1, 0), (-1, 0), "RIGHT")],
                        stripes=False)


def approvals_table(view: ProgrammeView, width: float):
    cell = Styles.get()["cell"]
    rows = []
    for line in view.lines:
        if line.kind != "project":
            continue
        p = line.project
        rows.append([Paragraph(literal(p.reference), cell),
                     Paragraph(literal(clip(p.accountable_body, 200)), cell),
                     Paragraph(literal(clip(p.project_manager, 200)), cell),
                     Paragraph(format_date(p.approved_on) or "not approved", cell),
                     Paragraph(literal(clip(p.decision_reference, 100)), cell)])
    widths = [width * f for f in (0.1, 0.32, 0.24, 0.14, 0.2)]
    return simple_table(["Ref", "Accountable body", "Project manager", "Approved",
                         "Board decision"], rows, widths)


def _warning(text: str):
    return markup(f'<font color="#b71c1c"><b>Warning:</b> {literal(text)}</font>')


def fund_flowables(view: ProgrammeView, width: float, n: int) -> list:
    story = [Bookmark(view.fund.name, 0, f"fund-{n}"),
             markup(f"{literal(view.fund.name)} {view.financial_year}", "h1")]
    if view.held_back:
        story.append(markup(
            f"Accreditation is deferred: {format_pounds(view.held_back)} of the "
            f"{format_pounds(view.allocation)} allocation is held back until a successful "
            "review.", "body"))
    if view.underspend_warning():
        story.append(_warning(view.underspend_warning()))
    story += [_summary(view, width), gap(8),
              markup("Spend by theme and project", "h2_table"),
              markup("In pounds. Each quarter shows the money spent (bold) over the money planned "
                     "(grey)."
                     , "small"),
              programme_table(view, width) if view.lines else
              para("No themes or projects have money in this year.", "small"), gap(6)]
    if any(line.kind == "project" for line in view.lines):
        story += [CondPageBreak(90),
                  markup("Projects: accountable body and approval", "h2_table"),
                  approvals_table(view, width)]
    return story


def target_flowables(lines: Sequence[TargetLine], width: float) -> list:
    if not lines:
        return []
    story: list = [CondPageBreak(200), Bookmark("Targets", 0, "targets"),
                   markup("Progress against targets", "h1")]
    for line in lines:
        t = line.target
        colour = STATUS_COLOURS[line.status]
        caption = markup(
            f"<b>{literal(theme_label(t.theme))}</b> · {literal(clip(t.indicator, 300))} · "
            f'<font color="{colour}">■ {line.status.label}</font>'
            + (f" · lead: {literal(clip(t.lead_partner, 120))}" if t.lead_partner else ""),
            "small")
        story.append(KeepTogether([caption, target_chart(t, line.points, width, 140, ""),
                                   gap(8)]))
    return story


def programme_title(data: ProgrammeReturnData) -> str:
    return f"Programme return {data.financial_year}"


def render_programme(data: ProgrammeReturnData, out: str | Path, produced: date,
                     paper: str = "a4", on_page: Callable[[int], None] | None = None) -> None:
    setup = PageSetup(data.partnership.name, programme_title(data), produced, paper,
                      subject=f"Quarterly programme return, {data.financial_year}")

    def story(doc):
        width = doc.content_width
        out_ = [markup("Quarterly programme return", "title"),
                markup(f"{literal(data.partnership.name)}<br/>Financial year "
                       f"{data.financial_year} (to {format_date(year_end(data.financial_year))})"
                       f" · figures as on {format_date(data.today)}", "subtitle")]
        if not data.views:
            out_.append(para("No fund has an allocation, budget or spending in this year.",
                             "small"))
        for n, view in enumerate(data.views):
            out_ += fund_flowables(view, width, n)
        return out_ + target_flowables(data.targets, width)

    write_pdf(out, setup, story, on_page=on_page)


# -- the exception report -----------------------------------------------------------

@dataclass(frozen=True)
class ExceptionData:
    partnership: Partnership
    today: date
    targets: Sequence[TargetLine]           # off track
    actions: Sequence[Action]               # overdue or slipped
    member_names: dict[int, str] = field(default_factory=dict)
    target_names: dict[int, str] = field(default_factory=dict)


def slip_reasons(a: Action, today: date) -> list[str]:
    """Why an open action counts as slipped: its due date re-planned (the action plan's
    own rule, Action.slipped), a milestone past its date, or red progress."""
    from lsp_desktop.domain.actions import Progress

    if a.is_closed:
        return []
    reasons = []
    if a.slipped:
        reasons.append("due date moved")
    late = a.overdue_milestones(today)
    if late:
        reasons.append(f"{len(late)} milestone(s) late")
    if a.progress == Progress.RED:
        reasons.append("progress red")
    return reasons


def is_slipped(a: Action, today: date) -> bool:
    return bool(slip_reasons(a, today))


def exception_actions(actions: Sequence[Action], today: date) -> list[Action]:
    return sorted((a for a in actions if a.is_overdue(today) or is_slipped(a, today)),
                  key=lambda a: (a.due or date.max, a.reference))


def _latest_value(line: TargetLine) -> str:
    if line.points:
        p = line.points[-1]
        src = f" ({clip(p.source, 120)})" if p.source else ""
        return f"{p.value:,.4g} on {format_date(p.measured_on)}{src}"
    t = line.target
    return "" if t.latest_value is None else f"{t.latest_value:,.4g} {format_date(t.latest_date)}"


def _targets_table(lines: Sequence[TargetLine], today: date, width: float):
    from lsp_desktop.domain.target_series import trajectory_at

    cell = Styles.get()["cell"]
    rows = []
    for line in lines:
        t = line.target
        on = line.points[-1].measured_on if line.points else (t.latest_date or today)
        expected = trajectory_at(t, on)
        rows.append([Paragraph(literal(theme_label(t.theme)), cell),
                     Paragraph(literal(clip(t.indicator, 400)), cell),
                     Paragraph(literal(clip(t.lead_partner, 200)) or "no lead partner", cell),
                     Paragraph(literal(_latest_value(line)), cell),
                     Paragraph("" if expected is None else f"{expected:,.4g}", cell),
                     Paragraph("" if t.target_value is None else
                               f"{t.target_value:,.4g} by {format_date(t.target_date)}", cell)])
    widths = [width * f for f in (0.11, 0.27, 0.17, 0.21, 0.1, 0.14)]
    return simple_table(["Theme", "Indicator", "Owner", "Latest value",
                         "Trajectory", "Target"], rows, widths)


def _actions_table(actions: Sequence[Action], data: ExceptionData, width: float):
    from lsp_desktop.domain.actions import owner_label

    cell = Styles.get()["cell"]
    rows, extra = [], []
    for i, a in enumerate(actions, start=1):
        why = []
        if a.is_overdue(data.today):
            why.append(f"<b>overdue</b> {a.days_overdue(data.today)} days")
        reasons = slip_reasons(a, data.today)
        if reasons:
            why.append("slipped: " + "; ".join(reasons))
        note = a.notes[0] if a.notes else None
        rows.append([Paragraph(literal(a.reference), Styles.get()["cell_bold"]),
                     Paragraph(literal(clip(a.title, 300)), cell),
                     Paragraph(literal(clip(owner_label(a, data.member_names), 200))
                               or "No owner", cell),
                     Paragraph(literal(a.due_text()) or "–", cell),
                     Paragraph("<br/>".join(why), cell),
                     Paragraph(f"{format_date(note.written_on)}: {literal(clip(note.text, 400))}"
                               if note else "no notes yet", cell)])
        if a.is_overdue(data.today):
            extra += [("BACKGROUND", (0, i), (-1, i), OVERDUE_FILL),
                      ("LINEBEFORE", (0, i), (0, i), 2.5, OVERDUE)]
    widths = [width * f for f in (0.07, 0.21, 0.14, 0.12, 0.2, 0.26)]
    return simple_table(["Ref", "Action", "Owner", "Due", "Why", "Latest note"], rows, widths,
                        extra, stripes=False)


def exceptions_title(data: ExceptionData) -> str:
    return f"Exception report {format_date(data.today)}"


def render_exceptions(data: ExceptionData, out: str | Path, produced: date,
                      paper: str = "a4", on_page: Callable[[int], None] | None = None) -> None:
    setup = PageSetup(data.partnership.name, exceptions_title(data), produced, paper,
                      subject=f"Targets off track and actions overdue or slipped, "
                              f"{format_date(data.today)}")

    def story(doc):
        width = doc.content_width
        out_ = [markup("Exception report", "title"),
                markup(f"{literal(data.partnership.name)}<br/>As on {format_date(data.today)}: "
                       f"{len(data.targets)} target(s) off track, {len(data.actions)} action(s) "
                       "overdue or slipped", "subtitle"),
                Bookmark("Targets off track", 0, "targets"),
                markup("Targets off track", "h1")]
        if data.targets:
            out_ += [_targets_table(data.targets, data.today, width), gap(8)]
            for line in data.targets:
                out_.append(KeepTogether([target_chart(line.target, line.points, width, 130),
                                          gap(8)]))
        else:
            out_.append(para("No target is off track.", "small"))
        out_ += [CondPageBreak(120), Bookmark("Actions", 0, "actions"),
                 markup("Actions overdue or slipped", "h1")]
        out_.append(_actions_table(data.actions, data, width) if data.actions
                    else para("No action is overdue or slipped.", "small"))
        return out_

    write_pdf(out, setup, story, on_page=on_page)

