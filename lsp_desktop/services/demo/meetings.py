"""Demo meetings: a year of board and theme-group meetings, July 2001 to July 2002, with papers."""

from __future__ import annotations

import io
import zlib
from datetime import date, time, timedelta

from lsp_desktop.domain.actions import Action
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
    OtherAttendee,
    OtherRole,
    Presence,
    expected_seats,
)

D = date
VENUE = "Committee Room 2, Thameside Town Hall"
INQUORATE_ON = D(2001, 12, 13)      # the winter meeting few could reach

# (date, items: (title, presenter, decision sought, confidential, decisions, action arising))
_BOARD = [
    (D(2001, 7, 12), [
        ("Terms of reference and quorum", "Chair", "Adopt the terms of reference", False,
         ["The terms of reference were adopted, with a quorum of a third of the seats "
          "including members from two sectors."], None),
        ("Neighbourhood Renewal Fund 2001/02", "Richard Ellison", "Agree the allocation", False,
         ["The NRF allocation of £4.2m for 2001/02 was agreed across the six themes.",
          "The first NRF projects were approved: neighbourhood wardens, target-hardening, "
          "empty homes and the job shop."],
         ("Map partners' mainstream budgets against the floor targets", "Richard Ellison",
          120)),
    ]),
    (D(2001, 9, 13), [
        ("Accreditation: the self-assessment", "Aoife Ní Bhriain", "Agree the timetable", False,
         ["The self-assessment timetable was agreed; workshops in October."],
         ("Board self-assessment workshop", "Siobhán O'Neill", 45)),
        ("Community Empowerment Fund", "Tomasz Kowalczyk", "Note the CEN's bid", False,
         ["The board supported the Community Empowerment Network's bid."], None),
    ]),
    (D(2001, 10, 11), [
        ("Local Neighbourhood Renewal Strategy: consultation draft", "Richard Ellison",
         "Approve the draft for consultation", False,
         ["The consultation draft was approved for eight weeks' consultation."],
         ("Hold neighbourhood forums in Eastgate and Canal wards", "Gwenllïan Rhys", 70)),
        ("Business representation", "Jonathan Blake", "Agree how to fill the vacant seat",
         False, ["The Chamber of Commerce is asked to nominate a second business member."],
         None),
    ]),
    (INQUORATE_ON, [
        ("Crime and disorder audit", "Gareth Price", "Endorse the audit's priorities", False,
         ["The board endorsed the audit's three priorities (to be ratified)."], None),
        ("Contract for the neighbourhood wardens", "Richard Ellison", "Award the contract",
         True, ["The wardens contract was awarded to the preferred bidder (to be ratified)."],
         None),
    ]),
    (D(2002, 1, 24), [
        ("Ratification of the December decisions", "Chair", "Ratify", False,
         ["The decisions of 13/12/2001, taken without a quorum, were ratified."], None),
        ("Accreditation submission", "Aoife Ní Bhriain", "Agree the submission", False,
         ["The self-assessment and action plans were agreed for submission to GO for "
          "London."], ("Agree a performance management framework",
                       "Richard Ellison", 90)),
    ]),
    (D(2002, 3, 14), [
        ("Accreditation decision", "Chair", "Note the outcome", False,
         ["The board noted the accreditation decision of 28/02/2002 and GO's areas of "
          "concern."], ("Recruit two BME representatives to the board", "Imran Qureshi", 120)),
        ("NRF 2002/03 budget", "Richard Ellison", "Agree the budget", False,
         ["The NRF budget of £6.3m for 2002/03 was agreed.",
          "Project managers report spending quarterly to the board."], None),
    ]),
    (D(2002, 5, 9), [
        ("Health theme group report", "Helen Chowdhury", "Note the report", False,
         ["The board noted the health theme group's report and its smoking cessation "
          "targets."], ("Smoking cessation service in priority wards", "Helen Chowdhury", 90)),
        ("Grants to community projects", "Tomasz Kowalczyk", "Approve the grants", False,
         ["Twelve community chest grants were approved."], None),
    ]),
    (D(2002, 7, 11), [
        ("Annual review of the partnership", "Chair", "Agree the review's scope", False,
         [], None),
        ("Performance management framework", "Catrin Morgan", "Adopt the framework", False,
         [], None),
    ]),
    (D(2002, 9, 12), [
        ("Community Strategy: agreed text", "Richard Ellison", "Endorse the strategy", False,
         [], None),
    ]),
]

_GROUPS = {
    "Crime and community safety theme group": ("Gareth Price", "Delroy Campbell",
                                               "Andrzej Zieliński", "Colin Marsh",
                                               "Margaret Okafor"),
    "Health theme group": ("Helen Chowdhury", "Fatima Rahman", "Imran Qureshi",
                           "Priya Patel", "Gwenllïan Rhys"),
}
_GROUP_MEETINGS = [
    ("Crime and community safety theme group", D(2001, 8, 20), "Youth diversion schemes",
     "The group backed two summer youth diversion schemes."),
    ("Health theme group", D(2001, 9, 24), "Smoking cessation",
     "A smoking cessation target for the priority neighbourhoods will go to the board."),
    ("Crime and community safety theme group", D(2001, 11, 19), "Crime and disorder audit",
     "The audit's draft priorities were agreed for the board."),
    ("Health theme group", D(2002, 2, 25), "Health inequalities data",
     "The PCT will share ward-level health data quarterly."),
    ("Crime and community safety theme group", D(2002, 4, 22), "Neighbourhood wardens",
     "The wardens' first quarter was reviewed."),
    ("Health theme group", D(2002, 8, 19), "Teenage pregnancy strategy", ""),
]


