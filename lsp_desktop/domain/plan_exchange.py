"""Actions and targets to and from spreadsheet rows: documented columns, cell rules, validation."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lsp_desktop.domain.actions import (
    Action,
    ActionStatus,
    FundingSource,
    Milestone,
    Progress,
    ProgressNote,
    validate_action,
)
from lsp_desktop.domain.criteria import Criterion
from lsp_desktop.domain.exchange import Column, ParsedRow, Problem
from lsp_desktop.domain.strategies import StrategyType, Target, validate_target
from lsp_desktop.domain.text import parse_date

ACTION_COLUMNS: tuple[Column, ...] = (
    Column("reference", aliases=("ref",), help="A-001 style; blank: the next free reference"),
    Column("title", required=True, aliases=("action",), help="what will be done"),
    Column("description", help="more detail"),
    Column("criterion", help="the accreditation criteria it answers (strategic, inclusive, "
                             "action-focused, performance managed, efficient, learning and "
                             "development); several separated by ;"),
    Column("theme", help="floor-target or local theme"),
    Column("target", help="the indicator of the strategy target it serves"),
    Column("owner_member", aliases=("owner", "owner member"),
           help="owner, a member's name on the register"),
    Column("owner_body", help="owner, a partner body (when not a member)"),
    Column("lead_officer", help="officer leading it"),
    Column("start_date", "date", aliases=("start",), help="YYYY-MM-DD or DD/MM/YYYY"),
    Column("due_date", "date", aliases=("due",), help="YYYY-MM-DD or DD/MM/YYYY"),
    Column("original_due", "date", aliases=("originally due",),
           help="the due date first agreed, when the action has been re-planned"),
    Column("status", "choice", choices=tuple(s.value for s in ActionStatus),
           default=ActionStatus.NOT_STARTED.value,
           help="not started, in progress, complete or dropped (default not started)"),
    Column("progress", "choice", choices=tuple(p.value for p in Progress), default="",
           help="green, amber or red (blank: not rated)"),
    Column("amount", "number", aliases=("budget", "amount £"), help="whole pounds, e.g. 4000 or £4,000"),
    Column("funding_source", "choice", aliases=("funding",),
           choices=tuple(f.value for f in FundingSource), default="",
           help="NRF, Community Empowerment Fund, mainstream or other"),
    Column("milestones", help="one per line: title | due date | done date"),
    Column("notes", aliases=("progress notes",),
           help="progress notes, one per line starting with its date: 2002-05-01: text"),
)

TARGET_COLUMNS: tuple[Column, ...] = (
    Column("strategy", required=True,
           help="title of the strategy (created as a working draft if there is none)"),
    Column("strategy_type", "choice", choices=tuple(t.value for t in StrategyType),
           default=StrategyType.OTHER.value,
           help="for a strategy the import creates: Community Strategy, Local Neighbourhood "
                "Renewal Strategy or other"),
    Column("theme", required=True, help="employment, crime, education and skills, health, "
                                        "housing, liveability, or a local theme"),
    Column("indicator", required=True, help="what the target measures"),
    Column("baseline_value", "number", aliases=("baseline",), help="a number"),
    Column("baseline_date", "date", help="date of the baseline"),
    Column("target_value", "number", aliases=("target",), help="a number"),
    Column("target_date", "date", help="date the target is to be met by"),
    Column("latest_value", "number", aliases=("latest",), help="a number"),
    Column("latest_date", "date", help="date of the latest value"),
    Column("data_source", aliases=("source",), help="where the figures come from"),
    Column("lead_partner", help="a body on the register"),
    Column("comparison_value", "number", help="district or national figure"),
    Column("comparison_label", help="district, national…"),
    Column("neighbourhood", help="priority neighbourhood name (created if there is none)"),
)

ACTION_HEADERS = [c.name for c in ACTION_COLUMNS]
TARGET_HEADERS = [c.name for c in TARGET_COLUMNS]
_ACTION_FIELD = {"due": "due_date", "start": "start_date", "owner": "owner_member"}
_NOTE_LINE = re.compile(r"^(\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{4}):\s?(.*)$")


@dataclass
class RowItem:
    """One record built from one row, with the names the service must resolve to ids."""

    row: int
    record: object                  # Action or Target
    given: set[str]
    refs: dict[str, str] = field(default_factory=dict)   # target/owner_member/strategy/...
    existing_id: int | None = None


def _milestones(text: str) -> tuple[Milestone, ...]:
    out = []
    for line in text.splitlines():
        if not line.strip():
            continue
        parts = [p.strip() for p in line.split("|")]
        if len(parts) > 3:
            raise ValueError(f"'{line.strip()}' has more than title | due | done")
        parts += [""] * (3 - len(parts))
        out.append(Milestone(parts[0], parse_date(parts[1]) if parts[1] else None,
                             parse_date(parts[2]) if parts[2] else None))
    return tuple(out)


def _notes(text: str) -> tuple[ProgressNote, ...]:
    notes: list[list] = []
    for line in text.splitlines():
        m = _NOTE_LINE.match(line.strip())
        if m:
            notes.append([parse_date(m.group(1)), m.group(2)])
        elif notes:
            notes[-1][1] += "\n" + line
        elif line.strip():
            raise ValueError("each progress note starts with its date, e.g. 2002-05-01: text")
    return tuple(sorted((ProgressNote(d, t.strip()) for d, t in notes),
                        key=lambda n: n.written_on, reverse=True))


def milestones_text(milestones) -> str:
    return "\n".join(" | ".join([m.title, m.due.isoformat() if m.due else "",
                                 m.done.isoformat() if m.done else ""]).rstrip(" |")
                     for m in milestones)


def notes_text(notes) -> str:
    return "\n".join(f"{n.written_on.isoformat()}: {n.text}"
                     for n in sorted(notes, key=lambda n: (n.written_on, n.id or 0)))


def build_actions(rows: list[ParsedRow], given: set[str]) -> tuple[list[RowItem], list[Problem]]:
    items, problems = [], []
    seen: dict[str, int] = {}
    for r in rows:
        v = r.values
        if not v.get("title"):
            continue
        bad = False
        criteria: list[Criterion] = []
        for name in (n.strip() for n in v.get("criterion", "").split(";")):
            if not name:
                continue
            try:
                criteria.append(Criterion.parse(name))
            except ValueError as exc:
                problems.append(Problem(r.row, "criterion", str(exc)))
                bad = True
        criteria = list(dict.fromkeys(criteria))
        amount = v.get("amount")
        if amount is not None:
            if amount != int(amount):
                problems.append(Problem(r.row, "amount", f"{amount:g} is not whole pounds."))
                bad = True
            amount = int(amount)
        try:
            milestones = _milestones(v.get("milestones", ""))
        except ValueError as exc:
            problems.append(Problem(r.row, "milestones", str(exc)))
            milestones, bad = (), True
        try:
            notes = _notes(v.get("notes", ""))
        except ValueError as exc:
            problems.append(Problem(r.row, "notes", str(exc)))
            notes, bad = (), True
        ref = v.get("reference", "")
        if ref:
            key = ref.casefold()
            if key in seen:
                problems.append(Problem(r.row, "reference",
                                        f"{ref} is also used on row {seen[key]}."))
                bad = True
            seen.setdefault(key, r.row)
        if bad:
            continue
        action = Action(
            reference=ref, title=v["title"], description=v.get("description", ""),
            criterion=criteria[0] if criteria else None, more_criteria=tuple(criteria[1:]),
            original_due=v.get("original_due") if v.get("original_due") != v.get("due_date")
            else None, theme=v.get("theme", ""), owner_body=v.get("owner_body", ""),
            lead_officer=v.get("lead_officer", ""), start=v.get("start_date"),
            due=v.get("due_date"), status=ActionStatus(v.get("status") or "not started"),
            progress=Progress(v["progress"]) if v.get("progress") else None, amount=amount,
            funding_source=FundingSource(v["funding_source"]) if v.get("funding_source") else None,
            milestones=milestones, notes=notes)
        for e in validate_action(action):
            if not e.warning and e.field != "reference":
                problems.append(Problem(r.row, _ACTION_FIELD.get(e.field, e.field), e.message))
        refs = {k: v[k] for k in ("target", "owner_member") if v.get(k)}
        items.append(RowItem(r.row, action, given, refs))
    return items, problems


def build_targets(rows: list[ParsedRow], given: set[str]) -> tuple[list[RowItem], list[Problem]]:
    items, problems = [], []
    for r in rows:
        v = r.values
        if not (v.get("strategy") and v.get("theme") and v.get("indicator")):
            continue
        target = Target(
            strategy_id=0, theme=v["theme"], indicator=v["indicator"],
            baseline_value=v.get("baseline_value"), baseline_date=v.get("baseline_date"),
            target_value=v.get("target_value"), target_date=v.get("target_date"),
            latest_value=v.get("latest_value"), latest_date=v.get("latest_date"),
            data_source=v.get("data_source", ""), lead_partner=v.get("lead_partner", ""),
            comparison_value=v.get("comparison_value"),
            comparison_label=v.get("comparison_label", ""))
        for e in validate_target(target):
            if not e.warning:
                problems.append(Problem(r.row, e.field, e.message))
        refs = {k: v[k] for k in ("strategy", "strategy_type", "neighbourhood") if v.get(k)}
        items.append(RowItem(r.row, target, given, refs))
    return items, problems


def action_row(a: Action, target_names: dict[int, str], member_names: dict[int, str]) -> list:
    return [a.reference, a.title, a.description, "; ".join(c.value for c in a.criteria),
            a.theme, target_names.get(a.target_id, "") if a.target_id else "",
            member_names.get(a.owner_member_id, "") if a.owner_member_id else "",
            a.owner_body, a.lead_officer, a.start, a.due,
            a.original_due if a.slipped else None, a.status.value,
            a.progress.value if a.progress else "", a.amount,
            a.funding_source.value if a.funding_source else "",
            milestones_text(a.milestones), notes_text(a.notes)]


def target_row(t: Target, strategies: dict[int, tuple[str, str]],
               neighbourhoods: dict[int, str]) -> list:
    title, kind = strategies.get(t.strategy_id, ("", ""))
    return [title, kind, t.theme, t.indicator, t.baseline_value, t.baseline_date,
            t.target_value, t.target_date, t.latest_value, t.latest_date, t.data_source,
            t.lead_partner, t.comparison_value, t.comparison_label,
            neighbourhoods.get(t.neighbourhood_id, "") if t.neighbourhood_id else ""]
