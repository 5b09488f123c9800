"""Safe files from the command line: never over a partnership, any path, true backups,
read-only places and damaged files, owner-only files (issue 17)."""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import sqlite3
import stat
from pathlib import Path

import pytest

from lsp_desktop.app import main
from lsp_desktop.cli import build_parser
from lsp_desktop.db.database import open_partnership

NASTY = ["Partnership #2", "what? 100%", "O'Neill \"board\"", "Llŷr café", "a b  c"]
# Values for the required options of commands that take --out (a new command with
# another required option fails the walk below until it is named here).
REQUIRED = {"--member": "#1", "--name": "Board"}


def digest(path: Path) -> str:
    return hashlib.sha1(path.read_bytes()).hexdigest()


@pytest.fixture
def board(tmp_path, demo_template) -> Path:
    folder = tmp_path / "Board papers"
    folder.mkdir()
    path = folder / "board.lspd"
    shutil.copy(demo_template, path)
    return path


def commands_with_out() -> list[tuple[str, list[str]]]:
    """Every sub-command that takes --out, with the least arguments it needs."""
    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    found = []
    for name, p in sorted(sub.choices.items()):
        options = {o for a in p._actions for o in a.option_strings}
        if "--out" not in options:
            continue
        argv = [name]
        for action in p._actions:
            if not action.option_strings and action.required:
                assert action.choices, f"{name}: give the walk a value for {action.dest}"
                argv.append(sorted(action.choices)[0] if name != "print" else "register")
            elif action.required and "--out" not in action.option_strings:
                flag = action.option_strings[0]
                assert flag in REQUIRED, f"{name}: add {flag} to REQUIRED"
                argv += [flag, REQUIRED[flag]]
        found.append((name, argv))
    return found


def test_the_walk_finds_the_commands_that_write_files():
    names = {name for name, _ in commands_with_out()}
    assert {"print", "export", "backup", "member-data"} <= names


@pytest.mark.parametrize("target", ["itself", "-wal", "-shm", ".lock", "hard link",
                                    "symlink", "other partnership"])
def test_no_command_writes_over_a_partnership(board, tmp_path, target, capsys):
    """print, export, backup, member-data... (every command with --out, found by walking
    the parser) refuse the partnership, its companions and any other partnership file."""
    other = tmp_path / "elsewhere.lspd"
    shutil.copy(board, other)
    Path(str(board) + "-wal").write_bytes(b"")
    Path(str(board) + "-shm").write_bytes(b"\0" * 100)
    Path(str(board) + ".lock").write_bytes(b"")
    if target == "hard link":
        out = tmp_path / "alias.lspd"
        os.link(board, out)
    elif target == "symlink":
        out = tmp_path / "sym.pdf"
        out.symlink_to(board)
    elif target == "other partnership":
        out = other
    else:
        out = Path(str(board) + ("" if target == "itself" else target))
    for name, argv in commands_with_out():
        before = {p.name: digest(p) for p in (board, other, out) if p.exists()}
        code = main([*argv, "--db", str(board), "--out", str(out)])
        err = capsys.readouterr().err
        assert code == 1, f"{name} wrote over {target}"
        assert len(err.strip().splitlines()) == 1 and "Nothing was written" in err, err
        assert {p.name: digest(p) for p in (board, other, out) if p.exists()} == before, name
    assert not [p for p in board.parent.iterdir() if "tmp" in p.name or "part" in p.name]


def test_demo_force_refuses_a_file_open_in_another_copy(board, capsys):
    db = open_partnership(board)
    try:
        before = digest(board)
        assert main(["demo", "--db", str(board), "--force"]) == 1
        assert "already open in another copy" in capsys.readouterr().err
        assert digest(board) == before
    finally:
        db.close()
    assert main(["demo", "--db", str(board), "--force"]) == 0


def test_the_lock_follows_the_file_through_a_hard_link_or_a_symlink(board, tmp_path, capsys):
    csv_file = tmp_path / "new.csv"
    csv_file.write_text("name,organisation,sector\nAnn Example,Example Trust,voluntary\n")
    alias = tmp_path / "alias.lspd"
    os.link(board, alias)
    sym = tmp_path / "sym.lspd"
    sym.symlink_to(board)
    db = open_partnership(board)
    try:
        for other_name in (alias, sym):
            assert main(["import", "members", str(csv_file), "--db", str(other_name)]) == 1
            assert "already open in another copy" in capsys.readouterr().err
        assert not Path(str(alias) + "-wal").exists()
    finally:
        db.close()
    # and the other way round: open by the alias, the real name is told
    db = open_partnership(alias)
    try:
        assert main(["import", "members", str(csv_file), "--db", str(board)]) == 1
    finally:
        db.close()


