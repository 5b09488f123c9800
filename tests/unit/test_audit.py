"""Audit trail: every insert, update and delete leaves a line (who, when, what), none can be edited."""

from __future__ import annotations

import getpass
from dataclasses import replace
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import delete, select, update

from lsp_desktop.db.models import AuditRow, MemberRecord
from lsp_desktop.domain.actions import Action, ActionStatus, Milestone
from lsp_desktop.domain.audit import AuditFilter
from lsp_desktop.domain.criteria import Criterion
from lsp_desktop.domain.errors import DomainError, ValidationError
from lsp_desktop.domain.members import Member, Role, Sector, Term
from lsp_desktop.domain.strategies import Strategy, StrategyStatus, StrategyType
from lsp_desktop.services.unit_of_work import unit_of_work

D = date


def _member(name="Llŷr Davies", **kw) -> Member:
    kw.setdefault("sector", Sector.COMMUNITY)
    kw.setdefault("category", "Residents and community groups")
    kw.setdefault("terms", (Term(D(2001, 4, 1)),))
    return Member(name=name, **kw)


def _action(title="Recruit two BME representatives", **kw) -> Action:
    return Action(**{"reference": "", "title": title, "start": D(2002, 1, 1),
                     "due": D(2002, 9, 30), **kw})


def changes(line) -> dict:
    return {c.field: (c.old, c.new) for c in line.changes}


def newest(services, **kw):
    return services.audit.lines(AuditFilter(**kw))


def test_member_insert_update_delete_with_who_and_when(services):
    services.audit.set_officer("Priya Shah")
    before = datetime.now(UTC).replace(tzinfo=None)
    m = services.members.add(_member(email="llyr@example.org"))
    services.members.update(m.with_changes(email="llyr@bankside.example", role=Role.CHAIR))
    services.members.delete(m.id)
    after = datetime.now(UTC).replace(tzinfo=None)
    lines = services.audit.history("member", m.id)
    # newest first: delete of the member and its term, update, insert of member and term
    assert [(x.action, x.record_type) for x in lines if x.record_type == "member"] == [
        ("delete", "member"), ("update", "member"), ("insert", "member")]
    deleted, updated, inserted = [x for x in lines if x.record_type == "member"]
    assert changes(updated) == {"email": ("llyr@example.org", "llyr@bankside.example"),
                                "role": ("member", "chair")}
    assert changes(inserted)["name"] == (None, "Llŷr Davies")
    assert changes(deleted)["email"] == ("llyr@bankside.example", None)
    assert inserted.label == "Llŷr Davies"
    terms = [x for x in lines if x.record_type == "term"]
    assert [x.action for x in terms] == ["delete", "insert"]
    assert terms[0].label.startswith("Llŷr Davies: ") and terms[0].owner_id == m.id
    for line in lines:
        assert line.officer == "Priya Shah" and line.os_user == getpass.getuser()
        assert before <= line.at <= after


def test_saving_without_changes_writes_nothing_and_terms_are_not_noise(services):
    m = services.members.add(_member())
    count = services.audit.count()
    services.members.update(m)                   # terms re-written identically
    assert services.audit.count() == count
    services.members.end_term(m.id, D(2002, 3, 31), "Moved away")
    line = newest(services, record_type="term")[0]
    assert line.action == "update"
    assert changes(line) == {"end_date": (None, "2002-03-31"),
                             "reason_left": ("", "Moved away")}


