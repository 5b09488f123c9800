"""The one path check, the atomic writer, the claim, formula-safe cells and named
conflicts (issue 17)."""

from __future__ import annotations

import csv
import errno
import os
import sqlite3
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

from lsp_desktop import safe_files
from lsp_desktop.db.claim import PartnershipReadOnlyError, claim_for_writing
from lsp_desktop.domain.errors import ConflictError, DomainError, PartnershipLockedError
from lsp_desktop.domain.sheets import clean_text, formula_like, safe_cell, unsafe_cell
from lsp_desktop.safe_files import UnsafeTargetError, atomic_write, check_target


@pytest.fixture
def partnership(tmp_path, demo_template) -> Path:
    import shutil

    path = tmp_path / "p.lspd"
    shutil.copy(demo_template, path)
    return path


def test_check_target_refuses_partnerships_by_content_and_their_companions(partnership,
                                                                          tmp_path):
    renamed = tmp_path / "looks like a report.pdf"
    renamed.write_bytes(partnership.read_bytes())
    for bad in (partnership, renamed, Path(str(partnership) + "-wal"),
                Path(str(partnership) + "-shm"), Path(str(partnership) + ".lock"),
                Path(str(partnership) + "-journal")):
        with pytest.raises(UnsafeTargetError):
            check_target(bad)
    assert check_target(tmp_path / "fine.pdf") == tmp_path / "fine.pdf"
    with pytest.raises(UnsafeTargetError, match="is a folder"):
        check_target(tmp_path)
    with pytest.raises(UnsafeTargetError, match="does not exist"):
        check_target(tmp_path / "nowhere" / "x.pdf")


def test_the_named_partnership_is_refused_before_it_exists_and_in_another_case(tmp_path):
    future = tmp_path / "new.lspd"
    with pytest.raises(UnsafeTargetError, match="partnership file itself"):
        check_target(future, protect=[future])
    with pytest.raises(UnsafeTargetError, match="belongs to the open partnership"):
        check_target(Path(str(future) + "-wal"), protect=[future])


def test_a_failed_write_leaves_the_old_file_and_no_temporary_file(tmp_path):
    target = tmp_path / "report.pdf"
    target.write_bytes(b"old")
    with pytest.raises(RuntimeError), atomic_write(target) as tmp:
        tmp.write_bytes(b"half")
        raise RuntimeError("stopped")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["report.pdf"]


def test_a_full_disk_is_one_plain_line_and_no_file(tmp_path):
    target = tmp_path / "report.pdf"
    with pytest.raises(UnsafeTargetError, match=r"the disk is full \(.* MB free on "), \
            atomic_write(target) as tmp:
        tmp.write_bytes(b"x")
        raise OSError(errno.ENOSPC, "No space left on device", str(tmp))
    assert list(tmp_path.iterdir()) == []


def test_a_killed_write_leaves_a_file_the_next_write_removes(tmp_path):
    code = ("import os, sys\nfrom lsp_desktop.safe_files import atomic_write\n"
            "with atomic_write(sys.argv[1]) as tmp:\n"
            "    tmp.write_bytes(b'half')\n    os._exit(9)\n")
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[2]))
    run = subprocess.run([sys.executable, "-c", code, str(tmp_path / "a.pdf")], env=env)
    assert run.returncode == 9
    left = [p.name for p in tmp_path.iterdir()]
    assert len(left) == 1 and left[0].endswith(".lsp-tmp")      # killed: nothing to tidy up
    safe_files.write_bytes(tmp_path / "b.pdf", b"whole")
    assert [p.name for p in tmp_path.iterdir()] == ["b.pdf"]


def test_files_are_owner_only_unless_asked_otherwise(tmp_path):
    if os.name == "nt":
        pytest.skip("no POSIX modes on Windows")
    private = safe_files.write_bytes(tmp_path / "a.csv", b"x")
    shared = safe_files.write_bytes(tmp_path / "b.txt", b"x", private=False)
    assert private.stat().st_mode & 0o777 == 0o600
    assert shared.stat().st_mode & 0o077 != 0


def test_a_claim_refuses_a_second_opener_by_any_name(partnership, tmp_path):
    alias = tmp_path / "alias.lspd"
    os.link(partnership, alias)
    claim = claim_for_writing(partnership)
    try:
        with pytest.raises(PartnershipLockedError):
            claim_for_writing(alias)
    finally:
        claim.release()
    claim_for_writing(alias).release()


def test_a_claim_says_why_a_read_only_file_cannot_be_changed(partnership, monkeypatch):
    real = os.access
    monkeypatch.setattr(os, "access", lambda p, m, *a, **k: False if (
        Path(p) == partnership.parent and m & os.W_OK) else real(p, m, *a, **k))
    with pytest.raises(PartnershipReadOnlyError, match="the folder .* cannot be written"):
        claim_for_writing(partnership)
    assert [p.name for p in partnership.parent.iterdir()] == ["p.lspd"]


@pytest.mark.parametrize("text, neutralised", [
    ("=HYPERLINK(\"http://x\",\"click\")", True), ("+cmd|' /C calc'!A0", True),
    ("@SUM(A1:A2)", True), ("\tfoo", True), ("\rfoo", True), ("-2+3", True),
    ("+44 20 7946 0000", False), ("-1.5", False), ("+1,000", False), ("1+1", False),
    ("O'Neill", False), ("", False), ("Chair - vice", False),
])
def test_formula_like_text_is_neutralised_and_comes_back(text, neutralised):
    assert formula_like(text) is neutralised
    written = safe_cell(text)
    assert (written == "'" + text) is neutralised
    assert unsafe_cell(written) == text


