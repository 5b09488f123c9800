"""`lsp-desktop audit`: the trail as a table, CSV or JSON, for a record type, a record, a date."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

from lsp_desktop.app import main
from lsp_desktop.db.database import open_partnership
from lsp_desktop.services import build_services

ROOT = Path(__file__).resolve().parents[2]


def test_record_history_as_json_and_csv(demo_db, demo_services, capsys):
    demo_services.audit.set_officer("Priya Shah")
    m = demo_services.members.all_members()[0]
    demo_services.members.update(m.with_changes(phone="020 7946 0999"))
    demo_db.close()
    assert main(["audit", "--db", demo_db.location, "--record", f"member:{m.id}",
                 "--format", "json"]) == 0
    lines = json.loads(capsys.readouterr().out)
    assert lines[0]["officer"] == "Priya Shah" and lines[0]["action"] == "update"
    assert lines[0]["changes"] == {"phone": [m.phone, "020 7946 0999"]}
    assert {x["record_type"] for x in lines} == {"member", "term"}
    assert main(["audit", "--db", demo_db.location, "--record", "Member",
                 "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert len(rows) == demo_services.members.count() + 1   # each added, one changed
    assert json.loads(rows[0]["changes"]) == {"phone": [m.phone, "020 7946 0999"]}


def test_since_and_errors(demo_db, capsys):
    demo_db.close()
    assert main(["audit", "--db", demo_db.location, "--since", "2999-01-01"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].split() == ["when_utc", "officer", "os_user", "action", "record_type",
                              "record_id", "label", "changes"] and len(out) == 2
    assert main(["audit", "--db", demo_db.location, "--record", "spaceship"]) == 1
    assert "unknown record type 'spaceship'" in capsys.readouterr().err
    assert main(["audit", "--db", demo_db.location, "--record", "member:x"]) == 1


def test_command_line_changes_carry_the_officer_from_the_environment(location, tmp_path):
    path = location
    env = {**os.environ, "PYTHONPATH": str(ROOT), "LSP_DESKTOP_OFFICER": "Sam Okafor"}
    db = open_partnership(path)
    build_services(db.session_factory, db.path, shared=db.shared).partnership.get()
    db.close()
    source = tmp_path / "m.csv"
    source.write_text("name,organisation,sector,start_date\nAnn Ames,Body A,public,01/04/2001\n",
                      encoding="utf-8")
    subprocess.run([sys.executable, "-m", "lsp_desktop", "import", "members", str(source),
                    "--db", str(path)], env=env, check=True, capture_output=True)
    got = subprocess.run([sys.executable, "-m", "lsp_desktop", "audit", "--db", str(path),
                          "--record", "member", "--format", "json"], env=env, check=True,
                         capture_output=True, text=True)
    [line] = json.loads(got.stdout)
    assert (line["officer"], line["label"], line["action"]) == ("Sam Okafor", "Ann Ames", "insert")
