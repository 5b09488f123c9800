"""Partnership details: read and update the single partnership record of a file."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from lsp_desktop.domain.errors import ValidationError
from lsp_desktop.domain.partnership import Partnership, validate_partnership
from lsp_desktop.services.print_reads import partnership as read_partnership
from lsp_desktop.services.print_reads import reading

if TYPE_CHECKING:
    from sqlalchemy.orm import Session, sessionmaker

    from lsp_desktop.db.reads import Reads


class PartnershipService:
    """Reads in plain SQL (a file's by sqlite3, no SQLAlchemy: the window's title and
    opening date before its first paint); saves through the ORM, audited."""

    def __init__(self, session_factory: sessionmaker[Session],
                 reads: Callable[[], Reads] | None = None):
        self._factory = session_factory
        self._reads = reads

    def get(self) -> Partnership:
        with reading(self._factory, self._reads) as r:
            return read_partnership(r)

    def opens_on(self):
        """The date the window should open at (the as-at date), or None for today."""
        return self.get().opens_on

    def ping(self) -> None:
        """Reach the database (ConnectionLostError when a server cannot be reached)."""
        from sqlalchemy import select

        from lsp_desktop.services.unit_of_work import unit_of_work

        with unit_of_work(self._factory) as s:
            s.execute(select(1))

    def save(self, details: Partnership) -> Partnership:
        from sqlalchemy import delete, select

        from lsp_desktop.db.models import NrfAllocationRow, PartnershipRow
        from lsp_desktop.services.concurrency import claim
        from lsp_desktop.services.unit_of_work import unit_of_work

        errors = validate_partnership(details)
        if errors:
            raise ValidationError(errors)
        with unit_of_work(self._factory) as s:
            row = s.scalar(select(PartnershipRow).order_by(PartnershipRow.id))
            if row is None:
                row = PartnershipRow(id=1)
                s.add(row)
            else:
                claim(row, details.version, "The partnership details")
            row.name = details.name.strip()
            row.council_area = details.council_area.strip()
            row.go_region = details.go_region
            row.nrf_area = details.nrf_area
            row.retention_years = details.retention_years
            row.opens_on = details.opens_on
            row.notes = row.notes or ""
            s.flush()
            s.execute(delete(NrfAllocationRow).where(NrfAllocationRow.partnership_id == row.id))
            for year, amount in sorted(details.nrf_allocations.items()):
                s.add(NrfAllocationRow(partnership_id=row.id, financial_year=year, amount=amount))
        return self.get()
