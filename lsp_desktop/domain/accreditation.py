"""Accreditation records: rounds, per-criterion self-assessment, GO review, NRF consequence."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from lsp_desktop.domain.criteria import Criterion, Rating
from lsp_desktop.domain.errors import FieldError
from lsp_desktop.domain.partnership import _YEAR
from lsp_desktop.domain.text import format_date, format_pounds

MAX_EVIDENCE_BYTES = 20 * 1024 * 1024
DEFERRED_RELEASE_SHARE = 0.67   # NRF paid at 67% of the anticipated rate while deferred


class RoundKind(StrEnum):
    ACCREDITATION = "accreditation"
    ANNUAL_REVIEW = "annual review"

    @property
    def label(self) -> str:
        return self.value.capitalize()


class EvidenceKind(StrEnum):
    MINUTES = "minutes"
    DOCUMENT = "document"
    DATA = "data"
    SURVEY = "survey"
    OTHER = "other"

    @property
    def label(self) -> str:
        return self.value.capitalize()


class Outcome(StrEnum):
    PENDING = "pending"
    ACCREDITED = "accredited"
    DEFERRED = "deferred"

    @property
    def label(self) -> str:
        return self.value.capitalize()


class ConcernStatus(StrEnum):
    OPEN = "open"
    IN_HAND = "in hand"
    RESOLVED = "resolved"

    @property
    def label(self) -> str:
        return self.value.capitalize()


@dataclass(frozen=True)
class CriterionInfo:
    """One criterion of the catalogue: what it means and the questions to answer."""

    criterion: Criterion
    description: str
    prompts: tuple[str, ...]
    customised: bool = False        # the partnership changed the default prompts


@dataclass(frozen=True)
class EvidenceItem:
    title: str
    kind: EvidenceKind = EvidenceKind.DOCUMENT
    dated: date | None = None
    reference: str = ""             # where to find it: a minute number, a URL, a shelf
    file_name: str = ""             # an attached file kept inside the partnership file
    file_size: int = 0
    carried: bool = False           # copied from the previous round as a baseline
    id: int | None = None
    version: int | None = field(default=None, compare=False)  # optimistic concurrency

    @property
    def has_file(self) -> bool:
        return bool(self.file_name)


@dataclass(frozen=True)
class Weakness:
    text: str
    action_id: int | None = None
    carried: bool = False
    id: int | None = None
    version: int | None = field(default=None, compare=False)  # optimistic concurrency


@dataclass(frozen=True)
class CriterionAssessment:
    """Stage 1 (self-assessment) and stage 2 (GO) for one criterion in one round."""

    criterion: Criterion
    rating: Rating = Rating.NOT_ASSESSED
    narrative: str = ""
    strengths: str = ""
    go_rating: Rating = Rating.NOT_ASSESSED
    go_comments: str = ""
    carried: bool = False           # rating and narrative still as carried over
    weaknesses: tuple[Weakness, ...] = ()
    evidence: tuple[EvidenceItem, ...] = ()
    id: int | None = None
    version: int | None = field(default=None, compare=False)  # optimistic concurrency


@dataclass(frozen=True)
class Dialogue:
    """A meeting the GO held with stakeholders as part of its review."""

    held_on: date
    with_whom: str
    notes: str = ""
    id: int | None = None
    version: int | None = field(default=None, compare=False)  # optimistic concurrency


@dataclass(frozen=True)
class Concern:
    """An area of concern the GO wrote to the partnership about."""

    text: str
    criterion: Criterion | None = None
    status: ConcernStatus = ConcernStatus.OPEN
    action_id: int | None = None
    id: int | None = None
    version: int | None = field(default=None, compare=False)  # optimistic concurrency


@dataclass(frozen=True)
class RoundSummary:
    id: int
    name: str
    kind: RoundKind
    financial_year: str
    outcome: Outcome
    carried_from: str = ""


@dataclass(frozen=True)
class AssessmentRound:
    """One cycle: the self-assessment of all six criteria and the GO's review of it."""

    name: str
    kind: RoundKind = RoundKind.ANNUAL_REVIEW
    financial_year: str = ""
    participants: str = ""
    agreed_on: date | None = None   # date the board agreed the self-assessment
    submitted_on: date | None = None
    outcome: Outcome = Outcome.PENDING
    review_date: date | None = None     # when deferred: the date of the GO's review
    go_comments: str = ""
    carried_from_id: int | None = None
    criteria: tuple[CriterionAssessment, ...] = ()
    dialogues: tuple[Dialogue, ...] = ()
    concerns: tuple[Concern, ...] = ()
    id: int | None = None
    version: int | None = field(default=None, compare=False)  # optimistic concurrency

    def assessment(self, criterion: Criterion) -> CriterionAssessment:
        for a in self.criteria:
            if a.criterion == criterion:
                return a
        return CriterionAssessment(criterion)


