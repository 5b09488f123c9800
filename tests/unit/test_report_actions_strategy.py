"""Action plan and strategy draft PDFs built from hand-made domain objects, read back."""

from __future__ import annotations

import io
from datetime import date

from lsp_desktop.domain.actions import Action, ActionStatus, FundingSource, Milestone, Progress
from lsp_desktop.domain.criteria import Criterion
from lsp_desktop.domain.partnership import Partnership
from lsp_desktop.domain.strategies import (
    Section,
    Strategy,
    StrategyStatus,
    StrategyType,
    StrategyVersion,
    Target,
    compare_sections,
)
from lsp_desktop.reports.actions import ActionPlanData, render_action_plan
from lsp_desktop.reports.markdown import inline
from lsp_desktop.reports.strategy import StrategyDraftData, render_strategy
from tests.pdftext import has_image, has_link, reader, text

TODAY = date(2002, 6, 1)
P = Partnership("Thameside <Together> & Co")


def _pdf(render, data) -> bytes:
    out = io.BytesIO()
    render(data, out, TODAY)
    return out.getvalue()


ACTIONS = [
    Action("A-001", "Agree the vision", criterion=Criterion.STRATEGIC, due=date(2002, 5, 1),
           status=ActionStatus.IN_PROGRESS, progress=Progress.RED, amount=4000,
           funding_source=FundingSource.NRF, owner_body="Council",
           milestones=(Milestone("Draft to board", date(2002, 4, 1)),
                       Milestone("Consultation", date(2002, 3, 1), date(2002, 3, 5)))),
    Action("A-002", "<img src='x.png'/> & <b>bold</b>", criterion=Criterion.INCLUSIVE,
           due=date(2002, 9, 1), amount=1500, funding_source=FundingSource.CEF),
    Action("A-003", "Finished late", criterion=Criterion.INCLUSIVE, due=date(2002, 1, 1),
           status=ActionStatus.COMPLETE),
    Action("A-004", "Cut burglary", theme="crime", due=date(2002, 12, 1)),
]


def test_action_plan_groups_marks_overdue_and_totals_resources():
    data = _pdf(render_action_plan, ActionPlanData(P, ACTIONS, TODAY))
    pdf = text(data)
    assert "Strategic · 1 action, 1 overdue, £4,000" in pdf
    assert "Inclusive · 2 actions, 1 complete, £1,500" in pdf
    assert "No criterion" in pdf
    assert pdf.count("OVERDUE") == 2   # the legend and A-001; the complete one is not overdue
    assert "OVERDUE 31 days" in pdf
    assert "Draft to board · due 01/04/2002 overdue" in pdf
    assert "Consultation · done 05/03/2002" in pdf
    assert "Total £5,500" in pdf
    assert "<img src='x.png'/> & <b>bold</b>" in pdf
    assert "Thameside <Together> & Co" in pdf
    assert not has_image(data) and not has_link(data)


def test_action_plan_by_theme():
    pdf = text(_pdf(render_action_plan, ActionPlanData(P, ACTIONS, TODAY, "theme")))
    assert "Crime · 1 action" in pdf and "No theme · 3 actions" in pdf
    assert "Action plan by theme" in pdf


def _strategy(status=StrategyStatus.CONSULTATION_DRAFT, compare=False):
    old = (Section("Vision", "A borough where **nobody** is disadvantaged."),
           Section("Delivery", "Old text to go."))
    new = (Section("Vision", "A borough where **nobody** is *seriously* disadvantaged.\n\n"
                             "## Aims\n- jobs\n- <b>homes</b> & safety\n1. first"),
           Section("Delivery", "<a href=http://x>link</a> &amp; more"),
           Section("Monitoring", ""))
    return StrategyDraftData(
        P, Strategy(StrategyType.COMMUNITY, "Our Strategy", "2002-2012", status, "Ann", id=1),
        StrategyVersion(1, 2, "consultation", date(2002, 4, 2), status, new),
        TODAY, 1 if compare else None, compare_sections(old, new) if compare else (),
        (Target(1, "crime", "Burglaries per 1,000", 41, date(2001, 4, 1), 28,
                date(2004, 3, 31), 39.5, date(2002, 4, 1), "Police"),))


