"""Officers' own figures: header synonyms by meaning, theme words as suggestions, rejects."""

from __future__ import annotations

import csv
import os
import stat

import pytest

from lsp_desktop.domain.exchange import ImportProblems
from lsp_desktop.domain.sheets import Sheet
from lsp_desktop.services.member_import import SuggestionsPending
from lsp_desktop.services.programme_exchange import ProgrammeExchange


def _sheet(*rows) -> Sheet:
    return Sheet([(i, list(r)) for i, r in enumerate(rows, start=1)])


def test_officers_headers_are_matched_by_meaning(demo_db):
    exchange = ProgrammeExchange(demo_db.session_factory)
    sheet = _sheet(["Project Code", "Budget year", "Period", "Spend profile", "Commitments",
                    "Actual expenditure (£)"],
                   ["P-001", "2002-03", "Q2", 180_000, 180_000, 175_500])
    preview = exchange.preview("programme", sheet)
    assert preview.errors == []
    assert preview.layout.mapping == {"project": 0, "financial_year": 1, "quarter": 2,
                                      "planned": 3, "committed": 4, "spent": 5,
                                      "theme": None}
    values = _sheet(["Performance indicator", "As at date", "Outturn", "Provided by",
                     "England average"])
    layout = exchange.preview("target-values", values).layout
    assert layout.mapping == {"target": 0, "date": 1, "value": 2, "source": 3,
                              "comparison": 4}


def test_theme_words_are_suggested_and_need_the_officers_word(demo_db, demo_services):
    exchange = ProgrammeExchange(demo_db.session_factory)
    projects = {p.reference: p for p in demo_services.programme.projects()}
    assert projects["P-001"].theme == "crime" and projects["P-010"].theme == "worklessness"
    sheet = _sheet(["Ref", "Year", "Qtr", "Actual", "Theme"],
                   ["P-001", "2002/03", "1", 1000, "Community safety"],
                   ["P-010", "2002/03", "1", 2000, "Jobs"],
                   ["P-012", "2002/03", "1", 3000, "Liveability"],
                   ["P-004", "2002/03", "1", 4000, "Cheese"])
    preview = exchange.preview("programme", sheet)
    assert [(s.value, s.category, s.rows) for s in preview.suggestions] == [
        ("Community safety", "crime", [2]), ("Jobs", "worklessness", [3])]
    assert [str(p) for p in preview.errors] == [
        "row 5, column E (Theme): 'Cheese' is not a programme theme (crime, health, housing, "
        "education, worklessness, liveability or community involvement)."]
    good = exchange.preview("programme", _sheet(*sheet_rows(sheet)[:4]))
    with pytest.raises(SuggestionsPending, match="2 theme word"):
        exchange.commit(good)
    # The officer says "Jobs" is education here: the choice wins over the guess.
    chosen = exchange.preview("programme", _sheet(*sheet_rows(sheet)[:4]),
                              choices={"job": "education"})
    assert [s.chosen for s in chosen.suggestions] == [None, "education"]
    assert "P-010 theme: Worklessness becomes Education ('Jobs')" in chosen.changes
    assert exchange.commit(chosen, accept_suggestions=True) == 3
    after = {p.reference: p for p in demo_services.programme.projects()}
    assert (after["P-001"].theme, after["P-010"].theme) == ("crime", "education")
    assert after["P-012"].figures("2002/03")[0].spent == 3000


def sheet_rows(sheet: Sheet) -> list[list]:
    return [cells for _n, cells in sheet.rows]


def test_rejects_take_the_good_rows_and_give_back_the_bad(demo_db, demo_services, tmp_path):
    exchange = ProgrammeExchange(demo_db.session_factory)
    sheet = _sheet(["Quarterly return 2002/03"],
                   ["Ref", "Year", "Qtr", "Actual"],
                   ["P-001", "2002/03", "Q1", 11_111],
                   ["P-999", "2002/03", "Q1", 5],
                   ["P-002", "2002/03", "Q1", 10.5],
                   ["P-003", "2002/03", "Q1", 33_333])
    preview = exchange.preview("programme", sheet, rejects=True)
    assert preview.reject_rows == {4: ["column A (Ref): there is no project 'P-999'."],
                                   5: ["column D (Actual): 10.5 is not whole pounds."]}
    before = {p.reference: p for p in demo_services.programme.projects()}
    with pytest.raises(ImportProblems):          # without a rejects file: all or none
        exchange.commit(preview)
    out = tmp_path / "to correct.csv"
    assert exchange.commit(preview, out) == 2
    after = {p.reference: p for p in demo_services.programme.projects()}
    assert after["P-001"].figures("2002/03")[0].spent == 11_111
    assert after["P-003"].figures("2002/03")[0].spent == 33_333
    assert after["P-002"].figures("2002/03") == before["P-002"].figures("2002/03")
    with open(out, newline="", encoding="utf-8-sig") as f:
        rows = list(csv.reader(f))
    assert rows == [["Ref", "Year", "Qtr", "Actual", "Problem"],
                    ["P-999", "2002/03", "Q1", "5",
                     "Row 4: column A (Ref): there is no project 'P-999'."],
                    ["P-002", "2002/03", "Q1", "10.5",
                     "Row 5: column D (Actual): 10.5 is not whole pounds."]]
    if os.name == "posix":
        assert stat.S_IMODE(out.stat().st_mode) == 0o600


def test_target_value_rejects_and_a_file_without_its_columns(demo_db, demo_services, tmp_path):
    exchange = ProgrammeExchange(demo_db.session_factory)
    target = demo_services.strategies.targets()[0]
    sheet = _sheet(["Indicator", "Date", "Value"],
                   [target.indicator, "2002-06-30", 41.5],
                   ["No such target", "2002-06-30", 1],
                   [target.indicator, "31/13/2002", 2])
    preview = exchange.preview("target-values", sheet, rejects=True)
    assert sorted(preview.reject_rows) == [3, 4]
    assert exchange.commit(preview, tmp_path / "back.xlsx") == 1
    points = demo_services.target_series.points(target.id)
    assert any(p.value == 41.5 for p in points)
    from lsp_desktop.services.spreadsheets import read_table

    back = read_table(tmp_path / "back.xlsx")
    assert back.rows[0][1][-1] == "Problem" and len(back.rows) == 3
    # No header at all: nothing can go in, rejects or not.
    bad = exchange.preview("target-values", _sheet(["a", "b"], [1, 2]), rejects=True)
    assert bad.reject_rows == {}
    with pytest.raises(ImportProblems):
        exchange.commit(bad, tmp_path / "none.csv")
    assert not (tmp_path / "none.csv").exists()
