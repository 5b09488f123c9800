"""The accreditation pack reads in plain SQL (services.pack_reads) what the ORM services give."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from lsp_desktop.db.reads import engine_reads
from lsp_desktop.domain.accreditation import Concern, Dialogue, Outcome, RoundKind
from lsp_desktop.domain.criteria import Criterion, Rating
from lsp_desktop.domain.errors import NotFoundError
from lsp_desktop.domain.members import Declaration, Member, Role, Sector, Term
from lsp_desktop.domain.partnership import Partnership
from lsp_desktop.reports.pack import PackData
from lsp_desktop.services import printing, services_of
from lsp_desktop.services.pack_reads import pack_data, rounds
from lsp_desktop.services.readiness_reads import gather

D = date
DATES = (D(2001, 5, 1), D(2002, 6, 30), D(2003, 1, 15), D(2026, 1, 1))


def _orm_pack(services, round_name: str, today: date) -> PackData:
    """The pack as services.printing gathered it through the ORM services (the reference)."""
    accreditation = services.accreditation
    rnd = accreditation.find_round(round_name) if round_name else accreditation.latest_round()
    _round, readiness = services.readiness.report(rnd.id if rnd else None, today)
    members = [m for m in printing.register_members(services) if m.is_current(today)]
    return PackData(
        partnership=services.partnership.get(), today=today, round=rnd, members=members,
        balance=services.members.balance(today), catalogue=accreditation.catalogue(),
        readiness=readiness if rnd else (), actions=services.actions.list_actions(),
        member_names=printing.member_names(services, today),
        strategies=services.strategies.summaries(on=today),
        targets=services.strategies.targets(), lead_officer="Ann Jones, Lead officer")


def _held_back(services):
    return lambda fy: services.programme.held_back(fy)


def _same_pack(database, services, round_names=("",), dates=DATES) -> None:
    """The plain-SQL pack (a file: sqlite3; a server: its engine) and the same SQL through
    the ORM's engine equal the ORM services' pack, input by input."""
    light = services_of(database)
    assert (light.reads is None) == database.shared
    for today in dates:
        for name in round_names:
            with printing.reads(light) as r:
                plain = pack_data(r, name, today, "Ann Jones, Lead officer")
            with engine_reads(database.engine) as r:
                through_engine = pack_data(r, name, today, "Ann Jones, Lead officer")
                assert rounds(r) == services.accreditation.all_rounds()
            want = _orm_pack(services, name, today)
            for field in PackData.__dataclass_fields__:
                assert getattr(plain, field) == getattr(want, field), field
                assert getattr(through_engine, field) == getattr(want, field), field
            assert plain == want
            with printing.reads(light) as r:
                assert gather(r, want.round, today, _held_back(services)) == \
                    services.readiness.gather(want.round, today)


def test_the_demo_pack_reads_the_same_by_plain_sql_and_the_orm(demo_db, demo_services):
    _same_pack(demo_db, demo_services, ("", "Accreditation 2001/02", "2002/03"))


def test_an_empty_partnership_reads_the_same_pack(db, services):
    _same_pack(db, services, dates=(D(2002, 6, 30),))
    with printing.reads(services_of(db)) as r:
        data = pack_data(r, "", D(2002, 6, 30))
    assert data.round is None and data.readiness == () and data.members == []


def test_an_unknown_round_is_refused_alike(demo_db, demo_services):
    with pytest.raises(NotFoundError) as orm:
        demo_services.accreditation.find_round("Accreditation 1999")
    with printing.reads(services_of(demo_db)) as r, pytest.raises(NotFoundError) as plain:
        pack_data(r, "Accreditation 1999", D(2002, 6, 30))
    assert str(plain.value) == str(orm.value)


def _edge_cases(services) -> None:
    """Former members, withdrawn and future declarations, substitutes (one former), a
    deferred round with NRF held back, a round with no year, concerns and dialogues, no
    strategies, actions only of a former member."""
    services.partnership.save(Partnership("Edge LSP", "Somewhere", "North West", True,
                                          {"2002/03": 900_000, "2003/04": 1_200_000}))
    public = dict(sector=Sector.PUBLIC, category="Local authority")
    chair = services.members.add(Member(name="Ann Chair", role=Role.CHAIR, **public,
                                        terms=(Term(D(2000, 4, 1)),), declarations=(
            Declaration("Councillor", "Council", D(2001, 1, 1)),
            Declaration("Governor", "School", D(2001, 1, 1), D(2002, 1, 1)))))
    gone = services.members.add(Member(name="Bob Gone", organisation="PCT", **public,
                                       terms=(Term(D(1999, 1, 1), D(2002, 3, 31), "resigned"),),
                                       declarations=(Declaration("Trustee", "Charity",
                                                                 D(2003, 5, 1)),)))
    services.members.add(Member(name="Cy Sub", role=Role.SUBSTITUTE, deputises_for_id=chair.id,
                                sector=Sector.COMMUNITY, category="Residents and community groups",
                                terms=(Term(D(2001, 1, 1)),)))
    services.members.add(Member(name="Di Oldsub", role=Role.SUBSTITUTE,
                                deputises_for_id=chair.id, sector=Sector.VOLUNTARY,
                                category="Voluntary organisations",
                                terms=(Term(D(2000, 1, 1), D(2001, 12, 31)),)))
    services.members.add(Member(name="Ed Later", sector=Sector.PRIVATE,
                                category="Private sector and business",
                                terms=(Term(D(2004, 1, 1)),)))
    acc = services.accreditation
    first = acc.new_round("Accreditation 2001/02", RoundKind.ACCREDITATION, "2001/02")
    acc.save_criterion(first.id, Criterion.INCLUSIVE, Rating.AMBER_RED, "Few groups",
                       "Some")
    acc.add_weakness(first.id, Criterion.INCLUSIVE, "No youth voice")
    acc.add_dialogue(first.id, Dialogue(D(2002, 2, 1), "Residents", "Met them"))
    acc.add_concern(first.id, Concern("Sector balance", Criterion.INCLUSIVE))
    acc.add_concern(first.id, Concern("General worry"))
    acc.set_outcome(first.id, Outcome.DEFERRED, D(2002, 9, 1), "Come back in September")
    second = acc.new_round("Review", RoundKind.ANNUAL_REVIEW, "", carry_from_id=first.id)
    acc.update_round(replace(acc.get_round(second.id), submitted_on=D(2003, 2, 1)))
    from lsp_desktop.domain.actions import Action

    services.actions.add(Action("A1", "Recruit young people", owner_member_id=gone.id,
                                due=D(2002, 5, 1), criterion=Criterion.INCLUSIVE))


def test_a_partnership_with_edge_cases_reads_the_same_pack(db, services):
    _edge_cases(services)
    assert services.programme.held_back("2002/03") > 0      # the deferral reaches the annex
    _same_pack(db, services, ("", "Accreditation 2001/02", "review"),
               dates=(D(2002, 6, 30), D(2003, 6, 30)))
    with printing.reads(services_of(db)) as r:
        data = pack_data(r, "", D(2003, 6, 30))
    assert data.round.name == "Review" and data.strategies == []
    assert "Bob Gone" in data.member_names.values()
    assert [m.name for m in data.members] == ["Ann Chair", "Cy Sub"]


def test_the_demo_with_edge_cases_reads_the_same_pack(demo_db, demo_services):
    _edge_cases_on_demo(demo_services)
    _same_pack(demo_db, demo_services, ("", "2001/02"), dates=(D(2002, 6, 30), D(2003, 1, 15)))


def _edge_cases_on_demo(services) -> None:
    """The demo with its first round deferred (NRF held back) and a member gone."""
    acc = services.accreditation
    first = acc.find_round("2001/02")
    acc.set_outcome(first.id, Outcome.DEFERRED, D(2002, 9, 1), "Not yet")
    row = services.members.list_rows(D(2002, 6, 30), include_former=False)[0]
    member = services.members.get(row.id)
    services.members.update(replace(member, terms=(
        replace(member.terms[0], end=D(2002, 7, 1), reason_left="moved"),)))
