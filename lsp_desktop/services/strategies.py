"""Strategy drafts: strategies and sections, versions, compare and restore, targets,
priority neighbourhoods, endorsements and the consultation log."""

from __future__ import annotations

from datetime import date

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session, selectinload, sessionmaker

from lsp_desktop.db.models import (
    ConsultationRow,
    EndorsementRow,
    MemberRecord,
    NeighbourhoodRow,
    StrategyRow,
    StrategySectionRow,
    StrategyVersionRow,
    StrategyVersionSectionRow,
    TargetRow,
    TermRow,
)
from lsp_desktop.domain.errors import DomainError, FieldError, NotFoundError, ValidationError
from lsp_desktop.domain.strategies import (
    EXPECTED_SECTIONS,
    ConsultationEvent,
    Endorsement,
    Neighbourhood,
    Section,
    SectionDiff,
    Strategy,
    StrategyStatus,
    StrategySummary,
    StrategyType,
    StrategyVersion,
    Target,
    VersionSummary,
    compare_sections,
    validate_consultation,
    validate_strategy,
    validate_target,
    word_count,
)
from lsp_desktop.domain.text import fold
from lsp_desktop.services.concurrency import claim
from lsp_desktop.services.strategy_reads import summaries_of
from lsp_desktop.services.unit_of_work import unit_of_work


def _strategy(row: StrategyRow) -> Strategy:
    return Strategy(StrategyType(row.type), row.title, row.period, StrategyStatus(row.status),
                    row.lead_officer, row.id, version=row.version)


def _section(row: StrategySectionRow) -> Section:
    return Section(row.title, row.body, row.expected, row.position, row.id, row.component,
                   version=row.version)


def _version_section(row: StrategyVersionSectionRow) -> Section:
    return Section(row.title, row.body, row.expected, row.position, row.section_id)


def _target(row: TargetRow) -> Target:
    return Target(row.strategy_id, row.theme, row.indicator, row.baseline_value,
                  row.baseline_date, row.target_value, row.target_date, row.latest_value,
                  row.latest_date, row.data_source, row.lead_partner, row.comparison_value,
                  row.comparison_label, row.neighbourhood_id, row.id, version=row.version)


def _consultation(row: ConsultationRow) -> ConsultationEvent:
    return ConsultationEvent(row.event, row.start_date, row.end_date, row.reached,
                             row.number_reached, row.responses, row.summary, row.strategy_id,
                             row.id, version=row.version)


def _apply_target(row: TargetRow, t: Target) -> None:
    row.strategy_id = t.strategy_id
    row.theme = t.theme.strip()
    row.indicator = t.indicator.strip()
    row.baseline_value, row.baseline_date = t.baseline_value, t.baseline_date
    row.target_value, row.target_date = t.target_value, t.target_date
    row.latest_value, row.latest_date = t.latest_value, t.latest_date
    row.data_source = t.data_source.strip()
    row.lead_partner = t.lead_partner.strip()
    row.comparison_value = t.comparison_value
    row.comparison_label = t.comparison_label.strip()
    row.neighbourhood_id = t.neighbourhood_id


def _apply_consultation(row: ConsultationRow, e: ConsultationEvent) -> None:
    row.event = e.event.strip()
    row.start_date, row.end_date = e.start, e.end
    row.reached = e.reached.strip()
    row.number_reached, row.responses = e.number_reached, e.responses
    row.summary = e.summary
    row.strategy_id = e.strategy_id


