"""Accreditation rounds: prompts, self-assessment, evidence files, GO review, comparisons."""

from __future__ import annotations

import tempfile
from dataclasses import replace
from datetime import date
from pathlib import Path

from sqlalchemy import delete, select
from sqlalchemy.orm import Session, selectinload, sessionmaker

from lsp_desktop.db.models import (
    AssessmentRoundRow,
    ConcernRow,
    CriterionAssessmentRow,
    CriterionPromptRow,
    DialogueRow,
    EvidenceFileRow,
    EvidenceRow,
    WeaknessRow,
)
from lsp_desktop.domain.accreditation import (
    AssessmentRound,
    ComparisonLine,
    Concern,
    ConcernStatus,
    CriterionAssessment,
    CriterionInfo,
    Dialogue,
    EvidenceItem,
    EvidenceKind,
    NrfConsequence,
    Outcome,
    RoundKind,
    RoundSummary,
    Weakness,
    compare_ratings,
    nrf_consequence,
    validate_evidence,
    validate_round,
)
from lsp_desktop.domain.criteria import Criterion, Rating
from lsp_desktop.domain.errors import DomainError, FieldError, NotFoundError, ValidationError
from lsp_desktop.domain.text import fold
from lsp_desktop.services.attachments import drop_unused_files
from lsp_desktop.services.attachments import read_attachment as _read_attachment
from lsp_desktop.services.catalogue import default_catalogue
from lsp_desktop.services.concurrency import claim
from lsp_desktop.services.unit_of_work import unit_of_work

_ROUND_LOAD = (
    selectinload(AssessmentRoundRow.criteria).selectinload(CriterionAssessmentRow.weaknesses),
    selectinload(AssessmentRoundRow.criteria).selectinload(CriterionAssessmentRow.evidence),
    selectinload(AssessmentRoundRow.dialogues),
    selectinload(AssessmentRoundRow.concerns),
)


def _evidence(e: EvidenceRow) -> EvidenceItem:
    return EvidenceItem(e.title, EvidenceKind(e.kind), e.dated, e.reference, e.file_name,
                        e.file_size, e.carried, e.id, version=e.version)


def _assessment(a: CriterionAssessmentRow) -> CriterionAssessment:
    return CriterionAssessment(
        Criterion(a.criterion), Rating(a.rating), a.narrative, a.strengths, Rating(a.go_rating),
        a.go_comments, a.carried,
        tuple(Weakness(w.text, w.action_id, w.carried, w.id, version=w.version)
              for w in a.weaknesses),
        tuple(_evidence(e) for e in a.evidence), a.id, version=a.version)


def _round(r: AssessmentRoundRow) -> AssessmentRound:
    by_criterion = {a.criterion: a for a in r.criteria}
    criteria = tuple(_assessment(by_criterion[c.value]) if c.value in by_criterion
                     else CriterionAssessment(c) for c in Criterion)
    return AssessmentRound(
        r.name, RoundKind(r.kind), r.financial_year, r.participants, r.agreed_on,
        r.submitted_on, Outcome(r.outcome), r.review_date, r.go_comments, r.carried_from_id,
        criteria,
        tuple(Dialogue(d.held_on, d.with_whom, d.notes, d.id, version=d.version)
              for d in r.dialogues),
        tuple(Concern(c.text, Criterion(c.criterion) if c.criterion else None,
                      ConcernStatus(c.status), c.action_id, c.id, version=c.version)
              for c in r.concerns),
        r.id, version=r.version)


def _round_order(r) -> tuple:
    return (r.financial_year or "9999", r.id)


