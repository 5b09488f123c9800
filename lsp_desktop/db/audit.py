"""The audit trail, written centrally from SQLAlchemy session events for every service.

How it works (see docs/audit.md):
- `register(engine, context)` marks an engine as audited (open_partnership does it); a
  session bound to that engine, or to a connection of it, is audited.
- ORM flushes are seen by mapper events (after_insert/after_update/after_delete);
  `session.execute(insert/update/delete ...)` statements by `do_orm_execute`, which reads
  the affected rows before and after. Writes made straight on a connection (the bulk
  member import) call `record_rows()` themselves.
- Changes collect in `session.info` and are written, netted, at commit (before_commit):
  a delete and an insert of identical content in the same transaction (children
  replaced wholesale on save) cancel out; several changes of one record become one line.
- Audit lines are only ever inserted; an update or delete of the audit table through a
  session is refused, except by the erasure of personal data (`scrubbing()`).
"""

from __future__ import annotations

import json
import os
import weakref
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy import event, insert, inspect, select
from sqlalchemy.orm import Session, object_session

from lsp_desktop.db.audit_lines import ENCODER as _ENCODER
from lsp_desktop.db.audit_lines import label as _label
from lsp_desktop.db.audit_lines import plain
from lsp_desktop.db.audit_lines import utc_now as _now
from lsp_desktop.db.bulk import insert_many
from lsp_desktop.db.models import AuditRow, Base
from lsp_desktop.db.models.base import OFFICER_ENV, os_user
from lsp_desktop.domain.errors import DomainError

AUDIT_TABLE = "audit"
# Tables that are not partnership records.
_SKIP = {AUDIT_TABLE, "alembic_version"}
_PENDING = "audit_pending"
_BULK = "audit_bulk"
# Columns computed from others (the member's search key, the concurrency counter that
# 0007_concurrency adds): not worth a line of their own.
_DERIVED = {"id", "search_key", "version", "updated_at", "updated_by"}
_SUSPENDED = "audit_suspended"
_SCRUB = "audit_scrub"

# Which column of a child record names the record it belongs to (for History panels).
OWNER_COLUMN = {
    "term": "member_id", "declaration": "member_id",
    "action_milestone": "action_id", "action_note": "action_id",
    "action_purpose": "action_id", "action_due_change": "action_id",
    "strategy_section": "strategy_id", "strategy_version": "strategy_id",
    "endorsement": "strategy_id", "consultation": "strategy_id", "target": "strategy_id",
    "strategy_version_section": "version_id",
    "criterion_assessment": "round_id", "go_dialogue": "round_id", "area_of_concern": "round_id",
    "evidence": "assessment_id", "weakness": "assessment_id",
    "nrf_allocation": "partnership_id",
    "body_membership": "body_id", "agenda_item": "meeting_id", "attendance": "meeting_id",
    "meeting_other": "meeting_id", "meeting_declaration": "meeting_id",
    "meeting_paper": "item_id", "meeting_decision": "item_id", "arising_action": "item_id",
    "theme_allocation": "fund_year_id", "project_budget": "project_id",
    "project_quarter": "project_id", "target_point": "target_id",
}


@dataclass
class AuditContext:
    """Who is making changes: the officer's name (from the settings) and the system user."""

    officer: str = field(default_factory=lambda: os.environ.get(OFFICER_ENV, "").strip())
    os_user: str = field(default_factory=os_user)
    # Asked at each save when set (the window's settings), so a changed name applies at once.
    officer_source: Callable[[], str] | None = None

    def current_officer(self) -> str:
        if self.officer_source is not None:
            try:
                return (self.officer_source() or "").strip()
            except Exception:   # noqa: BLE001 - a settings problem must not block a save
                return self.officer
        return self.officer


_CONTEXTS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def register(engine: sa.Engine, context: AuditContext | None = None) -> AuditContext:
    """Audit every session on `engine`; returns its (shared, changeable) context."""
    context = context or _CONTEXTS.get(engine) or AuditContext()
    _CONTEXTS[engine] = context
    return context


def context_of(bind) -> AuditContext | None:
    engine = getattr(bind, "engine", bind)
    try:
        return _CONTEXTS.get(engine)
    except TypeError:
        return None


def _audited(session: Session | None) -> bool:
    if session is None or session.info.get(_SUSPENDED):
        return False
    try:
        return context_of(session.get_bind()) is not None
    except sa.exc.UnboundExecutionError:
        return False


# -- values ------------------------------------------------------------------
@dataclass
class _Change:
    action: str                     # insert, update, delete
    table: str
    record_id: int | None
    values: dict                    # insert: new values; delete: old values; update: current
    changes: dict                   # update: {field: [old, new]}


