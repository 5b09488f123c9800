"""The Meetings tab's rules without Qt: which meetings a filter keeps, the choices, the count
line, what the buttons allow, what Groups… and Export calendar mean."""

from __future__ import annotations

import subprocess
import sys
from datetime import date, time

from lsp_desktop.domain.meetings import Body, BodyKind, MeetingRow, MeetingStatus
from lsp_desktop.domain.text import fold
from lsp_desktop.ui.meetings.meetings_controller import (
    STATUS_CHOICES,
    MeetingsController,
    MeetingsFilter,
)

BOARD = Body("LSP Board", BodyKind.BOARD, id=1)
HOUSING = Body("Housing group", id=2)


def _row(id_, body, held_on, status=MeetingStatus.HELD, quorate=True, venue="Town Hall"):
    return MeetingRow(id_, body.id, body.name, held_on, time(18), venue, status, 3, 10, 12,
                      quorate, 1, True)


ROWS = [_row(1, BOARD, date(2002, 3, 14)),                           # 2001/02
        _row(2, BOARD, date(2002, 5, 9), quorate=False),             # 2002/03
        _row(3, HOUSING, date(2002, 6, 20), venue="Café Élan"),
        _row(4, BOARD, date(2002, 9, 12), MeetingStatus.PLANNED, quorate=None)]


def test_the_controller_loads_without_qt():
    code = ("import sys, lsp_desktop.ui.meetings.meetings_controller; "
            "sys.exit(any(m.startswith(('PySide6', 'shiboken6')) for m in sys.modules))")
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0


def test_the_filter_keeps_a_body_a_status_a_year_and_text_without_accents():
    def kept(**rule):
        return [r.id for r in ROWS if MeetingsFilter(**rule).keeps(r)]

    assert kept() == [1, 2, 3, 4]
    assert kept(body_id=1) == [1, 2, 4]
    assert kept(status="planned") == [4]
    assert kept(year="2002/03") == [2, 3, 4]
    assert kept(text=fold("Cafe elan")) == [3]    # the tab folds what is typed
    assert kept(body_id=1, year="2002/03", status="held") == [2]


def test_choices_offer_everything_first_and_years_newest_first():
    assert STATUS_CHOICES[0] == ("Any status", None)
    assert [v for _l, v in STATUS_CHOICES[1:]] == [s.value for s in MeetingStatus]
    c = MeetingsController()
    assert c.year_choices(ROWS) == [("All years", None), ("2002/03", "2002/03"),
                                    ("2001/02", "2001/02")]
    assert c.body_choices([BOARD, HOUSING]) == [("All bodies", None), ("LSP Board", 1),
                                                ("Housing group", 2)]


def test_the_board_is_always_offered_and_asked_for_only_when_not_stored():
    asked = []
    c = MeetingsController()
    assert c.bodies_shown([BOARD, HOUSING], lambda: asked.append(1)) == [BOARD, HOUSING]
    assert asked == []
    assert c.bodies_shown([HOUSING], lambda: BOARD) == [BOARD, HOUSING]


def test_the_count_line_names_held_inquorate_and_planned():
    assert MeetingsController.summary(ROWS, "half the seats") == (
        "4 meetings shown: 3 held (1 inquorate), 1 planned. Quorum rule: half the seats.")


def test_read_only_allows_no_change():
    assert MeetingsController().buttons().new and MeetingsController().buttons().quorum
    locked = MeetingsController(read_only=True).buttons()
    assert not (locked.new or locked.delete or locked.groups or locked.quorum)


def test_groups_edits_the_chosen_group_and_adds_one_from_the_board_or_all():
    c = MeetingsController()
    assert c.group_to_edit([BOARD, HOUSING], 2) == HOUSING
    assert c.group_to_edit([BOARD, HOUSING], 1) is None
    assert c.group_to_edit([BOARD, HOUSING], None) is None


def test_calendar_and_attendance_follow_the_chosen_year():
    c = MeetingsController()
    assert c.calendar_file("2002/03", None) == "meetings-2002-03.ics"
    assert c.calendar_file(None, ROWS[0]) == "meeting.ics"
    assert c.calendar_file(None, None) is None
    assert c.print_year("2001/02", date(2002, 6, 30)) == "2001/02"
    assert c.print_year(None, date(2002, 6, 30)) == "2002/03"


