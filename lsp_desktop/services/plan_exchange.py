"""Import and export of actions and targets: resolve names to records, write all rows or none."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from sqlalchemy.orm import Session, sessionmaker

from lsp_desktop.domain.errors import ConflictError, DomainError, NotFoundError
from lsp_desktop.domain.exchange import (
    ImportConflict,
    ImportProblems,
    Layout,
    Problem,
    find_layout,
    locate,
    parse_rows,
)
from lsp_desktop.domain.member_exchange import name_key
from lsp_desktop.domain.plan_exchange import (
    ACTION_COLUMNS,
    ACTION_HEADERS,
    TARGET_COLUMNS,
    TARGET_HEADERS,
    RowItem,
    action_row,
    build_actions,
    build_targets,
    target_row,
)
from lsp_desktop.domain.sheets import Sheet
from lsp_desktop.domain.strategies import Neighbourhood, Strategy, StrategyType
from lsp_desktop.domain.text import fold
from lsp_desktop.services.actions import ActionsService
from lsp_desktop.services.members import MembersService
from lsp_desktop.services.strategies import StrategiesService
from lsp_desktop.services.unit_of_work import one_transaction

_ACTION_FIELDS = {"reference": "reference", "title": "title", "description": "description",
                  "criterion": ("criterion", "more_criteria"), "theme": "theme",
                  "owner_body": "owner_body", "original_due": "original_due",
                  "lead_officer": "lead_officer", "start_date": "start", "due_date": "due",
                  "status": "status", "progress": "progress", "amount": "amount",
                  "funding_source": "funding_source", "milestones": "milestones",
                  "notes": "notes"}
_TARGET_FIELDS = {c.name: c.name for c in TARGET_COLUMNS
                  if c.name not in ("strategy", "strategy_type", "neighbourhood")}


@dataclass
class RecordPreview:
    """What an actions or targets import would do; nothing written yet."""

    kind: str
    layout: Layout
    rows: int
    to_add: list[RowItem] = field(default_factory=list)
    to_update: list[RowItem] = field(default_factory=list)
    skipped: list[RowItem] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    new_strategies: dict[str, str] = field(default_factory=dict)     # folded title -> type
    new_neighbourhoods: set[str] = field(default_factory=set)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if not p.notice]


def _what(kind: str, row: int | None, preview: RecordPreview) -> str:
    """How a conflict names the record of a file's row."""
    item = next((i for i in preview.to_update if i.row == row), None)
    if item is None:
        return "A record"
    if kind == "actions":
        return f"Action {item.record.reference}"
    return f"The target {item.record.indicator}"


def _unique(names: dict[str, list[int]], wanted: str, what: str, row: int, column: str,
            problems: list[Problem], key=fold) -> int | None:
    ids = names.get(key(wanted), [])
    if len(ids) == 1:
        return ids[0]
    problems.append(Problem(row, column, f"no {what} called '{wanted}'." if not ids else
                            f"{len(ids)} {what}s are called '{wanted}'."))
    return None


