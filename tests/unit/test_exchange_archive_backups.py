"""The JSON archive round trip, backups (daily, rotation, integrity) and restore."""

from __future__ import annotations

import json
import os
import sqlite3
import stat
from datetime import datetime

import pytest

from lsp_desktop.db import backup
from lsp_desktop.db.database import open_partnership
from lsp_desktop.domain.errors import DomainError
from lsp_desktop.services import build_services
from lsp_desktop.services.archive import FORMAT, import_archive
from lsp_desktop.services.backups import restore_file


def test_archive_round_trip_is_identical(demo_services, tmp_path):
    first = demo_services.archive.write(tmp_path / "a.json")
    data = json.loads(first.read_text(encoding="utf-8"))
    assert (data["format"], data["version"]) == (FORMAT, 1)
    assert data["partnership"] == "Thameside Together"
    assert len(data["tables"]["member"]) == demo_services.members.count()
    assert {"partnership", "member", "term", "declaration", "nrf_allocation"} <= set(data["tables"])
    counts = import_archive(first, tmp_path / "copy.lspd")
    assert counts["member"] == demo_services.members.count()
    copy = open_partnership(tmp_path / "copy.lspd")
    try:
        again = build_services(copy.session_factory, copy.path).archive.write(tmp_path / "b.json")
    finally:
        copy.close()
    assert again.read_bytes() == first.read_bytes()
    assert stat.S_IMODE(os.stat(tmp_path / "copy.lspd").st_mode) == 0o600


@pytest.mark.parametrize("change, message", [
    (lambda a: a.update(format="something-else"), "not an LSP Desktop archive"),
    (lambda a: a.update(version=2), "archive version 2"),
    (lambda a: a["tables"].update(spaceship=[]), r"does not know \(spaceship\)"),
    (lambda a: a["tables"]["term"].append({"id": 999, "member_id": 4242, "start_date": "2001-01-01"}),
     "pointing at records that are not in it"),
    (lambda a: a["tables"]["member"][0].update(organisation="o" * 201),
     r"member record 1: Organisation is too long: at most 200 characters \(this has 201\)"),
])
def test_bad_archives_are_refused_without_leaving_a_file(demo_services, tmp_path, change, message):
    data = demo_services.archive.build()
    change(data)
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(DomainError, match=message):
        import_archive(path, tmp_path / "new.lspd")
    assert not (tmp_path / "new.lspd").exists()
    assert not list(tmp_path.glob("new.lspd*"))


@pytest.mark.sqlite_only("file backups and restore copy the partnership file; a shared partnership is backed up by archive export")
def test_daily_backup_once_a_day_checked_and_rotated(demo_db, app_paths, tmp_path):
    label = backup.backup_label(demo_db.path)
    assert label == "Thameside-Together-demo"
    made = backup.backups_of(app_paths.backup_dir, label)
    assert len(made) == 1 and "_opened" in made[0].name          # opening made one
    assert backup.daily_backup(demo_db.path, app_paths.backup_dir) is None
    tomorrow = datetime(2099, 1, 2, 9, 0)
    assert backup.daily_backup(demo_db.path, app_paths.backup_dir, now=tomorrow) is not None
    for _ in range(12):
        backup.make_backup(demo_db.path, app_paths.backup_dir, label, "manual", keep=10)
    kept = backup.backups_of(app_paths.backup_dir, label)
    assert len(kept) == 10
    for p in kept:
        assert stat.S_IMODE(os.stat(p).st_mode) == 0o600
        con = sqlite3.connect(p)
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert con.execute("SELECT count(*) FROM member").fetchone()[0] == 31
        con.close()


def test_keep_is_configurable(monkeypatch):
    monkeypatch.setenv(backup.ENV_KEEP, "3")
    assert backup.configured_keep() == 3
    monkeypatch.setenv(backup.ENV_KEEP, "lots")
    assert backup.configured_keep() == 10


@pytest.mark.sqlite_only("file backups and restore copy the partnership file; a shared partnership is backed up by archive export")
def test_a_damaged_backup_is_refused(demo_db, app_paths, tmp_path):
    good = backup.copy_database(demo_db.path, tmp_path / "good.lspd")
    data = bytearray(good.read_bytes())
    data[4096 * 2:4096 * 2 + 2000] = b"\xff" * 2000
    bad = tmp_path / "bad.lspd"
    bad.write_bytes(bytes(data))
    with pytest.raises(DomainError):
        backup.check_backup(bad)
    demo_db.close()
    with pytest.raises(DomainError):
        restore_file(bad, demo_db.path, app_paths.backup_dir)
    assert demo_db.path.read_bytes()[:16] == b"SQLite format 3\x00"


@pytest.mark.sqlite_only("file backups and restore copy the partnership file; a shared partnership is backed up by archive export")
def test_restore_backs_up_current_state_then_restores(demo_db, demo_services, app_paths, tmp_path):
    saved = demo_services.backups.make()
    listed = demo_services.backups.list()
    assert listed[0].path == saved and "31 members" in listed[0].counts_text()
    assert listed[0].size == saved.stat().st_size
    member = demo_services.members.all_members()[0]
    demo_services.members.delete(member.id)
    assert demo_services.members.count() == 30
    path = demo_db.path
    demo_db.close()
    before_restore = restore_file(saved, path, app_paths.backup_dir)
    assert "before-restore" in before_restore.name
    con = sqlite3.connect(before_restore)
    assert con.execute("SELECT count(*) FROM member").fetchone()[0] == 30
    con.close()
    reopened = open_partnership(path, app_paths.backup_dir)
    try:
        assert build_services(reopened.session_factory, path).members.count() == 31
    finally:
        reopened.close()


@pytest.mark.sqlite_only("file backups and restore copy the partnership file; a shared partnership is backed up by archive export")
def test_restore_refuses_non_partnership_and_open_file(demo_db, app_paths, tmp_path):
    junk = tmp_path / "junk.lspd"
    junk.write_bytes(b"not a database at all")
    with pytest.raises(DomainError, match="Cannot restore"):
        restore_file(junk, demo_db.path, app_paths.backup_dir)
    good = backup.copy_database(demo_db.path, tmp_path / "good.lspd")
    with pytest.raises(DomainError, match="is open in LSP Desktop"):
        restore_file(good, demo_db.path, app_paths.backup_dir)


def test_archive_with_attachments_carries_the_bytes(demo_services, tmp_path):
    import base64

    plain = demo_services.archive.build()
    assert plain["attachments_included"] is False
    assert all(r["data"] is None for r in plain["tables"]["evidence_file"])
    full = demo_services.archive.write(tmp_path / "full.json", with_attachments=True)
    data = json.loads(full.read_text(encoding="utf-8"))
    blobs = [base64.b64decode(r["data"]) for r in data["tables"]["evidence_file"]]
    assert blobs and all(blobs)
    import_archive(full, tmp_path / "copy.lspd")
    con = sqlite3.connect(tmp_path / "copy.lspd")
    try:
        assert [r[0] for r in con.execute("SELECT data FROM evidence_file ORDER BY id")] == blobs
    finally:
        con.close()
    assert {"assessment_round", "criterion_assessment", "evidence", "go_dialogue", "action",
            "action_milestone", "strategy_version", "endorsement"} <= set(data["tables"])