class AccreditationService:
    """Reads and changes assessment rounds; `actions` (ActionsService) turns findings into actions."""

    def __init__(self, session_factory: sessionmaker[Session], partnership=None, actions=None):
        self._factory = session_factory
        self._partnership = partnership
        self._actions = actions

    # -- catalogue -------------------------------------------------------
    def catalogue(self) -> dict[Criterion, CriterionInfo]:
        """The six criteria with the partnership's prompts (the defaults where unchanged)."""
        defaults = default_catalogue()
        with unit_of_work(self._factory) as s:
            own: dict[str, list[str]] = {}
            for crit, text in s.execute(select(CriterionPromptRow.criterion, CriterionPromptRow.text)
                                        .order_by(CriterionPromptRow.position,
                                                  CriterionPromptRow.id)):
                own.setdefault(crit, []).append(text)
        return {c: (replace(info, prompts=tuple(own[c.value]), customised=True)
                    if c.value in own else info) for c, info in defaults.items()}

    def set_prompts(self, criterion: Criterion, prompts: list[str]) -> CriterionInfo:
        cleaned = [p.strip() for p in prompts if p.strip()]
        if not cleaned:
            raise ValidationError([FieldError("prompts", "Keep at least one prompt, or reset "
                                                         "to the defaults.")])
        with unit_of_work(self._factory) as s:
            s.execute(delete(CriterionPromptRow).where(
                CriterionPromptRow.criterion == criterion.value))
            for i, text in enumerate(cleaned):
                s.add(CriterionPromptRow(criterion=criterion.value, position=i, text=text))
        return self.catalogue()[criterion]

    def reset_prompts(self, criterion: Criterion | None = None) -> None:
        """Back to the shipped prompts for one criterion, or for all six."""
        with unit_of_work(self._factory) as s:
            stmt = delete(CriterionPromptRow)
            if criterion is not None:
                stmt = stmt.where(CriterionPromptRow.criterion == criterion.value)
            s.execute(stmt)

    # -- rounds ----------------------------------------------------------
    def rounds(self) -> list[RoundSummary]:
        """Every round, oldest first (by financial year, then as entered)."""
        with unit_of_work(self._factory) as s:
            rows = s.scalars(select(AssessmentRoundRow)).all()
            names = {r.id: r.name for r in rows}
            result = [RoundSummary(r.id, r.name, RoundKind(r.kind), r.financial_year,
                                   Outcome(r.outcome), names.get(r.carried_from_id, ""))
                      for r in rows]
        return sorted(result, key=_round_order)

    def concern_choices(self) -> list[tuple[int, str]]:
        """Every area of concern as (id, "round: text"), for "what an action answers"."""
        with unit_of_work(self._factory) as s:
            names = dict(s.execute(select(AssessmentRoundRow.id, AssessmentRoundRow.name)).all())
            rows = s.execute(select(ConcernRow.id, ConcernRow.round_id, ConcernRow.text)
                             .order_by(ConcernRow.round_id, ConcernRow.id)).all()
        return [(cid, f"{names.get(rid, '')}: {text}") for cid, rid, text in rows]

    def get_round(self, round_id: int) -> AssessmentRound:
        with unit_of_work(self._factory) as s:
            row = s.scalar(select(AssessmentRoundRow).options(*_ROUND_LOAD)
                           .where(AssessmentRoundRow.id == round_id))
            if row is None:
                raise NotFoundError("That assessment round no longer exists.")
            return _round(row)

    def all_rounds(self) -> list[AssessmentRound]:
        with unit_of_work(self._factory) as s:
            rows = s.scalars(select(AssessmentRoundRow).options(*_ROUND_LOAD)).all()
            return sorted((_round(r) for r in rows), key=_round_order)

    def find_round(self, name: str) -> AssessmentRound:
        """A round by name (case, accents and spacing ignored), or by financial year."""
        key = fold(name)
        for r in self.rounds():
            if fold(r.name) == key or fold(r.financial_year) == key:
                return self.get_round(r.id)
        known = ", ".join(r.name for r in self.rounds()) or "none yet"
        raise NotFoundError(f"There is no assessment round called '{name}' (rounds: {known}).")

    def latest_round(self) -> AssessmentRound | None:
        rounds = self.rounds()
        return self.get_round(rounds[-1].id) if rounds else None

    def new_round(self, name: str, kind: RoundKind = RoundKind.ANNUAL_REVIEW,
                  financial_year: str = "", carry_from_id: int | None = None) -> AssessmentRound:
        """Start a round; from a previous one, its ratings, narrative, strengths, weaknesses
        and evidence are copied as the baseline and marked carried."""
        draft = AssessmentRound(name.strip(), kind, financial_year.strip())
        errors = validate_round(draft, {r.name for r in self.rounds()})
        if errors:
            raise ValidationError(errors)
        with unit_of_work(self._factory) as s:
            row = AssessmentRoundRow(name=draft.name, kind=kind.value,
                                     financial_year=draft.financial_year, outcome="pending",
                                     participants="", go_comments="",
                                     carried_from_id=carry_from_id)
            source = None
            if carry_from_id is not None:
                source = s.scalar(select(AssessmentRoundRow).options(*_ROUND_LOAD)
                                  .where(AssessmentRoundRow.id == carry_from_id))
                if source is None:
                    raise NotFoundError("The round to carry over from no longer exists.")
            previous = {a.criterion: a for a in source.criteria} if source else {}
            for c in Criterion:
                old = previous.get(c.value)
                if old is None:
                    row.criteria.append(CriterionAssessmentRow(criterion=c.value))
                    continue
                something = (old.rating != Rating.NOT_ASSESSED.value or old.narrative.strip()
                             or old.strengths.strip() or old.weaknesses or old.evidence)
                new = CriterionAssessmentRow(
                    criterion=c.value, rating=old.rating, narrative=old.narrative,
                    strengths=old.strengths, carried=bool(something))
                new.weaknesses = [WeaknessRow(text=w.text, action_id=w.action_id, carried=True)
                                  for w in old.weaknesses]
                new.evidence = [EvidenceRow(title=e.title, kind=e.kind, dated=e.dated,
                                            reference=e.reference, file_name=e.file_name,
                                            file_size=e.file_size, file_id=e.file_id,
                                            carried=True) for e in old.evidence]
                row.criteria.append(new)
            s.add(row)
            s.flush()
            new_id = row.id
        return self.get_round(new_id)

    def update_round(self, rnd: AssessmentRound) -> AssessmentRound:
        """Save a round's own details: name, kind, year, participants, dates, GO outcome."""
        others = {r.name for r in self.rounds() if r.id != rnd.id}
        errors = validate_round(rnd, others)
        if errors:
            raise ValidationError(errors)
        with unit_of_work(self._factory) as s:
            row = self._round_row(s, rnd.id)
            claim(row, rnd.version, f"The round {row.name}")
            row.name = rnd.name.strip()
            row.kind = rnd.kind.value
            row.financial_year = rnd.financial_year.strip()
            row.participants = rnd.participants.strip()
            row.agreed_on = rnd.agreed_on
            row.submitted_on = rnd.submitted_on
            row.outcome = rnd.outcome.value
            row.review_date = rnd.review_date if rnd.outcome == Outcome.DEFERRED else None
            row.go_comments = rnd.go_comments
        return self.get_round(rnd.id)

    def set_outcome(self, round_id: int, outcome: Outcome, review_date: date | None = None,
                    comments: str | None = None, version: int | None = None
                    ) -> AssessmentRound:
        """`version`: the round as the officer saw it (ConflictError if changed since)."""
        rnd = self.get_round(round_id)
        if version is not None:
            rnd = replace(rnd, version=version)
        return self.update_round(replace(rnd, outcome=outcome, review_date=review_date,
                                         go_comments=rnd.go_comments if comments is None
                                         else comments))

    def delete_round(self, round_id: int) -> None:
        with unit_of_work(self._factory) as s:
            s.delete(self._round_row(s, round_id))
            s.flush()
            self._drop_orphan_files(s)

    # -- stage 1 and stage 2 per criterion -------------------------------
    def save_criterion(self, round_id: int, criterion: Criterion, rating: Rating,
                       narrative: str, strengths: str, version: int | None = None
                       ) -> CriterionAssessment:
        """The self-assessment of one criterion; once saved it is no longer 'carried'."""
        with unit_of_work(self._factory) as s:
            row = self._assessment_row(s, round_id, criterion)
            if row.id is not None:
                claim(row, version, f"The self-assessment of {criterion.value}")
            row.rating = rating.value
            row.narrative = narrative
            row.strengths = strengths
            row.carried = False
        return self.get_round(round_id).assessment(criterion)

    def set_go_rating(self, round_id: int, criterion: Criterion, rating: Rating,
                      comments: str = "", version: int | None = None) -> CriterionAssessment:
        with unit_of_work(self._factory) as s:
            row = self._assessment_row(s, round_id, criterion)
            claim(row, version, f"The assessment of {criterion.value}")
            row.go_rating = rating.value
            row.go_comments = comments
        return self.get_round(round_id).assessment(criterion)

    # -- weaknesses ------------------------------------------------------
    def add_weakness(self, round_id: int, criterion: Criterion, text: str) -> Weakness:
        if not text.strip():
            raise ValidationError([FieldError("text", "Describe the weakness.")])
        with unit_of_work(self._factory) as s:
            row = self._assessment_row(s, round_id, criterion)
            w = WeaknessRow(text=text.strip(), carried=False)
            row.weaknesses.append(w)
            s.flush()
            return Weakness(w.text, None, False, w.id)

    def update_weakness(self, weakness_id: int, text: str, version: int | None = None
                        ) -> Weakness:
        if not text.strip():
            raise ValidationError([FieldError("text", "Describe the weakness.")])
        with unit_of_work(self._factory) as s:
            w = self._get(s, WeaknessRow, weakness_id, "weakness")
            claim(w, version, "The weakness")
            w.text = text.strip()
            w.carried = False
            s.flush()
            return Weakness(w.text, w.action_id, w.carried, w.id, version=w.version)

    def remove_weakness(self, weakness_id: int) -> None:
        with unit_of_work(self._factory) as s:
            s.delete(self._get(s, WeaknessRow, weakness_id, "weakness"))

    def link_weakness(self, weakness_id: int, action_id: int | None) -> None:
        with unit_of_work(self._factory) as s:
            self._get(s, WeaknessRow, weakness_id, "weakness").action_id = action_id

    def weakness_to_action(self, weakness_id: int, today: date | None = None):
        """Create an action in the action plan answering the weakness, linked to its criterion."""
        from lsp_desktop.domain.actions import Action

        actions = self._need_actions()
        with unit_of_work(self._factory) as s:
            w = self._get(s, WeaknessRow, weakness_id, "weakness")
            if w.action_id is not None:
                raise DomainError("This weakness already has an action in the action plan.")
            a = s.get(CriterionAssessmentRow, w.assessment_id)
            criterion, text, round_name = Criterion(a.criterion), w.text, a.round.name
        action = actions.add(Action(
            reference="", title=_title(text), criterion=criterion, start=today or date.today(),
            description=f"{text}\n\nWeakness found in the self-assessment "
                        f"({round_name}, {criterion.label})."))
        self.link_weakness(weakness_id, action.id)
        return action

    # -- evidence --------------------------------------------------------
    def add_evidence(self, round_id: int, criterion: Criterion, item: EvidenceItem,
                     file_path: Path | str | None = None) -> EvidenceItem:
        errors = validate_evidence(item)
        if errors:
            raise ValidationError(errors)
        data, name = _read_attachment(file_path) if file_path else (None, "")
        with unit_of_work(self._factory) as s:
            row = self._assessment_row(s, round_id, criterion)
            e = EvidenceRow(title=item.title.strip(), kind=item.kind.value, dated=item.dated,
                            reference=item.reference.strip(), carried=False, file_name="",
                            file_size=0)
            if data is not None:
                blob = EvidenceFileRow(data=data)
                s.add(blob)
                s.flush()
                e.file_id, e.file_name, e.file_size = blob.id, name, len(data)
            row.evidence.append(e)
            s.flush()
            return _evidence(e)

    def update_evidence(self, item: EvidenceItem) -> EvidenceItem:
        errors = validate_evidence(item)
        if errors:
            raise ValidationError(errors)
        with unit_of_work(self._factory) as s:
            e = self._get(s, EvidenceRow, item.id, "evidence item")
            claim(e, item.version, f"The evidence item “{e.title}”")
            e.title, e.kind, e.dated = item.title.strip(), item.kind.value, item.dated
            e.reference, e.carried = item.reference.strip(), False
            return _evidence(e)

    def attach_file(self, evidence_id: int, file_path: Path | str) -> EvidenceItem:
        data, name = _read_attachment(file_path)
        with unit_of_work(self._factory) as s:
            e = self._get(s, EvidenceRow, evidence_id, "evidence item")
            blob = EvidenceFileRow(data=data)
            s.add(blob)
            s.flush()
            e.file_id, e.file_name, e.file_size = blob.id, name, len(data)
            s.flush()
            self._drop_orphan_files(s)
            return _evidence(e)

    def remove_evidence(self, evidence_id: int) -> None:
        with unit_of_work(self._factory) as s:
            s.delete(self._get(s, EvidenceRow, evidence_id, "evidence item"))
            s.flush()
            self._drop_orphan_files(s)

    def evidence_file(self, evidence_id: int) -> tuple[str, bytes]:
        with unit_of_work(self._factory) as s:
            e = self._get(s, EvidenceRow, evidence_id, "evidence item")
            blob = s.get(EvidenceFileRow, e.file_id) if e.file_id else None
            if blob is None:
                raise DomainError(f"'{e.title}' has no attached file.")
            return e.file_name, blob.data

    def export_evidence(self, evidence_id: int, folder: Path | None = None) -> Path:
        """Write an attached file to a fresh temporary folder, for the system viewer."""
        name, data = self.evidence_file(evidence_id)
        target_dir = Path(tempfile.mkdtemp(prefix="lsp-evidence-", dir=folder))
        path = target_dir / (Path(name).name or "evidence")
        path.write_bytes(data)
        return path

    # -- GO review: dialogue and areas of concern ------------------------
    def add_dialogue(self, round_id: int, dialogue: Dialogue) -> Dialogue:
        if not dialogue.with_whom.strip():
            raise ValidationError([FieldError("with_whom", "Say who took part.")])
        with unit_of_work(self._factory) as s:
            row = self._round_row(s, round_id)
            d = DialogueRow(held_on=dialogue.held_on, with_whom=dialogue.with_whom.strip(),
                            notes=dialogue.notes)
            row.dialogues.append(d)
            s.flush()
            return Dialogue(d.held_on, d.with_whom, d.notes, d.id)

    def remove_dialogue(self, dialogue_id: int) -> None:
        with unit_of_work(self._factory) as s:
            s.delete(self._get(s, DialogueRow, dialogue_id, "dialogue"))

    def add_concern(self, round_id: int, concern: Concern) -> Concern:
        if not concern.text.strip():
            raise ValidationError([FieldError("text", "Describe the area of concern.")])
        with unit_of_work(self._factory) as s:
            row = self._round_row(s, round_id)
            c = ConcernRow(text=concern.text.strip(), status=concern.status.value,
                           criterion=concern.criterion.value if concern.criterion else None,
                           action_id=concern.action_id)
            row.concerns.append(c)
            s.flush()
            return replace(concern, text=c.text, id=c.id, version=c.version)

    def update_concern(self, concern: Concern) -> Concern:
        if not concern.text.strip():
            raise ValidationError([FieldError("text", "Describe the area of concern.")])
        with unit_of_work(self._factory) as s:
            c = self._get(s, ConcernRow, concern.id, "area of concern")
            claim(c, concern.version, "The area of concern")
            c.text, c.status = concern.text.strip(), concern.status.value
            c.criterion = concern.criterion.value if concern.criterion else None
            c.action_id = concern.action_id
            s.flush()
            return replace(concern, version=c.version)

    def remove_concern(self, concern_id: int) -> None:
        with unit_of_work(self._factory) as s:
            s.delete(self._get(s, ConcernRow, concern_id, "area of concern"))

    def concern_to_action(self, concern_id: int, today: date | None = None):
        """An action answering a GO area of concern; the concern becomes 'in hand'."""
        from lsp_desktop.domain.actions import Action

        actions = self._need_actions()
        with unit_of_work(self._factory) as s:
            c = self._get(s, ConcernRow, concern_id, "area of concern")
            if c.action_id is not None:
                raise DomainError("This area of concern already has an action.")
            criterion = Criterion(c.criterion) if c.criterion else None
            text = c.text
            round_name = s.get(AssessmentRoundRow, c.round_id).name
        action = actions.add(Action(
            reference="", title=_title(text), criterion=criterion, concern_id=concern_id,
            start=today or date.today(),
            description=f"{text}\n\nArea of concern raised by the Government Office "
                        f"({round_name})."))
        with unit_of_work(self._factory) as s:
            c = s.get(ConcernRow, concern_id)
            c.action_id = action.id
            if c.status == ConcernStatus.OPEN.value:
                c.status = ConcernStatus.IN_HAND.value
        return action

    # -- views over rounds -----------------------------------------------
    def compare(self, before_id: int, after_id: int, use_go: bool = False
                ) -> list[ComparisonLine]:
        return compare_ratings(self.get_round(before_id), self.get_round(after_id), use_go)

    def nrf_consequences(self) -> list[tuple[AssessmentRound, NrfConsequence]]:
        """Every round whose accreditation is deferred, with the NRF held back."""
        allocations = self._partnership.get().nrf_allocations if self._partnership else {}
        result = []
        for r in self.all_rounds():
            consequence = nrf_consequence(r, allocations)
            if consequence is not None:
                result.append((r, consequence))
        return result

    def nrf_notice(self) -> str:
        """One paragraph for the partnership details: empty unless something is deferred."""
        return "\n".join(f"{r.name}: {c.sentence()}" for r, c in self.nrf_consequences())

    # -- helpers ---------------------------------------------------------
    def _need_actions(self):
        if self._actions is None:
            raise DomainError("The action plan is not available in this version.")
        return self._actions

    @staticmethod
    def _get(s: Session, model, ident, what: str):
        row = s.get(model, ident) if ident is not None else None
        if row is None:
            raise NotFoundError(f"That {what} no longer exists.")
        return row

    def _round_row(self, s: Session, round_id: int | None) -> AssessmentRoundRow:
        return self._get(s, AssessmentRoundRow, round_id, "assessment round")

    def _assessment_row(self, s: Session, round_id: int, criterion: Criterion
                        ) -> CriterionAssessmentRow:
        row = s.scalar(select(CriterionAssessmentRow).where(
            CriterionAssessmentRow.round_id == round_id,
            CriterionAssessmentRow.criterion == criterion.value))
        if row is None:
            self._round_row(s, round_id)
            row = CriterionAssessmentRow(round_id=round_id, criterion=criterion.value,
                                         rating=Rating.NOT_ASSESSED.value, narrative="",
                                         strengths="", go_rating=Rating.NOT_ASSESSED.value,
                                         go_comments="", carried=False)
            s.add(row)
            s.flush()
        return row

    @staticmethod
    def _drop_orphan_files(s: Session) -> None:
        drop_unused_files(s)       # meeting papers share the store


def _title(text: str) -> str:
    first = text.strip().splitlines()[0] if text.strip() else "Action"
    return first if len(first) <= 120 else first[:117].rstrip() + "…"
