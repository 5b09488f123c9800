"""Strategies read in plain SQL (db.reads), and their summaries' folding, shared with the ORM's."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from lsp_desktop.db.reads import Reads, day
from lsp_desktop.domain.strategies import (
    ConsultationEvent,
    Section,
    Strategy,
    StrategyStatus,
    StrategySummary,
    StrategyType,
    Target,
    empty_components,
)


def summaries_of(strategies: Iterable[Strategy], sections: dict[int, tuple[Section, ...]],
                 versions: Iterable[tuple[int, int, str]], ever_saved: set[int],
                 targets: dict[int, int], endorsements: Iterable[tuple[int, int, str]],
                 on: date | None) -> list[StrategySummary]:
    """One line per strategy (in the order given), from its sections, its versions
    ((strategy id, number, status) saved by `on`), the strategies ever saved, its target
    count and its endorsements ((strategy id, version number, body) made by `on`, by body).
    With `on`: each as it stood that day; a strategy first saved later is left out."""
    counts: dict[int, int] = {}
    status_then: dict[int, tuple] = {}
    for sid, number, status in versions:
        counts[sid] = counts.get(sid, 0) + 1
        if sid not in status_then or number > status_then[sid][0]:
            status_then[sid] = (number, status)
    endorsed: dict[int, tuple[int, list[str]]] = {}
    for sid, number, body in endorsements:
        best = endorsed.get(sid)
        if best is None or number > best[0]:
            endorsed[sid] = (number, [body])
        elif number == best[0]:
            best[1].append(body)
    result = []
    for strategy in strategies:
        sid = strategy.id
        status = strategy.status
        if on is not None and sid in status_then:
            status = StrategyStatus(status_then[sid][1])
        elif on is not None and sid in ever_saved:
            continue        # its first version came later: not written yet then
        result.append(StrategySummary(
            sid, strategy.type, strategy.title, strategy.period, status, strategy.lead_officer,
            counts.get(sid, 0), empty_components(sections.get(sid, ()), strategy.type),
            targets.get(sid, 0), tuple(endorsed.get(sid, (0, []))[1])))
    return result


def summaries(reads: Reads, on: date | None = None) -> list[StrategySummary]:
    """StrategiesService.summaries(on=on), read in plain SQL."""
    strategies = [Strategy(StrategyType(kind), title, period, StrategyStatus(status), lead,
                           sid, version=version)
                  for sid, kind, title, period, status, lead, version in reads.rows(
                      "SELECT id, type, title, period, status, lead_officer, version "
                      "FROM strategy ORDER BY id")]
    by_strategy: dict[int, list[Section]] = {}
    for sid, section in _sections(reads):
        by_strategy.setdefault(sid, []).append(section)
    when = {} if on is None else {"on": reads.date_param(on)}
    versions = reads.rows("SELECT strategy_id, number, status FROM strategy_version"
                          + ("" if on is None else " WHERE created_on <= :on"), **when)
    endorsements = reads.rows(
        "SELECT strategy_id, version_number, body FROM endorsement"
        + ("" if on is None else " WHERE endorsed_on IS NULL OR endorsed_on <= :on")
        + " ORDER BY body", **when)
    ever_saved = {sid for (sid,) in reads.rows("SELECT DISTINCT strategy_id FROM strategy_version")}
    targets = dict(reads.rows("SELECT strategy_id, COUNT(*) FROM target GROUP BY strategy_id"))
    return summaries_of(strategies, {k: tuple(v) for k, v in by_strategy.items()}, versions,
                        ever_saved, targets, endorsements, on)


def _sections(reads: Reads, strategy_id: int | None = None):
    where = "" if strategy_id is None else " WHERE strategy_id = :sid"
    for sid, title, body, expected, position, xid, component, version in reads.rows(
            "SELECT strategy_id, title, body, expected, position, id, component, version "
            f"FROM strategy_section{where} ORDER BY strategy_id, position, id",
            **({} if strategy_id is None else {"sid": strategy_id})):
        yield sid, Section(title, body, bool(expected), position, xid, component,
                           version=version)


def sections(reads: Reads, strategy_id: int) -> tuple[Section, ...]:
    """A strategy's draft sections in order, as StrategiesService.sections() gives them."""
    return tuple(section for _sid, section in _sections(reads, strategy_id))


def targets(reads: Reads) -> list[Target]:
    """Every target, by strategy, as StrategiesService.targets() gives them."""
    return [Target(sid, theme, indicator, baseline, day(baseline_on), target, day(target_on),
                   latest, day(latest_on), source, lead, comparison, label, hood, tid,
                   version=version)
            for (sid, theme, indicator, baseline, baseline_on, target, target_on, latest,
                 latest_on, source, lead, comparison, label, hood, tid, version) in reads.rows(
                "SELECT strategy_id, theme, indicator, baseline_value, baseline_date, "
                "target_value, target_date, latest_value, latest_date, data_source, "
                "lead_partner, comparison_value, comparison_label, neighbourhood_id, id, "
                "version FROM target ORDER BY strategy_id, id")]


def consultations(reads: Reads) -> list[ConsultationEvent]:
    """The consultation log, as StrategiesService.consultations() gives it."""
    return [ConsultationEvent(event, day(start), day(end), reached, number, responses,
                              summary, sid, cid, version=version)
            for event, start, end, reached, number, responses, summary, sid, cid, version
            in reads.rows("SELECT event, start_date, end_date, reached, number_reached, "
                          "responses, summary, strategy_id, id, version FROM consultation "
                          "ORDER BY start_date, id")]
