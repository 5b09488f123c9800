"""The GO review page's rules without Qt: what a round shows, what is enabled, what saving the outcome means, what a removal asks."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from lsp_desktop.domain.accreditation import AssessmentRound, Outcome

OUTCOME_CHOICES: list[tuple[str, str]] = [(o.label, o.value) for o in Outcome]


@dataclass(frozen=True)
class OutcomeView:
    """The outcome box of the round shown (None: no round, the page is disabled)."""

    outcome_index: int
    review_date: date | None
    comments: str
    nrf_text: str               # the NRF consequences; hidden when empty


class GoReviewController:
    """What the GO review page shows and allows; the page builds the widgets and asks."""

    def __init__(self, read_only: bool = False):
        self.read_only = read_only
        self.round: AssessmentRound | None = None

    @property
    def can_edit(self) -> bool:
        """Every button of the page changes the round: none in a read-only window."""
        return not self.read_only

    def can_change(self) -> bool:
        """An edit needs a round shown and a window that may write."""
        return self.round is not None and not self.read_only

    def show_round(self, rnd: AssessmentRound | None, nrf_text: str) -> OutcomeView | None:
        self.round = rnd
        if rnd is None:
            return None
        return OutcomeView(list(Outcome).index(rnd.outcome), rnd.review_date, rnd.go_comments,
                           nrf_text)

    def outcome_to_save(self, outcome: str, review_date: date | None,
                        comments: str) -> AssessmentRound | None:
        """The round with the outcome, review date and GO letter as typed; None when there
        is nothing to save (no round, or read-only)."""
        if not self.can_change():
            return None
        return replace(self.round, outcome=Outcome(outcome), review_date=review_date,
                       go_comments=comments)

    @staticmethod
    def remove_dialogue_question(with_whom: str) -> str:
        return f"Remove the dialogue with {with_whom}?"

    @staticmethod
    def remove_concern_question(text: str) -> str:
        return f"Remove “{text}”?"

    @staticmethod
    def action_made_text(reference: str) -> str:
        return (f"Action {reference} was added to the action plan for this area of "
                "concern.")
