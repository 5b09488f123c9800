"""Audit lines as the window and the command line see them: who changed which record, how."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

# Record types (table names) in words, for the log's filter and the History panel.
RECORD_TYPES = {
    "partnership": "Partnership details", "nrf_allocation": "NRF allocation",
    "member": "Member", "term": "Term of office", "declaration": "Declaration of interest",
    "erasure": "Erasure", "action": "Action", "action_milestone": "Milestone",
    "action_note": "Progress note", "strategy": "Strategy", "strategy_section": "Section",
    "strategy_version": "Strategy version", "strategy_version_section": "Version section",
    "endorsement": "Endorsement", "consultation": "Consultation", "neighbourhood": "Neighbourhood",
    "target": "Target", "assessment_round": "Assessment round",
    "criterion_assessment": "Criterion assessment", "criterion_prompt": "Criterion prompt",
    "evidence": "Evidence", "evidence_file": "Evidence file", "weakness": "Weakness",
    "go_dialogue": "GO dialogue", "area_of_concern": "Area of concern",
    "meeting": "Meeting", "meeting_body": "Board or group", "body_membership": "Group membership",
    "agenda_item": "Agenda item", "meeting_paper": "Paper", "meeting_decision": "Decision",
    "arising_action": "Action arising", "attendance": "Attendance",
    "meeting_other": "Observer or officer", "meeting_declaration": "Declaration at a meeting",
    "quorum_rule": "Quorum rule",
}
ACTIONS = {"insert": "added", "update": "changed", "delete": "deleted", "erase": "erased"}


def record_type_name(table: str) -> str:
    return RECORD_TYPES.get(table, table.replace("_", " ").capitalize())


@dataclass(frozen=True)
class FieldChange:
    field: str
    old: object
    new: object


@dataclass(frozen=True)
class AuditLine:
    """One insert, update or delete of one record (or a summary of a bulk insert)."""

    id: int
    at: datetime                  # UTC
    officer: str
    os_user: str
    action: str                   # insert, update, delete, erase
    record_type: str
    record_id: int | None
    label: str
    changes: tuple[FieldChange, ...]
    owner_type: str | None = None
    owner_id: int | None = None

    @property
    def who(self) -> str:
        if self.officer and self.os_user:
            return f"{self.officer} ({self.os_user})"
        return self.officer or self.os_user or "unknown"

    @property
    def record(self) -> str:
        """The record in words: 'Term of office — Ann Lee: 01/04/2001' (its number only when
        it has no name)."""
        kind = record_type_name(self.record_type)
        if self.label:
            return f"{kind} — {british_dates(self.label)}"
        return f"{kind} #{self.record_id}" if self.record_id is not None else kind

    @property
    def what(self) -> str:
        """e.g. 'Member — Ann Lee changed'."""
        return f"{self.record} {ACTIONS.get(self.action, self.action)}"

    def shown_changes(self) -> tuple[FieldChange, ...]:
        """The changes worth reading: not the link to the record this one belongs to (the
        line names it already; 'member id: 23' told the officer nothing)."""
        return tuple(c for c in self.changes if not self._owner_link(c))

    def _owner_link(self, change: FieldChange) -> bool:
        return (self.owner_id is not None and change.field.endswith("_id")
                and self.owner_id in (change.old, change.new))

    def summary(self, limit: int = 200) -> str:
        """The changes in one line: 'status: in progress → complete; due: …'."""
        parts = []
        for c in self.shown_changes():
            name = field_name(c.field)
            if self.action == "insert":
                parts.append(f"{name}: {show(c.new)}")
            elif self.action == "delete":
                parts.append(f"{name} was {show(c.old)}")
            else:
                parts.append(f"{name}: {show(c.old)} → {show(c.new)}")
        text = "; ".join(parts)
        return text if len(text) <= limit else text[:limit - 1] + "…"


_ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")


def british_dates(text: str) -> str:
    """ISO dates in a record's label shown as dd/mm/yyyy."""
    return _ISO_DATE.sub(lambda m: f"{m.group(3)}/{m.group(2)}/{m.group(1)}", text)


def field_name(column: str) -> str:
    """'start_date' -> 'start date' (the stored name stays in the CLI's JSON)."""
    return column.replace("_", " ")


def show(value) -> str:
    """A value as text for the History panel (dates as dd/mm/yyyy, yes/no, empty as '—')."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-":
        y, m, d = value.split("-")
        if y.isdigit() and m.isdigit() and d.isdigit():
            return f"{d}/{m}/{y}"
    text = str(value).replace("\n", " ⏎ ")
    return text if len(text) <= 80 else text[:79] + "…"


@dataclass(frozen=True)
class AuditFilter:
    """What the log shows; every part optional."""

    record_type: str | None = None
    record_id: int | None = None
    who: str | None = None            # the officer's name or the system user
    since: datetime | None = None     # from this moment (UTC)
    until: datetime | None = None     # before this moment (UTC)
    text: str = ""                    # in the label or the changes
    with_children: bool = True        # a record's terms, milestones… with it
