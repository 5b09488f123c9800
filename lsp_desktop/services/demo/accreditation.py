"""Demo accreditation: the 2001/02 round (accredited, two areas of concern) and 2002/03 in progress."""

from __future__ import annotations

import tempfile
from dataclasses import replace
from datetime import date
from pathlib import Path

from lsp_desktop.domain.accreditation import (
    Concern,
    ConcernStatus,
    Dialogue,
    EvidenceItem,
    EvidenceKind,
    Outcome,
    RoundKind,
)
from lsp_desktop.domain.criteria import Criterion as C
from lsp_desktop.domain.criteria import Rating as R

D = date
K = EvidenceKind

# criterion: (self rating, GO rating, narrative, strengths, weaknesses, evidence)
_ROUND_2001 = {
    C.STRATEGIC: (
        R.AMBER_GREEN, R.AMBER_GREEN,
        "The board agreed a draft Community Strategy vision in November 2001 after a "
        "borough-wide conference. The Neighbourhood Renewal Strategy is a working draft "
        "and names two priority neighbourhoods, Northfields and Eastgate (four wards), from "
        "the Indices of Deprivation 2000.",
        "Shared vision agreed by all partners.\nPriority neighbourhoods chosen on evidence.",
        ["Partners' own business plans do not yet refer to the Community Strategy.",
         "The Neighbourhood Renewal Strategy is not yet agreed by the board."],
        [("Board minutes agreeing the vision", K.MINUTES, D(2001, 11, 20), "LSP/01/07 item 4"),
         ("Community Strategy consultation draft", K.DOCUMENT, D(2001, 12, 3), "")]),
    C.INCLUSIVE: (
        R.GREEN, R.AMBER_GREEN,
        "Eight community and five voluntary sector seats out of 28; residents from each "
        "priority neighbourhood elected through the Community Empowerment Network.",
        "Residents from every priority neighbourhood sit on the board.",
        ["The Benefits Agency and the Government Office do not attend."],
        [("Community Empowerment Network election results", K.DATA, D(2001, 9, 28), ""),
         ("Residents' survey on the LSP", K.SURVEY, D(2002, 1, 15), "Survey report, 412 replies")]),
    C.ACTION_FOCUSED: (
        R.AMBER_GREEN, R.AMBER_GREEN,
        "Theme groups for crime, health and worklessness each have an action plan with owners.",
        "Theme groups meet monthly.",
        ["Housing and liveability have no theme group action plan yet."],
        [("Theme group action plans", K.DOCUMENT, D(2002, 1, 31), "Shared drive: LSP/Plans")]),
    C.PERFORMANCE_MANAGED: (
        R.AMBER_RED, R.AMBER_RED,
        "Baselines exist for crime and health; education and worklessness figures are at "
        "district level only.",
        "Police and PCT supply quarterly figures.",
        ["No neighbourhood-level baselines for worklessness and education.",
         "The board has not yet reviewed performance information."],
        [("Quarterly crime figures", K.DATA, D(2002, 1, 10), "Met Police borough data")]),
    C.EFFICIENT: (
        R.AMBER_GREEN, R.GREEN,
        "Terms of reference, a code of conduct and a register of interests were adopted in "
        "May 2001. The secretariat is two officers in the Chief Executive's department.",
        "Clear terms of reference.\nPapers go out a week before each meeting.",
        ["Few statutory members have named substitutes."],
        [("Terms of reference", K.DOCUMENT, D(2001, 5, 14), "LSP/01/01")]),
    C.LEARNING: (
        R.AMBER_RED, R.AMBER_GREEN,
        "An induction day was held for new members; a learning plan is still to be written.",
        "Induction day well attended.",
        ["No learning plan for board members and community representatives."],
        [("Induction training day for board members", K.OTHER, D(2001, 7, 12),
          "Attendance list and evaluation forms")]),
}

# What changed in 2002/03 so far: re-rated criteria and new evidence.
_ROUND_2002 = {
    C.STRATEGIC: (R.GREEN, "The board agreed the Community Strategy in March 2002 and the "
                  "Neighbourhood Renewal Strategy in April 2002."),
    C.PERFORMANCE_MANAGED: (R.AMBER_GREEN, "Neighbourhood baselines for worklessness now "
                            "come from the Employment Service each quarter."),
    C.LEARNING: (R.GREEN, "A learning plan was agreed in May 2002 and two workshops held."),
}

_CONCERNS = [
    (C.PERFORMANCE_MANAGED, "Performance management arrangements are not yet in place: the "
     "board should review progress against floor targets at least quarterly.",
     ConcernStatus.IN_HAND),
    (C.INCLUSIVE, "Statutory agencies other than the council, police and PCT are not "
     "fully engaged; the Benefits Agency (Jobcentre Plus from April 2002) and the "
     "Government Office should be brought in.", ConcernStatus.OPEN),
]


