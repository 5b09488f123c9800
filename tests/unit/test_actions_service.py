"""Actions service and rules: references, validation, overdue, filters, grouping, bulk edits."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from lsp_desktop.domain.actions import (
    Action,
    ActionFilter,
    ActionStatus,
    FundingSource,
    GroupBy,
    Milestone,
    Progress,
    ProgressNote,
    filter_actions,
    group_actions,
    next_reference,
    owner_key,
    search_key,
    summarise,
)
from lsp_desktop.domain.criteria import Criterion
from lsp_desktop.domain.errors import ValidationError
from lsp_desktop.domain.members import Member, Sector, Term

TODAY = date(2002, 6, 1)
D = date


def _action(title="Recruit two BME representatives", **kw) -> Action:
    base = dict(reference="", title=title, start=D(2002, 1, 1), due=D(2002, 9, 30))
    base.update(kw)
    return Action(**base)


def test_references_are_assigned_in_turn_and_can_be_edited(services):
    a = services.actions.add(_action())
    b = services.actions.add(_action("Second"))
    assert (a.reference, b.reference) == ("A-001", "A-002")
    services.actions.update(b.with_changes(reference="A-014"))
    assert services.actions.next_reference() == "A-015"
    c = services.actions.add(_action("Third"))
    assert c.reference == "A-015"


def test_reference_must_be_unique(services):
    services.actions.add(_action(reference="A-007"))
    with pytest.raises(ValidationError) as exc:
        services.actions.add(_action("Other", reference="a-007"))
    assert exc.value.errors[0].field == "reference"
    assert len(services.actions.list_actions()) == 1


def test_next_reference_ignores_free_form_references():
    assert next_reference(["A-009", "SA-3", "Board away day", "A-010"]) == "A-011"
    assert next_reference([]) == "A-001"


def test_due_before_start_is_an_error_and_nothing_is_saved(services):
    with pytest.raises(ValidationError) as exc:
        services.actions.add(_action(start=D(2002, 5, 1), due=D(2002, 4, 1)))
    assert [e.field for e in exc.value.errors] == ["due"]
    assert "before the start date 01/05/2002" in exc.value.errors[0].message
    assert services.actions.list_actions() == []


def test_negative_amount_is_an_error(services):
    with pytest.raises(ValidationError) as exc:
        services.actions.add(_action(amount=-5, funding_source=FundingSource.NRF))
    assert exc.value.errors[0].field == "amount"
    assert services.actions.list_actions() == []


def test_milestone_outside_dates_warns_but_saves(services):
    action = _action(milestones=(Milestone("Report to board", D(2002, 12, 1)),))
    problems = services.actions.check(action, TODAY)
    assert [(p.field, p.warning) for p in problems] == [("milestones", True)]
    saved = services.actions.add(action)
    assert saved.milestones[0].title == "Report to board"


def test_owner_who_left_the_board_warns_and_is_kept(services):
    mid = services.members.add(Member(name="Jo Former", sector=Sector.PUBLIC,
                                      terms=(Term(D(2001, 4, 1), D(2002, 3, 31)),))).id
    action = _action(owner_member_id=mid)
    problems = services.actions.check(action, TODAY)
    assert [(p.field, p.warning) for p in problems] == [("owner", True)]
    assert "Jo Former has left the board" in problems[0].message
    saved = services.actions.add(action)
    assert saved.owner_member_id == mid
    owners = {o.id: o for o in services.actions.owners(TODAY)}
    assert owners[mid].current is False


def test_round_trip_keeps_milestones_and_notes_newest_first(services):
    a = services.actions.add(_action(
        criterion=Criterion.INCLUSIVE, theme="health", owner_body="Thameside PCT",
        lead_officer="Sam Patel", status=ActionStatus.IN_PROGRESS, progress=Progress.AMBER,
        amount=12000, funding_source=FundingSource.CEF,
        milestones=(Milestone("Draft", D(2002, 3, 1), D(2002, 3, 4)),
                    Milestone("Agree", D(2002, 7, 1))),
        notes=(ProgressNote(D(2002, 2, 1), "Started"), ProgressNote(D(2002, 5, 1), "Drafted"))))
    services.actions.add_note(a.id, ProgressNote(D(2002, 5, 20), "Sent to board"))
    got = services.actions.get(a.id)
    assert [n.text for n in got.notes] == ["Sent to board", "Drafted", "Started"]
    assert [m.title for m in got.milestones] == ["Draft", "Agree"]
    assert got.milestones[0].done == D(2002, 3, 4)
    assert (got.criterion, got.theme, got.amount, got.funding_source) == (
        Criterion.INCLUSIVE, "health", 12000, FundingSource.CEF)
    assert services.actions.list_actions() == [got]


def test_overdue_is_computed_from_due_date_and_status():
    late = _action(due=TODAY - timedelta(days=1), status=ActionStatus.IN_PROGRESS)
    assert late.is_overdue(TODAY) and late.days_overdue(TODAY) == 1
    assert not _action(due=TODAY).is_overdue(TODAY)
    assert not late.with_changes(status=ActionStatus.COMPLETE).is_overdue(TODAY)
    assert not late.with_changes(status=ActionStatus.DROPPED).is_overdue(TODAY)
    assert not _action(due=None).is_overdue(TODAY)
    m = late.with_changes(milestones=(Milestone("x", D(2002, 5, 1)),
                                      Milestone("y", D(2002, 5, 1), D(2002, 5, 2))))
    assert [x.title for x in m.overdue_milestones(TODAY)] == ["x"]


def _sample() -> list[Action]:
    return [
        _action("Overdue strategic", reference="A-001", criterion=Criterion.STRATEGIC,
                due=D(2002, 5, 1), status=ActionStatus.IN_PROGRESS, progress=Progress.RED,
                owner_member_id=3, amount=1000, funding_source=FundingSource.NRF),
        _action("Due soon inclusive", reference="A-002", criterion=Criterion.INCLUSIVE,
                due=D(2002, 6, 20), progress=Progress.GREEN, owner_body="Police",
                theme="crime", amount=500, funding_source=FundingSource.CEF),
        _action("Done strategic", reference="A-003", criterion=Criterion.STRATEGIC,
                due=D(2002, 5, 1), status=ActionStatus.COMPLETE, progress=Progress.GREEN,
                owner_member_id=3, theme="Crime", amount=2000,
                funding_source=FundingSource.NRF),
        _action("Later, no criterion", reference="A-004", due=D(2002, 12, 1),
                description="Youth club in Eastgate", lead_officer="Łucja"),
    ]


def test_filters_combine():
    acts = _sample()

    def refs(**kw):
        return [a.reference for a in filter_actions(acts, ActionFilter(**kw), TODAY)]

    assert refs(overdue=True) == ["A-001"]
    assert refs(due_soon=True) == ["A-002"]
    assert refs(criterion="strategic") == ["A-001", "A-003"]
    assert refs(criterion="-") == ["A-004"]
    assert refs(status="complete") == ["A-003"]
    assert refs(status="open") == ["A-001", "A-002", "A-004"]
    assert refs(progress="green") == ["A-002", "A-003"]
    assert refs(progress="-") == ["A-004"]
    assert refs(owner="member:3") == ["A-001", "A-003"]
    assert refs(owner=owner_key(acts[1])) == ["A-002"]
    assert refs(theme="crime") == ["A-002", "A-003"]
    assert refs(text="eastgate") == ["A-004"]
    assert refs(text="lucja") == ["A-004"]
    assert refs(criterion="strategic", overdue=True) == ["A-001"]


def test_grouping_by_criterion_has_subtotals_in_criterion_order():
    groups = group_actions(_sample(), GroupBy.CRITERION, TODAY)
    assert [g.label for g in groups] == ["Strategic", "Inclusive", "No criterion"]
    strategic = groups[0]
    assert [a.reference for a in strategic.actions] == ["A-001", "A-003"]
    assert (strategic.summary.total, strategic.summary.overdue) == (2, 1)
    assert strategic.summary.resources[FundingSource.NRF] == 3000


def test_grouping_by_theme_and_owner():
    themes = group_actions(_sample(), GroupBy.THEME, TODAY)
    assert [(g.label, len(g.actions)) for g in themes] == [("Crime", 2), ("No theme", 2)]
    owners = group_actions(_sample(), GroupBy.OWNER, TODAY, {3: "Helen Chowdhury"})
    assert [(g.label, len(g.actions)) for g in owners] == [
        ("Helen Chowdhury", 2), ("Police", 1), ("No owner", 1)]


def test_summary_counts_and_money():
    s = summarise(_sample(), TODAY)
    assert s.total == 4 and s.overdue == 1 and s.due_soon == 1
    assert s.by_status[ActionStatus.COMPLETE] == 1
    assert s.by_status[ActionStatus.NOT_STARTED] == 2
    assert s.by_progress[Progress.GREEN] == 2 and s.by_progress[None] == 1
    assert s.resources[FundingSource.NRF] == 3000 and s.total_resources == 3500


def test_bulk_update_sets_fields_and_shifts_due_dates(services):
    a = services.actions.add(_action("One", due=D(2002, 7, 1)))
    b = services.actions.add(_action("Two", due=D(2002, 8, 1), owner_body="Police"))
    c = services.actions.add(_action("Untouched", due=D(2002, 8, 1)))
    before = services.actions.bulk_update([a.id, b.id], status=ActionStatus.IN_PROGRESS,
                                          progress=Progress.AMBER, owner_body="Thameside CVS",
                                          shift_days=14)
    got = {x.id: x for x in services.actions.list_actions()}
    assert got[a.id].due == D(2002, 7, 15) and got[b.id].due == D(2002, 8, 15)
    assert {got[i].status for i in (a.id, b.id)} == {ActionStatus.IN_PROGRESS}
    assert {got[i].owner_body for i in (a.id, b.id)} == {"Thameside CVS"}
    assert got[c.id] == c
    services.actions.write_many(before)      # the undo
    assert services.actions.get(b.id) == b


def test_bulk_shift_that_puts_due_before_start_changes_nothing(services):
    a = services.actions.add(_action("Near", start=D(2002, 6, 1), due=D(2002, 6, 5)))
    b = services.actions.add(_action("Far", due=D(2002, 9, 1)))
    with pytest.raises(ValidationError) as exc:
        services.actions.bulk_update([a.id, b.id], shift_days=-10)
    assert exc.value.errors[0].message.startswith(a.reference)
    assert services.actions.get(b.id).due == D(2002, 9, 1)


def test_bulk_owner_member_clears_body(services):
    mid = services.members.add(Member(name="Owner", sector=Sector.PUBLIC,
                                      terms=(Term(D(2001, 1, 1)),))).id
    a = services.actions.add(_action(owner_body="Police"))
    services.actions.bulk_update([a.id], owner_member_id=mid)
    got = services.actions.get(a.id)
    assert (got.owner_member_id, got.owner_body) == (mid, "")


def test_delete_and_restore(services):
    a = services.actions.add(_action(milestones=(Milestone("M", D(2002, 3, 1)),)))
    gone = services.actions.delete(a.id)
    assert services.actions.list_actions() == []
    back = services.actions.restore(gone)
    assert back.id == a.id and back.milestones[0].title == "M"


def test_add_many_assigns_references_and_refuses_duplicates_all_or_none(services):
    services.actions.add(_action(reference="A-003"))
    ids = services.actions.add_many([_action("x", notes=(ProgressNote(D(2002, 1, 2), "n"),)),
                                     _action("y", reference="B-1")])
    got = {a.id: a for a in services.actions.list_actions()}
    assert [got[i].reference for i in ids] == ["A-004", "B-1"]
    assert got[ids[0]].notes[0].text == "n"
    with pytest.raises(ValidationError):
        services.actions.add_many([_action("z"), _action("dup", reference="a-003")])
    assert len(services.actions.list_actions()) == 3


def test_search_key_folds_each_field_and_never_joins_two():
    a = _action("Youth Club", reference="A-001", description="Eastgate", lead_officer="Łucja")
    key = search_key(a, "Mr O'Neill")
    assert "youthclub" in key and "oneill" in key and "lucja" in key
    assert "clubeastgate" not in key
    plain = search_key(_action("Youth Club", description="Eastgate"))
    assert "youthclub" in plain and "clubeastgate" not in plain
