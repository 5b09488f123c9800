"""The accreditation submission pack: cover, contents, profile, membership, self-assessment,
action plan, strategies, GO review, sign-off and the readiness annex."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from reportlab.lib import colors
from reportlab.platypus import (
    CondPageBreak,
    KeepTogether,
    PageBreak,
    Table,
    TableStyle,
)

from lsp_desktop.domain.accreditation import AssessmentRound, CriterionInfo, nrf_consequence
from lsp_desktop.domain.actions import Action
from lsp_desktop.domain.criteria import Criterion, Rating
from lsp_desktop.domain.members import Balance, Member, Role, Sector
from lsp_desktop.domain.partnership import Partnership
from lsp_desktop.domain.readiness import CriterionReadiness, Place
from lsp_desktop.domain.reference_board import SOUTHWARK_2002, balance_beside_reference
from lsp_desktop.domain.strategies import StrategySummary, Target
from lsp_desktop.domain.text import format_date, format_pounds
from lsp_desktop.reports.actions import action_plan_flowables
from lsp_desktop.reports.base import (
    BOLD,
    RULE,
    Bookmark,
    Contents,
    PagedTable,
    PageSetup,
    Styles,
    clip,
    gap,
    literal,
    markup,
    para,
    signature_block,
    simple_table,
    write_pdf,
)
from lsp_desktop.reports.charts import sector_chart
from lsp_desktop.reports.paragraphs import Paragraph
from lsp_desktop.reports.strategy import targets_table


@dataclass(frozen=True)
class PackData:
    """Everything in the submission; None where the file has nothing of that kind yet."""

    partnership: Partnership
    today: date
    round: AssessmentRound | None
    members: Sequence[Member]                      # serving today
    balance: Balance
    catalogue: dict[Criterion, CriterionInfo] = field(default_factory=dict)
    readiness: Sequence[CriterionReadiness] = ()
    actions: Sequence[Action] | None = None
    member_names: dict[int, str] = field(default_factory=dict)
    strategies: Sequence[StrategySummary] | None = None
    targets: Sequence[Target] = ()
    lead_officer: str = ""                         # "Name, job title" from the settings
    annex: bool = True                             # the annex of readiness signals


def pack_status(data: PackData) -> str:
    return "final" if data.round is not None and data.round.submitted_on else "draft"


def pack_title(data: PackData) -> str:
    name = data.round.name if data.round else "no round yet"
    return f"Accreditation submission – {name}"


def rating_chip(rating: Rating, width: float = 92) -> Table:
    """The rating as a coloured chip that also says its name (never colour alone)."""
    style = Styles.get()["cell_bold"]
    text = Paragraph(f'<font color="white">{literal(rating.label)}</font>', style)
    chip = Table([[text]], colWidths=[width], rowHeights=[15], hAlign="LEFT")
    chip.setStyle(TableStyle([
        ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor(rating.colour)),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 6), ("TOPPADDING", (0, 0), (-1, -1), 1),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]))
    return chip


def _facts(rows: Sequence[tuple[str, str]], width: float) -> Table:
    s = Styles.get()
    data = [[Paragraph(literal(k), s["cell_bold"]),
             Paragraph(literal(clip(v, 2000)) or "–", s["cell"])]
            for k, v in rows]
    table = Table(data, colWidths=[width * 0.3, width * 0.7], hAlign="LEFT")
    table.setStyle(TableStyle([("LINEBELOW", (0, 0), (-1, -1), 0.25, RULE),
                               ("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("TOPPADDING", (0, 0), (-1, -1), 3),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 4)]))
    return table


def _cover(data: PackData, width: float) -> list:
    p, rnd = data.partnership, data.round
    status = pack_status(data)
    colour = "#2e7d32" if status == "final" else "#ef6c00"
    rows = [("Partnership", p.name), ("Council area", p.council_area),
            ("Government Office", p.go_region),
            ("Round", rnd.name if rnd else "No assessment round recorded yet"),
            ("Kind of round", rnd.kind.label if rnd else ""),
            ("Financial year", rnd.financial_year if rnd else ""),
            ("Agreed by the board", format_date(rnd.agreed_on) if rnd else ""),
            ("Submitted", format_date(rnd.submitted_on) if rnd else ""),
            ("Date of this pack", format_date(data.today))]
    return [
        gap(70),
        markup("Accreditation submission", "title"),
        markup(f"{literal(p.name)}<br/>{literal(rnd.name) if rnd else ''}", "subtitle"),
        gap(16),
        _facts(rows, width * 0.8),
        gap(18),
        markup(f'Status: <font color="{colour}"><b>{status.upper()}</b></font>'
               + (" – not yet submitted to the Government Office" if status == "draft" else ""),
               "h2"),
        PageBreak(),
    ]


def _contents() -> list:
    s = Styles.get()
    toc = Contents(dotsMinLevel=0)
    toc.levelStyles = [
        s["body"].clone("toc0", fontName=BOLD, fontSize=10, leading=16, leftIndent=0),
        s["body"].clone("toc1", fontSize=9, leading=13, leftIndent=16),
    ]
    return [markup("Contents", "h1"), gap(6), toc, PageBreak()]


def _profile(data: PackData, width: float) -> list:
    p, rnd = data.partnership, data.round
    story = [Bookmark("Partnership profile", 0, "profile"),
             markup("1. Partnership profile", "h1"),
             _facts([("Partnership", p.name), ("Council area", p.council_area),
                      ("Government Office region", p.go_region),
                      ("Neighbourhood Renewal Fund area", "Yes" if p.nrf_area else "No"),
                      ("Board members serving", str(len(data.members))),
                      ("Who took part in the self-assessment",
                       rnd.participants if rnd else "")], width)]
    if p.nrf_allocations:
        rows = [[year, format_pounds(amount)] for year, amount in
                sorted(p.nrf_allocations.items())]
        story += [gap(8), markup("Anticipated NRF allocations", "h3"),
                  simple_table(["Financial year", "Allocation"], rows,
                               [width * 0.3, width * 0.25], [("ALIGN", (1, 0), (1, -1), "RIGHT")])]
    if rnd is not None:
        consequence = nrf_consequence(rnd, p.nrf_allocations)
        if consequence is not None:
            story += [gap(6), para(consequence.sentence())]
    return story


def _membership(data: PackData, width: float) -> list:
    b = data.balance
    rows = [[line.sector.label, str(line.seats), f"{line.share:.0%}",
             f"{line.reference_seats} ({line.reference_share:.0%})"]
            for line in balance_beside_reference(b)]
    rows.append(["Total seats", str(b.total), "100%" if b.total else "–",
                 str(SOUTHWARK_2002.total)])
    last = len(rows)
    table = simple_table(["Sector", "Seats", "Share", "Southwark 2002"], rows,
                         [width * 0.14, width * 0.07, width * 0.08, width * 0.17],
                         [("ALIGN", (1, 0), (-1, -1), "RIGHT"),
                          ("FONT", (0, last), (-1, last), BOLD, 8)])
    side = Table([[table, sector_chart(b, width * 0.44)]],
                 colWidths=[width * 0.5, width * 0.5], hAlign="LEFT")
    side.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                              ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    chair = f"The chair comes from the {b.chair_sector.value} sector." if b.chair_sector else \
        "No chair is recorded."
    extra = []
    if b.substitutes or b.observers:
        extra.append(f"Besides the seats: {b.substitutes} substitutes and {b.observers} "
                     "observers.")
    reference = (f"The guidance asks for an appropriate balance and sets no quota; the "
                 f"last column shows a board of the period for comparison "
                 f"({SOUTHWARK_2002.description()}).")
    missing = ("Expected bodies not on the board: " + ", ".join(b.missing_bodies) + "."
               if b.missing_bodies else "Every body the guidance expects is on the board.")
    story = [CondPageBreak(200), Bookmark("Membership and sector balance", 0, "membership"),
             markup("2. Membership and sector balance", "h1"),
             para(f"The board on {format_date(b.on)}: {b.total} seats."), side, gap(6),
             para(reference, "small"), para(" ".join([chair] + extra)), para(missing), gap(4),
             CondPageBreak(80), markup("Members serving", "h3_table")]
    order = {r: i for i, r in enumerate(Role)}
    members = sorted(data.members, key=lambda m: (list(Sector).index(m.sector),
                                                  order.get(m.role, 9), m.order_key))
    names = {m.id: m.display_name for m in data.members}
    story.append(PagedTable(["Name", "Sector", "Role", "Body", "Since"],
                            [[m.display_name, m.sector.label, m.role.label,
                              _body_serving(m, names),
                              format_date(m.term_on(b.on).start) if m.term_on(b.on) else ""]
                             for m in members],
                            [width * f for f in (0.25, 0.13, 0.13, 0.34, 0.15)]))
    return story


def _body_serving(member: Member, names: dict[int, str]) -> str:
    """The body a member represents and, for a substitute, whom they stand in for (as the
    register names them)."""
    lines = [member.organisation] if member.organisation else []
    if member.deputises_for_id is not None:
        lines.append(f"Substitute for {names.get(member.deputises_for_id, 'a former member')}")
    return "\n".join(lines)


def _overview(rnd: AssessmentRound, width: float) -> Table:
    rows = [[Paragraph(literal(c.label), Styles.get()["cell"]),
             rating_chip(rnd.assessment(c).rating, width * 0.2),
             rating_chip(rnd.assessment(c).go_rating, width * 0.2)] for c in Criterion]
    return simple_table(["Criterion", "Self-assessment", "Government Office"], rows,
                        [width * 0.5, width * 0.25, width * 0.25], stripes=False)


def _criterion(data: PackData, c: Criterion, n: int, width: float) -> list:
    rnd = data.round
    a = rnd.assessment(c)
    info = data.catalogue.get(c)
    actions = {x.id: x for x in data.actions or ()}
    story = [CondPageBreak(160), Bookmark(f"{n}. {c.label}", 1, f"crit-{c.name}"),
             markup(f"3.{n} {literal(c.label)}", "h2")]
    head = Table([[markup("<b>Rating</b>", "cell"), rating_chip(a.rating, 110),
                   markup("<b>GO rating</b>", "cell"), rating_chip(a.go_rating, 110)]],
                 colWidths=[50, 120, 62, 120], hAlign="LEFT")
    head.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                              ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    story += [head, gap(4)]
    if info is not None and info.description:
        story.append(para(info.description, "small"))
    if a.carried:
        story.append(para("Rating and narrative carried over from the previous round.",
                          "small"))
    story += [markup("Narrative", "h3"), para(a.narrative or "No narrative written yet.")]
    if a.strengths:
        story += [markup("Strengths", "h3"), para(a.strengths)]
    story.append(markup("Weaknesses", "h3"))
    if a.weaknesses:
        for w in a.weaknesses:
            linked = actions.get(w.action_id)
            tail = (f" <font color='#5f6b7a'>→ action {literal(linked.reference)}</font>"
                    if linked else "")
            story.append(markup(literal(w.text) + tail, "bullet"))
    else:
        story.append(para("None recorded.", "small"))
    story.append(markup("Evidence", "h3_table"))
    if a.evidence:
        rows = [[e.title, e.kind.label, format_date(e.dated), e.reference
                 + (f"\n(attached: {e.file_name})" if e.file_name else "")] for e in a.evidence]
        story.append(PagedTable(["Evidence", "Kind", "Dated", "Where to find it"], rows,
                                [width * f for f in (0.42, 0.12, 0.13, 0.33)]))
    else:
        story.append(para("No evidence listed.", "small"))
    linked = [x for x in data.actions or () if x.answers(c)]
    story += [CondPageBreak(60), markup("Linked actions", "h3_table")]
    if linked:
        rows = [[x.reference, x.title, x.status.label, x.due_text(),
                 "OVERDUE" if x.is_overdue(data.today) else ""] for x in linked]
        story.append(PagedTable(
            ["Ref", "Action", "Status", "Due", "Overdue"], rows,
            [width * f for f in (0.09, 0.52, 0.14, 0.13, 0.12)],
            lambda i, rows=rows: ((colors.HexColor("#fdecea"), colors.HexColor("#b71c1c"))
                                  if rows[i][4] else (None, None))))
    else:
        story.append(para("No actions answer this criterion yet.", "small"))
    return story


def _self_assessment(data: PackData, width: float) -> list:
    story = [PageBreak(), Bookmark("Self-assessment", 0, "self"),
             markup("3. Self-assessment, criterion by criterion", "h1")]
    if data.round is None:
        return story + [para("No assessment round has been recorded in this file yet.")]
    story += [para("Each criterion is rated on the four-step traffic light: green, "
                   "amber/green, amber/red, red.", "small"), _overview(data.round, width),
              gap(6)]
    for n, c in enumerate(Criterion, start=1):
        story += _criterion(data, c, n, width)
    return story


def _strategies(data: PackData, width: float) -> list:
    story = [CondPageBreak(200), Bookmark("Strategies and targets", 0, "strategies"),
             markup("5. Strategies and targets", "h1")]
    if not data.strategies:
        return story + [para("No strategies are recorded in this file yet.")]
    s = Styles.get()
    rows = []
    for x in data.strategies:
        missing = clip(", ".join(x.empty_components) or "none", 600)
        endorsed = clip(", ".join(x.endorsed_bodies) or "–", 900)
        rows.append([Paragraph(f"<b>{literal(clip(x.title, 300))}</b><br/>{literal(x.type.value)}"
                               f"{' · ' + literal(x.period) if x.period else ''}", s["cell"]),
                     Paragraph(literal(x.status.label), s["cell"]),
                     Paragraph(str(x.version_count), s["cell"]),
                     Paragraph(literal(missing), s["cell"]),
                     Paragraph(literal(endorsed), s["cell"])])
    story.append(simple_table(["Strategy", "Status", "Versions", "Empty sections",
                               "Endorsed by"], rows,
                              [width * f for f in (0.3, 0.14, 0.09, 0.17, 0.3)]))
    if data.targets:
        story += [gap(6), markup("Targets", "h2"), targets_table(data.targets, data.today,
                                                                  width)]
    return story


def _go_review(data: PackData, width: float) -> list:
    rnd = data.round
    story = [CondPageBreak(200), Bookmark("Government Office review", 0, "go"),
             markup("6. Government Office review and areas of concern", "h1")]
    if rnd is None:
        return story + [para("No assessment round recorded.")]
    story.append(_facts([("Outcome", rnd.outcome.label),
                         ("Review date", format_date(rnd.review_date))], width * 0.7))
    if rnd.go_comments:
        story += [markup("The Government Office's comments", "h3"), para(rnd.go_comments)]
    commented = [rnd.assessment(c) for c in Criterion if rnd.assessment(c).go_comments]
    if commented:
        story.append(markup("Comments by criterion", "h3"))
        for a in commented:
            story.append(markup(f"<b>{literal(a.criterion.label)}</b> ({literal(a.go_rating.label)})"
                                f": {literal(a.go_comments)}", "bullet"))
    if rnd.dialogues:
        story += [markup("Dialogue with stakeholders", "h3"),
                  PagedTable(["Held on", "With", "Notes"],
                             [[format_date(d.held_on), d.with_whom, d.notes]
                              for d in rnd.dialogues],
                             [width * 0.14, width * 0.3, width * 0.56])]
    story.append(markup("Areas of concern", "h3"))
    if rnd.concerns:
        def answering(concern) -> str:
            refs = [a.reference for a in data.actions or ()
                    if concern.id in a.concern_ids or a.id == concern.action_id]
            return ", ".join(dict.fromkeys(refs)) or "–"

        story.append(PagedTable(["Concern", "Criterion", "Status", "Actions"],
                                [[x.text, x.criterion.label if x.criterion else "–",
                                  x.status.label, answering(x)]
                                 for x in rnd.concerns],
                                [width * f for f in (0.5, 0.22, 0.14, 0.14)]))
    else:
        story.append(para("None recorded.", "small"))
    return story


def _sign_off(data: PackData, width: float) -> list:
    chair = next((m for m in data.members if m.role == Role.CHAIR), None)
    name = data.round.name if data.round else "this self-assessment"
    return [PageBreak(), Bookmark("Sign-off", 0, "signoff"), markup("7. Sign-off", "h1"),
            para(f"We confirm that {data.partnership.name} agreed this submission for "
                 f"{name}, and that it is a fair account of the partnership's progress "
                 "against the six criteria."),
            gap(14),
            signature_block([f"Chair of the partnership{': ' + chair.display_name if chair else ''}",
                             f"Lead officer{': ' + data.lead_officer if data.lead_officer else ''}"],
                            width)]


def _annex(data: PackData, width: float) -> list:
    story = [PageBreak(), Bookmark("Annex A: readiness signals", 0, "annex"),
             markup("Annex A: readiness signals", "h1"),
             para("Signals computed from the partnership's own records, beside the ratings "
                  "the partnership gave itself. A signal never changes a rating.", "small")]
    if not data.readiness:
        return story + [para("No readiness signals: no assessment round recorded.")]
    s = Styles.get()
    for r in data.readiness:
        rows = [[rating_chip(sig.level, 76), Paragraph(literal(clip(sig.sentence, 1500)),
                                                       s["cell"]),
                 Paragraph(literal(PAPER_PLACES.get(sig.place, "")), s["cell"])]
                for sig in r.signals]
        block = [markup(f"{literal(r.criterion.label)}", "h3"),
                 Table([[markup("<b>From the data</b>", "cell"), rating_chip(r.data_rating, 90),
                         markup("<b>Self-assessed</b>", "cell"), rating_chip(r.self_rating, 90)]],
                       colWidths=[82, 100, 82, 100], hAlign="LEFT")]
        if r.disagreement:
            block.append(para(r.disagreement, "small"))
        story.append(KeepTogether(block))
        if rows:
            story.append(simple_table(["Signal", "What the records show", "Where recorded"], rows,
                                      [width * 0.18, width * 0.6, width * 0.22], stripes=False))
    return story


# Where each signal's facts are kept, said for a reader of the paper (never a screen).
PAPER_PLACES = {
    Place.MEMBERS: "Membership register (section 2)",
    Place.ACTIONS: "Action plan (section 4)",
    Place.STRATEGIES: "Strategies and targets (section 5)",
    Place.ASSESSMENT: "Self-assessment (section 3)",
    Place.GO_REVIEW: "Government Office review (section 6)",
}


def build_pack(data: PackData, doc) -> list:
    width = doc.content_width
    story = _cover(data, width) + _contents() + _profile(data, width)
    story += _membership(data, width) + _self_assessment(data, width)
    story += [PageBreak(), Bookmark("Action plan", 0, "actions"),
              markup("4. Action plan by criterion", "h1")]
    if data.actions is None:
        story.append(para("No action plan is recorded in this file yet."))
    else:
        story += action_plan_flowables(data.actions, data.today, "criterion",
                                       data.member_names, width, level=1, prefix="pack-ap")
    story += _strategies(data, width) + _go_review(data, width) + _sign_off(data, width)
    if data.annex:
        story += _annex(data, width)
    return story


def render_pack(data: PackData, out: str | Path, produced: date, paper: str = "a4",
                on_page: Callable[[int], None] | None = None) -> None:
    setup = PageSetup(data.partnership.name, pack_title(data), produced, paper,
                      subject="Accreditation submission to the Government Office "
                              f"({pack_status(data)})")
    write_pdf(out, setup, lambda doc: build_pack(data, doc), on_page=on_page, toc=True)

