"""Spreadsheet import and export of members (and actions, targets): preview, commit all or none."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, insert, select, update
from sqlalchemy.orm import Session, selectinload, sessionmaker

from lsp_desktop.db import audit
from lsp_desktop.db.backup import private_file
from lsp_desktop.db.models import MemberRecord, TermRow
from lsp_desktop.db.models.base import now_to_the_second
from lsp_desktop.domain.errors import DomainError
from lsp_desktop.domain.exchange import (
    ImportConflict,
    ImportProblems,
    Layout,
    Problem,
    find_layout,
    locate,
    parse_rows,
)
from lsp_desktop.domain.member_exchange import (
    MEMBER_COLUMNS,
    MEMBER_HEADERS,
    MemberPlan,
    build_drafts,
    cached_fold,
    member_key,
    plan_members,
)
from lsp_desktop.domain.members import Member
from lsp_desktop.domain.text import fold
from lsp_desktop.services.concurrency import claim_for_import, officer
from lsp_desktop.services.members import _apply as apply_member
from lsp_desktop.services.members import _to_domain as member_to_domain
from lsp_desktop.services.members import search_key as member_search_key
from lsp_desktop.services.spreadsheets import (
    Sheet,
    UnreadableFileError,
    read_table,
    write_csv,
    write_xlsx,
)
from lsp_desktop.services.unit_of_work import unit_of_work


@dataclass(frozen=True)
class ImportResult:
    added: int
    updated: int
    skipped: int
    problems: tuple[Problem, ...] = ()      # notices only

    def summary(self) -> str:
        return f"{self.added} added, {self.updated} updated, {self.skipped} skipped"


@dataclass
class MemberPreview:
    """The mapping used and what the import would do; shown before anything is written."""

    sheet: Sheet
    layout: Layout
    plan: MemberPlan
    rows: int

    @property
    def problems(self) -> list[Problem]:
        return self.plan.problems


def read_file(path: Path | str) -> Sheet:
    try:
        return read_table(path)
    except UnreadableFileError as exc:
        raise ImportProblems([Problem(None, None, str(exc))]) from None


def export_table(path: Path | str, headers: list[str], rows: list[list], title: str) -> Path:
    """Write rows as CSV or XLSX, chosen by the file name's ending; readable by the owner only."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        write_xlsx(path, headers, rows, title=title)
    elif suffix in (".csv", ".txt"):
        write_csv(path, headers, rows)
    else:
        raise DomainError(f"Export to .csv or .xlsx, not {path.suffix or 'a file without an ending'}.")
    private_file(path)
    return path


