"""Readiness service: gathers members, actions, strategies and the round, then the signals."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from lsp_desktop.db.models import DeclarationRow, MemberRecord
from lsp_desktop.domain.accreditation import AssessmentRound
from lsp_desktop.domain.readiness import (
    CriterionReadiness,
    ReadinessInput,
    TargetFacts,
    readiness,
)
from lsp_desktop.domain.strategies import StrategyStatus, StrategyType, target_status
from lsp_desktop.domain.text import fold
from lsp_desktop.services.unit_of_work import unit_of_work


class ReadinessService:
    """`report()` answers 'how ready are we?' per criterion; `actions`/`strategies` optional."""

    def __init__(self, session_factory: sessionmaker[Session], members, accreditation,
                 actions=None, strategies=None, meeting_records=None):
        self._factory = session_factory
        self._members = members
        self._accreditation = accreditation
        self._actions = actions
        self._strategies = strategies
        self._meeting_records = meeting_records

    def gather(self, rnd: AssessmentRound | None, today: date) -> ReadinessInput:
        rows = tuple(self._members.list_rows(today, include_former=False))
        current = {r.id for r in rows if r.current}
        with unit_of_work(self._factory) as s:
            # Declarations in force on the date: made by then and not yet withdrawn.
            declared = frozenset(
                mid for mid, made, withdrawn in s.execute(
                    select(DeclarationRow.member_id, DeclarationRow.declared_on,
                           DeclarationRow.withdrawn_on))
                if (made is None or made <= today) and (withdrawn is None or withdrawn >= today))
            substitutes: dict[int, list[int]] = {}
            for sub_id, for_id in s.execute(
                    select(MemberRecord.id, MemberRecord.deputises_for_id)
                    .where(MemberRecord.deputises_for_id.is_not(None))):
                if sub_id in current:
                    substitutes.setdefault(for_id, []).append(sub_id)
        return ReadinessInput(
            today=today, members=rows, declared_member_ids=declared,
            substitutes={k: tuple(v) for k, v in substitutes.items()}, assessment=rnd,
            **self._actions_input(), **self._strategies_input(today),
            **self._meetings_input(rnd, today))

    def _meetings_input(self, rnd: AssessmentRound | None, today: date) -> dict:
        """Board attendance by sector and minuted decisions over the round's year."""
        if self._meeting_records is None:
            return {}
        from lsp_desktop.domain.meetings import financial_year, year_of

        try:
            since, until = financial_year(rnd.financial_year if rnd and rnd.financial_year
                                          else year_of(today))
        except ValueError:
            since, until = financial_year(year_of(today))
        record = self._meeting_records.attendance(since, until)
        decisions = self._meeting_records.decisions(since=since, until=until)
        board = self._meeting_records._meetings.board()
        held = [] if board.id is None else [
            r for r in self._meeting_records._meetings.list_rows(board.id, since, until)
            if r.status.value == "held"]
        return {"board_attendance": record,
                "quorate_meetings": (sum(1 for r in held if r.quorate), len(held)),
                "decisions": sum(1 for d in decisions if not d.inquorate)}

    def _actions_input(self) -> dict:
        if self._actions is None:
            return {}
        return {"actions": tuple(self._actions.list_actions())}

    def _strategies_input(self, today: date) -> dict:
        if self._strategies is None:
            return {}
        summaries = tuple(self._strategies.summaries(on=today))
        targets = tuple(TargetFacts(t.indicator, t.baseline_value is not None,
                                    t.latest_value is not None, target_status(t, today))
                        for t in self._strategies.targets())
        consultations = tuple(e.start or e.end for e in self._strategies.consultations()
                              if e.start or e.end)
        written = False
        for summary in summaries:
            if summary.type != StrategyType.NEIGHBOURHOOD_RENEWAL or \
                    summary.status == StrategyStatus.SUPERSEDED:
                continue
            written = written or any(
                fold(sec.title).startswith("learningplan") and sec.body.strip()
                for sec in self._strategies.sections(summary.id))
        return {"strategies": summaries, "targets": targets, "consultations": consultations,
                "learning_plan_written": written}

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
