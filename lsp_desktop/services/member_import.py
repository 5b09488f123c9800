"""Importing officers' own registers of members: preview, commit (all, or the good rows), undo."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session, selectinload, sessionmaker

from lsp_desktop.db import audit
from lsp_desktop.db.bulk import insert_many
from lsp_desktop.db.models import MemberRecord, TermRow
from lsp_desktop.db.models.base import now_to_the_second
from lsp_desktop.domain.errors import ConflictError, DomainError
from lsp_desktop.domain.exchange import (
    ImportConflict,
    ImportProblems,
    Layout,
    Problem,
    find_layout,
    iter_rows,
    locate,
    mapping_problems,
)
from lsp_desktop.domain.member_exchange import (
    MEMBER_COLUMNS,
    MemberDraft,
    MemberPlan,
    Suggestion,
    build_drafts,
    cached_fold,
    member_key,
    name_key,
    plan_members,
    set_aside_rejects,
)
from lsp_desktop.domain.members import Member
from lsp_desktop.domain.sheets import Sheet
from lsp_desktop.services.collector import collector_paused
from lsp_desktop.services.concurrency import claim_for_import, officer
from lsp_desktop.services.members import _apply as apply_member
from lsp_desktop.services.members import _to_domain as member_to_domain
from lsp_desktop.services.members import search_key as member_search_key
from lsp_desktop.services.rejects import write_rejects
from lsp_desktop.services.spreadsheets import UnreadableFileError, read_table
from lsp_desktop.services.unit_of_work import unit_of_work


@dataclass(frozen=True)
class ImportResult:
    added: int
    updated: int
    skipped: int
    problems: tuple[Problem, ...] = ()      # notices only
    rejected: int = 0                       # rows written to the rejects file
    rejects_file: Path | None = None
    # What undoing the import needs: the members added (id, version written) and the
    # members updated as they were before (with the version the import gave them).
    added_ids: tuple[int, ...] = ()
    updated_before: tuple[tuple[Member, int], ...] = field(default=(), compare=False)

    def summary(self) -> str:
        text = f"{self.added} added, {self.updated} updated, {self.skipped} skipped"
        if self.rejects_file is not None:
            text += f"; {self.rejected} row(s) to correct saved to {self.rejects_file.name}"
        return text


class SuggestionsPending(DomainError):
    """Category guesses the officer has not confirmed: nothing was imported."""

    def __init__(self, suggestions: list[Suggestion], what: str = "category"):
        self.suggestions, self.what = suggestions, what
        super().__init__(f"{len(suggestions)} {what} word(s) in the file were guessed; "
                         "confirm or change them before importing:\n"
                         + "\n".join(describe(s) for s in suggestions))


def describe(s: Suggestion) -> str:
    rows = ", ".join(map(str, s.rows[:5])) + (f" and {len(s.rows) - 5} more" if len(s.rows) > 5 else "")
    return f"'{s.value}' -> {s.category} (row{'s' if len(s.rows) > 1 else ''} {rows})"


@dataclass
class MemberPreview:
    """The mapping used and what the import would do; shown before anything is written."""

    sheet: Sheet
    layout: Layout
    plan: MemberPlan
    rows: int
    data_rows: list[int] = field(default_factory=list)

    @property
    def problems(self) -> list[Problem]:
        return self.plan.problems

    @property
    def suggestions(self) -> list[Suggestion]:
        return self.plan.suggestions

    @property
    def good_rows(self) -> int:
        """Rows that would go in if the rows with problems are set aside."""
        return len(self.data_rows) - len(self.plan.reject_rows)

    @property
    def can_set_aside(self) -> bool:
        """Whether importing the good rows and saving the others is possible."""
        return bool(self.plan.reject_rows) and not self.plan.file_errors


def read_file(path: Path | str, sheet: str | None = None) -> Sheet:
    try:
        return read_table(path, sheet)
    except UnreadableFileError as exc:
        raise ImportProblems([Problem(None, None, str(exc))]) from None


def read_register(path: Path | str, sheet: str | None = None) -> Sheet:
    """A register file; in a workbook with several sheets and none named, the first sheet
    that has a members' header row (else the first)."""
    first = read_file(path, sheet)
    if sheet is not None or len(first.sheet_names) < 2:
        return first
    if find_layout(first, MEMBER_COLUMNS).header_row >= 0:
        return first
    for name in first.sheet_names[1:]:
        other = read_file(path, name)
        if find_layout(other, MEMBER_COLUMNS).header_row >= 0:
            return other
    return first


