"""The GO review page's rules without Qt: what a round shows, what is enabled, what saving
the outcome means, what a removal asks."""

from __future__ import annotations

import subprocess
import sys
from datetime import date

from lsp_desktop.domain.accreditation import AssessmentRound, Outcome
from lsp_desktop.ui.accreditation.go_review_controller import (
    OUTCOME_CHOICES,
    GoReviewController,
    OutcomeView,
)

ROUND = AssessmentRound("2001/02 review", outcome=Outcome.DEFERRED,
                        review_date=date(2002, 9, 30), go_comments="Revisit the HR plan.", id=7)


def test_the_controller_loads_without_qt():
    code = ("import sys, lsp_desktop.ui.accreditation.go_review_controller; "
            "sys.exit(any(m.startswith(('PySide6', 'shiboken6')) for m in sys.modules))")
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0


def test_a_round_shows_its_outcome_and_the_nrf_note_and_no_round_disables_the_page():
    c = GoReviewController()
    assert [v for _l, v in OUTCOME_CHOICES] == ["pending", "accredited", "deferred"]
    assert c.show_round(ROUND, "£300,000 held back") == OutcomeView(
        2, date(2002, 9, 30), "Revisit the HR plan.", "£300,000 held back")
    assert c.round is ROUND and c.can_change()
    assert c.show_round(None, "") is None and not c.can_change()


def test_saving_the_outcome_means_the_round_with_what_was_typed():
    c = GoReviewController()
    assert c.outcome_to_save("accredited", None, "Well done.") is None       # no round yet
    c.show_round(ROUND, "")
    saved = c.outcome_to_save("accredited", None, "Well done.")
    assert (saved.outcome, saved.review_date, saved.go_comments, saved.id) == (
        Outcome.ACCREDITED, None, "Well done.", 7)
    assert saved.name == ROUND.name


def test_read_only_changes_nothing():
    c = GoReviewController(read_only=True)
    c.show_round(ROUND, "")
    assert not c.can_edit and not c.can_change()
    assert c.outcome_to_save("accredited", None, "") is None


def test_what_removals_ask_and_what_a_new_action_says():
    assert GoReviewController.remove_dialogue_question("Tenants' forum") == (
        "Remove the dialogue with Tenants' forum?")
    assert GoReviewController.remove_concern_question("Weak HR") == "Remove “Weak HR”?"
    assert GoReviewController.action_made_text("A-12") == (
        "Action A-12 was added to the action plan for this area of concern.")
