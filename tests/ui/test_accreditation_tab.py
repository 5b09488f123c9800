"""Accreditation tab driven like a user: rate, attach evidence, weakness to action, compare."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt

from lsp_desktop.domain.accreditation import (
    MAX_EVIDENCE_BYTES,
    EvidenceItem,
    Outcome,
    RoundKind,
)
from lsp_desktop.domain.criteria import Criterion, Rating
from lsp_desktop.domain.partnership import Partnership
from lsp_desktop.ui import prompts
from lsp_desktop.ui.accreditation import self_assessment_page
from lsp_desktop.ui.accreditation.accreditation_dialogs import EvidenceDialog
from lsp_desktop.ui.accreditation.accreditation_tab import GO, READINESS, AccreditationTab
from lsp_desktop.ui.accreditation.accreditation_tables import (
    ComparisonTableModel,
    ConcernTableModel,
    CriterionTableModel,
    DialogueTableModel,
    EvidenceTableModel,
    GoRatingTableModel,
    OverviewTableModel,
    SignalTableModel,
    WeaknessTableModel,
)
from lsp_desktop.ui.accreditation.comparison_dialog import ComparisonDialog
from lsp_desktop.ui.partnership.partnership_dialog import PartnershipDialog

TODAY = date(2002, 6, 1)


@pytest.fixture
def messages(monkeypatch):
    """Every message box the tab shows, as (kind, title, text)."""
    seen = []
    for kind in ("error", "warning", "info"):
        monkeypatch.setattr(prompts, kind, lambda _p, title, text, k=kind: seen.append(
            (k, title, text)))
    monkeypatch.setattr(prompts, "confirm", lambda *a, **k: True)
    return seen


def make_tab(qtbot, services) -> AccreditationTab:
    tab = AccreditationTab(services.accreditation, services.readiness, services.actions,
                           today=TODAY)
    qtbot.addWidget(tab)
    return tab


@pytest.fixture
def tab_with_round(qtbot, services):
    services.accreditation.new_round("Accreditation 2001/02", RoundKind.ACCREDITATION, "2001/02")
    return make_tab(qtbot, services)


def fill_evidence(monkeypatch, title: str, path=None):
    """Make the evidence dialog, when opened, be filled in and accepted once."""
    calls = []

    def fake_exec(dialog):
        calls.append(dialog)
        if len(calls) > 1:
            return 0        # the user gives up after seeing the message
        dialog.title.setText(title)
        if path is not None:
            dialog.set_file(str(path))
        return 1

    monkeypatch.setattr(EvidenceDialog, "exec", fake_exec)
    return calls


def test_rate_a_criterion(qtbot, tab_with_round, services):
    tab = tab_with_round
    page = tab.self_page
    page.select_criterion(Criterion.INCLUSIVE)
    assert page.heading.text() == "Inclusive"
    assert "balance" in page.prompts_label.text()
    page.rating.set_rating(Rating.AMBER_GREEN)
    qtbot.keyClicks(page.narrative, "Eight resident seats")
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    rnd = services.accreditation.latest_round()
    assert rnd.assessment(Criterion.INCLUSIVE).rating == Rating.AMBER_GREEN
    assert rnd.assessment(Criterion.INCLUSIVE).narrative == "Eight resident seats"
    row = page.criteria_model.row_of(lambda line: line.assessment.criterion == Criterion.INCLUSIVE)
    assert page.criteria_model.index(row, 1).data() == "Amber/green"
    assert page.criterion() == Criterion.INCLUSIVE      # still on the criterion just saved
    assert "1 of 6 criteria rated" in tab.summary.text()


def test_attach_evidence_and_open_it_after_the_original_is_gone(qtbot, tab_with_round, services,
                                                                 tmp_path, monkeypatch, messages):
    page = tab_with_round.self_page
    page.select_criterion(Criterion.LEARNING)
    doc = tmp_path / "induction.pdf"
    doc.write_bytes(b"%PDF-1.4 induction")
    fill_evidence(monkeypatch, "Induction day attendance", doc)
    qtbot.mouseClick(page.add_evidence_button, Qt.MouseButton.LeftButton)
    assert page.evidence_model.rowCount() == 1
    assert page.evidence_model.index(0, 3).data().startswith("📎 induction.pdf")
    doc.unlink()                     # the original leaves the disk; the copy inside stays
    opened = []
    monkeypatch.setattr(self_assessment_page, "open_in_viewer",
                        lambda path: opened.append(path) or True)
    page.evidence_table.selectRow(0)
    qtbot.mouseClick(page.open_evidence_button, Qt.MouseButton.LeftButton)
    assert opened and opened[0].read_bytes() == b"%PDF-1.4 induction"
    assert messages == []


def test_evidence_too_big_or_removed_before_saving_is_explained(qtbot, tab_with_round, tmp_path,
                                                               monkeypatch, messages):
    page = tab_with_round.self_page
    big = tmp_path / "census.xls"
    with open(big, "wb") as fh:
        fh.truncate(MAX_EVIDENCE_BYTES + 1)
    calls = fill_evidence(monkeypatch, "Census tables", big)
    qtbot.mouseClick(page.add_evidence_button, Qt.MouseButton.LeftButton)
    assert "at most 20 MB" in calls[0].error_label.text()
    assert page.evidence_model.rowCount() == 0

    gone = tmp_path / "survey.pdf"
    gone.write_bytes(b"x")
    calls = fill_evidence(monkeypatch, "Survey", gone)
    gone.unlink()
    qtbot.mouseClick(page.add_evidence_button, Qt.MouseButton.LeftButton)
    assert "no longer there" in calls[0].error_label.text()
    assert page.evidence_model.rowCount() == 0


def test_weakness_becomes_an_action_in_the_action_plan(qtbot, tab_with_round, services, messages):
    tab = tab_with_round
    page = tab.self_page
    page.select_criterion(Criterion.PERFORMANCE_MANAGED)
    rnd = services.accreditation.latest_round()
    services.accreditation.add_weakness(rnd.id, Criterion.PERFORMANCE_MANAGED,
                                        "No neighbourhood baselines")
    tab.refresh()
    page.weakness_table.selectRow(0)
    with qtbot.waitSignal(tab.actions_changed):
        qtbot.mouseClick(page.make_action_button, Qt.MouseButton.LeftButton)
    [action] = services.actions.list_actions()
    assert action.title == "No neighbourhood baselines"
    assert action.criterion == Criterion.PERFORMANCE_MANAGED
    assert page.weakness_model.index(0, 1).data() == action.reference
    assert messages[-1][0] == "info" and action.reference in messages[-1][2]


def test_weakness_made_into_an_action_shows_on_the_action_plans_tab(qtbot, services, messages):
    from lsp_desktop.ui.main_window import MainWindow

    window = MainWindow(services, services.files.db_path)
    qtbot.addWidget(window)
    rnd = services.accreditation.new_round("R", financial_year="2002/03")
    services.accreditation.add_weakness(rnd.id, Criterion.EFFICIENT, "No substitutes")
    tab = window.accreditation_tab
    tab.refresh()
    tab.self_page.select_criterion(Criterion.EFFICIENT)
    tab.self_page.weakness_table.selectRow(0)
    with qtbot.waitSignal(tab.actions_changed):
        qtbot.mouseClick(tab.self_page.make_action_button, Qt.MouseButton.LeftButton)
    action_id = services.accreditation.get_round(rnd.id).assessment(
        Criterion.EFFICIENT).weaknesses[0].action_id
    assert services.actions.get(action_id).title == "No substitutes"
    window.open_place("actions")            # the officer turns to the Action plans tab
    assert window.tabs.currentWidget() is window.actions_tab
    shown = window.actions_tab.model.visible_actions()
    assert [(a.id, a.title, a.criterion) for a in shown] == [
        (action_id, "No substitutes", Criterion.EFFICIENT)]
    window.open_place("members")
    assert window.tabs.currentWidget() is window.members_tab


def test_open_a_round_comparison(qtbot, services, monkeypatch):
    acc = services.accreditation
    a = acc.new_round("Accreditation 2001/02", RoundKind.ACCREDITATION, "2001/02")
    acc.save_criterion(a.id, Criterion.STRATEGIC, Rating.AMBER_RED, "", "")
    acc.save_criterion(a.id, Criterion.EFFICIENT, Rating.GREEN, "", "")
    b = acc.new_round("Annual review 2002/03", RoundKind.ANNUAL_REVIEW, "2002/03",
                      carry_from_id=a.id)
    acc.save_criterion(b.id, Criterion.STRATEGIC, Rating.GREEN, "", "")
    acc.save_criterion(b.id, Criterion.EFFICIENT, Rating.RED, "", "")
    tab = make_tab(qtbot, services)
    shown = []
    monkeypatch.setattr(ComparisonDialog, "open", lambda d: shown.append(d))
    qtbot.mouseClick(tab.compare_button, Qt.MouseButton.LeftButton)
    [dialog] = shown
    assert (dialog.before.currentText(), dialog.after.currentText()) == (
        "Accreditation 2001/02", "Annual review 2002/03")
    texts = {dialog.model.index(r, 0).data(): dialog.model.index(r, 3).data()
             for r in range(dialog.model.rowCount())}
    assert texts["Strategic"] == "▲ Improved"
    assert texts["Efficient"] == "▼ Slipped"
    assert dialog.summary.text() == "1 criteria improved, 1 slipped."


def test_overview_names_self_and_go_ratings_in_every_cell(qtbot, demo_services):
    tab = make_tab(qtbot, demo_services)
    model = tab.overview_model
    assert model.columnCount() == 5
    assert model.headerData(1, Qt.Orientation.Horizontal) == "Accreditation 2001/02\nself"
    texts = [model.index(r, 2).data() for r in range(model.rowCount())]
    assert all(t.startswith("GO: ") for t in texts)
    assert model.index(0, 1).data(Qt.ItemDataRole.BackgroundRole) is not None


def test_deferred_outcome_shows_the_nrf_consequence(qtbot, tab_with_round, services):
    services.partnership.save(Partnership("Thameside", nrf_area=True,
                                          nrf_allocations={"2001/02": 4_200_000,
                                                           "2002/03": 6_300_000}))
    tab = tab_with_round
    tab.pages.setCurrentIndex(GO)
    page = tab.go_page
    page.outcome.setCurrentIndex(list(Outcome).index(Outcome.DEFERRED))
    page.review_date.set_value(date(2002, 9, 30))
    qtbot.mouseClick(page.save_outcome_button, Qt.MouseButton.LeftButton)
    assert services.accreditation.latest_round().outcome == Outcome.DEFERRED
    assert "£4,221,000 (67%)" in page.nrf_label.text()
    dialog = PartnershipDialog(services.partnership.get(),
                               nrf_notice=services.accreditation.nrf_notice())
    qtbot.addWidget(dialog)
    assert "£2,079,000" in dialog.nrf_notice.text() and not dialog.nrf_notice.isHidden()


def test_readiness_points_out_disagreement_and_opens_the_place(qtbot, demo_services):
    acc = demo_services.accreditation
    current = acc.latest_round()
    # Efficient's data now include the NRF spend (issue 22), which the demo keeps near its
    # profile, and no criterion's data are amber/red on this date: the disagreement shown
    # is an officer rating a criterion two steps below what the data point to.
    acc.save_criterion(current.id, Criterion.LEARNING, Rating.RED, "Not yet", "")
    tab = make_tab(qtbot, demo_services)
    tab.pages.setCurrentIndex(READINESS)
    assert ("Focused on learning and development: You rate this red while the data point "
            "to green"
            in tab.disagreements.text())
    row = tab.readiness_model.row_of(lambda line: line.assessment.criterion == Criterion.LEARNING)
    assert tab.readiness_model.index(row, 1).data() == "Red"      # the officer's rating stands
    assert tab.readiness_model.index(row, 3).data() == "Green ⚠"
    row = tab.signal_model.row_of(lambda s: s.key == "substitutes")
    tab.signal_table.selectRow(row)
    with qtbot.waitSignal(tab.open_place) as blocker:
        qtbot.mouseClick(tab.go_to_button, Qt.MouseButton.LeftButton)
    assert blocker.args == ["members"]
    row = tab.signal_model.row_of(lambda s: s.key == "training evidence")
    tab.signal_table.selectRow(row)
    qtbot.mouseClick(tab.go_to_button, Qt.MouseButton.LeftButton)
    assert tab.pages.currentWidget() is tab.self_page
    assert tab.self_page.criterion() == Criterion.LEARNING


def test_table_models_pass_the_model_tester(qtmodeltester, demo_services):
    acc = demo_services.accreditation
    first, second = acc.all_rounds()
    _, report = demo_services.readiness.report(second.id, TODAY)
    from lsp_desktop.ui.accreditation.accreditation_tables import CriterionLine, OverviewLine

    feeds = [
        (CriterionTableModel(), [CriterionLine(a, Rating.RED, "x") for a in second.criteria]),
        (WeaknessTableModel({}), first.assessment(Criterion.STRATEGIC).weaknesses),
        (EvidenceTableModel(), [*first.assessment(Criterion.INCLUSIVE).evidence,
                                EvidenceItem("File", file_name="a.pdf", file_size=2048)]),
        (GoRatingTableModel(), first.criteria),
        (DialogueTableModel(), first.dialogues),
        (ConcernTableModel({}), first.concerns),
        (SignalTableModel(), [s for r in report for s in r.signals]),
        (ComparisonTableModel(), acc.compare(first.id, second.id)),
    ]
    for model, rows in feeds:
        model.set_rows(rows)
        qtmodeltester.check(model)
    overview = OverviewTableModel()
    overview.set_overview(acc.rounds(), [OverviewLine(c, tuple(
        (r.assessment(c).rating, r.assessment(c).go_rating) for r in (first, second)))
        for c in Criterion])
    qtmodeltester.check(overview)


def test_new_round_from_the_previous_one_starts_carried(qtbot, tab_with_round, services,
                                                       monkeypatch):
    from lsp_desktop.ui.accreditation.accreditation_dialogs import NewRoundDialog

    first = services.accreditation.latest_round()
    services.accreditation.save_criterion(first.id, Criterion.STRATEGIC, Rating.AMBER_RED,
                                          "Vision drafted", "")
    seen = []

    def accept(dialog):
        seen.append(dialog.values())
        return len(seen) == 1

    monkeypatch.setattr(NewRoundDialog, "exec", accept)
    tab = tab_with_round
    qtbot.mouseClick(tab.new_round_button, Qt.MouseButton.LeftButton)
    assert seen[0] == ("Annual review 2002/03", RoundKind.ANNUAL_REVIEW, "2002/03", first.id)
    assert tab.round_combo.currentText() == "Annual review 2002/03"
    row = tab.self_page.criteria_model.row_of(
        lambda line: line.assessment.criterion == Criterion.STRATEGIC)
    assert tab.self_page.criteria_model.index(row, 1).data() == "Amber/red (carried)"
    tab.self_page.select_criterion(Criterion.STRATEGIC)
    assert not tab.self_page.carried_label.isHidden()
    assert tab.self_page.narrative.toPlainText() == "Vision drafted"


def test_read_only_partnership_cannot_be_changed_from_the_tab(qtbot, demo_services):
    tab = AccreditationTab(demo_services.accreditation, demo_services.readiness,
                           demo_services.actions, read_only=True, today=TODAY)
    qtbot.addWidget(tab)
    page = tab.self_page
    assert not tab.new_round_button.isEnabled()
    assert not page.save_button.isEnabled() and not page.make_action_button.isEnabled()
    assert not tab.go_page.save_outcome_button.isEnabled()
    assert not page.open_evidence_button.isEnabled()    # nothing selected, nothing to open
    assert page.evidence_model.rowCount() > 0
    page.evidence_table.selectRow(0)
    assert page.open_evidence_button.isEnabled()        # looking is still allowed
    assert not page.remove_evidence_button.isEnabled()
    assert tab.compare_button.isEnabled()


def test_moving_to_another_criterion_keeps_what_was_typed(qtbot, tab_with_round, services):
    page = tab_with_round.self_page
    page.select_criterion(Criterion.EFFICIENT)
    qtbot.keyClicks(page.narrative, "Substitutes named for every seat")
    page.rating.set_rating(Rating.AMBER_GREEN)
    row = page.criteria_model.row_of(lambda line: line.assessment.criterion == Criterion.LEARNING)
    page.criteria_table.selectRow(row)
    assert page.criterion() == Criterion.LEARNING
    saved = services.accreditation.latest_round().assessment(Criterion.EFFICIENT)
    assert (saved.rating, saved.narrative) == (Rating.AMBER_GREEN,
                                               "Substitutes named for every seat")
    assert page.narrative.toPlainText() == ""            # the learning criterion's own text
    untouched = services.accreditation.latest_round().assessment(Criterion.LEARNING)
    assert untouched.rating == Rating.NOT_ASSESSED


def test_user_text_in_messages_is_never_markup(qtbot, tab_with_round, services, monkeypatch):
    asked = []
    monkeypatch.setattr(prompts, "confirm", lambda _p, _t, text, *a: asked.append(text) or True)
    rnd = services.accreditation.latest_round()
    services.accreditation.add_weakness(rnd.id, Criterion.STRATEGIC, "<b>Bold</b> & <img src=x>")
    page = tab_with_round.self_page
    tab_with_round.refresh()
    page.select_criterion(Criterion.STRATEGIC)
    page.weakness_table.selectRow(0)
    qtbot.mouseClick(page.remove_weakness_button, Qt.MouseButton.LeftButton)
    assert "&lt;b&gt;Bold&lt;/b&gt; &amp; &lt;img src=x&gt;" in asked[0]
    assert services.accreditation.latest_round().assessment(Criterion.STRATEGIC).weaknesses == ()
