"""The hand-written XLSX writer (kept: benchmarks/bench_xlsx.py) makes workbooks that
openpyxl and LibreOffice read as an officer would expect."""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
from datetime import date, datetime

import pytest
from openpyxl import load_workbook

from lsp_desktop.services.spreadsheets import write_xlsx

HEADERS = ["name", "joined", "left", "amount", "share", "published", "address"]
ROWS = [
    ["Siân O'Neill & <Partners>", date(2001, 4, 1), None, 1234, 0.25, True,
     "1 High St\nThameside"],
    ["  Padded name  ", date(2002, 3, 31), date(2003, 1, 5), -7, 12.5, False, ""],
    ["Bell\x07 and nulls\x00 dropped", datetime(2002, 6, 30, 0, 0), None, 0, 1e-3, None,
     "Ünïcödé ŷ £"],
]


@pytest.fixture
def workbook(tmp_path):
    path = tmp_path / "members.xlsx"
    write_xlsx(path, HEADERS, ROWS, title="Members: 2002/03")
    return path


def test_header_is_bold_frozen_and_the_columns_sized(workbook):
    ws = load_workbook(workbook).active
    assert ws.title == "Members  2002 03"           # characters Excel refuses are spaced
    assert [c.value for c in ws[1]] == HEADERS
    assert all(c.font.b for c in ws[1])
    assert ws.freeze_panes == "A2"
    assert ws.column_dimensions["A"].width == len(ROWS[0][0]) + 2
    assert ws.column_dimensions["D"].width == 8      # short columns get the minimum


def test_cells_read_back_typed(workbook):
    ws = load_workbook(workbook).active
    assert [c.value for c in ws[2]] == ["Siân O'Neill & <Partners>", datetime(2001, 4, 1),
                                       None, 1234, 0.25, "yes", "1 High St\nThameside"]
    assert [c.value for c in ws[3]] == ["  Padded name  ", datetime(2002, 3, 31),
                                       datetime(2003, 1, 5), -7, 12.5, "no", None]
    assert [c.value for c in ws[4]] == ["Bell and nulls dropped", datetime(2002, 6, 30), None,
                                       0, 1e-3, None, "Ünïcödé ŷ £"]
    assert ws["B2"].is_date and ws["B2"].number_format == "dd/mm/yyyy"
    assert ws["D2"].data_type == "n" and ws["A2"].data_type == "s"
    assert ws.max_row == 1 + len(ROWS)


def test_an_empty_export_is_a_header_row(tmp_path):
    path = tmp_path / "none.xlsx"
    write_xlsx(path, HEADERS, [])
    ws = load_workbook(path).active
    assert ws.max_row == 1 and [c.value for c in ws[1]] == HEADERS


def test_libreoffice_opens_it_with_dates_shown_british(workbook, tmp_path):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed: the conversion check needs it; "
                    "openpyxl's read-back above still runs")
    out = tmp_path / "converted"
    profile = tmp_path / "lo-profile"      # its own profile: never waits on another soffice
    result = subprocess.run(
        [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless",
         "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1", "--outdir", str(out),
         str(workbook)],
        capture_output=True, text=True, timeout=240,
        env={**os.environ, "HOME": str(tmp_path)})
    converted = out / "members.csv"
    assert converted.exists(), f"soffice failed: {result.stdout} {result.stderr}"
    with open(converted, encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[0] == HEADERS
    assert rows[1] == ["Siân O'Neill & <Partners>", "01/04/2001", "", "1234", "0.25", "yes",
                       "1 High St\nThameside"]
    assert rows[2][:6] == ["  Padded name  ", "31/03/2002", "05/01/2003", "-7", "12.5", "no"]
    assert rows[3][1] == "30/06/2002" and rows[3][6] == "Ünïcödé ŷ £"
    assert len(rows) == 1 + len(ROWS)
