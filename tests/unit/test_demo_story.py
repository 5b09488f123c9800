"""The demo tells one story: every date in one period, and its cross-references agree."""

from __future__ import annotations

import re
from datetime import date

import sqlalchemy as sa
from sqlalchemy import select

from lsp_desktop.db.models import Base
from lsp_desktop.domain.actions import ActionStatus
from lsp_desktop.domain.strategies import StrategyStatus, StrategyType
from lsp_desktop.services.demo import PERIOD, STORY_DATE
from lsp_desktop.services.unit_of_work import unit_of_work

# Dates that may lie beyond the period: long-term target dates.
LONG_TERM = {("target", "target_date")}
# Columns that record when the file itself was written, not the story.
FILE_DATES = {("audit", "at")}
_STOP = {"board", "their", "which", "there", "about", "other", "these", "action"}


def _all_values(services, kinds):
    """(table, column, value) for every column of the given SQL types, in every table."""
    with unit_of_work(services.members._factory) as s:
        for table in Base.metadata.sorted_tables:
            for column in table.columns:
                if isinstance(column.type, kinds) and (table.name, column.name) not in FILE_DATES:
                    for value in s.scalars(select(column).where(column.is_not(None))):
                        yield table.name, column.name, value


def test_demo_opens_at_the_date_its_story_stands(demo_services):
    assert demo_services.partnership.get().opens_on == STORY_DATE == date(2002, 6, 30)


def test_every_date_in_the_demo_lies_in_one_period(demo_services):
    start, end = PERIOD
    outside = [(t, c, v) for t, c, v in _all_values(demo_services, (sa.Date,))
               if not start <= v <= end and not ((t, c) in LONG_TERM and v >= start)]
    assert outside == []
    # Nothing that happened (notes, milestones done, versions, declarations) after the story.
    assert all(n.written_on <= STORY_DATE for a in demo_services.actions.list_actions()
               for n in a.notes)
    assert all(m.done is None or m.done <= STORY_DATE
               for a in demo_services.actions.list_actions() for m in a.milestones)


def test_the_demo_text_has_no_slips(demo_services):
    text = " ".join(str(v) for _, _, v in _all_values(demo_services, (sa.String, sa.Text)))
    for slip in ("croeso", "Welsh", "Index of Deprivation", "five priority"):
        assert slip not in text, slip
    assert "Indices of Deprivation 2000" in text


def _stems(text: str) -> set[str]:
    return {w[:5] for w in re.findall(r"[a-z]+", text.casefold()) if len(w) >= 5} - _STOP


def test_weaknesses_point_to_actions_that_answer_them(demo_services):
    actions = {a.id: a for a in demo_services.actions.list_actions()}
    first = demo_services.accreditation.find_round("Accreditation 2001/02")
    pairs = [(w.text, actions[w.action_id].title) for a in first.criteria
             for w in a.weaknesses if w.action_id is not None]
    assert ("No learning plan for board members and community representatives.",
            "Learning plan for the LNRS") in pairs
    for weakness, action in pairs:
        assert _stems(weakness) & _stems(action), (weakness, action)


def test_owners_serve_while_their_actions_run(demo_services):
    members = {m.id: m for m in demo_services.members.all_members()}
    for a in demo_services.actions.list_actions():
        if a.owner_member_id is None:
            continue
        owner = members[a.owner_member_id]
        if a.start and a.start <= STORY_DATE:
            assert owner.is_current(a.start), (a.title, owner.name)
        if a.status not in (ActionStatus.COMPLETE, ActionStatus.DROPPED):
            assert owner.is_current(STORY_DATE), (a.title, owner.name)


def test_statuses_agree_with_the_narrative(demo_services):
    svc = demo_services.strategies
    by_type = {s.type: s for s in svc.summaries()}
    lnrs = by_type[StrategyType.NEIGHBOURHOOD_RENEWAL]
    assert lnrs.status == StrategyStatus.AGREED
    agreed = [v for v in svc.version_summaries(lnrs.id) if "agreed" in v.label]
    assert agreed and agreed[-1].created.replace(day=1) == date(2002, 4, 1)
    review = demo_services.accreditation.find_round("Annual review 2002/03")
    strategic = review.assessment(review.criteria[0].criterion).narrative
    assert "Neighbourhood Renewal Strategy in April 2002" in strategic
    learning = [a for a in demo_services.actions.list_actions()
                if a.title == "Learning plan for the LNRS"]
    assert learning[0].status == ActionStatus.COMPLETE      # "A learning plan was agreed"


def test_counts_agree_priority_neighbourhoods_board_and_leads(demo_services):
    hoods = demo_services.strategies.neighbourhoods()
    wards = [w for n in hoods for w in n.wards.split(";")]
    assert (len(hoods), len(wards)) == (2, 4)
    first = demo_services.accreditation.find_round("Accreditation 2001/02")
    narrative = first.assessment(first.criteria[0].criterion).narrative
    assert "two priority neighbourhoods" in narrative and "(four wards)" in narrative
    titles = " ".join(a.title for a in demo_services.actions.list_actions())
    assert "four priority wards" in titles
    assert demo_services.members.balance(STORY_DATE).total == 26
    gcse = [t for t in demo_services.strategies.targets() if "GCSE" in t.indicator]
    assert "Learning and Skills Council" not in gcse[0].lead_partner


def test_a_replanned_action_keeps_its_original_due_date(demo_services):
    slipped = [a for a in demo_services.actions.list_actions() if a.slipped]
    assert slipped
    a = next(a for a in slipped if a.title.startswith("Agree a joint commissioning"))
    assert a.due_text() == "16/06/2002, originally 31/03/2002"
    assert [(c.before, c.after) for c in a.due_changes] == [(date(2002, 3, 31), a.due)]
