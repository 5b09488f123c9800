"""Meetings: bodies, the quorum rule, meetings with agendas, papers, attendance and minutes."""

from __future__ import annotations

import tempfile
from dataclasses import replace
from datetime import date
from pathlib import Path

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session, sessionmaker

from lsp_desktop.db.models import (
    ActionRecord,
    AgendaItemRow,
    ArisingActionRow,
    AttendanceRow,
    BodyMembershipRow,
    EvidenceFileRow,
    MeetingBodyRow,
    MeetingDecisionRow,
    MeetingDeclarationRow,
    MeetingPaperRow,
    MeetingRecord,
    OtherAttendeeRow,
    QuorumRuleRow,
)
from lsp_desktop.domain.actions import Action
from lsp_desktop.domain.errors import (
    DomainError,
    FieldError,
    NotFoundError,
    ReadOnlyError,
    ValidationError,
)
from lsp_desktop.domain.meetings import (
    PAPER_SUFFIXES,
    AgendaItem,
    AttendanceEntry,
    Body,
    BodyKind,
    Decision,
    GroupMembership,
    LinkKind,
    Meeting,
    MeetingDeclaration,
    MeetingRow,
    MeetingStatus,
    OtherAttendee,
    OtherRole,
    Paper,
    Presence,
    QuorumResult,
    QuorumRule,
    Seat,
    expected_seats,
    numbered,
    quorum,
    validate_meeting,
    validate_rule,
)
from lsp_desktop.domain.members import Member
from lsp_desktop.domain.text import fold
from lsp_desktop.services.attachments import drop_unused_files, read_attachment
from lsp_desktop.services.concurrency import claim
from lsp_desktop.services.unit_of_work import unit_of_work


def read_paper(file_path: Path | str) -> tuple[bytes, str]:
    """A paper's bytes, with the evidence store's checks and size limit."""
    path = Path(file_path)
    if path.suffix.lower() not in PAPER_SUFFIXES:
        raise DomainError(f"{path.name} cannot be a paper: use PDF, DOCX, ODT or XLSX "
                          f"({', '.join(PAPER_SUFFIXES)}).")
    return read_attachment(path)


def _body(row: MeetingBodyRow) -> Body:
    return Body(row.name, BodyKind(row.kind), row.parent_id,
                tuple(GroupMembership(m.member_id, m.start_date, m.end_date, m.id)
                      for m in row.memberships), row.id, version=row.version)


