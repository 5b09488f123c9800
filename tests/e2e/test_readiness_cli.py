"""The `readiness` command on the demo partnership: table, JSON, a named round, errors."""

from __future__ import annotations

import json

from lsp_desktop.app import main


def test_readiness_json_for_a_named_round(demo_db, capsys):
    demo_db.close()
    assert main(["readiness", "--db", demo_db.location, "--round", "2001/02",
                 "--on", "2002-06-01", "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["round"] == "Accreditation 2001/02"
    assert [c["label"] for c in report["criteria"]][0] == "Strategic"
    inclusive = next(c for c in report["criteria"] if c["criterion"] == "inclusive")
    assert (inclusive["self_rating"], inclusive["go_rating"]) == ("green", "amber/green")
    keys = {s["key"] for s in inclusive["signals"]}
    assert {"sectors", "representation", "expected bodies", "consultation"} <= keys
    assert all(s["sentence"].endswith(".") and s["where"] for s in inclusive["signals"])


def test_readiness_table_defaults_to_the_latest_round(demo_db, capsys):
    demo_db.close()
    assert main(["readiness", "--db", demo_db.location, "--on", "01/06/2002"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Readiness for Annual review 2002/03, data as on 01/06/2002")
    assert "Focused on learning and development" in out
    assert "(Members tab)" in out and "self: " in out and "GO: " in out


def test_readiness_unknown_round_is_one_clear_line(demo_db, capsys):
    demo_db.close()
    assert main(["readiness", "--db", demo_db.location, "--round", "1999/00"]) == 1
    err = capsys.readouterr().err
    assert "no assessment round called '1999/00'" in err
    assert "Accreditation 2001/02" in err
