"""Text longer than a field keeps is refused the same way on both engines, naming the field."""

from __future__ import annotations

from datetime import date

import pytest

from lsp_desktop.domain.errors import ValidationError
from lsp_desktop.domain.exchange import ImportProblems
from lsp_desktop.domain.members import MEMBER_LIMITS, Member, Sector, Term
from lsp_desktop.domain.strategies import Strategy, StrategyType


def _member(**kw) -> Member:
    return Member(name="Ann Example", sector=Sector.PUBLIC, terms=(Term(date(2001, 4, 1)),), **kw)


def test_a_member_at_the_limit_is_kept_whole(services):
    org = "Ł" * MEMBER_LIMITS["organisation"]
    saved = services.members.add(_member(organisation=org))
    assert services.members.get(saved.id).organisation == org


def test_a_member_over_the_limit_is_refused_naming_the_field(services):
    with pytest.raises(ValidationError) as info:
        services.members.add(_member(organisation="x" * 201))
    assert [(e.field, e.message) for e in info.value.errors] == [
        ("organisation", "Organisation is too long: at most 200 characters (this has 201).")]
    assert services.members.count() == 0


def test_an_import_row_over_the_limit_names_row_and_column(services, tmp_path):
    path = tmp_path / "m.csv"
    path.write_text("name,organisation,sector,start_date\nAnn,Body,public,2001-04-01\n"
                    f"Bob,{'y' * 250},public,2001-04-01\n", encoding="utf-8")
    with pytest.raises(ImportProblems) as info:
        services.exchange.import_members(path)
    assert [str(p) for p in info.value.problems if not p.notice] == [
        "row 3, column B (organisation): Organisation is too long: at most 200 characters "
        "(this has 250)."]
    assert services.members.count() == 0


def test_every_record_is_guarded_even_without_a_domain_limit(services):
    with pytest.raises(ValidationError) as info:
        services.strategies.create(Strategy(StrategyType.COMMUNITY, "t" * 301, "2002-2012"))
    assert info.value.errors[0].field == "title"
    assert "at most 300 characters (this has 301)" in str(info.value)
    assert services.strategies.strategies() == []
