"""The window's first paint reads in plain SQL (db.reads) what the ORM reads, on either engine."""

from __future__ import annotations

from datetime import date

from sqlalchemy import collate, func, select

from lsp_desktop.db.models import MemberRecord, TermRow
from lsp_desktop.domain.members import MemberRow, balance_of_groups
from lsp_desktop.domain.partnership import Partnership
from lsp_desktop.services import services_of
from lsp_desktop.services.register_rows import FirstPage
from lsp_desktop.services.unit_of_work import unit_of_work
from tests.unit.test_register_rows import _fill

D = date
_M, _T = MemberRecord, TermRow
DATES = (D(1990, 1, 1), D(2000, 6, 1), D(2002, 6, 1), D(2026, 1, 1), D(2035, 1, 1))


def _orm_first_page(factory, on: date, limit: int) -> FirstPage:
    """The opening view as the ORM read it before db.reads (the reference)."""
    serving = (_T.start_date <= on) & (_T.end_date.is_(None) | (_T.end_date >= on))
    with unit_of_work(factory) as s:
        key = _M.search_key
        if s.get_bind().dialect.name == "postgresql":
            key = collate(key, "C")
        page = s.execute(
            select(_M.id, _M.title, _M.name, _M.organisation, _M.sector, _M.category, _M.role,
                   _M.publish_contact, _M.search_key)
            .where(select(_T.id).where(_T.member_id == _M.id, serving).exists())
            .order_by(key, _M.id).limit(limit)).all()
        terms = {mid: (start, end) for mid, start, end in s.execute(
            select(_T.member_id, _T.start_date, _T.end_date)
            .where(_T.member_id.in_([p[0] for p in page]), serving))}
        groups = s.execute(
            select(_M.sector, _M.category, _M.role, func.count())
            .join(_T, _T.member_id == _M.id).where(serving)
            .group_by(_M.sector, _M.category, _M.role)).all()
        total = s.scalar(select(func.count()).select_from(_M)) or 0
    rows = [MemberRow(mid, f"{title} {name}" if title else name, org, sector, category, role,
                      *terms[mid], True, bool(published), key)
            for mid, title, name, org, sector, category, role, published, key in page]
    counts = {(sector, category, role): n for sector, category, role, n in groups}
    return FirstPage(rows, sum(counts.values()), total, balance_of_groups(counts, on))


def _same_reads(database, orm, limits=(1, 12, 60)) -> None:
    light = services_of(database)       # a file: sqlite3; a server: through its engine
    assert (light.reads is None) == database.shared
    for on in DATES:
        for limit in limits:
            want = _orm_first_page(orm.session_factory, on, limit)
            assert light.register_rows.first_page(on, limit) == want
            assert orm.register_rows.first_page(on, limit) == want      # engine reads
        assert light.register_rows.window_rows(on) == orm.members.list_rows(on)
    assert light.register_rows.count() == orm.members.count()
    assert light.partnership.get() == orm.partnership.get()


def test_a_generated_register_reads_the_same_by_plain_sql_and_the_orm(db, services):
    _fill(services, 70)
    services.partnership.save(Partnership("Llanelli LSP", "Carmarthenshire", "Wales", True,
                                          {"2025/26": 1200, "2026/27": 900},
                                          opens_on=D(2026, 1, 1)))
    _same_reads(db, services)
    assert services_of(db).partnership.get().nrf_allocations == {"2025/26": 1200,
                                                                  "2026/27": 900}


def test_the_demo_reads_the_same_by_plain_sql_and_the_orm(demo_db, demo_services):
    _same_reads(demo_db, demo_services)


def test_an_empty_partnership_reads_the_same(db, services):
    _same_reads(db, services, limits=(5,))
    assert services_of(db).partnership.get() == Partnership(name="Untitled partnership")


def test_sessions_are_made_on_first_use_and_follow_the_officer(db):
    from lsp_desktop.db import audit

    light = services_of(db, officer=lambda: "Ann Officer")
    light.partnership.get()
    light.register_rows.first_page(D(2026, 1, 1), 5)
    assert db._factory is None or db.shared       # a file: no engine for the reads
    light.partnership.save(Partnership("Renamed"))
    assert audit.context_of(db.engine).current_officer() == "Ann Officer"
    assert light.audit.lines()[0].officer == "Ann Officer"
