"""The partnership file: refusals that leave files untouched, locking, read-only, backups."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from lsp_desktop.db import migrate
from lsp_desktop.db.database import open_partnership
from lsp_desktop.db.health import check_file
from lsp_desktop.domain.errors import (
    PartnershipFileError,
    PartnershipLockedError,
    ReadOnlyError,
)
from lsp_desktop.domain.members import Member, Sector, Term
from lsp_desktop.services import build_services


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def refused(path: Path, backup_dir: Path, match: str) -> None:
    folder = path.parent if path.is_file() else path
    before = snapshot(folder)
    with pytest.raises(PartnershipFileError, match=match):
        open_partnership(path, backup_dir)
    assert snapshot(folder) == before, "a refused file must be left byte-for-byte untouched"
    assert not any(backup_dir.glob("*")) if backup_dir.exists() else True


@pytest.fixture
def refusals(tmp_path):
    folder = tmp_path / "files"
    folder.mkdir()
    return folder


def test_refuses_a_file_that_is_not_sqlite(refusals, app_paths):
    path = refusals / "minutes.lspd"
    path.write_text("Minutes of the board meeting, 14 May 2002\n")
    refused(path, app_paths.backup_dir, "not an SQLite database")


def test_refuses_an_empty_file(refusals, app_paths):
    path = refusals / "empty.lspd"
    path.write_bytes(b"")
    refused(path, app_paths.backup_dir, "empty")


def test_refuses_a_folder(refusals, app_paths):
    folder = refusals / "a-folder.lspd"
    folder.mkdir()
    with pytest.raises(PartnershipFileError, match="folder"):
        open_partnership(folder, app_paths.backup_dir)
    assert list(folder.iterdir()) == []


def test_refuses_another_programs_sqlite_database(refusals, app_paths):
    path = refusals / "other.lspd"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE t (x)")
    con.execute("INSERT INTO t VALUES (1)")
    con.commit()
    con.close()
    refused(path, app_paths.backup_dir, "not a partnership file")


def test_refuses_a_truncated_partnership_file(refusals, app_paths, demo_template):
    data = demo_template.read_bytes()
    assert len(data) > 8192
    path = refusals / "truncated.lspd"
    path.write_bytes(data[: len(data) // 2])
    refused(path, app_paths.backup_dir, "damaged|not a database|malformed")


def test_refuses_a_corrupt_partnership_file(refusals, app_paths, demo_template):
    data = bytearray(demo_template.read_bytes())
    for i in range(4096, len(data), 7):      # scribble over every page after the first
        data[i] = 0xA5
    path = refusals / "corrupt.lspd"
    path.write_bytes(bytes(data))
    refused(path, app_paths.backup_dir, "damaged|not a database|malformed")


def test_refuses_a_file_from_a_newer_program(refusals, app_paths, demo_template):
    path = refusals / "newer.lspd"
    shutil.copyfile(demo_template, path)
    con = sqlite3.connect(path)
    con.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    con.commit()
    con.close()
    refused(path, app_paths.backup_dir, "newer version of LSP Desktop")
    report = check_file(path)
    assert not report.healthy and "schema: 9999_from_the_future (newer than this program)" in report.lines


def test_missing_file_is_not_created_unless_asked(tmp_path, app_paths):
    with pytest.raises(PartnershipFileError, match="no partnership file"):
        open_partnership(tmp_path / "nope.lspd", app_paths.backup_dir)
    assert not (tmp_path / "nope.lspd").exists()


def test_created_file_has_the_current_schema(tmp_path, app_paths):
    db = open_partnership(tmp_path / "new.lspd", app_paths.backup_dir, create=True)
    db.close()
    report = check_file(tmp_path / "new.lspd")
    assert report.healthy
    assert f"schema: {migrate.head_revision()} (current)" in report.lines
    assert "member: 0" in report.lines


def test_second_copy_is_told_and_can_open_read_only(demo_template, tmp_path, app_paths):
    path = tmp_path / "shared.lspd"
    shutil.copyfile(demo_template, path)
    first = open_partnership(path, app_paths.backup_dir)
    try:
        with pytest.raises(PartnershipLockedError, match="already open in another copy"):
            open_partnership(path, app_paths.backup_dir)
        second = open_partnership(path, app_paths.backup_dir, read_only=True)
        try:
            assert second.read_only
            ro = build_services(second.session_factory, second.path)
            assert ro.members.count() == 31
            assert ro.partnership.get().name == "Thameside Together"
            with pytest.raises(ReadOnlyError, match="read-only"):
                ro.members.add(Member(name="Intruder", sector=Sector.PUBLIC,
                                      terms=(Term(ro.members.get(1).terms[0].start),)))
            with pytest.raises(ReadOnlyError):
                ro.members.delete(1)
            # The writer goes on writing and the reader sees it.
            rw = build_services(first.session_factory, first.path)
            rw.members.delete(1)
            assert ro.members.count() == 30
        finally:
            second.close()
    finally:
        first.close()
    # Once the first copy closes, the file opens for writing again.
    open_partnership(path, app_paths.backup_dir).close()


def test_health_check_counts_records(demo_template):
    report = check_file(demo_template)
    assert report.healthy
    assert "integrity: ok" in report.lines and "member: 31" in report.lines
    assert "broken references: 0" in report.lines
