"""Meetings service: seats on the date, quorum, substitutes, declarations, decisions, actions."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, time

import pytest

from lsp_desktop.domain.actions import Action
from lsp_desktop.domain.errors import DomainError, ValidationError
from lsp_desktop.domain.meetings import (
    AgendaItem,
    AttendanceEntry,
    Body,
    BodyKind,
    Decision,
    GroupMembership,
    LinkKind,
    Meeting,
    MeetingDeclaration,
    MeetingStatus,
    Presence,
    QuorumRule,
    quorum,
)
from lsp_desktop.domain.members import Member, Role, Sector, Term

D = date


def _member(services, name, sector, start=None, end=None, **kw) -> Member:
    start = start or D(2001, 4, 1)
    return services.members.add(Member(name=name, sector=sector,
                                       terms=(Term(start, end),), **kw))


@pytest.fixture
def board(services):
    """Six seats (two per public/community/voluntary), a substitute, a former member."""
    m = {}
    m["ann"] = _member(services, "Ann Public", Sector.PUBLIC)
    m["bob"] = _member(services, "Bob Public", Sector.PUBLIC)
    m["cat"] = _member(services, "Cat Community", Sector.COMMUNITY)
    m["dan"] = _member(services, "Dan Community", Sector.COMMUNITY)
    m["eve"] = _member(services, "Eve Voluntary", Sector.VOLUNTARY)
    m["fay"] = _member(services, "Fay Private", Sector.PRIVATE, start=D(2001, 4, 1),
                       end=D(2001, 12, 31))
    m["sub"] = _member(services, "Sam Deputy", Sector.COMMUNITY, role=Role.SUBSTITUTE,
                       deputises_for_id=m["cat"].id)
    return m


def _present(*members, sub_for=None):
    out = [AttendanceEntry(x.id, Presence.PRESENT) for x in members]
    return tuple(out)


def test_the_board_expected_is_the_register_on_the_meeting_date(services, board):
    body = services.meetings.board()
    before = {s.name for s in services.meetings.seats(body.id, D(2001, 10, 1))}
    after = {s.name for s in services.meetings.seats(body.id, D(2002, 3, 1))}
    assert "Fay Private" in before and "Fay Private" not in after
    assert "Sam Deputy" not in before        # a substitute holds no seat
    assert len(after) == 5


def test_quorum_needs_the_share_of_seats_and_the_sectors(services, board):
    rule = QuorumRule(1, 3, min_sectors=2, per_sector=1)
    seats = services.meetings.seats(services.meetings.board().id, D(2002, 3, 1))
    # Two public members: enough seats (2 of 5) but one sector only.
    one_sector = quorum(seats, _present(board["ann"], board["bob"]), rule)
    assert one_sector.needed == 2 and one_sector.filled == 2 and not one_sector.met
    both = quorum(seats, _present(board["ann"], board["cat"]), rule)
    assert both.met
    assert "Quorate" in both.sentence
    services.meetings.set_quorum_rule(QuorumRule(1, 2, 0, 1))
    assert services.meetings.quorum_rule().label == "half of the seats"


def test_a_substitute_fills_the_seat_of_the_member_they_deputise_for_only(services, board):
    body = services.meetings.board()
    good = Meeting(body.id, D(2002, 3, 1), status=MeetingStatus.HELD, attendance=(
        AttendanceEntry(board["ann"].id, Presence.PRESENT),
        AttendanceEntry(board["cat"].id, Presence.APOLOGIES, board["sub"].id)))
    saved = services.meetings.save(good)
    assert saved.quorate is True        # Sam filled Cat's community seat
    wrong = replace(good, attendance=(
        AttendanceEntry(board["ann"].id, Presence.PRESENT),
        AttendanceEntry(board["dan"].id, Presence.APOLOGIES, board["sub"].id)))
    with pytest.raises(ValidationError, match="only stand in for the member they deputise"):
        services.meetings.save(wrong)


def test_a_member_off_the_register_that_day_cannot_be_recorded(services, board):
    body = services.meetings.board()
    late = Meeting(body.id, D(2002, 3, 1), status=MeetingStatus.HELD,
                   attendance=(AttendanceEntry(board["fay"].id, Presence.PRESENT),))
    with pytest.raises(ValidationError, match="held no seat on 01/03/2002"):
        services.meetings.save(late)


def test_inquorate_meeting_flags_its_decisions_in_the_log(services, board):
    body = services.meetings.board()
    items = (AgendaItem("Budget", decisions=(Decision("Agree the NRF budget"),
                                             Decision("Ask the Chamber to nominate"))),
             AgendaItem("Exempt contract", confidential=True,
                        decisions=(Decision("Award the contract to Llŷr's firm"),)))
    m = services.meetings.save(Meeting(body.id, D(2002, 3, 1), status=MeetingStatus.HELD,
                                       items=items, attendance=_present(board["ann"])))
    assert m.quorate is False
    assert [d.number for i in m.items for d in i.decisions] == [1, 2, 3]
    log = services.meeting_records.decisions()
    assert [d.reference for d in log] == ["01/03/2002 D1", "01/03/2002 D2", "01/03/2002 D3"]
    assert all(d.inquorate for d in log)
    assert [d.text for d in services.meeting_records.decisions("llyr")] == [
        "Award the contract to Llŷr's firm"]
    assert len(services.meeting_records.decisions(public=True)) == 2
    assert services.meeting_records.decisions("nrf BUDGET")[0].number == 1


def test_declarations_are_recorded_against_the_item(services, board):
    body = services.meetings.board()
    m = services.meetings.save(Meeting(
        body.id, D(2002, 3, 1), items=(AgendaItem("Welcome"), AgendaItem("Grants")),
        declarations=(MeetingDeclaration(1, board["eve"].id, "Trustee of an applicant"),)))
    got = services.meetings.get(m.id)
    assert got.declarations[0].item_index == 1
    assert got.declarations[0].interest == "Trustee of an applicant"
    # Reordering the agenda keeps the declaration on its item.
    moved = services.meetings.save(replace(got, items=(got.items[1], got.items[0]),
                                           declarations=(replace(got.declarations[0],
                                                                 item_index=0),)))
    assert moved.items[0].title == "Grants" and moved.declarations[0].item_index == 0


def test_actions_arising_are_linked_both_ways(services, board):
    body = services.meetings.board()
    m = services.meetings.save(Meeting(body.id, D(2002, 3, 1), items=(AgendaItem("Housing"),)))
    item = m.items[0]
    with pytest.raises(ValidationError, match="owner and a due date"):
        services.meetings.raise_action(item.id, Action("", "Survey void homes"))
    a = services.meetings.raise_action(item.id, Action(
        "", "Survey void homes", owner_member_id=board["ann"].id, due=D(2002, 6, 30)))
    assert services.actions.get(a.id).title == "Survey void homes"
    assert services.meetings.get(m.id).items[0].action_ids == (a.id,)
    assert services.meetings.arising_from(a.id) == [(m.id, D(2002, 3, 1),
                                                     "Partnership board", "Housing")]


def test_papers_are_kept_in_the_file_and_survive_evidence_clean_up(services, board, tmp_path):
    body = services.meetings.board()
    m = services.meetings.save(Meeting(body.id, D(2002, 3, 1), items=(AgendaItem("Budget"),)))
    paper = tmp_path / "budget.pdf"
    paper.write_bytes(b"%PDF-1.4 test")
    p = services.meetings.attach_paper(m.items[0].id, paper)
    assert p.name == "budget.pdf" and p.size == 13
    bad = tmp_path / "notes.txt"
    bad.write_text("x")
    with pytest.raises(DomainError, match="PDF, DOCX, ODT or XLSX"):
        services.meetings.attach_paper(m.items[0].id, bad)
    # The accreditation service tidies the shared store: the paper must stay.
    services.accreditation._drop_orphan_files  # noqa: B018 - the shared clean-up exists
    from lsp_desktop.services.unit_of_work import unit_of_work

    with unit_of_work(services.accreditation._factory) as s:
        services.accreditation._drop_orphan_files(s)
    assert services.meetings.paper(p.id) == ("budget.pdf", b"%PDF-1.4 test")


def test_group_seats_follow_dated_membership(services, board):
    group = services.meetings.save_body(Body("Crime theme group", BodyKind.THEME_GROUP,
                                             memberships=(
        GroupMembership(board["ann"].id, D(2001, 4, 1), D(2001, 12, 31)),
        GroupMembership(board["eve"].id, D(2002, 1, 1)))))
    assert [s.name for s in services.meetings.seats(group.id, D(2001, 6, 1))] == ["Ann Public"]
    assert [s.name for s in services.meetings.seats(group.id, D(2002, 6, 1))] == [
        "Eve Voluntary"]


def test_attendance_rates_by_member_and_sector(services, board):
    body = services.meetings.board()
    for day, att in ((D(2002, 1, 10), (
            AttendanceEntry(board["ann"].id, Presence.PRESENT),
            AttendanceEntry(board["cat"].id, Presence.APOLOGIES, board["sub"].id),
            AttendanceEntry(board["dan"].id, Presence.ABSENT))),
            (D(2002, 2, 10), (AttendanceEntry(board["cat"].id, Presence.PRESENT),
                              AttendanceEntry(board["eve"].id, Presence.PRESENT)))):
        services.meetings.save(Meeting(body.id, day, status=MeetingStatus.HELD,
                                       attendance=att))
    record = services.meeting_records.attendance_for_year("2001/02")
    assert record.meetings == 2
    assert record.sectors[Sector.COMMUNITY].filled == 2      # Sam filled Cat's seat once
    assert record.sectors[Sector.COMMUNITY].expected == 4
    rates = {name: r for name, _sector, r in record.members}
    assert rates["Cat Community"].percent == "100%"
    assert rates["Cat Community"].substituted == 1
    assert rates["Bob Public"].percent == "0%"
    assert "Community members attended 50% of board meetings" in record.sentence
    assert services.meetings.attended_by(board["sub"].id) == [
        (D(2002, 1, 10), "Partnership board", "Attended as substitute")]


def test_minutes_are_approved_at_a_later_held_meeting(services, board):
    body = services.meetings.board()
    first = services.meetings.save(Meeting(body.id, D(2002, 1, 10), status=MeetingStatus.HELD))
    second = services.meetings.save(Meeting(body.id, D(2002, 2, 10)))
    with pytest.raises(DomainError, match="has not been held"):
        services.meetings.approve_minutes(first.id, second.id)
    services.meetings.set_status(second.id, MeetingStatus.HELD)
    assert services.meetings.approve_minutes(first.id, second.id).approved_at_id == second.id
    assert services.meetings.previous(services.meetings.get(second.id)).id == first.id


def test_calendar_round_trips_through_icalendar(services, board, tmp_path):
    import icalendar

    body = services.meetings.board()
    services.meetings.save(Meeting(body.id, D(2002, 7, 11), time(18, 30), "Town Hall",
                                   items=(AgendaItem("Budget"),)))
    services.meetings.save(Meeting(body.id, D(2003, 1, 9), status=MeetingStatus.CANCELLED))
    out = tmp_path / "year.ics"
    assert services.meeting_records.write_calendar(out, year="2002/03",
                                                   partnership="Thameside") == 2
    cal = icalendar.Calendar.from_ical(out.read_bytes())
    events = list(cal.walk("VEVENT"))
    assert [str(e["summary"]) for e in events] == ["Partnership board",
                                                   "Partnership board (cancelled)"]
    assert events[0].decoded("dtstart").isoformat() == "2002-07-11T18:30:00"
    assert str(events[0]["location"]) == "Town Hall"
    assert "1. Budget" in str(events[0]["description"])
    with pytest.raises(DomainError, match="No meetings fall in 2005/06"):
        services.meeting_records.write_calendar(out, year="2005/06")


def test_meetings_are_audited_archived_and_in_subject_access(services, board):
    body = services.meetings.board()
    services.meetings.save(Meeting(body.id, D(2002, 3, 1), status=MeetingStatus.HELD,
                                   items=(AgendaItem("Grants"),),
                                   attendance=(AttendanceEntry(board["eve"].id,
                                                               Presence.PRESENT),),
                                   declarations=(MeetingDeclaration(0, board["eve"].id,
                                                                    "Trustee"),)))
    kinds = {line.record_type for line in services.audit.lines()}
    assert {"meeting", "agenda_item", "attendance", "meeting_declaration"} <= kinds
    archive = services.archive.build()
    assert archive["tables"]["attendance"][0]["member_id"] == board["eve"].id
    assert archive["tables"]["meeting_declaration"][0]["interest"] == "Trustee"
    access = services.personal_data.subject_access(board["eve"].id)
    assert access["linked_records"]["attendance"][0]["presence"] == "present"
    assert access["linked_records"]["meeting_declaration"][0]["interest"] == "Trustee"


def test_demo_readiness_and_pack_quote_board_attendance_by_sector(demo_services):
    from lsp_desktop.services.printing import PrintRequest, render_bytes
    from tests.pdftext import text

    rnd = demo_services.accreditation.latest_round()
    _rnd, report = demo_services.readiness.report(rnd.id, D(2002, 6, 30))
    signals = {(r.criterion.value, s.key): s for r in report for s in r.signals}
    attendance = signals[("inclusive", "attendance")]
    assert "Community members attended" in attendance.sentence
    assert "private sector" in attendance.sentence
    assert "board meetings held in the year were quorate" in signals[("efficient",
                                                                      "quorum")].sentence
    assert "decisions minuted" in signals[("action-focused", "decisions")].sentence
    pack = text(render_bytes(demo_services, PrintRequest("pack", D(2002, 6, 30))))
    assert "Community members attended" in pack


def test_archive_with_attachments_carries_meetings_and_papers(services, board, tmp_path):
    from lsp_desktop.db.database import open_partnership
    from lsp_desktop.services import build_services
    from lsp_desktop.services.archive import import_archive

    body = services.meetings.board()
    m = services.meetings.save(Meeting(body.id, D(2002, 3, 1), status=MeetingStatus.HELD,
                                       items=(AgendaItem("Budget", decisions=(
                                           Decision("Agree it"),)),),
                                       attendance=_present(board["ann"], board["cat"])))
    services.meetings.add_paper_bytes(m.items[0].id, "budget.pdf", b"%PDF-1.4 x")
    archive = services.archive.write(tmp_path / "a.json", with_attachments=True)
    counts = import_archive(archive, tmp_path / "copy.lspd")
    assert counts["meeting"] == 1 and counts["meeting_paper"] == 1
    db = open_partnership(tmp_path / "copy.lspd")
    try:
        copy = build_services(db.session_factory, db.path)
        got = copy.meetings.get(m.id)
        assert got.quorate is True and got.items[0].decisions[0].text == "Agree it"
        assert copy.meetings.paper(got.items[0].papers[0].id) == ("budget.pdf", b"%PDF-1.4 x")
    finally:
        db.close()


def test_erasing_a_former_member_anonymises_their_meetings(services, board):
    body = services.meetings.board()
    fay = board["fay"]
    services.meetings.save(Meeting(
        body.id, D(2001, 10, 1), status=MeetingStatus.HELD,
        items=(AgendaItem("Business", discussion="Fay Private reported on the Chamber."),),
        attendance=(AttendanceEntry(fay.id, Presence.PRESENT),),
        declarations=(MeetingDeclaration(0, fay.id, "Fay Private's firm bids for grants"),)))
    services.personal_data.erase(fay.id, "Officer", today=D(2008, 1, 1))
    m = services.meeting_records._meetings.get(services.meetings.list_rows()[0].id)
    assert "Fay Private" not in m.items[0].discussion and "Former member 1" in m.items[0].discussion
    assert "Fay Private" not in m.declarations[0].interest
    assert services.meetings.attended_by(fay.id)[0][2] == "Present"


def test_a_meeting_changed_by_another_officer_is_not_overwritten(services, board):
    from lsp_desktop.domain.errors import ConflictError

    body = services.meetings.board()
    mine = services.meetings.save(Meeting(body.id, D(2002, 3, 1), venue="Town Hall"))
    theirs = services.meetings.save(replace(mine, venue="Library"))
    with pytest.raises(ConflictError, match="changed by"):
        services.meetings.save(replace(mine, venue="Civic Centre"))
    assert services.meetings.get(mine.id).venue == "Library"
    overwritten = services.meetings.save(replace(mine, venue="Civic Centre",
                                                 version=theirs.version))
    assert overwritten.venue == "Civic Centre"


def test_demo_archive_round_trips_meeting_times_and_subject_access_reads_them(
        demo_services, tmp_path):
    from lsp_desktop.db.database import open_partnership
    from lsp_desktop.services import build_services
    from lsp_desktop.services.archive import import_archive

    archive = demo_services.archive.write(tmp_path / "demo.json", with_attachments=True)
    import_archive(archive, tmp_path / "copy.lspd")
    db = open_partnership(tmp_path / "copy.lspd")
    try:
        copy = build_services(db.session_factory, db.path)
        assert [(r.held_on, r.start) for r in copy.meetings.list_rows()] == [
            (r.held_on, r.start) for r in demo_services.meetings.list_rows()]
        assert copy.meetings.list_rows()[0].start == time(18, 0)
    finally:
        db.close()
    ellison = next(m for m in demo_services.members.all_members()
                   if m.name == "Richard Ellison")
    access = demo_services.personal_data.subject_access(ellison.id)
    assert access["linked_records"]["attendance"]
    assert access["mentions"]["agenda_item"]         # items he presented, by name


def test_an_item_links_only_to_records_that_exist(services, board):
    body = services.meetings.board()
    a = services.actions.add(Action("", "Survey void homes", due=D(2002, 6, 30),
                                    owner_body="Council"))
    linked = services.meetings.save(Meeting(body.id, D(2002, 3, 1), items=(
        AgendaItem("Voids", link_kind=LinkKind.ACTION, link_ref=str(a.id)),
        AgendaItem("Self-assessment", link_kind=LinkKind.CRITERION, link_ref="inclusive"))))
    assert linked.items[0].link_ref == str(a.id)
    with pytest.raises(ValidationError, match="links to action '999', which does not exist"):
        services.meetings.save(Meeting(body.id, D(2002, 3, 1), items=(
            AgendaItem("Voids", link_kind=LinkKind.ACTION, link_ref="999"),)))
    with pytest.raises(ValidationError, match="criterion 'friendly'"):
        services.meetings.save(Meeting(body.id, D(2002, 3, 1), items=(
            AgendaItem("Voids", link_kind=LinkKind.CRITERION, link_ref="friendly"),)))
