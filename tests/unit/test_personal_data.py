"""Subject access exports, erasure (no trace left in the file's bytes) and the retention review."""

from __future__ import annotations

import csv
import json
import os
import stat
from datetime import date
from pathlib import Path

import pytest

from lsp_desktop.domain.errors import DomainError
from tests.conftest import TODAY


def raw_bytes(db_path: Path) -> bytes:
    data = b""
    for extra in ("", "-wal", "-shm"):
        p = Path(str(db_path) + extra)
        if p.exists():
            data += p.read_bytes()
    return data


def test_subject_access_json_and_csv(demo_services, tmp_path):
    blake = demo_services.personal_data.find("jonathan blake")
    out = demo_services.personal_data.write_subject_access(blake.id, tmp_path / "jb.json")
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["subject"] == "Mr Jonathan Blake"
    assert data["record"]["email"] == "j.blake@tbp.example.com"
    assert [t["start"] for t in data["terms"]] == ["2001-04-01"]
    assert {d["interest"] for d in data["declarations"]} >= {"Director, Blake & Sons <Lettings> Ltd"}
    assert stat.S_IMODE(os.stat(out).st_mode) == 0o600
    out = demo_services.personal_data.write_subject_access(blake.id, tmp_path / "jb.csv")
    with out.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[0] == ["section", "record", "field", "value"]
    assert ["record", "", "phone", blake.phone] in rows
    assert any(r[0] == "declarations" and r[2] == "interest" for r in rows)


def test_notes_mentioning_a_member_are_found(demo_services, tmp_path):
    other = demo_services.members.all_members()[0]
    demo_services.members.update(other.with_changes(notes="Ask Priya Patel about housing"))
    patel = demo_services.personal_data.find("Priya Patel")
    data = demo_services.personal_data.subject_access(patel.id)
    assert data["mentions"]["member notes"][0]["id"] == other.id


def test_find_refuses_unknown_and_ambiguous(demo_services):
    with pytest.raises(DomainError, match="No member is called"):
        demo_services.personal_data.find("Nobody")
    m = demo_services.members.all_members()[0]
    demo_services.members.add(m.with_changes(id=None, organisation="Elsewhere", terms=()))
    with pytest.raises(DomainError, match="2 members are called"):
        demo_services.personal_data.find(m.name)
    assert demo_services.personal_data.find(f"#{m.id}").id == m.id


def test_erasure_refused_for_current_member(demo_services):
    blake = demo_services.personal_data.find("Jonathan Blake")
    with pytest.raises(DomainError, match="is a current member"):
        demo_services.personal_data.erase(blake.id, "Officer", today=TODAY)


@pytest.mark.sqlite_only("reads the bytes of the SQLite file after VACUUM")
def test_erasure_leaves_no_trace_in_the_raw_file(demo_db, demo_services):
    pd = demo_services.personal_data
    bronwen = pd.find("Bronwen Pritchard")
    other = pd.find("Jonathan Blake")
    demo_services.members.update(other.with_changes(notes="Took over from Bronwen Pritchard"))
    # Her old address and notes now live only in the audit trail's lines about her.
    demo_services.members.update(bronwen.with_changes(email="b.p@home.example",
                                                      notes="Ask about her allotment"))
    secrets = [b"Bronwen Pritchard", b"bronwen@tbp.example.com", bronwen.phone.encode(),
               b"bronwenpritchard", b"b.p@home.example", b"Ask about her allotment"]
    assert all(s in raw_bytes(demo_db.path) for s in secrets[:2] + secrets[4:])
    trail = len(demo_services.audit.history("member", bronwen.id))
    done = pd.erase(bronwen.id, "A. Officer", today=TODAY)
    assert done.label == "Former member 1" and done.erased_on == TODAY
    after = demo_services.members.get(bronwen.id)
    assert (after.name, after.email, after.phone, after.title) == ("Former member 1", "", "", "")
    assert [(t.start, t.end) for t in after.terms] == [(t.start, t.end) for t in bronwen.terms]
    assert demo_services.members.get(other.id).notes == "Took over from Former member 1"
    raw = raw_bytes(demo_db.path)
    for secret in secrets:
        assert secret not in raw, secret
    assert pd.erasures()[0].erased_by == "A. Officer"
    history = demo_services.audit.history("member", bronwen.id)
    assert len(history) == trail + 1 and history[0].action == "erase"
    assert history[0].label == "Former member 1"
    assert demo_services.members.count() == 31
    with pytest.raises(DomainError, match="already been erased"):
        pd.erase(bronwen.id, "A. Officer", today=TODAY)
    mazur = pd.find("Stanisław Mazur")
    assert pd.erase(mazur.id, "A. Officer", today=TODAY).label == "Former member 2"


def test_retention_review(demo_services):
    pd = demo_services.personal_data
    assert pd.retention_years() == 6
    assert pd.retention_review(today=TODAY) == []
    later = date(2008, 5, 15)     # Cathal Mac Giolla left on 31/05/2002: not six years yet
    rows = pd.retention_review(today=later)
    assert [r.name for r in rows] == ["Mrs Bronwen Pritchard", "Mr Stanisław Mazur"]
    assert rows[0].years_since == 6 and rows[0].last_term_end == date(2001, 12, 31)
    assert [r.name for r in pd.retention_review(today=later, years=1)][-1] == "Mr Cathal Mac Giolla"
    details = demo_services.partnership.get()
    demo_services.partnership.save(details.__class__(**{**details.__dict__, "retention_years": 7}))
    assert [r.name for r in pd.retention_review(today=date(2009, 1, 15))] == ["Mrs Bronwen Pritchard"]
    pd.erase(rows[0].id, "Officer", today=later)
    assert pd.retention_review(today=date(2009, 1, 15)) == []


def test_subject_access_pdf_prints_user_text_literally(demo_services, tmp_path):
    from tests.pdftext import text as pdf_text

    blake = demo_services.personal_data.find("Jonathan Blake")
    out = demo_services.personal_data.write_subject_access(blake.id, tmp_path / "jb.pdf")
    text = pdf_text(out.read_bytes())
    assert "Personal data held about Mr Jonathan Blake" in text
    assert "Director, Blake & Sons <Lettings> Ltd" in text
    assert "j.blake@tbp.example.com" in text
    assert stat.S_IMODE(os.stat(out).st_mode) == 0o600


@pytest.mark.sqlite_only("reads the bytes of the SQLite file after VACUUM")
def test_erasure_says_so_when_another_reader_blocks_compaction(demo_db, demo_services):
    import sqlite3

    pd = demo_services.personal_data
    mazur = pd.find("Stanisław Mazur")
    reader = sqlite3.connect(demo_db.path)
    try:
        reader.execute("BEGIN")
        reader.execute("SELECT count(*) FROM member").fetchone()
        with pytest.raises(DomainError, match="erasure is saved"):
            pd.erase(mazur.id, "Officer", today=TODAY)
    finally:
        reader.close()
    assert demo_services.members.get(mazur.id).name == "Former member 1"
    with pytest.raises(DomainError, match="compacted again"):
        pd.erase(mazur.id, "Officer", today=TODAY)
    assert "Stanisław Mazur".encode() not in raw_bytes(demo_db.path)
