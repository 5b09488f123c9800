"""Table model over audit lines: when, who, which record, what happened, the changes."""

from __future__ import annotations

from datetime import UTC

from lsp_desktop.domain.audit import ACTIONS, field_name, record_type_name, show
from lsp_desktop.ui.models.record_table import RecordTableModel


def local_time(at) -> str:
    """A UTC moment as the officer's local dd/mm/yyyy hh:mm."""
    return at.replace(tzinfo=UTC).astimezone().strftime("%d/%m/%Y %H:%M")


def describe_changes(line) -> str:
    """Every field on its own line, old → new (the History panel's detail)."""
    out = []
    for c in line.changes:
        name = field_name(c.field)
        if line.action == "insert":
            out.append(f"{name}: {show(c.new)}")
        elif line.action == "delete":
            out.append(f"{name}: was {show(c.old)}")
        else:
            out.append(f"{name}: {show(c.old)} → {show(c.new)}")
    return "\n".join(out)


class AuditTableModel(RecordTableModel):
    HEADERS = ("When", "Who", "Record", "What", "Changes")

    def cells(self, line):
        record = record_type_name(line.record_type)
        if line.record_id is not None:
            record += f" #{line.record_id}"
        if line.label:
            record += f" — {line.label}"
        what = ACTIONS.get(line.action, line.action)
        display = (local_time(line.at), line.who, record, what, line.summary(160))
        keys = ((line.at, line.id), line.who.casefold(), record.casefold(), what,
                display[4].casefold())
        return display, keys

    def tooltip(self, line, column: int):
        return describe_changes(line) or None if column == 4 else None