class StrategiesService:
    def __init__(self, session_factory: sessionmaker[Session]):
        self._factory = session_factory

    # -- strategies --------------------------------------------------------
    def strategies(self) -> list[Strategy]:
        with unit_of_work(self._factory) as s:
            return [_strategy(r) for r in s.scalars(select(StrategyRow).order_by(StrategyRow.id))]

    def get(self, strategy_id: int) -> Strategy:
        with unit_of_work(self._factory) as s:
            return _strategy(self._row(s, strategy_id))

    @staticmethod
    def _row(s: Session, strategy_id: int) -> StrategyRow:
        row = s.get(StrategyRow, strategy_id)
        if row is None:
            raise NotFoundError(f"Strategy {strategy_id} no longer exists.")
        return row

    def summary(self, strategy_id: int) -> StrategySummary:
        found = self.summaries(strategy_id)
        if not found:
            raise NotFoundError(f"Strategy {strategy_id} no longer exists.")
        return found[0]

    def summaries(self, strategy_id: int | None = None, on: date | None = None
                  ) -> list[StrategySummary]:
        """One line per strategy (or only `strategy_id`'s), in the order they were made.

        With `on`: each as it stood that day - the status of its latest version saved by
        then, the versions and endorsements made by then; a strategy whose first version
        was saved later is left out (one never saved is shown as it is).
        """
        with unit_of_work(self._factory) as s:
            q = select(StrategyRow).options(selectinload(StrategyRow.sections))
            if strategy_id is not None:
                q = q.where(StrategyRow.id == strategy_id)
            rows = s.scalars(q.order_by(StrategyRow.id)).all()
            vq = select(StrategyVersionRow.strategy_id, StrategyVersionRow.number,
                        StrategyVersionRow.status, StrategyVersionRow.created_on)
            eq = select(EndorsementRow.strategy_id, EndorsementRow.version_number,
                        EndorsementRow.body).order_by(EndorsementRow.body)
            if on is not None:
                vq = vq.where(StrategyVersionRow.created_on <= on)
                eq = eq.where((EndorsementRow.endorsed_on.is_(None))
                              | (EndorsementRow.endorsed_on <= on))
            ever_saved = set(s.scalars(select(StrategyVersionRow.strategy_id).distinct()))
            targets = dict(s.execute(select(TargetRow.strategy_id, func.count())
                                     .group_by(TargetRow.strategy_id)).all())
            return summaries_of([_strategy(r) for r in rows],
                                {r.id: tuple(_section(x) for x in r.sections) for r in rows},
                                [(sid, number, status) for sid, number, status, _created
                                 in s.execute(vq)],
                                ever_saved, targets, s.execute(eq).all(), on)

    def create(self, strategy: Strategy) -> Strategy:
        """A new strategy with its type's expected sections, empty."""
        errors = validate_strategy(strategy)
        if errors:
            raise ValidationError(errors)
        with unit_of_work(self._factory) as s:
            row = StrategyRow(type=strategy.type.value, title=strategy.title.strip(),
                              period=strategy.period.strip(), status=strategy.status.value,
                              lead_officer=strategy.lead_officer.strip())
            row.sections = [StrategySectionRow(title=t, body="", expected=True, component=t,
                                               position=i)
                            for i, t in enumerate(EXPECTED_SECTIONS.get(strategy.type, ()))]
            s.add(row)
            s.flush()
            return _strategy(row)

    def update(self, strategy: Strategy) -> Strategy:
        """Change title, period, status or lead officer (the type stays as created)."""
        errors = validate_strategy(strategy)
        if errors:
            raise ValidationError(errors)
        with unit_of_work(self._factory) as s:
            row = self._row(s, strategy.id)
            claim(row, strategy.version, f"The strategy {row.title}")
            row.title = strategy.title.strip()
            row.period = strategy.period.strip()
            row.status = strategy.status.value
            row.lead_officer = strategy.lead_officer.strip()
            row.type = strategy.type.value
            return _strategy(row)

    def delete(self, strategy_id: int) -> None:
        """Delete a strategy that has no saved versions (versions are never lost)."""
        with unit_of_work(self._factory) as s:
            row = self._row(s, strategy_id)
            count = s.scalar(select(func.count()).select_from(StrategyVersionRow)
                             .where(StrategyVersionRow.strategy_id == strategy_id))
            if count:
                raise DomainError(
                    f"{row.title} has {count} saved version(s), which are never deleted; "
                    "mark the strategy superseded instead.")
            s.delete(row)

    # -- sections ------------------------------------------------------------
    def sections(self, strategy_id: int) -> tuple[Section, ...]:
        with unit_of_work(self._factory) as s:
            self._row(s, strategy_id)
            return tuple(_section(r) for r in s.scalars(
                select(StrategySectionRow).where(StrategySectionRow.strategy_id == strategy_id)
                .order_by(StrategySectionRow.position, StrategySectionRow.id)))

    def section(self, section_id: int) -> Section:
        with unit_of_work(self._factory) as s:
            return _section(self._section_row(s, section_id))

    @staticmethod
    def _section_row(s: Session, section_id: int) -> StrategySectionRow:
        row = s.get(StrategySectionRow, section_id)
        if row is None:
            raise NotFoundError("That section no longer exists.")
        return row

    @staticmethod
    def _check_title(title: str) -> str:
        title = title.strip()
        if not title:
            raise ValidationError([FieldError("title", "A section needs a title.")])
        return title

    def add_section(self, strategy_id: int, title: str, body: str = "") -> Section:
        title = self._check_title(title)
        with unit_of_work(self._factory) as s:
            strategy = _strategy(self._row(s, strategy_id))
            last = s.scalar(select(func.max(StrategySectionRow.position))
                            .where(StrategySectionRow.strategy_id == strategy_id))
            expected = {fold(t): t for t in EXPECTED_SECTIONS.get(strategy.type, ())}
            component = expected.get(fold(title), "")
            row = StrategySectionRow(strategy_id=strategy_id, title=title, body=body,
                                     expected=bool(component), component=component,
                                     position=(last if last is not None else -1) + 1)
            s.add(row)
            s.flush()
            return _section(row)

    def rename_section(self, section_id: int, title: str, version: int | None = None
                       ) -> Section:
        title = self._check_title(title)
        with unit_of_work(self._factory) as s:
            row = self._section_row(s, section_id)
            claim(row, version, f"The section \"{row.title}\"")
            row.title = title
            return _section(row)

    def move_section(self, section_id: int, delta: int) -> tuple[Section, ...]:
        """Move a section up (-1) or down (+1); returns the sections in their new order."""
        with unit_of_work(self._factory) as s:
            row = self._section_row(s, section_id)
            rows = list(s.scalars(select(StrategySectionRow)
                                  .where(StrategySectionRow.strategy_id == row.strategy_id)
                                  .order_by(StrategySectionRow.position, StrategySectionRow.id)))
            i = rows.index(row)
            j = max(0, min(len(rows) - 1, i + delta))
            rows.insert(j, rows.pop(i))
            for n, r in enumerate(rows):
                r.position = n
            return tuple(_section(r) for r in rows)

    def remove_section(self, section_id: int) -> Section:
        """Remove a section from the draft (saved versions keep their copy)."""
        with unit_of_work(self._factory) as s:
            row = self._section_row(s, section_id)
            removed = _section(row)
            s.delete(row)
            return removed

    def restore_section(self, strategy_id: int, section: Section) -> Section:
        """Put back a removed section under its old id and at its old place (undo)."""
        with unit_of_work(self._factory) as s:
            self._row(s, strategy_id)
            if section.id is not None and s.get(StrategySectionRow, section.id) is not None:
                raise DomainError(f"The section \"{section.title}\" is already there.")
            rows = list(s.scalars(select(StrategySectionRow)
                                  .where(StrategySectionRow.strategy_id == strategy_id)
                                  .order_by(StrategySectionRow.position, StrategySectionRow.id)))
            row = StrategySectionRow(id=section.id, strategy_id=strategy_id, title=section.title,
                                     body=section.body, expected=section.expected,
                                     component=section.component, position=0)
            rows.insert(min(max(section.position, 0), len(rows)), row)
            s.add(row)
            for n, r in enumerate(rows):
                r.position = n
            s.flush()
            return _section(row)

    def save_section_body(self, section_id: int, body: str) -> int:
        """Store a section's Markdown as it is typed; returns its word count."""
        self.save_section(section_id, body)
        return word_count(body)

    def save_section(self, section_id: int, body: str, version: int | None = None) -> Section:
        """Store a section's Markdown if it is still at `version` (ConflictError if another
        officer saved it since); returns the section as saved, with its new version."""
        with unit_of_work(self._factory) as s:
            row = self._section_row(s, section_id)
            if row.body != body:
                claim(row, version, f"The section \"{row.title}\"")
                row.body = body
            elif version is not None and row.version != version:
                claim(row, version, f"The section \"{row.title}\"")
            s.flush()
            return _section(row)

    # -- versions --------------------------------------------------------------
    def version_summaries(self, strategy_id: int) -> list[VersionSummary]:
        with unit_of_work(self._factory) as s:
            counts = dict(s.execute(select(EndorsementRow.version_number, func.count())
                                    .where(EndorsementRow.strategy_id == strategy_id)
                                    .group_by(EndorsementRow.version_number)).all())
            return [VersionSummary(r.strategy_id, r.number, r.label, r.created_on,
                                   StrategyStatus(r.status), r.words, counts.get(r.number, 0))
                    for r in s.scalars(select(StrategyVersionRow)
                                       .where(StrategyVersionRow.strategy_id == strategy_id)
                                       .order_by(StrategyVersionRow.number))]

    def versions(self, strategy_id: int) -> list[StrategyVersion]:
        """Every saved version of a strategy, oldest first, with its sections."""
        with unit_of_work(self._factory) as s:
            rows = s.scalars(select(StrategyVersionRow)
                             .where(StrategyVersionRow.strategy_id == strategy_id)
                             .options(selectinload(StrategyVersionRow.sections))
                             .order_by(StrategyVersionRow.number)).all()
            return [self._version(r) for r in rows]

    @staticmethod
    def _version(r: StrategyVersionRow) -> StrategyVersion:
        return StrategyVersion(r.strategy_id, r.number, r.label, r.created_on,
                               StrategyStatus(r.status),
                               tuple(_version_section(x) for x in r.sections), r.id)

    def version(self, strategy_id: int, number: int) -> StrategyVersion:
        with unit_of_work(self._factory) as s:
            row = s.scalar(select(StrategyVersionRow).where(
                StrategyVersionRow.strategy_id == strategy_id,
                StrategyVersionRow.number == number)
                .options(selectinload(StrategyVersionRow.sections)))
            if row is None:
                raise NotFoundError(f"Version {number} of that strategy does not exist.")
            return self._version(row)

    def save_version(self, strategy_id: int, label: str, today: date | None = None
                     ) -> StrategyVersion:
        """Freeze the current draft as the next numbered version."""
        label = label.strip()
        if not label:
            raise ValidationError([FieldError(
                "label", "Give the version a label, e.g. \"consultation draft, March 2002\".")])
        with unit_of_work(self._factory) as s:
            number = self._freeze(s, strategy_id, label, today or date.today())
        return self.version(strategy_id, number)

    def _freeze(self, s: Session, strategy_id: int, label: str, today: date) -> int:
        strategy = self._row(s, strategy_id)
        last = s.scalar(select(func.max(StrategyVersionRow.number))
                        .where(StrategyVersionRow.strategy_id == strategy_id)) or 0
        sections = list(s.scalars(select(StrategySectionRow)
                                  .where(StrategySectionRow.strategy_id == strategy_id)
                                  .order_by(StrategySectionRow.position, StrategySectionRow.id)))
        version = StrategyVersionRow(
            strategy_id=strategy_id, number=last + 1, label=label, created_on=today,
            status=strategy.status, words=sum(word_count(x.body) for x in sections))
        version.sections = [StrategyVersionSectionRow(
            section_id=x.id, title=x.title, body=x.body, expected=x.expected, position=n)
            for n, x in enumerate(sections)]
        s.add(version)
        s.flush()
        return last + 1

    def restore_version(self, strategy_id: int, number: int, today: date | None = None
                        ) -> StrategyVersion:
        """Make version `number` the current draft; the current text is first saved as a
        version of its own, which is returned."""
        old = self.version(strategy_id, number)
        today = today or date.today()
        with unit_of_work(self._factory) as s:
            saved = self._freeze(s, strategy_id, f"draft before restoring v{number}", today)
            current = {r.id: r for r in s.scalars(
                select(StrategySectionRow).where(StrategySectionRow.strategy_id == strategy_id))}
            keep = {x.id for x in old.sections if x.id is not None}
            for sid, r in current.items():
                if sid not in keep:
                    s.delete(r)
            s.flush()
            for n, x in enumerate(old.sections):
                row = current.get(x.id) if x.id is not None else None
                if row is None:
                    # Section ids are never reused, so the old id is free to bring back.
                    row = StrategySectionRow(id=x.id, strategy_id=strategy_id, component="")
                    s.add(row)
                elif (row.title, row.body) != (x.title, x.body):
                    # Officers editing it must reload: their text is not the draft's now.
                    claim(row, None, f"The section \"{row.title}\"")
                row.title, row.body, row.expected, row.position = x.title, x.body, x.expected, n
                if x.expected and not row.component:
                    row.component = x.title
        return self.version(strategy_id, saved)

    def compare(self, strategy_id: int, old_number: int | None, new_number: int | None
                ) -> tuple[SectionDiff, ...]:
        """Compare two versions; None stands for the current draft."""
        def text(number: int | None) -> tuple[Section, ...]:
            if number is None:
                return self.sections(strategy_id)
            return self.version(strategy_id, number).sections
        return compare_sections(text(old_number), text(new_number))

    # -- targets ---------------------------------------------------------------
    def targets(self, strategy_id: int | None = None) -> list[Target]:
        with unit_of_work(self._factory) as s:
            q = select(TargetRow).order_by(TargetRow.strategy_id, TargetRow.id)
            if strategy_id is not None:
                q = q.where(TargetRow.strategy_id == strategy_id)
            return [_target(r) for r in s.scalars(q)]

    def target(self, target_id: int) -> Target:
        with unit_of_work(self._factory) as s:
            row = s.get(TargetRow, target_id)
            if row is None:
                raise NotFoundError("That target no longer exists.")
            return _target(row)

    def _validate_target(self, s: Session, target: Target) -> None:
        errors = validate_target(target)
        if s.get(StrategyRow, target.strategy_id) is None:
            errors.append(FieldError("strategy", "Choose the strategy the target belongs to."))
        if target.lead_partner.strip() and fold(target.lead_partner) not in {
                fold(b) for b in self._all_bodies(s)}:
            errors.append(FieldError(
                "lead_partner", f"'{target.lead_partner.strip()}' is not a body on the register."))
        if (target.neighbourhood_id is not None
                and s.get(NeighbourhoodRow, target.neighbourhood_id) is None):
            errors.append(FieldError("neighbourhood", "That neighbourhood no longer exists."))
        if errors:
            raise ValidationError(errors)

    def add_target(self, target: Target) -> Target:
        with unit_of_work(self._factory) as s:
            self._validate_target(s, target)
            row = TargetRow()
            _apply_target(row, target)
            s.add(row)
            s.flush()
            return _target(row)

    def update_target(self, target: Target) -> Target:
        with unit_of_work(self._factory) as s:
            row = s.get(TargetRow, target.id)
            if row is None:
                raise NotFoundError("That target no longer exists.")
            self._validate_target(s, target)
            claim(row, target.version, f"The target “{row.indicator}”")
            _apply_target(row, target)
            return _target(row)

    def delete_target(self, target_id: int) -> Target:
        with unit_of_work(self._factory) as s:
            row = s.get(TargetRow, target_id)
            if row is None:
                raise NotFoundError("That target no longer exists.")
            gone = _target(row)
            s.delete(row)
            return gone

    # -- priority neighbourhoods ---------------------------------------------------
    def neighbourhoods(self) -> list[Neighbourhood]:
        with unit_of_work(self._factory) as s:
            return [Neighbourhood(r.name, r.wards, r.evidence, r.id, version=r.version) for r in
                    s.scalars(select(NeighbourhoodRow).order_by(NeighbourhoodRow.name))]

    def save_neighbourhood(self, n: Neighbourhood) -> Neighbourhood:
        """Add (no id) or update a priority neighbourhood."""
        if not n.name.strip():
            raise ValidationError([FieldError("name", "Give the neighbourhood a name.")])
        with unit_of_work(self._factory) as s:
            row = NeighbourhoodRow() if n.id is None else s.get(NeighbourhoodRow, n.id)
            if row is None:
                raise NotFoundError("That neighbourhood no longer exists.")
            if n.id is not None:
                claim(row, n.version, f"The neighbourhood {row.name}")
            row.name, row.wards, row.evidence = n.name.strip(), n.wards.strip(), n.evidence
            s.add(row)
            s.flush()
            return Neighbourhood(row.name, row.wards, row.evidence, row.id, version=row.version)

    def delete_neighbourhood(self, neighbourhood_id: int) -> None:
        """Delete a neighbourhood; targets naming it keep their figures but lose the name."""
        with unit_of_work(self._factory) as s:
            s.execute(delete(NeighbourhoodRow).where(NeighbourhoodRow.id == neighbourhood_id))

    # -- bodies on the register and endorsements ------------------------------------
    @staticmethod
    def _all_bodies(s: Session) -> list[str]:
        return [b for b in s.scalars(select(MemberRecord.organisation).distinct()) if b]

    def bodies(self, on: date | None = None) -> list[str]:
        """Bodies of the members on the board on `on` (today by default), sorted."""
        on = on or date.today()
        with unit_of_work(self._factory) as s:
            names = s.scalars(select(MemberRecord.organisation).distinct()
                              .join(TermRow, TermRow.member_id == MemberRecord.id)
                              .where(TermRow.start_date <= on,
                                     TermRow.end_date.is_(None) | (TermRow.end_date >= on)))
            return sorted({n for n in names if n}, key=fold)

    def all_bodies(self) -> list[str]:
        """Every body that has had a member on the register, sorted."""
        with unit_of_work(self._factory) as s:
            return sorted(set(self._all_bodies(s)), key=fold)

    def endorsements(self, strategy_id: int, version_number: int | None = None
                     ) -> list[Endorsement]:
        with unit_of_work(self._factory) as s:
            q = (select(EndorsementRow).where(EndorsementRow.strategy_id == strategy_id)
                 .order_by(EndorsementRow.version_number, EndorsementRow.endorsed_on,
                           EndorsementRow.body))
            if version_number is not None:
                q = q.where(EndorsementRow.version_number == version_number)
            return [Endorsement(r.strategy_id, r.version_number, r.body, r.endorsed_by,
                                r.endorsed_on, r.id) for r in s.scalars(q)]

    def not_endorsed(self, strategy_id: int, version_number: int,
                     on: date | None = None) -> list[str]:
        """Bodies of current members that have not endorsed the version."""
        done = {fold(e.body) for e in self.endorsements(strategy_id, version_number)}
        return [b for b in self.bodies(on) if fold(b) not in done]

    def add_endorsement(self, e: Endorsement) -> Endorsement:
        errors = []
        with unit_of_work(self._factory) as s:
            version = s.scalar(select(StrategyVersionRow).where(
                StrategyVersionRow.strategy_id == e.strategy_id,
                StrategyVersionRow.number == e.version_number))
            if version is None:
                errors.append(FieldError("version", "Choose a saved version to endorse."))
            elif version.status != StrategyStatus.AGREED.value:
                errors.append(FieldError(
                    "version", f"v{version.number} was saved as a {version.status}; only an "
                    "agreed version can be endorsed."))
            bodies = {fold(b): b for b in self._all_bodies(s)}
            body = bodies.get(fold(e.body))
            if not e.body.strip():
                errors.append(FieldError("body", "Choose the body that endorsed it."))
            elif body is None:
                errors.append(FieldError(
                    "body", f"'{e.body.strip()}' is not a body on the register; add its "
                    "member in the Members tab first."))
            elif s.scalar(select(EndorsementRow.id).where(
                    EndorsementRow.strategy_id == e.strategy_id,
                    EndorsementRow.version_number == e.version_number,
                    EndorsementRow.body == body)) is not None:
                errors.append(FieldError("body", f"{body} has already endorsed this version."))
            if e.endorsed_on is None:
                errors.append(FieldError("endorsed_on", "Give the date of the endorsement."))
            elif version is not None and e.endorsed_on < version.created_on:
                errors.append(FieldError(
                    "endorsed_on", "The endorsement is dated before the version was saved."))
            if errors:
                raise ValidationError(errors)
            row = EndorsementRow(strategy_id=e.strategy_id, version_number=e.version_number,
                                 body=body, endorsed_by=e.endorsed_by.strip(),
                                 endorsed_on=e.endorsed_on)
            s.add(row)
            s.flush()
            return Endorsement(row.strategy_id, row.version_number, row.body, row.endorsed_by,
                               row.endorsed_on, row.id)

    def delete_endorsement(self, endorsement_id: int) -> None:
        with unit_of_work(self._factory) as s:
            s.execute(delete(EndorsementRow).where(EndorsementRow.id == endorsement_id))

    # -- consultation log ---------------------------------------------------------
    def consultations(self, strategy_id: int | None = None) -> list[ConsultationEvent]:
        with unit_of_work(self._factory) as s:
            q = select(ConsultationRow).order_by(ConsultationRow.start_date, ConsultationRow.id)
            if strategy_id is not None:
                q = q.where(ConsultationRow.strategy_id == strategy_id)
            return [_consultation(r) for r in s.scalars(q)]

    def save_consultation(self, e: ConsultationEvent) -> ConsultationEvent:
        """Add (no id) or update an entry of the consultation log."""
        errors = validate_consultation(e)
        if errors:
            raise ValidationError(errors)
        with unit_of_work(self._factory) as s:
            row = ConsultationRow() if e.id is None else s.get(ConsultationRow, e.id)
            if row is None:
                raise NotFoundError("That consultation entry no longer exists.")
            if e.id is not None:
                claim(row, e.version, f"The consultation entry “{row.event}”")
            _apply_consultation(row, e)
            s.add(row)
            s.flush()
            return _consultation(row)

    def delete_consultation(self, event_id: int) -> None:
        with unit_of_work(self._factory) as s:
            s.execute(delete(ConsultationRow).where(ConsultationRow.id == event_id))
