"""The action plan read in plain SQL (db.reads), and the building of an action from its row."""

from __future__ import annotations

from dataclasses import dataclass, field

from lsp_desktop.db.reads import Reads, day
from lsp_desktop.domain.actions import (
    Action,
    ActionStatus,
    DueChange,
    FundingSource,
    Milestone,
    Progress,
    ProgressNote,
)
from lsp_desktop.domain.criteria import Criterion

# Dictionary look-ups: calling the enum classes cost a tenth of loading 10,000 actions.
_CRITERIA = {c.value: c for c in Criterion}
_STATUSES = {s.value: s for s in ActionStatus}
_PROGRESS = {p.value: p for p in Progress}
_SOURCES = {f.value: f for f in FundingSource}


@dataclass
class Extras:
    """What an action keeps beside its own row: further purposes and due-date changes."""

    criteria: list = field(default_factory=list)
    targets: list = field(default_factory=list)
    concerns: list = field(default_factory=list)
    changes: list = field(default_factory=list)


def build_action(values, milestones, notes, extras: Extras | None = None) -> Action:
    (aid, ref, title, desc, crit, target, concern, theme, owner_id, body, lead, start, due,
     status, progress, amount, source, version, original_due) = values
    more = {} if extras is None else dict(
        more_criteria=tuple(extras.criteria), more_target_ids=tuple(extras.targets),
        more_concern_ids=tuple(extras.concerns), due_changes=tuple(extras.changes))
    return Action(**more, original_due=original_due,
        id=aid, reference=ref, title=title, description=desc,
        criterion=_CRITERIA[crit] if crit else None, target_id=target, concern_id=concern,
        theme=theme, owner_member_id=owner_id, owner_body=body, lead_officer=lead,
        start=start, due=due, status=_STATUSES[status],
        progress=_PROGRESS[progress] if progress else None, amount=amount,
        funding_source=_SOURCES[source] if source else None,
        milestones=tuple(milestones), notes=tuple(notes), version=version)



_ACTION = ("SELECT id, reference, title, description, criterion, target_id, concern_id, theme, "
           "owner_member_id, owner_body, lead_officer, start_date, due_date, status, progress, "
           "amount, funding_source, version, original_due FROM action ORDER BY id")


def list_actions(reads: Reads) -> list[Action]:
    """Every action with its milestones, notes, further purposes and due-date changes,
    as ActionsService.list_actions() gives them."""
    milestones: dict[int, list[Milestone]] = {}
    for aid, mid, title, due, done in reads.rows(
            "SELECT action_id, id, title, due_date, done_date FROM action_milestone "
            "ORDER BY action_id, position, id"):
        milestones.setdefault(aid, []).append(Milestone(title, day(due), day(done), mid))
    notes: dict[int, list[ProgressNote]] = {}
    for aid, nid, written, text in reads.rows(
            "SELECT action_id, id, written_on, text FROM action_note "
            "ORDER BY action_id, written_on DESC, id DESC"):
        notes.setdefault(aid, []).append(ProgressNote(day(written), text, nid))
    extras = extras_of(
        reads.rows("SELECT action_id, criterion, target_id, concern_id FROM action_purpose "
                   "ORDER BY action_id, id"),
        reads.rows("SELECT action_id, changed_on, from_due, to_due FROM action_due_change "
                   "ORDER BY action_id, id"), day)
    out = []
    for r in reads.rows(_ACTION):
        r = list(r)
        r[11], r[12], r[18] = day(r[11]), day(r[12]), day(r[18])
        out.append(build_action(r, milestones.get(r[0], ()), notes.get(r[0], ()), extras.get(r[0])))
    return out


def extras_of(purposes, changes, as_day=lambda value: value) -> dict[int, Extras]:
    """Each action's further purposes ((action id, criterion, target id, concern id) rows)
    and due-date changes ((action id, changed on, from, to) rows), by action id."""
    extras: dict[int, Extras] = {}
    for aid, crit, target, concern in purposes:
        e = extras.setdefault(aid, Extras())
        if crit:
            e.criteria.append(_CRITERIA[crit])
        if target is not None:
            e.targets.append(target)
        if concern is not None:
            e.concerns.append(concern)
    for aid, on, before, after in changes:
        extras.setdefault(aid, Extras()).changes.append(
            DueChange(as_day(on), as_day(before), as_day(after)))
    return extras
