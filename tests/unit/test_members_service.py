"""Members and partnership services on a real temporary SQLite partnership file."""

from __future__ import annotations

import sqlite3
from datetime import date

import pytest

from lsp_desktop.domain.errors import DomainError, NotFoundError, ValidationError
from lsp_desktop.domain.members import Declaration, Member, Role, Sector, Term
from lsp_desktop.domain.partnership import Partnership

D = date


def member(name="Llŷr Davies", **kw) -> Member:
    kw.setdefault("sector", Sector.COMMUNITY)
    kw.setdefault("category", "Residents and community groups")
    kw.setdefault("terms", (Term(D(2001, 4, 1)),))
    return Member(name=name, **kw)


def test_add_and_read_back_everything(services):
    created = services.members.add(member(
        title="Mr", organisation="Bankside Forum", email="llyr@example.org", phone="020",
        address="1 High St", publish_contact=True, notes="Welsh speaker",
        nominating_body="Bankside CVS",
        terms=(Term(D(2001, 4, 1), D(2001, 12, 31), "Moved"), Term(D(2002, 3, 1))),
        declarations=(Declaration("Trustee of A <b> & Co", "A <b> & Co", D(2001, 5, 1)),)))
    again = services.members.get(created.id)
    assert again == created
    assert again.name == "Llŷr Davies" and again.address == "1 High St"
    assert [t.start for t in again.terms] == [D(2001, 4, 1), D(2002, 3, 1)]
    assert again.terms[0].reason_left == "Moved"
    assert again.declarations[0].interest == "Trustee of A <b> & Co"


def test_invalid_member_is_refused_with_field_errors_and_nothing_saved(services):
    with pytest.raises(ValidationError) as info:
        services.members.add(member(name="", email="nope"))
    assert {e.field for e in info.value.errors} == {"name", "email"}
    assert services.members.count() == 0


def test_register_on_a_date_shows_who_was_serving(services):
    a = services.members.add(member("Ann", terms=(Term(D(2001, 1, 1), D(2001, 12, 31)),
                                                  Term(D(2002, 6, 1)))))
    services.members.add(member("Bob", terms=(Term(D(2002, 1, 1)),)))
    on = {r.name: r for r in services.members.list_rows(D(2002, 3, 1))}
    assert not on["Ann"].current and on["Ann"].term_end == D(2001, 12, 31)
    assert on["Bob"].current
    assert [r.name for r in services.members.list_rows(D(2002, 3, 1), include_former=False)] == ["Bob"]
    later = {r.name: r for r in services.members.list_rows(D(2002, 7, 1))}
    assert later["Ann"].current and later["Ann"].term_start == D(2002, 6, 1)
    assert services.members.current_ids(D(2002, 7, 1)) == {a.id, later["Bob"].id}


def test_search_key_is_folded(services):
    services.members.add(member("Siobhán O'Neill", title="Ms", organisation="Łódź Club"))
    (row,) = services.members.list_rows(D(2002, 1, 1))
    assert "oneill" in row.search_key and "lodz" in row.search_key
    assert row.name == "Ms Siobhán O'Neill"


def test_update_end_term_delete_and_restore(services):
    m = services.members.add(member("Ann"))
    changed = services.members.update(m.with_changes(role=Role.CHAIR, name="Ann Jones"))
    assert services.members.get(m.id).role == Role.CHAIR and changed.name == "Ann Jones"
    ended = services.members.end_term(m.id, D(2002, 3, 31), "Resigned")
    assert ended.terms[-1].end == D(2002, 3, 31) and ended.terms[-1].reason_left == "Resigned"
    with pytest.raises(DomainError, match="no term running"):
        services.members.end_term(m.id, D(2003, 1, 1))
    snapshot = services.members.delete(m.id)
    with pytest.raises(NotFoundError):
        services.members.get(m.id)
    restored = services.members.restore(snapshot)
    assert restored.id == m.id and restored.terms[-1].end == D(2002, 3, 31)
    with pytest.raises(DomainError, match="already exists"):
        services.members.restore(snapshot)


def test_update_returns_the_member_as_read_back(services):
    """update() builds its answer from the rows it wrote: the same as get() reads back,
    children in the register's order (terms by start, declarations by id) whatever order
    the edit gave them in, new ones with their ids, text trimmed as stored."""
    m = services.members.add(member("Ann", declarations=(Declaration("Zed Trust"),)))
    edits = [
        lambda m: m.with_changes(terms=(Term(D(1999, 1, 1), D(2000, 1, 1), "Moved"),)
                                 + m.terms),
        lambda m: m.with_changes(declarations=(Declaration("Alpha", "Body", D(2001, 2, 2)),)
                                 + m.declarations),
        lambda m: m.with_changes(declarations=m.declarations[::-1], email=" a@b.org ",
                                 notes="n"),
        lambda m: m.with_changes(terms=m.terms[1:]),
        lambda m: m.with_changes(terms=(Term(D(2003, 1, 1)), Term(D(2002, 1, 1), D(2002, 6, 1))),
                                 declarations=()),
    ]
    for edit in edits:
        saved = services.members.update(edit(m))
        assert saved == services.members.get(m.id)
        assert saved.version == m.version + 1
        m = saved
    assert [t.start for t in m.terms] == [D(2002, 1, 1), D(2003, 1, 1)]
    assert m.email == "a@b.org" and all(t.id is not None for t in m.terms)


