"""Importing officers' own registers of members: preview, commit (all, or the good rows), undo."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from lsp_desktop.domain.errors import DomainError
from lsp_desktop.domain.exchange import (
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
    MemberPlan,
    Suggestion,
    build_drafts,
    member_key,
    name_key,
    plan_members,
    set_aside_rejects,
)
from lsp_desktop.domain.members import Member
from lsp_desktop.domain.sheets import Sheet
from lsp_desktop.services.collector import collector_paused
from lsp_desktop.services.rejects import write_rejects
from lsp_desktop.services.spreadsheets import UnreadableFileError, read_table

if TYPE_CHECKING:
    from sqlalchemy.orm import Session, sessionmaker


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
    """Preview and write an import of members; undo a whole import.

    Given the partnership `file`, an import that only adds members reads and writes it by
    the standard library's sqlite3 (member_import_file: no SQLAlchemy loaded); anything
    else, and a server, goes through the session factory (member_import_engine)."""

    def __init__(self, session_factory: sessionmaker[Session], file: Path | None = None):
        self._factory = session_factory
        self._file = file

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
        if self._file is not None:
            from lsp_desktop.db.reads import file_reads

            with file_reads(self._file) as reads:
                register = reads.rows("SELECT id, name, organisation FROM member")
        else:
            from lsp_desktop.services.member_import_engine import register_names

            register = register_names(self._factory)
        ids, names = [], set()
        for mid, name, org in register:
            names.add(name_key(name))
            if member_key(name, org) in keys:
                ids.append(mid)
        del register
        found = {}
        if ids:
            from lsp_desktop.services.member_import_engine import members_by_id

            for m in members_by_id(self._factory, ids):
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
        if self._file is not None:
            from lsp_desktop.services.member_import_file import add_members, can_write

            if can_write(plan):
                return (add_members(self._file, plan.to_add) if plan.to_add else []), []
        from lsp_desktop.services.member_import_engine import write

        return write(self._factory, plan)

    def undo(self, result: ImportResult) -> None:
        """Reverse a whole import: remove the members it added and put back those it
        updated - refused, with nothing changed, if another officer has changed any of
        them since (named in the message)."""
        from lsp_desktop.services.member_import_engine import undo

        undo(self._factory, result.added_ids, result.updated_before)
