"""The audit trail for reading: the log, a record's history, who is recorded. No edits."""

from __future__ import annotations

import json

import sqlalchemy as sa
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from lsp_desktop.db import audit
from lsp_desktop.db.models import AuditRow
from lsp_desktop.domain.audit import AuditFilter, AuditLine, FieldChange
from lsp_desktop.services.unit_of_work import unit_of_work


def _line(row: AuditRow) -> AuditLine:
    try:
        data = json.loads(row.changes) if row.changes else {}
    except ValueError:
        data = {"changes": [None, row.changes]}
    changes = tuple(FieldChange(k, *(v if isinstance(v, list) and len(v) == 2 else [None, v]))
                    for k, v in data.items())
    return AuditLine(row.id, row.at, row.officer, row.os_user, row.action, row.record_type,
                     row.record_id, row.label, changes, row.owner_type, row.owner_id)


class AuditService:
    """Reads the trail; the lines themselves are written by lsp_desktop.db.audit."""

    def __init__(self, session_factory: sessionmaker[Session]):
        self._factory = session_factory

    # -- who is writing ----------------------------------------------------
    def _context(self) -> audit.AuditContext | None:
        return audit.context_of(self._factory.kw.get("bind"))

    def set_officer(self, name: str) -> None:
        """The officer's name (from the settings) recorded on every change from now on."""
        context = self._context()
        if context is not None:
            context.officer = (name or "").strip()
            context.officer_source = None

    def follow_officer(self, source) -> None:
        """Take the officer's name from `source()` at each save (the app's settings)."""
        context = self._context()
        if context is not None:
            context.officer_source = source

    def officer(self) -> str:
        context = self._context()
        return context.current_officer() if context else ""

    # -- reading -----------------------------------------------------------
    def lines(self, flt: AuditFilter | None = None, limit: int | None = None) -> list[AuditLine]:
        """Lines matching the filter, newest first."""
        flt = flt or AuditFilter()
        t = AuditRow
        stmt = select(t)
        if flt.record_type:
            if flt.record_id is not None:
                own = (t.record_type == flt.record_type) & (t.record_id == flt.record_id)
                if flt.with_children:
                    own = own | ((t.owner_type == flt.record_type)
                                 & (t.owner_id == flt.record_id))
                stmt = stmt.where(own)
            else:
                stmt = stmt.where(t.record_type == flt.record_type)
        if flt.who:
            stmt = stmt.where((t.officer == flt.who) | (t.os_user == flt.who))
        if flt.since is not None:
            stmt = stmt.where(t.at >= flt.since)
        if flt.until is not None:
            stmt = stmt.where(t.at < flt.until)
        if flt.text.strip():
            needle = flt.text.strip()
            stmt = stmt.where(sa.or_(t.label.icontains(needle, autoescape=True),
                                     t.changes.icontains(needle, autoescape=True),
                                     t.officer.icontains(needle, autoescape=True)))
        stmt = stmt.order_by(t.id.desc())     # the order they were written, newest first
        if limit:
            stmt = stmt.limit(limit)
        with unit_of_work(self._factory) as s:
            return [_line(r) for r in s.scalars(stmt)]

    def history(self, record_type: str, record_id: int) -> list[AuditLine]:
        """Everything that happened to one record and the records that belong to it."""
        return self.lines(AuditFilter(record_type=record_type, record_id=record_id))

    def count(self) -> int:
        with unit_of_work(self._factory) as s:
            return s.scalar(select(func.count()).select_from(AuditRow)) or 0

    def record_types(self) -> list[str]:
        with unit_of_work(self._factory) as s:
            return sorted(s.scalars(select(AuditRow.record_type).distinct()))

    def people(self) -> list[str]:
        """Every officer's name and system user recorded, for the log's filter."""
        with unit_of_work(self._factory) as s:
            names = set(s.scalars(select(AuditRow.officer).distinct()))
            names |= set(s.scalars(select(AuditRow.os_user).distinct()))
        return sorted((n for n in names if n), key=str.casefold)
