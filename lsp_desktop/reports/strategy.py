"""The strategy draft PDF: one version's sections, DRAFT unless agreed, changes marked up."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from reportlab.platypus import CondPageBreak

from lsp_desktop.domain.partnership import Partnership
from lsp_desktop.domain.strategies import (
    DiffKind,
    Endorsement,
    SectionChange,
    SectionDiff,
    Strategy,
    StrategyStatus,
    StrategyVersion,
    Target,
    format_number,
    target_status,
    theme_label,
)
from lsp_desktop.domain.text import format_date
from lsp_desktop.reports.base import (
    Bookmark,
    PageSetup,
    Styles,
    clip,
    gap,
    literal,
    markup,
    para,
    simple_table,
    write_pdf,
)
from lsp_desktop.reports.markdown import markdown_flowables

INSERTED = "#1b5e20"
DELETED = "#b71c1c"


@dataclass(frozen=True)
class StrategyDraftData:
    partnership: Partnership
    strategy: Strategy
    version: StrategyVersion
    today: date
    compare_with: int | None = None
    changes: Sequence[SectionDiff] = ()
    targets: Sequence[Target] = ()
    endorsements: Sequence[Endorsement] = ()


def strategy_title(data: StrategyDraftData) -> str:
    return f"{data.strategy.title} – version {data.version.number}"


def _value(value: float | None, when: date | None) -> str:
    if value is None:
        return "–"
    return format_number(value) + (f"\n{format_date(when)}" if when else "")


def targets_table(targets: Sequence[Target], today: date, width: float):
    from lsp_desktop.reports.paragraphs import Paragraph

    cell = Styles.get()["cell"]
    rows, extra = [], []
    for i, t in enumerate(targets, start=1):
        status = target_status(t, today)
        colour = {"on track": "#2e7d32", "off track": "#c62828"}.get(status.value, "#757575")
        rows.append([Paragraph(literal(theme_label(t.theme)), cell),
                     Paragraph(literal(clip(t.indicator, 600)) + (
                         f"<br/><font color='#5f6b7a'>{literal(clip(t.data_source, 300))}</font>"
                         if t.data_source else ""), cell),
                     Paragraph(literal(_value(t.baseline_value, t.baseline_date)), cell),
                     Paragraph(literal(_value(t.target_value, t.target_date)), cell),
                     Paragraph(literal(_value(t.latest_value, t.latest_date)), cell),
                     Paragraph(literal(clip(t.lead_partner, 300)), cell),
                     Paragraph(f'<font color="{colour}">■</font> {literal(status.value)}', cell)])
        del i
    widths = [width * f for f in (0.12, 0.29, 0.11, 0.11, 0.11, 0.14, 0.12)]
    return simple_table(["Theme", "Indicator and source", "Baseline", "Target", "Latest",
                         "Lead partner", "Status"], rows, widths, extra)


def _diff_markup(diff: SectionDiff) -> str:
    out = []
    for op in diff.ops:
        text = literal(op.text)
        if op.kind == DiffKind.INSERT:
            out.append(f'<u><font color="{INSERTED}">{text}</font></u>')
        elif op.kind == DiffKind.DELETE:
            out.append(f'<strike><font color="{DELETED}">{text}</font></strike>')
        else:
            out.append(text)
    return "".join(out) or "<i>(empty)</i>"


def changes_flowables(data: StrategyDraftData) -> list:
    changed = [d for d in data.changes if d.change != SectionChange.UNCHANGED]
    story: list = [
        CondPageBreak(120),
        Bookmark(f"Changes since version {data.compare_with}", 0, "changes"),
        markup(f"Changes since version {data.compare_with}", "h1"),
        markup(f'Words added are <u><font color="{INSERTED}">underlined in green</font></u>; '
               f'words removed are <strike><font color="{DELETED}">struck through in red'
               f"</font></strike>. {len(changed)} of {len(data.changes)} sections changed.",
               "small"),
    ]
    for n, diff in enumerate(data.changes):
        if diff.change == SectionChange.UNCHANGED:
            continue
        label = diff.change.value
        counts = f" · +{diff.inserted_words} / −{diff.deleted_words} words"
        story += [Bookmark(diff.title, 1, f"change-{n}"),
                  markup(f"{literal(diff.title)} <font color='#5f6b7a' size='8'>({label}"
                         f"{counts})</font>", "h2"),
                  markup(_diff_markup(diff))]
    return story


def build_strategy(data: StrategyDraftData, doc) -> list:
    s, v = data.strategy, data.version
    width = doc.content_width
    story: list = [
        Bookmark(s.title, 0, "top"),
        markup(literal(s.title), "title"),
        markup(f"{literal(s.type.value)}{' · ' + literal(s.period) if s.period else ''}<br/>"
               f"Version {v.number}{' “' + literal(v.label) + '”' if v.label else ''}, saved "
               f"{format_date(v.created)} · status: <b>{literal(v.status.label)}</b>",
               "subtitle"),
    ]
    if v.status != StrategyStatus.AGREED:
        story.append(para("This is a draft for discussion. It is not the partnership's "
                          "agreed text.", "small"))
    if s.lead_officer:
        story.append(para(f"Lead officer: {s.lead_officer}", "small"))
    if data.endorsements:
        names = ", ".join(f"{e.body}" + (f" ({format_date(e.endorsed_on)})"
                                         if e.endorsed_on else "") for e in data.endorsements)
        story.append(para(f"Endorsed by: {names}", "small"))
    story.append(gap(6))
    if not v.sections:
        story.append(para("This version has no sections.", "small"))
    for n, section in enumerate(v.sections):
        story += [CondPageBreak(60), Bookmark(section.title or f"Section {n + 1}", 0, f"s{n}"),
                  markup(literal(section.title) or f"Section {n + 1}", "h1")]
        body = markdown_flowables(section.body, width)
        story += body or [para("(This section is still empty.)", "small")]
    if data.targets:
        story += [CondPageBreak(120), Bookmark("Targets", 0, "targets"),
                  markup("Targets", "h1"), targets_table(data.targets, data.today, width)]
    if data.compare_with is not None:
        story += changes_flowables(data)
    return story


def render_strategy(data: StrategyDraftData, out: str | Path, produced: date,
                    paper: str = "a4", on_page: Callable[[int], None] | None = None) -> None:
    agreed = data.version.status == StrategyStatus.AGREED
    setup = PageSetup(data.partnership.name, strategy_title(data), produced, paper,
                      subject=f"{data.strategy.type.value}, version {data.version.number}",
                      watermark="" if agreed else "DRAFT")
    write_pdf(out, setup, lambda doc: build_strategy(data, doc), on_page=on_page)
