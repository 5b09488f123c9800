"""Members found by typing part of a name: the first few matches read from SQL, not the register."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from sqlalchemy import Date, bindparam, text
from sqlalchemy.orm import Session

from lsp_desktop.domain.text import fold
from lsp_desktop.services.member_listing import serving_on

KEY_LENGTH = 400            # the search key column keeps this many characters
FIRST_PAGE = 64             # rows read at first; each further page is 8 times larger

_SERVING = f"EXISTS (SELECT 1 FROM term AS t WHERE t.member_id = m.id AND {serving_on('day')})"


class _Params(dict):
    """Bound values by name, each text once."""

    def __call__(self, value: str) -> str:
        for name, old in self.items():
            if old == value:
                return f":{name}"
        name = f"p{len(self)}"
        self[name] = value
        return f":{name}"


def may_hold(needle: str, p: _Params, few: int = 8) -> str:
    """SQL true for every member whose folded title, name and body run together hold
    `needle` (and for a few more, which the caller tells apart). The search key holds each
    of the three folded whole, as words apart, in another order: the needle lies inside
    one of them, or runs across one or two of their edges. Then a part of it ends a word
    and the rest begins one; across two edges the middle is a whole word (the name). One
    third of the needle lies inside a word whatever the case: checked first, it is cheap.
    Plain LIKE: the key and the needle are lower-case letters and digits on every engine."""
    k = "m.search_key"
    size = -(-len(needle) // 3)
    thirds = " OR ".join(f"{k} LIKE {p('%' + needle[i:i + size] + '%')}"
                         for i in range(0, len(needle), size))

    def begins(word: str) -> str:
        return f"({k} LIKE {p('% ' + word + '%')} OR {k} LIKE {p(word + '%')})"

    across = [f"{k} LIKE {p('%' + needle + '%')}"]
    for i in range(1, len(needle)):
        rest = [begins(needle[i:])]
        if len(needle) <= few:
            rest += [f"(({k} LIKE {p('% ' + needle[i:j] + ' %')} OR "
                     f"{k} LIKE {p(needle[i:j] + ' %')}) AND {k} LIKE {p('% ' + needle[j:] + '%')})"
                     for j in range(i + 1, len(needle))]
        across.append(f"({k} LIKE {p('%' + needle[:i] + ' %')} AND ({' OR '.join(rest)}))")
    if len(needle) > few:
        across.append("m.title <> ''")      # across both edges: only with a title
    return f"({thirds}) AND ({' OR '.join(across)})"


def find_members(session: Session, typed: str, on: date, limit: int,
                 fields: Iterable[str] = ("title", "name", "organisation"),
                 keep: int | None = None, exclude: int | None = None) -> list[tuple]:
    """(id, title, name, organisation, serving on `on`) of the first `limit` members serving
    on `on` whose `fields` run together and folded hold fold(`typed`), in the register's
    order (search key, id); `keep` (a member already chosen) comes too wherever it falls,
    serving or not and matching or not; `exclude` never. Each keystroke reads a few rows."""
    needle = fold(typed)
    if not needle or limit <= 0:
        return []
    fields = tuple(fields)
    p = _Params()
    where = (f"(({may_hold(needle, p)} OR length(m.search_key) >= {KEY_LENGTH}) "
             f"AND {_SERVING})")
    params = dict(p)
    if keep is not None:
        where = f"({where} OR m.id = :keep)"
        params["keep"] = keep
    if exclude is not None:
        where += " AND m.id <> :exclude"
        params["exclude"] = exclude
    found: list[tuple] = []
    after = ""
    page = max(limit * 2, FIRST_PAGE)
    while len(found) < limit:
        rows = session.execute(text(
            f"SELECT m.id, m.title, m.name, m.organisation, m.search_key, {_SERVING} "
            f"FROM member AS m WHERE {where}{after} ORDER BY m.search_key, m.id LIMIT :page"
        ).bindparams(bindparam("day", type_=Date)), {**params, "day": on, "page": page}).all()
        for mid, title, name, org, _key, serving in rows:
            values = {"title": title, "name": name, "organisation": org}
            if mid == keep or needle in fold("".join(values[f] or "" for f in fields)):
                found.append((mid, title, name, org, bool(serving)))
                if len(found) == limit:
                    break
        if len(rows) < page:
            break
        last = rows[-1]
        after = " AND (m.search_key > :last_key OR (m.search_key = :last_key AND m.id > :last_id))"
        params.update(last_key=last[4], last_id=last[0])
        page = min(page * 8, 4096)
    return found


def member_on(session: Session, member_id: int, on: date) -> tuple | None:
    """(id, title, name, organisation, serving on `on`) of one member, or None if deleted."""
    row = session.execute(text(
        f"SELECT m.id, m.title, m.name, m.organisation, {_SERVING} FROM member AS m "
        "WHERE m.id = :member_id").bindparams(bindparam("day", type_=Date)),
        {"member_id": member_id, "day": on}).first()
    return None if row is None else (*row[:4], bool(row[4]))
