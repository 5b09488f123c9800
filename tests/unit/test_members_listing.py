"""The members listing's light path gives exactly what the register rows give."""

from __future__ import annotations

import io
from datetime import date

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from lsp_desktop.cli.common import print_rows
from lsp_desktop.domain.members import Member, Role, Sector, Term

HEADERS = ["name", "organisation", "sector", "category", "role", "term_start", "term_end",
           "status", "contact_published"]


def _from_rows(services, on, include_former):
    """The listing as the command built it before: from the register's row objects."""
    return [(r.name, r.organisation, r.sector, r.category, r.role, r.term_start, r.term_end,
             r.status, r.publish_contact)
            for r in services.members.list_rows(on, include_former=include_former)]


def _text(rows, fmt):
    out = io.StringIO()
    print_rows(HEADERS, rows, fmt, out)
    return out.getvalue()


@pytest.mark.parametrize("on", [date(2000, 1, 1), date(2002, 1, 1), date(2002, 6, 30),
                                date(2010, 1, 1)])
@pytest.mark.parametrize("include_former", [True, False])
def test_listing_prints_what_the_register_rows_print(demo_services, on, include_former):
    old = _from_rows(demo_services, on, include_former)
    new = demo_services.members.listing(on, include_former=include_former)
    assert len(new) == len(old)
    assert new or not include_former     # the demo's members are all listed with --all
    for fmt in ("csv", "json", "table"):
        assert _text(new, fmt) == _text(old, fmt)


terms = st.lists(st.tuples(st.dates(date(2000, 1, 1), date(2004, 12, 31)),
                           st.one_of(st.none(), st.integers(0, 900))), min_size=0, max_size=3)


@settings(max_examples=15, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(people=st.lists(st.tuples(st.sampled_from(["", "Ms", "Dr"]),
                                 st.sampled_from(["Ann Ōsaka", "Bob", "ann osaka", "Çem"]),
                                 terms, st.booleans()), min_size=1, max_size=6),
       on=st.dates(date(1999, 6, 1), date(2005, 6, 1)))
@example(people=[("", "Ann Ōsaka", [(date(2000, 1, 1), None), (date(2000, 1, 1), 0)], False)],
         on=date(2000, 1, 1))      # two terms starting the same day, one open-ended
def test_listing_matches_rows_for_any_terms(services, people, on):
    from datetime import timedelta

    for m in services.members.all_members():
        services.members.delete(m.id)
    for title, name, spans, published in people:
        ordered, last_end = [], None
        # By start, an open-ended span first: sorted() cannot compare None with a number
        # when two spans start on the same day.
        for start, days in sorted(spans, key=lambda s: (s[0], -1 if s[1] is None else s[1])):
            if last_end is not None and start <= last_end:
                continue                          # terms never overlap
            end = None if days is None else start + timedelta(days=days)
            ordered.append(Term(start, end))
            last_end = end if end is not None else date.max
        services.members.add(Member(name=name, title=title, sector=Sector.COMMUNITY,
                                    role=Role.MEMBER, publish_contact=published,
                                    terms=tuple(ordered)))
    for include_former in (True, False):
        old = _from_rows(services, on, include_former)
        new = services.members.listing(on, include_former=include_former)
        assert _text(new, "csv") == _text(old, "csv")
        assert _text(new, "json") == _text(old, "json")
