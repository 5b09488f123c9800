"""Targets' dated values: read and save a target's series, statuses and the board's exceptions."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy import delete, select
from sqlalchemy.orm import Session, sessionmaker

from lsp_desktop.db.models import TargetPointRow, TargetRow
from lsp_desktop.domain.errors import NotFoundError, ValidationError
from lsp_desktop.domain.strategies import Target
from lsp_desktop.domain.target_series import (
    TargetPoint,
    latest_point,
    sorted_points,
    validate_points,
)
from lsp_desktop.services.concurrency import claim
from lsp_desktop.services.readiness_inputs import (  # noqa: F401 - TrackedTarget re-exported
    TrackedTarget,
    tracked,
)
from lsp_desktop.services.unit_of_work import unit_of_work


class TargetSeriesService:
    def __init__(self, session_factory: sessionmaker[Session], strategies):
        self._factory = session_factory
        self._strategies = strategies

    def points(self, target_id: int) -> list[TargetPoint]:
        with unit_of_work(self._factory) as s:
            return self._points(s, target_id)

    @staticmethod
    def _points(s: Session, target_id: int) -> list[TargetPoint]:
        return [TargetPoint(on, value, source, comparison, pid) for pid, on, value, source,
                comparison in s.execute(
                    select(TargetPointRow.id, TargetPointRow.measured_on, TargetPointRow.value,
                           TargetPointRow.source, TargetPointRow.comparison)
                    .where(TargetPointRow.target_id == target_id)
                    .order_by(TargetPointRow.measured_on, TargetPointRow.id))]

    def all_points(self) -> dict[int, list[TargetPoint]]:
        with unit_of_work(self._factory) as s:
            out: dict[int, list[TargetPoint]] = {}
            for tid, pid, on, value, source, comparison in s.execute(
                    select(TargetPointRow.target_id, TargetPointRow.id,
                           TargetPointRow.measured_on, TargetPointRow.value,
                           TargetPointRow.source, TargetPointRow.comparison)
                    .order_by(TargetPointRow.target_id, TargetPointRow.measured_on,
                              TargetPointRow.id)):
                out.setdefault(tid, []).append(TargetPoint(on, value, source, comparison, pid))
        return out

    def save_points(self, target_id: int, points: Sequence[TargetPoint],
                    version: int | None) -> Target:
        """Replace the target's series (all or none). The target's latest value and date
        follow the newest point. Refused if another officer saved the target since it was
        read at `version`; returns the target as saved (its new version)."""
        points = sorted_points(points)
        errors = validate_points(points)
        if errors:
            raise ValidationError(errors)
        with unit_of_work(self._factory) as s:
            row = s.get(TargetRow, target_id)
            if row is None:
                raise NotFoundError("That target no longer exists.")
            claim(row, version, f"The target “{row.indicator}”")
            s.execute(delete(TargetPointRow).where(TargetPointRow.target_id == target_id))
            for p in points:
                s.add(TargetPointRow(target_id=target_id, measured_on=p.measured_on,
                                     value=float(p.value), source=p.source.strip(),
                                     comparison=None if p.comparison is None
                                     else float(p.comparison)))
            newest = latest_point(points)
            if newest is not None:
                row.latest_value, row.latest_date = float(newest.value), newest.measured_on
                if newest.comparison is not None:
                    row.comparison_value = float(newest.comparison)
        return self._strategies.target(target_id)

    def add_point(self, target_id: int, point: TargetPoint, version: int | None) -> Target:
        """One more value (the import and the quick entry); same rules as save_points."""
        return self.save_points(target_id, self.points(target_id) + [point], version)

    def tracked(self, today: date | None = None) -> list[TrackedTarget]:
        today = today or date.today()
        return tracked(self._strategies.targets(), self.all_points(), today)
