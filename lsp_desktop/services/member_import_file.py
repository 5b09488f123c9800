"""The members import into a partnership file by the standard library's sqlite3 (no SQLAlchemy)."""

from __future__ import annotations

import os
import sqlite3
from datetime import datetime
from pathlib import Path

from lsp_desktop.db.audit_lines import ENCODER, label, utc_now
from lsp_desktop.db.bulk import insert_rows, sqlite_datetime
from lsp_desktop.db.database import file_writes
from lsp_desktop.db.stamps import OFFICER_ENV, current_officer, now_to_the_second, os_user
from lsp_desktop.domain.errors import ReadOnlyError
from lsp_desktop.domain.exchange import ImportConflict
from lsp_desktop.domain.member_exchange import MemberDraft, MemberPlan, cached_fold, member_key
from lsp_desktop.domain.members import search_key

MEMBER_COLUMNS = ("id", "title", "name", "given_names", "family_name", "search_key",
                  "organisation", "sector", "category", "role", "deputises_for_id",
                  "nominating_body", "email", "phone", "address", "publish_contact", "notes")
_AUDIT_COLUMNS = ("record_type", "record_id", "owner_type", "owner_id", "label", "changes")
# What db.audit writes for rows an import adds (record_rows), in its JSON.
_ADDED_BY_IMPORT = ENCODER.encode({"added by": [None, "import"]})


def can_write(plan: MemberPlan) -> bool:
    """Whether add_members writes this plan: new members only, none a substitute (updates
    and substitutes' links are written, and audited field by field, through the engine)."""
    return not plan.to_update and not any(d.deputises_for for d in plan.to_add)


def add_members(path: Path, drafts: list[MemberDraft]) -> list[int]:
    """The new members, their terms and their audit lines written to the file in one
    transaction, all or nothing, as the engine path writes them (the same rows, values
    and audit lines). Returns the ids given, in the drafts' order."""
    con = file_writes(path)
    try:
        con.execute("BEGIN IMMEDIATE")      # the write lock first: ids are given here
        try:
            _refuse_added_since(con, drafts)
            first = (con.execute("SELECT max(id) FROM member").fetchone()[0] or 0) + 1
            _insert(con, drafts, first)
            con.execute("COMMIT")
        except BaseException:
            if con.in_transaction:
                try:
                    con.execute("ROLLBACK")
                except sqlite3.Error:       # the first error is the one to tell
                    pass
            raise
    except sqlite3.OperationalError as exc:
        if ReadOnlyError.said_by(str(exc)):
            raise ReadOnlyError(ReadOnlyError.MESSAGE) from None
        raise
    finally:
        con.close()
    return list(range(first, first + len(drafts)))


def _insert(con: sqlite3.Connection, drafts: list[MemberDraft], first: int) -> None:
    stamp = {"version": 1, "updated_at": sqlite_datetime(now_to_the_second()),
             "updated_by": current_officer()}
    insert_rows(con, "member", MEMBER_COLUMNS, member_values(drafts, first), stamp)
    # The audit trail's lines, as db.audit writes them at the commit: who (the officer's
    # name as set, else empty, and the system user), a line per member, then one summary
    # line for the terms.
    who = {"officer": os.environ.get(OFFICER_ENV, "").strip(), "os_user": os_user()}
    insert_rows(con, "audit", _AUDIT_COLUMNS, (
        ("member", mid, None, None, _label(d.member.title.strip(), d.member.name.strip()),
         _ADDED_BY_IMPORT) for mid, d in enumerate(drafts, start=first)),
        {"at": sqlite_datetime(utc_now()), **who, "action": "insert"})
    dates: dict = {None: None}
    terms = insert_rows(con, "term", ("member_id", "start_date", "end_date", "reason_left"), (
        (mid, _day(t.start, dates), _day(t.end, dates), t.reason_left)
        for mid, d in enumerate(drafts, start=first) for t in d.member.terms))
    if terms:
        insert_rows(con, "audit", _AUDIT_COLUMNS, [(
            "term", None, None, None, f"{terms} term records added together",
            ENCODER.encode({"records added": [None, terms]}))],
            {"at": sqlite_datetime(utc_now()), **who, "action": "insert"})


def member_values(drafts: list[MemberDraft], first: int):
    """Each new member's values in MEMBER_COLUMNS order, ids from `first` on (the engine
    path writes the same tuples)."""
    return ((mid, m.title.strip(), m.name.strip(), m.given_names.strip(), m.family_name.strip(),
             search_key(m, cached_fold), m.organisation.strip(), m.sector._value_,
             m.category, m.role._value_, None, m.nominating_body.strip(), m.email.strip(),
             m.phone.strip(), m.address.strip(), m.publish_contact, m.notes)
            for mid, m in enumerate((d.member for d in drafts), start=first))


def _day(value, seen: dict):
    """A date as SQLite keeps it (ISO text); a register repeats a few dates many times."""
    text = seen.get(value)
    if text is None and value is not None:
        text = seen[value] = value.isoformat()
    return text


def _label(title: str, name: str) -> str:
    """A member's audit label, as db.audit names a member."""
    return label("member", {"title": title, "name": name})


def _refuse_added_since(con: sqlite3.Connection, drafts: list[MemberDraft]) -> None:
    """A member the preview would add must not have been added by another officer since:
    the import would make them twice."""
    there = {member_key(name, org): (who, when) for name, org, who, when in con.execute(
        "SELECT name, organisation, updated_by, updated_at FROM member")}
    if not there:
        return
    for d in drafts:
        found = there.get(d.key)
        if found is not None:
            who, when = found
            raise ImportConflict(f"The member {d.member.name}", who,
                                 datetime.fromisoformat(when) if when else None, d.rows[0],
                                 added=True)
