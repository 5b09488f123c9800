"""Spreadsheet import and export of members (and actions, targets): preview, commit all or none."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from lsp_desktop.domain.errors import DomainError
from lsp_desktop.domain.exchange import Layout
from lsp_desktop.domain.member_exchange import MEMBER_HEADERS
from lsp_desktop.domain.sheets import Sheet
from lsp_desktop.safe_files import atomic_write, check_target
from lsp_desktop.services.member_import import (  # noqa: F401 - ImportResult re-exported
    ImportResult,
    MemberImport,
    MemberPreview,
    SuggestionsPending,
    describe,
    read_file,
    read_register,
)
from lsp_desktop.services.spreadsheets import write_csv, write_xlsx

if TYPE_CHECKING:
    from sqlalchemy.orm import Session, sessionmaker


def export_table(path: Path | str, headers: list[str], rows: list[list], title: str,
                 protect=()) -> Path:
    """Write rows as CSV or XLSX, chosen by the file name's ending; readable by the owner only."""
    path = check_target(path, protect)         # first: never over a partnership
    suffix = path.suffix.lower()
    if suffix not in (".xlsx", ".csv", ".txt"):
        raise DomainError(f"Export to .csv or .xlsx, not {path.suffix or 'a file without an ending'}.")
    with atomic_write(path, protect=protect) as tmp:
        if suffix == ".xlsx":
            write_xlsx(tmp, headers, rows, title=title)
        else:
            write_csv(tmp, headers, rows)
    return path


class ExchangeService:
    """`file`: the partnership file, when it is one (see MemberImport)."""

    def __init__(self, session_factory: sessionmaker[Session], file: Path | None = None):
        self._factory = session_factory
        self._file = file

    def read(self, path: Path | str, sheet: str | None = None) -> Sheet:
        """The raw rows of a CSV, XLSX or XLS file (ImportProblems if unreadable)."""
        return read_file(path, sheet)

    # -- members: import ---------------------------------------------------
    def read_register(self, path: Path | str, sheet: str | None = None) -> Sheet:
        """A members' file; `sheet` names a workbook's sheet (default: the first with a
        members' header row)."""
        return read_register(path, sheet)

    def preview_members(self, sheet: Sheet, layout: Layout | None = None,
                        update_existing: bool = False,
                        choices: dict[str, str] | None = None) -> MemberPreview:
        """Everything an import would do and every problem, without writing."""
        return self._members().preview(sheet, layout, update_existing, choices)

    def commit_members(self, preview: MemberPreview, rejects: Path | str | None = None,
                       accept_suggestions: bool = False) -> ImportResult:
        """Write the previewed import: all rows or none, or with `rejects` the good rows
        (the others written to that file)."""
        return self._members().commit(preview, rejects, accept_suggestions)

    def undo_import(self, result: ImportResult) -> None:
        """Reverse a whole members' import (refused if another officer changed them since)."""
        self._members().undo(result)

    def import_members(self, path: Path | str, update_existing: bool = False,
                       sheet: str | None = None, rejects: Path | str | None = None,
                       accept_suggestions: bool = False) -> ImportResult:
        return self._members().import_file(path, update_existing, sheet, rejects,
                                           accept_suggestions)

    def _members(self) -> MemberImport:
        return MemberImport(self._factory, self._file)

    # -- members: export ---------------------------------------------------
    def member_rows(self, ids: list[int] | None = None) -> list[list]:
        """Export rows in MEMBER_HEADERS order: one per term, members by id or in `ids` order."""
        from sqlalchemy import select

        from lsp_desktop.db.models import MemberRecord, TermRow
        from lsp_desktop.services.unit_of_work import unit_of_work

        m = MemberRecord
        with unit_of_work(self._factory) as s:
            members = s.execute(select(
                m.id, m.name, m.title, m.organisation, m.sector, m.category, m.role, m.email,
                m.phone, m.address, m.publish_contact, m.nominating_body, m.deputises_for_id,
                m.notes, m.family_name, m.given_names).order_by(m.id)).all()
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
             nominated, deputy, notes, family, given) in members:
            deputy_name = names.get(deputy, "") if deputy else ""
            for start, end, reason in terms.get(mid, no_term):
                out.append([name, title, org, sector, category, role, email, phone, address,
                            start, end, published, nominated, reason, deputy_name, notes,
                            family, given])
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

    def export_records(self, kind: str, path: Path | str, ids: list[int] | None = None,
                       protect=()) -> int:
        """Export members, actions or targets (all, or `ids` in that order) to CSV/XLSX;
        never over a partnership (`protect` names the open one, safe_files)."""
        if kind == "members":
            return self.export_members(path, ids, protect)
        from lsp_desktop.services.plan_exchange import PlanExchange

        plan = PlanExchange(self._factory)
        rows = plan.action_rows(ids) if kind == "actions" else plan.target_rows(ids)
        export_table(path, plan.headers(kind), rows, kind.capitalize(), protect)
        return len(rows)

    def export_members(self, path: Path | str, ids: list[int] | None = None,
                       protect=()) -> int:
        """Write members (all, or those `ids` in that order) to CSV/XLSX; returns rows written."""
        rows = self.member_rows(ids)
        export_table(path, MEMBER_HEADERS, rows, "Members", protect)
        return len(rows)
