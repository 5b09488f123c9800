"""The members import through SQLAlchemy: a server's import, updates, substitutes and undo."""

from __future__ import annotations

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session, selectinload, sessionmaker

from lsp_desktop.db import audit
from lsp_desktop.db.bulk import insert_many
from lsp_desktop.db.models import MemberRecord, TermRow
from lsp_desktop.db.models.base import now_to_the_second
from lsp_desktop.domain.errors import ConflictError
from lsp_desktop.domain.exchange import ImportConflict
from lsp_desktop.domain.member_exchange import MemberDraft, MemberPlan, member_key, name_key
from lsp_desktop.domain.members import Member
from lsp_desktop.services.concurrency import claim_for_import, officer
from lsp_desktop.services.member_import_file import MEMBER_COLUMNS, member_values
from lsp_desktop.services.members import _apply as apply_member
from lsp_desktop.services.members import _to_domain as member_to_domain
from lsp_desktop.services.unit_of_work import unit_of_work


def register_names(factory: sessionmaker[Session]):
    """(id, name, organisation) of every member on the register."""
    with unit_of_work(factory) as s:
        return s.execute(select(MemberRecord.id, MemberRecord.name,
                                MemberRecord.organisation)).all()


def members_by_id(factory: sessionmaker[Session], ids: list[int]) -> list[Member]:
    """The members `ids` with their terms and declarations."""
    found = []
    with unit_of_work(factory) as s:
        for start in range(0, len(ids), 500):
            for row in s.scalars(select(MemberRecord).where(
                    MemberRecord.id.in_(ids[start:start + 500])).options(
                    selectinload(MemberRecord.terms), selectinload(MemberRecord.declarations))):
                found.append(member_to_domain(row))
    return found


def write(factory: sessionmaker[Session], plan: MemberPlan
          ) -> tuple[list[int], list[tuple[Member, int]]]:
    """The plan written in one transaction: (ids added, (member before, version) updated)."""
    updated: list[tuple[Member, int]] = []
    with unit_of_work(factory) as s:
        # Updates first: each member must still be as the preview saw it (locked, and
        # at the same version), before new ids are given out - a member deleted since
        # must not be confused with a new one given its id. Another officer's later
        # change is never overwritten unseen; the import is refused, all or nothing.
        for d in plan.to_update:
            row = s.get(MemberRecord, d.existing_id, with_for_update=True)
            claim_for_import(row, d.member.version, f"The member {d.member.name}",
                             d.rows[0])
            apply_member(row, d.member)
            updated.append((d.before, row.version))
        new_ids = []
        if plan.to_add:
            _refuse_added_since(s, plan.to_add)
            # Ids are given here (this transaction holds the write lock), so the rows
            # go in with one executemany instead of a RETURNING round trip per batch.
            first = (s.scalar(select(func.max(MemberRecord.id))) or 0) + 1
            new_ids = list(range(first, first + len(plan.to_add)))
            _insert_added(s, plan.to_add, first)
        s.flush()
        subs = [(d, mid) for d, mid in zip(plan.to_add, new_ids, strict=True) if d.deputises_for]
        subs += [(d, d.existing_id) for d in plan.to_update if d.deputises_for]
        if subs:
            by_name: dict[str, int] = {}
            for mid, name in s.execute(select(MemberRecord.id, MemberRecord.name)
                                       .order_by(MemberRecord.id)):
                by_name.setdefault(name_key(name), mid)
            for d, mid in subs:
                s.execute(update(MemberRecord).where(MemberRecord.id == mid)
                          .values(deputises_for_id=by_name[name_key(d.deputises_for)]))
    return new_ids, updated


def undo(factory: sessionmaker[Session], added_ids: tuple[int, ...],
         updated_before: tuple[tuple[Member, int], ...]) -> None:
    """Reverse a whole import: remove the members it added and put back those it
    updated - refused, with nothing changed, if another officer has changed any of
    them since (named in the message)."""
    with unit_of_work(factory) as s:
        if added_ids:
            changed = s.execute(select(MemberRecord.name, MemberRecord.updated_by,
                                       MemberRecord.updated_at).where(
                MemberRecord.id.in_(added_ids), MemberRecord.version != 1)
                .limit(1)).first()
            if changed is not None:
                raise _changed_since(f"The member {changed[0]}", changed[1], changed[2])
        for before, version in updated_before:
            row = s.get(MemberRecord, before.id, with_for_update=True)
            if row is None:
                raise _changed_since(f"The member {before.name}", "", None, deleted=True)
            if row.version != version:
                raise _changed_since(f"The member {row.name}", row.updated_by, row.updated_at)
            apply_member(row, before)
            row.version = version + 1
            row.updated_at = now_to_the_second()
            row.updated_by = officer()
        ids = list(added_ids)
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            s.execute(update(MemberRecord).where(MemberRecord.deputises_for_id.in_(chunk))
                      .values(deputises_for_id=None))
            s.execute(delete(TermRow).where(TermRow.member_id.in_(chunk)))
            s.execute(delete(MemberRecord).where(MemberRecord.id.in_(chunk)))


def _changed_since(what: str, who: str, when, deleted: bool = False) -> ConflictError:
    error = ConflictError(what, who or "", when)
    at = f" at {when:%H:%M} on {when:%d/%m/%Y}" if when is not None else ""
    done = "was deleted" if deleted else f"was changed by {who or 'another officer'}{at}"
    Exception.__init__(error, f"{what} {done} after the import; the import was not undone "
                              "(nothing was changed).")
    return error


def _insert_added(s: Session, drafts: list[MemberDraft], first: int) -> None:
    """The new members and their terms as plain tuples on the session's connection (Core,
    a chunk at a time), and an audit line per member, as the ORM path would record."""
    conn = s.connection()
    stamp = {"version": 1, "updated_at": now_to_the_second(), "updated_by": officer()}
    insert_many(conn, MemberRecord.__table__, MEMBER_COLUMNS, member_values(drafts, first),
                stamp)
    audit.record_rows(s, MemberRecord.__table__, (          # a line per member
        {"id": mid, "title": d.member.title.strip(), "name": d.member.name.strip()}
        for mid, d in enumerate(drafts, start=first)))
    terms = insert_many(conn, TermRow.__table__,
                        ("member_id", "start_date", "end_date", "reason_left"),
                        ((mid, t.start, t.end, t.reason_left)
                         for mid, d in enumerate(drafts, start=first) for t in d.member.terms))
    if terms:                                                   # one summary line
        audit.record_rows(s, TermRow.__table__, [{}] * terms)


def _refuse_added_since(s: Session, to_add) -> None:
    """A member the preview would add must not have been added by another officer since:
    the import would make them twice."""
    there = {member_key(name, org): (who, when) for name, org, who, when in s.execute(select(
        MemberRecord.name, MemberRecord.organisation, MemberRecord.updated_by,
        MemberRecord.updated_at))}
    if not there:
        return
    for d in to_add:
        found = there.get(d.key)
        if found is not None:
            raise ImportConflict(f"The member {d.member.name}", *found, d.rows[0], added=True)