def test_action_insert_update_delete_and_milestones(services):
    a = services.actions.add(_action(milestones=(Milestone("Draft letter", D(2002, 3, 1)),)))
    count = services.audit.count()
    a = services.actions.update(a)               # children replaced wholesale, unchanged
    assert services.audit.count() == count
    a = services.actions.update(replace(a, status=ActionStatus.IN_PROGRESS,
                                        milestones=(Milestone("Send letter", D(2002, 3, 1)),)))
    lines = services.audit.history("action", a.id)
    top = [x for x in lines if x.record_type == "action"][0]
    assert top.action == "update"
    assert changes(top) == {"status": ("not started", "in progress")}
    [milestone] = [x for x in lines if x.record_type == "action_milestone"
                   and x.action == "update"]        # re-written on save: one change
    assert changes(milestone) == {"title": ("Draft letter", "Send letter")}
    assert milestone.label.startswith(f"{a.reference} ")
    services.actions.add_note(a.id, "Chased by phone")
    assert newest(services, record_type="action_note")[0].owner_id == a.id
    services.actions.delete(a.id)
    kinds = {(x.action, x.record_type) for x in services.audit.history("action", a.id)}
    assert {("delete", "action"), ("delete", "action_milestone"),
            ("delete", "action_note")} <= kinds


def test_bulk_paths_are_recorded(services):
    ids = services.actions.add_many([_action("One"), _action("Two"), _action("Three")])
    lines = newest(services, record_type="action")
    assert sorted(x.record_id for x in lines if x.action == "insert") == ids
    services.actions.bulk_update(ids[:2], status=ActionStatus.COMPLETE)
    done = [x for x in newest(services, record_type="action") if x.action == "update"]
    assert sorted(x.record_id for x in done) == ids[:2]
    assert all(changes(x)["status"] == ("not started", "complete") for x in done)


def test_member_import_writes_a_line_per_member_and_a_summary_of_terms(services, tmp_path):
    source = tmp_path / "m.csv"
    source.write_text("name,organisation,sector,start_date\n"
                      "Ann Ames,Body A,public,01/04/2001\nBen Bell,Body B,private,01/04/2001\n",
                      encoding="utf-8")
    services.exchange.import_members(source)
    members = newest(services, record_type="member")
    assert sorted(x.label for x in members) == ["Ann Ames", "Ben Bell"]
    assert all(x.action == "insert" and x.record_id for x in members)
    assert all(changes(x) == {"added by": (None, "import")} for x in members)
    [terms] = newest(services, record_type="term")
    assert terms.record_id is None and changes(terms) == {"records added": (None, 2)}


def test_other_areas_partnership_strategy_accreditation(services):
    details = services.partnership.get()
    services.partnership.save(replace(details, name="Thameside Together",
                                      nrf_allocations={"2002/03": 6_300_000}))
    kinds = {(x.record_type, x.action) for x in services.audit.lines()}
    assert ("nrf_allocation", "insert") in kinds
    s = services.strategies.create(Strategy(StrategyType.COMMUNITY, "Our Future"))
    services.strategies.update(replace(s, status=StrategyStatus.CONSULTATION_DRAFT))
    line = newest(services, record_type="strategy")[0]
    assert changes(line) == {"status": ("working draft", "consultation draft")}
    sections = services.audit.history("strategy", s.id)
    assert any(x.record_type == "strategy_section" and x.action == "insert" for x in sections)
    services.strategies.delete(s.id)
    assert newest(services, record_type="strategy")[0].action == "delete"
    rnd = services.accreditation.new_round("Self-assessment 2002", financial_year="2001/02")
    w = services.accreditation.add_weakness(rnd.id, Criterion.INCLUSIVE, "Few BME members")
    services.accreditation.update_weakness(w.id, "Few BME and faith members")
    line = newest(services, record_type="weakness")[0]
    assert changes(line)["text"] == ("Few BME members", "Few BME and faith members")


def test_core_delete_statement_is_recorded(demo_services):
    hood = demo_services.strategies.neighbourhoods()[0]
    demo_services.strategies.delete_neighbourhood(hood.id)
    line = newest(demo_services, record_type="neighbourhood")[0]
    assert (line.action, line.record_id, line.label) == ("delete", hood.id, hood.name)


