"""The Action plans tab driven as an officer would: add, complete, filter, bulk-shift, timeline."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QUndoStack

from lsp_desktop.domain.actions import Action, ActionStatus, Milestone, Progress
from lsp_desktop.domain.criteria import Criterion
from lsp_desktop.domain.members import Member, Sector, Term
from lsp_desktop.ui.actions.action_dialog import ActionDialog
from lsp_desktop.ui.actions.action_table import (
    DUE,
    OVERDUE,
    OWNER,
    REFERENCE,
    TITLE,
    ActionTableModel,
    GroupHeader,
)
from lsp_desktop.ui.actions.action_timeline import ROW_HEIGHT, Zoom
from lsp_desktop.ui.actions.actions_tab import ActionsTab
from lsp_desktop.ui.actions.bulk_edit_dialog import BulkEditDialog
from tests.conftest import TODAY


@pytest.fixture
def make_tab(qtbot):
    stacks = []

    def make(services):
        stack = QUndoStack()
        stacks.append(stack)
        tab = ActionsTab(services.actions, stack, today=TODAY)
        qtbot.addWidget(tab)
        tab.resize(1300, 800)
        return tab
    return make


def _without_child_ids(a: Action) -> Action:
    return a.with_changes(milestones=tuple(replace(m, id=None) for m in a.milestones),
                          notes=tuple(replace(n, id=None) for n in a.notes))


def _select(tab: ActionsTab, ids: list[int]) -> None:
    sel = tab.table.selectionModel()
    sel.clearSelection()
    for i in ids:
        row = tab.model.row_of(i)
        sel.select(tab.model.index(row, 0),
                   QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows)


def _fill_and_accept(fill, presses: int = 1):
    def fake_exec(dialog: ActionDialog):
        fill(dialog)
        for _ in range(presses):
            dialog.accept()
            if dialog.result():
                break
        fake_exec.dialog = dialog
        return dialog.result()
    return fake_exec


def test_model_passes_qtmodeltester(qtbot, qtmodeltester, demo_services):
    model = ActionTableModel(TODAY)
    owners = demo_services.actions.owners(TODAY)
    model.set_rows(demo_services.actions.list_actions(), {o.id: o.name for o in owners},
                   {o.id for o in owners if not o.current})
    qtmodeltester.check(model)
    from lsp_desktop.domain.actions import GroupBy
    model.set_grouping(GroupBy.OWNER)
    qtmodeltester.check(model)


def test_create_action_with_milestone_outside_dates_warns_then_saves(qtbot, services,
                                                                      make_tab, monkeypatch):
    tab = make_tab(services)

    def fill(d: ActionDialog):
        assert d.reference_edit.text() == "A-001"
        qtbot.keyClicks(d.title_edit, "Recruit two BME representatives")
        d.answers_combo.setCurrentIndex(d.answers_combo.findData("criterion:inclusive"))
        d.start_edit.set_value(date(2002, 6, 1))
        d.due_edit.set_value(date(2002, 9, 30))
        qtbot.mouseClick(d.add_milestone_button, Qt.MouseButton.LeftButton)
        row = d.milestone_rows[-1]
        qtbot.keyClicks(row.title, "Report to the board")
        row.due.set_value(date(2002, 10, 15))       # after the due date: a warning

    fake = _fill_and_accept(fill, presses=1)
    monkeypatch.setattr(ActionDialog, "exec", fake)
    tab.add_action()
    dialog = fake.dialog
    assert services.actions.list_actions() == []           # first press only warns
    assert dialog.messages["milestones"].isVisibleTo(dialog)
    assert "after the action is due" in dialog.messages["milestones"].text()
    assert dialog.ok_button.text() == "Save anyway"

    monkeypatch.setattr(ActionDialog, "exec", _fill_and_accept(fill, presses=2))
    tab.add_action()
    [saved] = services.actions.list_actions()
    assert saved.reference == "A-001" and saved.criterion == Criterion.INCLUSIVE
    assert saved.milestones == (Milestone("Report to the board", date(2002, 10, 15), None,
                                          saved.milestones[0].id),)
    assert tab.model.rowCount() == 1
    assert tab.model.index(0, TITLE).data() == "Recruit two BME representatives"
    assert tab.selected_ids() == [saved.id]


def test_due_before_start_is_shown_at_the_field_and_nothing_saved(qtbot, services, make_tab,
                                                                  monkeypatch):
    tab = make_tab(services)

    def fill(d: ActionDialog):
        qtbot.keyClicks(d.title_edit, "Back to front")
        d.start_edit.set_value(date(2002, 6, 1))
        d.due_edit.set_value(date(2002, 5, 1))
        d.amount_edit.setText("-200")

    fake = _fill_and_accept(fill, presses=2)
    monkeypatch.setattr(ActionDialog, "exec", fake)
    tab.add_action()
    d = fake.dialog
    assert "before the start date" in d.messages["due"].text()
    assert "cannot be negative" in d.messages["amount"].text()
    assert d.messages["due"].isVisibleTo(d)
    assert services.actions.list_actions() == []


def test_mark_complete_and_undo(qtbot, demo_services, make_tab):
    tab = make_tab(demo_services)
    late = next(a for a in demo_services.actions.list_actions() if a.is_overdue(TODAY))
    tab.select_id(late.id)
    qtbot.mouseClick(tab.complete_button, Qt.MouseButton.LeftButton)
    assert demo_services.actions.get(late.id).status == ActionStatus.COMPLETE
    row = tab.model.row_of(late.id)
    assert tab.model.index(row, OVERDUE).data() == ""
    assert tab.model.index(row, REFERENCE).data(Qt.ItemDataRole.DecorationRole) is None
    tab.undo_stack.undo()
    assert demo_services.actions.get(late.id).status == late.status


def test_filter_to_overdue_rows_stand_out_with_icon_and_colour(qtbot, demo_services, make_tab):
    tab = make_tab(demo_services)
    expected = {a.reference for a in demo_services.actions.list_actions()
                if a.is_overdue(TODAY)}
    tab.overdue_check.click()
    shown = {tab.model.index(r, REFERENCE).data() for r in range(tab.model.rowCount())}
    assert shown == expected and len(shown) >= 5
    assert f"⚠ {len(expected)} overdue" in tab.summary.text()
    index = tab.model.index(0, REFERENCE)
    assert not index.data(Qt.ItemDataRole.DecorationRole).isNull()
    assert index.data(Qt.ItemDataRole.ForegroundRole).color().name() == "#b00020"
    assert tab.model.index(0, OVERDUE).data().startswith("⚠")
    # A text filter narrows further; clearing the check box brings all back.
    qtbot.keyClicks(tab.filter_edit, "burglary")
    tab.apply_filters()
    assert [tab.model.index(r, TITLE).data() for r in range(tab.model.rowCount())] == [
        "Reduce burglary: target hardening for 600 homes"]
    tab.filter_edit.clear()
    tab.overdue_check.click()
    tab.apply_filters()
    assert tab.model.rowCount() == len(demo_services.actions.list_actions())


def test_due_soon_and_criterion_filters(qtbot, demo_services, make_tab):
    tab = make_tab(demo_services)
    tab.criterion_combo.setCurrentIndex(tab.criterion_combo.findData("efficient"))
    shown = [tab.model.action_at(r) for r in range(tab.model.rowCount())]
    assert shown and all(Criterion.EFFICIENT in a.criteria for a in shown)
    # An action answering two criteria is found under each (issue 20).
    assert any(a.criterion != Criterion.EFFICIENT for a in shown)
    tab.criterion_combo.setCurrentIndex(0)
    tab.soon_check.click()
    dues = [tab.model.action_at(r).due for r in range(tab.model.rowCount())]
    assert dues and all(TODAY <= d <= TODAY + timedelta(days=30) for d in dues)


def test_bulk_shift_due_dates_and_undo(qtbot, demo_services, make_tab, monkeypatch):
    tab = make_tab(demo_services)
    actions = demo_services.actions.list_actions()[:3]
    _select(tab, [a.id for a in actions])
    assert tab.selected_ids() == [a.id for a in actions]

    def fake_exec(dialog: BulkEditDialog):
        dialog.shift_check.click()
        dialog.shift_spin.setValue(21)
        dialog.progress_check.click()
        dialog.progress_combo.setCurrentIndex(dialog.progress_combo.findData(Progress.AMBER))
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(BulkEditDialog, "exec", fake_exec)
    qtbot.mouseClick(tab.bulk_button, Qt.MouseButton.LeftButton)
    for a in actions:
        got = demo_services.actions.get(a.id)
        assert got.due == a.due + timedelta(days=21)
        assert got.progress == Progress.AMBER and got.start == a.start
        row = tab.model.row_of(a.id)
        # A shifted due date is a re-planning: the first one agreed stays (issue 20).
        first = a.original_due or a.due
        assert tab.model.index(row, DUE).data() == (
            f"{got.due:%d/%m/%Y}, originally {first:%d/%m/%Y}")
    tab.undo_stack.undo()
    assert [demo_services.actions.get(a.id).due for a in actions] == [a.due for a in actions]
    assert [demo_services.actions.get(a.id).due_changes for a in actions] == [
        a.due_changes for a in actions]


def test_owner_who_left_is_kept_and_shown(demo_services, make_tab):
    # The demo's owners all serve; hand one action to a member who left in March 2002.
    mazur = next(m.id for m in demo_services.members.all_members()
                 if m.name == "Stanisław Mazur")
    first = demo_services.actions.list_actions()[0]
    demo_services.actions.update(first.with_changes(owner_member_id=mazur, owner_body=""))
    tab = make_tab(demo_services)
    texts = [tab.model.index(r, OWNER).data() for r in range(tab.model.rowCount())]
    assert "Mr Stanisław Mazur (left the board)" in texts


def test_grouping_by_criterion_shows_subtotals(qtbot, demo_services, make_tab):
    tab = make_tab(demo_services)
    tab.group_combo.setCurrentIndex(tab.group_combo.findData("criterion"))
    headers = [r for r in range(tab.model.rowCount())
               if isinstance(tab.model.row_at(r), GroupHeader)]
    labels = [tab.model.index(r, REFERENCE).data() for r in headers]
    assert labels[0].startswith("Strategic — 7 actions, 2 overdue")
    assert labels[1].startswith("Inclusive — ")
    assert tab.table.columnSpan(headers[0], REFERENCE) == OVERDUE
    assert tab.model.index(headers[0], OVERDUE).data() == "⚠ 2"
    assert not tab.model.flags(tab.model.index(headers[0], 0)) & Qt.ItemFlag.ItemIsSelectable


def test_timeline_geometry(qtbot, services, make_tab):
    a = services.actions.add(Action(
        reference="", title="Wardens", start=date(2002, 3, 1), due=date(2002, 5, 1),
        status=ActionStatus.IN_PROGRESS,
        milestones=(Milestone("Recruited", date(2002, 4, 1)),)))
    b = services.actions.add(Action(reference="", title="Later", start=date(2002, 7, 1),
                                    due=date(2002, 12, 31)))
    tab = make_tab(services)
    tab.show_timeline()
    view = tab.timeline.view
    ppd = Zoom.QUARTER.pixels_per_day
    bar = view.bar_items[a.id].rect()
    assert bar.left() == pytest.approx(view.x_for(date(2002, 3, 1)))
    assert bar.width() == pytest.approx(61 * ppd + ppd)        # 1 March to 1 May inclusive
    assert view.bar_items[b.id].rect().top() == pytest.approx(bar.top() + ROW_HEIGHT)
    [mark] = view.milestone_items[a.id]
    assert mark.sceneBoundingRect().center().x() == pytest.approx(
        view.x_for(date(2002, 4, 1)) + ppd / 2, abs=1)
    assert mark.polygon().count() == 3            # overdue on 1 June: a warning triangle
    assert view.label_items[a.id].text().startswith("⚠ A-001")
    assert "⚠ Overdue" in view.tooltip_for(view.bar_items[a.id])
    assert view.tooltip_for(mark) == "Recruited: due 01/04/2002, ⚠ overdue"
    assert view.today_line.line().x1() == pytest.approx(view.x_for(TODAY) + ppd / 2)
    tab.timeline.zoom_combo.setCurrentIndex(tab.timeline.zoom_combo.findData(Zoom.MONTH))
    assert view.bar_items[a.id].rect().width() == pytest.approx(62 * Zoom.MONTH.pixels_per_day)
    before = view.horizontalScrollBar().value()
    qtbot.mouseClick(tab.timeline.back_button, Qt.MouseButton.LeftButton)
    assert view.horizontalScrollBar().value() < before
    # Grouping reaches the timeline: a heading row comes first.
    tab.group_combo.setCurrentIndex(tab.group_combo.findData("owner"))
    assert len(view.group_items) == 1
    assert view.bar_items[a.id].rect().top() == pytest.approx(bar.top() + ROW_HEIGHT)


def test_owner_left_board_warns_in_dialog(qtbot, services, make_tab, monkeypatch):
    mid = services.members.add(Member(name="Jo Former", sector=Sector.PUBLIC,
                                      terms=(Term(date(2001, 1, 1), date(2002, 1, 1)),))).id
    action = services.actions.add(Action(reference="", title="Kept", owner_member_id=mid))
    tab = make_tab(services)
    tab.select_id(action.id)

    def fill(d: ActionDialog):
        d.lead_edit.setText("Sam")

    fake = _fill_and_accept(fill, presses=1)
    monkeypatch.setattr(ActionDialog, "exec", fake)
    tab.edit_selected()
    assert "Jo Former has left the board" in fake.dialog.messages["owner"].text()
    assert services.actions.get(action.id).lead_officer == ""
    monkeypatch.setattr(ActionDialog, "exec", _fill_and_accept(fill, presses=2))
    tab.edit_selected()
    got = services.actions.get(action.id)
    assert (got.lead_officer, got.owner_member_id) == ("Sam", mid)


def test_demo_actions_answer_targets_and_the_dialog_offers_them(qtbot, demo_services,
                                                                 monkeypatch):
    from lsp_desktop.ui.actions.actions_tab import target_choices

    stack = QUndoStack()
    tab = ActionsTab(demo_services.actions, stack, today=TODAY,
                     targets=lambda: target_choices(demo_services.strategies))
    qtbot.addWidget(tab)
    linked = [a for a in demo_services.actions.list_actions() if a.target_id is not None]
    assert len(linked) >= 5
    target = demo_services.strategies.target(linked[0].target_id)
    assert target.theme == linked[0].theme
    row = tab.model.row_of(linked[0].id)
    assert tab.model.index(row, 2).data() == f"Target: {target.indicator} ({target.theme})"
    housing = next(t for t in demo_services.strategies.targets() if t.theme == "housing")

    def fill(d: ActionDialog):
        qtbot.keyClicks(d.title_edit, "Decent homes surveys")
        d.answers_combo.setCurrentIndex(d.answers_combo.findData(f"target:{housing.id}"))
        assert d.theme() == "housing"      # the target's theme is taken (shown "Housing")

    monkeypatch.setattr(ActionDialog, "exec", _fill_and_accept(fill, presses=2))
    tab.add_action()
    saved = max(demo_services.actions.list_actions(), key=lambda a: a.id)
    assert (saved.title, saved.target_id, saved.theme, saved.criterion) == (
        "Decent homes surveys", housing.id, "housing", None)


def test_large_timeline_builds_rows_as_they_scroll_into_view(qtbot, services, make_tab):
    services.actions.add_many([
        Action(reference="", title=f"Action {i}", start=date(2002, 1, 1) + timedelta(days=i % 90),
               due=date(2002, 8, 1)) for i in range(1200)])
    tab = make_tab(services)
    tab.resize(1200, 700)
    tab.show_timeline()
    view = tab.timeline.view
    built = len(view.bar_items)
    assert 0 < built < 1200
    last = tab.model.action_at(tab.model.rowCount() - 1)
    assert last.id not in view.bar_items
    view.verticalScrollBar().setValue(view.verticalScrollBar().maximum())
    assert last.id in view.bar_items
    assert view.bar_items[last.id].rect().top() > view.bar_items[
        tab.model.action_at(0).id].rect().top()


def test_delete_selected_asks_first_and_undo_brings_them_back(qtbot, demo_services, make_tab,
                                                              monkeypatch):
    from lsp_desktop.ui import prompts

    tab = make_tab(demo_services)
    first, second = demo_services.actions.list_actions()[:2]
    _select(tab, [first.id, second.id])
    asked = []
    monkeypatch.setattr(prompts, "confirm", lambda *a, **k: asked.append(a[2]) or True)
    qtbot.mouseClick(tab.delete_button, Qt.MouseButton.LeftButton)
    assert "Delete 2 actions" in asked[0]
    remaining = {a.id for a in demo_services.actions.list_actions()}
    assert first.id not in remaining and second.id not in remaining
    assert tab.model.row_of(first.id) == -1
    tab.undo_stack.undo()
    assert _without_child_ids(demo_services.actions.get(first.id)) == _without_child_ids(first)
    assert tab.model.row_of(second.id) >= 0


@pytest.mark.parametrize("key", [Qt.Key.Key_Return, Qt.Key.Key_Enter], ids=["Return", "Enter"])
def test_return_or_enter_on_a_row_opens_the_action_like_double_click(qtbot, window, key,
                                                                      monkeypatch):
    opened = []

    def fake_exec(dialog: ActionDialog) -> int:
        opened.append(dialog.reference_edit.text())
        return 0                        # closed without saving

    monkeypatch.setattr(ActionDialog, "exec", fake_exec)
    window.tabs.setCurrentWidget(window.actions_tab)
    tab = window.actions_tab
    _select(tab, [tab.service.list_actions()[2].id])
    tab.table.setFocus()
    qtbot.keyClick(tab.table, key)
    assert opened == [tab.service.list_actions()[2].reference]
    assert tab.table.hasFocus()         # back on the table, ready for the next row
