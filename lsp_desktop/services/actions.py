"""Action plans: list, add, edit, delete and bulk-edit actions with milestones and notes."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date

from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session, sessionmaker

from lsp_desktop.db.models import (
    ActionPurposeRow,
    ActionRecord,
    DueChangeRow,
    MemberRecord,
    MilestoneRow,
    ProgressNoteRow,
    TermRow,
)
from lsp_desktop.domain.actions import (
    Action,
    ActionStatus,
    DueChange,
    FundingSource,
    Milestone,
    Progress,
    ProgressNote,
    next_reference,
    shift_due,
    validate_action,
    with_purposes,
)
from lsp_desktop.domain.criteria import Criterion
from lsp_desktop.domain.errors import DomainError, FieldError, NotFoundError, ValidationError
from lsp_desktop.domain.text import fold
from lsp_desktop.services.action_reads import Extras as _Extras
from lsp_desktop.services.action_reads import build_action as _build
from lsp_desktop.services.action_reads import extras_of
from lsp_desktop.services.concurrency import claim
from lsp_desktop.services.member_search import find_members, member_on
from lsp_desktop.services.unit_of_work import unit_of_work

_UNSET = ...


@dataclass(frozen=True)
class Owner:
    """A member who can own actions, with whether they are on the board today."""

    id: int
    name: str
    organisation: str
    current: bool


def _owner(mid: int, title: str, name: str, organisation: str, current: bool) -> Owner:
    return Owner(mid, f"{title} {name}".strip() if title else name, organisation, current)


_COLUMNS = (ActionRecord.id, ActionRecord.reference, ActionRecord.title,
            ActionRecord.description, ActionRecord.criterion, ActionRecord.target_id,
            ActionRecord.concern_id, ActionRecord.theme, ActionRecord.owner_member_id,
            ActionRecord.owner_body, ActionRecord.lead_officer, ActionRecord.start_date,
            ActionRecord.due_date, ActionRecord.status, ActionRecord.progress,
            ActionRecord.amount, ActionRecord.funding_source, ActionRecord.version,
            ActionRecord.original_due)


_WRITABLE = ("reference", "title", "description", "criterion", "target_id", "concern_id",
             "theme", "owner_member_id", "owner_body", "lead_officer", "start_date",
             "due_date", "status", "progress", "amount", "funding_source", "original_due")


def _read_extras(s: Session, action_id: int | None = None) -> dict[int, _Extras]:
    purposes = select(ActionPurposeRow.action_id, ActionPurposeRow.criterion,
                      ActionPurposeRow.target_id, ActionPurposeRow.concern_id
                      ).order_by(ActionPurposeRow.action_id, ActionPurposeRow.id)
    changes = select(DueChangeRow.action_id, DueChangeRow.changed_on, DueChangeRow.from_due,
                     DueChangeRow.to_due).order_by(DueChangeRow.action_id, DueChangeRow.id)
    if action_id is not None:
        purposes = purposes.where(ActionPurposeRow.action_id == action_id)
        changes = changes.where(DueChangeRow.action_id == action_id)
    return extras_of(s.execute(purposes), s.execute(changes))


def _sorted_notes(notes: Iterable[ProgressNote]) -> list[ProgressNote]:
    """Newest first; notes written the same day keep the later-entered one on top."""
    return sorted(notes, key=lambda n: (n.written_on, n.id or 0), reverse=True)


def _apply(row: ActionRecord, a: Action) -> None:
    a = _first_purposes_first(a)
    row.reference = a.reference.strip()
    row.title = a.title.strip()
    row.description = a.description
    row.criterion = Criterion(a.criterion).value if a.criterion else None
    row.target_id = a.target_id
    row.concern_id = a.concern_id
    row.theme = a.theme.strip()
    row.owner_member_id = a.owner_member_id
    row.owner_body = a.owner_body.strip()
    row.lead_officer = a.lead_officer.strip()
    row.start_date = a.start
    row.due_date = a.due
    # Qt hands enum values back from combo boxes as plain strings: normalise here.
    row.status = ActionStatus(a.status).value
    row.progress = Progress(a.progress).value if a.progress else None
    row.amount = a.amount
    row.funding_source = FundingSource(a.funding_source).value if a.funding_source else None
    row.original_due = a.original_due


def _first_purposes_first(a: Action) -> Action:
    """The first of each kind of purpose in the action's own columns, the rest beside."""
    return with_purposes(a, a.criteria, a.target_ids, a.concern_ids)


