"""`lsp-desktop print`: writes the PDF, the same bytes for the same --date, one-line errors."""

from __future__ import annotations

from lsp_desktop.app import main
from tests.pdftext import text


def test_print_register_of_the_demo(demo_db, tmp_path, capsys):
    out = tmp_path / "register.pdf"
    args = ["print", "register", "--db", str(demo_db.path), "--out", str(out),
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