def _pending(session: Session) -> list[_Change]:
    return session.info.setdefault(_PENDING, [])


# -- ORM flushes (mapper events) ----------------------------------------------
def _row_values(target) -> dict:
    state = inspect(target)
    return {attr.key: plain(state.dict.get(attr.key)) for attr in state.mapper.column_attrs
            if attr.key in state.dict}


def _column_names(target) -> dict[str, str]:
    return {attr.key: attr.columns[0].name for attr in inspect(target).mapper.column_attrs}


def _after_insert(_mapper, _conn, target) -> None:
    table = target.__table__.name
    session = object_session(target)
    if table in _SKIP or not _audited(session):
        return
    cols = _column_names(target)
    values = {cols[k]: v for k, v in _row_values(target).items()}
    _pending(session).append(_Change("insert", table, values.get("id"), values, {}))


def _after_update(_mapper, _conn, target) -> None:
    table = target.__table__.name
    session = object_session(target)
    if table in _SKIP or not _audited(session):
        return
    state = inspect(target)
    changes = {}
    for attr in state.mapper.column_attrs:
        hist = state.attrs[attr.key].history
        if not hist.has_changes():
            continue
        old = plain(hist.deleted[0]) if hist.deleted else None
        new = plain(hist.added[0]) if hist.added else None
        if old != new:
            changes[attr.columns[0].name] = [old, new]
    if changes:
        cols = _column_names(target)
        values = {cols[k]: v for k, v in _row_values(target).items()}
        _pending(session).append(_Change("update", table, values.get("id"), values, changes))


def _after_delete(_mapper, _conn, target) -> None:
    table = target.__table__.name
    session = object_session(target)
    if table in _SKIP or not _audited(session):
        return
    cols = _column_names(target)
    values = {cols[k]: v for k, v in _row_values(target).items()}
    _pending(session).append(_Change("delete", table, values.get("id"), values, {}))


def _before_flush(session: Session, _ctx, _instances) -> None:
    for obj in list(session.dirty) + list(session.deleted):
        if isinstance(obj, AuditRow) and not session.info.get(_SCRUB):
            raise DomainError("The audit trail cannot be changed.")


# -- statements (session.execute) ---------------------------------------------
def _dml_table(stmt) -> sa.Table | None:
    desc = getattr(stmt, "entity_description", None) or {}
    table = desc.get("table")
    if table is None:
        table = getattr(stmt, "table", None)
    return table if isinstance(table, sa.Table) else None


def _rows_by_pk(conn, table: sa.Table, where=None, ids=None) -> dict:
    pk = list(table.primary_key.columns)
    if len(pk) != 1:
        return {}
    stmt = select(table)
    if where is not None:
        stmt = stmt.where(where)
    if ids is not None:
        ids = list(ids)
        out = {}
        for start in range(0, len(ids), 500):
            for r in conn.execute(select(table).where(pk[0].in_(ids[start:start + 500]))):
                out[r._mapping[pk[0].name]] = {k: plain(v) for k, v in r._mapping.items()}
        return out
    return {r._mapping[pk[0].name]: {k: plain(v) for k, v in r._mapping.items()}
            for r in conn.execute(stmt)}


def _do_orm_execute(state) -> None:
    if state.is_select or not (state.is_insert or state.is_update or state.is_delete):
        return None
    session = state.session
    table = _dml_table(state.statement)
    if table is None:
        return None
    if table.name == AUDIT_TABLE:
        if (state.is_update or state.is_delete) and not session.info.get(_SCRUB):
            raise DomainError("The audit trail cannot be changed.")
        return None
    if table.name in _SKIP or not _audited(session):
        return None
    conn = session.connection()
    params = state.parameters
    many = isinstance(params, list) and len(params) > 0
    if state.is_insert:
        result = state.invoke_statement()
        if many:
            _record_inserted(session, table, params)
        else:
            key = getattr(result, "inserted_primary_key", None)
            if key and key[0] is not None:
                for rid, values in _rows_by_pk(conn, table, ids=[key[0]]).items():
                    _pending(session).append(_Change("insert", table.name, rid, values, {}))
        return result
    where = state.statement.whereclause
    if many:        # ORM bulk update by primary key
        pk = list(table.primary_key.columns)[0].name
        before = _rows_by_pk(conn, table, ids=[p[pk] for p in params if pk in p])
    else:
        before = _rows_by_pk(conn, table, where=where)
    result = state.invoke_statement()
    if state.is_delete:
        for rid, values in before.items():
            _pending(session).append(_Change("delete", table.name, rid, values, {}))
        return result
    after = _rows_by_pk(conn, table, ids=before) if before else {}
    for rid, old in before.items():
        new = after.get(rid)
        if new is None:
            continue
        changes = {k: [old.get(k), v] for k, v in new.items() if old.get(k) != v}
        if changes:
            _pending(session).append(_Change("update", table.name, rid, new, changes))
    return result


