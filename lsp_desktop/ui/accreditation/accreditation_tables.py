"""Table models of the Accreditation tab: criteria, weaknesses, evidence, GO review, readiness."""

from __future__ import annotations

from lsp_desktop.domain.accreditation import (
    ComparisonLine,
    Concern,
    RoundSummary,
    Weakness,
)
from lsp_desktop.domain.criteria import Criterion, Rating
from lsp_desktop.domain.text import format_date

# The lines are the controller's; named here too for the pages that fill these models.
from lsp_desktop.ui.accreditation.accreditation_controller import CriterionLine as CriterionLine
from lsp_desktop.ui.accreditation.accreditation_controller import OverviewLine as OverviewLine
from lsp_desktop.ui.common.column_table import Column, ColumnTableModel, rating_brush

_ORDER = {c: i for i, c in enumerate(Criterion)}


def _score(r: Rating) -> int:
    return r.score or 0


def _size(n: int) -> str:
    if not n:
        return ""
    return f"{n / 1024:.0f} KB" if n < 1024 * 1024 else f"{n / (1024 * 1024):.1f} MB"


class CriterionTableModel(ColumnTableModel):
    COLUMNS = (
        Column("Criterion", lambda r: r.assessment.criterion.label,
               lambda r: _ORDER[r.assessment.criterion]),
        Column("Self", lambda r: r.assessment.rating.label
               + (" (carried)" if r.assessment.carried else ""),
               lambda r: _score(r.assessment.rating), lambda r: r.assessment.rating,
               lambda r: "Carried over from the previous round: review and save it."
               if r.assessment.carried else ""),
        Column("GO", lambda r: r.assessment.go_rating.label,
               lambda r: _score(r.assessment.go_rating), lambda r: r.assessment.go_rating),
        Column("From the data", lambda r: r.data_rating.label + (" ⚠" if r.disagreement else ""),
               lambda r: _score(r.data_rating), lambda r: r.data_rating,
               lambda r: r.disagreement),
    )


class WeaknessTableModel(ColumnTableModel):
    def __init__(self, action_refs: dict[int, str] | None = None, parent=None):
        super().__init__(parent)
        self.action_refs = action_refs or {}
        self.COLUMNS = (
            Column("Weakness", lambda w: w.text),
            Column("Action", self._action),
            Column("Carried", lambda w: "Carried" if w.carried else ""),
        )

    def _action(self, w: Weakness) -> str:
        if w.action_id is None:
            return "None yet"
        return self.action_refs.get(w.action_id, "(deleted)")


class EvidenceTableModel(ColumnTableModel):
    COLUMNS = (
        Column("Title", lambda e: e.title),
        Column("Kind", lambda e: e.kind.label),
        Column("Date", lambda e: format_date(e.dated),
               lambda e: e.dated.isoformat() if e.dated else ""),
        Column("Reference or file", lambda e: (f"📎 {e.file_name} ({_size(e.file_size)})"
                                               if e.has_file else e.reference),
               tooltip=lambda e: e.reference if e.has_file else ""),
        Column("Carried", lambda e: "Carried" if e.carried else ""),
    )


class GoRatingTableModel(ColumnTableModel):
    COLUMNS = (
        Column("Criterion", lambda a: a.criterion.label, lambda a: _ORDER[a.criterion]),
        Column("Self", lambda a: a.rating.label, lambda a: _score(a.rating), lambda a: a.rating),
        Column("GO rating", lambda a: a.go_rating.label, lambda a: _score(a.go_rating),
               lambda a: a.go_rating),
        Column("GO comments", lambda a: a.go_comments.replace("\n", " ")),
    )


class DialogueTableModel(ColumnTableModel):
    COLUMNS = (
        Column("Held on", lambda d: format_date(d.held_on), lambda d: d.held_on.isoformat()),
        Column("With", lambda d: d.with_whom),
        Column("Notes", lambda d: d.notes.replace("\n", " ")),
    )


class ConcernTableModel(ColumnTableModel):
    def __init__(self, action_refs: dict[int, str] | None = None, parent=None):
        super().__init__(parent)
        self.action_refs = action_refs or {}
        self.COLUMNS = (
            Column("Area of concern", lambda c: c.text),
            Column("Criterion", lambda c: c.criterion.label if c.criterion else "",
                   lambda c: _ORDER.get(c.criterion, 99)),
            Column("Status", lambda c: c.status.label),
            Column("Action", self._action),
        )

    def _action(self, c: Concern) -> str:
        if c.action_id is None:
            return "None yet"
        return self.action_refs.get(c.action_id, "(deleted)")


class SignalTableModel(ColumnTableModel):
    """One line per signal, beside the ratings of its criterion."""

    COLUMNS = (
        Column("Criterion", lambda s: s.criterion.label, lambda s: _ORDER[s.criterion]),
        Column("Signal says", lambda s: s.level.label, lambda s: _score(s.level),
               lambda s: s.level),
        Column("Why", lambda s: s.sentence, tooltip=lambda s: s.sentence),
        Column("Fix it in", lambda s: s.where),
    )


class OverviewTableModel(ColumnTableModel):
    """Criteria by rounds: the self rating beside the GO rating, coloured and labelled."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rounds: list[RoundSummary] = []
        self.COLUMNS = (Column("Criterion", lambda r: r.criterion.label,
                               lambda r: _ORDER[r.criterion]),)

    def set_overview(self, rounds: list[RoundSummary], lines: list[OverviewLine]) -> None:
        self.rounds = list(rounds)
        columns = [Column("Criterion", lambda r: r.criterion.label,
                          lambda r: _ORDER[r.criterion])]
        for i, rnd in enumerate(rounds):
            for which, label in ((0, "self"), (1, "GO")):
                columns.append(Column(
                    f"{rnd.name}\n{label}",
                    lambda r, i=i, w=which: f"{'Self' if w == 0 else 'GO'}: "
                                            f"{r.cells[i][w].label}",
                    lambda r, i=i, w=which: _score(r.cells[i][w]),
                    lambda r, i=i, w=which: r.cells[i][w]))
        self.COLUMNS = tuple(columns)
        self.set_rows(lines)


_CHANGE_MARK = {"improved": "▲ Improved", "slipped": "▼ Slipped", "same": "= Same",
                "not comparable": "– Not comparable"}


class ComparisonTableModel(ColumnTableModel):
    COLUMNS = (
        Column("Criterion", lambda c: c.criterion.label, lambda c: _ORDER[c.criterion]),
        Column("Before", lambda c: c.before.label, lambda c: _score(c.before), lambda c: c.before),
        Column("After", lambda c: c.after.label, lambda c: _score(c.after), lambda c: c.after),
        Column("Change", lambda c: _CHANGE_MARK[c.change]),
    )

    def foreground(self, line: ComparisonLine, column: int):
        if column == 3:
            colour = {"improved": Rating.GREEN, "slipped": Rating.RED}.get(line.change)
            return rating_brush(colour) if colour else None
        return super().foreground(line, column)

