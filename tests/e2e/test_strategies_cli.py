"""`lsp-desktop strategies` on the demo partnership and on an empty one."""

import json

from lsp_desktop.app import main


def test_strategies_json_on_demo(demo_location, capsys):
    assert main(["strategies", "--db", demo_location, "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    by_type = {d["type"]: d for d in data}
    community = by_type["Community Strategy"]
    nrs = by_type["Local Neighbourhood Renewal Strategy"]
    assert (community["status"], community["versions"]) == ("agreed", 3)
    assert (nrs["status"], nrs["versions"]) == ("agreed", 3)       # agreed April 2002
    assert nrs["empty_components"] == []                         # learning plan May 2002
    assert nrs["on_track"] >= 1 and nrs["off_track"] >= 1 and nrs["no_data"] == 1
    assert "Thameside Primary Care Trust" in community["endorsed_by"]


def test_strategies_table(demo_location, capsys):
    assert main(["strategies", "--db", demo_location]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].split()[:3] == ["id", "title", "type"]
    assert any("Neighbourhood" in line and "agreed" in line for line in out)


def test_strategies_as_they_stood_on_a_date(demo_location, capsys):
    assert main(["strategies", "--db", demo_location, "--on", "2002-03-31",
                 "--format", "json"]) == 0
    by_type = {d["type"]: d for d in json.loads(capsys.readouterr().out)}
    nrs = by_type["Local Neighbourhood Renewal Strategy"]
    assert (nrs["status"], nrs["versions"]) == ("consultation draft", 2)


def test_strategies_missing_file(tmp_path, capsys):
    assert main(["strategies", "--db", str(tmp_path / "nope.lspd")]) == 1
    assert "no partnership file" in capsys.readouterr().err
