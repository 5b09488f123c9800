"""Migration 0004: a partnership made before accreditation upgrades and keeps its members."""

from __future__ import annotations

from datetime import date

from sqlalchemy import inspect

from lsp_desktop.db import migrate
from lsp_desktop.db.database import make_engine, open_partnership
from lsp_desktop.domain.members import Member, Sector, Term
from lsp_desktop.services import build_services


def test_foundation_file_upgrades_to_accreditation(tmp_path, app_paths):
    path = tmp_path / "old.lspd"
    engine = make_engine(path)
    migrate.upgrade(engine, "0001_foundation")
    with engine.begin() as con:
        con.exec_driver_sql("INSERT INTO partnership (id, name) VALUES (1, 'Old LSP')")
        con.exec_driver_sql(
            "INSERT INTO member (id, name, search_key, sector) VALUES (1, 'Ann', 'ann', 'public')")
    engine.dispose()
    db = open_partnership(path, app_paths.backup_dir)
    try:
        assert db.migrated_from == "0001_foundation"
        tables = set(inspect(db.engine).get_table_names())
        assert {"assessment_round", "criterion_assessment", "weakness", "evidence",
                "evidence_file", "go_dialogue", "area_of_concern", "criterion_prompt"} <= tables
        services = build_services(db.session_factory, db.path)
        services.members.add(Member("Bea", Sector.COMMUNITY, terms=(Term(date(2002, 4, 1)),)))
        rnd = services.accreditation.new_round("Annual review 2002/03",
                                               financial_year="2002/03")
        assert len(rnd.criteria) == 6
        assert services.partnership.get().name == "Old LSP"
    finally:
        db.close()
    assert list(app_paths.backup_dir.iterdir())     # backed up before migrating