def _record_inserted(session: Session, table: sa.Table, rows: list[dict]) -> None:
    """Rows inserted by an ORM executemany (actions added together): a line per row with
    its values; one summary line for rows inserted without ids."""
    pending = _pending(session)
    columns = set(table.columns.keys())
    without_id = 0
    for row in rows:
        values = {k: v for k, v in row.items() if k in columns}
        if values.get("id") is None:
            without_id += 1
            continue
        pending.append(_Change("insert", table.name, values["id"], values, {}))
    if without_id:
        pending.append(_Change("insert", table.name, None, {},
                               {"records added": [None, without_id]}))


def record_rows(session: Session, table: sa.Table, rows: Iterable[dict], note: str = "import"
                ) -> None:
    """Record rows inserted straight on a connection (the members import).

    One line per row that has an id, naming the record but not repeating its values
    (they are the record's own values at that moment; a later change or deletion
    records old and new values), which keeps a 50,000-row import fast; one summary line
    for rows inserted without ids.
    """
    if not _audited(session):
        return
    bulk = session.info.setdefault(_BULK, [])
    # A plain str: the table's name is SQLAlchemy's quoted_name, a str subclass that
    # sqlite3 asks for __conform__ on every row (a third of a second per 50,000).
    name = str(table.name)
    column = OWNER_COLUMN.get(name)
    changes = _ENCODER.encode({"added by": [None, note]})
    without_id = 0
    for row in rows:
        rid = row.get("id")
        if rid is None:
            without_id += 1
            continue
        owner = (column, row[column]) if column and row.get(column) is not None else None
        bulk.append((name, rid, _label(name, row), owner, changes))
    if without_id:
        _pending(session).append(_Change("insert", name, None, {},
                                         {"records added": [None, without_id]}))


def record(session: Session, action: str, table: str, record_id: int | None,
           label: str, changes: dict, owner: tuple[str, int] | None = None) -> None:
    """Write one line now, outside the automatic recording (used by the erasure)."""
    context = context_of(session.get_bind())
    if context is None:
        return
    session.connection().execute(insert(AuditRow.__table__), [_line(
        context, _now(), action, table, record_id, label, changes, owner)])


# -- writing at commit ----------------------------------------------------------
def _line(context: AuditContext, at: datetime, action: str, table: str, record_id,
          label: str, changes: dict, owner: tuple | None, officer: str | None = None) -> dict:
    if officer is None:
        officer = context.current_officer()
    return {"at": at, "officer": officer, "os_user": context.os_user,
            "action": action, "record_type": table, "record_id": record_id,
            "owner_type": owner[0] if owner else None, "owner_id": owner[1] if owner else None,
            "label": label[:300],
            "changes": _ENCODER.encode(changes) if changes else ""}




def _net(changes: list[_Change]) -> list[_Change]:
    """One change per record; identical delete + insert pairs (children re-written) cancel."""
    merged: dict[tuple, _Change] = {}
    order: list[tuple] = []
    loose: list[_Change] = []
    for c in changes:
        if c.record_id is None:
            loose.append(c)
            continue
        key = (c.table, c.record_id)
        prev = merged.get(key)
        if prev is None:
            merged[key] = c
            order.append(key)
        elif prev.action == "insert" and c.action == "update":
            prev.values = {**prev.values, **{k: v[1] for k, v in c.changes.items()}}
        elif prev.action == "insert" and c.action == "delete":
            merged[key] = None
        elif prev.action == "update" and c.action == "update":
            both = dict(prev.changes)
            for k, (old, new) in c.changes.items():
                both[k] = [both[k][0] if k in both else old, new]
            prev.changes = {k: v for k, v in both.items() if v[0] != v[1]}
            prev.values = c.values
        elif prev.action == "update" and c.action == "delete":
            c.values = {**c.values, **{k: v[0] for k, v in prev.changes.items()}}
            merged[key] = c
        else:   # delete then insert under the same id: keep both
            order.append(key + (len(order),))
            merged[key + (len(order) - 1,)] = c
    out = [merged[k] for k in order if merged.get(k) is not None]
    out = [c for c in out if c.action != "update" or c.changes]
    # A child deleted and re-inserted with the same content under a new id is no change.
    deleting = {c.table for c in out if c.action == "delete"}
    if not deleting:
        return out + loose
    inserted: dict[tuple, list[_Change]] = {}
    for c in out:
        if c.action == "insert" and c.table in deleting:
            inserted.setdefault((c.table, _content(c.values)), []).append(c)
    dropped = set()
    for c in out:
        if c.action == "delete" and inserted:
            twins = inserted.get((c.table, _content(c.values)))
            if twins:
                dropped.add(id(c))
                dropped.add(id(twins.pop()))
    out = [c for c in out if id(c) not in dropped]
    return _pair_replacements(out) + loose


