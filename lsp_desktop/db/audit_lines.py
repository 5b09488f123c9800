"""How an audit line reads (its record's label, its JSON): shared by db.audit and the file import."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from decimal import Decimal

# The fields that name a record, in order of preference.
LABEL_FIELDS = {
    "member": ("title", "name"), "action": ("reference", "title"), "term": ("start_date",),
    "declaration": ("interest",), "action_milestone": ("title",), "action_note": ("written_on",),
    "nrf_allocation": ("financial_year",), "criterion_assessment": ("criterion",),
    "criterion_prompt": ("criterion", "text"), "strategy_version": ("number", "label"),
    "go_dialogue": ("held_on", "with_whom"), "endorsement": ("body",),
    "consultation": ("event",), "target": ("indicator",), "area_of_concern": ("text",),
    "weakness": ("text",), "evidence_file": ("id",),
    "action_purpose": ("criterion",), "action_due_change": ("changed_on",),
    "meeting": ("held_on", "status"), "meeting_body": ("name",), "agenda_item": ("title",),
    "meeting_decision": ("number", "text"), "meeting_paper": ("file_name",),
    "attendance": ("member_id", "presence"), "meeting_declaration": ("interest",),
    "quorum_rule": ("share_numerator", "share_denominator"),
    "fund": ("code",), "fund_year": ("financial_year",), "theme_allocation": ("theme",),
    "project": ("reference", "title"), "project_budget": ("financial_year",),
    "project_quarter": ("financial_year", "quarter"), "target_point": ("measured_on",),
}
FALLBACK_LABEL = ("name", "title", "reference", "label", "indicator", "body", "text")


def plain(value):
    """A JSON-friendly copy of a column value; binary contents become their size."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, (bytes, bytearray, memoryview)):
        return f"<{len(bytes(value))} bytes>"
    if isinstance(value, Decimal):
        return float(value)
    return getattr(value, "value", str(value))


def label(table: str, values: dict) -> str:
    """How a line names its record: the fields that name it, cut at 120 characters."""
    names = LABEL_FIELDS.get(table)
    if names:
        parts = [v if v.__class__ is str else str(plain(v)) for v in map(values.get, names)
                 if v is not None and v != ""]
    else:
        parts = next(([str(values[n])] for n in FALLBACK_LABEL if values.get(n)), [])
    text = " ".join(parts).replace("\n", " ").strip()
    return text if len(text) <= 120 else text[:117].rstrip() + "…"


def utc_now() -> datetime:
    """The time a line is stamped with: UTC, without its zone."""
    return datetime.now(UTC).replace(tzinfo=None)


def _json_default(value):
    got = plain(value)
    return got if got is not value else str(value)


# The changes column's JSON.
ENCODER = json.JSONEncoder(ensure_ascii=False, sort_keys=True, default=_json_default)
