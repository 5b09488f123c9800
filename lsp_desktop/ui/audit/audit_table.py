"""Table model over audit lines: when, who, which record, what happened, the changes."""

from __future__ import annotations

from datetime import UTC

from lsp_desktop.domain.audit import ACTIONS, field_name, show
from lsp_desktop.ui.common.record_table import RecordTableModel


def local_time(at) -> str:
    """A UTC moment as the officer's local dd/mm/yyyy hh:mm."""
    return at.replace(tzinfo=UTC).astimezone().strftime("%d/%m/%Y %H:%M")


def _long(value) -> bool:
    return isinstance(value, str) and (len(value) > 80 or "\n" in value)


def _in_full(head: str, value) -> str:
    text = value if isinstance(value, str) and value else show(value)
    return f"  {head}:\n" + "\n".join(f"    {part}" for part in text.splitlines())


def describe_changes(line, full: bool = False) -> str:
    """Every field on its own line, old → new (the History panel's detail); `full`: long
    texts (a section's body, a narrative) whole, line by line, rather than cut short."""
    out = []
    for c in line.shown_changes():
        name = field_name(c.field)
        if full and (_long(c.old) or _long(c.new)):
            out.append(f"{name}:")
            if line.action != "insert":
                out.append(_in_full("before", c.old))
            if line.action != "delete":
                out.append(_in_full("after", c.new))
        elif line.action == "insert":
            out.append(f"{name}: {show(c.new)}")
        elif line.action == "delete":
            out.append(f"{name}: was {show(c.old)}")
        else:
            out.append(f"{name}: {show(c.old)} → {show(c.new)}")
    return "\n".join(out)


class AuditTableModel(RecordTableModel):
    HEADERS = ("When", "Who", "Record", "What", "Changes")

    def cells(self, line):
        record = line.record
        what = ACTIONS.get(line.action, line.action)
        display = (local_time(line.at), line.who, record, what, line.summary(160))
        keys = ((line.at, line.id), line.who.casefold(), record.casefold(), what,
                display[4].casefold())
        return display, keys

    def tooltip(self, line, column: int):
        return describe_changes(line) or None if column == 4 else None
