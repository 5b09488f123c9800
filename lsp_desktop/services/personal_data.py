"""Personal data: subject access export, erasure of former members, the retention review."""

from __future__ import annotations

import csv
import json
from dataclasses import asdict, dataclass
from datetime import date, time
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy import func, insert, select, update
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from lsp_desktop.db import audit
from lsp_desktop.db.models import Base, ErasureRow, MemberRecord, PartnershipRow, TermRow
from lsp_desktop.domain.errors import DomainError, NotFoundError
from lsp_desktop.domain.members import Member
from lsp_desktop.domain.sheets import safe_cell
from lsp_desktop.domain.text import fold
from lsp_desktop.safe_files import atomic_write, check_target
from lsp_desktop.services.members import MembersService
from lsp_desktop.services.unit_of_work import unit_of_work

# Tables already shown as part of the member's own record.
_OWN = {"member", "term", "declaration", "erasure"}


@dataclass(frozen=True)
class RetentionRow:
    id: int
    name: str
    organisation: str
    last_term_end: date
    years_since: int


@dataclass(frozen=True)
class Erasure:
    member_id: int | None
    label: str
    erased_on: date
    erased_by: str


def _json_value(value):
    if isinstance(value, (date, time)):
        return value.isoformat()
    if isinstance(value, (bytes, bytearray, memoryview)):
        return f"<{len(bytes(value))} bytes>"
    return value


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:          # 29 February
        return day.replace(year=day.year - years, day=28)


def _text_columns(table: sa.Table) -> list[sa.Column]:
    return [c for c in table.columns if isinstance(c.type, (sa.String, sa.Text))]


