"""Partnership details: read and update the single partnership record of a file."""

from __future__ import annotations

from sqlalchemy import delete, select
from sqlalchemy.orm import Session, sessionmaker

from lsp_desktop.db.models import NrfAllocationRow, PartnershipRow
from lsp_desktop.domain.errors import ValidationError
from lsp_desktop.domain.partnership import Partnership, validate_partnership
from lsp_desktop.services.concurrency import claim
from lsp_desktop.services.unit_of_work import unit_of_work


class PartnershipService:
    def __init__(self, session_factory: sessionmaker[Session]):
        self._factory = session_factory

    def get(self) -> Partnership:
        with unit_of_work(self._factory) as s:
            row = s.scalar(select(PartnershipRow).order_by(PartnershipRow.id))
            if row is None:
                return Partnership(name="Untitled partnership")
            allocations = {a.financial_year: a.amount for a in s.scalars(
                select(NrfAllocationRow).where(NrfAllocationRow.partnership_id == row.id)
                .order_by(NrfAllocationRow.financial_year))}
            return Partnership(row.name, row.council_area, row.go_region, row.nrf_area,
                               allocations, row.retention_years, version=row.version,
                               opens_on=row.opens_on)

    def opens_on(self):
        """The date the window should open at (the as-at date), or None for today."""
        return self.get().opens_on

    def ping(self) -> None:
        """Reach the database (ConnectionLostError when a server cannot be reached)."""
        with unit_of_work(self._factory) as s:
            s.execute(select(1))

    def save(self, details: Partnership) -> Partnership:
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