def test_db_before_the_command_is_honoured(board, tmp_path, capsys):
    assert main(["--db", str(board), "members", "--format", "csv"]) == 0
    assert "Zofia Nowak-Smith" in capsys.readouterr().out
    default = tmp_path / "userdata" / "partnership.lspd"
    assert not default.exists()
    with pytest.raises(SystemExit) as info:
        main(["--db", str(board), "members", "--db", str(tmp_path / "other.lspd")])
    assert info.value.code == 2
    assert "--db given twice" in capsys.readouterr().err


def test_db_before_the_command_changes_that_file(board, tmp_path, capsys):
    csv_file = tmp_path / "new.csv"
    csv_file.write_text("name,organisation,sector\nAnn Example,Example Trust,voluntary\n")
    assert main(["--db", str(board), "import", "members", str(csv_file)]) == 0
    capsys.readouterr()
    assert main(["members", "--db", str(board), "--all", "--format", "csv"]) == 0
    assert "Ann Example" in capsys.readouterr().out


@pytest.mark.parametrize("name", NASTY)
def test_every_file_operation_works_with_awkward_names(tmp_path, name, capsys):
    folder = tmp_path / f"{name} folder"
    folder.mkdir()
    db = folder / f"{name}.lspd"
    steps = [
        ["demo", "--db", str(db)],
        ["backup", "--db", str(db), "--out", str(folder / f"{name} copy.lspd")],
        ["backup", "--db", str(db)],
        ["print", "register", "--db", str(db), "--out", str(folder / f"{name}.pdf")],
        ["export", "members", "--db", str(db), "--out", str(folder / f"{name}.csv")],
        ["export", "actions", "--db", str(db), "--out", str(folder / f"{name}.xlsx")],
        ["export", "archive", "--db", str(db), "--out", str(folder / f"{name}.json")],
        ["import", "archive", str(folder / f"{name}.json"), "--db",
         str(folder / f"{name} again.lspd")],
        ["import", "members", str(folder / f"{name}.csv"), "--db", str(db)],
        ["member-data", "--db", str(db), "--member", "#1", "--out",
         str(folder / f"{name} sar.pdf")],
        ["new", "--db", str(folder / f"{name} new.lspd"), "--name", name],
        ["check", "--db", str(folder / f"{name} copy.lspd")],
    ]
    for argv in steps:
        assert main(argv) == 0, (argv, capsys.readouterr().err)
    backups = sorted((tmp_path / "userdata" / "backups").iterdir())
    assert main(["restore", str(backups[-1]), "--db", str(db)]) == 0, capsys.readouterr().err
    for copy in (f"{name} copy.lspd", f"{name} again.lspd", f"{name} new.lspd"):
        assert main(["check", "--db", str(folder / copy)]) == 0
    names = sorted(p.name for p in folder.iterdir())
    assert names == sorted([f"{name}.lspd", f"{name}.lspd.lock", f"{name} copy.lspd",
                            f"{name}.pdf", f"{name}.csv", f"{name}.xlsx", f"{name}.json",
                            f"{name} again.lspd", f"{name} sar.pdf", f"{name} new.lspd",
                            f"{name} new.lspd.lock"]), names


def test_a_file_the_program_writes_with_personal_data_is_owner_only(board, tmp_path):
    if os.name == "nt":
        pytest.skip("Windows protects the files by the folder's access list (docs)")
    outs = {"register.pdf": ["print", "register"], "members.csv": ["export", "members"],
            "sar.pdf": ["member-data", "--member", "#1"], "sar.csv": ["member-data",
                                                                    "--member", "#1"],
            "archive.json": ["export", "archive"], "copy.lspd": ["backup"],
            "strategy.docx": ["export", "strategy", "--strategy", "1"],
            "strategy.odt": ["export", "strategy", "--strategy", "1"],
            "calendar.ics": ["export", "calendar", "--year", "2001/02"],
            "programme.xlsx": ["export", "programme", "--year", "2002/03"],
            "board-pack.pdf": ["print", "board-pack", "--meeting", "1"],
            "interests.pdf": ["print", "interests"]}
    for name, argv in outs.items():
        out = tmp_path / name
        assert main([*argv, "--db", str(board), "--out", str(out)]) == 0
        assert stat.S_IMODE(out.stat().st_mode) == 0o600, name


# -- backups -----------------------------------------------------------------

def _other_program(path: Path) -> None:
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE alembic_version (version_num TEXT)")
    con.execute("CREATE TABLE partnership (name TEXT)")
    con.execute("INSERT INTO alembic_version VALUES ('0001_foundation')")
    con.commit()
    con.close()


@pytest.mark.parametrize("kind", ["zero-byte", "random", "other program", "newer schema",
                                  "truncated", "damaged page"])
