"""Optimistic concurrency on both engines: a second save of the same record is refused,
naming who changed it and when; parallel writers lose nothing."""

from __future__ import annotations

import os
from dataclasses import replace
from datetime import date, datetime, timedelta

import pytest

from lsp_desktop.domain.accreditation import Concern, EvidenceItem
from lsp_desktop.domain.actions import Action
from lsp_desktop.domain.criteria import Criterion
from lsp_desktop.domain.errors import ConflictError
from lsp_desktop.domain.members import Member, Sector, Term
from lsp_desktop.domain.partnership import Partnership
from lsp_desktop.domain.strategies import (
    ConsultationEvent,
    Neighbourhood,
    Strategy,
    StrategyType,
    Target,
)
from lsp_desktop.services.concurrency import OFFICER_ENV

D = date


def _member(services, name="Ann Example") -> Member:
    return services.members.add(Member(name=name, sector=Sector.COMMUNITY,
                                       terms=(Term(D(2001, 1, 1)),)))


def test_second_save_of_a_member_is_refused_naming_who_and_when(services, monkeypatch):
    m = _member(services)
    mine, theirs = services.members.get(m.id), services.members.get(m.id)
    monkeypatch.setenv(OFFICER_ENV, "Bola Officer")
    saved = services.members.update(theirs.with_changes(email="ann@example.org"))
    assert saved.version == mine.version + 1
    monkeypatch.setenv(OFFICER_ENV, "Carl Second")
    with pytest.raises(ConflictError) as exc:
        services.members.update(mine.with_changes(phone="0207 000 0000"))
    text = str(exc.value)
    assert "Ann Example" in text and "Bola Officer" in text
    assert exc.value.who == "Bola Officer"
    assert abs(exc.value.when - datetime.now()) < timedelta(minutes=1)
    assert f"{exc.value.when:%d/%m/%Y}" in text
    now = services.members.get(m.id)
    assert (now.email, now.phone) == ("ann@example.org", "")      # nothing half-written
    # Overwrite after seeing their change: save mine naming their version.
    over = services.members.update(mine.with_changes(phone="0207 000 0000",
                                                         version=now.version))
    assert (over.phone, over.version) == ("0207 000 0000", now.version + 1)


def test_terms_and_declarations_count_as_a_change_of_their_member(services):
    m = _member(services)
    mine = services.members.get(m.id)
    services.members.end_term(m.id, D(2002, 3, 31), "Moved away")
    with pytest.raises(ConflictError):
        services.members.update(mine.with_changes(notes="x"))


def test_actions_notes_and_bulk_edits_are_versioned(services):
    a = services.actions.add(Action(reference="", title="Recruit", start=D(2002, 1, 1),
                                        due=D(2002, 9, 30)))
    mine = services.actions.get(a.id)
    services.actions.add_note(a.id, "Met the CVS")          # another officer's note
    with pytest.raises(ConflictError) as exc:
        services.actions.update(mine.with_changes(title="Recruit two"))
    assert "A-001" in str(exc.value)
    assert [n.text for n in services.actions.get(a.id).notes] == ["Met the CVS"]
    with pytest.raises(ConflictError):
        services.actions.write_many([mine])
    before = services.actions.bulk_update([a.id], shift_days=7)
    assert services.actions.write_many(before)[0].due == D(2002, 9, 30)  # undo works


def test_sections_strategies_targets_and_the_rest(services):
    st = services.strategies
    s = st.create(Strategy(StrategyType.COMMUNITY, "Thameside 2012", "2002-2012"))
    section = st.sections(s.id)[0]
    mine = st.save_section(section.id, "My text", section.version)
    with pytest.raises(ConflictError):
        st.save_section(section.id, "Their text", section.version)
    assert st.section(section.id).body == "My text"
    assert st.save_section(section.id, "Their text", mine.version).body == "Their text"

    st.update(s)
    with pytest.raises(ConflictError):
        st.update(replace(s, title="Other"))
    hood = st.save_neighbourhood(Neighbourhood("North Peckham"))
    st.save_neighbourhood(replace(hood, wards="Livesey"))
    with pytest.raises(ConflictError):
        st.save_neighbourhood(replace(hood, wards="Peckham"))
    target = st.add_target(Target(s.id, "Crime", "Burglaries per 1,000"))
    st.update_target(replace(target, data_source="Police"))
    with pytest.raises(ConflictError):
        st.update_target(replace(target, data_source="Council"))
    event = st.save_consultation(ConsultationEvent("Public meeting", D(2002, 3, 1),
                                                   strategy_id=s.id))
    st.save_consultation(replace(event, reached="Residents"))
    with pytest.raises(ConflictError):
        st.save_consultation(replace(event, reached="Tenants"))

    acc = services.accreditation
    rnd = acc.new_round("Annual review 2002/03", financial_year="2002/03")
    acc.update_round(replace(rnd, participants="Board"))
    with pytest.raises(ConflictError):
        acc.update_round(replace(rnd, participants="Officers"))
    first = acc.save_criterion(rnd.id, Criterion.INCLUSIVE, rnd.criteria[0].rating, "a", "")
    acc.save_criterion(rnd.id, Criterion.INCLUSIVE, first.rating, "b", "", first.version)
    with pytest.raises(ConflictError):
        acc.save_criterion(rnd.id, Criterion.INCLUSIVE, first.rating, "c", "", first.version)
    item = acc.add_evidence(rnd.id, Criterion.INCLUSIVE, EvidenceItem("Minutes"))
    acc.update_evidence(replace(item, reference="M1"))
    with pytest.raises(ConflictError):
        acc.update_evidence(replace(item, reference="M2"))
    concern = acc.add_concern(rnd.id, Concern("Few residents"))
    acc.update_concern(replace(concern, text="Too few residents"))
    with pytest.raises(ConflictError):
        acc.update_concern(replace(concern, text="No residents"))

    details = services.partnership.save(Partnership("Thameside LSP"))
    services.partnership.save(replace(details, council_area="Thameside"))
    with pytest.raises(ConflictError):
        services.partnership.save(replace(details, council_area="Elsewhere"))