def test_strategy_draft_sections_markdown_and_watermark():
    data = _pdf(render_strategy, _strategy())
    pdf = text(data)
    for heading in ("Vision", "Delivery", "Monitoring", "Aims", "Targets"):
        assert heading in pdf
    assert "**" not in pdf and "nobody" in pdf
    assert "<b>homes</b> & safety" in pdf
    # `&amp;` in stored Markdown is an entity: the editor (Qt) shows "&", and so does print
    assert "<a href=http://x>link</a> & more" in pdf
    assert "(This section is still empty.)" in pdf
    assert "Burglaries per 1,000" in pdf and "off track" in pdf
    assert "DRAFT" in pdf
    assert not has_link(data)
    assert reader(data).metadata.title == "Our Strategy – version 2"
    agreed = text(_pdf(render_strategy, _strategy(StrategyStatus.AGREED)))
    assert "DRAFT" not in agreed


def test_strategy_comparison_is_marked_up():
    pdf = text(_pdf(render_strategy, _strategy(compare=True)))
    assert "Changes since version 1" in pdf
    assert "Old text to go." in pdf          # struck through, still readable
    assert "Monitoring (added" in pdf


def test_inline_markdown_never_passes_tags_through():
    assert inline("**a** <b>x</b>") == "<b>a</b> &lt;b&gt;x&lt;/b&gt;"
    assert inline("*it* & _it_") == "<i>it</i> &amp; <i>it</i>"
    assert inline("2 * 3 * 4") == "2 * 3 * 4"


def test_contents_entries_and_outline_keep_markup_literal():
    from datetime import date as _date

    from lsp_desktop.reports.base import Bookmark, PageSetup, markup, write_pdf
    from lsp_desktop.reports.pack import _contents

    out = io.BytesIO()
    title = "<img src='x.png'/> & <b>Co</b>"
    write_pdf(out, PageSetup("P", "T", _date(2002, 6, 1)),
              lambda doc: _contents() + [Bookmark(title, 0, "k"), markup("body")], toc=True)
    data = out.getvalue()
    assert title in text(data)
    assert not has_image(data)
    assert [o.title for o in reader(data).outline] == [title]


def test_an_enormous_action_still_prints_on_whole_rows():
    huge = Action("A-099", "Huge", criterion=Criterion.EFFICIENT, description="word " * 20000,
                  owner_body="body " * 500,
                  milestones=tuple(Milestone(f"step {i}", date(2002, 7, 1)) for i in range(60)))
    pdf = text(_pdf(render_action_plan, ActionPlanData(P, [huge], TODAY)))
    assert "more characters]" in pdf and "and 35 more milestones" in pdf


def test_strategy_markdown_escapes_print_as_typed():
    """The section editor stores typed `<`, `*`, `1.` with backslash escapes; print the text."""
    from lsp_desktop.reports.markdown import inline, markdown_flowables

    assert inline(r"Fees \<£5\> \& \*not bold\* **bold**") == (
        "Fees &lt;£5&gt; &amp; *not bold* <b>bold</b>")
    (para,) = markdown_flowables(r"1\. is a number, not a list")
    assert para.getPlainText() == "1. is a number, not a list"


def test_group_heading_never_ends_a_page_alone():
    """A group heading at the foot of a page with its first row on the next is orphaned."""
    from tests.pdftext import pages_text
    milestones = tuple(Milestone(f"Step {n} of the delivery plan", date(2002, 3, n))
                       for n in range(1, 7))
    orphans = []
    for filler in range(0, 12):
        actions = [Action(f"A-{n:03}", f"Filler action {n}", criterion=Criterion.STRATEGIC,
                          due=date(2002, 9, 1), milestones=milestones[:2])
                   for n in range(1, filler + 1)]
        actions += [Action(f"B-{n:03}", f"Tall action {n} " + "with a long description " * 3,
                           criterion=Criterion.INCLUSIVE, due=date(2002, 9, 1),
                           milestones=milestones) for n in range(1, 4)]
        pages = pages_text(_pdf(render_action_plan, ActionPlanData(P, actions, TODAY)))
        for page in pages[:-1]:
            lines = [ln for ln in page.splitlines() if ln.strip()]
            body = [ln for ln in lines if ln != P.name
                    and not ln.startswith(("Produced", "Page ", "Action plan"))]
            if body and body[-1].startswith("Inclusive · "):
                orphans.append(filler)
    assert orphans == []
