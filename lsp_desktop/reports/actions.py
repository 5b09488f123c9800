"""The action plan PDF: actions grouped by criterion or theme, overdue marked, resources totalled."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from reportlab.platypus import CondPageBreak

from lsp_desktop.domain.actions import (
    Action,
    ActionStatus,
    FundingSource,
    GroupBy,
    Progress,
    group_actions,
    owner_label,
    summarise,
    summary_text,
)
from lsp_desktop.domain.partnership import Partnership
from lsp_desktop.domain.text import format_date, format_pounds
from lsp_desktop.reports.base import (
    BOLD,
    OVERDUE,
    OVERDUE_FILL,
    Bookmark,
    KeepWithTableStart,
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

PROGRESS_COLOURS = {Progress.GREEN: "#2e7d32", Progress.AMBER: "#ef8f00", Progress.RED: "#c62828"}


@dataclass(frozen=True)
class ActionPlanData:
    partnership: Partnership
    actions: Sequence[Action]
    today: date
    group_by: str = "criterion"
    member_names: dict[int, str] = field(default_factory=dict)
    # What the printed actions were chosen by ("overdue only; owner: ..."), for the heading.
    filters: str = ""


def _chip(colour: str, label: str) -> str:
    return f'<font color="{colour}">■</font> {literal(label)}'


def _action_cell(a: Action, today: date) -> str:
    parts = [f"<b>{literal(clip(a.title, 300))}</b>"]
    if a.description:
        parts.append(literal(clip(a.description, 1200)))
    for m in a.milestones[:25]:
        box = "☑" if m.done else "☐"
        when = f"done {format_date(m.done)}" if m.done else (
            f"due {format_date(m.due)}" if m.due else "no date")
        late = (' <font color="#b71c1c"><b>overdue</b></font>'
                if not a.is_closed and m.is_overdue(today) else "")
        parts.append(f"{box} {literal(clip(m.title, 150))} · {when}{late}")
    if len(a.milestones) > 25:
        parts.append(f"… and {len(a.milestones) - 25} more milestones")
    return "<br/>".join(parts)


def _status_cell(a: Action, today: date) -> str:
    lines = [literal(a.status.label)]
    if a.progress is not None:
        lines.append(_chip(PROGRESS_COLOURS[a.progress], a.progress.label))
    if a.is_overdue(today):
        days = a.days_overdue(today)
        lines.append(f'<font color="#b71c1c"><b>OVERDUE</b> {days} day{"s" if days != 1 else ""}'
                     "</font>")
    return "<br/>".join(lines)


def _dates_cell(a: Action) -> str:
    lines = []
    if a.start:
        lines.append(f"from {format_date(a.start)}")
    if a.due:
        lines.append(f"<b>due {format_date(a.due)}</b>")
    if a.slipped:
        lines.append(f"originally {format_date(a.original_due)}")
    return "<br/>".join(lines) or "–"


def _money_cell(a: Action) -> str:
    if not a.amount:
        return "–"
    source = a.funding_source.label if a.funding_source else "source not given"
    return f"{format_pounds(a.amount)}<br/>{literal(source)}"


def _owner_cell(a: Action, names: dict[int, str]) -> str:
    owner = owner_label(a, names) or "No owner"
    lead = f"<br/>Lead officer: {literal(clip(a.lead_officer, 200))}" if a.lead_officer else ""
    return literal(clip(owner, 300)) + lead


def actions_table(actions: Sequence[Action], today: date, names: dict[int, str], width: float):
    s = Styles.get()
    cell = s["cell"]
    from lsp_desktop.reports.paragraphs import Paragraph

    rows, extra = [], []
    for i, a in enumerate(actions, start=1):
        rows.append([Paragraph(literal(a.reference), s["cell_bold"]),
                     Paragraph(_action_cell(a, today), cell),
                     Paragraph(_owner_cell(a, names), cell),
                     Paragraph(_dates_cell(a), cell),
                     Paragraph(_status_cell(a, today), cell),
                     Paragraph(_money_cell(a), cell)])
        if a.is_overdue(today):
            extra += [("BACKGROUND", (0, i), (-1, i), OVERDUE_FILL),
                      ("LINEBEFORE", (0, i), (0, i), 2.5, OVERDUE)]
    widths = [width * f for f in (0.075, 0.365, 0.17, 0.12, 0.11, 0.16)]
    return simple_table(["Ref", "Action and milestones", "Owner", "Dates", "Status",
                         "Resources"], rows, widths, extra, stripes=False)


def resources_table(actions: Sequence[Action], today: date, width: float):
    summary = summarise(actions, today)
    rows = []
    for source in list(FundingSource) + [None]:
        amount = summary.resources.get(source)
        if amount:
            label = source.label if source is not None else "Source not given"
            rows.append([label, format_pounds(amount)])
    rows.append(["Total", format_pounds(summary.total_resources)])
    last = len(rows)
    return simple_table(["Funding source", "Amount"], rows, [width * 0.45, width * 0.2],
                        [("ALIGN", (1, 0), (1, -1), "RIGHT"),
                         ("FONT", (0, last), (-1, last), BOLD, 8)])


def action_plan_flowables(actions: Sequence[Action], today: date, group_by: str,
                          names: dict[int, str], width: float, level: int = 0,
                          prefix: str = "ap") -> list:
    """Summary, one table per group with its subtotal, and the resources by source."""
    summary = summarise(actions, today)
    heading = "h1_table" if level == 0 else "h2_table"
    story: list = []
    done = summary.by_status[ActionStatus.COMPLETE]
    story.append(markup(
        f"<b>{summary.total}</b> actions · <b>{summary.overdue}</b> overdue · "
        f"{done} complete · {summary.by_status[ActionStatus.IN_PROGRESS]} in progress · "
        f"resources {format_pounds(summary.total_resources)}"))
    if summary.overdue:
        story.append(markup('<font color="#b71c1c"><b>Overdue</b></font> actions are shaded '
                            "and marked OVERDUE with the days past their due date.", "small"))
    by = GroupBy(group_by) if group_by in ("theme", "owner") else GroupBy.CRITERION
    for n, group in enumerate(group_actions(actions, by, today, names)):
        title = markup(f"{literal(group.label)} · {literal(summary_text(group.summary))}",
                       heading)
        table = actions_table(group.actions, today, names, width)
        story += [KeepWithTableStart(title, table, 110),
                  Bookmark(group.label, level, f"{prefix}-g{n}"), title, table, gap(6)]
    if not actions:
        story.append(para("No actions have been recorded.", "small"))
    story += [CondPageBreak(120), Bookmark("Resources", level, f"{prefix}-resources"),
              markup("Resources by funding source", heading),
              resources_table(actions, today, width)]
    return story


def _grouping(group_by: str) -> str:
    return group_by if group_by in ("theme", "owner") else "criterion"


def action_plan_title(data: ActionPlanData) -> str:
    return f"Action plan by {_grouping(data.group_by)}"


def render_action_plan(data: ActionPlanData, out: str | Path, produced: date,
                       paper: str = "a4", on_page: Callable[[int], None] | None = None) -> None:
    setup = PageSetup(data.partnership.name, action_plan_title(data), produced, paper,
                      subject=f"Action plan as on {format_date(data.today)}")

    def story(doc):
        return [Bookmark("Action plan", 0, "top"), markup("Action plan", "title"),
                markup(f"{literal(data.partnership.name)}<br/>As on {format_date(data.today)}, "
                       f"grouped by {_grouping(data.group_by)}"
                       + (f"<br/>{literal(data.filters)}" if data.filters else ""),
                       "subtitle")] + action_plan_flowables(
            data.actions, data.today, data.group_by, data.member_names, doc.content_width,
            level=0)

    write_pdf(out, setup, story, on_page=on_page)