def _pair_replacements(out: list[_Change]) -> list[_Change]:
    """One child deleted and one added under the same owner (a term edited, children being
    re-written on save) read as one change of that child."""
    groups: dict[tuple, list[_Change]] = {}
    for c in out:
        column = OWNER_COLUMN.get(c.table)
        if column and c.action in ("insert", "delete") and c.values.get(column) is not None:
            groups.setdefault((c.table, c.values[column]), []).append(c)
    merged: dict[int, _Change | None] = {}
    for group in groups.values():
        gone = [c for c in group if c.action == "delete"]
        new = [c for c in group if c.action == "insert"]
        if len(gone) == 1 and len(new) == 1:
            old, added = gone[0], new[0]
            diff = {k: [old.values.get(k), v] for k, v in added.values.items()
                    if k != "id" and old.values.get(k) != v}
            merged[id(old)] = None
            merged[id(added)] = _Change("update", added.table, added.record_id, added.values,
                                        diff)
    if not merged:
        return out
    return [merged.get(id(c), c) for c in out if merged.get(id(c), c) is not None]


def _content(values: dict) -> str:
    return _ENCODER.encode({k: v for k, v in values.items() if k != "id"})


def _owner_of(table: str, values: dict) -> tuple[str, int] | None:
    column = OWNER_COLUMN.get(table)
    if column is None or values.get(column) is None:
        return None
    fks = Base.metadata.tables[table].columns[column].foreign_keys
    target = next(iter(fks)).column.table.name if fks else column.removesuffix("_id")
    return target, values[column]


def _labels_of(conn, wanted: dict[str, set], known: dict[tuple, str]) -> dict[tuple, str]:
    """Labels of owner records, read from the database (or from lines being written)."""
    out = dict(known)
    for table, ids in wanted.items():
        ids = [i for i in ids if (table, i) not in out]
        if not ids or table not in Base.metadata.tables:
            continue
        t = Base.metadata.tables[table]
        for rid, values in _rows_by_pk(conn, t, ids=ids).items():
            out[(table, rid)] = _label(table, values)
    return out


def _write_bulk(session: Session, context: AuditContext) -> None:
    bulk = session.info.pop(_BULK, None)
    if not bulk:
        return
    constants = {"at": _now(), "officer": context.current_officer(),
                 "os_user": context.os_user, "action": "insert"}
    # Plain tuples, a chunk at a time: a 50,000-member import writes 50,000 lines.
    insert_many(session.connection(), AuditRow.__table__,
                ("record_type", "record_id", "owner_type", "owner_id", "label", "changes"),
                ((table, rid, owner[0] if owner else None, owner[1] if owner else None,
                  label[:300], changes) for table, rid, label, owner, changes in bulk),
                constants)


def _write(session: Session) -> None:
    context = context_of(session.get_bind())
    if context is None:
        return
    _write_bulk(session, context)
    changes = session.info.pop(_PENDING, None)
    if not changes:
        return
    changes = _net(changes)
    if not changes:
        return
    known = {(c.table, c.record_id): _label(c.table, c.values) for c in changes
             if c.record_id is not None}
    owners = {id(c): _owner_of(c.table, c.values) for c in changes}
    wanted: dict[str, set] = {}
    for owner in owners.values():
        if owner is not None:
            wanted.setdefault(owner[0], set()).add(owner[1])
    conn = session.connection()
    labels = _labels_of(conn, wanted, known)
    at = _now()
    officer = context.current_officer()
    lines = []
    for c in changes:
        owner = owners[id(c)]
        own = known.get((c.table, c.record_id), "")
        if owner is not None and labels.get(owner):
            own = f"{labels[owner]}: {own}" if own else labels[owner]
        if c.record_id is None:
            detail = c.changes
            own = f"{c.changes['records added'][1]} {c.table} records added together"
        elif c.action == "update":
            detail = {k: v for k, v in c.changes.items() if k not in _DERIVED}
            if not detail:
                continue
        else:
            detail = {k: ([None, v] if c.action == "insert" else [v, None])
                      for k, v in c.values.items()
                      if k not in _DERIVED and k != OWNER_COLUMN.get(c.table)
                      and v is not None and v != ""}
        lines.append(_line(context, at, c.action, c.table, c.record_id, own, detail, owner,
                           officer))
    for start in range(0, len(lines), 5000):
        conn.execute(insert(AuditRow.__table__), lines[start:start + 5000])