class MeetingsService:
    def __init__(self, session_factory: sessionmaker[Session], members=None, actions=None):
        self._factory = session_factory
        self._members = members
        self._actions = actions

    # -- the quorum rule -------------------------------------------------
    def quorum_rule(self) -> QuorumRule:
        with unit_of_work(self._factory) as s:
            row = s.scalar(select(QuorumRuleRow).order_by(QuorumRuleRow.id))
            if row is None:
                return QuorumRule()
            return QuorumRule(row.share_numerator, row.share_denominator, row.min_sectors,
                              row.per_sector)

    def set_quorum_rule(self, rule: QuorumRule) -> QuorumRule:
        errors = validate_rule(rule)
        if errors:
            raise ValidationError(errors)
        with unit_of_work(self._factory) as s:
            row = s.scalar(select(QuorumRuleRow).order_by(QuorumRuleRow.id))
            if row is None:
                row = QuorumRuleRow()
                s.add(row)
            else:
                claim(row, None, "The quorum rule")
            row.share_numerator, row.share_denominator = (rule.share_numerator,
                                                          rule.share_denominator)
            row.min_sectors, row.per_sector = rule.min_sectors, rule.per_sector
        return self.quorum_rule()

    # -- bodies ----------------------------------------------------------
    def bodies(self) -> list[Body]:
        """The board first, then the groups by name."""
        with unit_of_work(self._factory) as s:
            rows = s.scalars(select(MeetingBodyRow)).all()
            bodies = [_body(r) for r in rows]
        return sorted(bodies, key=lambda b: (not b.is_board, fold(b.name)))

    def body(self, body_id: int) -> Body:
        with unit_of_work(self._factory) as s:
            row = s.get(MeetingBodyRow, body_id)
            if row is None:
                raise NotFoundError(f"Body {body_id} no longer exists.")
            return _body(row)

    def board(self) -> Body:
        """The board, made on first use (a file opened read-only shows an unsaved one)."""
        boards = [b for b in self.bodies() if b.is_board]
        if boards:
            return boards[0]
        try:
            return self.save_body(Body("Partnership board", BodyKind.BOARD))
        except ReadOnlyError:
            return Body("Partnership board", BodyKind.BOARD)

    def find_body(self, name: str) -> Body:
        wanted = fold(name)
        bodies = self.bodies()
        for b in bodies:
            if fold(b.name) == wanted or str(b.id) == name.strip() or \
                    (wanted == "board" and b.is_board):
                return b
        hits = [b for b in bodies if wanted and wanted in fold(b.name)]
        if len(hits) == 1:
            return hits[0]
        raise DomainError(f"no body called '{name}' (bodies: "
                          f"{'; '.join(b.name for b in bodies)})")

    def save_body(self, body: Body) -> Body:
        if not body.name.strip():
            raise ValidationError([FieldError("name", "The body needs a name.")])
        for g in body.memberships:
            if g.end is not None and g.end < g.start:
                raise ValidationError([FieldError("memberships",
                                                  "A membership ends before it starts.")])
        with unit_of_work(self._factory) as s:
            if body.id is None:
                row = MeetingBodyRow()
                s.add(row)
            else:
                row = s.get(MeetingBodyRow, body.id)
                if row is None:
                    raise NotFoundError(f"{body.name} no longer exists.")
                claim(row, body.version, f"The body “{row.name}”")
            row.name, row.kind, row.parent_id = body.name.strip(), BodyKind(body.kind).value, \
                body.parent_id
            row.memberships = [BodyMembershipRow(member_id=g.member_id, start_date=g.start,
                                                 end_date=g.end) for g in body.memberships]
            s.flush()
            return _body(row)

    # -- meetings: reading -----------------------------------------------
    def list_rows(self, body_id: int | None = None, since: date | None = None,
                  until: date | None = None) -> list[MeetingRow]:
        """The meetings table, oldest first."""
        with unit_of_work(self._factory) as s:
            names = dict(s.execute(select(MeetingBodyRow.id, MeetingBodyRow.name)).all())
            q = select(MeetingRecord).order_by(MeetingRecord.held_on, MeetingRecord.id)
            if body_id is not None:
                q = q.where(MeetingRecord.body_id == body_id)
            if since is not None:
                q = q.where(MeetingRecord.held_on >= since)
            if until is not None:
                q = q.where(MeetingRecord.held_on <= until)
            meetings = s.scalars(q).all()
            items = dict(s.execute(select(AgendaItemRow.meeting_id, func.count())
                                   .group_by(AgendaItemRow.meeting_id)).all())
            decisions = dict(s.execute(
                select(AgendaItemRow.meeting_id, func.count(MeetingDecisionRow.id))
                .join(MeetingDecisionRow, MeetingDecisionRow.item_id == AgendaItemRow.id)
                .group_by(AgendaItemRow.meeting_id)).all())
            present: dict[int, int] = {}
            expected: dict[int, int] = {}
            for mid, presence, sub in s.execute(select(
                    AttendanceRow.meeting_id, AttendanceRow.presence,
                    AttendanceRow.substitute_id)):
                expected[mid] = expected.get(mid, 0) + 1
                if presence == Presence.PRESENT.value or sub is not None:
                    present[mid] = present.get(mid, 0) + 1
            return [MeetingRow(m.id, m.body_id, names.get(m.body_id, ""), m.held_on,
                               m.start_time, m.venue, MeetingStatus(m.status),
                               items.get(m.id, 0), present.get(m.id, 0), expected.get(m.id, 0),
                               m.quorate, decisions.get(m.id, 0), m.approved_at_id is not None)
                    for m in meetings]

    def get(self, meeting_id: int) -> Meeting:
        with unit_of_work(self._factory) as s:
            return self._read(s, meeting_id)

    def _read(self, s: Session, meeting_id: int) -> Meeting:
        m = s.get(MeetingRecord, meeting_id)
        if m is None:
            raise NotFoundError(f"Meeting {meeting_id} no longer exists.")
        body = s.get(MeetingBodyRow, m.body_id)
        item_rows = s.scalars(select(AgendaItemRow).where(AgendaItemRow.meeting_id == m.id)
                              .order_by(AgendaItemRow.position, AgendaItemRow.id)).all()
        ids = [i.id for i in item_rows]
        decisions: dict[int, list[Decision]] = {}
        papers: dict[int, list[Paper]] = {}
        arising: dict[int, list[int]] = {}
        if ids:
            for d in s.scalars(select(MeetingDecisionRow).where(MeetingDecisionRow.item_id.in_(ids))
                               .order_by(MeetingDecisionRow.number, MeetingDecisionRow.id)):
                decisions.setdefault(d.item_id, []).append(Decision(d.text, d.number, d.id))
            for p in s.scalars(select(MeetingPaperRow).where(MeetingPaperRow.item_id.in_(ids))
                               .order_by(MeetingPaperRow.position, MeetingPaperRow.id)):
                papers.setdefault(p.item_id, []).append(Paper(p.file_name, p.file_size, p.id))
            for item_id, action_id in s.execute(
                    select(ArisingActionRow.item_id, ArisingActionRow.action_id)
                    .where(ArisingActionRow.item_id.in_(ids)).order_by(ArisingActionRow.id)):
                arising.setdefault(item_id, []).append(action_id)
        items = tuple(AgendaItem(
            i.title, i.presenter, i.decision_sought, i.confidential,
            LinkKind(i.link_kind) if i.link_kind else None, i.link_ref, i.discussion,
            tuple(decisions.get(i.id, ())), tuple(papers.get(i.id, ())),
            tuple(arising.get(i.id, ())), i.id) for i in item_rows)
        index = {i.id: n for n, i in enumerate(item_rows)}
        attendance = tuple(AttendanceEntry(a.member_id, Presence(a.presence), a.substitute_id, a.id)
                           for a in s.scalars(select(AttendanceRow)
                                              .where(AttendanceRow.meeting_id == m.id)
                                              .order_by(AttendanceRow.id)))
        others = tuple(OtherAttendee(o.name, OtherRole(o.role), o.organisation, o.id)
                       for o in s.scalars(select(OtherAttendeeRow)
                                          .where(OtherAttendeeRow.meeting_id == m.id)
                                          .order_by(OtherAttendeeRow.id)))
        declarations = tuple(
            MeetingDeclaration(index[d.item_id], d.member_id, d.interest, d.id)
            for d in s.scalars(select(MeetingDeclarationRow)
                               .where(MeetingDeclarationRow.meeting_id == m.id)
                               .order_by(MeetingDeclarationRow.id)) if d.item_id in index)
        return Meeting(m.body_id, m.held_on, m.start_time, m.venue, MeetingStatus(m.status),
                       m.matters_arising, items, attendance, others, declarations, m.quorate,
                       m.approved_at_id, body.name if body else "", m.id, version=m.version)

    def meetings(self, ids: list[int]) -> list[Meeting]:
        with unit_of_work(self._factory) as s:
            return [self._read(s, i) for i in ids]

    def previous(self, meeting: Meeting) -> Meeting | None:
        """The body's last held meeting before this one (its minutes come up for approval)."""
        with unit_of_work(self._factory) as s:
            mid = s.scalar(select(MeetingRecord.id).where(
                MeetingRecord.body_id == meeting.body_id,
                MeetingRecord.held_on < meeting.held_on,
                MeetingRecord.status == MeetingStatus.HELD.value)
                .order_by(MeetingRecord.held_on.desc()).limit(1))
            return self._read(s, mid) if mid is not None else None

    # -- who is expected -------------------------------------------------
    def _all_members(self) -> list[Member]:
        if self._members is None:
            from lsp_desktop.services.members import MembersService

            self._members = MembersService(self._factory)
        return self._members.all_members()

    def seats(self, body_id: int, on: date, members: list[Member] | None = None) -> list[Seat]:
        """The members expected on `on`: the body's members as they stood that day."""
        return expected_seats(self.body(body_id), members or self._all_members(), on)

    def quorum_of(self, meeting: Meeting, members: list[Member] | None = None) -> QuorumResult:
        return quorum(self.seats(meeting.body_id, meeting.held_on, members),
                      meeting.attendance, self.quorum_rule())

    def check(self, meeting: Meeting, members: list[Member] | None = None) -> list[FieldError]:
        members = members or self._all_members()
        return validate_meeting(meeting, self.seats(meeting.body_id, meeting.held_on, members),
                                members)

    # -- meetings: changing ----------------------------------------------
    def save(self, meeting: Meeting) -> Meeting:
        """Add or update a meeting with its agenda, attendance, declarations and minutes.

        Agenda items keep their ids (papers and actions arising hang on them); the
        attendance, others and declarations are replaced. A held meeting's quorum is
        worked out from the attendance and kept, so its decisions can be flagged.
        """
        members = self._all_members()
        errors = [e for e in self.check(meeting, members) if not e.warning]
        if errors:
            raise ValidationError(errors)
        quorate = None
        if meeting.status == MeetingStatus.HELD and meeting.attendance:
            quorate = self.quorum_of(meeting, members).met
        items = numbered(meeting.items)
        with unit_of_work(self._factory) as s:
            if s.get(MeetingBodyRow, meeting.body_id) is None:
                raise NotFoundError("The meeting's body no longer exists.")
            _check_links(s, items)
            if meeting.id is None:
                row = MeetingRecord()
                s.add(row)
            else:
                row = s.get(MeetingRecord, meeting.id)
                if row is None:
                    raise NotFoundError(f"The meeting of {meeting.held_on:%d/%m/%Y} no longer "
                                        "exists.")
                claim(row, meeting.version, f"The meeting of {row.held_on:%d/%m/%Y}")
            row.body_id, row.held_on, row.start_time = meeting.body_id, meeting.held_on, \
                meeting.start
            row.venue, row.status = meeting.venue.strip(), MeetingStatus(meeting.status).value
            row.matters_arising, row.quorate = meeting.matters_arising, quorate
            row.approved_at_id = meeting.approved_at_id
            s.flush()
            item_ids = self._sync_items(s, row.id, items)
            s.execute(delete(AttendanceRow).where(AttendanceRow.meeting_id == row.id))
            s.execute(delete(OtherAttendeeRow).where(OtherAttendeeRow.meeting_id == row.id))
            s.execute(delete(MeetingDeclarationRow)
                      .where(MeetingDeclarationRow.meeting_id == row.id))
            for a in meeting.attendance:
                s.add(AttendanceRow(meeting_id=row.id, member_id=a.member_id,
                                    presence=Presence(a.presence).value,
                                    substitute_id=a.substitute_id))
            for o in meeting.others:
                s.add(OtherAttendeeRow(meeting_id=row.id, name=o.name.strip(),
                                       role=OtherRole(o.role).value,
                                       organisation=o.organisation.strip()))
            for d in meeting.declarations:
                s.add(MeetingDeclarationRow(meeting_id=row.id, item_id=item_ids[d.item_index],
                                            member_id=d.member_id, interest=d.interest.strip()))
            s.flush()
            return self._read(s, row.id)

    @staticmethod
    def _sync_items(s: Session, meeting_id: int, items: tuple[AgendaItem, ...]) -> list[int]:
        existing = {r.id: r for r in s.scalars(
            select(AgendaItemRow).where(AgendaItemRow.meeting_id == meeting_id))}
        kept = {i.id for i in items if i.id in existing}
        for gone in set(existing) - kept:
            s.delete(existing[gone])
        ids = []
        for pos, item in enumerate(items):
            r = existing.get(item.id) if item.id is not None else None
            if r is None:
                r = AgendaItemRow(meeting_id=meeting_id)
                s.add(r)
            r.position, r.title, r.presenter = pos, item.title.strip(), item.presenter.strip()
            r.decision_sought, r.confidential = item.decision_sought, item.confidential
            r.link_kind = LinkKind(item.link_kind).value if item.link_kind else None
            r.link_ref, r.discussion = str(item.link_ref).strip(), item.discussion
            s.flush()
            ids.append(r.id)
            old = {d.id: d for d in s.scalars(select(MeetingDecisionRow)
                                               .where(MeetingDecisionRow.item_id == r.id))}
            for d in item.decisions:
                drow = old.pop(d.id, None) if d.id is not None else None
                if drow is None:
                    drow = MeetingDecisionRow(item_id=r.id)
                    s.add(drow)
                drow.number, drow.text = d.number, d.text.strip()
                drow.search_key = fold(d.text)
            for drow in old.values():
                s.delete(drow)
        s.flush()
        drop_unused_files(s)
        return ids

    def delete(self, meeting_id: int) -> Meeting:
        """Delete a meeting; its actions arising stay in the action plan (unlinked)."""
        snapshot = self.get(meeting_id)
        with unit_of_work(self._factory) as s:
            s.execute(update(MeetingRecord).where(MeetingRecord.approved_at_id == meeting_id)
                      .values(approved_at_id=None))
            s.delete(s.get(MeetingRecord, meeting_id))
            s.flush()
            drop_unused_files(s)
        return snapshot

    def set_status(self, meeting_id: int, status: MeetingStatus) -> Meeting:
        return self.save(replace(self.get(meeting_id), status=MeetingStatus(status)))

    def approve_minutes(self, meeting_id: int, at_meeting_id: int) -> Meeting:
        """Record that a meeting's minutes were approved at a later meeting of the same body."""
        earlier, later = self.get(meeting_id), self.get(at_meeting_id)
        if later.body_id != earlier.body_id or later.held_on <= earlier.held_on:
            raise DomainError("Minutes are approved at a later meeting of the same body.")
        if later.status != MeetingStatus.HELD:
            raise DomainError(f"The meeting of {later.held_on:%d/%m/%Y} has not been held, so "
                              "it cannot approve minutes yet.")
        with unit_of_work(self._factory) as s:
            row = s.get(MeetingRecord, meeting_id)
            claim(row, None, f"The meeting of {row.held_on:%d/%m/%Y}")
            row.approved_at_id = at_meeting_id
        return self.get(meeting_id)

    # -- papers ----------------------------------------------------------
    def attach_paper(self, item_id: int, file_path: Path | str) -> Paper:
        data, name = read_paper(file_path)
        return self.add_paper_bytes(item_id, name, data)

    def add_paper_bytes(self, item_id: int, name: str, data: bytes) -> Paper:
        with unit_of_work(self._factory) as s:
            if s.get(AgendaItemRow, item_id) is None:
                raise NotFoundError("The agenda item no longer exists; save the meeting first.")
            blob = EvidenceFileRow(data=data)
            s.add(blob)
            s.flush()
            pos = (s.scalar(select(func.max(MeetingPaperRow.position))
                            .where(MeetingPaperRow.item_id == item_id)) or 0) + 1
            p = MeetingPaperRow(item_id=item_id, position=pos, file_name=name,
                                file_size=len(data), file_id=blob.id)
            s.add(p)
            s.flush()
            return Paper(p.file_name, p.file_size, p.id)

    def remove_paper(self, paper_id: int) -> None:
        with unit_of_work(self._factory) as s:
            row = s.get(MeetingPaperRow, paper_id)
            if row is None:
                raise NotFoundError("The paper no longer exists.")
            s.delete(row)
            s.flush()
            drop_unused_files(s)

    def paper(self, paper_id: int) -> tuple[str, bytes]:
        with unit_of_work(self._factory) as s:
            row = s.get(MeetingPaperRow, paper_id)
            blob = s.get(EvidenceFileRow, row.file_id) if row and row.file_id else None
            if blob is None:
                raise NotFoundError("The paper's file is no longer in the partnership.")
            return row.file_name, bytes(blob.data)

    def export_paper(self, paper_id: int, folder: Path | None = None) -> Path:
        """Write a paper to a fresh temporary folder, for the system's viewer."""
        name, data = self.paper(paper_id)
        path = Path(tempfile.mkdtemp(prefix="lsp-paper-", dir=folder)) / (Path(name).name
                                                                           or "paper")
        path.write_bytes(data)
        return path

    # -- actions arising -------------------------------------------------
    def raise_action(self, item_id: int, action: Action) -> Action:
        """Create an action in the action plan arising from an agenda item, linked to it."""
        if self._actions is None:
            from lsp_desktop.services.actions import ActionsService

            self._actions = ActionsService(self._factory)
        if action.due is None or (action.owner_member_id is None and not action.owner_body.strip()):
            raise ValidationError([FieldError("action", "An action arising needs an owner and "
                                                        "a due date.")])
        with unit_of_work(self._factory) as s:
            if s.get(AgendaItemRow, item_id) is None:
                raise NotFoundError("The agenda item no longer exists; save the meeting first.")
        saved = self._actions.add(action)
        self.link_action(item_id, saved.id)
        return saved

    def link_action(self, item_id: int, action_id: int) -> None:
        with unit_of_work(self._factory) as s:
            if s.get(AgendaItemRow, item_id) is None:
                raise NotFoundError("The agenda item no longer exists.")
            if s.get(ActionRecord, action_id) is None:
                raise NotFoundError(f"Action {action_id} no longer exists.")
            if s.scalar(select(ArisingActionRow.id).where(ArisingActionRow.item_id == item_id,
                                                          ArisingActionRow.action_id == action_id)):
                return
            s.add(ArisingActionRow(item_id=item_id, action_id=action_id))

    def unlink_action(self, item_id: int, action_id: int) -> None:
        with unit_of_work(self._factory) as s:
            s.execute(delete(ArisingActionRow).where(ArisingActionRow.item_id == item_id,
                                                     ArisingActionRow.action_id == action_id))

    def arising_from(self, action_id: int) -> list[tuple[int, date, str, str]]:
        """Where an action arose: (meeting id, date, body, item title), the other way round."""
        with unit_of_work(self._factory) as s:
            return [tuple(r) for r in s.execute(
                select(MeetingRecord.id, MeetingRecord.held_on, MeetingBodyRow.name,
                       AgendaItemRow.title)
                .select_from(ArisingActionRow)
                .join(AgendaItemRow, AgendaItemRow.id == ArisingActionRow.item_id)
                .join(MeetingRecord, MeetingRecord.id == AgendaItemRow.meeting_id)
                .join(MeetingBodyRow, MeetingBodyRow.id == MeetingRecord.body_id)
                .where(ArisingActionRow.action_id == action_id)
                .order_by(MeetingRecord.held_on))]

    # -- a member's meetings ---------------------------------------------
    def attended_by(self, member_id: int) -> list[tuple[date, str, str]]:
        """Held meetings a member attended (or sent a substitute to, or stood in at):
        (date, body, how)."""
        with unit_of_work(self._factory) as s:
            rows = s.execute(
                select(MeetingRecord.held_on, MeetingBodyRow.name, AttendanceRow.member_id,
                       AttendanceRow.presence, AttendanceRow.substitute_id)
                .select_from(AttendanceRow)
                .join(MeetingRecord, MeetingRecord.id == AttendanceRow.meeting_id)
                .join(MeetingBodyRow, MeetingBodyRow.id == MeetingRecord.body_id)
                .where(MeetingRecord.status == MeetingStatus.HELD.value,
                       (AttendanceRow.member_id == member_id)
                       | (AttendanceRow.substitute_id == member_id))
                .order_by(MeetingRecord.held_on)).all()
        out = []
        for held_on, body, mid, presence, sub in rows:
            if mid == member_id:
                how = (Presence(presence).label if sub is None or presence == "present"
                       else "Apologies; substitute attended")
            else:
                how = "Attended as substitute"
            out.append((held_on, body, how))
        return out


def _check_links(s: Session, items: tuple[AgendaItem, ...]) -> None:
    """Each item's link names a strategy, action or target that exists, or a criterion."""
    from lsp_desktop.db.models import StrategyRow, TargetRow
    from lsp_desktop.domain.criteria import Criterion

    rows = {LinkKind.STRATEGY: StrategyRow, LinkKind.ACTION: ActionRecord,
            LinkKind.TARGET: TargetRow}
    errors = []
    for n, item in enumerate(items, start=1):
        if not item.link_kind:
            continue
        kind, ref = LinkKind(item.link_kind), str(item.link_ref).strip()
        if kind == LinkKind.CRITERION:
            try:
                Criterion.parse(ref)
            except ValueError:
                errors.append(FieldError("items", f"Agenda item {n} links to the criterion "
                                         f"'{ref}', which is not one of the six."))
            continue
        if not ref.isdigit() or s.get(rows[kind], int(ref)) is None:
            errors.append(FieldError("items", f"Agenda item {n} links to {kind.value} "
                                     f"'{ref}', which does not exist (give its id)."))
    if errors:
        raise ValidationError(errors)
