"""Importing programme figures and target values: preview, problems by row and column, all or none."""

from dataclasses import replace
from datetime import date

import pytest

from lsp_desktop.domain.exchange import ImportConflict, ImportProblems
from lsp_desktop.domain.sheets import Sheet
from lsp_desktop.services.programme_exchange import ProgrammeExchange


def _sheet(*rows) -> Sheet:
    return Sheet([(i, list(r)) for i, r in enumerate(rows, start=1)])


def test_figures_preview_then_commit(demo_db, demo_services):
    exchange = ProgrammeExchange(demo_db.session_factory)
    sheet = _sheet(["Ref", "Year", "Qtr", "Plan", "Committed", "Actual"],
                   ["P-001", "2002-03", "Q2", 180_000, 180_000, 175_500],
                   ["p-002", "2002/03", "Jul-Sep", None, None, 61_000])
    preview = exchange.preview("programme", sheet)
    assert preview.errors == [] and preview.rows == 2
    assert preview.changes[0] == ("P-001 Jul-Sep 2002/03: planned £180,000, committed "
                                  "£180,000, spent £175,500")
    before = {p.reference: p for p in demo_services.programme.projects()}
    assert exchange.commit(preview) == 2
    after = {p.reference: p for p in demo_services.programme.projects()}
    q2 = after["P-002"].figures("2002/03")[1]
    assert q2.spent == 61_000
    assert q2.planned == before["P-002"].figures("2002/03")[1].planned   # left as it was
    assert after["P-001"].version == before["P-001"].version + 1


def test_figures_problems_name_row_and_column_and_nothing_is_written(demo_db, demo_services):
    exchange = ProgrammeExchange(demo_db.session_factory)
    sheet = _sheet(["project", "financial year", "quarter", "spent"],
                   ["P-001", "2002/04", "1", 5],
                   ["P-001", "2002/03", "Q5", 5],
                   ["P-999", "2002/03", "1", 5],
                   ["P-002", "2002/03", "1", 10.5],
                   ["P-003", "2002/03", "1", 7])
    preview = exchange.preview("programme", sheet)
    assert [str(p) for p in preview.errors] == [
        "row 2, column B (financial year): '2002/04' is not a financial year like 2002/03.",
        "row 3, column C (quarter): 'Q5' is not a quarter (1 to 4, Q1 to Q4, or Apr-Jun … "
        "Jan-Mar)",
        "row 4, column A (project): there is no project 'P-999'.",
        "row 5, column D (spent): 10.5 is not whole pounds."]
    before = demo_services.programme.projects()
    with pytest.raises(ImportProblems):
        exchange.commit(preview)
    assert demo_services.programme.projects() == before


def test_target_values_add_and_replace_and_conflict(demo_db, demo_services):
    exchange = ProgrammeExchange(demo_db.session_factory)
    burglary = next(t for t in demo_services.strategies.targets() if t.theme == "crime")
    old = demo_services.target_series.points(burglary.id)
    sheet = _sheet(["Indicator", "Date", "Value", "Source", "District"],
                   [burglary.indicator, "30/09/2002", 38.1, "Police", 27.5],
                   [burglary.indicator, old[-1].measured_on.isoformat(), 39.0, "Police", None],
                   ["No such indicator", "2002-09-30", 1, "", None])
    preview = exchange.preview("target-values", sheet)
    assert [str(p) for p in preview.errors] == [
        "row 4, column A (Indicator): no target called 'No such indicator'."]
    sheet.rows.pop()
    preview = exchange.preview("target-values", sheet)
    assert preview.changes[1].endswith(f"replaces 39 on {old[-1].measured_on:%d/%m/%Y}")
    # Another officer saves the target after the preview: the import is refused.
    demo_services.target_series.save_points(burglary.id, old, burglary.version)
    with pytest.raises(ImportConflict, match="row 2 of the file"):
        exchange.commit(preview)
    preview = exchange.preview("target-values", sheet)
    assert exchange.commit(preview) == 1
    points = demo_services.target_series.points(burglary.id)
    assert len(points) == len(old) + 1
    assert points[-1] == replace(points[-1], measured_on=date(2002, 9, 30), value=38.1,
                                 comparison=27.5)
    assert demo_services.strategies.target(burglary.id).latest_value == 38.1