def test_update_refuses_overlapping_terms(services):
    m = services.members.add(member("Ann"))
    with pytest.raises(ValidationError, match="overlap"):
        services.members.update(m.with_changes(terms=m.terms + (Term(D(2002, 1, 1)),)))
    assert services.members.get(m.id).terms == m.terms


def test_substitute_must_deputise_for_a_current_member(services):
    today = date.today()
    current = services.members.add(member("Chief", terms=(Term(D(2001, 1, 1)),)))
    former = services.members.add(member("Gone", terms=(Term(D(2001, 1, 1), D(2001, 2, 1)),)))
    sub = member("Deputy", role=Role.SUBSTITUTE, terms=(Term(today),))
    with pytest.raises(ValidationError, match="current member"):
        services.members.add(sub.with_changes(deputises_for_id=former.id))
    ok = services.members.add(sub.with_changes(deputises_for_id=current.id))
    assert ok.deputises_for_id == current.id
    # Deleting the member a substitute deputises for leaves the substitute without one.
    services.members.delete(current.id)
    assert services.members.get(ok.id).deputises_for_id is None


def test_balance_from_the_service(demo_services):
    b = demo_services.members.balance(D(2002, 12, 1))
    assert b.total == 26
    assert b.by_sector[Sector.PUBLIC] == 11
    assert b.substitutes == 2
    assert b.chair_sector == Sector.COMMUNITY
    assert "Government Office" in b.missing_bodies
    # Jobcentre Plus replaced the Benefits Agency on 01/04/2002: no longer expected after it.
    assert "Benefits Agency" not in b.missing_bodies
    assert "Benefits Agency" not in demo_services.members.balance(D(2002, 3, 1)).missing_bodies
    # Cathal Mac Giolla (BME groups) left, came back on 01/02/2002 and left again on 31/05/2002.
    may = demo_services.members.balance(D(2002, 5, 1))
    assert may.total == 27 and "BME groups" not in may.missing_bodies
    assert demo_services.members.balance(D(2002, 6, 30)).total == 26
    assert "BME groups" in b.missing_bodies


def test_demo_board_matches_southwark_2002(demo_services):
    rows = demo_services.members.list_rows(D(2002, 12, 1), include_former=False)
    seats = [r for r in rows if r.role not in ("substitute", "observer")]
    by_cat: dict[str, int] = {}
    for r in seats:
        by_cat[r.category] = by_cat.get(r.category, 0) + 1
    assert len(seats) == 26
    assert by_cat["Residents and community groups"] == 6
    assert by_cat["Voluntary organisations"] == 5
    assert by_cat["Faith communities"] == 2
    assert by_cat["Private sector and business"] + by_cat["Chamber of Commerce"] == 2
    assert sum(r.sector == "public" for r in seats) == 11
    everyone = demo_services.members.all_members()
    assert any(len(m.terms) == 2 for m in everyone)           # left and returned
    assert sum(bool(m.declarations) for m in everyone) >= 3
    assert any("ŷ" in m.name for m in everyone) and any("ł" in m.name.lower() for m in everyone)


def test_partnership_details_round_trip(services):
    assert services.partnership.get().name == "Untitled partnership"
    saved = services.partnership.save(Partnership(
        "Thameside Together", "LB Thameside", "GO for London", True,
        {"2002/03": 6_300_000, "2001/02": 4_200_000}))
    assert saved.nrf_allocations == {"2001/02": 4_200_000, "2002/03": 6_300_000}
    services.partnership.save(saved.__class__(**{**saved.__dict__, "nrf_allocations": {}}))
    assert services.partnership.get().nrf_allocations == {}
    with pytest.raises(ValidationError):
        services.partnership.save(Partnership(""))


def test_changes_are_committed_at_once(services, db):
    from sqlalchemy import create_engine, text

    services.members.add(member("Ann"))
    # Another connection (as after a crash and restart) sees the change without any "save".
    other = create_engine(db.engine.url)
    try:
        with other.connect() as con:
            assert con.execute(text("SELECT name FROM member")).all() == [("Ann",)]
    finally:
        other.dispose()


@pytest.mark.sqlite_only("SQLite connection pragmas")
def test_pragmas_on_every_connection(db):
    with db.engine.connect() as con:
        assert con.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert con.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"


@pytest.mark.sqlite_only("Save a copy writes a partnership file")
def test_save_a_copy(services, db, tmp_path):
    services.members.add(member("Ann"))
    copy = services.files.save_copy(tmp_path / "copy.lspd")
    con = sqlite3.connect(copy)
    try:
        assert con.execute("SELECT name FROM member").fetchall() == [("Ann",)]
    finally:
        con.close()
    with pytest.raises(DomainError, match="partnership file itself"):
        services.files.save_copy(db.path)
