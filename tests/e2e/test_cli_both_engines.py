"""Every command of the command line, against a partnership file and against a PostgreSQL URL."""

from __future__ import annotations

import json

from lsp_desktop.app import main


def _out(capsys, code_expected, *args) -> str:
    code = main(list(args))
    captured = capsys.readouterr()
    assert code == code_expected, captured.err
    return captured.out


def test_reading_commands(demo_location, tmp_path, capsys):
    db = ["--db", demo_location]
    assert "schema:" in _out(capsys, 0, "check", *db)
    board = json.loads(_out(capsys, 0, "members", *db, "--on", "2002-06-01", "--format", "json"))
    assert len(board) > 20 and any(m["name"].endswith("Jonathan Blake") for m in board)
    assert "A-0" in _out(capsys, 0, "actions", *db)
    assert "Thameside Community Strategy" in _out(capsys, 0, "strategies", *db)
    assert "Readiness for Annual review 2002/03" in _out(capsys, 0, "readiness", *db,
                                                         "--on", "2002-06-01")
    out = tmp_path / "register.pdf"
    _out(capsys, 0, "print", "register", *db, "--out", str(out))
    assert out.read_bytes().startswith(b"%PDF")
    _out(capsys, 0, "export", "members", *db, "--out", str(tmp_path / "m.csv"))
    assert "Jonathan Blake" in (tmp_path / "m.csv").read_text(encoding="utf-8-sig")
    _out(capsys, 0, "member-data", *db, "--member", "Bronwen Pritchard",
         "--out", str(tmp_path / "b.json"))
    assert "Bronwen" in (tmp_path / "b.json").read_text(encoding="utf-8")
    assert "Bronwen Pritchard" in _out(capsys, 0, "retention", *db, "--years", "1",
                                       "--format", "csv")


def test_changing_commands_and_archive_round_trip(demo_location, tmp_path, capsys, engine_name,
                                                  request):
    db = ["--db", demo_location]
    _out(capsys, 0, "export", "members", *db, "--out", str(tmp_path / "m.csv"))
    assert "updated" in _out(capsys, 0, "import", "members", str(tmp_path / "m.csv"), *db,
                             "--update-existing")
    assert "Former member 1" in _out(capsys, 0, "erase-member", *db, "--member",
                                     "Bronwen Pritchard", "--yes", "--by", "Officer")
    a = tmp_path / "a.json"
    _out(capsys, 0, "export", "archive", *db, "--out", str(a))
    assert "Bronwen" not in a.read_text(encoding="utf-8")
    # The archive makes a file from a shared partnership, and a shared one from a file.
    copy = tmp_path / "copy.lspd"
    _out(capsys, 0, "import", "archive", str(a), "--db", str(copy))
    b = tmp_path / "b.json"
    _out(capsys, 0, "export", "archive", "--db", str(copy), "--out", str(b))
    assert json.loads(a.read_text())["tables"] == json.loads(b.read_text())["tables"]
    if engine_name == "postgresql":
        server = request.getfixturevalue("pg_server")
        empty = server.empty_database()
        try:
            _out(capsys, 0, "import", "archive", str(b), "--db", empty)
            c = tmp_path / "c.json"
            _out(capsys, 0, "export", "archive", "--db", empty, "--out", str(c))
            assert json.loads(c.read_text())["tables"] == json.loads(a.read_text())["tables"]
            # New records after an import get fresh ids on the server too.
            _out(capsys, 0, "import", "members", str(tmp_path / "m.csv"), "--db", empty)
        finally:
            server.drop_database(empty)
    made = _out(capsys, 0, "backup", *db)
    assert "Backup" in made


def test_backups_and_restore_of_a_shared_partnership_say_what_to_do(pg_url_db, capsys):
    assert main(["backups", "--db", pg_url_db]) == 1
    assert "archive" in capsys.readouterr().err
    assert main(["restore", "x.lspd", "--db", pg_url_db]) == 1
    assert "archive" in capsys.readouterr().err


def test_new_and_demo_on_an_empty_database(pg_server, capsys):
    url = pg_server.empty_database()
    try:
        assert main(["members", "--db", url]) == 1
        assert "empty" in capsys.readouterr().err
        assert main(["new", "--db", url, "--name", "Thameside LSP"]) == 0
        assert main(["new", "--db", url, "--name", "Again"]) == 1
        assert "already holds" in capsys.readouterr().err
        assert main(["check", "--db", url]) == 0
        assert "partnership: 1" in capsys.readouterr().out
    finally:
        pg_server.drop_database(url)
    url = pg_server.empty_database()
    try:
        assert main(["demo", "--db", url]) == 0
        capsys.readouterr()
        assert main(["members", "--db", url, "--format", "json"]) == 0
        assert json.loads(capsys.readouterr().out)
    finally:
        pg_server.drop_database(url)


def test_unreachable_server_is_one_line_and_quick(capsys):
    import time

    start = time.monotonic()
    assert main(["members", "--db", "postgresql+psycopg://nobody@127.0.0.1:1/none"]) == 1
    err = capsys.readouterr().err
    assert time.monotonic() - start < 10
    assert "Cannot reach the shared partnership" in err and "\n" == err[-1]
    assert err.count("\n") == 1
