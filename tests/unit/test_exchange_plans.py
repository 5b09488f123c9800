"""Actions and targets through CSV/XLSX: round trip, bad rows named, all or none, updates."""

from __future__ import annotations

import pytest

from lsp_desktop.db.database import open_partnership
from lsp_desktop.domain.exchange import ImportProblems
from lsp_desktop.services import build_services


@pytest.fixture
def empty(tmp_path):
    db = open_partnership(tmp_path / "empty.lspd", create=True)
    yield build_services(db.session_factory, db.path)
    db.close()


def problems_of(services, kind, path) -> list[str]:
    with pytest.raises(ImportProblems) as info:
        services.exchange.import_records(kind, path)
    return [str(p) for p in info.value.problems if not p.notice]


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_members_targets_actions_round_trip_into_empty_partnership(demo_services, empty,
                                                                  tmp_path, suffix):
    for kind in ("members", "targets", "actions"):
        out = tmp_path / f"{kind}{suffix}"
        demo_services.exchange.export_records(kind, out)
        empty.exchange.import_records(kind, out)
    assert empty.exchange.member_rows() == demo_services.exchange.member_rows()
    from lsp_desktop.services.plan_exchange import PlanExchange

    mine, theirs = PlanExchange(empty.exchange._factory), PlanExchange(demo_services.exchange._factory)
    assert mine.target_rows() == theirs.target_rows()
    assert mine.action_rows() == theirs.action_rows()
    a = empty.actions.list_actions()[0]
    b = demo_services.actions.list_actions()[0]
    assert [(m.title, m.due, m.done) for m in a.milestones] == [(m.title, m.due, m.done) for m in b.milestones]
    assert [(n.written_on, n.text) for n in a.notes] == [(n.written_on, n.text) for n in b.notes]
    assert {s.title: s.type for s in empty.strategies.strategies()} == \
        {s.title: s.type for s in demo_services.strategies.strategies()}


ACTIONS = "reference,title,criterion,owner_member,start_date,due_date,status,progress,amount,funding_source,milestones,notes\n"


@pytest.mark.parametrize("row, expected", [
    ("A-900,,,,,,,,,,,", "row 2, column B (title): required, but empty."),
    ("A-900,T,bravery,,,,,,,,,", "row 2, column C (criterion): 'bravery' is not one of the six criteria"),
    ("A-900,T,,Nobody Here,,,,,,,,", "row 2, column D (owner_member): no member called 'Nobody Here'."),
    ("A-900,T,,,2002-05-01,2002-04-01,,,,,,", "row 2, column F (due_date): The due date 01/04/2002 is before the start date 01/05/2002."),
    ("A-900,T,,,,,finished,,,,,", "row 2, column G (status): 'finished' is not one of: not started, in progress, complete, dropped"),
    ("A-900,T,,,,,,purple,,,,", "row 2, column H (progress): 'purple' is not one of: green, amber, red"),
    ("A-900,T,,,,,,,12.5,NRF,,", "row 2, column I (amount): 12.5 is not whole pounds."),
    ("A-900,T,,,,,,,lots,,,", "row 2, column I (amount): 'lots' is not a number"),
    ("A-900,T,,,,,,,,,Kick-off | soon,", "row 2, column K (milestones): 'soon' is not a date (use YYYY-MM-DD or DD/MM/YYYY)"),
    ("A-900,T,,,,,,,,,,no date here", "row 2, column L (notes): each progress note starts with its date, e.g. 2002-05-01: text"),
])
def test_each_kind_of_bad_action_row_is_named(demo_services, tmp_path, row, expected):
    path = tmp_path / "a.csv"
    path.write_text(ACTIONS + row + "\n", encoding="utf-8")
    before = demo_services.actions.list_actions()
    assert problems_of(demo_services, "actions", path) == [expected]
    assert demo_services.actions.list_actions() == before


