"""The membership register PDF: the board on a date by sector, public or full, with history."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from reportlab.platypus import CondPageBreak, KeepTogether

from lsp_desktop.domain.members import NON_SEAT_ROLES, Member, Role, Sector
from lsp_desktop.domain.partnership import Partnership
from lsp_desktop.domain.text import format_date
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
    simple_table,
    write_pdf,
)

ROLE_ORDER = {r: i for i, r in enumerate(Role)}
NOT_PUBLISHED = "Not published"


@dataclass(frozen=True)
class RegisterData:
    """Everything the register prints: every member with terms and contacts."""

    partnership: Partnership
    on: date
    members: Sequence[Member]
    public: bool = False
    history: bool = False
    sector: Sector | None = None        # only this sector (the tab's filter)


def register_title(data: RegisterData) -> str:
    kind = "public version" if data.public else "full version with contacts"
    return f"Membership register – {kind}"


def _contact(member: Member, public: bool) -> str:
    address = ", ".join(line.strip() for line in member.address.splitlines() if line.strip())
    parts = [p for p in (member.email, member.phone, address) if p]
    if public and not member.publish_contact:
        return NOT_PUBLISHED if parts else ""
    text = "\n".join(parts)
    if not public and parts and not member.publish_contact:
        text += " †"
    return text


def _body(member: Member, names: dict[int, str] | None = None) -> str:
    lines = [member.organisation] if member.organisation else []
    if member.deputises_for_id is not None and names:
        lines.append(f"Substitute for {names.get(member.deputises_for_id, 'a former member')}")
    if member.category:
        lines.append(member.category)
    if member.nominating_body and member.nominating_body != member.organisation:
        lines.append(f"Nominated by {member.nominating_body}")
    return "\n".join(lines)


def _term_text(term) -> str:
    if term is None:
        return ""
    if term.end is None:
        return f"from {format_date(term.start)}"
    return f"from {format_date(term.start)}\nto {format_date(term.end)}"


def _sort_key(member: Member):
    return ROLE_ORDER.get(member.role, 99), member.order_key, member.id or 0


def _former(members: Sequence[Member], on: date) -> list[Member]:
    gone = [m for m in members if not m.is_current(on) and any(t.start <= on for t in m.terms)]
    return sorted(gone, key=lambda m: (m.order_key, m.id or 0))


def _terms_text(member: Member, on: date) -> str:
    lines = []
    for t in sorted(member.terms, key=lambda t: t.start):
        if t.start > on:
            continue
        end = format_date(t.end) if t.end else "serving"
        reason = f" ({t.reason_left})" if t.reason_left else ""
        lines.append(f"{format_date(t.start)} – {end}{reason}")
    return "\n".join(lines)


def _summary(current: dict[Sector, list[Member]], width: float):
    seats = {s: sum(m.role.value not in NON_SEAT_ROLES for m in ms) for s, ms in current.items()}
    total = sum(seats.values())
    rows = []
    for sector in Sector:
        share = f"{seats[sector] / total:.0%}" if total else "–"
        others = len(current[sector]) - seats[sector]
        rows.append([sector.label, str(seats[sector]), share, str(others) if others else "–"])
    others = sum(len(ms) for ms in current.values()) - total
    rows.append(["Total", str(total), "100%" if total else "–", str(others) if others else "–"])
    widths = [width * 0.34, width * 0.16, width * 0.16, width * 0.34]
    last = len(rows)
    return simple_table(["Sector", "Seats", "Share", "Substitutes, observers"],
                        rows, widths, [("ALIGN", (1, 0), (-1, -1), "RIGHT"),
                                       ("FONT", (0, last), (-1, last), "DejaVuSans-Bold", 8)])


def build_register(data: RegisterData, doc) -> list:
    width = doc.content_width
    on = data.on
    current: dict[Sector, list[Member]] = {s: [] for s in Sector}
    names = {m.id: m.display_name for m in data.members}
    shown = [m for m in data.members if data.sector is None or m.sector == data.sector]
    for m in shown:
        if m.is_current(on):
            current[m.sector].append(m)
    serving = sum(len(v) for v in current.values())
    version = ("Public version: contact details appear only where the member has agreed "
               "to publish them." if data.public else
               "Full version for internal use: contains personal data. Contact details "
               "marked † are not for publication.")
    story: list = [
        Bookmark("Summary", 0, "summary"),
        markup("Membership register", "title"),
        markup(f"{literal(data.partnership.name)}<br/>The board on {format_date(on)}"
               f" · {serving} serving"
               + (f"<br/>{literal(data.sector.label)} sector only" if data.sector else "")
               + (" · current and former members" if data.history else ""), "subtitle"),
        para(version, "small"),
        gap(4),
        markup("Seats by sector", "h2"),
        _summary(current, width * 0.75),
        gap(10),
    ]
    widths = [width * f for f in (0.20, 0.105, 0.28, 0.125, 0.29)]
    header = ["Name", "Role", "Body and category", "Term", "Contact"]
    last_table = None
    for sector in [data.sector] if data.sector else Sector:
        members = sorted(current[sector], key=_sort_key)
        seats = sum(m.role.value not in NON_SEAT_ROLES for m in members)
        count = f"{seats} seat{'s' if seats != 1 else ''}"
        others = len(members) - seats
        if others:
            count += f", {others} substitute{'s' if others != 1 else ''} or observer" + (
                "s" if others != 1 else "")
        story += [CondPageBreak(90), Bookmark(f"{sector.label} sector", 0, f"sector-{sector.value}"),
                  markup(f"{sector.label} sector · {count}", "h1_table")]
        if not members:
            story.append(para("No members from this sector on this date.", "small"))
            continue
        rows = []
        for m in members:
            term = m.term_on(on)
            rows.append([m.display_name, m.role.label, _body(m, names), _term_text(term),
                         _contact(m, data.public)])
        last_table = PagedTable(header, rows, widths)
        story.append(last_table)
    if data.history:
        former = _former(shown, on)
        story += [CondPageBreak(90), Bookmark("Former members", 0, "former"),
                  markup(f"Former members · {len(former)}", "h1_table"),
                  para("Members who served before this date, with every term they served.",
                       "small")]
        if former:
            rows = [[m.display_name, m.sector.label, _body(m, names), _terms_text(m, on)]
                    for m in former]
            last_table = PagedTable(["Name", "Sector", "Body and category", "Terms served"],
                                    rows, [width * f for f in (0.24, 0.12, 0.34, 0.30)])
            story.append(last_table)
        else:
            last_table = None
            story.append(para("No former members.", "small"))
    closing = [
        gap(14),
        Bookmark("Certification", 0, "certification"),
        markup("Certification", "h2"),
        para(f"We certify that this is a true record of the membership of "
             f"{data.partnership.name} on {format_date(on)}."),
        gap(6),
        signature_block(["Chair of the partnership", "Lead officer"], width),
    ]
    if last_table is not None and story[-1] is last_table:
        # The certification goes over to a new page with the last rows, never alone.
        story[-1] = EndWithRows(last_table, closing)
    else:
        story.append(KeepTogether(closing))
    return story


def render_register(data: RegisterData, out: str | Path, produced: date, paper: str = "a4",
                    on_page: Callable[[int], None] | None = None) -> None:
    """Write the register as PDF to `out` (a path or a binary file object)."""
    setup = PageSetup(data.partnership.name, register_title(data), produced, paper,
                      subject=f"The board on {format_date(data.on)}")
    write_pdf(out, setup, lambda doc: build_register(data, doc), on_page=on_page)

