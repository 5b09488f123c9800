"""`import members` from the command line with an officer's own register: guesses, sheets, rejects."""

from __future__ import annotations

import csv
import os
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from lsp_desktop.app import main

REGISTER = ("Surname,First name,Body,Type,Sector,Joined,E-mail\n"
            "Hughes,Helen,Thameside PCT,Primary Care Trusts,,01/04/2001,h@example.org\n"
            "Price,Gareth,Met Police,Metropolitan Police Authority,,01/04/2001,\n"
            "Okafor,Margaret,Carers' Network,Faith group,Voluntary,01/04/2001,m@\n"
            "Lee,Ann,Riverside HA,Housing associations,public,31/02/2002,\n")


def test_guesses_are_listed_and_nothing_changes_without_accepting(location, tmp_path, capsys):
    path = tmp_path / "register.csv"
    path.write_text(REGISTER, encoding="utf-8")
    assert main(["import", "members", str(path), "--db", location,
                 "--rejects", str(tmp_path / "r.csv")]) == 1
    err = capsys.readouterr().err
    assert "1 category word(s) in the file are not in the catalogue" in err
    assert "'Metropolitan Police Authority' -> Police (row 3)" in err
    assert "Run again with --accept-suggestions" in err
    assert not (tmp_path / "r.csv").exists()
    assert main(["members", "--db", location, "--format", "csv"]) == 0
    assert "Hughes" not in capsys.readouterr().out


def test_accepting_with_rejects_imports_the_good_rows_and_hands_back_the_others(
        location, tmp_path, capsys):
    path = tmp_path / "register.csv"
    path.write_text(REGISTER, encoding="utf-8")
    rejects = tmp_path / "to correct.csv"
    assert main(["import", "members", str(path), "--db", location, "--accept-suggestions",
                 "--rejects", str(rejects)]) == 0
    out = capsys.readouterr().out
    assert "Added 2, updated 0, skipped 0." in out
    assert f"2 row(s) with problems written to {rejects}" in out
    assert stat.S_IMODE(rejects.stat().st_mode) == 0o600
    with open(rejects, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    assert [r[0] for r in rows] == ["Surname", "Okafor", "Lee"]
    assert rows[1][-1] == "Row 4: G (E-mail): 'm@' is not an email address."
    assert rows[2][-1] == "Row 5: F (Joined): '31/02/2002' is not a real date"
    assert main(["members", "--db", location, "--format", "csv", "--on", "2002-01-01"]) == 0
    listed = capsys.readouterr().out
    assert listed.index("Hughes") < listed.index("Price")


def test_without_rejects_one_bad_row_keeps_everything_out(location, tmp_path, capsys):
    path = tmp_path / "register.csv"
    path.write_text(REGISTER, encoding="utf-8")
    assert main(["import", "members", str(path), "--db", location,
                 "--accept-suggestions"]) == 1
    assert "nothing was imported" in capsys.readouterr().err


def test_sheet_of_a_workbook(location, tmp_path, capsys):
    from openpyxl import Workbook

    book = Workbook()
    book.active.title = "Actions"
    book.active.append(["Reference", "Title"])
    ws = book.create_sheet("Board")
    ws.append(["Name", "Category", "Start"])
    ws.append(["Cllr Brendan Murphy", "Councillor", "01/04/2001"])
    path = tmp_path / "book.xlsx"
    book.save(path)
    assert main(["import", "members", str(path), "--db", location, "--sheet", "Nope"]) == 1
    assert "no sheet named 'Nope'; its sheets are: 'Actions', 'Board'" in capsys.readouterr().err
    assert main(["import", "members", str(path), "--db", location, "--sheet", "Board"]) == 0
    assert "Added 1" in capsys.readouterr().out


@pytest.mark.sqlite_only("a server is written through SQLAlchemy")
def test_importing_new_members_into_a_file_loads_no_sqlalchemy(location, tmp_path):
    # Adding members to a file is written by sqlite3 (services/member_import_file.py), with
    # the claim, the daily backup and the audit lines as ever.
    path = tmp_path / "register.csv"
    path.write_text(REGISTER, encoding="utf-8")
    code = ("import sys; from lsp_desktop.app import main; "
            "rc = main(['import', 'members', sys.argv[1], '--db', sys.argv[2], "
            "'--accept-suggestions', '--rejects', sys.argv[3]]); "
            "assert not [m for m in sys.modules if m.startswith('sqlalchemy')], "
            "'SQLAlchemy imported'; sys.exit(rc)")
    root = Path(__file__).resolve().parents[2]
    result = subprocess.run(
        [sys.executable, "-c", code, str(path), location, str(tmp_path / "r.csv")],
        capture_output=True, text=True, timeout=60,
        env=dict(os.environ, PYTHONPATH=str(root), LSP_DESKTOP_OFFICER="Priya Shah"))
    assert result.returncode == 0, result.stderr
    assert "Added 2, updated 0, skipped 0." in result.stdout
    con = sqlite3.connect(location)
    try:
        assert con.execute("SELECT name, family_name, search_key, updated_by FROM member "
                           "ORDER BY id").fetchall() == [
            ("Helen Hughes", "Hughes", "hughes helen helenhughes  thamesidepct", "Priya Shah"),
            ("Gareth Price", "Price", "price gareth garethprice  metpolice", "Priya Shah")]
        assert con.execute("SELECT officer, record_type, label FROM audit ORDER BY id DESC "
                           "LIMIT 3").fetchall() == [
            ("Priya Shah", "term", "2 term records added together"),
            ("Priya Shah", "member", "Gareth Price"), ("Priya Shah", "member", "Helen Hughes")]
    finally:
        con.close()
    assert main(["members", "--db", location, "--format", "csv"]) == 0