def test_bad_target_rows_named_and_nothing_created(demo_services, tmp_path):
    path = tmp_path / "t.csv"
    path.write_text(
        "strategy,theme,indicator,baseline_value,baseline_date,target_value,target_date,lead_partner\n"
        "Brand new strategy,health,Teenage conceptions,12,2001-04-01,8,2005-04-01,\n"
        "Brand new strategy,health,Smoking,twelve,2001-04-01,,,\n"
        "Brand new strategy,health,Obesity,10,,,,\n"
        "Brand new strategy,health,Walking,10,2001-04-01,12,2000-01-01,\n"
        "Brand new strategy,,Cycling,,,,,\n"
        "Brand new strategy,crime,Burglary,,,,,Acme Widgets\n", encoding="utf-8")
    strategies = demo_services.strategies.strategies()
    assert problems_of(demo_services, "targets", path) == [
        "row 3, column D (baseline_value): 'twelve' is not a number",
        "row 4, column E (baseline_date): Give the date of the baseline.",
        "row 5, column G (target_date): The target date (01/01/2000) must be after the baseline date (01/04/2001).",
        "row 6, column B (theme): required, but empty.",
        "row 7, column H (lead_partner): 'Acme Widgets' is not a body on the register.",
    ]
    assert demo_services.strategies.strategies() == strategies


def test_failure_while_writing_rolls_everything_back(demo_services, tmp_path, monkeypatch):
    from lsp_desktop.domain.errors import DomainError
    from lsp_desktop.services.strategies import StrategiesService

    path = tmp_path / "t.csv"
    path.write_text("strategy,theme,indicator\nNew one,health,First\nNew one,health,Second\n",
                    encoding="utf-8")
    real = StrategiesService.add_target
    calls = []

    def flaky(self, target):
        calls.append(target)
        if len(calls) == 2:
            raise DomainError("disk on fire")
        return real(self, target)

    monkeypatch.setattr(StrategiesService, "add_target", flaky)
    before = (demo_services.strategies.strategies(), demo_services.strategies.targets())
    with pytest.raises(ImportProblems, match="disk on fire"):
        demo_services.exchange.import_records("targets", path)
    assert (demo_services.strategies.strategies(), demo_services.strategies.targets()) == before


def test_existing_actions_skipped_or_updated_keeping_milestones(demo_services, tmp_path):
    first = demo_services.actions.list_actions()[0]
    path = tmp_path / "a.csv"
    path.write_text(f"Ref,Title,Status\n{first.reference},New title,complete\n", encoding="utf-8")
    result = demo_services.exchange.import_records("actions", path)
    assert (result.added, result.skipped) == (0, 1)
    assert demo_services.actions.get(first.id).title == first.title
    result = demo_services.exchange.import_records("actions", path, update_existing=True)
    assert result.updated == 1
    after = demo_services.actions.get(first.id)
    assert (after.title, after.status.value) == ("New title", "complete")
    assert [(m.title, m.due, m.done) for m in after.milestones] == \
        [(m.title, m.due, m.done) for m in first.milestones]
    assert after.owner_member_id == first.owner_member_id


def test_blank_reference_gets_the_next_one(demo_services, tmp_path):
    path = tmp_path / "a.csv"
    path.write_text("title,owner,amount,funding\nNew thing,Jonathan Blake,\"£1,200\",NRF\n",
                    encoding="utf-8")
    assert demo_services.exchange.import_records("actions", path).added == 1
    new = demo_services.actions.list_actions()[-1]
    assert new.reference == "A-042" and new.amount == 1200
    assert demo_services.members.get(new.owner_member_id).name == "Jonathan Blake"


def test_several_criteria_and_the_original_due_date_travel_through_a_file(empty, tmp_path):
    path = tmp_path / "plan.csv"
    path.write_text("reference,title,criterion,due_date,original_due\n"
                    "A-001,Board workshop,strategic; learning and development,2002-06-30,"
                    "2002-03-31\n", encoding="utf-8")
    empty.exchange.import_records("actions", path)
    [a] = empty.actions.list_actions()
    assert [c.value for c in a.criteria] == ["strategic", "learning and development"]
    assert a.due_text() == "30/06/2002, originally 31/03/2002"
    out = tmp_path / "again.csv"
    empty.exchange.export_records("actions", out)
    written = out.read_text(encoding="utf-8")
    assert "strategic; learning and development" in written and "2002-03-31" in written
