"""The `actions` command on the demo partnership: filters and formats."""

from __future__ import annotations

import csv
import io
import json

from lsp_desktop.app import main


def test_actions_json_overdue_lists_only_overdue(demo_db, capsys):
    demo_db.close()
    assert main(["actions", "--db", demo_db.location, "--overdue", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows and all(r["overdue_days"] > 0 for r in rows)
    assert all(r["status"] in ("not started", "in progress") for r in rows)
    assert any(r["owner"].endswith("(left the board)") for r in rows)


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