def _purpose_rows(action_id: int, a: Action) -> list[dict]:
    a = _first_purposes_first(a)
    return ([{"action_id": action_id, "criterion": Criterion(c).value, "target_id": None,
              "concern_id": None} for c in a.criteria[1:]]
            + [{"action_id": action_id, "criterion": None, "target_id": t, "concern_id": None}
               for t in a.target_ids[1:]]
            + [{"action_id": action_id, "criterion": None, "target_id": None, "concern_id": c}
               for c in a.concern_ids[1:]])


def _replace_purposes(s: Session, action_id: int, a: Action) -> None:
    s.execute(delete(ActionPurposeRow).where(ActionPurposeRow.action_id == action_id))
    rows = _purpose_rows(action_id, a)
    if rows:
        s.execute(insert(ActionPurposeRow), rows)


def _record_replanning(s: Session, row: ActionRecord, a: Action) -> Action:
    """When the due date moves, keep the first one and a line of history (dated today).

    An action carrying only the earlier part of the stored history is an undo's snapshot:
    the history goes back to what it carries, with its original due date.
    """
    stored = _read_extras(s, row.id).get(row.id)
    history = tuple(stored.changes) if stored else ()
    if len(a.due_changes) < len(history) and history[:len(a.due_changes)] == a.due_changes:
        for extra in s.scalars(select(DueChangeRow).where(DueChangeRow.action_id == row.id)
                               .order_by(DueChangeRow.id).offset(len(a.due_changes))):
            s.delete(extra)
        return a
    if row.due_date is None or row.due_date == a.due:
        return replace(a, original_due=row.original_due, due_changes=history)
    change = DueChange(date.today(), row.due_date, a.due)
    s.add(DueChangeRow(action_id=row.id, changed_on=change.changed_on,
                       from_due=change.before, to_due=change.after))
    return replace(a, original_due=row.original_due or row.due_date,
                   due_changes=history + (change,))


def _replace_children(s: Session, action_id: int, a: Action) -> None:
    s.execute(delete(MilestoneRow).where(MilestoneRow.action_id == action_id))
    s.execute(delete(ProgressNoteRow).where(ProgressNoteRow.action_id == action_id))
    for i, m in enumerate(a.milestones):
        s.add(MilestoneRow(action_id=action_id, position=i, title=m.title.strip(),
                           due_date=m.due, done_date=m.done))
    # Stored oldest first so ids follow writing order within a day.
    for n in reversed(_sorted_notes(a.notes)):
        s.add(ProgressNoteRow(action_id=action_id, written_on=n.written_on, text=n.text))


