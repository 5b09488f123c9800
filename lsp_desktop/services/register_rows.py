"""The Members tab's rows: its first screenful at once, then the whole register held lean."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import collate, func, select
from sqlalchemy.orm import Session, sessionmaker

from lsp_desktop.db.models import MemberRecord, TermRow
from lsp_desktop.domain.members import Balance, MemberRow, balance_of_groups
from lsp_desktop.services.unit_of_work import unit_of_work

_M, _T = MemberRecord, TermRow


@dataclass(frozen=True)
class FirstPage:
    """What the register's first paint needs, as on a date: the first `limit` current
    members in name order, how many are current and in all, and the board's balance."""

    rows: list[MemberRow]
    current: int
    total: int
    balance: Balance

    @property
    def complete(self) -> bool:
        """True when `rows` are every current member (a small partnership)."""
        return len(self.rows) >= self.current


def _serving(on: date):
    return (_T.start_date <= on) & (_T.end_date.is_(None) | (_T.end_date >= on))


def first_page(factory: sessionmaker[Session], on: date, limit: int) -> FirstPage:
    """The current board's first `limit` members by name (the register's opening view),
    read with the index on the search key; counts and balance by SQL aggregates. A few
    milliseconds whatever the partnership's size."""
    with unit_of_work(factory) as s:
        key = _M.search_key
        if s.get_bind().dialect.name == "postgresql":
            key = collate(key, "C")     # code-point order, as Python sorts the full list
        # Members in search-key order (its index), each checked for a term that day: the
        # first `limit` found end the scan.
        serving = select(_T.id).where(_T.member_id == _M.id, _serving(on)).exists()
        page = s.execute(
            select(_M.id, _M.title, _M.name, _M.organisation, _M.sector, _M.category, _M.role,
                   _M.publish_contact, _M.search_key)
            .where(serving).order_by(key, _M.id).limit(limit)).all()
        terms = {mid: (start, end) for mid, start, end in s.execute(
            select(_T.member_id, _T.start_date, _T.end_date)
            .where(_T.member_id.in_([p[0] for p in page]), _serving(on)))}
        groups = s.execute(
            select(_M.sector, _M.category, _M.role, func.count())
            .join(_T, _T.member_id == _M.id).where(_serving(on))
            .group_by(_M.sector, _M.category, _M.role)).all()
        total = s.scalar(select(func.count()).select_from(_M)) or 0
    rows = [MemberRow(mid, f"{title} {name}" if title else name, org, sector, category, role,
                      *terms[mid], True, bool(published), key)
            for mid, title, name, org, sector, category, role, published, key in page]
    counts = {(sector, category, role): n for sector, category, role, n in groups}
    return FirstPage(rows, sum(counts.values()), total, balance_of_groups(counts, on))


def all_rows(factory: sessionmaker[Session], on: date) -> list[MemberRow]:
    """Every member's register row as on `on`, in name order: as MembersService.list_rows,
    but held lean for 50,000 rows in the window. The strings members share (body, sector,
    category, role) and the term dates are one object each, not one per member."""
    day = on.isoformat()
    shared: dict = {}
    share = shared.setdefault
    days: dict[str, date] = {}
    rows: list[MemberRow] = []
    add = rows.append

    def as_date(text: str | None) -> date | None:
        if text is None:
            return None
        value = days.get(text)
        if value is None:
            value = days[text] = date.fromisoformat(text)
        return value

    def emit(member: tuple, shown: tuple | None, current: bool) -> None:
        mid, title, name, org, sector, category, role, published, key = member
        start, end = shown or (None, None)
        add(MemberRow(mid, f"{title} {name}" if title else name, share(org, org),
                      share(sector, sector), share(category, category), share(role, role),
                      as_date(start), as_date(end), current, bool(published), key,
                      starts_later=not current and start is not None and start > day))

    with unit_of_work(factory) as s:
        # Dates as ISO text on every engine, compared as text: the hot loop stays plain.
        # In name order (code points, as Python sorts), so the rows and their search keys
        # are made, and lie in memory, in the order the register is read and searched:
        # a search of 50,000 keys scattered in memory is several times slower.
        collate = ' COLLATE "C"' if s.get_bind().dialect.name == "postgresql" else ""
        result = s.connection().exec_driver_sql(
            "SELECT m.id, m.title, m.name, m.organisation, m.sector, m.category, m.role, "
            "m.publish_contact, m.search_key, CAST(t.start_date AS VARCHAR(10)), "
            "CAST(t.end_date AS VARCHAR(10)) "
            "FROM member AS m LEFT JOIN term AS t ON t.member_id = m.id "
            f"ORDER BY m.search_key{collate}, m.id, t.start_date")
        last_id = None
        member: tuple = ()
        shown: tuple | None = None
        first: tuple | None = None
        current = False
        for chunk in result.partitions(4096):
            for mid, title, name, org, sector, category, role, published, key, start, end \
                    in chunk:
                if mid != last_id:
                    if last_id is not None:
                        emit(member, shown, current)
                    last_id = mid
                    member = (mid, title, name, org, sector, category, role, published, key)
                    shown, current, first = None, False, (start, end)
                # The term shown: the one running that day, else the latest begun by
                # then, else the first (as MembersService.list_rows shows it).
                if start is None or current:
                    continue
                if start <= day and (end is None or day <= end):
                    shown, current = (start, end), True
                elif start <= day:
                    shown = (start, end)
                elif shown is None:
                    shown = first
        if last_id is not None:
            emit(member, shown, current)
    rows.sort(key=_by_search_key)
    return rows


def _by_search_key(row: MemberRow) -> str:
    return row.search_key
