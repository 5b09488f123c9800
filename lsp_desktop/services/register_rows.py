"""The Members tab's rows: its first screenful at once, then the whole register held lean."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from lsp_desktop.db.reads import Reads
from lsp_desktop.db.reads import day as column_day
from lsp_desktop.domain.members import Balance, MemberRow, balance_of_groups
from lsp_desktop.services.member_listing import folded, name_order, serving_on
from lsp_desktop.services.print_reads import reading


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


class RegisterRows:
    """The Members tab's reads of its rows, in plain SQL (db.reads): a file is read by
    sqlite3, so the window's first paint loads no SQLAlchemy; a server through its engine.
    `reads`: the file's reads (Database.reads), None to read through `session_factory`."""

    def __init__(self, session_factory, reads: Callable[[], Reads] | None = None):
        self._factory = session_factory
        self._reads = reads

    def count(self) -> int:
        """How many members the register holds, former ones included."""
        with reading(self._factory, self._reads) as r:
            return r.rows("SELECT COUNT(*) FROM member")[0][0] or 0

    def first_page(self, on: date, limit: int) -> FirstPage:
        with reading(self._factory, self._reads) as r:
            return first_page(r, on, limit)

    def window_rows(self, on: date) -> list[MemberRow]:
        with reading(self._factory, self._reads) as r:
            return all_rows(r, on)


_SERVING = serving_on("on")


def first_page(reads: Reads, on: date, limit: int) -> FirstPage:
    """The current board's first `limit` members by name (the register's opening view),
    read with the index on the search key; counts and balance by SQL aggregates. A few
    milliseconds whatever the partnership's size."""
    day_on = reads.date_param(on)
    # Members in search-key order (its index), each checked for a term that day: the
    # first `limit` found end the scan.
    page = reads.rows(
        "SELECT m.id, m.title, m.name, m.organisation, m.sector, m.category, m.role, "
        "m.publish_contact, m.search_key FROM member AS m WHERE EXISTS (SELECT t.id FROM "
        f"term AS t WHERE t.member_id = m.id AND {_SERVING}) "
        f"ORDER BY m.search_key{name_order(reads)}, m.id LIMIT :limit",
        on=day_on, limit=limit)
    ids = {f"m{i}": p[0] for i, p in enumerate(page)}
    terms = {}
    if ids:
        terms = {mid: (column_day(start), column_day(end)) for mid, start, end in reads.rows(
            "SELECT t.member_id, t.start_date, t.end_date FROM term AS t "
            f"WHERE t.member_id IN ({', '.join(':' + k for k in ids)}) AND {_SERVING}",
            on=day_on, **ids)}
    groups = reads.rows(
        "SELECT m.sector, m.category, m.role, COUNT(*) FROM member AS m "
        f"JOIN term AS t ON t.member_id = m.id WHERE {_SERVING} "
        "GROUP BY m.sector, m.category, m.role", on=day_on)
    total = reads.rows("SELECT COUNT(*) FROM member")[0][0] or 0
    rows = [MemberRow(mid, f"{title} {name}" if title else name, org, sector, category, role,
                      *terms[mid], True, bool(published), key)
            for mid, title, name, org, sector, category, role, published, key in page]
    counts = {(sector, category, role): n for sector, category, role, n in groups}
    return FirstPage(rows, sum(counts.values()), total, balance_of_groups(counts, on))


def all_rows(reads: Reads, on: date) -> list[MemberRow]:
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

    # In name order, so the rows and their search keys are made, and lie in memory, in
    # the order the register is read and searched: a search of 50,000 keys scattered in
    # memory is several times slower.
    for member, shown, current in folded(reads, day, by_name=True):
        emit(member, shown, current)
    rows.sort(key=_by_search_key)
    return rows


def _by_search_key(row: MemberRow) -> str:
    return row.search_key
