"""`lsp-desktop FILE.lspd` (the desktop's Exec=... %f) opens that file; commands still parse."""

from __future__ import annotations

import pytest

from lsp_desktop.cli import parse_args


@pytest.mark.parametrize("argv, command, db", [
    (["board.lspd"], None, "board.lspd"),
    (["/home/officer/My Documents/board.lspd"], None, "/home/officer/My Documents/board.lspd"),
    (["--read-only", "board.lspd"], None, "board.lspd"),
    (["board.lspd", "--quit-after-startup"], None, "board.lspd"),
    (["--", "demo"], None, "demo"),
    (["--db", "board.lspd"], None, "board.lspd"),
    ([], None, None),
    (["demo", "--db", "x.lspd"], "demo", "x.lspd"),
    (["check"], "check", None),
    (["members", "--format", "csv"], "members", None),
])
def test_file_operand_or_command(argv, command, db):
    args = parse_args(argv)
    assert (args.command, args.db) == (command, db)


def test_read_only_flag_still_applies_to_a_file_operand():
    assert parse_args(["--read-only", "a.lspd"]).read_only is True


def test_existing_file_without_the_suffix_opens(tmp_path, monkeypatch):
    (tmp_path / "board").write_bytes(b"")
    monkeypatch.chdir(tmp_path)
    assert parse_args(["board"]).db == "board"


def test_file_given_twice_is_an_error(capsys):
    with pytest.raises(SystemExit) as exited:
        parse_args(["a.lspd", "--db", "b.lspd"])
    assert exited.value.code == 2
    assert "not both" in capsys.readouterr().err


def test_mistyped_command_is_still_reported_as_a_command(capsys):
    with pytest.raises(SystemExit):
        parse_args(["demoo"])
    assert "invalid choice: 'demoo'" in capsys.readouterr().err


def test_help_tells_how_to_open_a_file_and_sub_command_usage_is_unchanged(capsys):
    with pytest.raises(SystemExit):
        parse_args(["--help"])
    assert "lsp-desktop FILE.lspd opens that partnership" in capsys.readouterr().out
    with pytest.raises(SystemExit):
        parse_args(["demo", "--help"])
    assert capsys.readouterr().out.startswith("usage: lsp-desktop demo")


@pytest.mark.parametrize("argv", [
    [], ["--quit-after-startup"], ["--db", "x.lspd", "--quit-after-startup"],
    ["--db=x.lspd"], ["--db", ""], ["--db", "a.lspd", "--db", "b.lspd"],
    ["--read-only", "--db", "postgresql+psycopg://officer@server/lsp"],
    ["board.lspd"], ["--read-only", "/home/officer/My Documents/board.lspd"],
    ["board.lspd", "--quit-after-startup", "--read-only"],
])
def test_the_windows_options_read_quickly_come_out_as_the_full_parser_reads_them(argv):
    from lsp_desktop.cli import _parse_all, _window_args

    assert _window_args(argv) is not None
    assert _window_args(argv) == _parse_all(argv) == parse_args(argv)


@pytest.mark.parametrize("argv", [
    ["demo"], ["--help"], ["--version"], ["--quit"], ["--db"], ["--db", "--read-only"],
    ["--", "demo"], ["a.lspd", "--db", "b.lspd"], ["a.lspd", "b.lspd"], ["board"],
    ["--db", "x.lspd", "check"], ["-h"],
])
def test_anything_else_goes_to_the_full_parser(argv):
    from lsp_desktop.cli import _window_args

    assert _window_args(argv) is None