def _before_commit(session: Session) -> None:
    if not session.info.get(_PENDING) and not session.info.get(_BULK) and not session.dirty \
            and not session.new and not session.deleted:
        return
    session.flush()
    _write(session)


def _forget(session: Session, *_args) -> None:
    session.info.pop(_PENDING, None)
    session.info.pop(_BULK, None)


@contextmanager
def suspended(session: Session) -> Iterator[None]:
    """Record nothing automatically inside the block (the caller writes its own line)."""
    session.flush()
    session.info[_SUSPENDED] = True
    try:
        yield
        session.flush()
    finally:
        session.info.pop(_SUSPENDED, None)


@contextmanager
def scrubbing(session: Session) -> Iterator[None]:
    """Allow the erasure of personal data to rewrite audit lines (and record nothing)."""
    with suspended(session):
        session.info[_SCRUB] = True
        try:
            yield
        finally:
            session.info.pop(_SCRUB, None)


_INSTALLED = False


def install() -> None:
    """Listen to every session and mapped class once per process."""
    global _INSTALLED
    if _INSTALLED:
        return
    _INSTALLED = True
    event.listen(Base, "after_insert", _after_insert, propagate=True)
    event.listen(Base, "after_update", _after_update, propagate=True)
    event.listen(Base, "after_delete", _after_delete, propagate=True)
    event.listen(Session, "before_flush", _before_flush)
    event.listen(Session, "do_orm_execute", _do_orm_execute)
    event.listen(Session, "before_commit", _before_commit)
    event.listen(Session, "after_rollback", _forget)
    event.listen(Session, "after_soft_rollback", _forget)


# -- erasure of personal data ---------------------------------------------------
PERSONAL_FIELDS = ("title", "name", "given_names", "family_name", "search_key", "email", "phone",
                   "address", "notes")
ERASED = "(erased)"


def _replace_all(value, replacements: list[tuple[str, str]]):
    if isinstance(value, str):
        for old, new in replacements:
            value = value.replace(old, new)
        return value
    if isinstance(value, list):
        return [_replace_all(v, replacements) for v in value]
    if isinstance(value, dict):
        return {k: _replace_all(v, replacements) for k, v in value.items()}
    return value


def scrub_member(session: Session, member_id: int, label: str,
                 replacements: list[tuple[str, str]]) -> int:
    """Erase a member's personal data from the audit trail, keeping that changes happened.

    Lines about the member: personal fields' old and new values become "(erased)" and the
    label becomes the erasure label. Lines about their terms and declarations, and any
    other line: the name and contact details are replaced as in the records themselves
    (also where JSON escaped them). Returns the number of lines rewritten.
    """
    if not session.info.get(_SCRUB):
        raise DomainError("The audit trail cannot be changed.")
    t = AuditRow.__table__
    conn = session.connection()
    rows = conn.execute(select(t.c.id, t.c.record_type, t.c.label, t.c.changes).where(sa.or_(
        (t.c.record_type == "member") & (t.c.record_id == member_id),
        (t.c.owner_type == "member") & (t.c.owner_id == member_id)))).all()
    for line_id, record_type, old_label, changes in rows:
        data = json.loads(changes) if changes else {}
        if record_type == "member":
            for name in PERSONAL_FIELDS:
                if name in data:
                    data[name] = [v if v in (None, "") else ERASED for v in data[name]]
            new_label = label
        else:
            new_label = _replace_all(old_label, replacements)
        data = _replace_all(data, replacements)
        conn.execute(sa.update(t).where(t.c.id == line_id).values(
            label=new_label,
            changes=json.dumps(data, ensure_ascii=False, sort_keys=True) if data else ""))
    for old, new in replacements:
        esc_old, esc_new = json.dumps(old, ensure_ascii=False)[1:-1], \
            json.dumps(new, ensure_ascii=False)[1:-1]
        if esc_old != old:
            conn.execute(sa.update(t).where(t.c.changes.contains(esc_old, autoescape=True))
                         .values(changes=sa.func.replace(t.c.changes, esc_old, esc_new)))
    return len(rows)