def _name_problems(layout: Layout) -> list[Problem]:
    if layout.header_row < 0 or layout.mapping.get("name") is not None \
            or layout.mapping.get("family_name") is not None:
        return []
    return [Problem(None, "Name", "the file has no Name column (nor Surname and First name "
                                  "columns).")]


class MemberImport:
    """Preview and write an import of members; undo a whole import."""

    def __init__(self, session_factory: sessionmaker[Session]):
        self._factory = session_factory

    def preview(self, sheet: Sheet, layout: Layout | None = None, update_existing: bool = False,
                choices: dict[str, str] | None = None) -> MemberPreview:
        """Everything an import would do and every problem, without writing. `choices`:
        the officer's category for each guessed word (Suggestion.key -> category)."""
        with collector_paused():
            return self._preview(sheet, layout, update_existing, choices)

    def _preview(self, sheet: Sheet, layout: Layout | None, update_existing: bool,
                 choices: dict[str, str] | None) -> MemberPreview:
        layout = layout or find_layout(sheet, MEMBER_COLUMNS)
        problems = list(layout.problems) + mapping_problems(layout, MEMBER_COLUMNS)
        data_rows: list[int] = []

        def rows():     # each row's values are dropped once its member is built
            for r in iter_rows(sheet, layout, MEMBER_COLUMNS, problems):
                data_rows.append(r.row)
                yield r

        given = {name for name, index in layout.mapping.items() if index is not None}
        drafts, more, suggestions = build_drafts(rows(), given, choices)
        problems += _name_problems(layout)
        existing, names = self._existing_members({d.key for d in drafts})
        plan = plan_members(drafts, existing, update_existing, names)
        plan.suggestions = suggestions
        plan.problems[:0] = problems + more
        if len(sheet.sheet_names) > 1:
            plan.problems.insert(0, Problem(None, None, f"read the sheet '{sheet.name}' of the "
                                            "workbook (its sheets: " + ", ".join(
                                                f"'{n}'" for n in sheet.sheet_names) + ").", True))
        plan.problems[:] = locate(sorted(plan.problems, key=lambda p: (p.row is not None,
                                                                       p.row or 0)),
                                  layout, MEMBER_COLUMNS)
        set_aside_rejects(plan, data_rows, names)
        return MemberPreview(sheet, layout, plan, len(data_rows), data_rows)

    def import_file(self, path: Path | str, update_existing: bool = False,
                    sheet: str | None = None, rejects: Path | str | None = None,
                    accept_suggestions: bool = False) -> ImportResult:
        """Read, preview and commit a register file in one go (the command line)."""
        with collector_paused():
            preview = self.preview(read_register(path, sheet), None, update_existing)
            if rejects is None or not preview.plan.reject_rows:
                # Only a rejects file reads the file's rows again: let them go.
                preview.sheet = replace(preview.sheet, rows=[])
            try:
                return self.commit(preview, rejects, accept_suggestions)
            finally:
                del preview         # freed now, not walked by the collector switched back on

    def _existing_members(self, keys: set) -> tuple[dict, set[str]]:
        """The members the drafts match (by member_key), and every name on the register."""
        with unit_of_work(self._factory) as s:
            ids, names = [], set()
            for mid, name, org in s.execute(select(
                    MemberRecord.id, MemberRecord.name, MemberRecord.organisation)):
                names.add(name_key(name))
                if member_key(name, org) in keys:
                    ids.append(mid)
            found = {}
            for start in range(0, len(ids), 500):
                for row in s.scalars(select(MemberRecord).where(
                        MemberRecord.id.in_(ids[start:start + 500])).options(
                        selectinload(MemberRecord.terms), selectinload(MemberRecord.declarations))):
                    m = member_to_domain(row)
                    found[member_key(m.name, m.organisation)] = m
            return found, names

    def commit(self, preview: MemberPreview, rejects: Path | str | None = None,
               accept_suggestions: bool = False) -> ImportResult:
        """Write the previewed import in one transaction. Without `rejects`, all rows or
        none; with it, the good rows go in and the others are written to that file."""
        plan = preview.plan
        if plan.pending and not accept_suggestions:
            raise SuggestionsPending(plan.pending)
        if plan.errors and (rejects is None or plan.file_errors):
            raise ImportProblems(plan.problems)
        rejected, rejects_file = 0, None
        if rejects is not None and plan.reject_rows:
            rejects_file = Path(rejects)
            rejected = write_rejects(rejects_file, preview.sheet, preview.layout.header_row,
                                     plan.reject_rows)
        with collector_paused():
            new_ids, updated = self._write(plan)
        return ImportResult(len(plan.to_add), len(plan.to_update), len(plan.skipped),
                            tuple(p for p in plan.problems if p.notice), rejected, rejects_file,
                            tuple(new_ids), tuple(updated))

    def _write(self, plan: MemberPlan) -> tuple[list[int], list[tuple[Member, int]]]:
        updated: list[tuple[Member, int]] = []
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

    def undo(self, result: ImportResult) -> None:
        """Reverse a whole import: remove the members it added and put back those it
        updated - refused, with nothing changed, if another officer has changed any of
        them since (named in the message)."""
        with unit_of_work(self._factory) as s:
            if result.added_ids:
                changed = s.execute(select(MemberRecord.name, MemberRecord.updated_by,
                                           MemberRecord.updated_at).where(
                    MemberRecord.id.in_(result.added_ids), MemberRecord.version != 1)
                    .limit(1)).first()
                if changed is not None:
                    raise _changed_since(f"The member {changed[0]}", changed[1], changed[2])
            for before, version in result.updated_before:
                row = s.get(MemberRecord, before.id, with_for_update=True)
                if row is None:
                    raise _changed_since(f"The member {before.name}", "", None, deleted=True)
                if row.version != version:
                    raise _changed_since(f"The member {row.name}", row.updated_by, row.updated_at)
                apply_member(row, before)
                row.version = version + 1
                row.updated_at = now_to_the_second()
                row.updated_by = officer()
            ids = list(result.added_ids)
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


_MEMBER_COLUMNS = ("id", "title", "name", "given_names", "family_name", "search_key",
                   "organisation", "sector", "category", "role", "deputises_for_id",
                   "nominating_body", "email", "phone", "address", "publish_contact", "notes")


def _insert_added(s: Session, drafts: list[MemberDraft], first: int) -> None:
    """The new members and their terms as plain tuples on the session's connection (Core,
    a chunk at a time), and an audit line per member, as the ORM path would record."""
    conn = s.connection()
    stamp = {"version": 1, "updated_at": now_to_the_second(), "updated_by": officer()}
    insert_many(conn, MemberRecord.__table__, _MEMBER_COLUMNS, (
        (mid, m.title.strip(), m.name.strip(), m.given_names.strip(), m.family_name.strip(),
         member_search_key(m, cached_fold), m.organisation.strip(), m.sector.value,
         m.category, m.role.value, None, m.nominating_body.strip(), m.email.strip(),
         m.phone.strip(), m.address.strip(), m.publish_contact, m.notes)
        for mid, m in enumerate((d.member for d in drafts), start=first)), stamp)
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
