"""The register read in plain SQL (db.reads): each member with the term shown on a day."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from lsp_desktop.db.reads import Reads

# Dates as ISO text on every engine: the hot loops compare them as text.
_SELECT = ("SELECT m.id, m.title, m.name, m.organisation, m.sector, m.category, m.role, "
           "m.publish_contact, m.search_key, CAST(t.start_date AS VARCHAR(10)), "
           "CAST(t.end_date AS VARCHAR(10)) ")


def serving_on(param: str) -> str:
    """SQL true when term `t` runs on the day bound as `param` (a member serving then)."""
    return f"t.start_date <= :{param} AND (t.end_date IS NULL OR t.end_date >= :{param})"


def name_order(reads: Reads) -> str:
    """The search key's code-point order, as Python sorts the full list."""
    return ' COLLATE "C"' if reads.dialect == "postgresql" else ""


def folded(reads: Reads, day: str, member_id: int | None = None,
           by_name: bool = False) -> Iterator[tuple[tuple, tuple | None, bool]]:
    """Each member's columns (id, title, name, organisation, sector, category, role,
    contact published, search key), with the term shown on `day` (ISO text) as (start,
    end) ISO text or None, and whether it is current then. The term shown: the one running
    that day, else the latest begun by then, else the first. By id, or `by_name` in the
    search key's order (rows made in the order the register is read lie so in memory)."""
    where = "" if member_id is None else "WHERE m.id = :member_id "
    order = f"m.search_key{name_order(reads)}, m.id" if by_name else "m.id"
    last_id = None
    member: tuple = ()
    shown: tuple | None = None
    current = False
    first: tuple | None = None
    # Read in slices, not all at once: the raw rows never all sit in memory.
    for chunk in reads.chunks(
            f"{_SELECT}FROM member AS m LEFT JOIN term AS t ON t.member_id = m.id "
            f"{where}ORDER BY {order}, t.start_date", 4096,
            **({} if member_id is None else {"member_id": member_id})):
        for mid, title, name, org, sector, category, role, published, key, start, end \
                in chunk:
            if mid != last_id:
                if last_id is not None:
                    yield member, shown, current
                last_id = mid
                member = (mid, title, name, org, sector, category, role, published, key)
                shown, current, first = None, False, (start, end)
            if start is None or current:
                continue
            if start <= day and (end is None or day <= end):
                shown, current = (start, end), True
            elif start <= day:
                shown = (start, end)       # the latest term begun by then
            elif shown is None:
                shown = first
    if last_id is not None:
        yield member, shown, current


def listing(reads: Reads, on: date, include_former: bool = True) -> list[tuple]:
    """The register as plain tuples for a listing, in name order: (name, organisation,
    sector, category, role, term start, term end as ISO text or None, status, contact
    published). No row objects or date parsing: `members --format csv` on 50,000 members."""
    if not include_former:
        return _current(reads, on)
    day = on.isoformat()
    keyed = []
    add = keyed.append
    for (_mid, title, name, org, sector, category, role, published, _key), shown, current \
            in folded(reads, day, by_name=True):
        start, end = shown or (None, None)
        status = ("current" if current else
                  "future" if start is not None and start > day else "former")
        add((f"{title} {name}" if title else name, org, sector, category, role, start, end,
             status, bool(published)))
    return keyed


def _current(reads: Reads, on: date) -> list[tuple]:
    """listing() of the members serving on `on` only: the database picks their running
    term (terms never overlap), so former members are never read."""
    lines = []
    add = lines.append
    last_id = None
    for chunk in reads.chunks(
            f"{_SELECT}FROM member AS m JOIN term AS t ON t.member_id = m.id "
            f"WHERE {serving_on('day')} "
            f"ORDER BY m.search_key{name_order(reads)}, m.id, t.start_date", 4096,
            day=reads.date_param(on)):
        for mid, title, name, org, sector, category, role, published, _key, start, end \
                in chunk:
            if mid == last_id:
                continue
            last_id = mid
            add((f"{title} {name}" if title else name, org, sector, category, role, start,
                 end, "current", bool(published)))
    return lines
