"""`lsp-desktop print`: writes the PDF, the same bytes for the same --date, one-line errors."""

from __future__ import annotations

from lsp_desktop.app import main
from tests.pdftext import text


def test_print_register_of_the_demo(demo_db, tmp_path, capsys):
    out = tmp_path / "register.pdf"
    args = ["print", "register", "--db", demo_db.location, "--out", str(out),
            "--date", "2002-06-01", "--public"]
    demo_db.close()
    assert main(args) == 0
    first = out.read_bytes()
    assert first.startswith(b"%PDF")
    pdf = text(first)
    assert "Membership register" in pdf and "Page 1 of" in pdf and "Produced 01/06/2002" in pdf
    assert main(args) == 0
    assert out.read_bytes() == first
    assert not list(tmp_path.glob("*.part"))


def test_errors_are_one_line_with_non_zero_exit(tmp_path, capsys):
    missing = tmp_path / "nowhere.lspd"
    code = main(["print", "register", "--db", str(missing), "--out", str(tmp_path / "a.pdf")])
    err = capsys.readouterr().err
    assert code == 1 and err.count("\n") == 1 and err.startswith("lsp-desktop print:")
    assert not (tmp_path / "a.pdf").exists()
    code = main(["print", "register", "--db", str(missing),
                 "--out", str(tmp_path / "no" / "folder.pdf")])
    err = capsys.readouterr().err
    assert code == 1 and "does not exist" in err and err.count("\n") == 1
    code = main(["print", "strategy", "--db", str(missing), "--out", str(tmp_path / "s.pdf")])
    err = capsys.readouterr().err
    assert code == 1 and "--strategy" in err and err.count("\n") == 1


def test_print_each_report_from_the_command_line(demo_db, tmp_path, capsys):
    db = demo_db.location
    demo_db.close()
    runs = {
        "actions.pdf": ["print", "actions", "--group-by", "theme"],
        "strategy.pdf": ["print", "strategy", "--strategy", "community strategy",
                         "--version", "2", "--compare", "1", "--paper", "letter"],
        "pack.pdf": ["print", "pack"],
    }
    for name, args in runs.items():
        out = tmp_path / name
        assert main(args + ["--db", db, "--out", str(out), "--date", "2002-06-01"]) == 0, name
        assert out.read_bytes().startswith(b"%PDF")
    assert "Action plan by theme" in text((tmp_path / "actions.pdf").read_bytes())
    strategy = text((tmp_path / "strategy.pdf").read_bytes())
    assert "version 2" in strategy and "Changes since version 1" in strategy
    assert "Annex A: readiness signals" in text((tmp_path / "pack.pdf").read_bytes())


def test_unknown_strategy_version_or_round_is_one_line(demo_db, tmp_path, capsys):
    db = demo_db.location
    demo_db.close()
    out = str(tmp_path / "x.pdf")
    for args, words in (
            (["print", "strategy", "--strategy", "nothing like it"], "no strategy called"),
            (["print", "strategy", "--strategy", "community strategy", "--version", "9"],
             "no version 9"),
            (["print", "pack", "--round", "1999/00"], "no assessment round called")):
        assert main(args + ["--db", db, "--out", out]) == 1
        err = capsys.readouterr().err
        assert words in err and err.count("\n") == 1, err
    assert not (tmp_path / "x.pdf").exists()


def test_printing_in_process_leaves_garbage_collection_as_it_found_it(demo_db, tmp_path):
    import gc

    db = demo_db.location
    demo_db.close()
    assert gc.isenabled()
    assert main(["print", "register", "--db", db, "--out", str(tmp_path / "r.pdf")]) == 0
    assert gc.isenabled()       # was left off for the rest of the process
