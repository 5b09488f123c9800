"""The exchange commands end to end through lsp_desktop.app.main, as an officer would run them."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path

from lsp_desktop.app import main


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def dump(path: Path) -> list[str]:
    con = sqlite3.connect(path)
    try:
        return list(con.iterdump())
    finally:
        con.close()


def archive(db: str, tmp_path: Path, name: str) -> bytes:
    out = tmp_path / name
    assert main(["export", "archive", "--db", db, "--out", str(out)]) == 0
    return out.read_bytes()


def test_failed_import_leaves_the_partnership_exactly_as_it_was(demo_location, tmp_path,
                                                                capsys, engine):
    db = demo_location
    bad = tmp_path / "bad.csv"
    bad.write_text("name,organisation,sector,start_date\n"
                   "Good One,Body,public,2001-04-01\n"
                   "Bad Date,Body,public,31/02/2002\n"
                   "Good Two,Body,private,2001-04-01\n"
                   ",Body,community,2001-04-01\n", encoding="utf-8")
    before = archive(db, tmp_path, "before.json")
    if engine == "sqlite":
        before_bytes, before_dump = digest(Path(db)), dump(Path(db))
    capsys.readouterr()
    assert main(["import", "members", str(bad), "--db", db]) == 1
    err = capsys.readouterr().err
    assert "row 3, column D (start_date): '31/02/2002' is not a real date" in err
    assert "row 5, column A (name): required, but empty." in err
    assert "nothing was imported" in err
    assert archive(db, tmp_path, "after.json") == before
    if engine == "sqlite":
        assert digest(Path(db)) == before_bytes
        assert dump(Path(db)) == before_dump


def test_import_export_and_counts(demo_location, location, tmp_path, capsys):
    out = tmp_path / "m.xlsx"
    assert main(["export", "members", "--db", demo_location, "--out", str(out)]) == 0
    assert "32 rows written" in capsys.readouterr().out
    assert main(["import", "members", str(out), "--db", location]) == 0
    assert "Added 31, updated 0, skipped 0." in capsys.readouterr().out
    assert main(["import", "members", str(out), "--db", location, "--update-existing"]) == 0
    assert "Added 0, updated 31, skipped 0." in capsys.readouterr().out


def test_archive_backup_restore_member_data_and_erasure(demo_template, tmp_path, capsys):
    db = tmp_path / "p.lspd"
    db.write_bytes(demo_template.read_bytes())
    a, b, copy = tmp_path / "a.json", tmp_path / "b.json", tmp_path / "copy.lspd"
    assert main(["export", "archive", "--db", str(db), "--out", str(a)]) == 0
    assert main(["import", "archive", str(a), "--db", str(copy)]) == 0
    assert main(["export", "archive", "--db", str(copy), "--out", str(b)]) == 0
    assert a.read_bytes() == b.read_bytes()
    assert json.loads(a.read_text(encoding="utf-8"))["format"] == "lsp-desktop-archive"
    assert main(["import", "archive", str(a), "--db", str(copy)]) == 1
    assert "already exists" in capsys.readouterr().err

    backup_file = tmp_path / "manual.lspd"
    assert main(["backup", "--db", str(db), "--out", str(backup_file)]) == 0
    assert main(["erase-member", "--db", str(db), "--member", "Jonathan Blake", "--yes"]) == 1
    assert "is a current member" in capsys.readouterr().err
    assert main(["erase-member", "--db", str(db), "--member", "Bronwen Pritchard", "--yes",
                 "--by", "Officer"]) == 0
    assert "is now 'Former member 1'" in capsys.readouterr().out
    assert b"Bronwen" not in db.read_bytes()
    assert main(["restore", str(backup_file), "--db", str(db)]) == 0
    assert "backed up to" in capsys.readouterr().out
    assert main(["member-data", "--db", str(db), "--member", "Bronwen Pritchard",
                 "--out", str(tmp_path / "b.csv")]) == 0
    assert "bronwen@tbp.example.com" in (tmp_path / "b.csv").read_text(encoding="utf-8-sig")
    assert main(["backups", "--db", str(db), "--format", "csv"]) == 0
    listing = capsys.readouterr().out
    assert "before-restore" in listing and "opened" in listing
    assert main(["retention", "--db", str(db), "--years", "1", "--format", "csv"]) == 0
    assert "Bronwen Pritchard" in capsys.readouterr().out
