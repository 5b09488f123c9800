"""--read-only on the command line: the same for a file and a URL, before or after the command."""

from __future__ import annotations

import pytest

from lsp_desktop.app import main
from lsp_desktop.db.database import open_partnership
from lsp_desktop.services import build_services


def _run(capsys, *args) -> tuple[int, str, str]:
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


def _members(location) -> int:
    db = open_partnership(location)
    try:
        return build_services(db.session_factory, db.path, shared=db.shared).members.count()
    finally:
        db.close()


@pytest.mark.parametrize("before", [True, False], ids=["flag-first", "flag-after"])
def test_read_only_reads_and_refuses_to_write(location, tmp_path, capsys, before):
    flag = ["--read-only"]
    sheet = tmp_path / "m.csv"
    sheet.write_text("name,sector,start_date\nAnn Example,community,2001-01-01\n",
                     encoding="utf-8")
    reading = ["members", "--db", location, "--all", "--format", "csv"]
    code, out, err = _run(capsys, *(flag + reading if before else reading + flag))
    assert code == 0, err
    assert out.startswith("name,organisation")
    importing = ["import", "members", str(sheet), "--db", location]
    code, out, err = _run(capsys, *(flag + importing if before else importing + flag))
    assert code == 1
    assert "--read-only" in err and "nothing was done" in err
    assert _members(location) == 0
    code, _out, err = _run(capsys, "import", "members", str(sheet), "--db", location)
    assert code == 0, err
    assert _members(location) == 1


def test_read_only_refuses_erasing_and_new(location, capsys):
    code, _out, err = _run(capsys, "--read-only", "erase-member", "--db", location,
                           "--member", "Nobody", "--yes")
    assert code == 1 and "--read-only" in err
    code, _out, err = _run(capsys, "new", "--db", location, "--name", "X", "--read-only")
    assert code == 1 and "--read-only" in err