class ExchangeService:
    def __init__(self, session_factory: sessionmaker[Session]):
        self._factory = session_factory

    def read(self, path: Path | str) -> Sheet:
        """The raw rows of a CSV or XLSX file (ImportProblems if unreadable)."""
        return read_file(path)

    # -- members: import ---------------------------------------------------
    def preview_members(self, sheet: Sheet, layout: Layout | None = None,
                        update_existing: bool = False) -> MemberPreview:
        """Everything an import would do and every problem, without writing."""
        layout = layout or find_layout(sheet, MEMBER_COLUMNS)
        parsed, problems = parse_rows(sheet, layout, MEMBER_COLUMNS)
        given = {name for name, index in layout.mapping.items() if index is not None}
        drafts, more = build_drafts(parsed, given)
        existing = self._existing_members({member_key(d.member.name, d.member.organisation)
                                           for d in drafts})
        plan = plan_members(drafts, existing, update_existing)
        plan.problems[:0] = problems + more
        plan.problems[:] = locate(sorted(plan.problems, key=lambda p: (p.row is not None,
                                                                       p.row or 0)), layout)
        return MemberPreview(sheet, layout, plan, len(parsed))

    def _existing_members(self, keys: set) -> dict:
        with unit_of_work(self._factory) as s:
            ids = [mid for mid, name, org in s.execute(select(
                MemberRecord.id, MemberRecord.name, MemberRecord.organisation))
                if member_key(name, org) in keys]
            found = {}
            for start in range(0, len(ids), 500):
                for row in s.scalars(select(MemberRecord).where(
                        MemberRecord.id.in_(ids[start:start + 500])).options(
                        selectinload(MemberRecord.terms), selectinload(MemberRecord.declarations))):
                    m = member_to_domain(row)
                    found[member_key(m.name, m.organisation)] = m
            return found

    def commit_members(self, preview: MemberPreview) -> ImportResult:
        """Write the previewed import in one transaction: all rows or none."""
        plan = preview.plan
        if plan.errors:
            raise ImportProblems(plan.problems)
        with unit_of_work(self._factory) as s:
            # Updates first: each member must still be as the preview saw it (locked, and
            # at the same version), before new ids are given out - a member deleted since
            # must not be confused with a new one given its id. Another officer's later
            # change is never overwritten unseen; the import is refused, all or nothing.
            for d in plan.to_update:
                row = s.get(MemberRecord, d.existing_id, with_for_update=True)
                claim_for_import(row, d.member.version, f"The member {d.member.name}",
                                 d.rows[0])
                apply_member(row, d.member)
            new_ids = []
            if plan.to_add:
                _refuse_added_since(s, plan.to_add)
                # Ids are given here (this transaction holds the write lock), so the rows
                # go in with one executemany instead of a RETURNING round trip per batch.
                first = (s.scalar(select(func.max(MemberRecord.id))) or 0) + 1
                new_ids = list(range(first, first + len(plan.to_add)))
                conn = s.connection()     # Core executemany: the ORM bulk path splits batches
                stamp = {"version": 1, "updated_at": now_to_the_second(),
                         "updated_by": officer()}    # once, not a default call per row
                rows = [_member_values(d.member, mid, stamp)
                        for d, mid in zip(plan.to_add, new_ids, strict=True)]
                conn.execute(insert(MemberRecord.__table__), rows)
                audit.record_rows(s, MemberRecord.__table__, rows)   # a line per member
                terms = [{"member_id": mid, "start_date": t.start, "end_date": t.end,
                          "reason_left": t.reason_left}
                         for d, mid in zip(plan.to_add, new_ids, strict=True) for t in d.member.terms]
                if terms:
                    conn.execute(insert(TermRow.__table__), terms)
                    audit.record_rows(s, TermRow.__table__, terms)       # one summary line
            s.flush()
            subs = [(d, mid) for d, mid in zip(plan.to_add, new_ids, strict=True) if d.deputises_for]
            subs += [(d, d.existing_id) for d in plan.to_update if d.deputises_for]
            if subs:
                by_name: dict[str, int] = {}
                for mid, name in s.execute(select(MemberRecord.id, MemberRecord.name)
                                           .order_by(MemberRecord.id)):
                    by_name.setdefault(fold(name), mid)
                for d, mid in subs:
                    s.execute(update(MemberRecord).where(MemberRecord.id == mid)
                              .values(deputises_for_id=by_name[fold(d.deputises_for)]))
        return ImportResult(len(plan.to_add), len(plan.to_update), len(plan.skipped),
                            tuple(p for p in plan.problems if p.notice))

    def import_members(self, path: Path | str, update_existing: bool = False) -> ImportResult:
        return self.commit_members(self.preview_members(read_file(path), None, update_existing))

    # -- members: export ---------------------------------------------------
    def member_rows(self, ids: list[int] | None = None) -> list[list]:
        """Export rows in MEMBER_HEADERS order: one per term, members by id or in `ids` order."""
        m = MemberRecord
        with unit_of_work(self._factory) as s:
            members = s.execute(select(
                m.id, m.name, m.title, m.organisation, m.sector, m.category, m.role, m.email,
                m.phone, m.address, m.publish_contact, m.nominating_body, m.deputises_for_id,
                m.notes).order_by(m.id)).all()
            terms: dict[int, list] = {}
            for member_id, start, end, reason in s.execute(select(
                    TermRow.member_id, TermRow.start_date, TermRow.end_date, TermRow.reason_left)
                    .order_by(TermRow.member_id, TermRow.start_date, TermRow.id)):
                terms.setdefault(member_id, []).append((start, end, reason))
        names = {r[0]: r[1] for r in members}
        if ids is not None:
            by_id = {r[0]: r for r in members}
            members = [by_id[i] for i in ids if i in by_id]
        out = []
        no_term = ((None, None, ""),)
        for (mid, name, title, org, sector, category, role, email, phone, address, published,
             nominated, deputy, notes) in members:
            deputy_name = names.get(deputy, "") if deputy else ""
            for start, end, reason in terms.get(mid, no_term):
                out.append([name, title, org, sector, category, role, email, phone, address,
                            start, end, published, nominated, reason, deputy_name, notes])
        return out

    # -- actions and targets -------------------------------------------------
    def preview_records(self, kind: str, sheet: Sheet, layout: Layout | None = None,
                        update_existing: bool = False):
        """Like preview_members, for kind "actions" or "targets"."""
        from lsp_desktop.services.plan_exchange import PlanExchange

        return PlanExchange(self._factory).preview(kind, sheet, layout, update_existing)

    def commit_records(self, preview) -> ImportResult:
        from lsp_desktop.services.plan_exchange import PlanExchange

        added, updated, skipped = PlanExchange(self._factory).commit(preview)
        return ImportResult(added, updated, skipped, tuple(p for p in preview.problems if p.notice))

    def import_records(self, kind: str, path: Path | str,
                       update_existing: bool = False) -> ImportResult:
        """Import members, actions or targets from a CSV/XLSX file: all rows or none."""
        if kind == "members":
            return self.import_members(path, update_existing)
        return self.commit_records(self.preview_records(kind, read_file(path), None,
                                                        update_existing))

    def export_records(self, kind: str, path: Path | str, ids: list[int] | None = None) -> int:
        """Export members, actions or targets (all, or `ids` in that order) to CSV/XLSX."""
        if kind == "members":
            return self.export_members(path, ids)
        from lsp_desktop.services.plan_exchange import PlanExchange

        plan = PlanExchange(self._factory)
        rows = plan.action_rows(ids) if kind == "actions" else plan.target_rows(ids)
        export_table(path, plan.headers(kind), rows, kind.capitalize())
        return len(rows)

    def export_members(self, path: Path | str, ids: list[int] | None = None) -> int:
        """Write members (all, or those `ids` in that order) to CSV/XLSX; returns rows written."""
        rows = self.member_rows(ids)
        export_table(path, MEMBER_HEADERS, rows, "Members")
        return len(rows)


def _member_values(m: Member, member_id: int, stamp: dict) -> dict:
    return {
        "id": member_id, "title": m.title.strip(), "name": m.name.strip(),
        "search_key": member_search_key(m, cached_fold), **stamp,
        "organisation": m.organisation.strip(), "sector": m.sector.value,
        "category": m.category, "role": m.role.value, "deputises_for_id": None,
        "nominating_body": m.nominating_body.strip(), "email": m.email.strip(),
        "phone": m.phone.strip(), "address": m.address.strip(),
        "publish_contact": m.publish_contact, "notes": m.notes,
    }


def _refuse_added_since(s: Session, to_add) -> None:
    """A member the preview would add must not have been added by another officer since:
    the import would make them twice."""
    there = {member_key(name, org): (who, when) for name, org, who, when in s.execute(select(
        MemberRecord.name, MemberRecord.organisation, MemberRecord.updated_by,
        MemberRecord.updated_at))}
    if not there:
        return
    for d in to_add:
        found = there.get(member_key(d.member.name, d.member.organisation))
        if found is not None:
            raise ImportConflict(f"The member {d.member.name}", *found, d.rows[0], added=True)