# -- the meeting dialog ---------------------------------------------------------------------
def test_the_quorum_line_follows_attendance_as_it_is_taken():
    from lsp_desktop.domain.meetings import AttendanceEntry, Presence, QuorumRule, Seat
    from lsp_desktop.domain.members import Sector
    from lsp_desktop.ui.meetings.meeting_dialog_controller import quorum_line

    seats = [Seat(1, "Ann", Sector.PUBLIC), Seat(2, "Bob", Sector.PRIVATE),
             Seat(3, "Cy", Sector.PUBLIC)]
    rule = QuorumRule()         # a third of the seats, members from 2 sectors
    nobody = quorum_line(seats, [], rule)
    assert not nobody.met and nobody.colour == "#b71c1c"
    assert nobody.text.startswith("Inquorate: 0 of 3 seats filled")
    assert nobody.text.endswith(f"Rule: {rule.label}.")
    one = [AttendanceEntry(1, Presence.PRESENT)]
    assert not quorum_line(seats, one, rule).met            # one sector only
    two = one + [AttendanceEntry(2, Presence.APOLOGIES, substitute_id=9)]
    line = quorum_line(seats, two, rule)
    assert line.met and line.colour == "#1b5e20" and line.text.startswith("Quorate: 2 of 3")


def test_a_substitute_is_chosen_only_for_someone_not_present_and_when_one_can_stand_in():
    from lsp_desktop.domain.meetings import Presence
    from lsp_desktop.ui.meetings.meeting_dialog_controller import substitute_allowed

    assert substitute_allowed(Presence.APOLOGIES, 3)
    assert not substitute_allowed(Presence.PRESENT, 3)
    assert not substitute_allowed(Presence.ABSENT, 1)       # only "—" on the list


def test_a_save_records_attendance_only_once_it_was_taken():
    from lsp_desktop.domain.meetings import AttendanceEntry, Presence
    from lsp_desktop.ui.meetings.meeting_dialog_controller import (
        attendance_taken,
        attendance_to_save,
    )

    untouched = (AttendanceEntry(1), AttendanceEntry(2))
    assert not attendance_taken(untouched)
    assert attendance_to_save(untouched, ()) == ()
    stored = (AttendanceEntry(1, Presence.PRESENT, id=5),)
    assert attendance_to_save(untouched, stored) == untouched   # taken before: all absent now
    taken = (AttendanceEntry(1, Presence.PRESENT), AttendanceEntry(2))
    assert attendance_taken(taken) and attendance_to_save(taken, ()) == taken


def test_decision_lines_keep_their_ids_in_order_and_blank_lines_go():
    from lsp_desktop.domain.meetings import Decision
    from lsp_desktop.ui.meetings.meeting_dialog_controller import decisions_from

    kept = (Decision("Agreed the budget", 1, id=11), Decision("Noted", 2, id=12))
    assert decisions_from("Agreed the budget (amended)\n\n  Noted  \nNew one", kept) == (
        Decision("Agreed the budget (amended)", 0, 11), Decision("Noted", 0, 12),
        Decision("New one", 0, None))
    assert decisions_from("  \n", kept) == ()


def test_the_dialog_title_and_the_approval_line():
    from lsp_desktop.domain.meetings import Meeting
    from lsp_desktop.ui.meetings.meeting_dialog_controller import approval_text, dialog_title

    new = Meeting(1, date(2002, 6, 20))
    assert dialog_title(new) == "New meeting"
    saved = Meeting(1, date(2002, 6, 20), body_name="LSP Board", id=3, approved_at_id=4)
    assert dialog_title(saved) == "Meeting: LSP Board 20/06/2002"
    assert approval_text(new, None) == "Not yet approved"
    assert approval_text(saved, date(2002, 9, 12)) == "Approved at the meeting of 12/09/2002"
    assert approval_text(saved, None, found=False) == "Approved"