def test_backup_checks_its_source_first_and_leaves_nothing(board, tmp_path, kind, capsys):
    source = tmp_path / "source" / "p.lspd"
    source.parent.mkdir()
    if kind == "zero-byte":
        source.write_bytes(b"")
    elif kind == "random":
        source.write_bytes(os.urandom(50_000))
    elif kind == "other program":
        _other_program(source)
    elif kind == "newer schema":
        shutil.copy(board, source)
        con = sqlite3.connect(source)
        con.execute("UPDATE alembic_version SET version_num = '0099_future'")
        con.commit()
        con.close()
    elif kind == "truncated":
        source.write_bytes(board.read_bytes()[:150_000])
    else:
        data = bytearray(board.read_bytes())
        data[4096 * 20: 4096 * 21] = b"\xff" * 4096
        source.write_bytes(bytes(data))
    before = digest(source)
    out = tmp_path / "out" / "copy.lspd"
    out.parent.mkdir()
    for argv in (["backup", "--db", str(source), "--out", str(out)],
                 ["backup", "--db", str(source)], ["members", "--db", str(source)]):
        assert main(argv) == 1
        err = capsys.readouterr().err
        assert len(err.strip().splitlines()) == 1, err
        assert "unexpected error" not in err and "Page" not in err
    assert sorted(p.name for p in source.parent.iterdir()) == ["p.lspd"]
    assert list(out.parent.iterdir()) == []
    backups = tmp_path / "userdata" / "backups"
    assert not backups.exists() or list(backups.iterdir()) == []
    assert digest(source) == before


def test_another_programs_database_is_not_called_a_newer_partnership(tmp_path, capsys):
    path = tmp_path / "other.lspd"
    _other_program(path)
    con = sqlite3.connect(path)
    con.execute("UPDATE alembic_version SET version_num = 'abc123'")
    con.commit()
    con.close()
    assert main(["members", "--db", str(path)]) == 1
    err = capsys.readouterr().err
    assert "not a partnership file made by LSP Desktop" in err and "newer" not in err


