"""Migration 0011_meetings: an older file gains the meeting tables; the board comes on first use."""

from __future__ import annotations

import shutil
from pathlib import Path

from sqlalchemy import create_engine, inspect

from lsp_desktop.db import migrate
from lsp_desktop.db.database import open_partnership
from lsp_desktop.db.models import Base
from lsp_desktop.domain.meetings import Meeting, MeetingStatus
from lsp_desktop.services import build_services

DATA = Path(__file__).parent / "data"
TABLES = ("quorum_rule", "meeting_body", "body_membership", "meeting", "agenda_item",
          "meeting_paper", "meeting_decision", "arising_action", "attendance", "meeting_other",
          "meeting_declaration")


def test_upgrade_adds_the_tables_matching_the_models(tmp_path):
    path = tmp_path / "old.lspd"
    engine = create_engine(f"sqlite:///{path}")
    migrate.upgrade(engine, "0008_audit")
    assert not set(TABLES) & set(inspect(engine).get_table_names())
    migrate.upgrade(engine, "0011_meetings")
    insp = inspect(engine)
    for table in TABLES:
        assert {c["name"] for c in insp.get_columns(table)} == set(
            Base.metadata.tables[table].columns.keys()), table
    engine.dispose()


def test_the_committed_old_demo_keeps_its_members_and_holds_meetings(tmp_path, app_paths):
    path = tmp_path / "partnership.lspd"
    shutil.copyfile(DATA / "0001_demo.lspd", path)
    db = open_partnership(path, app_paths.backup_dir)
    try:
        services = build_services(db.session_factory, db.path)
        assert services.meetings.list_rows() == []
        assert services.meetings.quorum_rule().label.startswith("a third of the seats")
        board = services.meetings.board()
        seats = services.meetings.seats(board.id, services.members.all_members()[0].terms[0].start)
        assert seats        # the register of the old file fills the board's seats
        saved = services.meetings.save(Meeting(board.id, seats and
                                               services.members.all_members()[0].terms[0].start,
                                               status=MeetingStatus.PLANNED))
        assert services.meetings.get(saved.id).body_name == "Partnership board"
    finally:
        db.close()
