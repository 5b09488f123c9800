"""A shared partnership opened read-only: the server itself refuses every write."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import text

from lsp_desktop.db.database import open_partnership
from lsp_desktop.domain.errors import ReadOnlyError
from lsp_desktop.domain.members import Member, Sector, Term
from lsp_desktop.services import build_services
from lsp_desktop.services.unit_of_work import unit_of_work


def test_every_transaction_is_read_only_on_the_server(pg_url_db):
    db = open_partnership(pg_url_db, read_only=True)
    try:
        assert db.read_only and db.shared
        services = build_services(db.session_factory, db.path, shared=True)
        with pytest.raises(ReadOnlyError, match="read-only"):
            services.members.add(Member(name="Ann Example", sector=Sector.COMMUNITY,
                                        terms=(Term(date(2001, 1, 1)),)))
        # Even SQL that bypasses the services cannot write.
        with pytest.raises(ReadOnlyError):
            with unit_of_work(db.session_factory) as s:
                s.execute(text("UPDATE partnership SET name = 'changed'"))
        with db.engine.connect() as conn:
            assert conn.execute(text("SHOW transaction_read_only")).scalar() == "on"
        assert services.members.count() == 0
    finally:
        db.close()
