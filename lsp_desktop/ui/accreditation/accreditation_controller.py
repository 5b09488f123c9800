"""The Accreditation tab's state and rules without Qt: what is shown, what is enabled,
what a save of the self-assessment form means. The widgets ask these and stay thin."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from lsp_desktop.domain.accreditation import AssessmentRound, CriterionAssessment, CriterionInfo
from lsp_desktop.domain.criteria import Criterion, Rating
from lsp_desktop.domain.readiness import CriterionReadiness, Place, Signal
from lsp_desktop.domain.text import format_date

NO_ROUND = ("No assessment round yet. Start one with New round: the partnership rates itself "
            "against the six criteria, then the Government Office reviews it.")

# Which page of the tab (its index) a signal sends the officer to; others open another tab.
SELF_PAGE, GO_PAGE = 0, 1


@dataclass(frozen=True)
class CriterionLine:
    """One line of the criteria list: the assessment and what the data say."""

    assessment: CriterionAssessment
    data_rating: Rating = Rating.NOT_ASSESSED
    disagreement: str = ""


@dataclass(frozen=True)
class OverviewLine:
    criterion: Criterion
    cells: tuple[tuple[Rating, Rating], ...]     # (self, GO) per round, in round order


@dataclass(frozen=True)
class RoundButtons:
    """What the round bar allows."""

    new_round: bool
    details: bool
    delete_round: bool
    compare: bool


@dataclass(frozen=True)
class ReadinessView:
    lines: list[CriterionLine]
    signals: list[Signal]
    intro: str
    disagreements: str          # one line per criterion where officer and data differ widely


@dataclass(frozen=True)
class Destination:
    """Where a readiness signal is put right: a page of this tab (with the criterion to
    select on the self-assessment page), or another tab by its Place value."""

    page: int | None = None
    criterion: Criterion | None = None
    place: str = ""


class AccreditationController:
    """The round shown and its readiness report; everything the tab derives from them."""

    def __init__(self, read_only: bool = False, today: date | None = None):
        self.read_only = read_only
        self._today = today
        self.round: AssessmentRound | None = None
        self.report: dict[Criterion, CriterionReadiness] = {}

    def today(self) -> date:
        return self._today or date.today()

    def set_today(self, day: date | None) -> None:
        """Compute readiness at `day` (the window's as-at date) from now on."""
        self._today = day

    def show(self, rnd: AssessmentRound | None, report) -> None:
        self.round = rnd
        self.report = {r.criterion: r for r in report}

    @staticmethod
    def round_index(keep_id: int | None, round_ids: list[int]) -> int:
        """The round to show after a reload: the one shown before, else the latest."""
        if keep_id is not None and keep_id in round_ids:
            return round_ids.index(keep_id)
        return len(round_ids) - 1

    def buttons(self, rounds: int) -> RoundButtons:
        has = self.round is not None
        return RoundButtons(new_round=not self.read_only, details=has,
                            delete_round=has and not self.read_only, compare=rounds >= 2)

    def summary(self) -> str:
        r = self.round
        if r is None:
            return NO_ROUND
        parts = [r.kind.label, f"financial year {r.financial_year}" if r.financial_year else ""]
        done = sum(a.rating.score is not None for a in r.criteria)
        parts.append(f"{done} of 6 criteria rated")
        carried = sum(a.carried for a in r.criteria)
        if carried:
            parts.append(f"{carried} still as carried over")
        parts.append(f"agreed by the board {format_date(r.agreed_on)}" if r.agreed_on
                     else "not yet agreed by the board")
        review = f" (review {format_date(r.review_date)})" if r.review_date else ""
        parts.append(f"GO outcome: {r.outcome.label.lower()}{review}")
        return " · ".join(p for p in parts if p)

    def readiness(self) -> ReadinessView:
        report = list(self.report.values())
        lines = ([CriterionLine(self.round.assessment(r.criterion), r.data_rating,
                                r.disagreement) for r in report]
                 if self.round is not None else [])
        intro = (f"Computed from the file as on {format_date(self.today())}. The signals sit "
                 "beside your ratings and never change them; double-click a signal to open the "
                 "place where it can be put right.")
        worries = [f"{r.criterion.label}: {r.disagreement}" for r in report if r.disagreement]
        return ReadinessView(lines, [s for r in report for s in r.signals], intro,
                             "\n".join(worries))

    def nrf_text(self, consequences) -> str:
        """The NRF sentence of the round shown, from (round, consequence) pairs."""
        if self.round is None:
            return ""
        return next((c.sentence() for r, c in consequences if r.id == self.round.id), "")

    @staticmethod
    def overview(all_rounds: list[AssessmentRound]) -> list[OverviewLine]:
        return [OverviewLine(c, tuple((r.assessment(c).rating, r.assessment(c).go_rating)
                                      for r in all_rounds)) for c in Criterion]

    @staticmethod
    def destination(signal: Signal) -> Destination:
        if signal.place == Place.ASSESSMENT:
            return Destination(SELF_PAGE, signal.focus or signal.criterion)
        if signal.place == Place.GO_REVIEW:
            return Destination(GO_PAGE)
        return Destination(place=signal.place.value)


@dataclass(frozen=True)
class CriterionView:
    """What the self-assessment page shows for one criterion besides the form."""

    heading: str
    description: str
    prompts: str
    carried: bool
    signals: str


Form = tuple[Rating, str, str]          # rating, narrative, strengths as typed


class SelfAssessmentController:
    """The self-assessment page's rules: the criteria list, what is shown for a criterion,
    and when the form holds typing not yet saved (kept when the officer moves on)."""

    def __init__(self, read_only: bool = False):
        self.read_only = read_only
        self.round: AssessmentRound | None = None
        self.catalogue: dict[Criterion, CriterionInfo] = {}
        self.readiness: dict[Criterion, CriterionReadiness] = {}
        self.shown: tuple | None = None       # (criterion, *form) as loaded or last saved
        self.loaded: CriterionAssessment | None = None    # as read: its version is checked

    @property
    def can_edit(self) -> bool:
        return not self.read_only

    def show_round(self, rnd: AssessmentRound | None, catalogue, readiness
                   ) -> list[CriterionLine]:
        """Take a round; returns the lines of the criteria list."""
        self.round, self.catalogue, self.readiness = rnd, catalogue, readiness
        lines = []
        for c in Criterion:
            r = readiness.get(c)
            a = rnd.assessment(c) if rnd else None
            if a is not None:
                lines.append(CriterionLine(a, r.data_rating if r else Rating.NOT_ASSESSED,
                                           r.disagreement if r else ""))
        return lines

    def view(self, criterion: Criterion | None) -> CriterionView | None:
        """What to show for `criterion`; None (and nothing shown) without one or a round."""
        if criterion is None or self.round is None:
            self.shown = None
            return None
        a = self.round.assessment(criterion)
        info = self.catalogue.get(criterion)
        r = self.readiness.get(criterion)
        signals = ""
        if r and r.signals:
            signals = "What the data say: " + " ".join(s.sentence for s in r.signals)
            if r.disagreement:
                signals = f"⚠ {r.disagreement}\n{signals}"
        return CriterionView(criterion.label, info.description if info else "",
                             "\n".join(f"• {p}" for p in info.prompts) if info else "",
                             a.carried, signals)

    def loaded_form(self, assessment: CriterionAssessment, form: Form) -> None:
        """The form now shows `assessment` (read from the file), filled as `form`."""
        self.shown = (assessment.criterion, *form)
        self.loaded = assessment

    def typed(self, criterion: Criterion, form: Form) -> None:
        """The form's content is being saved: it is no longer pending."""
        self.shown = (criterion, *form)

    def pending(self, form: Form) -> bool:
        """The form holds typing not yet saved (and it may be saved)."""
        if self.shown is None or self.round is None or self.read_only:
            return False
        return tuple(self.shown[1:]) != tuple(form)

    def leaving_unsaved(self, chosen: Criterion | None, form: Form) -> bool:
        """Another criterion was chosen while the form holds unsaved typing: save it and
        reload the tab rather than just show the new criterion."""
        return (self.shown is not None and self.shown[0] != chosen
                and tuple(self.shown[1:]) != tuple(form))

    def to_save(self, form: Form) -> CriterionAssessment:
        """What a save means: the assessment as read, with the form's rating and texts
        (its version says which save of it the officer's edit started from)."""
        rating, narrative, strengths = form
        return replace(self.loaded, rating=rating, narrative=narrative, strengths=strengths)