def test_an_export_then_import_gives_back_formula_like_values(demo_services, tmp_path):
    members = demo_services.members
    first = members.get(1)
    nasty = first.with_changes(name='=HYPERLINK("http://evil","x")', phone="+44 20 7946 0000",
                    organisation="@SUM(A1:A9)")
    members.update(nasty)
    out = tmp_path / "members.csv"
    demo_services.exchange.export_records("members", out)
    with open(out, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    cells = {c for row in rows for c in row}
    assert "'=HYPERLINK(\"http://evil\",\"x\")" in cells and "'@SUM(A1:A9)" in cells
    assert "+44 20 7946 0000" in cells
    assert not any(c.startswith(("=", "@")) for c in cells)
    sheet = demo_services.exchange.read(out)
    names = {clean_text(cells[0]) for _, cells in sheet.rows}
    assert '=HYPERLINK("http://evil","x")' in names


def test_the_import_preview_warns_about_formula_like_values(demo_services, tmp_path):
    path = tmp_path / "new.csv"
    path.write_text('name,organisation,sector\n=1+2,"=HYPERLINK(""x"")",voluntary\n',
                    encoding="utf-8")
    preview = demo_services.exchange.preview_members(demo_services.exchange.read(path))
    notices = [str(p) for p in preview.problems if p.notice]
    assert any("row 2" in n and "formula" in n for n in notices), notices


def test_a_conflict_found_at_the_commit_names_record_officer_and_time(services, db):
    from sqlalchemy.orm.exc import StaleDataError

    from lsp_desktop.db.models import MemberRecord
    from lsp_desktop.domain.members import Member, Sector
    from lsp_desktop.services.concurrency import CLAIMS
    from lsp_desktop.services.unit_of_work import unit_of_work

    saved = services.members.add(Member(name="Ann Example", organisation="Trust",
                                        sector=Sector.VOLUNTARY))
    with unit_of_work(db.session_factory) as s:
        row = s.get(MemberRecord, saved.id)
        row.updated_by, row.updated_at = "Officer Two", datetime(2002, 6, 30, 14, 5)
        row.version = (row.version or 0) + 5
    with pytest.raises(ConflictError) as info, unit_of_work(db.session_factory) as s:
        s.info[CLAIMS] = [(MemberRecord, saved.id, saved.version, "The member Ann Example")]
        raise StaleDataError("UPDATE statement on table 'member' expected 1 row; 0 matched")
    text = str(info.value)
    assert "The member Ann Example" in text and "Officer Two" in text
    assert "14:05 on 30/06/2002" in text


def test_plain_messages_never_carry_sql_or_values():
    from sqlalchemy.exc import IntegrityError

    from lsp_desktop.logbook import plain_message

    exc = IntegrityError("INSERT INTO member (name) VALUES (?)", ("Ann Secretname",),
                         sqlite3.IntegrityError("UNIQUE constraint failed: member.id"))
    text = plain_message(exc)
    assert "Secretname" not in text and "INSERT" not in text and "UNIQUE" in text


def test_swallowed_keyring_errors_are_logged(monkeypatch, caplog):
    from lsp_desktop import passwords

    class Broken:
        def get_password(self, *_):
            raise RuntimeError("keyring locked")

    monkeypatch.setattr(passwords, "_keyring", lambda: Broken())
    with caplog.at_level("WARNING", logger="lsp_desktop"):
        assert passwords.get("officer@host:5432/lsp") is None
    assert "keyring locked" in caplog.text


def test_the_log_rotates_in_the_logs_folder(tmp_path):
    import logging

    from lsp_desktop import logbook

    path = logbook.start(tmp_path / "logs")
    try:
        logging.getLogger("lsp_desktop.test").info("x" * 2000)
        for _ in range(700):
            logging.getLogger("lsp_desktop.test").info("y" * 2000)
        names = sorted(p.name for p in (tmp_path / "logs").iterdir())
        assert path.name in names and "lsp-desktop.log.1" in names
    finally:
        logbook.start(tmp_path / "elsewhere")


def test_a_domain_error_is_what_a_refusal_raises():
    assert issubclass(UnsafeTargetError, DomainError)


@pytest.mark.sqlite_only("the partnership file itself")
def test_every_service_that_writes_a_file_refuses_the_open_partnership(demo_services, demo_db):
    """What the window's dialogs call: save a copy, print, export, archive, subject access,
    back up to a chosen file."""
    from lsp_desktop.services.printing import write_atomically

    path = demo_db.path
    before = path.read_bytes()
    aliases = {}
    for suffix in (".csv", ".json", ".pdf"):      # the same file under a name each accepts
        aliases[suffix] = path.with_name(f"alias{suffix}")
        os.link(path, aliases[suffix])
    writers = [
        (lambda t: demo_services.files.save_copy(t), ".lspd"),
        (lambda t: write_atomically(b"%PDF-1.4", t), ".pdf"),
        (lambda t: demo_services.exchange.export_records("members", t), ".csv"),
        (lambda t: demo_services.archive.write(t), ".json"),
        (lambda t: demo_services.personal_data.write_subject_access(1, t), ".pdf"),
        (lambda t: demo_services.backups.make(t), ".lspd"),
    ]
    for write, suffix in writers:
        for target in (path, Path(str(path) + "-wal"), Path(str(path) + "-shm"),
                       aliases.get(suffix, path)):
            with pytest.raises(UnsafeTargetError):
                write(target)
    assert path.read_bytes() == before
