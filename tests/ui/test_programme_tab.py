"""The Programme tab and the target values editor, driven as an officer would."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack

from lsp_desktop.domain.programme import FundYear
from lsp_desktop.ui.programme.programme_tab import ProgrammeTab
from lsp_desktop.ui.programme.programme_table import ProgrammeTableModel
from lsp_desktop.ui.programme.project_dialog import FundYearDialog, ProjectDialog
from lsp_desktop.ui.programme.target_values_dialog import TargetValuesDialog
from lsp_desktop.ui.strategies.target_dialog import TargetDialog

STORY = date(2002, 6, 30)


@pytest.fixture
def make_tab(qtbot):
    def make(services, read_only=False):
        tab = ProgrammeTab(services.programme, QUndoStack(), read_only,
                           actions=services.actions, today=STORY)
        qtbot.addWidget(tab)
        tab.resize(1200, 700)
        tab.show()
        return tab
    return make


def _accepting(fill):
    def fake_exec(dialog):
        fill(dialog)
        dialog.accept()
        fake_exec.dialog = dialog
        return dialog.result()
    return fake_exec


def _row(tab: ProgrammeTab, reference: str) -> int:
    return tab.model.row_where(lambda line: line.project is not None
                               and line.project.reference == reference)


def test_model_passes_qtmodeltester(qtmodeltester, demo_services):
    model = ProgrammeTableModel()
    model.set_view(demo_services.programme.view("NRF", "2001/02", STORY))
    qtmodeltester.check(model)


def test_tab_shows_the_year_by_theme_with_the_underspend_warning(make_tab, demo_services):
    tab = make_tab(demo_services)
    tab.year_combo.setCurrentText("2001/02")
    first = tab.model.record(0)
    assert (first.kind, first.label) == ("theme", "Crime")
    total = tab.model.record(tab.model.rowCount() - 1)
    assert total.kind == "total"
    assert tab.model.index(tab.model.rowCount() - 1, 0).data() == "Total"
    assert "Allocation £4,200,000" in tab.summary.text()
    assert "left unspent by 31/03/2002" in tab.warning.text() and tab.warning.isVisible()
    assert not tab.held.isVisible()
    tab.fund_combo.setCurrentIndex(tab.fund_combo.findData(
        demo_services.programme.fund("CEF").id))
    assert "Allocation £120,000" in tab.summary.text()


def test_add_edit_delete_project_with_undo(make_tab, services, monkeypatch):
    nrf = services.programme.fund("NRF")
    tab = make_tab(services)
    tab.year_combo.setCurrentText("2002/03")

    def fill(d: ProjectDialog):
        d.title_edit.setText("Neighbourhood wardens")
        d.theme_combo.setCurrentIndex(d.theme_combo.findData("crime"))
        d.body_edit.setText("Council")
        d.budget_spin.setValue(400_000)
        d.spins[(1, "planned")].setValue(100_000)
        d.spins[(1, "spent")].setValue(90_000)
    monkeypatch.setattr(ProjectDialog, "exec", _accepting(fill))
    tab.add_project()
    [project] = services.programme.projects()
    assert (project.reference, project.fund_id, project.budgets) == ("P-001", nrf.id,
                                                                     {"2002/03": 400_000})
    row = _row(tab, "P-001")
    assert tab.model.index(row, 5).data() == "£90,000"          # Apr-Jun spent
    tab.table.selectRow(row)

    def change(d: ProjectDialog):
        d.spins[(2, "committed")].setValue(50_000)
    monkeypatch.setattr(ProjectDialog, "exec", _accepting(change))
    tab.edit_project()
    assert services.programme.project(project.id).figures("2002/03")[1].committed == 50_000
    tab.undo_stack.undo()
    assert services.programme.project(project.id).figures("2002/03")[1].committed == 0
    tab.table.selectRow(_row(tab, "P-001"))
    monkeypatch.setattr("lsp_desktop.ui.prompts.confirm", lambda *a, **k: True)
    tab.delete_project()
    assert services.programme.projects() == []
    tab.undo_stack.undo()
    assert [p.reference for p in services.programme.projects()] == ["P-001"]


def test_allocation_dialog_refuses_more_than_allocated(make_tab, services, monkeypatch, qtbot):
    from lsp_desktop.domain.partnership import Partnership

    services.partnership.save(Partnership("Thameside"))
    tab = make_tab(services)
    tab.year_combo.setCurrentText("2002/03")
    seen = {}

    def fill(d: FundYearDialog):
        d.amount_spin.setValue(1_000_000)
        d.theme_spins["crime"].setValue(1_200_000)
        d.accept()
        seen["error"] = d.error_text("themes")
        seen["balance"] = d.balance.text()
        d.theme_spins["crime"].setValue(600_000)
    monkeypatch.setattr(FundYearDialog, "exec", _accepting(fill))
    tab.edit_allocation()
    assert seen["error"] == "The themes share out £1,200,000, more than the £1,000,000 allocated."
    assert seen["balance"] == "-£200,000"
    plan = services.programme.fund_year(services.programme.fund("NRF").id, "2002/03")
    assert (plan.amount, plan.themes) == (1_000_000, {"crime": 600_000})
    assert services.partnership.get().nrf_allocations == {"2002/03": 1_000_000}
    assert "not yet allocated to themes £400,000" in tab.summary.text()


def test_allocation_conflict_offers_reload(make_tab, services, monkeypatch):
    from lsp_desktop.domain.partnership import Partnership

    services.partnership.save(Partnership("Thameside"))
    nrf = services.programme.fund("NRF")
    services.programme.save_fund_year(FundYear(nrf.id, "2002/03", 500_000))
    tab = make_tab(services)
    tab.year_combo.setCurrentText("2002/03")
    asked = []

    def fill(d: FundYearDialog):
        if not asked:       # another officer saves while this one types
            theirs = services.programme.fund_year(nrf.id, "2002/03")
            services.programme.save_fund_year(replace(theirs, amount=700_000))
        d.amount_spin.setValue(900_000)
    monkeypatch.setattr(FundYearDialog, "exec", _accepting(fill))
    monkeypatch.setattr("lsp_desktop.ui.prompts.ask_conflict",
                        lambda *a: asked.append(a[3]) or "overwrite")
    tab.edit_allocation()
    assert "Amount: 500000 → 700000" in asked[0]
    assert services.programme.fund_year(nrf.id, "2002/03").amount == 900_000


def test_target_dialog_shows_the_chart_and_edits_values(qtbot, demo_services, monkeypatch):
    svc = demo_services.strategies
    burglary = next(t for t in svc.targets() if t.theme == "crime")
    stack = QUndoStack()
    dialog = TargetDialog(burglary, burglary.strategy_id, svc.bodies(), svc.neighbourhoods(),
                          series=demo_services.target_series, undo_stack=stack)
    qtbot.addWidget(dialog)
    assert b"<svg" in dialog.chart.svg and dialog.chart.renderer().isValid()
    before = len(dialog.points)

    def fill(editor: TargetValuesDialog):
        qtbot.mouseClick(editor.add_button, Qt.MouseButton.LeftButton)
        row = editor.model.rowCount() - 1
        assert editor.model.setData(editor.model.index(row, 0), "30/09/2002")
        assert not editor.model.setData(editor.model.index(row, 1), "lots")
        assert editor.model.problem == "'lots' is not a number."
        assert editor.model.setData(editor.model.index(row, 1), "37.2")
        assert editor.status.text().startswith(f"{before + 1} value(s)")
    monkeypatch.setattr(TargetValuesDialog, "exec", _accepting(fill))
    qtbot.mouseClick(dialog.values_button, Qt.MouseButton.LeftButton)
    saved = demo_services.strategies.target(burglary.id)
    assert (saved.latest_value, saved.latest_date) == (37.2, date(2002, 9, 30))
    assert dialog.latest_edit.text() == "37.2"
    assert dialog.target().version == saved.version      # saving the target still works
    stack.undo()
    assert len(demo_services.target_series.points(burglary.id)) == before


def test_import_figures_previews_problems_then_imports(qtbot, demo_services, monkeypatch):
    from lsp_desktop.domain.sheets import Sheet
    from lsp_desktop.ui.programme.figures_import import FiguresImportDialog

    exchange = demo_services.programme_exchange
    bad = Sheet([(1, ["Ref", "Year", "Qtr", "Actual"]), (2, ["P-001", "2002/03", "Q2", 1.5])])
    dialog = FiguresImportDialog(exchange, "programme", bad, "ledger.xlsx")
    qtbot.addWidget(dialog)
    assert not dialog.import_button.isEnabled()
    assert dialog.problems.index(0, 1).data().startswith("D")        # column D (Actual)
    good = Sheet([(1, ["Ref", "Year", "Qtr", "Actual"]),
                  (2, ["P-001", "2002/03", "Q2", 150_000])])
    dialog = FiguresImportDialog(exchange, "programme", good, "ledger.xlsx")
    qtbot.addWidget(dialog)
    assert "P-001 Jul-Sep 2002/03" in dialog.changes.toPlainText()
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert dialog.changed == 1
    p1 = next(p for p in demo_services.programme.projects() if p.reference == "P-001")
    assert p1.figures("2002/03")[1].spent == 150_000


def test_import_figures_asks_about_theme_words_and_saves_rows_to_correct(
        qtbot, demo_services, monkeypatch, tmp_path):
    import csv

    from lsp_desktop.domain.sheets import Sheet
    from lsp_desktop.ui.programme.figures_import import FiguresImportDialog

    sheet = Sheet([(1, ["Project code", "Budget year", "Period", "Actual expenditure", "Theme"]),
                   (2, ["P-010", "2002/03", "Q1", 2_000, "Jobs"]),
                   (3, ["P-999", "2002/03", "Q1", 5, "Crime"])])
    dialog = FiguresImportDialog(demo_services.programme_exchange, "programme", sheet,
                                 "return.csv", path=tmp_path / "return.csv")
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.suggestion_box.isVisible()
    combo = dialog.suggestion_combos["Jobs"]
    assert combo.currentData() == "worklessness"                 # the guess, to confirm
    combo.setFocus()
    combo.setCurrentIndex(combo.findData("education"))           # the officer's word
    assert "P-010 theme: Worklessness becomes Education ('Jobs')" in dialog.changes.toPlainText()
    assert not dialog.import_button.isEnabled()                  # row 3 has a problem
    assert dialog.partial_button.isEnabled()
    target = tmp_path / "return - to correct.csv"
    monkeypatch.setattr("lsp_desktop.ui.prompts.save_file", lambda *a, **k: str(target))
    qtbot.mouseClick(dialog.partial_button, Qt.MouseButton.LeftButton)
    assert dialog.changed == 1 and dialog.rejects_file == target
    p10 = next(p for p in demo_services.programme.projects() if p.reference == "P-010")
    assert p10.theme == "education" and p10.figures("2002/03")[0].spent == 2_000
    with open(target, newline="", encoding="utf-8-sig") as f:
        rows = list(csv.reader(f))
    assert rows[1][0] == "P-999" and rows[1][-1].startswith("Row 3: column A")


def test_a_deferred_round_shows_the_nrf_held_back(make_tab, services):
    from lsp_desktop.domain.accreditation import Outcome, RoundKind
    from lsp_desktop.domain.partnership import Partnership

    services.partnership.save(Partnership("Thameside", nrf_allocations={"2002/03": 1_500_000}))
    rnd = services.accreditation.new_round("Accreditation 2002", RoundKind.ACCREDITATION,
                                           "2001/02")
    services.accreditation.set_outcome(rnd.id, Outcome.DEFERRED, date(2002, 9, 30))
    [(_r, consequence)] = services.accreditation.nrf_consequences()
    tab = make_tab(services)
    tab.year_combo.setCurrentText(consequence.financial_year)
    assert tab.held.isVisible()
    assert f"£{consequence.withheld:,} of this year's NRF is held back" in tab.held.text()


def test_values_model_passes_qtmodeltester(qtmodeltester, demo_services):
    from lsp_desktop.ui.programme.target_values_dialog import TargetPointsModel

    target = demo_services.strategies.targets()[0]
    qtmodeltester.check(TargetPointsModel(demo_services.target_series.points(target.id)))


def test_print_return_previews_the_year_and_date_shown(qtbot, window):
    from tests.pdftext import text

    window.tabs.setCurrentWidget(window.programme_tab)
    tab = window.programme_tab
    tab.on_edit.set_value(STORY)
    tab.year_combo.setCurrentText("2001/02")
    qtbot.mouseClick(tab.print_button, Qt.MouseButton.LeftButton)
    preview = window.preview_dialog
    qtbot.addWidget(preview)
    assert preview.report == "programme" and preview.choice_box.currentData() == "2001/02"
    assert preview.on_edit.value() == STORY
    # The first render (of the newest year) may finish first: wait for the one asked for.
    qtbot.waitUntil(lambda: preview.pdf_bytes is not None
                    and "Financial year 2001/02" in text(preview.pdf_bytes), timeout=30000)
    assert "figures as on 30/06/2002" in text(preview.pdf_bytes)
    preview.close()


def test_the_targets_register_shows_at_risk_from_the_series(window, demo_services):
    from lsp_desktop.domain.strategies import StrategyType

    page = window.strategies_tab.targets
    assert page.series is demo_services.target_series          # wired by the window
    lnrs = next(s for s in demo_services.strategies.strategies()
                if s.type == StrategyType.NEIGHBOURHOOD_RENEWAL)
    page.set_strategy(lnrs)
    model = page.model
    statuses = {model.record(r).theme: model.index(r, model.STATUS).data()
                for r in range(model.rowCount())}
    assert statuses["housing"] == "At risk" and statuses["crime"] == "Off track"
    assert "at risk" in page.summary.text()


def test_a_project_is_approved_by_a_decision_picked_from_the_log(make_tab, demo_services,
                                                                  monkeypatch, qtbot):
    tab = make_tab(demo_services)
    tab.year_combo.setCurrentText("2002/03")
    row = _row(tab, "P-003")                     # approved by a text reference only
    tab.table.selectRow(row)
    budget = next(d for d in demo_services.meeting_records.decisions()
                  if d.text.startswith("The NRF budget of £6.3m"))

    def pick(d: ProjectDialog):
        assert d.decision_combo.currentData() is None
        assert d.decision_edit.text() == "LSP/01/09 item 6" and d.decision_edit.isEnabled()
        d.approved_edit.set_value(None)
        d.decision_combo.setFocus()
        d.decision_combo.setCurrentIndex(d.decision_combo.findData(budget.id))
        assert not d.decision_edit.isEnabled()
        assert d.decision_edit.text() == "Partnership board 14/03/2002, decision 2"
        assert d.approved_edit.value() == date(2002, 3, 14)     # the meeting's date
    monkeypatch.setattr(ProjectDialog, "exec", _accepting(pick))
    tab.edit_project()
    p = next(p for p in demo_services.programme.projects() if p.reference == "P-003")
    assert (p.decision_id, p.approved_on) == (budget.id, date(2002, 3, 14))
    shown = tab.model.index(_row(tab, "P-003"), 0).data(Qt.ItemDataRole.ToolTipRole)
    assert "approved 14/03/2002 (Partnership board 14/03/2002, decision 2)" in shown

    def unlink(d: ProjectDialog):
        d.decision_combo.setCurrentIndex(0)
        assert d.decision_edit.isEnabled()
        d.decision_edit.setText("LSP/02/03 item 9")
    monkeypatch.setattr(ProjectDialog, "exec", _accepting(unlink))
    tab.table.selectRow(_row(tab, "P-003"))
    tab.edit_project()
    p = demo_services.programme.project(p.id)
    assert (p.decision_id, p.decision_reference) == (None, "LSP/02/03 item 9")
