"""The `actions` command on the demo partnership: filters and formats."""

from __future__ import annotations

import csv
import io
import json

from lsp_desktop.app import main


def test_actions_json_overdue_lists_only_overdue(demo_db, capsys):
    demo_db.close()
    assert main(["actions", "--db", demo_db.location, "--overdue", "--on", "2002-06-30",
                 "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows and all(r["overdue_days"] > 0 for r in rows)
    assert all(r["status"] in ("not started", "in progress") for r in rows)
    # The demo's owners serve while their actions run (issue 20: no owner who left in 2002).
    assert not any(r["owner"].endswith("(left the board)") for r in rows)
    burglary = next(r for r in rows if r["title"].startswith("Reduce burglary"))
    assert (burglary["due"], burglary["original_due"]) == ("2002-06-09", "2002-03-31")
    assert burglary["overdue_days"] == 21
    assert main(["actions", "--db", demo_db.location, "--overdue", "--on", "2002-01-01",
                 "--format", "json"]) == 0
    assert len(json.loads(capsys.readouterr().out)) < len(rows)


def test_actions_csv_for_one_criterion(demo_db, capsys):
    demo_db.close()
    assert main(["actions", "--db", demo_db.location, "--criterion", "learning",
                 "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert rows and {r["criterion"] for r in rows} == {"learning and development"}
    assert rows[0]["reference"] < rows[-1]["reference"]


def test_actions_table_and_unknown_criterion(demo_db, capsys):
    demo_db.close()
    assert main(["actions", "--db", demo_db.location]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].startswith("reference")
    assert len(out.splitlines()) == 2 + 41
    assert main(["actions", "--db", demo_db.location, "--criterion", "speedy"]) == 1
    assert "'speedy' is not one of the six criteria" in capsys.readouterr().err
