"""An action answers several purposes; a re-planned action keeps its original due date."""

from __future__ import annotations

from datetime import date

from lsp_desktop.domain.accreditation import Concern
from lsp_desktop.domain.actions import (
    Action,
    ActionFilter,
    filter_actions,
    replanned,
    with_purposes,
)
from lsp_desktop.domain.criteria import Criterion as C
from lsp_desktop.domain.readiness import ReadinessInput, learning_signals

D = date


def test_several_criteria_concerns_and_targets_are_saved_and_filtered(services):
    rnd = services.accreditation.new_round("Accreditation 2001/02", financial_year="2001/02")
    first = services.accreditation.add_concern(rnd.id, Concern("Performance", C.INCLUSIVE))
    second = services.accreditation.add_concern(rnd.id, Concern("Statutory bodies"))
    action = services.actions.add(with_purposes(
        Action("", "Quarterly performance report", due=D(2002, 7, 1)),
        criteria=(C.PERFORMANCE_MANAGED, C.ACTION_FOCUSED),
        concern_ids=(first.id, second.id)))
    got = services.actions.get(action.id)
    assert got.criteria == (C.PERFORMANCE_MANAGED, C.ACTION_FOCUSED)
    assert got.concern_ids == (first.id, second.id) and got.criterion == C.PERFORMANCE_MANAGED
    assert services.actions.list_actions() == [got]
    every = services.actions.list_actions()
    assert filter_actions(every, ActionFilter(criterion=C.ACTION_FOCUSED.value), D(2002, 6, 30))
    assert filter_actions(every, ActionFilter(concern_id=second.id), D(2002, 6, 30))
    assert not filter_actions(every, ActionFilter(criterion=C.LEARNING.value), D(2002, 6, 30))
    # Only further purposes given (no first one): the first of them becomes the first.
    only_more = services.actions.update(got.with_changes(criterion=None,
                                                         more_criteria=(C.LEARNING,)))
    assert only_more.criteria == (C.LEARNING,) and only_more.criterion == C.LEARNING
    # Deleting an area of concern takes it off the actions answering it.
    services.accreditation.remove_concern(second.id)
    assert services.actions.get(action.id).concern_ids == (first.id,)


def test_replanning_keeps_the_first_due_date_and_undo_takes_it_back(services):
    a = services.actions.add(Action("", "Learning plan", due=D(2002, 3, 31)))
    moved = services.actions.update(a.with_changes(due=D(2002, 5, 31)))
    again = services.actions.update(moved.with_changes(due=D(2002, 6, 30)))
    assert again.original_due == D(2002, 3, 31)
    assert [(c.before, c.after) for c in again.due_changes] == [
        (D(2002, 3, 31), D(2002, 5, 31)), (D(2002, 5, 31), D(2002, 6, 30))]
    assert again.due_text() == "30/06/2002, originally 31/03/2002"
    # Editing something else keeps the history as it is.
    renamed = services.actions.update(again.with_changes(title="Learning plan for the LNRS"))
    assert renamed.due_changes == again.due_changes
    # Undo (writing back the snapshot from before the last move) takes one change back.
    [back] = services.actions.write_many([moved.with_changes(version=renamed.version)])
    assert back.due == D(2002, 5, 31) and len(back.due_changes) == 1
    assert back.due_text() == "31/05/2002, originally 31/03/2002"


def test_replanned_in_the_domain():
    before = Action("A-1", "x", due=D(2002, 3, 31))
    after = replanned(before, before.with_changes(due=D(2002, 6, 30)), D(2002, 3, 19))
    assert after.original_due == D(2002, 3, 31) and after.slipped
    assert after.due_changes[0].changed_on == D(2002, 3, 19)
    assert not replanned(after, after.with_changes(title="y"), D(2002, 4, 1)).due_changes[1:]


def test_an_action_answering_learning_among_others_counts_for_learning():
    both = Action("A-1", "Board self-assessment workshop", criterion=C.STRATEGIC,
                  more_criteria=(C.LEARNING,), due=D(2002, 9, 1))
    [signal] = learning_signals(ReadinessInput(D(2002, 6, 30), actions=(both,)))
    assert signal.sentence.startswith("1 action is linked to learning")


def test_purposes_travel_in_the_archive(demo_services, tmp_path):
    from lsp_desktop.services.archive import ArchiveService

    data = ArchiveService(demo_services.members._factory).build()
    assert data["tables"]["action_purpose"] and data["tables"]["action_due_change"]


def test_the_dialog_rules_for_further_purposes_and_slippage():
    from lsp_desktop.domain.actions import DueChange
    from lsp_desktop.ui.actions.action_dialog_controller import (
        also_answer_choices,
        also_answered,
        answered,
        slip_text,
    )

    a = Action("A-1", "Workshop", criterion=C.STRATEGIC, more_criteria=(C.LEARNING,),
               more_concern_ids=(9,))
    choices = also_answer_choices(a, targets=[(3, "Burglary", "crime")], concerns=[])
    ticked = [key for _label, key, on in choices if on]
    assert ticked == ["criterion:learning and development", "concern:9"]   # not strategic
    assert ("Target: Burglary", "target:3", False) in choices
    assert ("Concern #9", "concern:9", True) in choices          # no longer offered, kept
    first = answered("criterion:strategic")
    more = also_answered(first, ["criterion:strategic", "criterion:inclusive", "target:3"])
    assert more == {"more_criteria": (C.INCLUSIVE,), "more_target_ids": (3,),
                    "more_concern_ids": ()}
    moved = Action("A-2", "x", due=D(2002, 6, 16), original_due=D(2002, 3, 31),
                   due_changes=(DueChange(D(2002, 3, 19), D(2002, 3, 31), D(2002, 6, 16)),))
    assert slip_text(moved) == ("Originally due 31/03/2002 (re-planned: 31/03/2002 → "
                                "16/06/2002 on 19/03/2002)")
    assert slip_text(a) == ""
    # Made from an area of concern: its criterion on Details, the concern ticked, kept.
    made = Action("A-3", "y", criterion=C.INCLUSIVE, concern_id=4)
    keys = [key for _label, key, on in also_answer_choices(made, concerns=[(4, "GO")]) if on]
    assert keys == ["concern:4"]
    assert also_answered(answered("criterion:inclusive"), keys)["more_concern_ids"] == (4,)
