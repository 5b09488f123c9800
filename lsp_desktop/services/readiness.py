"""Readiness service: gathers members, actions, strategies and the round, then the signals."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from lsp_desktop.db.models import DeclarationRow, MemberRecord
from lsp_desktop.domain.accreditation import AssessmentRound
from lsp_desktop.domain.readiness import CriterionReadiness, ReadinessInput, readiness
from lsp_desktop.services.readiness_inputs import (
    meetings_input,
    meetings_window,
    members_input,
    programme_input,
    series_input,
    series_statuses,
    strategies_input,
)
from lsp_desktop.services.unit_of_work import unit_of_work


class ReadinessService:
    """`report()` answers 'how ready are we?' per criterion; `actions`/`strategies` optional."""

    def __init__(self, session_factory: sessionmaker[Session], members, accreditation,
                 actions=None, strategies=None, meeting_records=None, programme=None,
                 target_series=None):
        self._factory = session_factory
        self._members = members
        self._accreditation = accreditation
        self._actions = actions
        self._strategies = strategies
        self._meeting_records = meeting_records
        self._programme = programme
        self._target_series = target_series

    def gather(self, rnd: AssessmentRound | None, today: date) -> ReadinessInput:
        rows = tuple(self._members.list_rows(today, include_former=False))
        with unit_of_work(self._factory) as s:
            people = members_input(
                rows, s.execute(select(DeclarationRow.member_id, DeclarationRow.declared_on,
                                       DeclarationRow.withdrawn_on)),
                s.execute(select(MemberRecord.id, MemberRecord.deputises_for_id)
                          .where(MemberRecord.deputises_for_id.is_not(None))), today)
        return ReadinessInput(
            today=today, assessment=rnd, **people,
            **self._actions_input(), **self._strategies_input(today),
            **self._meetings_input(rnd, today),
            **self._programme_input(today))

    def _meetings_input(self, rnd: AssessmentRound | None, today: date) -> dict:
        """Board attendance by sector and minuted decisions over the round's year."""
        if self._meeting_records is None:
            return {}
        since, until = meetings_window(rnd, today)
        record = self._meeting_records.attendance(since, until)
        decisions = self._meeting_records.decisions(since=since, until=until)
        board = self._meeting_records._meetings.board()
        held = [] if board.id is None else [
            r for r in self._meeting_records._meetings.list_rows(board.id, since, until)
            if r.status.value == "held"]
        return meetings_input(record, (r.quorate for r in held),
                              sum(1 for d in decisions if not d.inquorate))

    def _tracked(self, today: date) -> list:
        return [] if self._target_series is None else self._target_series.tracked(today)

    def _programme_input(self, today: date) -> dict:
        """Targets' recent values and the NRF spend (issue 22's feeds), where recorded."""
        out: dict = {}
        if self._target_series is not None:
            out.update(series_input(self._tracked(today)))
        if self._programme is not None:
            out.update(programme_input(lambda fy: self._programme.view("NRF", fy, today),
                                       today))
        return out

    def _actions_input(self) -> dict:
        if self._actions is None:
            return {}
        return {"actions": tuple(self._actions.list_actions())}

    def _strategies_input(self, today: date) -> dict:
        if self._strategies is None:
            return {}
        return strategies_input(tuple(self._strategies.summaries(on=today)),
                                self._strategies.targets(),
                                series_statuses(self._tracked(today)),
                                self._strategies.consultations(), self._strategies.sections,
                                today)

    def report(self, round_id: int | None = None, today: date | None = None
               ) -> tuple[AssessmentRound | None, list[CriterionReadiness]]:
        """The round (the latest by default) and each criterion's readiness."""
        rnd = (self._accreditation.get_round(round_id) if round_id is not None
               else self._accreditation.latest_round())
        return rnd, self.for_round(rnd, today)

    def for_round(self, rnd: AssessmentRound | None, today: date | None = None
                  ) -> list[CriterionReadiness]:
        """Readiness beside a round already loaded (the tab has it in hand)."""
        return readiness(self.gather(rnd, today or date.today()))
