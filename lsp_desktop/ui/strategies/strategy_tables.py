"""Table models of the Strategy drafts tab: sections, versions, targets, neighbourhoods,
endorsements and the consultation log (one model per record type)."""

from __future__ import annotations

from datetime import date

from PySide6.QtGui import QBrush, QColor

from lsp_desktop.domain.strategies import (
    ConsultationEvent,
    Endorsement,
    Neighbourhood,
    Section,
    Target,
    TargetStatus,
    VersionSummary,
    format_number,
    target_flags,
    target_gap,
    target_progress,
    target_status,
    theme_label,
)
from lsp_desktop.domain.text import fold, format_date
from lsp_desktop.ui.common.record_table import RecordTableModel

_GREY = QBrush(QColor("#6b6b6b"))
_RED = QBrush(QColor("#b00020"))
_GREEN = QBrush(QColor("#1b7a3a"))
_AMBER = QBrush(QColor("#a85d00"))


def _iso(d: date | None) -> str:
    return d.isoformat() if d else ""


def _num(v: float | None) -> float:
    return float("-inf") if v is None else v


class SectionTableModel(RecordTableModel):
    """The sections of the current draft, in their order (not sortable: order matters)."""

    HEADERS = ("Section", "Words", "Kind")
    sortable = False

    def cells(self, s: Section):
        words = s.word_count
        if not s.component:
            kind = "added"
        elif fold(s.component) == fold(s.title):
            kind = "expected"
        else:
            kind = f"expected: {s.component}"
        return ((s.title, f"{words:,}", kind), (s.position, words, fold(kind)))

    def foreground(self, s: Section, column: int):
        return _GREY if s.word_count == 0 else None

    def tooltip(self, s: Section, column: int):
        if s.component and s.word_count == 0:
            return f"Expected component \"{s.component}\" is still empty"
        return None

    def update_words(self, section_id: int, body: str) -> None:
        """Refresh one row after autosave without resetting the view."""
        row = self.row_where(lambda s: s.id == section_id)
        if row < 0:
            return
        old = self._records[row]
        self.replace_row(row, Section(old.title, body, old.expected, old.position, old.id,
                                      old.component))


class VersionTableModel(RecordTableModel):
    HEADERS = ("Version", "Label", "Saved", "Status then", "Words", "Endorsements")

    def cells(self, v: VersionSummary):
        return ((f"v{v.number}", v.label, format_date(v.created), v.status.label,
                 f"{v.words:,}", str(v.endorsements) if v.endorsements else ""),
                (v.number, fold(v.label), _iso(v.created), v.status.value, v.words,
                 v.endorsements))


class TargetTableModel(RecordTableModel):
    HEADERS = ("Theme", "Indicator", "Neighbourhood", "Baseline", "Target", "Latest",
               "Progress", "Status", "Gap", "Lead partner", "Flags")
    THEME, INDICATOR, NEIGHBOURHOOD, BASELINE, TARGET, LATEST, PROGRESS, STATUS, GAP, LEAD, \
        FLAGS = range(11)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.today = date.today()
        self.neighbourhood_names: dict[int, str] = {}
        self.statuses: dict[int, str] = {}

    def set_context(self, today: date, neighbourhood_names: dict[int, str],
                    statuses: dict[int, str] | None = None) -> None:
        """`statuses`: target id -> status from its dated values (on track, at risk, off
        track, no data); a target not in it is judged on its latest value alone."""
        self.today = today
        self.neighbourhood_names = neighbourhood_names
        self.statuses = statuses or {}

    def _status(self, t: Target) -> str:
        return self.statuses.get(t.id) or target_status(t, self.today).value

    def cells(self, t: Target):
        status = self._status(t)
        progress = target_progress(t)
        gap = target_gap(t)
        hood = self.neighbourhood_names.get(t.neighbourhood_id, "") if t.neighbourhood_id else ""

        def figure(value, on):
            return f"{format_number(value)} ({format_date(on)})" if value is not None and on \
                else format_number(value)

        gap_text = ""
        if gap is not None:
            gap_text = f"{gap:+,.1f} vs {t.comparison_label or 'comparison'}"
        flags = ", ".join(target_flags(t))
        return ((theme_label(t.theme), t.indicator, hood,
                 figure(t.baseline_value, t.baseline_date),
                 figure(t.target_value, t.target_date),
                 figure(t.latest_value, t.latest_date),
                 f"{progress:.0%}" if progress is not None else "",
                 status.capitalize(), gap_text, t.lead_partner, flags),
                (fold(t.theme), fold(t.indicator), fold(hood), _num(t.baseline_value),
                 _num(t.target_value), _num(t.latest_value), -1.0 if progress is None else progress,
                 status, _num(gap), fold(t.lead_partner), flags))

    def foreground(self, t: Target, column: int):
        if column == self.STATUS:
            return {TargetStatus.ON_TRACK.value: _GREEN, TargetStatus.OFF_TRACK.value: _RED,
                    "at risk": _AMBER}.get(self._status(t), _GREY)
        if column == self.FLAGS:
            return _RED
        return None

    def tooltip(self, t: Target, column: int):
        if column == self.STATUS:
            return ("Compared with a straight line from the baseline (on its date) to the "
                    "target (on its date), at the date of the latest value")
        if column in (self.INDICATOR, self.LEAD) and t.data_source:
            return f"Source: {t.data_source}"
        return None


class NeighbourhoodTableModel(RecordTableModel):
    HEADERS = ("Neighbourhood", "Wards", "Evidence")

    def cells(self, n: Neighbourhood):
        evidence = " ".join(n.evidence.split())
        return ((n.name, n.wards, evidence), (fold(n.name), fold(n.wards), fold(evidence)))


class EndorsementTableModel(RecordTableModel):
    HEADERS = ("Body", "Endorsed by", "Date", "Version")

    def cells(self, e: Endorsement):
        return ((e.body, e.endorsed_by, format_date(e.endorsed_on), f"v{e.version_number}"),
                (fold(e.body), fold(e.endorsed_by), _iso(e.endorsed_on), e.version_number))


class ConsultationTableModel(RecordTableModel):
    HEADERS = ("Event or method", "From", "To", "Who was reached", "Number reached",
               "Responses", "Strategy", "Summary")

    def __init__(self, parent=None):
        super().__init__(parent)
        self.strategy_names: dict[int, str] = {}

    def cells(self, e: ConsultationEvent):
        strategy = self.strategy_names.get(e.strategy_id, "") if e.strategy_id else ""
        summary = " ".join(e.summary.split())
        return ((e.event, format_date(e.start), format_date(e.end), e.reached,
                 "" if e.number_reached is None else f"{e.number_reached:,}",
                 "" if e.responses is None else f"{e.responses:,}", strategy, summary),
                (fold(e.event), _iso(e.start), _iso(e.end), fold(e.reached),
                 -1 if e.number_reached is None else e.number_reached,
                 -1 if e.responses is None else e.responses, fold(strategy), fold(summary)))

    def tooltip(self, e: ConsultationEvent, column: int):
        if column == 3 and e.reached:
            return e.reached
        if column == 7 and e.summary:
            return e.summary
        return None
