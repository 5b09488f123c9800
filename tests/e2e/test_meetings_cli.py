"""`meetings`, `attendance`, `decisions`, `print board-pack|minutes` and `export calendar`."""

from __future__ import annotations

import json

from lsp_desktop.app import main
from tests.pdftext import reader, text


def test_meetings_listing_of_the_demo(demo_db, capsys):
    db = demo_db.location
    demo_db.close()
    assert main(["meetings", "--db", db, "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    board = [r for r in rows if r["body"] == "Partnership board"]
    held = [r for r in board if r["status"] == "held"]
    assert len(held) >= 6 and any(r["status"] == "planned" for r in board)
    assert [r["date"] for r in held if r["quorate"] is False] == ["2001-12-13"]
    groups = [r for r in rows if r["body"] != "Partnership board" and r["status"] == "held"]
    assert len(groups) >= 4
    assert main(["meetings", "--db", db, "--body", "health", "--from", "2002-01-01",
                 "--to", "2002-12-31", "--format", "csv"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("id,body,date") and len(lines) == 3
    assert all("Health theme group" in line for line in lines[1:])


def test_attendance_and_decisions(demo_db, capsys):
    db = demo_db.location
    demo_db.close()
    assert main(["attendance", "--by", "sector", "--year", "2001/02", "--db", db]) == 0
    out = capsys.readouterr().out
    assert "community" in out and "Community members attended" in out
    assert main(["attendance", "--by", "member", "--year", "2001/02", "--db", db,
                 "--format", "json"]) == 0
    members = json.loads(capsys.readouterr().out)
    assert any(m["substitute"] for m in members)
    assert all(m["rate"].endswith("%") for m in members if m["expected"])
    assert main(["decisions", "--db", db, "--search", "ratified", "--format", "json"]) == 0
    found = json.loads(capsys.readouterr().out)
    assert found and all("ratif" in d["decision"].lower() or "ratif" in d["item"].lower()
                         for d in found)
    assert main(["attendance", "--year", "2002-03", "--db", db]) == 1
    assert "not a financial year" in capsys.readouterr().err


def test_print_board_pack_and_minutes_and_export_calendar(demo_db, tmp_path, capsys):
    import icalendar

    db = demo_db.location
    demo_db.close()
    assert main(["meetings", "--db", db, "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    march = next(r for r in rows if r["date"] == "2002-03-14")
    pack = tmp_path / "pack.pdf"
    assert main(["print", "board-pack", "--meeting", str(march["id"]), "--db", db,
                 "--out", str(pack), "--date", "2002-03-07"]) == 0
    r = reader(pack.read_bytes())
    titles = [o.title for o in r.outline if not isinstance(o, list)]
    assert titles[:3] == ["Cover", "Agenda", "Minutes of the previous meeting"]
    assert any(t.startswith("Item 1: ") for t in titles)
    assert "NRF budget 2002-03.xlsx" in text(pack.read_bytes())
    minutes = tmp_path / "minutes.pdf"
    assert main(["print", "minutes", "--meeting", str(march["id"]), "--db", db,
                 "--out", str(minutes), "--public"]) == 0
    assert "Decision 1:" in text(minutes.read_bytes())
    assert main(["print", "minutes", "--db", db, "--out", str(minutes)]) == 1
    assert "--meeting" in capsys.readouterr().err
    ics = tmp_path / "year.ics"
    assert main(["export", "calendar", "--year", "2001/02", "--out", str(ics), "--db", db]) == 0
    events = list(icalendar.Calendar.from_ical(ics.read_bytes()).walk("VEVENT"))
    assert len(events) == sum(1 for r in rows if "2001-04-01" <= r["date"] <= "2002-03-31")
    one = tmp_path / "one.ics"
    assert main(["export", "calendar", "--meeting", str(march["id"]), "--out", str(one),
                 "--db", db]) == 0
    (event,) = icalendar.Calendar.from_ical(one.read_bytes()).walk("VEVENT")
    assert event.decoded("dtstart").isoformat() == "2002-03-14T18:00:00"
    assert main(["export", "calendar", "--out", str(one), "--db", db]) == 1
    assert "--year" in capsys.readouterr().err
