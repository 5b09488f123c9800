"""Change notices (PostgreSQL NOTIFY): sent once per committed write, never on rollback or
for reads, marked as one's own; nothing at all for a partnership file."""

from __future__ import annotations

import select
from datetime import date

import pytest

from lsp_desktop.db.database import open_partnership
from lsp_desktop.domain.errors import ConnectionLostError, ValidationError
from lsp_desktop.domain.members import Member, Sector, Term
from lsp_desktop.services import build_services


def _member(name: str) -> Member:
    return Member(name=name, sector=Sector.COMMUNITY, terms=(Term(date(2001, 1, 1)),))


def _wait(subscription, seconds: float = 2.0) -> list:
    select.select([subscription.fileno()], [], [], seconds)
    return subscription.changes()


@pytest.mark.sqlite_only("about a partnership file, which has no change notices")
def test_a_file_partnership_sends_and_hears_nothing(services):
    assert not services.changes.available
    with pytest.raises(ConnectionLostError):
        services.changes.subscribe()


def test_committed_writes_are_announced_once_and_marked_own(pg_url_db):
    mine, theirs = open_partnership(pg_url_db), open_partnership(pg_url_db)
    try:
        me = build_services(mine.session_factory, mine.path, shared=True)
        other = build_services(theirs.session_factory, theirs.path, shared=True)
        subscription = me.changes.subscribe()
        try:
            other.members.add(_member("Ann Example"))
            changes = _wait(subscription)
            assert len(changes) == 1 and not changes[0].own
            assert {"member", "term"} <= changes[0].tables
            me.members.add(_member("Bob Example"))
            assert [c.own for c in _wait(subscription)] == [True]
            # Reads and refused saves send nothing.
            other.members.list_rows()
            with pytest.raises(ValidationError):
                other.members.add(Member(name="", sector=Sector.PUBLIC))
            assert _wait(subscription, 0.3) == []
        finally:
            subscription.close()
    finally:
        mine.close()
        theirs.close()


def test_a_rolled_back_transaction_is_not_announced(pg_url_db):
    from sqlalchemy import text

    from lsp_desktop.services.unit_of_work import unit_of_work

    mine, theirs = open_partnership(pg_url_db), open_partnership(pg_url_db)
    try:
        subscription = build_services(mine.session_factory, mine.path,
                                      shared=True).changes.subscribe()
        try:
            with pytest.raises(RuntimeError), unit_of_work(theirs.session_factory) as s:
                s.execute(text("UPDATE partnership SET name = 'half-written'"))
                raise RuntimeError("stop before commit")
            assert _wait(subscription, 0.3) == []
        finally:
            subscription.close()
    finally:
        mine.close()
        theirs.close()
