"""`lsp-desktop export strategy` and `import strategy` on the demo partnership."""

from __future__ import annotations

import json

import docx
from docx.oxml.ns import qn

from lsp_desktop.app import main


def test_export_compare_and_import_round_trip(demo_location, tmp_path, capsys):
    out = tmp_path / "nrs.docx"
    assert main(["export", "strategy", "--db", demo_location, "--strategy", "Neighbourhood",
                 "--out", str(out)]) == 0
    assert "Strategy written" in capsys.readouterr().out
    text = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert "<and>" not in text and "###" not in text and "**" not in text
    assert "Northfields and Eastgate" in text

    changes = tmp_path / "changes.docx"
    assert main(["export", "strategy", "--db", demo_location, "--strategy", "Neighbourhood",
                 "--version", "2", "--compare", "1", "--out", str(changes)]) == 0
    body = docx.Document(str(changes)).element.body
    assert list(body.iter(qn("w:ins"))) and list(body.iter(qn("w:del")))

    capsys.readouterr()
    assert main(["import", "strategy", str(changes), "--db", demo_location,
                 "--strategy", "Neighbourhood", "--dry-run"]) == 0
    preview = capsys.readouterr().out
    assert "tracked changes accepted" in preview and "Nothing saved" in preview

    assert main(["import", "strategy", str(out), "--db", demo_location, "--kind", "lnrs"]) == 0
    assert "Imported as version 1" in capsys.readouterr().out
    assert main(["strategies", "--db", demo_location, "--format", "json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    imported = listed[-1]
    assert imported["title"] == "Thameside Neighbourhood Renewal Strategy"
    assert imported["type"] == "Local Neighbourhood Renewal Strategy"
    assert imported["empty_components"] == ["Learning plan"]


def test_import_and_export_say_what_is_wrong(demo_location, tmp_path, capsys):
    assert main(["import", "strategy", str(tmp_path / "none.docx"), "--db", demo_location,
                 "--kind", "cs"]) == 1
    assert "there is no file" in capsys.readouterr().err
    page = tmp_path / "x.html"
    page.write_text("<h1>Vision</h1><p>Text</p>", encoding="utf-8")
    assert main(["import", "strategy", str(page), "--db", demo_location]) == 1
    assert "--kind cs|lnrs|other" in capsys.readouterr().err
    assert main(["export", "strategy", "--db", demo_location, "--out",
                 str(tmp_path / "x.docx")]) == 1
    assert "--strategy NAME" in capsys.readouterr().err
    assert main(["export", "strategy", "--db", demo_location, "--strategy", "Community",
                 "--out", str(tmp_path / "x.txt")]) == 1
    assert "ending .docx or .odt" in capsys.readouterr().err