def test_a_backup_that_does_not_hold_the_same_records_is_not_reported(board, tmp_path,
                                                                     monkeypatch, capsys):
    from lsp_desktop.db import backup

    real = backup._counts

    def one_member_short(con):
        counts = real(con)
        if "member" in counts and con.execute("PRAGMA database_list").fetchone()[2].endswith(
                ".lsp-tmp"):
            counts["member"] -= 1
        return counts

    monkeypatch.setattr(backup, "_counts", one_member_short)
    out = tmp_path / "copy.lspd"
    assert main(["backup", "--db", str(board), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert "does not hold the same records" in err and "members: 30 instead of 31" in err
    assert not out.exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


# -- reading never changes a file; read-only places --------------------------

OLD_FILE = Path(__file__).resolve().parents[1] / "migrations" / "data"


def test_a_command_that_reads_never_upgrades_an_older_file(tmp_path, capsys):
    old = sorted(OLD_FILE.glob("*.lspd"))[0]
    path = tmp_path / "old board.lspd"
    shutil.copy(old, path)
    before = digest(path)
    for argv in (["members"], ["print", "register", "--out", str(tmp_path / "r.pdf")],
                 ["export", "members", "--out", str(tmp_path / "m.csv")], ["backups"],
                 ["members", "--read-only"]):
        code = main([*argv, "--db", str(path)])
        err = capsys.readouterr().err
        if argv[0] != "backups":
            assert code == 1
            assert "needs upgrading" in err and "lsp-desktop upgrade --db" in err, err
            assert "open elsewhere" not in err
    assert digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "userdata") == ["old board.lspd"]
    assert main(["upgrade", "--db", str(path)]) == 0
    assert "upgraded from schema" in capsys.readouterr().out
    assert main(["members", "--db", str(path)]) == 0


def test_reading_leaves_nothing_beside_the_file(board, tmp_path, capsys):
    for argv in (["members"], ["check"], ["print", "register", "--out", str(tmp_path / "r.pdf")],
                 ["backup", "--out", str(tmp_path / "b.lspd")],
                 ["export", "members", "--out", str(tmp_path / "m.csv")]):
        assert main([*argv, "--db", str(board)]) == 0, capsys.readouterr().err
    assert [p.name for p in board.parent.iterdir()] == ["board.lspd"]


@pytest.fixture
def read_only_folder(monkeypatch):
    """The folder of `board` cannot be written: os.access says so for it and what is in it
    (the tests run as root in CI, where chmod stops nothing; see also the read-only bind
    mount check in the report)."""
    def install(folder: Path) -> None:
        real = os.access

        def access(path, mode, *a, **k):
            p = Path(path)
            if mode & os.W_OK and (p == folder or p.parent == folder):
                return False
            return real(path, mode, *a, **k)

        monkeypatch.setattr(os, "access", access)
    return install


def test_a_read_only_folder_reads_and_refuses_writes_with_the_real_reason(
        board, tmp_path, read_only_folder, capsys):
    read_only_folder(board.parent)
    csv_file = tmp_path / "new.csv"
    csv_file.write_text("name,organisation,sector\nAnn Example,Example Trust,voluntary\n")
    assert main(["members", "--db", str(board)]) == 0
    assert main(["print", "register", "--db", str(board), "--read-only",
                 "--out", str(tmp_path / "r.pdf")]) == 0
    capsys.readouterr()
    assert main(["import", "members", str(csv_file), "--db", str(board)]) == 1
    err = capsys.readouterr().err
    assert "cannot be written" in err and "another copy" not in err
    assert main(["export", "members", "--db", str(board),
                 "--out", str(board.parent / "m.csv")]) == 1
    assert "cannot be written" in capsys.readouterr().err
    assert [p.name for p in board.parent.iterdir()] == ["board.lspd"]


def test_a_read_only_file_is_refused_as_read_only(board, tmp_path, monkeypatch, capsys):
    real = os.access
    monkeypatch.setattr(os, "access", lambda p, m, *a, **k: False if (
        Path(p) == board and m & os.W_OK) else real(p, m, *a, **k))
    csv_file = tmp_path / "new.csv"
    csv_file.write_text("name,organisation,sector\nAnn Example,Example Trust,voluntary\n")
    assert main(["import", "members", str(csv_file), "--db", str(board)]) == 1
    err = capsys.readouterr().err
    assert "is read-only" in err and "another copy" not in err
    assert [p.name for p in board.parent.iterdir()] == ["board.lspd"]


def test_an_unwritable_backups_folder_does_not_stop_reading(board, tmp_path, monkeypatch,
                                                             capsys):
    backups = tmp_path / "userdata" / "backups"
    backups.parent.mkdir(exist_ok=True)
    backups.write_text("a file where the folder should be")
    assert main(["members", "--db", str(board)]) == 0


def test_a_full_disk_is_said_plainly_without_sql_or_names(board, tmp_path, monkeypatch, capsys):
    from sqlalchemy.exc import OperationalError

    from lsp_desktop.services.member_import import MemberImport

    def full(*_a, **_k):      # the disk fills while the import writes its rows
        raise OperationalError("INSERT INTO member (name) VALUES (?)", ("Ann Secretname",),
                               sqlite3.OperationalError("database or disk is full"))

    monkeypatch.setattr(MemberImport, "_write", full)
    csv_file = tmp_path / "new.csv"
    csv_file.write_text("name,organisation,sector\nAnn Secretname,Example Trust,voluntary\n")
    before = digest(board)
    assert main(["import", "members", str(csv_file), "--db", str(board)]) == 1
    err = capsys.readouterr().err
    assert "The disk is full (" in err and "MB free on" in err
    assert "Secretname" not in err and "INSERT" not in err
    assert len(err.strip().splitlines()) == 1
    assert digest(board) == before


def test_erase_member_preview_exits_0(board, capsys):
    assert main(["erase-member", "--db", str(board), "--member", "#1"]) == 0
    assert "run again with --yes" in capsys.readouterr().out


def test_commands_are_logged(board, tmp_path, capsys):
    csv_file = tmp_path / "new.csv"
    csv_file.write_text("name,organisation,sector\nAnn Example,Example Trust,voluntary\n")
    assert main(["members", "--db", str(board)]) == 0
    assert main(["backup", "--db", str(board), "--out", str(board)]) == 1
    assert main(["backup", "--db", str(board)]) == 0
    assert main(["import", "members", str(csv_file), "--db", str(board)]) == 0
    log = (tmp_path / "userdata" / "logs" / "lsp-desktop.log").read_text()
    assert f"opened {board} read-only" in log and f"opened {board} for changes" in log
    assert "backup refused" in log and f"copied {board} to " in log
    assert "imported members from" in log and "added 1" in log


def test_changing_a_file_in_a_synced_folder_says_so(tmp_path, demo_template, capsys):
    folder = tmp_path / "OneDrive - Thameside Council"
    folder.mkdir()
    path = folder / "board.lspd"
    shutil.copy(demo_template, path)
    csv_file = tmp_path / "new.csv"
    csv_file.write_text("name,organisation,sector\nAnn Example,Example Trust,voluntary\n")
    assert main(["import", "members", str(csv_file), "--db", str(path)]) == 0
    assert "is in a OneDrive folder" in capsys.readouterr().err