class PersonalDataService:
    def __init__(self, session_factory: sessionmaker[Session]):
        self._factory = session_factory
        self._members = MembersService(session_factory)

    def _tables(self, s: Session) -> list[sa.Table]:
        present = set(sa.inspect(s.connection()).get_table_names())
        return [t for t in Base.metadata.sorted_tables if t.name in present]

    def find(self, name: str) -> Member:
        """The one member called `name` (or '#id'); a clear error if none or several."""
        name = name.strip()
        if name.startswith("#") and name[1:].isdigit():
            return self._members.get(int(name[1:]))
        key = fold(name)
        with unit_of_work(self._factory) as s:
            hits = [(mid, n, org) for mid, n, title, org in s.execute(select(
                MemberRecord.id, MemberRecord.name, MemberRecord.title, MemberRecord.organisation))
                if key in (fold(n), fold(f"{title} {n}"))]
        if not hits:
            raise NotFoundError(f"No member is called '{name}'.")
        if len(hits) > 1:
            which = "; ".join(f"#{mid} {n} ({org})" for mid, n, org in hits)
            raise DomainError(f"{len(hits)} members are called '{name}': {which}. "
                              "Give the one you mean as #id.")
        return self._members.get(hits[0][0])

    # -- subject access ----------------------------------------------------
    def subject_access(self, member_id: int) -> dict:
        """Everything held about one member: record, terms, declarations, linked records, mentions."""
        member = self._members.get(member_id)
        record = asdict(member)
        terms, declarations = record.pop("terms"), record.pop("declarations")
        linked: dict[str, list[dict]] = {}
        mentions: dict[str, list[dict]] = {}
        needles = {n for n in (member.name, member.email) if n and len(n) >= 3}
        with unit_of_work(self._factory) as s:
            for table in self._tables(s):
                if table.name in _OWN:
                    continue
                refs = [fk.parent for fk in table.foreign_keys if fk.column.table.name == "member"]
                if refs:
                    rows = s.execute(select(table).where(sa.or_(*(c == member_id for c in refs))))
                    found = [dict(r._mapping) for r in rows]
                    if found:
                        linked[table.name] = found
                texts = _text_columns(table)
                if texts and needles:
                    cond = sa.or_(*(func.lower(c).contains(n.lower(), autoescape=True)
                                    for c in texts for n in needles))
                    found = [dict(r._mapping) for r in s.execute(select(table).where(cond))]
                    if found:
                        mentions[table.name] = found
            notes_mention = [
                {"id": mid, "name": n, "notes": notes} for mid, n, notes in s.execute(
                    select(MemberRecord.id, MemberRecord.name, MemberRecord.notes)
                    .where(MemberRecord.id != member_id))
                if any(x.lower() in (notes or "").lower() for x in needles)]
            if notes_mention:
                mentions["member notes"] = notes_mention
            erased = [asdict(e) for e in self._erasures(s) if e.member_id == member_id]
        plain = json.loads(json.dumps({
            "subject": member.display_name,
            "produced_on": date.today().isoformat(),
            "record": record, "terms": terms, "declarations": declarations,
            "linked_records": linked, "mentions": mentions, "erasures": erased,
        }, default=_json_value))
        return plain

    def write_subject_access(self, member_id: int, path: Path | str, protect=()) -> Path:
        """JSON, a readable CSV (section, record, field, value) or a PDF, by the file's
        ending; readable by its owner only, never over a partnership (safe_files)."""
        path = check_target(path, protect)     # first: never over a partnership
        suffix = path.suffix.lower()
        if suffix not in (".json", ".csv", ".pdf"):
            raise DomainError("Write the subject access export as .json, .csv or .pdf.")
        data = self.subject_access(member_id)
        name = ""
        if suffix == ".pdf":
            with unit_of_work(self._factory) as s:
                name = s.scalar(select(PartnershipRow.name).order_by(PartnershipRow.id)) or ""
        with atomic_write(path, protect=protect) as tmp:
            if suffix == ".json":
                tmp.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n",
                               encoding="utf-8")
            elif suffix == ".csv":
                _write_subject_access_csv(tmp, data)
            else:
                from lsp_desktop.reports.subject_access import render_subject_access

                render_subject_access(data, name, tmp)
        return path

    # -- erasure -----------------------------------------------------------
    def _erasures(self, s: Session) -> list[Erasure]:
        return [Erasure(r.member_id, r.label, r.erased_on, r.erased_by)
                for r in s.scalars(select(ErasureRow).order_by(ErasureRow.id))]

    def erasures(self) -> list[Erasure]:
        with unit_of_work(self._factory) as s:
            return self._erasures(s)

    def erase(self, member_id: int, erased_by: str, today: date | None = None) -> Erasure:
        """Anonymise a former member everywhere, log it, then VACUUM so no trace stays in the file."""
        today = today or date.today()
        member = self._members.get(member_id)
        if any(t.end is None or t.end >= today for t in member.terms):
            raise DomainError(f"{member.display_name} is a current member (or has a term still "
                              "to run). Only former members can be erased: end their term first.")
        with unit_of_work(self._factory) as s:
            already = s.scalar(select(ErasureRow.id).where(ErasureRow.member_id == member_id))
        if already:
            self.compact()      # finishes an erasure whose compaction was held up
            raise DomainError(f"{member.name} has already been erased; the file has been "
                              "compacted again.")
        with unit_of_work(self._factory) as s:
            number = (s.scalar(select(func.count()).select_from(ErasureRow)) or 0) + 1
            label = f"Former member {number}"
            replacements = [(member.display_name, label), (member.name, label),
                            (member.name.upper(), label), (member.name.lower(), label),
                            (fold(member.name), fold(label))]
            replacements += [(x, "") for x in (member.email, member.phone, member.address) if x]
            replacements = [(old, new) for old, new in replacements if len(old) >= 3]
            # The erasure writes one line of its own; the old values never reach the trail.
            with audit.scrubbing(s):
                audit.scrub_member(s, member_id, label, replacements)
                s.execute(update(MemberRecord).where(MemberRecord.id == member_id).values(
                    name=label, title="", email="", phone="", address="", notes="",
                    given_names="", family_name=label,
                    publish_contact=False, version=MemberRecord.version + 1,
                    search_key=f"{fold(label)}  {fold(label)}  {fold(member.organisation)}"))
                for table in self._tables(s):
                    if table.name == "erasure":
                        continue
                    for column in _text_columns(table):
                        for old, new in replacements:
                            s.execute(update(table).where(column.contains(old, autoescape=True))
                                      .values({column.name: func.replace(column, old, new)}))
                s.execute(insert(ErasureRow).values(member_id=member_id, label=label,
                                                    erased_on=today, erased_by=erased_by.strip()))
            audit.record(s, "erase", "member", member_id, label,
                         {"personal data": [audit.ERASED, label]})
        self.compact()
        return Erasure(member_id, label, today, erased_by.strip())

    def compact(self) -> None:
        """VACUUM and empty the write-ahead log, so erased text survives in no free page."""
        engine = self._factory.kw["bind"]
        if engine.dialect.name != "sqlite":
            self._vacuum_server(engine)
            return
        engine.dispose()
        try:
            with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
                conn.exec_driver_sql("PRAGMA secure_delete=ON")
                conn.exec_driver_sql("PRAGMA busy_timeout=1500")
                conn.exec_driver_sql("VACUUM")
                busy = conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
        except OperationalError as exc:
            raise DomainError(
                "The erasure is saved, but the file could not be compacted, so the old text "
                f"may linger in unused space ({exc.orig}). Close other copies of LSP Desktop "
                "that have this partnership open, then erase again to compact it.") from None
        finally:
            engine.dispose()
        if busy:
            raise DomainError(
                "The erasure is saved, but another copy of LSP Desktop is reading this "
                "partnership, so the write-ahead log could not be emptied. Close it and "
                "erase again to finish.")

    @staticmethod
    def _vacuum_server(engine) -> None:
        """On a server, VACUUM frees the old row versions holding the erased text (its
        write-ahead log and backups are the database administrator's to expire)."""
        try:
            with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
                conn.exec_driver_sql("VACUUM")
        except OperationalError as exc:
            raise DomainError(
                "The erasure is saved, but the server's old copies of the rows could not be "
                f"cleared ({exc.orig}); ask the database administrator to VACUUM it.") from None

    # -- retention ---------------------------------------------------------
    def retention_years(self) -> int:
        with unit_of_work(self._factory) as s:
            years = s.scalar(select(PartnershipRow.retention_years).order_by(PartnershipRow.id))
        return years or 6

    def retention_review(self, today: date | None = None, years: int | None = None
                         ) -> list[RetentionRow]:
        """Former members, not yet erased, whose last term ended more than N years ago."""
        today = today or date.today()
        years = years or self.retention_years()
        cutoff = _years_before(today, years)
        with unit_of_work(self._factory) as s:
            erased = set(s.scalars(select(ErasureRow.member_id)))
            open_ids = set(s.scalars(select(TermRow.member_id).where(
                (TermRow.end_date.is_(None)) | (TermRow.end_date >= today))))
            rows = s.execute(select(MemberRecord.id, MemberRecord.title, MemberRecord.name,
                                    MemberRecord.organisation, func.max(TermRow.end_date))
                             .join(TermRow, TermRow.member_id == MemberRecord.id)
                             .group_by(MemberRecord.id)).all()
        out = []
        for mid, title, name, org, last in rows:
            if mid in erased or mid in open_ids or last is None or last >= cutoff:
                continue
            since = today.year - last.year - ((today.month, today.day) < (last.month, last.day))
            out.append(RetentionRow(mid, f"{title} {name}".strip(), org, last, since))
        return sorted(out, key=lambda r: r.last_term_end)


def _write_subject_access_csv(path: Path, data: dict) -> None:
    """Section, record, field, value: one line per value, text cells made safe for
    spreadsheets (see domain.sheets.safe_cell)."""
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh, lineterminator="\r\n")

        def row(*cells) -> None:
            w.writerow([safe_cell("" if c is None else c) for c in cells])

        row("section", "record", "field", "value")
        row("subject", "", "name", data["subject"])
        row("subject", "", "produced_on", data["produced_on"])
        for k, v in data["record"].items():
            row("record", "", k, v)
        for section in ("terms", "declarations", "erasures"):
            for i, item in enumerate(data[section], start=1):
                for k, v in item.items():
                    row(section, i, k, v)
        for section in ("linked_records", "mentions"):
            for table, items in data[section].items():
                for i, item in enumerate(items, start=1):
                    for k, v in item.items():
                        row(f"{section}: {table}", i, k, v)
