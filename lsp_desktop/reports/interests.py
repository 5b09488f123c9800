"""The register of interests PDF: each serving member's declarations on a date, with the
dates declared and withdrawn (non-councillor members sit outside the council's register)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from lsp_desktop.domain.members import Declaration, Member, Sector
from lsp_desktop.domain.partnership import Partnership
from lsp_desktop.domain.text import fold, format_date
from lsp_desktop.reports.base import (
    Bookmark,
    EndWithRows,
    PagedTable,
    PageSetup,
    gap,
    literal,
    markup,
    para,
    signature_block,
    write_pdf,
)

RECENT_DAYS = 365


@dataclass(frozen=True)
class InterestsData:
    partnership: Partnership
    on: date
    members: Sequence[Member]          # every member, with declarations and terms


def interests_title(data: InterestsData) -> str:
    return "Register of interests"


def in_force(d: Declaration, on: date) -> bool:
    return (d.declared_on is None or d.declared_on <= on) and (
        d.withdrawn_on is None or d.withdrawn_on >= on)


def _shown(d: Declaration, on: date) -> bool:
    """In force on the date, or withdrawn within the year before it."""
    return in_force(d, on) or (d.withdrawn_on is not None
                               and on - timedelta(days=RECENT_DAYS) <= d.withdrawn_on < on)


def _withdrawn(d: Declaration, on: date) -> str:
    if d.withdrawn_on is None:
        return "in force"
    if d.withdrawn_on >= on:
        return f"in force until {format_date(d.withdrawn_on)}"
    return f"withdrawn {format_date(d.withdrawn_on)}"


def build_interests(data: InterestsData, doc) -> list:
    width = doc.content_width
    on = data.on
    serving = sorted((m for m in data.members if m.is_current(on)),
                     key=lambda m: (list(Sector).index(m.sector), fold(m.name)))
    rows, without = [], []
    for m in serving:
        mine = sorted((d for d in m.declarations if _shown(d, on)),
                      key=lambda d: (d.declared_on or date.min, fold(d.interest)))
        if not mine:
            without.append(m.display_name)
            continue
        for i, d in enumerate(mine):
            rows.append([m.display_name if i == 0 else "", d.interest, d.body,
                         format_date(d.declared_on) or "–", _withdrawn(d, on)])
    in_force_count = sum(in_force(d, on) for m in serving for d in m.declarations)
    story: list = [
        Bookmark("Register of interests", 0, "interests"),
        markup("Register of interests", "title"),
        markup(f"{literal(data.partnership.name)}<br/>Declarations on {format_date(on)} · "
               f"{len(serving)} members serving · {in_force_count} interests in force",
               "subtitle"),
        para("Interests declared by the members serving on this date, with the date each "
             "was declared and whether it has been withdrawn (those withdrawn in the year "
             "before this date are shown too). Councillors also declare interests in the "
             "council's own register.", "small"),
        gap(6),
    ]
    closing = [gap(10), markup("Members with no interest declared", "h2"),
               para(", ".join(without) + "." if without else "None.", "small"),
               gap(10), markup("Certification", "h2"),
               para(f"We certify that this is a true record of the interests declared to "
                    f"{data.partnership.name} as on {format_date(on)}."),
               gap(6), signature_block(["Chair of the partnership", "Lead officer"], width)]
    if rows:
        table = PagedTable(["Member", "Interest", "Body", "Declared", "Status"], rows,
                           [width * f for f in (0.2, 0.34, 0.2, 0.11, 0.15)])
        story.append(EndWithRows(table, closing))
    else:
        story += [para("No interests are declared by the members serving on this date."),
                  *closing]
    return story


def render_interests(data: InterestsData, out: str | Path, produced: date, paper: str = "a4",
                     on_page: Callable[[int], None] | None = None) -> None:
    setup = PageSetup(data.partnership.name, interests_title(data), produced, paper,
                      subject=f"Declarations of interest on {format_date(data.on)}")
    write_pdf(out, setup, lambda doc: build_interests(data, doc), on_page=on_page)
