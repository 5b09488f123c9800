"""The command line end to end: demo, check, members, --help, errors, --quit-after-startup."""

from __future__ import annotations

import csv
import io
import json
import os
import sqlite3
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from lsp_desktop.app import main
from lsp_desktop.cli import build_parser

ROOT = Path(__file__).resolve().parents[2]


def run_cli(*args: str, env_extra: dict | None = None, timeout: float = 60):
    env = dict(os.environ, PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen")
    env.update(env_extra or {})
    return subprocess.run([sys.executable, "-m", "lsp_desktop", *args], capture_output=True,
                          text=True, env=env, timeout=timeout)


@pytest.fixture
def demo_file(demo_location) -> str:
    """The demo partnership: a file, or a database on the test server (both engines)."""
    return demo_location


def test_demo_writes_a_partnership_and_refuses_to_overwrite(tmp_path, capsys):
    path = tmp_path / "board.lspd"
    assert main(["demo", "--db", str(path)]) == 0
    assert f"Demo partnership written to {path}" in capsys.readouterr().out
    before = path.read_bytes()
    assert main(["demo", "--db", str(path)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "already exists; use --force" in err
    assert path.read_bytes() == before
    # --force replaces it with a fresh demo.
    con = sqlite3.connect(path)
    con.execute("DELETE FROM term")
    con.commit()
    con.close()
    assert main(["demo", "--db", str(path), "--force"]) == 0
    assert main(["check", "--db", str(path)]) == 0
    assert "term: 32" in capsys.readouterr().out


def test_check_healthy_file(demo_file, capsys, engine):
    assert main(["check", "--db", str(demo_file)]) == 0
    lines = capsys.readouterr().out.splitlines()
    # SQLite's integrity check runs on the file; a server keeps its own pages whole.
    assert lines[0] == {"sqlite": "integrity: ok",
                        "postgresql": "integrity: checked by the server"}[engine]
    assert lines[1].startswith("schema: 0001_foundation") or lines[1].startswith("schema: ")
    assert "(current)" in lines[1]
    assert "member: 31" in lines and "partnership: 1" in lines
    assert all(": " in line for line in lines)


@pytest.mark.parametrize("content", [b"", b"hello, not a database", None])
def test_check_unhealthy_file_exits_1(tmp_path, content, demo_template, capsys):
    path = tmp_path / "bad.lspd"
    if content is None:   # truncated partnership file
        content = demo_template.read_bytes()[:20000]
    path.write_bytes(content)
    assert main(["check", "--db", str(path)]) == 1
    out = capsys.readouterr()
    assert out.err.startswith("error: ") and out.out == ""   # on stderr, like every command
    assert path.read_bytes() == content


def test_members_today_as_table(demo_file, capsys):
    assert main(["members", "--db", str(demo_file)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["name", "organisation", "sector", "category", "role",
                                "term_start", "term_end", "status", "contact_published"]
    body = lines[2:]
    assert len(body) == 28            # 26 seats and 2 substitutes serving today
    assert any(line.startswith("Mr Llŷr Davies") for line in body)
    assert not any("Stanisław Mazur" in line for line in body)


def test_members_on_a_date_as_csv(demo_file, capsys):
    assert main(["members", "--db", str(demo_file), "--on", "2002-01-01", "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    names = {r["name"] for r in rows}
    assert "Mr Stanisław Mazur" in names             # Benefits Agency, until 31/03/2002
    assert "Mrs Bronwen Pritchard" not in names      # left 31/12/2001
    assert "Insp Kevin O'Brien" not in names         # substitute from 15/01/2002
    assert {r["status"] for r in rows} == {"current"}
    assert {r["contact_published"] for r in rows} == {"yes", "no"}


def test_members_all_as_json(demo_file, capsys):
    assert main(["members", "--db", str(demo_file), "--all", "--on", "01/05/2002",
                 "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert len(rows) == 31
    bronwen = next(r for r in rows if r["name"] == "Mrs Bronwen Pritchard")
    assert bronwen["status"] == "former" and bronwen["term_end"] == "2001-12-31"
    assert bronwen["contact_published"] is False
    cathal = next(r for r in rows if r["name"] == "Mr Cathal Mac Giolla")
    assert cathal["status"] == "current" and cathal["term_start"] == "2002-02-01"
    early = {r["name"]: r for r in json.loads(run_cli(
        "members", "--db", str(demo_file), "--all", "--on", "2002-01-01", "--format", "json").stdout)}
    assert early["Insp Kevin O'Brien"]["status"] == "future"    # a substitute from 15/01/2002
    assert early["Mrs Bronwen Pritchard"]["status"] == "former"


def subcommands() -> list[str]:
    parser = build_parser()
    action = next(a for a in parser._actions if a.dest == "command")
    return sorted(action.choices)


def test_help_on_every_command(capsys):
    names = subcommands()
    assert {"demo", "check", "members"} <= set(names)
    with pytest.raises(SystemExit) as info:
        main(["--help"])
    assert info.value.code == 0
    top = capsys.readouterr().out
    for name in names:
        assert name in top
        with pytest.raises(SystemExit) as info:
            main([name, "--help"])
        assert info.value.code == 0
        assert f"usage: lsp-desktop {name}" in capsys.readouterr().out


@pytest.mark.parametrize("args, text", [
    (["members", "--db", "{missing}"], "There is no partnership file"),
    (["members", "--db", "{missing}", "--on", "31/02/2002"], "not a real date"),
    (["members", "--db", "{missing}", "--format", "pdf"], "invalid choice"),
    (["check", "--db", "{folder}"], "is a folder"),
    (["members", "--db", "{folder}"], "is a folder"),
    (["no-such-command"], "invalid choice"),
])
def test_errors_are_one_line_on_stderr_without_traceback(tmp_path, args, text):
    args = [a.format(missing=tmp_path / "missing.lspd", folder=tmp_path) for a in args]
    result = run_cli(*args)
    assert result.returncode != 0
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert text in result.stderr


def _python(code: str) -> subprocess.CompletedProcess:
    """`code` run by a fresh interpreter (what it imports is its own), this checkout first."""
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env=dict(os.environ, PYTHONPATH=str(ROOT)), timeout=60)


def test_commands_never_import_qt(demo_file):
    code = ("import sys; from lsp_desktop.app import main; "
            f"rc = main(['members', '--db', {str(demo_file)!r}, '--format', 'json']); "
            f"rc |= main(['check', '--db', {str(demo_file)!r}]); "
            "assert not [m for m in sys.modules if m.startswith('PySide6')], 'Qt imported'; "
            "sys.exit(rc)")
    result = _python(code)
    assert result.returncode == 0, result.stderr


@pytest.mark.sqlite_only("a server is read through SQLAlchemy")
def test_register_and_interests_prints_of_a_file_load_no_sqlalchemy(demo_file, tmp_path):
    # A print imports only what it prints: these read the file with plain SQL (sqlite3).
    code = ("import sys; from lsp_desktop.app import main; "
            f"rc = main(['print', 'register', '--db', {str(demo_file)!r}, "
            f"'--out', {str(tmp_path / 'r.pdf')!r}]); "
            f"rc |= main(['print', 'interests', '--db', {str(demo_file)!r}, "
            f"'--out', {str(tmp_path / 'i.pdf')!r}]); "
            "assert not [m for m in sys.modules if m.startswith('sqlalchemy')], "
            "'SQLAlchemy imported'; sys.exit(rc)")
    result = _python(code)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "r.pdf").read_bytes().startswith(b"%PDF")
    assert (tmp_path / "i.pdf").read_bytes().startswith(b"%PDF")


@pytest.mark.sqlite_only("a server is read through SQLAlchemy")
def test_members_listing_of_a_file_loads_no_sqlalchemy(demo_file):
    # `members` lists in plain SQL (sqlite3), the same lines as through the engine.
    code = ("import sys; from lsp_desktop.app import main; "
            f"rc = main(['members', '--db', {str(demo_file)!r}, '--format', 'csv', '--all']); "
            "assert not [m for m in sys.modules if m.startswith('sqlalchemy')], "
            "'SQLAlchemy imported'; sys.exit(rc)")
    result = _python(code)
    assert result.returncode == 0, result.stderr
    header, *listed = csv.reader(io.StringIO(result.stdout))
    assert header[:3] == ["name", "organisation", "sector"]
    from lsp_desktop.db.database import open_partnership
    from lsp_desktop.services.members import MembersService

    db = open_partnership(demo_file, read_only=True)
    try:       # the same lines as read through the engine, in the same order
        through_engine = MembersService(db.session_factory).listing(date.today())
    finally:
        db.close()
    assert [line[:7] for line in listed] == [
        [cell or "" for cell in line[:7]] for line in through_engine]
    assert any(line[0].endswith("Llŷr Davies") for line in listed)


# At the painted window (--quit-after-startup closes it there): the modules loaded and the
# rows the Members tab paints.
FIRST_PAINT = """
import sys
from lsp_desktop import app

seen = {}
close = app.GuiApplication.close

def closing(gui):
    if gui.session is not None:
        seen["rows"] = gui.session.window.members_tab.model.rowCount()
        seen["sqlalchemy"] = sorted(m for m in sys.modules if m.startswith("sqlalchemy"))
    close(gui)

app.GuiApplication.close = closing
rc = app.main(["--db", sys.argv[1], "--quit-after-startup"])
print("ROWS", seen["rows"], "SQLALCHEMY", seen["sqlalchemy"][:5])
sys.exit(rc)
"""


@pytest.mark.sqlite_only("a server is reached through SQLAlchemy")
def test_start_up_to_the_painted_window_of_a_file_loads_no_sqlalchemy(demo_file, tmp_path):
    # The first paint reads the file in plain SQL (sqlite3): the title, the opening date
    # and the Members tab's rows; the ORM is loaded in the background after that paint.
    env = dict(os.environ, PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen",
               LSP_DESKTOP_DATA_DIR=str(tmp_path), XDG_CONFIG_HOME=str(tmp_path / "config"))
    result = subprocess.run([sys.executable, "-c", FIRST_PAINT, str(demo_file)],
                            capture_output=True, text=True, env=env, timeout=60, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    line = [x for x in result.stdout.splitlines() if x.startswith("ROWS ")][-1]
    rows, loaded = line.split(" SQLALCHEMY ")
    assert int(rows.split()[1]) > 10             # the demo's current board, painted
    assert loaded == "[]"


@pytest.mark.sqlite_only("a file is locked by the window that has it open")
def test_members_falls_back_to_read_only_while_the_window_has_the_file(demo_file, capsys):
    from lsp_desktop.db.database import open_partnership

    holder = open_partnership(demo_file)
    try:
        assert main(["members", "--db", str(demo_file), "--format", "csv"]) == 0
        assert "Llŷr Davies" in capsys.readouterr().out
    finally:
        holder.close()


def test_quit_after_startup_prints_seconds_and_exits_0(demo_file):
    result = run_cli("--db", str(demo_file), "--quit-after-startup")
    assert result.returncode == 0, result.stderr
    seconds = float(result.stdout.strip())
    assert 0 < seconds < 60


def test_first_run_creates_the_demo_in_the_data_folder(tmp_path):
    data = tmp_path / "fresh-user"
    result = run_cli("--quit-after-startup", env_extra={"LSP_DESKTOP_DATA_DIR": str(data)})
    assert result.returncode == 0, result.stderr
    assert (data / "partnership.lspd").exists()
    assert (data / "backups").is_dir()
    listed = run_cli("members", "--format", "json",
                     env_extra={"LSP_DESKTOP_DATA_DIR": str(data)})
    assert len(json.loads(listed.stdout)) == 28


def test_quit_after_startup_on_a_bad_file_fails_without_a_dialog(tmp_path):
    bad = tmp_path / "bad.lspd"
    bad.write_text("not a partnership")
    result = run_cli("--db", str(bad), "--quit-after-startup", timeout=30)
    assert result.returncode == 1
    assert "not a partnership file" in result.stderr
    assert bad.read_text() == "not a partnership"


def test_today_is_the_default_date(demo_file, capsys):
    main(["members", "--db", str(demo_file), "--format", "json"])
    today = json.loads(capsys.readouterr().out)
    main(["members", "--db", str(demo_file), "--format", "json", "--on",
          date.today().isoformat()])
    assert json.loads(capsys.readouterr().out) == today
