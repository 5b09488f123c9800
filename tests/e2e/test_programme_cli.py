"""`print programme`, `print exceptions` and `export programme` on the demo (both engines in CI)."""

from __future__ import annotations

import openpyxl

from lsp_desktop.app import main
from tests.pdftext import pages_text, text


def _run(capsys, *args) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_print_the_quarterly_return(demo_location, tmp_path, capsys):
    out = tmp_path / "return.pdf"
    code, _out, err = _run(capsys, "print", "programme", "--db", demo_location, "--year",
                           "2001-02", "--on", "2002-06-30", "--date", "2002-07-05",
                           "--out", str(out))
    assert code == 0, err
    pdf = text(out.read_bytes())
    assert "Quarterly programme return" in pdf and "Financial year 2001/02" in pdf
    assert "Neighbourhood Renewal Fund 2001/02" in pdf
    assert "Community Empowerment Fund 2001/02" in pdf
    assert "was left unspent by 31/03/2002" in pdf          # the small underspend
    # A linked approval shows the meeting's date and the decision's number; text stays.
    flat = " ".join(pdf.split())
    assert "Neighbourhood wardens" in pdf and "12/07/2001, decision 3" in flat
    assert "LSP/01/09 item 6" in flat
    assert "Progress against targets" in pdf and "Off track" in pdf
    assert "Produced 05/07/2002" in pages_text(out.read_bytes())[0]


def test_print_exceptions(demo_location, tmp_path, capsys):
    out = tmp_path / "exceptions.pdf"
    code, _out, err = _run(capsys, "print", "exceptions", "--db", demo_location, "--on",
                           "2002-06-30", "--out", str(out))
    assert code == 0, err
    pdf = text(out.read_bytes())
    assert "Exception report" in pdf and "Targets off track" in pdf
    assert "Domestic burglaries per 1,000 households, Eastgate" in pdf
    assert "Metropolitan Police" in pdf                     # the target's owner
    assert "Actions overdue or slipped" in pdf


def test_export_programme_reads_back_as_numbers_in_pounds(demo_location, tmp_path, capsys):
    out = tmp_path / "programme.xlsx"
    code, stdout, err = _run(capsys, "export", "programme", "--db", demo_location, "--year",
                             "2002/03", "--on", "2002-06-30", "--out", str(out))
    assert code == 0, err
    assert "Programme written to" in stdout
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["NRF 2002-03", "CEF 2002-03", "Target values"]
    sheet = book["NRF 2002-03"]
    cells = {row[0].value: row for row in sheet.iter_rows() if row[0].value}
    allocation = cells["Allocation"][1]
    assert isinstance(allocation.value, int) and allocation.value > 1_000_000
    assert "£" in allocation.number_format
    header = [c.value for c in cells["Theme"]]
    total = cells["Total"]
    spent = total[header.index("Apr-Jun spent")]
    assert isinstance(spent.value, int) and spent.value > 0 and "£" in spent.number_format
    budgets = [row[header.index("Budget")].value for row in sheet.iter_rows()
               if row[1].value and str(row[1].value).startswith("P-")]
    assert sum(budgets) == total[header.index("Budget")].value
    values = list(book["Target values"].iter_rows(min_row=2, values_only=True))
    assert len(values) > 20 and all(isinstance(v[4], int | float) for v in values)


def test_bad_year_and_file_type_are_one_line_errors(demo_location, tmp_path, capsys):
    code, _o, err = _run(capsys, "export", "programme", "--db", demo_location, "--year",
                         "2002/04", "--out", str(tmp_path / "p.xlsx"))
    assert code == 1 and "'2002/04' is not a financial year like 2002/03" in err
    assert err.count("\n") == 1
    code, _o, err = _run(capsys, "export", "programme", "--db", demo_location,
                         "--out", str(tmp_path / "p.csv"))
    assert code == 1 and "exported to .xlsx" in err
    code, _o, err = _run(capsys, "print", "programme", "--db", demo_location, "--year", "x",
                         "--out", str(tmp_path / "p.pdf"))
    assert code == 1 and "not a financial year" in err


def test_import_programme_with_rejects_and_theme_suggestions(demo_location, tmp_path, capsys):
    import csv

    src = tmp_path / "return.csv"
    src.write_text("Project code,Budget year,Period,Actual expenditure,Theme\n"
                   "P-010,2002/03,Q1,2000,Jobs\n"
                   "P-999,2002/03,Q1,5,Crime\n", encoding="utf-8")
    back = tmp_path / "back.csv"
    code, _out, err = _run(capsys, "import", "programme", str(src), "--db", demo_location,
                           "--rejects", str(back))
    assert code == 1
    assert "'Jobs' -> worklessness (row 2)" in err and "--accept-suggestions" in err
    assert not back.exists()
    code, out, err = _run(capsys, "import", "programme", str(src), "--db", demo_location,
                          "--rejects", str(back), "--accept-suggestions")
    assert code == 0, err
    assert "P-010 Apr-Jun 2002/03:" in out and "Changed 1 record(s) from 2 row(s)." in out
    assert f"1 row(s) with problems written to {back}" in out
    with open(back, newline="", encoding="utf-8-sig") as f:
        rows = list(csv.reader(f))
    assert rows[1][-1] == "Row 3: column A (Project code): there is no project 'P-999'."
    code, _out, err = _run(capsys, "import", "programme", str(src), "--db", demo_location,
                           "--accept-suggestions")
    assert code == 1 and "row 3, column A (Project code): there is no project" in err
    assert "nothing was imported" in err
