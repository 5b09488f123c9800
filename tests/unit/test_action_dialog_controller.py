"""The action dialog's rules, tested without Qt: what it offers, how typed money and choices
are read, where problems show, and when Save saves."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from datetime import date

from lsp_desktop.domain.actions import Action, ProgressNote
from lsp_desktop.domain.criteria import Criterion
from lsp_desktop.domain.errors import FieldError
from lsp_desktop.ui.actions.action_dialog_controller import (
    DETAILS,
    MILESTONES,
    NOTES,
    NOTHING,
    Decision,
    answer_choices,
    answered,
    by_field,
    decide,
    notes_text,
    owner_choices,
    page_to_show,
    parse_amount,
    theme_for,
    title_of,
)

TARGETS = [(3, "Crime down 10%", "crime"), (4, "More jobs", "")]
CONCERNS = [(7, "Weak community voice")]


@dataclass
class Owner:
    id: int
    name: str
    organisation: str
    current: bool


def test_it_loads_without_qt():
    code = ("import sys, lsp_desktop.ui.actions.action_dialog_controller; "
            "sys.exit(any(m.startswith(('PySide6', 'shiboken6')) for m in sys.modules))")
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0


def test_the_title_says_new_or_which_action():
    assert title_of(None) == "New action"
    assert title_of(Action(reference="A-004", title="x", id=9)) == "Edit action A-004"


def test_an_action_answers_a_criterion_a_target_or_a_concern():
    choices = answer_choices(Action(reference="", title=""), TARGETS, CONCERNS)
    assert choices[0] == (NOTHING, None)
    assert ("Criterion: " + Criterion.INCLUSIVE.label, "criterion:inclusive") in choices
    assert choices[-3:] == [("Target: Crime down 10%", "target:3"), ("Target: More jobs",
                                                                     "target:4"),
                            ("Area of concern: Weak community voice", "concern:7")]
    gone = answer_choices(Action(reference="", title="", target_id=99), TARGETS, CONCERNS)
    assert gone[-1] == ("Target #99", "target:99")      # a deleted target stays, by number
    assert answered("target:3") == {"criterion": None, "target_id": 3, "concern_id": None}
    assert answered(f"criterion:{Criterion.LEARNING.value}")["criterion"] == Criterion.LEARNING
    assert answered(None) == {"criterion": None, "target_id": None, "concern_id": None}
    assert theme_for("target:3", TARGETS) == "crime"
    assert theme_for("target:4", TARGETS) is None and theme_for("concern:7", TARGETS) is None


def test_owners_offered_are_current_members_and_the_owner_already_set():
    owners = [Owner(1, "Ann Brown", "Council", True), Owner(2, "Bob Cole", "", False),
              Owner(3, "Cy Day", "PCT", False)]
    assert owner_choices(owners, None) == [("— no member —", None),
                                           ("Ann Brown (Council)", 1)]
    assert owner_choices(owners, 2)[-1] == ("Bob Cole — has left the board", 2)
    assert owner_choices(owners, 42)[-1] == ("(a deleted member)", 42)


def test_money_is_whole_pounds_as_typed():
    assert parse_amount("£1,234") == (1234, None)
    assert parse_amount("  ") == (None, None)
    assert parse_amount("-50") == (-50, None)
    amount, problem = parse_amount("12.50")
    assert amount is None and problem == FieldError(
        "amount", "'12.50' is not an amount in whole pounds.")


def test_notes_newest_first_and_new_ones_first_on_their_day():
    old = ProgressNote(date(2002, 5, 1), "Kick-off", id=1)
    same_day = ProgressNote(date(2002, 6, 1), "Saved", id=2)
    typed = ProgressNote(date(2002, 6, 1), "Typed now")
    assert notes_text([old, typed, same_day]).split("\n\n") == [
        "01/06/2002  Typed now", "01/06/2002  Saved", "01/05/2002  Kick-off"]
    assert notes_text([]) == "No progress notes yet."


def test_problems_show_at_their_field_and_bring_their_page_forward():
    fields = ("reference", "title", "owner", "due", "amount", "milestones", "notes")
    problems = [FieldError("funding_source", "Say where the money comes from"),
                FieldError("lead_officer", "Too long"), FieldError("milestones", "Late")]
    placed = by_field(problems, fields)
    assert [p.message for p in placed["amount"]] == ["Say where the money comes from"]
    assert [p.message for p in placed["title"]] == ["Too long"]      # no place of its own
    assert page_to_show(placed) == DETAILS
    assert page_to_show(by_field([FieldError("milestones", "x")], fields)) == MILESTONES
    assert page_to_show(by_field([FieldError("notes", "x")], fields)) == NOTES
    assert page_to_show({}) is None


def test_errors_stop_a_save_and_warnings_are_confirmed_once():
    error = FieldError("title", "A title is needed")
    warning = FieldError("due", "Due before it starts", warning=True)
    assert decide([error, warning], ()) == (Decision.ERRORS, ())
    decision, seen = decide([warning], ())
    assert decision == Decision.CONFIRM and seen == ("Due before it starts",)
    assert decide([warning], seen) == (Decision.SAVE, seen)           # "Save anyway"
    other = FieldError("amount", "Large", warning=True)
    assert decide([warning, other], seen)[0] == Decision.CONFIRM     # a new warning
    assert decide([], ()) == (Decision.SAVE, ())