def _paper(title: str, pages: int = 2) -> bytes:
    """A small PDF paper, as a partner would send one."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, invariant=1)
    for page in range(1, pages + 1):
        canvas.setFont("Helvetica-Bold", 16)
        canvas.drawString(72, 770, title)
        canvas.setFont("Helvetica", 10)
        canvas.drawString(72, 745, f"Paper to Thameside Together - page {page} of {pages}")
        for line in range(8):
            canvas.drawString(72, 700 - 16 * line, "Background, options and the recommendation "
                              "to the board are set out here.")
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _roll(key: str) -> int:
    return zlib.crc32(key.encode()) % 100


def _attendance(seats, subs: dict[int, int], on: date, inquorate: bool) -> tuple:
    """Most attend; some send apologies (and their substitute); a few are absent."""
    out = []
    for n, seat in enumerate(seats):
        roll = _roll(f"{on}{seat.name}")
        if inquorate:
            roll = 10 if n % 5 == 0 else 85 + roll % 15
        # Business and residents find daytime meetings hardest (a real gap of the period).
        if seat.sector.value == "private":
            roll = min(99, roll + 35)
        if seat.member_id in subs and not inquorate and _roll(f"{on}{seat.name}sub") < 45:
            # Statutory members with a named deputy send them when they cannot come.
            out.append(AttendanceEntry(seat.member_id, Presence.APOLOGIES, subs[seat.member_id]))
        elif roll < 72:
            out.append(AttendanceEntry(seat.member_id, Presence.PRESENT))
        elif roll < 90:
            sub = subs.get(seat.member_id) if not inquorate else None
            out.append(AttendanceEntry(seat.member_id, Presence.APOLOGIES, sub))
        else:
            out.append(AttendanceEntry(seat.member_id, Presence.ABSENT))
    return tuple(out)


def populate(services, today: date) -> None:
    meetings = services.meetings
    members = services.members.all_members()
    ids = {m.name: m.id for m in members}
    board = meetings.board()
    existing = {a.title: a.id for a in services.actions.list_actions()}
    bodies = {}
    for name, people in _GROUPS.items():
        bodies[name] = meetings.save_body(Body(name, BodyKind.THEME_GROUP, board.id, tuple(
            GroupMembership(ids[p], D(2001, 7, 1)) for p in people if p in ids)))
    officer = OtherAttendee("Sarah Whitfield", OtherRole.OFFICER, "LSP secretariat")
    observer = OtherAttendee("Neil Ashworth", OtherRole.OBSERVER, "GO for London")
    previous = None
    for on, items in _BOARD:
        held = on <= D(2002, 6, 30)
        seats = expected_seats(board, members, on)
        subs = {m.deputises_for_id: m.id for m in members
                if m.deputises_for_id and m.is_current(on)}
        agenda = []
        declarations = []
        for n, (title, presenter, sought, confidential, decisions, _a) in enumerate(items):
            agenda.append(AgendaItem(
                title, presenter, sought, confidential,
                LinkKind.CRITERION if "ccreditation" in title else None,
                "inclusive" if "ccreditation" in title else "", discussion=(
                    f"{presenter} introduced the item; members discussed it." if held else ""),
                decisions=tuple(Decision(d) for d in decisions) if held else ()))
            if "Grants" in title and "Tomasz Kowalczyk" in ids:
                declarations.append(MeetingDeclaration(n, ids["Tomasz Kowalczyk"],
                                                       "His advice centre applied for a grant; "
                                                       "he left the room."))
            if "Business" in title and "Jonathan Blake" in ids:
                declarations.append(MeetingDeclaration(n, ids["Jonathan Blake"],
                                                       "Director of a member firm of the "
                                                       "Chamber."))
        meeting = Meeting(
            board.id, on, time(18, 0), VENUE,
            MeetingStatus.HELD if held else MeetingStatus.PLANNED,
            matters_arising=("The actions from the last meeting were reported done or in hand."
                             if held and previous else ""),
            items=tuple(agenda),
            attendance=_attendance(seats, subs, on, on == INQUORATE_ON) if held else (),
            others=(officer, observer) if held else (officer,),
            declarations=tuple(declarations))
        saved = meetings.save(meeting)
        for n, (title, _p, _s, confidential, _d, arising) in enumerate(items):
            item = saved.items[n]
            if n == 0 or confidential or (n == 1 and on.month % 2):
                meetings.add_paper_bytes(item.id, f"Paper {n + 1} - {title[:40]}.pdf",
                                         _paper(title, 2 + n))
            if n == 1 and on == D(2002, 3, 14):
                meetings.add_paper_bytes(item.id, "NRF budget 2002-03.xlsx", b"PK\x03\x04" +
                                         b"\0" * 2048)
            if arising and held:
                what, owner, days = arising
                if what in existing:        # the action plan already holds it: link it
                    meetings.link_action(item.id, existing[what])
                    continue
                meetings.raise_action(item.id, Action(
                    "", what, owner_member_id=ids.get(owner),
                    owner_body="" if owner in ids else owner,
                    start=on, due=on + timedelta(days=days), theme=""))
        if previous is not None and held:
            meetings.approve_minutes(previous.id, saved.id)
        if held:
            previous = saved
    for name, on, topic, decision in _GROUP_MEETINGS:
        body = bodies[name]
        held = on <= D(2002, 6, 30)
        seats = expected_seats(body, members, on)
        meetings.save(Meeting(
            body.id, on, time(14, 0), "Room 4, Thameside CVS",
            MeetingStatus.HELD if held else MeetingStatus.PLANNED,
            items=(AgendaItem(topic, seats[0].name if seats else "", "Agree next steps",
                              discussion="The group discussed the item." if held else "",
                              decisions=(Decision(decision),) if held and decision else ()),),
            attendance=_attendance(seats, {}, on, False) if held else ()))
