"""Members register: list the board on a date, add, edit, end terms, delete and restore."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session, joinedload, selectinload, sessionmaker

from lsp_desktop.db.models import DeclarationRow, MemberRecord, TermRow
from lsp_desktop.domain.errors import DomainError, NotFoundError, ValidationError
from lsp_desktop.domain.members import (
    Balance,
    Declaration,
    Member,
    MemberRow,
    Role,
    Sector,
    Term,
    balance,
    search_key,
    validate_member,
)
from lsp_desktop.services.concurrency import claim
from lsp_desktop.services.member_listing import folded, listing
from lsp_desktop.services.member_search import find_members, member_on
from lsp_desktop.services.print_reads import reading
from lsp_desktop.services.register_rows import FirstPage, RegisterRows
from lsp_desktop.services.unit_of_work import unit_of_work

# A member's row with its terms and declarations in one SELECT (an edit reads all three).
_WITH_CHILDREN = (joinedload(MemberRecord.terms), joinedload(MemberRecord.declarations))


def _to_domain(row: MemberRecord) -> Member:
    return Member(
        id=row.id, title=row.title, name=row.name, organisation=row.organisation,
        sector=Sector(row.sector), category=row.category, role=Role(row.role),
        deputises_for_id=row.deputises_for_id, nominating_body=row.nominating_body,
        email=row.email, phone=row.phone, address=row.address,
        publish_contact=row.publish_contact, notes=row.notes,
        given_names=row.given_names or "", family_name=row.family_name or "",
        terms=tuple(Term(t.start_date, t.end_date, t.reason_left, t.id) for t in row.terms),
        declarations=tuple(Declaration(d.interest, d.body, d.declared_on, d.withdrawn_on, d.id)
                           for d in row.declarations),
        version=row.version,
    )


def _apply(row: MemberRecord, m: Member, keep_ids: bool = False) -> None:
    """Copy `m` onto `row`; `keep_ids`: children take their old ids back (restore)."""
    row.title = m.title.strip()
    row.name = m.name.strip()
    row.given_names = m.given_names.strip()
    row.family_name = m.family_name.strip()
    row.search_key = search_key(m)
    row.organisation = m.organisation.strip()
    row.sector = m.sector.value
    row.category = m.category
    row.role = m.role.value
    row.deputises_for_id = m.deputises_for_id
    row.nominating_body = m.nominating_body.strip()
    row.email = m.email.strip()
    row.phone = m.phone.strip()
    row.address = m.address.strip()
    row.publish_contact = m.publish_contact
    row.notes = m.notes
    _keep_children(row.terms, sorted(m.terms, key=lambda t: t.start), TermRow, _term_values,
                   lambda t: t.start, lambda r: r.start_date, keep_ids)
    _keep_children(row.declarations, list(m.declarations), DeclarationRow, _declaration_values,
                   lambda d: d.interest.strip(), lambda r: r.interest, keep_ids)


def _term_values(t: Term) -> dict:
    return {"start_date": t.start, "end_date": t.end, "reason_left": t.reason_left}


def _declaration_values(d: Declaration) -> dict:
    return {"interest": d.interest, "body": d.body, "declared_on": d.declared_on,
            "withdrawn_on": d.withdrawn_on}


def _keep_children(rows: list, wanted: list, row_type, values, key, row_key,
                   keep_ids: bool) -> None:
    """Make `rows` (a member's terms or declarations) say `wanted`, changing the rows in
    place: a term edited keeps its identity, so its history is one record, not a delete
    and an insert per save. Matched by id, else by start date / interest."""
    by_id = {r.id: r for r in rows if r.id is not None}
    unmatched = list(rows)
    plan = []
    for item in wanted:
        row = by_id.get(item.id) if item.id is not None else None
        if row is not None and row in unmatched:
            unmatched.remove(row)
        else:
            row = None
        plan.append([item, row])
    for entry in plan:
        if entry[1] is None:
            entry[1] = next((r for r in unmatched if row_key(r) == key(entry[0])), None)
            if entry[1] is not None:
                unmatched.remove(entry[1])
    for r in unmatched:
        rows.remove(r)
    for item, row in plan:
        if row is None:
            row = row_type(id=item.id) if keep_ids and item.id is not None else row_type()
            rows.append(row)
        for name, value in values(item).items():
            if getattr(row, name) != value:
                setattr(row, name, value)


def _saved(row: MemberRecord) -> Member:
    """The member as get() would read it back, from `row` just flushed: its children in
    the order the relationships give (terms by start, declarations by id), not the order
    _apply left them in."""
    m = _to_domain(row)
    return replace(m, terms=tuple(sorted(m.terms, key=lambda t: t.start)),
                   declarations=tuple(sorted(m.declarations, key=lambda d: d.id)))


def _by_search_key(row: MemberRow) -> str:
    return row.search_key


class MembersService:
    def __init__(self, session_factory: sessionmaker[Session], reads=None):
        self._factory = session_factory
        self._reads = reads                     # a file's plain-SQL reads (db.reads)
        self._register = RegisterRows(session_factory, reads)

    # -- reading ---------------------------------------------------------
    def list_rows(self, on: date | None = None, include_former: bool = True) -> list[MemberRow]:
        """The register as on `on` (today by default): one row per member, terms folded in,
        in name order.

        One plain SQL query, dates compared as ISO text: this is the hot path that fills
        the Members tab (50,000 members in well under a second).
        """
        on = on or date.today()
        rows = self._rows(on)
        if not include_former:
            rows = [r for r in rows if r.current]
        rows.sort(key=_by_search_key)       # by name, as the register is read
        return rows

    def window_rows(self, on: date) -> list[MemberRow]:
        """`list_rows(on)` for the Members tab: every row, held lean (register_rows)."""
        return self._register.window_rows(on)

    def first_page(self, on: date, limit: int) -> FirstPage:
        """The Members tab's first paint: its first `limit` current rows, counts, balance."""
        return self._register.first_page(on, limit)

    def row(self, member_id: int, on: date | None = None) -> MemberRow:
        """One member's register row as on `on` (to show a saved edit without a reload)."""
        rows = self._rows(on or date.today(), member_id)
        if not rows:
            raise NotFoundError(f"Member {member_id} no longer exists.")
        return rows[0]

    def _rows(self, on: date, member_id: int | None = None) -> list[MemberRow]:
        day = on.isoformat()
        row = self._row
        return [row(member, shown, current, day)
                for member, shown, current in self._folded(day, member_id)]

    def listing(self, on: date | None = None, include_former: bool = True) -> list[tuple]:
        """`list_rows` as plain tuples for a listing, in the same order (member_listing)."""
        with reading(self._factory, self._reads) as r:
            return listing(r, on or date.today(), include_former)

    def _folded(self, day: str, member_id: int | None = None):
        """Each member's columns, the term shown on `day` and whether current then."""
        with reading(self._factory, self._reads) as r:
            yield from folded(r, day, member_id)

    @staticmethod
    def _row(member: tuple, shown: tuple | None, current: bool, day: str) -> MemberRow:
        mid, title, name, org, sector, category, role, published, key = member
        start, end = shown or (None, None)
        return MemberRow(mid, f"{title} {name}" if title else name, org, sector, category,
                         role, date.fromisoformat(start) if start else None,
                         date.fromisoformat(end) if end else None, current, bool(published), key,
                         starts_later=not current and start is not None and start > day)

    def get(self, member_id: int) -> Member:
        with unit_of_work(self._factory) as s:
            row = s.get(MemberRecord, member_id, options=[
                selectinload(MemberRecord.terms), selectinload(MemberRecord.declarations)])
            if row is None:
                raise NotFoundError(f"Member {member_id} no longer exists.")
            return _to_domain(row)

    def all_members(self) -> list[Member]:
        with unit_of_work(self._factory) as s:
            rows = s.scalars(select(MemberRecord).options(
                selectinload(MemberRecord.terms), selectinload(MemberRecord.declarations))
                .order_by(MemberRecord.search_key)).all()
            return [_to_domain(r) for r in rows]

    def find_serving(self, typed: str, on: date | None = None, limit: int = 50,
                     exclude: int | None = None) -> list[tuple[int, str]]:
        """(id, name as the register shows it) of the first `limit` members serving on
        `on` whose title and name hold `typed`, case and accents ignored, in the register's
        order, but `exclude`: whom a substitute may deputise for, asked as one types."""
        with unit_of_work(self._factory) as s:
            rows = find_members(s, typed, on or date.today(), limit, ("title", "name"),
                                exclude=exclude)
        return [(mid, f"{title} {name}" if title else name)
                for mid, title, name, _org, _serving in rows]

    def name_on(self, member_id: int, on: date | None = None) -> tuple[str, bool] | None:
        """A member's name as the register shows it and whether they serve on `on`; None
        if deleted."""
        with unit_of_work(self._factory) as s:
            row = member_on(s, member_id, on or date.today())
        if row is None:
            return None
        _mid, title, name, _org, serving = row
        return (f"{title} {name}" if title else name), serving

    def current_ids(self, on: date | None = None, among: set[int] | None = None) -> set[int]:
        on = on or date.today()
        query = select(TermRow.member_id).where(
            TermRow.start_date <= on, (TermRow.end_date.is_(None)) | (TermRow.end_date >= on))
        if among is not None:
            query = query.where(TermRow.member_id.in_(among))
        with unit_of_work(self._factory) as s:
            return set(s.scalars(query))

    def balance(self, on: date | None = None) -> Balance:
        on = on or date.today()
        return balance(self.list_rows(on, include_former=False), on)

    def count(self) -> int:
        with unit_of_work(self._factory) as s:
            return s.scalar(select(func.count()).select_from(MemberRecord)) or 0

    # -- changing --------------------------------------------------------
    def validate(self, member: Member) -> None:
        current = None      # only a substitute's deputy must be serving: ask about that one
        if member.role == Role.SUBSTITUTE and member.deputises_for_id is not None:
            current = self.current_ids(among={member.deputises_for_id})
        errors = validate_member(member, current)
        if errors:
            raise ValidationError(errors)

    def add(self, member: Member) -> Member:
        self.validate(member)
        with unit_of_work(self._factory) as s:
            row = MemberRecord()
            _apply(row, member)
            s.add(row)
            s.flush()
            new_id = row.id
        return self.get(new_id)

    def update(self, member: Member) -> Member:
        if member.id is None:
            raise DomainError("Cannot update a member that was never saved.")
        self.validate(member)
        with unit_of_work(self._factory) as s:
            row = s.get(MemberRecord, member.id, options=_WITH_CHILDREN)
            if row is None:
                raise NotFoundError(f"{member.name} no longer exists.")
            claim(row, member.version, f"The member {member.name}")
            _apply(row, member)
            s.flush()
            return _saved(row)

    def end_term(self, member_id: int, end: date, reason: str = "") -> Member:
        member = self.get(member_id)
        open_terms = [t for t in member.terms if t.end is None or t.end > end]
        current = next((t for t in open_terms if t.start <= end), None)
        if current is None:
            raise DomainError(f"{member.name} has no term running on {end:%d/%m/%Y} to end.")
        terms = tuple(replace(t, end=end, reason_left=reason) if t is current else t
                      for t in member.terms)
        return self.update(member.with_changes(terms=terms))

    def delete(self, member_id: int) -> Member:
        """Delete a member; returns the record as it was, so the deletion can be undone."""
        snapshot = self.get(member_id)
        with unit_of_work(self._factory) as s:
            s.delete(s.get(MemberRecord, member_id))
        return snapshot

    def restore(self, member: Member) -> Member:
        """Put back a deleted member under its old id (undo of delete or of add)."""
        with unit_of_work(self._factory) as s:
            if member.id is not None and s.get(MemberRecord, member.id) is not None:
                raise DomainError(f"{member.name} already exists.")
            row = MemberRecord(id=member.id)
            _apply(row, member, keep_ids=True)
            s.add(row)
            s.flush()
            new_id = row.id
        return self.get(new_id)

    def add_many(self, members: list[Member]) -> list[int]:
        """Insert many members in one unit of work (demo, import); all or none."""
        current = None
        ids = []
        with unit_of_work(self._factory) as s:
            for m in members:
                errors = validate_member(m, current)
                if errors:
                    raise ValidationError(errors)
                row = MemberRecord()
                _apply(row, m)
                s.add(row)
                s.flush()
                ids.append(row.id)
        return ids