def test_a_failed_save_writes_no_line(services):
    count = services.audit.count()
    with pytest.raises(ValidationError):
        services.members.add(_member(name=""))
    with pytest.raises(RuntimeError), unit_of_work(services.audit._factory) as s:
        s.add(MemberRecord(name="Ghost", search_key="ghost", sector="public"))
        s.flush()
        raise RuntimeError("rolled back")
    assert services.audit.count() == count


def test_the_trail_cannot_be_edited(services):
    services.members.add(_member())
    factory = services.audit._factory
    lines = services.audit.lines()
    with pytest.raises(DomainError, match="cannot be changed"), unit_of_work(factory) as s:
        s.execute(update(AuditRow).values(officer="Someone else"))
    with pytest.raises(DomainError, match="cannot be changed"), unit_of_work(factory) as s:
        s.execute(delete(AuditRow))
    with pytest.raises(DomainError, match="cannot be changed"), unit_of_work(factory) as s:
        s.scalars(select(AuditRow)).first().label = "forged"
    with pytest.raises(DomainError, match="cannot be changed"), unit_of_work(factory) as s:
        s.delete(s.scalars(select(AuditRow)).first())
    assert services.audit.lines() == lines
    writers = [n for n in dir(services.audit) if not n.startswith("_")
               and n not in {"lines", "history", "count", "record_types", "people",
                             "officer", "set_officer", "follow_officer"}]
    assert writers == []


def test_erasure_scrubs_the_members_lines_but_keeps_that_changes_happened(demo_services):
    pd = demo_services.personal_data
    bronwen = pd.find("Bronwen Pritchard")
    demo_services.members.update(bronwen.with_changes(phone="07700 900123",
                                                      notes="Prefers Welsh"))
    before = demo_services.audit.history("member", bronwen.id)
    pd.erase(bronwen.id, "A. Officer", today=D(2002, 6, 1))
    after = demo_services.audit.history("member", bronwen.id)
    assert len(after) == len(before) + 1
    assert after[0].action == "erase" and after[0].label == "Former member 1"
    edit = next(x for x in after if x.action == "update" and x.record_type == "member")
    assert changes(edit) == {"phone": ("(erased)", "(erased)"), "notes": ("", "(erased)")}
    text = repr(demo_services.audit.lines())
    for secret in ("Bronwen", "Pritchard", "07700 900123", "bronwen@", "Prefers Welsh"):
        assert secret not in text


def test_log_filters(demo_services):
    audit = demo_services.audit
    audit.set_officer("Priya Shah")
    m = demo_services.members.all_members()[0]
    demo_services.members.update(m.with_changes(notes="Met at the forum"))
    assert [x.record_id for x in audit.lines(AuditFilter(who="Priya Shah"))] == [m.id]
    assert audit.lines(AuditFilter(text="at the FORUM"))[0].record_id == m.id
    assert audit.lines(AuditFilter(since=datetime(2999, 1, 1))) == []
    assert audit.lines(AuditFilter(record_type="member", record_id=m.id,
                                   with_children=False))[0].action == "update"
    assert "Priya Shah" in audit.people() and "member" in audit.record_types()


def test_archive_carries_the_trail_verbatim(demo_services, tmp_path):
    from lsp_desktop.db.database import open_partnership
    from lsp_desktop.services import build_services
    from lsp_desktop.services.archive import import_archive

    demo_services.audit.set_officer("Priya Shah")
    m = demo_services.members.all_members()[0]
    demo_services.members.update(m.with_changes(notes="Chairs the housing group"))
    archive = demo_services.archive.write(tmp_path / "a.json")
    lines = demo_services.audit.lines()
    assert '"officer": "Priya Shah"' in archive.read_text(encoding="utf-8")
    counts = import_archive(archive, tmp_path / "copy.lspd")
    assert counts["audit"] == len(lines)
    copy = open_partnership(tmp_path / "copy.lspd")
    try:
        assert build_services(copy.session_factory, copy.path).audit.lines() == lines
    finally:
        copy.close()
