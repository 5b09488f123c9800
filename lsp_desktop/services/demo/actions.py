"""Demo action plan: about forty actions across the six criteria and the floor-target themes,
dated around the story's date (30/06/2002), some re-planned and some answering several
purposes."""

from __future__ import annotations

from datetime import date, timedelta

from lsp_desktop.domain.actions import (
    Action,
    ActionStatus,
    DueChange,
    FundingSource,
    Milestone,
    Progress,
    ProgressNote,
)
from lsp_desktop.domain.criteria import Criterion

C = Criterion
S = ActionStatus
P = Progress
F = FundingSource
NS, IP, DONE, DROP = S.NOT_STARTED, S.IN_PROGRESS, S.COMPLETE, S.DROPPED

# (title, criterion, theme, owner: member name or "@body", lead officer,
#  start and due in weeks from the story's date, status, rating, amount, source)
_ACTIONS = [
    # Strategic
    ("Agree the long-term vision with all four sectors", C.STRATEGIC, "", "Siobhán O'Neill",
     "Ruth Adeyemi", -40, -6, IP, P.RED, 4000, F.NRF),
    ("Map partners' mainstream budgets against the floor targets", C.STRATEGIC, "",
     "Richard Ellison", "Tom Greenwood", -30, 6, IP, P.AMBER, 15000, F.MAINSTREAM),
    ("Publish the Community Strategy consultation draft", C.STRATEGIC, "",
     "@London Borough of Thameside", "Ruth Adeyemi", -52, -20, DONE, P.GREEN, 6000, F.NRF),
    ("Link neighbourhood renewal priorities to the LDA's economic plan", C.STRATEGIC,
     "employment", "Catrin Morgan", "Tom Greenwood", -12, 20, IP, P.GREEN, None, None),
    ("Agree a joint commissioning statement with the PCT", C.STRATEGIC, "health",
     "Helen Chowdhury", "Ruth Adeyemi", -20, -2, IP, P.AMBER, None, None),
    ("Review theme partnerships' terms of reference", C.STRATEGIC, "", "Aoife Ní Bhriain",
     "Ruth Adeyemi", 2, 16, NS, None, None, None),
    ("Set local targets for liveability in the four priority wards", C.STRATEGIC,
     "liveability", "@Thameside Environment Forum", "Tom Greenwood", -16, 3, IP, P.GREEN,
     8000, F.NRF),
    # Inclusive
    ("Recruit two BME representatives to the board", C.INCLUSIVE, "", "Imran Qureshi",
     "Nadia Haddad", -36, -10, IP, P.RED, 2500, F.CEF),
    ("Run community chest grants round 2", C.INCLUSIVE, "", "@Thameside Community Network",
     "Nadia Haddad", -24, 8, IP, P.GREEN, 45000, F.CEF),
    ("Translate board papers into Polish, Bengali and Somali", C.INCLUSIVE, "",
     "Tomasz Kowalczyk", "Nadia Haddad", -30, -16, DONE, P.GREEN, 3500, F.CEF),
    ("Hold neighbourhood forums in Eastgate and Canal wards", C.INCLUSIVE, "liveability",
     "Gwenllïan Rhys", "Nadia Haddad", -10, 4, IP, P.AMBER, 1800, F.CEF),
    ("Youth panel to advise the board", C.INCLUSIVE, "education and skills",
     "Rhodri ap Siôn", "Nadia Haddad", -8, 26, IP, P.GREEN, 5000, F.CEF),
    ("Benefits take-up campaign in the priority neighbourhoods", C.INCLUSIVE, "employment",
     "David Osei", "Tom Greenwood", -28, -4, IP, P.RED, 7000, F.NRF),
    ("Faith communities' audit of volunteering", C.INCLUSIVE, "", "Canon Peter Hughes",
     "Nadia Haddad", -20, -8, DROP, None, None, None),
    # Action-focused
    ("Neighbourhood wardens in Northfields and Eastgate", C.ACTION_FOCUSED, "crime",
     "Gareth Price", "Sam Patel", -44, 30, IP, P.GREEN, 120000, F.NRF),
    ("Reduce burglary: target hardening for 600 homes", C.ACTION_FOCUSED, "crime",
     "@Metropolitan Police, Thameside Borough", "Sam Patel", -30, -3, IP, P.AMBER, 85000,
     F.NRF),
    ("Job brokerage at the Old Kent Road one-stop shop", C.ACTION_FOCUSED, "employment",
     "David Osei", "Tom Greenwood", -26, 12, IP, P.GREEN, 60000, F.NRF),
    ("Basic skills outreach in community venues", C.ACTION_FOCUSED, "education and skills",
     "Sinéad Brennan", "Sam Patel", -34, -12, IP, P.RED, 40000, F.MAINSTREAM),
    ("Healthy living centre at Bankside", C.ACTION_FOCUSED, "health", "Helen Chowdhury",
     "Sam Patel", -50, -10, DONE, P.GREEN, 150000, F.OTHER),
    ("Smoking cessation service in priority wards", C.ACTION_FOCUSED, "health",
     "@Thameside Primary Care Trust", "Sam Patel", -6, 3, IP, P.AMBER, 22000, F.NRF),
    ("Empty homes brought back into use", C.ACTION_FOCUSED, "housing", "Priya Patel",
     "Sam Patel", -40, 2, IP, P.AMBER, 70000, F.MAINSTREAM),
    ("Estate environmental improvements, Eastgate", C.ACTION_FOCUSED, "liveability",
     "Łucja Wróbel", "Sam Patel", 1, 40, NS, None, 95000, F.NRF),
    ("Drug treatment places for young people", C.ACTION_FOCUSED, "crime",
     "Andrzej Zieliński", "Sam Patel", -22, -1, IP, P.RED, 30000, F.NRF),
    # Performance managed
    ("Quarterly performance report to the board", C.PERFORMANCE_MANAGED, "",
     "@LSP secretariat", "Ruth Adeyemi", -20, 1, IP, P.GREEN, None, None),
    ("Baseline data for all floor targets by ward", C.PERFORMANCE_MANAGED, "",
     "@Thameside research team", "Tom Greenwood", -40, -14, DONE, P.GREEN, 12000, F.NRF),
    ("Agree a performance management framework", C.PERFORMANCE_MANAGED, "",
     "Richard Ellison", "Ruth Adeyemi", -30, -5, IP, P.AMBER, None, None),
    ("Neighbourhood statistics on the partnership website", C.PERFORMANCE_MANAGED, "",
     "@Thameside research team", "Tom Greenwood", -4, 10, IP, P.GREEN, 3000, F.NRF),
    ("Track GCSE results in the four priority wards", C.PERFORMANCE_MANAGED,
     "education and skills", "@Thameside LEA", "Sam Patel", -12, 30, IP, P.GREEN, None, None),
    ("Fire safety checks: measure homes visited", C.PERFORMANCE_MANAGED, "liveability",
     "Colin Marsh", "Sam Patel", -14, -7, NS, P.RED, 4000, F.MAINSTREAM),
    # Efficient
    ("Merge the crime and drugs theme groups", C.EFFICIENT, "crime", "Gareth Price",
     "Ruth Adeyemi", -18, -9, DONE, P.GREEN, None, None),
    ("Shared venue and catering contract for meetings", C.EFFICIENT, "", "@LSP secretariat",
     "Ruth Adeyemi", -10, 5, IP, P.GREEN, 2000, F.OTHER),
    ("Single bidding calendar for partners' funding", C.EFFICIENT, "",
     "Zofia Nowak-Smith", "Tom Greenwood", -15, -2, NS, P.AMBER, None, None),
    ("Review the number of sub-groups", C.EFFICIENT, "", "Jonathan Blake", "Ruth Adeyemi",
     -8, 8, IP, P.GREEN, None, None),
    ("Pool NRF management costs with Lewisham", C.EFFICIENT, "", "@Government Office for London",
     "Ruth Adeyemi", -20, 6, DROP, None, None, None),
    # Learning and development
    ("Induction pack for new board members", C.LEARNING, "", "@LSP secretariat", "Nadia Haddad",
     -26, -13, DONE, P.GREEN, 1500, F.CEF),
    ("Community leadership training for residents", C.LEARNING, "education and skills",
     "Delroy Campbell", "Nadia Haddad", -16, 14, IP, P.GREEN, 18000, F.CEF),
    ("Study visit to Sheffield First Partnership", C.LEARNING, "", "Aoife Ní Bhriain",
     "Nadia Haddad", -6, -1, NS, P.AMBER, 1200, F.NRF),
    ("Learning plan for the LNRS", C.LEARNING, "", "Margaret Okafor", "Ruth Adeyemi", -20,
     -6, DONE, P.GREEN, None, None),
    ("Board self-assessment workshop", C.LEARNING, "", "Siobhán O'Neill", "Ruth Adeyemi",
     3, 9, NS, None, 800, F.CEF),
    ("Share good practice on tenant involvement", C.LEARNING, "housing",
     "@Riverside Housing Association", "Nadia Haddad", -12, 20, IP, P.GREEN, None, None),
    # From the strategies, not tied to a criterion
    ("Women's refuge outreach worker", None, "crime", "Fatima Rahman", "Sam Patel", -20, 25,
     IP, P.GREEN, 26000, F.NRF),
]


