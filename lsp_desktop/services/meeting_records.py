"""What meetings add up to: the decisions log, attendance for a year, and the calendar file."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

from sqlalchemy import select

from lsp_desktop.db.models import (
    AgendaItemRow,
    AttendanceRow,
    MeetingBodyRow,
    MeetingDecisionRow,
    MeetingRecord,
    ProjectRow,
)
from lsp_desktop.domain.errors import DomainError
from lsp_desktop.domain.meetings import (
    AttendanceEntry,
    DecisionRow,
    MeetingStatus,
    Presence,
    financial_year,
)
from lsp_desktop.domain.text import fold
from lsp_desktop.services.readiness_inputs import (  # noqa: F401 - AttendanceRecord re-exported
    AttendanceRecord,
    attendance_record,
)
from lsp_desktop.services.unit_of_work import unit_of_work


class MeetingRecordsService:
    def __init__(self, meetings):
        self._meetings = meetings
        self._factory = meetings._factory

    # -- decisions log ---------------------------------------------------
    def decisions(self, text: str = "", body_id: int | None = None, since: date | None = None,
                  until: date | None = None, public: bool = False) -> list[DecisionRow]:
        """Every minuted decision, oldest first; `text` searches ignoring case and accents."""
        q = (select(MeetingDecisionRow.id, MeetingRecord.id, MeetingBodyRow.name,
                    MeetingRecord.held_on, MeetingDecisionRow.number, AgendaItemRow.title,
                    MeetingDecisionRow.text, AgendaItemRow.confidential, MeetingRecord.quorate,
                    MeetingDecisionRow.search_key)
             .join(AgendaItemRow, AgendaItemRow.id == MeetingDecisionRow.item_id)
             .join(MeetingRecord, MeetingRecord.id == AgendaItemRow.meeting_id)
             .join(MeetingBodyRow, MeetingBodyRow.id == MeetingRecord.body_id)
             .order_by(MeetingRecord.held_on, MeetingRecord.id, MeetingDecisionRow.number))
        if body_id is not None:
            q = q.where(MeetingRecord.body_id == body_id)
        if since is not None:
            q = q.where(MeetingRecord.held_on >= since)
        if until is not None:
            q = q.where(MeetingRecord.held_on <= until)
        if public:
            q = q.where(AgendaItemRow.confidential.is_(False))
        with unit_of_work(self._factory) as s:
            rows = s.execute(q).all()
            approved: dict[int, list[str]] = {}
            for did, ref, title in s.execute(
                    select(ProjectRow.decision_id, ProjectRow.reference, ProjectRow.title)
                    .where(ProjectRow.decision_id.is_not(None)).order_by(ProjectRow.reference)):
                approved.setdefault(did, []).append(f"{ref} {title}")
        out = [DecisionRow(did, mid, body, held, number, item, text, bool(conf),
                           quorate is False,
                           " ".join([key, fold(item), fold(body),
                                     *(fold(p) for p in approved.get(did, ()))]),
                           tuple(approved.get(did, ())))
               for did, mid, body, held, number, item, text, conf, quorate, key in rows]
        words = fold(text).split()
        return [d for d in out if all(w in d.search_key for w in words)]

    # -- attendance ------------------------------------------------------
    def attendance(self, since: date, until: date, body_id: int | None = None
                   ) -> AttendanceRecord:
        """Rates over the held meetings of a body (the board by default) in a period."""
        body = (self._meetings.body(body_id) if body_id is not None
                else self._meetings.board())
        if body.id is None:
            return attendance_record(body, [], since, until, (), {})
        members = self._meetings._all_members()
        with unit_of_work(self._factory) as s:
            held = s.execute(select(MeetingRecord.id, MeetingRecord.held_on).where(
                MeetingRecord.body_id == body.id, MeetingRecord.held_on >= since,
                MeetingRecord.held_on <= until,
                MeetingRecord.status == MeetingStatus.HELD.value)
                .order_by(MeetingRecord.held_on)).all()
            entries: dict[int, list[AttendanceEntry]] = {}
            if held:
                for mid, member_id, presence, sub in s.execute(select(
                        AttendanceRow.meeting_id, AttendanceRow.member_id,
                        AttendanceRow.presence, AttendanceRow.substitute_id)
                        .where(AttendanceRow.meeting_id.in_([h[0] for h in held]))):
                    entries.setdefault(mid, []).append(
                        AttendanceEntry(member_id, Presence(presence), sub))
        return attendance_record(body, members, since, until, held, entries)

    def attendance_for_year(self, year: str, body_id: int | None = None) -> AttendanceRecord:
        try:
            since, until = financial_year(year)
        except ValueError as exc:
            raise DomainError(str(exc)) from None
        return self.attendance(since, until, body_id)

    # -- calendar --------------------------------------------------------
    def calendar(self, meeting_ids: list[int], partnership: str = "") -> bytes:
        """An .ics file (RFC 5545) of the meetings, for Outlook and Thunderbird."""
        import icalendar

        cal = icalendar.Calendar()
        cal.add("prodid", "-//LSP Desktop//Meetings//EN")
        cal.add("version", "2.0")
        cal.add("x-wr-calname", f"{partnership} meetings".strip())
        stamp = datetime.now().replace(microsecond=0)
        for m in self._meetings.meetings(meeting_ids):
            event = icalendar.Event()
            event.add("uid", f"meeting-{m.id}-{m.held_on:%Y%m%d}@lsp-desktop")
            event.add("dtstamp", stamp)
            title = f"{m.body_name}" + (" (cancelled)" if m.status == MeetingStatus.CANCELLED
                                        else "")
            event.add("summary", title)
            if m.start is not None:
                start = datetime.combine(m.held_on, m.start)
                event.add("dtstart", start)
                event.add("dtend", start + timedelta(hours=2))
            else:
                event.add("dtstart", m.held_on)
                event.add("dtend", m.held_on + timedelta(days=1))
            if m.venue:
                event.add("location", m.venue)
            agenda = [f"{n}. {i.title}" for n, i in enumerate(m.items, start=1)]
            if agenda:
                event.add("description", "Agenda:\n" + "\n".join(agenda))
            event.add("status", {"planned": "CONFIRMED", "held": "CONFIRMED",
                                 "cancelled": "CANCELLED"}[m.status.value])
            cal.add_component(event)
        return cal.to_ical()

    def write_calendar(self, out: Path | str, *, year: str = "", meeting_id: int | None = None,
                       partnership: str = "") -> int:
        """Write one meeting, or every meeting of a financial year, to an .ics file."""
        if meeting_id is not None:
            ids = [self._meetings.get(meeting_id).id]
        else:
            try:
                since, until = financial_year(year)
            except ValueError as exc:
                raise DomainError(str(exc)) from None
            ids = [r.id for r in self._meetings.list_rows(since=since, until=until)]
            if not ids:
                raise DomainError(f"No meetings fall in {year}.")
        data = self.calendar(ids, partnership)
        from lsp_desktop.safe_files import write_bytes

        write_bytes(Path(out), data)     # owner-only, atomic, never over a partnership
        return len(ids)
