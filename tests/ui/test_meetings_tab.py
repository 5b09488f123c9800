"""The Meetings tab driven as a user would: Ctrl+5, filters, Enter opens, the editor's
attendance grid with its live quorum, substitutes, declarations, decisions, actions arising."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from lsp_desktop.domain.meetings import MeetingStatus, Presence
from lsp_desktop.ui import prompts
from lsp_desktop.ui.meetings import meeting_dialog
from lsp_desktop.ui.meetings.arising_dialog import ArisingDialog
from lsp_desktop.ui.meetings.meeting_dialog import MeetingDialog
from lsp_desktop.ui.meetings.meeting_tables import (
    AgendaTableModel,
    DecisionTableModel,
    MeetingTableModel,
    PaperTableModel,
)


@pytest.fixture
def meetings(window):
    window.tab_keys.go_to_tab_actions[4].trigger()
    tab = window.tabs.currentWidget()
    assert tab is window.meetings_tab
    return tab


def _row_of(tab, held_on: date) -> int:
    for i in range(tab.proxy.rowCount()):
        r = tab.proxy.index(i, 0).data(Qt.ItemDataRole.UserRole + 2)
        if r.held_on == held_on and r.body == "Partnership board":
            return i
    raise AssertionError(held_on)


def test_ctrl_5_shows_the_meetings_and_the_filters_narrow_them(meetings, demo_services):
    rows = demo_services.meetings.list_rows()
    assert meetings.proxy.rowCount() == len(rows) >= 10
    assert meetings.isAncestorOf(QApplication.focusWidget())
    meetings.status_box.setCurrentIndex(meetings.status_box.findData("planned"))
    assert meetings.proxy.rowCount() == sum(r.status == MeetingStatus.PLANNED for r in rows)
    meetings.status_box.setCurrentIndex(0)
    board = demo_services.meetings.board()
    meetings.body_box.setCurrentIndex(meetings.body_box.findData(board.id))
    meetings.year_box.setCurrentIndex(meetings.year_box.findData("2001/02"))
    shown = [meetings.proxy.index(i, 2).data() for i in range(meetings.proxy.rowCount())]
    assert set(shown) == {"Partnership board"} and len(shown) == 6
    assert "1 inquorate" in meetings.summary.text()


def test_models_pass_the_model_tester(qtmodeltester, demo_services):
    m = MeetingTableModel()
    m.set_rows(demo_services.meetings.list_rows())
    qtmodeltester.check(m)
    d = DecisionTableModel()
    d.set_decisions(demo_services.meeting_records.decisions())
    qtmodeltester.check(d)
    meeting = demo_services.meetings.get(demo_services.meetings.list_rows()[0].id)
    a = AgendaTableModel()
    a.set_items(meeting.items)
    qtmodeltester.check(a)
    p = PaperTableModel()
    p.set_papers(meeting.items[0].papers)
    qtmodeltester.check(p)


def test_enter_opens_the_selected_meeting(qtbot, meetings, monkeypatch):
    opened = []
    monkeypatch.setattr(MeetingDialog, "exec", lambda self: opened.append(self._meeting) or 0)
    meetings.table.setFocus()
    meetings.table.selectRow(_row_of(meetings, date(2002, 3, 14)))
    qtbot.keyClick(meetings.table, Qt.Key.Key_Return)
    assert [m.held_on for m in opened] == [date(2002, 3, 14)]
    assert opened[0].status == MeetingStatus.HELD and len(opened[0].items) == 2


def test_attendance_grid_shows_the_live_quorum_and_only_the_right_substitute(
        qtbot, meetings, demo_services, monkeypatch):
    """Record the attendance of the planned July board: quorum follows each choice."""
    july = next(r for r in demo_services.meetings.list_rows()
                if r.held_on == date(2002, 7, 11))
    members = {m.name: m for m in demo_services.members.all_members()}
    chowdhury, deputy = members["Helen Chowdhury"], members["Ewa Lewandowska"]

    def fill(dialog):
        page = dialog.attendance
        assert "Inquorate: 0 of" in page.quorum_label.text()
        sub_box = page.substitute[chowdhury.id]
        assert [sub_box.itemText(i) for i in range(sub_box.count())] == [
            "—", deputy.display_name]
        other = page.substitute[members["Siobhán O'Neill"].id]
        assert other.count() == 1                     # nobody deputises for the chair
        dialog.status_box.setCurrentIndex(dialog.status_box.findData("held"))
        seats = list(page.presence)
        public = [s.member_id for s in page.seats if s.sector.value == "public"]
        for mid in public:
            box = page.presence[mid]
            box.setCurrentIndex(box.findData(Presence.PRESENT.value))
        assert "Inquorate" in page.quorum_label.text()        # one sector only
        page.presence[chowdhury.id].setCurrentIndex(
            page.presence[chowdhury.id].findData(Presence.APOLOGIES.value))
        assert sub_box.isEnabled()
        sub_box.setCurrentIndex(1)
        community = [s.member_id for s in page.seats if s.sector.value == "community"]
        box = page.presence[community[0]]
        box.setCurrentIndex(box.findData(Presence.PRESENT.value))
        assert page.quorum_label.text().startswith("Quorate") and len(seats) > 20
        return 1

    calls = []
    monkeypatch.setattr(MeetingDialog, "exec", lambda self: calls.append(1) or (
        fill(self) if len(calls) == 1 else 0))
    meetings.select_meeting(july.id)
    meetings.edit_meeting()
    saved = demo_services.meetings.get(july.id)
    assert saved.status == MeetingStatus.HELD and saved.quorate is True
    entry = next(a for a in saved.attendance if a.member_id == chowdhury.id)
    assert entry.presence == Presence.APOLOGIES and entry.substitute_id == deputy.id
    assert meetings.model.record(meetings.model.row_of(lambda r: r.id == july.id)).quorate


def test_declarations_decisions_and_an_action_arising_from_the_editor(
        qtbot, meetings, demo_services, monkeypatch, window):
    july = next(r for r in demo_services.meetings.list_rows()
                if r.held_on == date(2002, 7, 11))
    members = {m.name: m for m in demo_services.members.all_members()}
    blake = members["Jonathan Blake"]
    monkeypatch.setattr(ArisingDialog, "exec", _fill_arising(members["Priya Patel"].id))

    def edit(dialog):
        dialog.tabs.setCurrentIndex(1)
        dialog.agenda_table.selectRow(1)
        qtbot.keyClicks(dialog.decisions, "Adopt the framework")
        dialog.new_action()                         # saves the meeting, then the action
        dialog.tabs.setCurrentIndex(3)
        dialog.decl_item.setCurrentIndex(1)
        dialog.decl_member.setCurrentIndex(dialog.decl_member.findData(blake.id))
        assert "NRF grants" in dialog.standing.text()       # his standing declaration
        qtbot.keyClicks(dialog.decl_interest, "Director of a bidding firm")
        qtbot.mouseClick(next(b for b in dialog.findChildren(meeting_dialog.QPushButton)
                              if b.text() == "Record declaration"), Qt.MouseButton.LeftButton)
        assert dialog.declaration_model.rowCount() == 1
        return 1

    calls = []
    monkeypatch.setattr(MeetingDialog, "exec", lambda self: calls.append(1) or (
        edit(self) if len(calls) == 1 else 0))
    meetings.select_meeting(july.id)
    meetings.edit_meeting()
    saved = demo_services.meetings.get(july.id)
    item = saved.items[1]
    assert [d.text for d in item.decisions] == ["Adopt the framework"]
    assert saved.declarations[0].member_id == blake.id
    assert saved.declarations[0].interest == "Director of a bidding firm"
    (action_id,) = item.action_ids
    action = demo_services.actions.get(action_id)
    assert action.title == "Report the framework to the GO" and action.due == date(2002, 9, 30)
    assert demo_services.meetings.arising_from(action_id)[0][0] == july.id
    meetings.pages.setCurrentIndex(1)
    meetings.search.setFocus()
    qtbot.keyClicks(meetings.search, "adopt the FRAMEWORK")
    assert meetings.decision_proxy.rowCount() == 1
    assert meetings.decision_proxy.index(0, 3).data() == "Adopt the framework"


def _fill_arising(owner_id: int):
    def fill(self):
        self.title.setText("Report the framework to the GO")
        self.owner.setCurrentIndex(self.owner.findData(owner_id))
        self.due.set_value(date(2002, 9, 30))
        return 1
    return fill


def test_print_buttons_open_the_preview_on_the_selected_meeting(qtbot, meetings, window,
                                                                demo_services):
    march = next(r for r in demo_services.meetings.list_rows()
                 if r.held_on == date(2002, 3, 14))
    meetings.select_meeting(march.id)
    qtbot.mouseClick(meetings.pack_button, Qt.MouseButton.LeftButton)
    dialog = window.preview_dialog
    assert dialog.report == "board-pack" and dialog.choice_box.currentData() == str(march.id)
    qtbot.waitUntil(lambda: dialog.pdf_bytes is not None and dialog._thread is None,
                    timeout=20000)
    from tests.pdftext import text

    assert "Partnership board" in text(dialog.pdf_bytes)
    assert "Accreditation decision" in text(dialog.pdf_bytes)
    dialog.reject()


def test_deleting_a_meeting_asks_first(qtbot, meetings, demo_services, monkeypatch):
    before = len(demo_services.meetings.list_rows())
    asked = []
    monkeypatch.setattr(prompts, "confirm", lambda *a, **k: asked.append(a[2]) or False)
    meetings.table.selectRow(0)
    qtbot.mouseClick(meetings.delete_button, Qt.MouseButton.LeftButton)
    assert len(demo_services.meetings.list_rows()) == before and "actions arising stay" in asked[0]
    monkeypatch.setattr(prompts, "confirm", lambda *a, **k: True)
    qtbot.mouseClick(meetings.delete_button, Qt.MouseButton.LeftButton)
    assert len(demo_services.meetings.list_rows()) == before - 1
    assert meetings.proxy.rowCount() == before - 1


def test_member_record_lists_their_meetings_and_an_action_names_its_minutes(
        qtbot, window, demo_services, monkeypatch):
    from lsp_desktop.ui.actions.action_dialog import ActionDialog
    from lsp_desktop.ui.members.member_dialog import MemberDialog

    members = {m.name: m for m in demo_services.members.all_members()}
    deputy = members["Ewa Lewandowska"]
    seen = []
    monkeypatch.setattr(MemberDialog, "exec", lambda self: seen.append(self) or 0)
    window.members_tab.status_combo.setCurrentIndex(2)          # current and former
    window.members_tab.select_id(deputy.id)
    window.members_tab.edit_selected()
    model = seen[0].attended_model
    expected = demo_services.meetings.attended_by(deputy.id)
    assert model.rowCount() == len(expected) > 0
    assert model.index(0, 2).data() == "Attended as substitute"
    # The other way round: an action arising names the minutes it came from.
    item = next(i for r in demo_services.meetings.list_rows()
                if r.held_on == date(2002, 3, 14)
                for i in demo_services.meetings.get(r.id).items if i.action_ids)
    dialogs = []
    monkeypatch.setattr(ActionDialog, "exec", lambda self: dialogs.append(self) or 0)
    window.tab_keys.go_to_tab_actions[2].trigger()
    window.actions_tab.edit_action(item.action_ids[0])
    assert dialogs[0].arose_label.text() == (
        "Partnership board 14/03/2002, item “Accreditation decision”")


def test_quorum_rule_and_a_new_group_from_the_tab(qtbot, meetings, demo_services, monkeypatch):
    from lsp_desktop.ui.meetings.bodies_dialog import BodyDialog, QuorumDialog

    def half(self):
        self.denominator.setValue(2)
        self.sectors.setValue(0)
        assert self.explained.text() == "Quorum: half of the seats."
        return 1

    monkeypatch.setattr(QuorumDialog, "exec", half)
    qtbot.mouseClick(meetings.quorum_button, Qt.MouseButton.LeftButton)
    assert demo_services.meetings.quorum_rule().label == "half of the seats"
    assert "Quorum rule: half of the seats." in meetings.summary.text()
    members = {m.name: m for m in demo_services.members.all_members()}

    def group(self):
        qtbot.keyClicks(self.name, "Housing sub-group")
        self.kind.setCurrentIndex(1)
        self.member_box.setCurrentIndex(self.member_box.findData(members["Priya Patel"].id))
        self.start.set_value(date(2002, 4, 1))
        self.add_member()
        assert self.model.rowCount() == 1
        return 1

    meetings.body_box.setCurrentIndex(0)
    monkeypatch.setattr(BodyDialog, "exec", group)
    qtbot.mouseClick(meetings.groups_button, Qt.MouseButton.LeftButton)
    body = demo_services.meetings.find_body("Housing sub-group")
    assert body.kind.value == "sub-group" and body.parent_id == demo_services.meetings.board().id
    assert [s.name for s in demo_services.meetings.seats(body.id, date(2002, 5, 1))] == [
        members["Priya Patel"].display_name]
    assert demo_services.meetings.seats(body.id, date(2002, 3, 1)) == []
    assert meetings.body_box.findData(body.id) > 0


def test_an_item_links_to_a_record_chosen_from_a_list(qtbot, demo_services):
    board = demo_services.meetings.board()
    july = next(r for r in demo_services.meetings.list_rows()
                if r.held_on == date(2002, 7, 11))
    dialog = MeetingDialog(demo_services, demo_services.meetings.get(july.id),
                           demo_services.meetings.bodies(), False)
    qtbot.addWidget(dialog)
    dialog.agenda_table.selectRow(1)
    dialog.link_kind.setCurrentIndex(dialog.link_kind.findData("target"))
    targets = demo_services.strategies.targets()
    assert dialog.link_ref.count() == len(targets) > 0
    dialog.link_ref.setCurrentIndex(1)
    saved = demo_services.meetings.save(dialog.meeting())
    assert saved.body_id == board.id
    assert saved.items[1].link_kind.value == "target"
    assert saved.items[1].link_ref == str(targets[1].id)
    dialog.link_kind.setCurrentIndex(dialog.link_kind.findData("criterion"))
    assert dialog.link_ref.itemText(0) == "Strategic"


def test_changing_the_date_redraws_the_attendance_from_the_register_of_that_day(
        qtbot, demo_services):
    july = next(r for r in demo_services.meetings.list_rows()
                if r.held_on == date(2002, 7, 11))
    dialog = MeetingDialog(demo_services, demo_services.meetings.get(july.id),
                           demo_services.meetings.bodies(), False)
    qtbot.addWidget(dialog)
    pritchard = next(m for m in demo_services.members.all_members()
                     if m.name == "Bronwen Pritchard")       # left on 31/12/2001
    assert pritchard.id not in dialog.attendance.presence
    dialog.date_edit.set_value(date(2001, 11, 8))
    assert pritchard.id in dialog.attendance.presence
    assert dialog.decl_member.findData(pritchard.id) >= 0


def test_a_date_with_the_same_board_keeps_the_grid_and_the_choices_made(qtbot, demo_services):
    """A new date that leaves the seats, their substitutes and declarations alone sets the
    choices on the grid already there; one that changes them draws it again, choices kept."""
    july = next(r for r in demo_services.meetings.list_rows()
                if r.held_on == date(2002, 7, 11))
    dialog = MeetingDialog(demo_services, demo_services.meetings.get(july.id),
                           demo_services.meetings.bodies(), False)
    qtbot.addWidget(dialog)
    page = dialog.attendance
    members = {m.name: m for m in demo_services.members.all_members()}
    chowdhury, deputy = members["Helen Chowdhury"], members["Ewa Lewandowska"]
    page.presence[chowdhury.id].setCurrentIndex(
        page.presence[chowdhury.id].findData(Presence.APOLOGIES.value))
    page.substitute[chowdhury.id].setCurrentIndex(1)
    first = page.seats[0].member_id
    page.presence[first].setCurrentIndex(page.presence[first].findData(Presence.PRESENT.value))
    quorum, boxes, before = page.quorum_label.text(), dict(page.presence), page.entries()
    dialog.date_edit.set_value(date(2002, 7, 12))
    assert page.presence == boxes                                  # the same widgets
    assert page.entries() == before and page.quorum_label.text() == quorum
    entry = next(e for e in page.entries() if e.member_id == chowdhury.id)
    assert (entry.presence, entry.substitute_id) == (Presence.APOLOGIES, deputy.id)
    assert page.substitute[chowdhury.id].currentText() == deputy.display_name
    kept = page.entries()
    dialog.date_edit.set_value(date(2001, 11, 8))                  # another board then
    assert page.presence != boxes
    again = {e.member_id: e for e in page.entries()}
    assert all(again[e.member_id] == e for e in kept if e.member_id in again)
    assert again[first].presence == Presence.PRESENT


def test_the_log_prints_what_the_search_found_and_readiness_opens_the_tab(
        qtbot, meetings, window):
    from tests.pdftext import text

    meetings.pages.setCurrentIndex(1)
    qtbot.keyClicks(meetings.search, "ratified")
    qtbot.mouseClick(meetings.print_log, Qt.MouseButton.LeftButton)
    dialog = window.preview_dialog
    qtbot.waitUntil(lambda: dialog.pdf_bytes is not None and dialog._thread is None,
                    timeout=20000)
    log = text(dialog.pdf_bytes)
    assert "matching “ratified”" in log and "NRF budget" not in log
    dialog.reject()
    window.tabs.setCurrentIndex(0)
    window.open_place("meetings")
    assert window.tabs.currentWidget() is meetings


def test_an_existing_action_is_linked_and_unlinked_from_an_item(qtbot, demo_services,
                                                                monkeypatch):
    from lsp_desktop.ui.meetings.arising_dialog import LinkActionDialog

    july = next(r for r in demo_services.meetings.list_rows()
                if r.held_on == date(2002, 7, 11))
    dialog = MeetingDialog(demo_services, demo_services.meetings.get(july.id),
                           demo_services.meetings.bodies(), False)
    qtbot.addWidget(dialog)
    wanted = next(a for a in demo_services.actions.list_actions()
                  if a.title == "Agree a performance management framework")

    def choose(self):
        self.action_box.setCurrentIndex(self.action_box.findData(wanted.id))
        return 1

    monkeypatch.setattr(LinkActionDialog, "exec", choose)
    dialog.agenda_table.selectRow(1)
    dialog.link_action()
    assert dialog.arising_model.rowCount() == 1
    assert wanted.id in demo_services.meetings.get(july.id).items[1].action_ids
    dialog.arising_table.selectRow(0)
    dialog.unlink_action()
    assert demo_services.meetings.get(july.id).items[1].action_ids == ()
    assert demo_services.actions.get(wanted.id).title == wanted.title     # still in the plan


def test_edit_undo_and_redo_put_the_meeting_back(qtbot, meetings, window, demo_services,
                                                 monkeypatch):
    march = next(r for r in demo_services.meetings.list_rows()
                 if r.held_on == date(2002, 3, 14))
    before = demo_services.meetings.get(march.id)

    def edit(self):
        self.venue.setText("Bankside Community Hall")
        self.tabs.setCurrentIndex(1)
        self.agenda_table.selectRow(0)
        self.decisions.setPlainText("The board noted the outcome.")
        return 1

    calls = []
    monkeypatch.setattr(MeetingDialog, "exec", lambda self: calls.append(1) or (
        edit(self) if len(calls) == 1 else 0))
    meetings.select_meeting(march.id)
    meetings.edit_meeting()
    assert demo_services.meetings.get(march.id).venue == "Bankside Community Hall"
    assert window.undo_stack.undoText() == "Edit meeting of 14/03/2002"
    window.undo_stack.undo()
    back = demo_services.meetings.get(march.id)
    assert back.venue == before.venue
    assert back.items[0].decisions[0].text == before.items[0].decisions[0].text
    assert back.items[0].papers == before.items[0].papers           # papers stay
    assert back.items[0].action_ids == before.items[0].action_ids
    window.undo_stack.redo()
    again = demo_services.meetings.get(march.id)
    assert again.venue == "Bankside Community Hall"
    assert [d.text for d in again.items[0].decisions] == ["The board noted the outcome."]
    assert meetings.model.record(meetings.model.row_of(lambda r: r.id == march.id)).venue == (
        "Bankside Community Hall")


def test_the_decisions_log_names_the_project_each_decision_approved(qtbot, meetings,
                                                                     demo_services):
    meetings.pages.setCurrentIndex(1)
    qtbot.keyClicks(meetings.search, "first NRF projects")
    assert meetings.decision_proxy.rowCount() == 1
    assert meetings.decision_proxy.headerData(4, Qt.Orientation.Horizontal) == "Project approved"
    shown = meetings.decision_proxy.index(0, 4).data()
    assert "P-001 Neighbourhood wardens, Northfields and Eastgate" in shown
    assert "P-010 Job shop and outreach advisers" in shown
