"""A project's approval linked to the minuted board decision that approved it, both ways."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from lsp_desktop.domain.meetings import AgendaItem, Decision, Meeting, MeetingStatus
from lsp_desktop.domain.partnership import Partnership
from lsp_desktop.domain.programme import Project
from lsp_desktop.services.archive import import_archive

D = date
FY = "2002/03"


def _board_decisions(services):
    body = services.meetings.board()
    m = services.meetings.save(Meeting(body.id, D(2002, 3, 14), status=MeetingStatus.HELD,
                                       items=(AgendaItem("Welcome", decisions=(
                                           Decision("Minutes agreed"),)),
                                           AgendaItem("NRF projects", decisions=(
                                               Decision("Neighbourhood wardens approved"),)))))
    return m, {d.text: d.id for d in services.meeting_records.decisions()}


def _project(services, **kw) -> Project:
    services.partnership.save(Partnership("Thameside", nrf_allocations={FY: 1_000_000}))
    nrf = services.programme.fund("NRF")
    return services.programme.add(Project("", "Neighbourhood wardens", nrf.id, "crime",
                                          budgets={FY: 100_000}, **kw))


def test_a_linked_project_shows_the_meeting_date_and_decision_number(services):
    meeting, ids = _board_decisions(services)
    p = _project(services, decision_id=ids["Neighbourhood wardens approved"])
    board = services.meetings.board().name
    assert p.decision_reference == f"{board} 14/03/2002, decision 2"
    assert p.approved_on == D(2002, 3, 14)          # the meeting's date when none is given
    # The decisions log names the project it approved.
    log = {d.text: d for d in services.meeting_records.decisions()}
    assert log["Neighbourhood wardens approved"].projects == ("P-001 Neighbourhood wardens",)
    assert log["Minutes agreed"].projects == ()
    assert [d.text for d in services.meeting_records.decisions("P-001")] == [
        "Neighbourhood wardens approved"]
    # The meeting moves: the project follows it.
    services.meetings.save(replace(services.meetings.get(meeting.id), held_on=D(2002, 3, 21)))
    again = services.programme.project(p.id)
    assert again.decision_reference == f"{board} 21/03/2002, decision 2"
    assert again.decision_id == ids["Neighbourhood wardens approved"]


def test_text_references_still_work_and_the_link_survives_archive(services, tmp_path):
    _meeting, ids = _board_decisions(services)
    text_only = _project(services, decision_reference="LSP/02/03 item 4")
    assert (text_only.decision_id, text_only.decision_reference) == (None, "LSP/02/03 item 4")
    linked = services.programme.update(replace(text_only, decision_id=ids["Minutes agreed"]))
    assert linked.decision_reference.endswith("14/03/2002, decision 1")
    assert services.programme.decision_for("14/03/2002 D2") == ids[
        "Neighbourhood wardens approved"]
    assert services.programme.decision_for(linked.decision_reference) == ids["Minutes agreed"]
    assert services.programme.decision_for("LSP/02/03 item 4") is None
    archive = services.archive.write(tmp_path / "a.json")
    import_archive(archive, tmp_path / "copy.lspd")
    from lsp_desktop.db.database import open_partnership
    from lsp_desktop.services import build_services

    db = open_partnership(tmp_path / "copy.lspd")
    try:
        copy = build_services(db.session_factory, db.path)
        [p] = copy.programme.projects()
        assert p.decision_id == ids["Minutes agreed"]
        assert p.decision_reference == linked.decision_reference
    finally:
        db.close()


def test_deleting_the_meeting_keeps_the_reference_as_text(services):
    meeting, ids = _board_decisions(services)
    p = _project(services, decision_id=ids["Neighbourhood wardens approved"])
    services.meetings.delete(meeting.id)
    after = services.programme.project(p.id)
    assert after.decision_id is None
    assert after.decision_reference == p.decision_reference
    assert after.approved_on == D(2002, 3, 14)


def test_the_choices_offered_are_the_minuted_decisions_newest_first(services):
    _meeting, ids = _board_decisions(services)
    choices = services.programme.decision_choices()
    assert [c[0] for c in choices] == [ids["Minutes agreed"],
                                       ids["Neighbourhood wardens approved"]]
    assert choices[1][1].endswith("14/03/2002, decision 2: Neighbourhood wardens approved")
    assert choices[1][2] == D(2002, 3, 14)


def test_demo_projects_link_to_the_boards_nrf_decisions(demo_services):
    projects = {p.reference: p for p in demo_services.programme.projects()}
    wardens = projects["P-001"]
    assert wardens.decision_id is not None
    assert wardens.decision_reference.endswith("12/07/2001, decision 3")
    assert wardens.approved_on == D(2001, 7, 12)
    assert projects["P-003"].decision_id is None            # a text reference, as before
    assert projects["P-003"].decision_reference == "LSP/01/09 item 6"
    log = {d.id: d for d in demo_services.meeting_records.decisions()}
    assert "P-001 Neighbourhood wardens, Northfields and Eastgate" in log[
        wardens.decision_id].projects
    assert log[projects["P-013"].decision_id].text.startswith("The NRF budget of £6.3m")


def test_the_decisions_log_print_names_the_project_approved(services):
    from lsp_desktop.services.printing import PrintRequest, render_bytes
    from tests.pdftext import text

    _meeting, ids = _board_decisions(services)
    _project(services, decision_id=ids["Neighbourhood wardens approved"])
    log = " ".join(text(render_bytes(services, PrintRequest("decisions", D(2002, 4, 1)))).split())
    assert "Neighbourhood wardens approved Approved: P-001 Neighbourhood wardens" in log
