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
from lsp_desktop.domain.strategies import (
    StrategyStatus,
    StrategyType,
    TargetStatus,
    target_status,
)
from lsp_desktop.domain.text import fold
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
            **self._meetings_input(rnd, today),
            **self._programme_input(today))

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


    def _series_statuses(self, today: date) -> dict[int, TargetStatus]:
        """Each target's status from its series; "at risk" is not counted as off track
        (the recent-values signal names those)."""
        if self._target_series is None:
            return {}
        from lsp_desktop.domain.target_series import TrackStatus

        as_old = {TrackStatus.ON_TRACK: TargetStatus.ON_TRACK,
                  TrackStatus.AT_RISK: TargetStatus.ON_TRACK,
                  TrackStatus.OFF_TRACK: TargetStatus.OFF_TRACK,
                  TrackStatus.NO_DATA: TargetStatus.NO_DATA}
        return {t.target.id: as_old[t.status] for t in self._target_series.tracked(today)}

    def _programme_input(self, today: date) -> dict:
        """Targets' recent values and the NRF spend (issue 22's feeds), where recorded."""
        from lsp_desktop.domain.programme import financial_year_of
        from lsp_desktop.domain.readiness import ProgrammeFacts, SeriesFacts
        from lsp_desktop.domain.target_series import recent_since

        out: dict = {}
        if self._target_series is not None:
            out["target_series"] = tuple(
                SeriesFacts(t.target.indicator, t.recent, t.status.value)
                for t in self._target_series.tracked(today))
        if self._programme is not None:
            fy = financial_year_of(today)
            view = self._programme.view("NRF", fy, today)
            if not view.quarters_ended:         # early in a year: the year just ended
                from lsp_desktop.domain.programme import year_start

                fy = financial_year_of(year_start(fy).replace(year=year_start(fy).year - 1))
                view = self._programme.view("NRF", fy, today)
            if view.allocation:
                out["programme"] = ProgrammeFacts(fy, view.available, view.spent_to_date,
                                                  view.profile_to_date,
                                                  view.forecast_underspend, recent_since(today))
        return out

    def _actions_input(self) -> dict:
        if self._actions is None:
            return {}
        return {"actions": tuple(self._actions.list_actions())}

    def _strategies_input(self, today: date) -> dict:
        if self._strategies is None:
            return {}
        summaries = tuple(self._strategies.summaries(on=today))
        series = self._series_statuses(today)
        targets = tuple(TargetFacts(t.indicator, t.baseline_value is not None,
                                    t.latest_value is not None,
                                    series.get(t.id) or target_status(t, today))
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