def _milestones(start: date, due: date, status: ActionStatus, today: date,
                index: int) -> tuple[Milestone, ...]:
    span = (due - start).days
    first = start + timedelta(days=span // 3)
    second = start + timedelta(days=2 * span // 3)
    result = []
    for title, when in (("Plan agreed by theme group", first), ("Delivery under way", second)):
        done = None
        if status == ActionStatus.COMPLETE or (when < today and (index + when.day) % 3):
            done = when + timedelta(days=index % 5)
            done = min(done, today)
        result.append(Milestone(title, when, done))
    if index % 4 == 0:
        result.append(Milestone("Report to the board", due, today if status == DONE else None))
    return tuple(result)


def _notes(title: str, start: date, status: ActionStatus, rating, today: date,
           index: int) -> tuple[ProgressNote, ...]:
    if start > today:
        return ()
    notes = [ProgressNote(start, "Agreed at the board; lead officer named.")]
    if status == ActionStatus.COMPLETE:
        notes.append(ProgressNote(min(today, start + timedelta(days=60 + index)),
                                  "Complete: outcome reported to the board."))
    elif status == ActionStatus.DROPPED:
        notes.append(ProgressNote(today - timedelta(days=14),
                                  "Dropped: overtaken by a partner's own programme."))
    elif rating == Progress.RED:
        notes.append(ProgressNote(today - timedelta(days=10 + index % 7),
                                  "Behind plan: escalated to the chair & the lead partner."))
    elif rating is not None:
        notes.append(ProgressNote(today - timedelta(days=20 + index % 9),
                                  "On track; see the theme group's minutes."))
    return tuple(sorted(notes, key=lambda n: n.written_on, reverse=True))


# Re-planned at the board of 19/03/2002: title -> the due date first agreed.
_REPLANNED = {
    "Map partners' mainstream budgets against the floor targets": date(2002, 3, 31),
    "Agree a joint commissioning statement with the PCT": date(2002, 3, 31),
    "Reduce burglary: target hardening for 600 homes": date(2002, 3, 31),
}
_REPLANNED_ON = date(2002, 3, 19)

# Actions answering more than their own criterion: title -> further criteria.
_MORE_CRITERIA = {
    "Quarterly performance report to the board": (C.ACTION_FOCUSED,),
    "Recruit two BME representatives to the board": (C.EFFICIENT,),
    "Board self-assessment workshop": (C.PERFORMANCE_MANAGED,),
}


def demo_actions(today: date, member_ids: dict[str, int]) -> list[Action]:
    """The plan as it stands on `today`, the story's date."""
    actions = []
    for i, (title, criterion, theme, owner, lead, start_w, due_w, status, rating, amount,
            source) in enumerate(_ACTIONS, start=1):
        start = today + timedelta(weeks=start_w)
        due = today + timedelta(weeks=due_w)
        body = owner[1:] if owner.startswith("@") else ""
        member_id = None if body else member_ids[owner]
        original, changes = _REPLANNED.get(title), ()
        if original is not None:
            changes = (DueChange(_REPLANNED_ON, original, due),)
        actions.append(Action(
            original_due=original, due_changes=changes,
            more_criteria=_MORE_CRITERIA.get(title, ()),
            reference=f"A-{i:03d}", title=title,
            description=f"{title}. Part of the partnership's action plan.",
            criterion=criterion, theme=theme, owner_member_id=member_id, owner_body=body,
            lead_officer=lead, start=start, due=due, status=status, progress=rating,
            amount=amount, funding_source=source,
            milestones=_milestones(start, due, status, today, i),
            notes=_notes(title, start, status, rating, today, i)))
    return actions


# Actions from the strategies: these answer the first target with their theme.
_FOR_TARGETS = {"A-015", "A-016", "A-017", "A-020", "A-021", "A-028", "A-041"}


def link_to_targets(actions: list[Action], targets) -> list[Action]:
    """Point the actions in _FOR_TARGETS at a target of the same theme, when there is one."""
    by_theme: dict[str, int] = {}
    for t in targets:
        by_theme.setdefault(t.theme, t.id)
    return [a.with_changes(criterion=None, target_id=by_theme[a.theme])
            if a.reference in _FOR_TARGETS and a.theme in by_theme else a for a in actions]


def populate(services, today: date) -> None:
    ids = {m.name: m.id for m in services.members.all_members()}
    actions = demo_actions(today, ids)
    strategies = getattr(services, "strategies", None)
    if strategies is not None:
        actions = link_to_targets(actions, strategies.targets())
    services.actions.add_many(actions)
