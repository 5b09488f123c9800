"""The subject access report: everything held about one member, printed readably as PDF."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

from reportlab.lib.units import mm

from lsp_desktop.reports.base import PageSetup, gap, para, simple_table, write_pdf

# A cell longer than this is cut in the PDF (rows never split across pages);
# the JSON export always carries the full text.
MAX_CELL = 1500


def _value(value) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    text = str(value)
    if len(text) > MAX_CELL:
        text = text[:MAX_CELL] + " … (cut here; the JSON export has the full text)"
    return text


def _fields(record: dict, width: float):
    rows = [[para(k.replace("_", " "), "cell_bold"), para(_value(v), "cell")]
            for k, v in record.items()]
    return simple_table([para("Field", "cell_bold"), para("Value", "cell_bold")], rows,
                        (45 * mm, width - 45 * mm))


def _story(data: dict, doc) -> list:
    width = doc.width
    story = [para(f"Personal data held about {data['subject']}", "title"),
             para(f"Produced on {date.fromisoformat(data['produced_on']):%d/%m/%Y} in answer "
                  "to a subject access request. It lists the member's record, terms of "
                  "office, declarations of interest, records linked to them and every "
                  "mention of their name or email elsewhere in the partnership's records.",
                  "subtitle"),
             para("Record", "h1"), _fields(data["record"], width)]
    for title, key in (("Terms of office", "terms"), ("Declarations of interest", "declarations"),
                       ("Erasures recorded", "erasures")):
        story.append(para(title, "h1"))
        if not data[key]:
            story.append(para("None.", "small"))
        for i, item in enumerate(data[key], start=1):
            story += [para(f"{title[:-1] if title.endswith('s') else title} {i}", "h3"),
                      _fields(item, width)]
    for title, key in (("Records linked to the member", "linked_records"),
                       ("Mentions elsewhere", "mentions")):
        story.append(para(title, "h1"))
        if not data[key]:
            story.append(para("None.", "small"))
        for table, items in data[key].items():
            for i, item in enumerate(items, start=1):
                story += [para(f"{table.replace('_', ' ')} {i}", "h3"), _fields(item, width)]
    story.append(gap(8))
    return story


def render_subject_access(data: dict, partnership: str, out: str | Path | io.BytesIO,
                          paper: str = "a4") -> None:
    """Write the subject access data (as PersonalDataService.subject_access gives it) as PDF."""
    produced = date.fromisoformat(data["produced_on"])
    setup = PageSetup(partnership, f"Subject access: {data['subject']}", produced, paper,
                      subject="Personal data held about one member")
    write_pdf(out, setup, lambda doc: _story(data, doc))