@dataclass(frozen=True)
class NrfConsequence:
    """What a deferred accreditation means for the Neighbourhood Renewal Fund.

    `financial_year` is the year whose allocation is held back: the year after the one in
    which the decision was taken (deferral in February 2002 held back part of 2002/03).
    """

    financial_year: str
    anticipated: int | None
    released: int | None
    withheld: int | None
    review_date: date | None = None
    decided_in: str = ""

    def sentence(self) -> str:
        review = (f" after a successful review (due {format_date(self.review_date)})"
                  if self.review_date else " after a successful review")
        decided = f" in {self.decided_in}" if self.decided_in else ""
        if self.anticipated is None:
            return (f"Accreditation was deferred{decided}: only 67% of the anticipated NRF "
                    f"allocation for {self.financial_year or 'the following year'} is "
                    f"released, the rest{review}. No allocation is recorded for that year in "
                    "the partnership details.")
        return (f"Accreditation was deferred{decided}: {format_pounds(self.released)} (67%) "
                f"of the anticipated {format_pounds(self.anticipated)} NRF for "
                f"{self.financial_year} is released; the remaining "
                f"{format_pounds(self.withheld)} follows{review}.")


def year_after(financial_year: str) -> str:
    """The financial year that follows `financial_year` ("2001/02" -> "2002/03"); "" if unknown."""
    m = _YEAR.match(financial_year or "")
    if not m:
        return ""
    start = int(m.group(1)) + 1
    return f"{start}/{(start + 1) % 100:02d}"


def financial_year_of(day: date) -> str:
    """The financial year (April to March) a date falls in: 28/02/2002 -> "2001/02"."""
    start = day.year if day.month >= 4 else day.year - 1
    return f"{start}/{(start + 1) % 100:02d}"


def deferred_nrf(decided_in: str, allocations: dict[str, int],
                 review_date: date | None = None) -> NrfConsequence:
    """The NRF a deferral decided in financial year `decided_in` holds back.

    The one place the rule lives: while deferred, 67% of the anticipated allocation of
    the year the decision affects (the next financial year) is paid, the rest after a
    successful review.
    """
    affected = year_after(decided_in)
    anticipated = allocations.get(affected)
    if anticipated is None:
        return NrfConsequence(affected, None, None, None, review_date, decided_in)
    released = round(anticipated * DEFERRED_RELEASE_SHARE)
    return NrfConsequence(affected, anticipated, released, anticipated - released,
                          review_date, decided_in)


def nrf_consequence(rnd: AssessmentRound,
                    allocations: dict[str, int]) -> NrfConsequence | None:
    """The NRF held back while the round's outcome is deferred; None otherwise."""
    if rnd.outcome != Outcome.DEFERRED:
        return None
    decided_in = rnd.financial_year or (financial_year_of(rnd.submitted_on)
                                        if rnd.submitted_on else "")
    return deferred_nrf(decided_in, allocations, rnd.review_date)


@dataclass(frozen=True)
class ComparisonLine:
    criterion: Criterion
    before: Rating
    after: Rating
    change: str                     # "improved", "slipped", "same", "not comparable"


def compare_ratings(before: AssessmentRound, after: AssessmentRound,
                    use_go: bool = False) -> list[ComparisonLine]:
    """Criterion by criterion, whether the later round's rating improved or slipped."""
    lines = []
    for c in Criterion:
        a = before.assessment(c)
        b = after.assessment(c)
        ra, rb = (a.go_rating, b.go_rating) if use_go else (a.rating, b.rating)
        if ra.score is None or rb.score is None:
            change = "not comparable"
        elif rb.score > ra.score:
            change = "improved"
        elif rb.score < ra.score:
            change = "slipped"
        else:
            change = "same"
        lines.append(ComparisonLine(c, ra, rb, change))
    return lines


def validate_round(rnd: AssessmentRound, other_names: set[str] | None = None) -> list[FieldError]:
    errors = []
    if not rnd.name.strip():
        errors.append(FieldError("name", "The round needs a name, e.g. 'Annual review 2002/03'."))
    elif rnd.name.strip().casefold() in {n.casefold() for n in other_names or ()}:
        errors.append(FieldError("name", f"There is already a round called '{rnd.name.strip()}'."))
    if rnd.financial_year:
        m = _YEAR.match(rnd.financial_year)
        if not m or (int(m.group(1)) + 1) % 100 != int(m.group(2)):
            errors.append(FieldError("financial_year",
                                     f"'{rnd.financial_year}' is not a financial year like 2002/03."))
    if rnd.outcome == Outcome.DEFERRED and rnd.review_date is None:
        errors.append(FieldError("review_date", "A deferred accreditation needs a review date."))
    return errors


def validate_evidence(item: EvidenceItem) -> list[FieldError]:
    errors = []
    if not item.title.strip():
        errors.append(FieldError("title", "Evidence needs a title."))
    return errors
