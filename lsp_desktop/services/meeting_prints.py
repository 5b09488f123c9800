"""Gathers what the meeting prints need (board pack, minutes, decisions, attendance)."""

from __future__ import annotations

from lsp_desktop.domain.actions import owner_label
from lsp_desktop.domain.errors import DomainError
from lsp_desktop.domain.meetings import Meeting, year_of

MEETING_REPORTS = ("board-pack", "minutes", "decisions", "attendance")


def minutes_data(services, meeting: Meeting, public: bool = False, members=None):
    from lsp_desktop.reports.meetings import MinutesData

    meetings = services.meetings
    members = members if members is not None else meetings._all_members()
    names = {m.id: m.display_name for m in members}
    seats = meetings.seats(meeting.body_id, meeting.held_on, members)
    result = meetings.quorum_of(meeting, members) if meeting.attendance else None
    ids = {a for i in meeting.items for a in i.action_ids}
    actions = {}
    for a in services.actions.list_actions() if ids else ():
        if a.id in ids:
            actions[a.id] = (a.reference, a.title, owner_label(a, names), a.due)
    standing = {}
    for m in members:
        live = tuple(d.interest for d in m.declarations
                     if (d.declared_on is None or d.declared_on <= meeting.held_on)
                     and (d.withdrawn_on is None or d.withdrawn_on >= meeting.held_on))
        if live:
            standing[m.id] = live
    approved_on = None
    if meeting.approved_at_id is not None:
        approved_on = meetings.get(meeting.approved_at_id).held_on
    return MinutesData(services.partnership.get().name, meeting, seats, result,
                       meetings.quorum_rule().label, names, actions, standing, public,
                       approved_on)


def board_pack_data(services, meeting_id: int, public: bool = False):
    from lsp_desktop.reports.meetings import BoardPackData

    meetings = services.meetings
    meeting = meetings.get(meeting_id)
    members = meetings._all_members()
    previous = meetings.previous(meeting)
    papers = {}
    for item in meeting.items:
        if item.confidential and public:
            continue
        papers[item.id] = tuple(meetings.paper(p.id) for p in item.papers if p.is_pdf)
    return BoardPackData(minutes_data(services, meeting, public, members),
                         minutes_data(services, previous, public, members) if previous else None,
                         papers)


def prepare_meeting_report(services, request) -> tuple[str, object, object]:
    """(title, renderer, data) of one of MEETING_REPORTS (printing wraps them)."""
    from lsp_desktop.reports import meetings as r

    name = services.partnership.get().name
    if request.report in ("board-pack", "minutes"):
        if request.meeting is None:
            raise DomainError(f"name the meeting for the {request.report} with --meeting ID "
                              "(see `lsp-desktop meetings`)")
        if request.report == "board-pack":
            data = board_pack_data(services, request.meeting, request.public)
            return r.board_pack_title(data), r.render_board_pack, data
        data = minutes_data(services, services.meetings.get(request.meeting), request.public)
        return r.minutes_title(data), r.render_minutes, data
    if request.report == "decisions":
        decisions = services.meeting_records.decisions(request.search, public=request.public)
        data = r.DecisionsData(name, decisions, request.search)
        return "Decisions log", r.render_decisions, data
    year = request.year or year_of(request.on or request.produced)
    record = services.meeting_records.attendance_for_year(year)
    return f"Attendance {year}", r.render_attendance, r.AttendanceData(name, record, year)
