"""Migration 0012_member_names: existing single names are split, sorted by family name, categories kept."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from sqlalchemy import create_engine, inspect

from lsp_desktop.db import migrate
from lsp_desktop.db.database import open_partnership
from lsp_desktop.services import build_services

PREVIOUS = migrate.known_revisions()[migrate.known_revisions().index("0012_member_names") - 1]
OLD = [  # (name, title, category) as a file of the previous release holds them
    ("Rhodri ap Siôn", "Mr", "Voluntary organisations"),
    ("Maria de la Cruz", "Dr", "Benefits Agency"),
    ("Seán O'Connor", "", "Employment Service and New Deal"),
    ("Zoe Adams", "Ms", "Faith communities"),
    ("Pádraig Ó Súilleabháin", "", "Residents and community groups"),
]


def test_upgrade_splits_names_sorts_by_family_name_and_keeps_categories(tmp_path):
    path = tmp_path / "old.lspd"
    engine = create_engine(f"sqlite:///{path}")
    migrate.upgrade(engine, PREVIOUS)
    with engine.begin() as conn:
        for i, (name, title, category) in enumerate(OLD, start=1):
            conn.execute(sa.text(
                "INSERT INTO member (id, title, name, search_key, organisation, sector, category, "
                "role, nominating_body, email, phone, address, publish_contact, notes) VALUES "
                "(:id, :title, :name, :key, 'Body', 'voluntary', :category, 'member', '', '', "
                "'', '', 0, '')"), {"id": i, "title": title, "name": name, "category": category,
                                    "key": name.lower()})
            conn.execute(sa.text("INSERT INTO term (member_id, start_date, reason_left) VALUES "
                                 "(:id, '2001-04-01', '')"), {"id": i})
    migrate.upgrade(engine, "0012_member_names")
    assert {"given_names", "family_name"} <= {c["name"] for c in inspect(engine).get_columns("member")}
    engine.dispose()
    db = open_partnership(path)
    try:
        services = build_services(db.session_factory, db.path)
        members = services.members.all_members()
        assert [(m.given_names, m.family_name) for m in members] == [
            ("Zoe", "Adams"), ("Rhodri", "ap Siôn"), ("Maria", "de la Cruz"),
            ("Seán", "O'Connor"), ("Pádraig", "Ó Súilleabháin")]
        # Categories, even of bodies since replaced, come through unchanged; sectors too.
        assert {m.name: m.category for m in members} == {n: c for n, _, c in OLD}
        assert {m.sector.value for m in members} == {"voluntary"}
        rows = services.members.list_rows(date(2002, 1, 1))
        assert [r.name for r in rows][:2] == ["Ms Zoe Adams", "Mr Rhodri ap Siôn"]
        # Searching the whole name still finds the member.
        assert [r.name for r in rows if "padraigosuil" in r.search_key] == [
            "Pádraig Ó Súilleabháin"]
    finally:
        db.close()
