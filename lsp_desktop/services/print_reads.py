"""What the prints and the window's first paint read, in plain SQL: a file's loads no ORM."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from lsp_desktop.db.reads import Reads, day
from lsp_desktop.domain.members import Declaration, Member, Role, Sector, Term
from lsp_desktop.domain.partnership import Partnership


def partnership(reads: Reads) -> Partnership:
    """The partnership's details, as PartnershipService.get() gives them."""
    rows = reads.rows("SELECT id, name, council_area, go_region, nrf_area, retention_years, "
                      "version, opens_on FROM partnership ORDER BY id LIMIT 1")
    if not rows:
        return Partnership(name="Untitled partnership")
    pid, name, council, region, nrf, retention, version, opens_on = rows[0]
    allocations = {year: amount for year, amount in reads.rows(
        "SELECT financial_year, amount FROM nrf_allocation WHERE partnership_id = :pid "
        "ORDER BY financial_year", pid=pid)}
    return Partnership(name, council, region, bool(nrf), allocations, retention,
                       version=version, opens_on=day(opens_on))


def register_members(reads: Reads) -> list[Member]:
    """Every member with terms and contact details, in the register's order (by family
    name), read in two flat queries."""
    terms: dict[int, list[Term]] = {}
    for mid, start, end, reason in reads.rows(
            "SELECT member_id, start_date, end_date, reason_left FROM term "
            "ORDER BY member_id, start_date"):
        terms.setdefault(mid, []).append(Term(day(start), day(end), reason))
    rows = reads.rows(
        "SELECT id, title, name, organisation, sector, category, role, nominating_body, "
        "email, phone, address, publish_contact, deputises_for_id FROM member "
        "ORDER BY search_key")
    return [Member(id=mid, title=title, name=name, organisation=org, sector=Sector(sector),
                   category=category, role=Role(role), nominating_body=nominating,
                   email=email, phone=phone, address=address, publish_contact=bool(published),
                   terms=tuple(terms.get(mid, ())), deputises_for_id=deputy_for)
            for mid, title, name, org, sector, category, role, nominating, email, phone,
            address, published, deputy_for in rows]


def declarations(reads: Reads) -> dict[int, list[Declaration]]:
    """Every member's declarations of interest, by member id, in the order made."""
    found: dict[int, list[Declaration]] = {}
    for mid, did, interest, body, declared, withdrawn in reads.rows(
            "SELECT member_id, id, interest, body, declared_on, withdrawn_on FROM declaration "
            "ORDER BY id"):
        found.setdefault(mid, []).append(Declaration(interest, body, day(declared),
                                                     day(withdrawn), did))
    return found


@contextmanager
def reading(factory, reads: Callable[[], Reads] | None) -> Iterator[Reads]:
    """Plain SQL reads: `reads()` when given (a file, read by the standard library's
    sqlite3: no SQLAlchemy), else through the session factory's engine in one unit of
    work (its errors mapped as every service's are)."""
    if reads is not None:
        with reads() as r:
            yield r
        return
    from lsp_desktop.db.reads import engine_reads
    from lsp_desktop.services.unit_of_work import unit_of_work

    with unit_of_work(factory) as s:
        yield engine_reads(s.connection())
