"""The accreditation pack read in plain SQL (db.reads): a file's pack loads no SQLAlchemy."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from lsp_desktop.db.reads import Reads, day
from lsp_desktop.domain.accreditation import (
    AssessmentRound,
    Concern,
    ConcernStatus,
    CriterionAssessment,
    CriterionInfo,
    Dialogue,
    EvidenceItem,
    EvidenceKind,
    Outcome,
    RoundKind,
    Weakness,
    nrf_consequence,
)
from lsp_desktop.domain.criteria import Criterion, Rating
from lsp_desktop.domain.errors import NotFoundError
from lsp_desktop.domain.members import balance
from lsp_desktop.domain.text import fold
from lsp_desktop.services import action_reads, print_reads, readiness_reads, strategy_reads
from lsp_desktop.services.register_rows import all_rows


def catalogue(reads: Reads) -> dict[Criterion, CriterionInfo]:
    """AccreditationService.catalogue(): the six criteria with the partnership's prompts."""
    from lsp_desktop.services.catalogue import default_catalogue

    own: dict[str, list[str]] = {}
    for crit, text in reads.rows("SELECT criterion, text FROM criterion_prompt "
                                 "ORDER BY position, id"):
        own.setdefault(crit, []).append(text)
    return {c: (replace(info, prompts=tuple(own[c.value]), customised=True)
                if c.value in own else info) for c, info in default_catalogue().items()}


def rounds(reads: Reads) -> list[AssessmentRound]:
    """AccreditationService.all_rounds(): every round in full, oldest first (by financial
    year, then as entered)."""
    weaknesses: dict[int, list[Weakness]] = {}
    for aid, text, action_id, carried, wid, version in reads.rows(
            "SELECT assessment_id, text, action_id, carried, id, version FROM weakness "
            "ORDER BY assessment_id, id"):
        weaknesses.setdefault(aid, []).append(Weakness(text, action_id, bool(carried), wid,
                                                       version=version))
    evidence: dict[int, list[EvidenceItem]] = {}
    for aid, title, kind, dated, ref, file_name, size, carried, eid, version in reads.rows(
            "SELECT assessment_id, title, kind, dated, reference, file_name, file_size, "
            "carried, id, version FROM evidence ORDER BY assessment_id, id"):
        evidence.setdefault(aid, []).append(EvidenceItem(
            title, EvidenceKind(kind), day(dated), ref, file_name, size, bool(carried), eid,
            version=version))
    criteria: dict[int, dict[str, CriterionAssessment]] = {}
    for (rid, aid, crit, rating, narrative, strengths, go_rating, go_comments, carried,
         version) in reads.rows(
            "SELECT round_id, id, criterion, rating, narrative, strengths, go_rating, "
            "go_comments, carried, version FROM criterion_assessment ORDER BY round_id, id"):
        criteria.setdefault(rid, {})[crit] = CriterionAssessment(
            Criterion(crit), Rating(rating), narrative, strengths, Rating(go_rating),
            go_comments, bool(carried), tuple(weaknesses.get(aid, ())),
            tuple(evidence.get(aid, ())), aid, version=version)
    dialogues: dict[int, list[Dialogue]] = {}
    for rid, held, with_whom, notes, did, version in reads.rows(
            "SELECT round_id, held_on, with_whom, notes, id, version FROM go_dialogue "
            "ORDER BY round_id, held_on, id"):
        dialogues.setdefault(rid, []).append(Dialogue(day(held), with_whom, notes, did,
                                                      version=version))
    concerns: dict[int, list[Concern]] = {}
    for rid, text, crit, status, action_id, cid, version in reads.rows(
            "SELECT round_id, text, criterion, status, action_id, id, version "
            "FROM area_of_concern ORDER BY round_id, id"):
        concerns.setdefault(rid, []).append(Concern(
            text, Criterion(crit) if crit else None, ConcernStatus(status), action_id, cid,
            version=version))
    out = []
    for (rid, name, kind, fy, participants, agreed, submitted, outcome, review, comments,
         carried_from, version) in reads.rows(
            "SELECT id, name, kind, financial_year, participants, agreed_on, submitted_on, "
            "outcome, review_date, go_comments, carried_from_id, version "
            "FROM assessment_round ORDER BY id"):
        own = criteria.get(rid, {})
        out.append(AssessmentRound(
            name, RoundKind(kind), fy, participants, day(agreed), day(submitted),
            Outcome(outcome), day(review), comments, carried_from,
            tuple(own.get(c.value) or CriterionAssessment(c) for c in Criterion),
            tuple(dialogues.get(rid, ())), tuple(concerns.get(rid, ())), rid,
            version=version))
    return sorted(out, key=lambda r: (r.financial_year or "9999", r.id))


def chosen_round(every: list[AssessmentRound], name: str) -> AssessmentRound | None:
    """The round called `name` (AccreditationService.find_round), else the latest."""
    if not name:
        return every[-1] if every else None
    key = fold(name)
    for r in every:
        if fold(r.name) == key or fold(r.financial_year) == key:
            return r
    known = ", ".join(r.name for r in every) or "none yet"
    raise NotFoundError(f"There is no assessment round called '{name}' (rounds: {known}).")


def pack_data(reads: Reads, round_name: str, today: date, lead_officer: str = "",
              annex: bool = True):
    """Everything the pack prints (services.printing's PackData), read in plain SQL."""
    from lsp_desktop.reports.pack import PackData

    partnership = print_reads.partnership(reads)
    every = rounds(reads)
    rnd = chosen_round(every, round_name)

    def held_back(fy: str) -> int:
        """NRF withheld for the year while an accreditation is deferred."""
        return sum(c.withheld or 0 for c in (nrf_consequence(r, partnership.nrf_allocations)
                                             for r in every)
                   if c is not None and c.financial_year == fy)

    register = all_rows(reads, today)
    rows = [r for r in register if r.current]
    actions = action_reads.list_actions(reads)
    summaries = strategy_reads.summaries(reads, on=today)
    targets = strategy_reads.targets(reads)
    # The signals are printed in the annex only.
    signals = () if rnd is None or not annex else readiness_reads.report(
        reads, rnd, today, held_back, actions=actions, summaries=summaries, targets=targets,
        rows=rows)
    members = [m for m in print_reads.register_members(reads) if m.is_current(today)]
    return PackData(
        partnership=partnership, today=today, round=rnd, members=members,
        balance=balance(rows, today), catalogue=catalogue(reads),
        readiness=signals, actions=actions,
        member_names={r.id: r.name for r in register}, strategies=summaries, targets=targets,
        lead_officer=lead_officer, annex=annex)