class ActionsService:
    def __init__(self, session_factory: sessionmaker[Session]):
        self._factory = session_factory

    # -- reading ---------------------------------------------------------
    def list_actions(self) -> list[Action]:
        """Every action with its milestones and notes, in reference order of entry.

        Read with plain column queries rather than ORM objects: ten thousand
        actions load several times faster this way. An empty plan is one query.
        """
        with unit_of_work(self._factory) as s:
            rows = s.execute(select(*_COLUMNS).order_by(ActionRecord.id)).all()
            if not rows:
                return []
            milestones: dict[int, list[Milestone]] = {}
            for aid, mid, title, due, done in s.execute(
                    select(MilestoneRow.action_id, MilestoneRow.id, MilestoneRow.title,
                           MilestoneRow.due_date, MilestoneRow.done_date)
                    .order_by(MilestoneRow.action_id, MilestoneRow.position, MilestoneRow.id)):
                milestones.setdefault(aid, []).append(Milestone(title, due, done, mid))
            notes: dict[int, list[ProgressNote]] = {}
            for aid, nid, written, text in s.execute(
                    select(ProgressNoteRow.action_id, ProgressNoteRow.id,
                           ProgressNoteRow.written_on, ProgressNoteRow.text)
                    .order_by(ProgressNoteRow.action_id, ProgressNoteRow.written_on.desc(),
                              ProgressNoteRow.id.desc())):
                notes.setdefault(aid, []).append(ProgressNote(written, text, nid))
            extras = _read_extras(s)
        return [_build(r, milestones.get(r[0], ()), notes.get(r[0], ()), extras.get(r[0]))
                for r in rows]

    def get(self, action_id: int) -> Action:
        with unit_of_work(self._factory) as s:
            row = s.execute(select(*_COLUMNS).where(ActionRecord.id == action_id)).first()
            if row is None:
                raise NotFoundError(f"Action {action_id} no longer exists.")
            ms = [Milestone(t, d, dn, i) for i, t, d, dn in s.execute(
                select(MilestoneRow.id, MilestoneRow.title, MilestoneRow.due_date,
                       MilestoneRow.done_date).where(MilestoneRow.action_id == action_id)
                .order_by(MilestoneRow.position, MilestoneRow.id))]
            ns = [ProgressNote(w, t, i) for i, w, t in s.execute(
                select(ProgressNoteRow.id, ProgressNoteRow.written_on, ProgressNoteRow.text)
                .where(ProgressNoteRow.action_id == action_id)
                .order_by(ProgressNoteRow.written_on.desc(), ProgressNoteRow.id.desc()))]
            extras = _read_extras(s, action_id).get(action_id)
        return _build(row, ms, ns, extras)

    def references(self) -> list[str]:
        with unit_of_work(self._factory) as s:
            return list(s.scalars(select(ActionRecord.reference)))

    def next_reference(self) -> str:
        return next_reference(self.references())

    def owners(self, on: date | None = None, among: set[int] | None = None) -> list[Owner]:
        """Members who can own an action (everyone on the register), current flag as on `on`;
        with `among`, only those members (the owners a list of actions names)."""
        on = on or date.today()
        few = among is not None and len(among) <= 500
        with unit_of_work(self._factory) as s:
            query = select(TermRow.member_id).where(
                TermRow.start_date <= on,
                (TermRow.end_date.is_(None)) | (TermRow.end_date >= on))
            members = select(MemberRecord.id, MemberRecord.title, MemberRecord.name,
                             MemberRecord.organisation).order_by(MemberRecord.search_key)
            if few:
                query = query.where(TermRow.member_id.in_(among))
                members = members.where(MemberRecord.id.in_(among))
            current = set(s.scalars(query))
            rows = s.execute(members).all()
        if among is not None and not few:
            rows = [r for r in rows if r[0] in among]
        return [Owner(mid, f"{title} {name}".strip() if title else name, org, mid in current)
                for mid, title, name, org in rows]

    def find_owners(self, typed: str, on: date | None = None, limit: int = 50, *,
                    body: bool = True, keep: int | None = None) -> list[Owner]:
        """The first `limit` members serving on `on` whose "title name (organisation)"
        (without `body`: "title name") holds `typed`, case and accents ignored, in the
        register's order; `keep` (the owner already set) comes too wherever it falls,
        serving or not, matching or not. An owner picker asks this as the officer types."""
        with unit_of_work(self._factory) as s:
            rows = find_members(s, typed, on or date.today(), limit,
                                ("title", "name", "organisation") if body else ("title", "name"),
                                keep=keep)
        return [_owner(*row) for row in rows]

    def owner(self, member_id: int, on: date | None = None) -> Owner | None:
        """One member as an owner (serving on `on` or not), or None if deleted."""
        with unit_of_work(self._factory) as s:
            row = member_on(s, member_id, on or date.today())
        return None if row is None else _owner(*row)

    def check(self, action: Action, today: date | None = None) -> list[FieldError]:
        """Every error and warning for `action` as it would be saved."""
        today = today or date.today()
        with unit_of_work(self._factory) as s:
            query = select(ActionRecord.reference)
            if action.id is not None:
                query = query.where(ActionRecord.id != action.id)
            refs = list(s.scalars(query))
            if not action.reference.strip():     # add() will assign the next one
                action = replace(action, reference=next_reference(refs))
            former = None
            if action.owner_member_id is not None:
                member = s.get(MemberRecord, action.owner_member_id)
                if member is None:
                    return validate_action(action, references_in_use=refs) + [
                        FieldError("owner", "The owning member no longer exists.")]
                on_board = s.scalar(select(TermRow.id).where(
                    TermRow.member_id == member.id, TermRow.start_date <= today,
                    (TermRow.end_date.is_(None)) | (TermRow.end_date >= today)).limit(1))
                if on_board is None:
                    former = member.name
        return validate_action(action, references_in_use=refs, former_owner=former)

    def _validate(self, action: Action) -> None:
        errors = [e for e in self.check(action) if not e.warning]
        if errors:
            raise ValidationError(errors)

    # -- changing --------------------------------------------------------
    def add(self, action: Action) -> Action:
        """Save a new action; a blank reference gets the next `A-nnn`."""
        if not action.reference.strip():
            action = replace(action, reference=self.next_reference())
        self._validate(action)
        with unit_of_work(self._factory) as s:
            row = ActionRecord(id=action.id)
            _apply(row, action)
            s.add(row)
            s.flush()
            new_id = row.id
            _replace_children(s, new_id, action)
            _replace_purposes(s, new_id, action)
            for c in action.due_changes:
                s.add(DueChangeRow(action_id=new_id, changed_on=c.changed_on,
                                   from_due=c.before, to_due=c.after))
        return self.get(new_id)

    def restore(self, action: Action) -> Action:
        """Put back a deleted action under its old id (undo of delete)."""
        with unit_of_work(self._factory) as s:
            if action.id is not None and s.get(ActionRecord, action.id) is not None:
                raise DomainError(f"Action {action.reference} already exists.")
        return self.add(action)

    def update(self, action: Action) -> Action:
        if action.id is None:
            raise DomainError("Cannot update an action that was never saved.")
        self._validate(action)
        with unit_of_work(self._factory) as s:
            row = s.get(ActionRecord, action.id)
            if row is None:
                raise NotFoundError(f"Action {action.reference} no longer exists.")
            claim(row, action.version, f"Action {action.reference}")
            action = _record_replanning(s, row, action)
            _apply(row, action)
            _replace_children(s, action.id, action)
            _replace_purposes(s, action.id, action)
        return self.get(action.id)

    def delete(self, action_id: int) -> Action:
        """Delete an action; returns it as it was, so the deletion can be undone."""
        snapshot = self.get(action_id)
        with unit_of_work(self._factory) as s:
            s.delete(s.get(ActionRecord, action_id))
        return snapshot

    def add_note(self, action_id: int, note: ProgressNote | str) -> Action:
        """Add a dated note to the log (a plain string is dated today)."""
        if isinstance(note, str):
            note = ProgressNote(date.today(), note)
        if not note.text.strip():
            raise ValidationError([FieldError("notes", "A progress note cannot be empty.")])
        with unit_of_work(self._factory) as s:
            row = s.get(ActionRecord, action_id)
            if row is None:
                raise NotFoundError(f"Action {action_id} no longer exists.")
            claim(row, None, f"Action {row.reference}")   # others editing it must reload
            s.add(ProgressNoteRow(action_id=action_id, written_on=note.written_on,
                                  text=note.text))
        return self.get(action_id)

    def add_many(self, actions: list[Action]) -> list[int]:
        """Insert many actions in one unit of work (demo, import); all or none.

        Rows go in as three executemany inserts with ids assigned here: adding
        ORM objects one by one took minutes for ten thousand actions.
        """
        refs = {fold(r) for r in self.references()}
        prepared = []
        for a in actions:
            if not a.reference.strip():
                a = replace(a, reference=next_reference(refs))
            errors = [e for e in validate_action(a) if not e.warning]
            if fold(a.reference) in refs:
                errors.append(FieldError("reference",
                                         f"{a.reference} is already used by another action."))
            if errors:
                raise ValidationError([FieldError(e.field, f"{a.reference}: {e.message}")
                                       for e in errors])
            refs.add(fold(a.reference))
            prepared.append(a)
        with unit_of_work(self._factory) as s:
            first = (s.scalar(select(func.max(ActionRecord.id))) or 0) + 1
            ids = list(range(first, first + len(prepared)))
            action_rows, milestone_rows, note_rows, purpose_rows, change_rows = [], [], [], [], []
            for aid, a in zip(ids, prepared, strict=True):
                row = ActionRecord()
                _apply(row, a)
                action_rows.append({c: getattr(row, c) for c in _WRITABLE} | {"id": aid})
                milestone_rows += [{"action_id": aid, "position": i, "title": m.title.strip(),
                                    "due_date": m.due, "done_date": m.done}
                                   for i, m in enumerate(a.milestones)]
                note_rows += [{"action_id": aid, "written_on": n.written_on, "text": n.text}
                              for n in reversed(_sorted_notes(a.notes))]
                purpose_rows += _purpose_rows(aid, a)
                change_rows += [{"action_id": aid, "changed_on": c.changed_on,
                                 "from_due": c.before, "to_due": c.after}
                                for c in a.due_changes]
            if action_rows:
                s.execute(insert(ActionRecord), action_rows)
            if milestone_rows:
                s.execute(insert(MilestoneRow), milestone_rows)
            if note_rows:
                s.execute(insert(ProgressNoteRow), note_rows)
            if purpose_rows:
                s.execute(insert(ActionPurposeRow), purpose_rows)
            if change_rows:
                s.execute(insert(DueChangeRow), change_rows)
        return ids

    def bulk_update(self, ids: Iterable[int], *, status: ActionStatus | None = None,
                    progress: Progress | None = None, owner_member_id=_UNSET,
                    owner_body=_UNSET, shift_days: int | None = None) -> list[Action]:
        """Change many actions at once, all or none; returns them as they were (for undo,
        carrying the versions now saved).

        Setting a member as owner clears the owning body and the other way round,
        unless both are given. Shifting moves due dates only; start dates stay.
        """
        before = [self.get(i) for i in ids]
        after = []
        for a in before:
            changes: dict = {}
            if status is not None:
                changes["status"] = ActionStatus(status)
            if progress is not None:
                changes["progress"] = Progress(progress)
            if owner_member_id is not _UNSET:
                changes["owner_member_id"] = owner_member_id
                if owner_body is _UNSET:
                    changes["owner_body"] = ""
            if owner_body is not _UNSET:
                changes["owner_body"] = owner_body or ""
                if owner_member_id is _UNSET:
                    changes["owner_member_id"] = None
            b = replace(a, **changes)
            if shift_days:
                b = shift_due(b, shift_days)
            after.append(b)
        saved = self.write_many(after)
        # The undo snapshots name the versions just written, so undoing works unless
        # another officer has changed the actions since.
        return [replace(b, version=a.version) for b, a in zip(before, saved, strict=True)]

    def write_many(self, actions: Iterable[Action]) -> list[Action]:
        """Save the fields, milestones and notes of several existing actions; all or none.
        Each must still be at the version it was read at; returns them as saved."""
        actions = list(actions)
        problems = []
        for a in actions:
            problems += [FieldError(e.field, f"{a.reference}: {e.message}")
                         for e in validate_action(a) if not e.warning]
        if problems:
            raise ValidationError(problems)
        with unit_of_work(self._factory) as s:
            for a in actions:
                row = s.get(ActionRecord, a.id)
                if row is None:
                    raise NotFoundError(f"Action {a.reference} no longer exists.")
                claim(row, a.version, f"Action {a.reference}")
                a = _record_replanning(s, row, a)
                _apply(row, a)
                _replace_children(s, a.id, a)
                _replace_purposes(s, a.id, a)
        return [self.get(a.id) for a in actions]
