"""Imports of programme figures and target values from officers' spreadsheets: preview, then
all or none, refused if another officer changed a record since the preview."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from sqlalchemy.orm import Session, sessionmaker

from lsp_desktop.domain.errors import ConflictError, DomainError, NotFoundError
from lsp_desktop.domain.exchange import (
    ImportConflict,
    ImportProblems,
    Layout,
    Problem,
    find_layout,
    locate,
    parse_rows,
)
from lsp_desktop.domain.member_exchange import Suggestion, resolve_word
from lsp_desktop.domain.programme import QUARTER_LABELS, QuarterFigures, theme_label
from lsp_desktop.domain.programme_exchange import (
    FIGURE_COLUMNS,
    THEME_WORDS,
    UNKNOWN_THEME,
    VALUE_COLUMNS,
    build_figures,
    build_values,
)
from lsp_desktop.domain.sheets import Sheet
from lsp_desktop.domain.target_series import TargetPoint
from lsp_desktop.domain.text import fold, format_date
from lsp_desktop.services.exchange import read_file
from lsp_desktop.services.member_import import SuggestionsPending
from lsp_desktop.services.programme import ProgrammeService
from lsp_desktop.services.rejects import write_rejects
from lsp_desktop.services.strategies import StrategiesService
from lsp_desktop.services.target_series import TargetSeriesService
from lsp_desktop.services.unit_of_work import one_transaction

KINDS = ("programme", "target-values")


@dataclass
class FiguresPreview:
    """What an import would change; nothing written yet. `changes` are lines for the
    officer to read; `records` what commit() writes, each with the version it was read at.
    With rejects, `reject_rows` are the rows left out (row -> its problems), to correct."""

    kind: str
    layout: Layout
    rows: int
    changes: list[str] = field(default_factory=list)
    records: dict[int, object] = field(default_factory=dict)     # id -> new record
    rows_of: dict[int, int] = field(default_factory=dict)        # id -> first file row
    problems: list[Problem] = field(default_factory=list)
    suggestions: list[Suggestion] = field(default_factory=list)  # themes guessed from words
    sheet: Sheet | None = None
    reject_rows: dict[int, list[str]] = field(default_factory=dict)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if not p.notice]

    @property
    def file_errors(self) -> list[Problem]:
        """Problems of the whole file (no header, a missing column): no row can go in."""
        return [p for p in self.errors if p.row is None]

    @property
    def pending(self) -> list[Suggestion]:
        return [x for x in self.suggestions if x.chosen is None]


@dataclass(frozen=True)
class FiguresResult:
    changed: int
    rejected: int = 0                       # rows written to the rejects file
    rejects_file: Path | None = None


class ProgrammeExchange:
    def __init__(self, session_factory: sessionmaker[Session]):
        self._factory = session_factory
        self.programme = ProgrammeService(session_factory)
        self.strategies = StrategiesService(session_factory)
        self.series = TargetSeriesService(session_factory, self.strategies)

    def preview_file(self, kind: str, path: Path | str, choices: dict[str, str] | None = None,
                     rejects: bool = False) -> FiguresPreview:
        return self.preview(kind, read_file(path), choices=choices, rejects=rejects)

    def preview(self, kind: str, sheet: Sheet, layout: Layout | None = None,
                choices: dict[str, str] | None = None, rejects: bool = False
                ) -> FiguresPreview:
        """What importing `sheet` would change. `choices` are the officer's themes for
        guessed words (Suggestion.key -> theme). With `rejects`, rows with problems are
        left out of the changes (and listed in reject_rows) so the good rows can go in."""
        if kind not in KINDS:
            raise DomainError(f"unknown import '{kind}' (use {', '.join(KINDS)})")
        columns = FIGURE_COLUMNS if kind == "programme" else VALUE_COLUMNS
        layout = layout or find_layout(sheet, columns)
        parsed, problems = parse_rows(sheet, layout, columns)
        preview = self._plan(kind, layout, parsed, problems, choices)
        bad = {p.row for p in preview.errors if p.row is not None}
        if rejects and bad and not preview.file_errors:
            # The good rows again, alone: what goes in while the others go back.
            kept = self._plan(kind, layout, [r for r in parsed if r.row not in bad],
                              [p for p in problems if p.row not in bad], choices)
            reasons: dict[int, list[str]] = {}
            for p in preview.errors:
                if p.row is not None:
                    reasons.setdefault(p.row, []).append(
                        (f"column {p.column}: " if p.column else "") + p.reason)
            kept.problems = preview.problems
            kept.reject_rows = dict(sorted(reasons.items()))
            preview = kept
        preview.rows, preview.sheet = len(parsed), sheet
        return preview

    def _plan(self, kind, layout, parsed, problems, choices) -> FiguresPreview:
        preview = FiguresPreview(kind, layout, len(parsed), problems=list(problems))
        if kind == "programme":
            self._plan_figures(preview, parsed, choices)
        else:
            self._plan_values(preview, parsed)
        preview.problems[:] = locate(sorted(preview.problems, key=lambda p: (
            p.row is not None, p.row or 0)), layout)
        return preview

    def _plan_figures(self, preview: FiguresPreview, parsed, choices=None) -> None:
        rows, problems = build_figures(parsed)
        preview.problems += problems
        projects = {fold(p.reference): p for p in self.programme.projects()}
        found: dict[str, Suggestion] = {}
        for r in rows:
            base = projects.get(fold(r.project))
            if base is None:
                preview.problems.append(Problem(r.row, "project",
                                                f"there is no project '{r.project}'."))
                continue
            theme, unknown = resolve_word(r.theme, choices, found, r.row, THEME_WORDS.match,
                                          f"'{r.theme}' {UNKNOWN_THEME}")
            if unknown:
                preview.problems.append(Problem(r.row, "theme", unknown))
                continue
            project = preview.records.get(base.id, base)     # earlier rows' changes kept
            if theme and theme != project.theme:
                preview.changes.append(f"{project.reference} theme: {theme_label(project.theme)}"
                                       f" becomes {theme_label(theme)} ('{r.theme}')")
                project = replace(project, theme=theme)
                preview.records[project.id] = project
                preview.rows_of.setdefault(project.id, r.row)
            old = next((q for q in project.quarters if (q.financial_year, q.quarter)
                        == (r.financial_year, r.quarter)),
                       QuarterFigures(r.financial_year, r.quarter))
            new = QuarterFigures(r.financial_year, r.quarter,
                                 old.planned if r.planned is None else r.planned,
                                 old.committed if r.committed is None else r.committed,
                                 old.spent if r.spent is None else r.spent)
            if new == old:
                continue
            quarters = tuple(q for q in project.quarters if (q.financial_year, q.quarter)
                             != (r.financial_year, r.quarter)) + (new,)
            preview.records[project.id] = replace(project, quarters=quarters)
            preview.rows_of.setdefault(project.id, r.row)
            preview.changes.append(
                f"{project.reference} {QUARTER_LABELS[r.quarter - 1]} {r.financial_year}: "
                f"planned £{new.planned:,}, committed £{new.committed:,}, spent £{new.spent:,}")
        preview.suggestions = list(found.values())

    def _plan_values(self, preview: FiguresPreview, parsed) -> None:
        rows, problems = build_values(parsed)
        preview.problems += problems
        targets: dict[str, list] = {}
        for t in self.strategies.targets():
            targets.setdefault(fold(t.indicator), []).append(t)
        series = self.series.all_points()
        for r in rows:
            found = targets.get(fold(r.target), [])
            if len(found) != 1:
                preview.problems.append(Problem(r.row, "target", (
                    f"no target called '{r.target}'." if not found else
                    f"{len(found)} targets are called '{r.target}'.")))
                continue
            t = found[0]
            points = preview.records.get(t.id, (t, list(series.get(t.id, ()))))[1]
            point = TargetPoint(r.measured_on, r.value, r.source, r.comparison)
            kept = [p for p in points if p.measured_on != r.measured_on]
            verb = "replaces" if len(kept) < len(points) else "adds"
            preview.records[t.id] = (t, kept + [point])
            preview.rows_of.setdefault(t.id, r.row)
            preview.changes.append(f"{t.indicator}: {verb} {r.value:,g} on "
                                   f"{format_date(r.measured_on)}")

    def commit(self, preview: FiguresPreview, rejects: Path | str | None = None,
               accept_suggestions: bool = False) -> int:
        """Write the previewed changes; returns how many records changed. Themes guessed
        from the file's words need the officer's word (`accept_suggestions` takes the
        guesses). Without `rejects`, all rows or none; with it (a preview made with
        rejects=True), the good rows go in and the others are written to that file."""
        if preview.pending and not accept_suggestions:
            raise SuggestionsPending(preview.pending, "theme")
        if preview.errors and (rejects is None or not preview.reject_rows
                               or preview.file_errors):
            raise ImportProblems(preview.problems)
        if rejects is not None and preview.reject_rows:
            write_rejects(rejects, preview.sheet, preview.layout.header_row,
                          preview.reject_rows)
        record_id = None
        try:
            with one_transaction(self._factory) as factory:
                exchange = ProgrammeExchange(factory)
                # record_id names the failing record's file row in the except clauses.
                for record_id, record in preview.records.items():  # noqa: B007
                    if preview.kind == "programme":
                        exchange.programme.update(record)
                    else:
                        target, points = record
                        exchange.series.save_points(target.id, points, target.version)
        except ConflictError as exc:
            raise ImportConflict(exc.what, exc.who, exc.when,
                                 preview.rows_of.get(record_id)) from None
        except NotFoundError:
            raise ImportConflict("A record", row=preview.rows_of.get(record_id),
                                 deleted=True) from None
        except DomainError as exc:
            if isinstance(exc, ImportProblems):
                raise
            raise ImportProblems([Problem(preview.rows_of.get(record_id), None,
                                          str(exc))]) from None
        return len(preview.records)