def populate(services, today: date) -> None:
    acc = services.accreditation
    first = acc.new_round("Accreditation 2001/02", RoundKind.ACCREDITATION, "2001/02")
    for c, (own, go, narrative, strengths, weaknesses, evidence) in _ROUND_2001.items():
        acc.save_criterion(first.id, c, own, narrative, strengths)
        acc.set_go_rating(first.id, c, go, _go_comment(own, go))
        for text in weaknesses:
            acc.add_weakness(first.id, c, text)
        with tempfile.TemporaryDirectory(prefix="lsp-demo-") as tmp:
            for title, kind, dated, reference in evidence:
                acc.add_evidence(first.id, c, EvidenceItem(title, kind, dated, reference),
                                 _attachment(title, Path(tmp)))
    acc.add_dialogue(first.id, Dialogue(D(2002, 1, 22), "Chair, vice-chair and theme group "
                                        "leads", "GO for London review meeting"))
    acc.add_dialogue(first.id, Dialogue(D(2002, 1, 29), "Community Empowerment Network "
                                        "steering group"))
    _link_to_plan(services, first.id)
    actions = {a.title: a for a in services.actions.list_actions()}
    for c, text, status in _CONCERNS:
        concern = acc.add_concern(first.id, Concern(text, c, status))
        answers = [actions[t] for t in _ANSWERS_TO_CONCERN.get(c, ()) if t in actions]
        if answers:
            acc.update_concern(replace(concern, action_id=answers[0].id))
        for a in answers:       # several actions answer one concern, each among its purposes
            a = services.actions.get(a.id)
            services.actions.update(a.with_changes(
                more_concern_ids=a.more_concern_ids + (concern.id,))
                if a.concern_id is not None else a.with_changes(concern_id=concern.id))
    first = acc.get_round(first.id)
    acc.update_round(replace(
        first, participants="Board away day, 8 December 2001: 21 members; theme group "
        "leads; Community Empowerment Network representatives",
        agreed_on=D(2001, 12, 18), submitted_on=D(2001, 12, 21), outcome=Outcome.ACCREDITED,
        go_comments="Accredited. The Government Office will write setting out two areas of "
                    "concern to address in the 2002/03 annual review."))

    second = acc.new_round("Annual review 2002/03", RoundKind.ANNUAL_REVIEW, "2002/03",
                           carry_from_id=first.id)
    acc.update_round(replace(acc.get_round(second.id), participants=(
        "Board away day, 14 May 2002: 19 members; theme group leads")))
    second = acc.get_round(second.id)
    for c, (rating, note) in _ROUND_2002.items():
        before = second.assessment(c)
        acc.save_criterion(second.id, c, rating, f"{before.narrative}\n\n{note}",
                           before.strengths)
    acc.add_evidence(second.id, C.LEARNING, EvidenceItem(
        "Learning plan workshop for community representatives", K.OTHER, D(2002, 5, 9),
        "Workshop notes"))
    acc.add_evidence(second.id, C.STRATEGIC, EvidenceItem(
        "Board minutes agreeing the Neighbourhood Renewal Strategy", K.MINUTES, D(2002, 4, 23),
        "LSP/02/03 item 2"))
    acc.add_weakness(second.id, C.ACTION_FOCUSED,
                     "Several actions from the 2001/02 plan are past their due date.")


_SURVEY_CSV = """ward,questionnaires sent,replies,heard of the LSP,want more say
Northfields,900,118,41%,77%
Eastgate,850,96,35%,81%
Canal,700,84,29%,74%
Riverside,640,71,38%,69%
Bankside,580,43,44%,72%
"""


def _attachment(title: str, folder: Path) -> Path | None:
    """The residents' survey goes in as an attached file, to show evidence kept inside."""
    if not title.startswith("Residents' survey"):
        return None
    path = folder / "residents-survey-2002.csv"
    path.write_text(_SURVEY_CSV, encoding="utf-8")
    return path


# Each weakness of 2001/02 and the action that answers it (none where the plan has none).
_ANSWERS_TO_WEAKNESS = {
    "Partners' own business plans do not yet refer to the Community Strategy.":
        "Map partners' mainstream budgets against the floor targets",
    "Housing and liveability have no theme group action plan yet.":
        "Set local targets for liveability in the four priority wards",
    "No neighbourhood-level baselines for worklessness and education.":
        "Baseline data for all floor targets by ward",
    "The board has not yet reviewed performance information.":
        "Quarterly performance report to the board",
    "No learning plan for board members and community representatives.":
        "Learning plan for the LNRS",
}
# The areas of concern the GO wrote of, and the actions taken in hand for them.
_ANSWERS_TO_CONCERN = {
    C.PERFORMANCE_MANAGED: ("Quarterly performance report to the board",
                            "Agree a performance management framework"),
}


def _link_to_plan(services, round_id: int) -> None:
    """Link each weakness to the action of the demo plan that answers it."""
    by_title = {a.title: a.id for a in services.actions.list_actions()}
    rnd = services.accreditation.get_round(round_id)
    for a in rnd.criteria:
        for w in a.weaknesses:
            title = _ANSWERS_TO_WEAKNESS.get(w.text)
            if title in by_title:
                services.accreditation.link_weakness(w.id, by_title[title])


def _go_comment(own, go) -> str:
    if own == go:
        return "The Government Office agrees with the self-assessment."
    if (go.score or 0) > (own.score or 0):
        return "The Government Office rates this higher than the partnership did."
    return "The Government Office rates this lower: see the areas of concern."