class PlanExchange:
    """Actions and targets import/export over the actions and strategies services."""

    def __init__(self, session_factory: sessionmaker[Session]):
        self._factory = session_factory
        self.actions = ActionsService(session_factory)
        self.strategies = StrategiesService(session_factory)
        self.members = MembersService(session_factory)

    # -- reading names ---------------------------------------------------------
    def _member_names(self) -> dict[int, str]:
        return {m.id: m.name for m in self.members.all_members()}

    def _target_names(self) -> dict[int, str]:
        return {t.id: t.indicator for t in self.strategies.targets()}

    # -- preview -----------------------------------------------------------------
    def preview(self, kind: str, sheet: Sheet, layout: Layout | None = None,
                update_existing: bool = False) -> RecordPreview:
        columns = ACTION_COLUMNS if kind == "actions" else TARGET_COLUMNS
        layout = layout or find_layout(sheet, columns)
        parsed, problems = parse_rows(sheet, layout, columns)
        given = {name for name, index in layout.mapping.items() if index is not None}
        build = build_actions if kind == "actions" else build_targets
        items, more = build(parsed, given)
        preview = RecordPreview(kind, layout, len(parsed), problems=problems + more)
        if kind == "actions":
            self._plan_actions(preview, items, update_existing)
        else:
            self._plan_targets(preview, items, update_existing)
        preview.problems[:] = locate(sorted(preview.problems, key=lambda p: (
            p.row is not None, p.row or 0)), layout)
        return preview

    def _place(self, preview: RecordPreview, item: RowItem, existing, label: str,
               update_existing: bool, fields: dict[str, str]) -> None:
        if existing is None:
            preview.to_add.append(item)
            return
        item.existing_id = existing.id
        if not update_existing:
            preview.skipped.append(item)
            preview.problems.append(Problem(item.row, None, f"{label} is already there; skipped.",
                                            True))
            return
        changes = {attr: getattr(item.record, attr) for col, attrs in fields.items()
                   if col in item.given
                   for attr in (attrs if isinstance(attrs, tuple) else (attrs,))}
        item.record = replace(existing, **changes)
        preview.to_update.append(item)
        preview.problems.append(Problem(item.row, None, f"{label} is already there; updated.", True))

    def _plan_actions(self, preview: RecordPreview, items: list[RowItem],
                      update_existing: bool) -> None:
        members: dict[str, list[int]] = {}
        for m in self.members.all_members():     # the one matcher of names to members
            members.setdefault(name_key(m.name), []).append(m.id)
            if m.title:
                members.setdefault(name_key(m.display_name), []).append(m.id)
        members = {k: sorted(set(v)) for k, v in members.items()}
        targets: dict[str, list[int]] = {}
        for t in self.strategies.targets():
            targets.setdefault(fold(t.indicator), []).append(t.id)
        existing = {fold(a.reference): a for a in self.actions.list_actions()}
        for item in items:
            a = item.record
            changes = {}
            if "owner_member" in item.refs:
                mid = _unique(members, item.refs["owner_member"], "member", item.row,
                              "owner_member", preview.problems, name_key)
                if mid is None:
                    continue
                changes["owner_member_id"] = mid
            if "target" in item.refs:
                tid = _unique(targets, item.refs["target"], "target", item.row, "target",
                              preview.problems)
                if tid is None:
                    continue
                changes["target_id"] = tid
            item.record = replace(a, **changes)
            fields = dict(_ACTION_FIELDS)
            if "owner_member" in item.given:
                fields["owner_member"] = "owner_member_id"
            if "target" in item.given:
                fields["target"] = "target_id"
            old = existing.get(fold(a.reference)) if a.reference else None
            self._place(preview, item, old, f"Action {a.reference}", update_existing, fields)

    def _plan_targets(self, preview: RecordPreview, items: list[RowItem],
                      update_existing: bool) -> None:
        strategies = {fold(s.title): s.id for s in self.strategies.strategies()}
        hoods = {fold(n.name): n.id for n in self.strategies.neighbourhoods()}
        bodies = {fold(b) for b in self.strategies.all_bodies()}
        existing = {(t.strategy_id, fold(t.indicator)): t for t in self.strategies.targets()}
        seen: dict[tuple, int] = {}
        for item in items:
            t = item.record
            title = item.refs["strategy"]
            key = fold(title)
            if key not in strategies and key not in preview.new_strategies:
                preview.new_strategies[key] = item.refs.get("strategy_type", StrategyType.OTHER.value)
                preview.problems.append(Problem(item.row, "strategy", f"there is no strategy "
                                                f"'{title}'; it will be created.", True))
            hood = item.refs.get("neighbourhood", "")
            if hood and fold(hood) not in hoods and fold(hood) not in preview.new_neighbourhoods:
                preview.new_neighbourhoods.add(fold(hood))
                preview.problems.append(Problem(item.row, "neighbourhood", f"there is no "
                                                f"neighbourhood '{hood}'; it will be created.", True))
            if t.lead_partner and fold(t.lead_partner) not in bodies:
                preview.problems.append(Problem(item.row, "lead_partner",
                                                f"'{t.lead_partner}' is not a body on the register."))
                continue
            if (key, fold(t.indicator)) in seen:
                preview.problems.append(Problem(item.row, "indicator", "the same strategy and "
                                                f"indicator are on row {seen[(key, fold(t.indicator))]}."))
                continue
            seen[(key, fold(t.indicator))] = item.row
            old = existing.get((strategies.get(key), fold(t.indicator)))
            fields = dict(_TARGET_FIELDS)
            if "neighbourhood" in item.given:
                fields["neighbourhood"] = "neighbourhood_id"
            self._place(preview, item, old, f"Target '{t.indicator}'", update_existing, fields)

    # -- commit --------------------------------------------------------------------
    def commit(self, preview: RecordPreview) -> tuple[int, int, int]:
        if preview.errors:
            raise ImportProblems(preview.problems)
        row = None
        try:
            with one_transaction(self._factory) as factory:
                if preview.kind == "actions":
                    service = ActionsService(factory)
                    for item in preview.to_add:
                        row = item.row
                        service.add(item.record)
                    for item in preview.to_update:
                        row = item.row
                        service.update(replace(item.record, id=item.existing_id))
                else:
                    self._commit_targets(preview, StrategiesService(factory))
        except (ImportConflict, ImportProblems):
            raise
        except ConflictError as exc:   # changed since the preview: say who and when
            raise ImportConflict(exc.what, exc.who, exc.when, row) from None
        except NotFoundError as exc:
            if row in {i.row for i in preview.to_update}:
                raise ImportConflict(_what(preview.kind, row, preview), row=row,
                                     deleted=True) from None
            raise ImportProblems([Problem(row, None, str(exc))]) from None
        except DomainError as exc:
            raise ImportProblems([Problem(row, None, str(exc))]) from None
        return len(preview.to_add), len(preview.to_update), len(preview.skipped)

    def _commit_targets(self, preview: RecordPreview, service: StrategiesService) -> None:
        strategies = {fold(s.title): s.id for s in service.strategies()}
        hoods = {fold(n.name): n.id for n in service.neighbourhoods()}
        for item in preview.to_add + preview.to_update:
            title, hood = item.refs["strategy"], item.refs.get("neighbourhood", "")
            if fold(title) not in strategies:
                kind = StrategyType(preview.new_strategies.get(fold(title), "other"))
                strategies[fold(title)] = service.create(Strategy(kind, title)).id
            if hood and fold(hood) not in hoods:
                hoods[fold(hood)] = service.save_neighbourhood(Neighbourhood(hood)).id
            target = replace(item.record, strategy_id=strategies[fold(title)],
                             neighbourhood_id=hoods.get(fold(hood)) if hood else
                             (item.record.neighbourhood_id if item.existing_id else None))
            try:
                if item.existing_id is None:
                    service.add_target(target)
                else:
                    service.update_target(replace(target, id=item.existing_id))
            except ConflictError as exc:
                raise ImportConflict(exc.what, exc.who, exc.when, item.row) from None
            except NotFoundError:
                raise ImportConflict(f"The target {item.record.indicator}", row=item.row,
                                     deleted=True) from None
            except DomainError as exc:
                raise ImportProblems([Problem(item.row, None, str(exc))]) from None

    # -- export ----------------------------------------------------------------------
    def action_rows(self, ids: list[int] | None = None) -> list[list]:
        actions = self.actions.list_actions()
        if ids is not None:
            by_id = {a.id: a for a in actions}
            actions = [by_id[i] for i in ids if i in by_id]
        targets, members = self._target_names(), self._member_names()
        return [action_row(a, targets, members) for a in actions]

    def target_rows(self, ids: list[int] | None = None) -> list[list]:
        targets = self.strategies.targets()
        if ids is not None:
            by_id = {t.id: t for t in targets}
            targets = [by_id[i] for i in ids if i in by_id]
        strategies = {s.id: (s.title, s.type.value) for s in self.strategies.strategies()}
        hoods = {n.id: n.name for n in self.strategies.neighbourhoods()}
        return [target_row(t, strategies, hoods) for t in targets]

    def headers(self, kind: str) -> list[str]:
        return ACTION_HEADERS if kind == "actions" else TARGET_HEADERS