def test_a_change_between_reading_and_writing_is_refused(pg_url_db):
    """The race: another officer commits after this save read the row, before it writes."""
    from lsp_desktop.db.database import open_partnership
    from lsp_desktop.db.models import MemberRecord
    from lsp_desktop.services import build_services
    from lsp_desktop.services.unit_of_work import unit_of_work

    db = open_partnership(pg_url_db)
    try:
        services = build_services(db.session_factory, db.path, shared=True)
        m = _member(services)
        with pytest.raises(ConflictError), unit_of_work(db.session_factory) as s:
            row = s.get(MemberRecord, m.id)
            services.members.update(services.members.get(m.id).with_changes(notes="theirs"))
            row.notes = "mine"
            row.version = row.version + 1
        assert services.members.get(m.id).notes == "theirs"
    finally:
        db.close()


@pytest.mark.slow
def test_eight_writers_in_parallel_lose_nothing(pg_url_db):
    from lsp_desktop.db.database import open_partnership
    from lsp_desktop.services import build_services

    edits = int(os.environ.get("LSP_TEST_EDITS", "500"))
    db = open_partnership(pg_url_db)
    try:
        services = build_services(db.session_factory, db.path, shared=True)
        ids = [_member(services, f"Writer {i}").id for i in range(8)]
    finally:
        db.close()
    # Eight processes, each with its own connections. They are forked from a server
    # process that has imported the program once (not eight interpreters importing it
    # again), and start editing together at a barrier once each has opened the partnership.
    import multiprocessing

    from tests import concurrent_writer

    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(["tests.concurrent_writer", "lsp_desktop.db.database",
                                "lsp_desktop.services"])
    start, errors = ctx.Barrier(len(ids)), ctx.SimpleQueue()
    procs = [ctx.Process(target=concurrent_writer.run,
                         args=(pg_url_db, i, edits, start, errors)) for i in ids]
    for p in procs:
        p.start()
    for p in procs:
        p.join(timeout=300)
    for p in procs:
        if p.is_alive():
            p.kill()
            p.join()
    problems = []
    while not errors.empty():
        problems.append(errors.get())
    assert [p.exitcode for p in procs] == [0] * 8, problems
    db = open_partnership(pg_url_db)
    try:
        members = build_services(db.session_factory, db.path, shared=True).members
        got = [members.get(i) for i in ids]
        assert members.count() == 8
    finally:
        db.close()
    assert [(m.notes, m.version) for m in got] == [(f"edit {edits}", edits + 1)] * 8


def test_an_unreachable_server_is_a_clear_error_within_seconds():
    import time

    from sqlalchemy.orm import sessionmaker

    from lsp_desktop.db.shared import make_engine, parse_url
    from lsp_desktop.domain.errors import ConnectionLostError
    from lsp_desktop.services.partnership import PartnershipService

    engine = make_engine(parse_url("postgresql+psycopg://officer@127.0.0.1:1/thameside"))
    start = time.monotonic()
    try:
        with pytest.raises(ConnectionLostError, match="connection to the shared partnership"):
            PartnershipService(sessionmaker(engine)).ping()
    finally:
        engine.dispose()
    assert time.monotonic() - start < 10


def test_a_dropped_connection_is_replaced_without_the_user_noticing(pg_url_db, pg_server):
    """The server closed this program's connections (restart, idle timeout): the next
    call reconnects (pool_pre_ping) instead of failing."""
    from lsp_desktop.db.database import open_partnership
    from lsp_desktop.services import build_services

    db = open_partnership(pg_url_db)
    try:
        services = build_services(db.session_factory, db.path, shared=True)
        m = _member(services)
        name = pg_url_db.rsplit("/", 1)[1]
        pg_server._admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                                 "WHERE datname = %s AND pid <> pg_backend_pid()", (name,))
        assert services.members.get(m.id).name == "Ann Example"
    finally:
        db.close()


def test_assessment_texts_weaknesses_and_outcomes_are_versioned(services):
    from lsp_desktop.domain.accreditation import Outcome
    from lsp_desktop.domain.criteria import Rating

    acc = services.accreditation
    rnd = acc.new_round("Annual review 2002/03", financial_year="2002/03")
    a = acc.set_go_rating(rnd.id, Criterion.STRATEGIC, Rating.GREEN, "Good")
    acc.set_go_rating(rnd.id, Criterion.STRATEGIC, Rating.AMBER_GREEN, "Fair", a.version)
    with pytest.raises(ConflictError):
        acc.set_go_rating(rnd.id, Criterion.STRATEGIC, Rating.RED, "Poor", a.version)
    w = acc.add_weakness(rnd.id, Criterion.STRATEGIC, "Few targets")
    w = acc.update_weakness(w.id, "Few SMART targets", w.version)
    acc.update_weakness(w.id, "No SMART targets", w.version)
    with pytest.raises(ConflictError):
        acc.update_weakness(w.id, "Some targets", w.version)
    seen = acc.get_round(rnd.id)
    acc.set_outcome(rnd.id, Outcome.DEFERRED, date(2003, 1, 1), version=seen.version)
    with pytest.raises(ConflictError):
        acc.set_outcome(rnd.id, Outcome.ACCREDITED, version=seen.version)
