"""The accreditation pack for the demo partnership, read back: every part, ratings, pages."""

from __future__ import annotations

import re

import pytest

from lsp_desktop.domain.criteria import Criterion
from lsp_desktop.services.printing import PrintRequest, render_bytes
from tests.conftest import TODAY
from tests.pdftext import fonts, pages_text, reader, text


@pytest.fixture
def pack(demo_services) -> bytes:
    return render_bytes(demo_services, PrintRequest("pack", produced=TODAY))


def test_every_part_is_there(pack, demo_services):
    pdf = text(pack)
    rnd = demo_services.accreditation.latest_round()
    for part in ("Accreditation submission", "Contents", "1. Partnership profile",
                 "2. Membership and sector balance", "Seats by sector",
                 "3. Self-assessment, criterion by criterion", "4. Action plan by criterion",
                 "5. Strategies and targets", "6. Government Office review and areas of concern",
                 "7. Sign-off", "Annex A: readiness signals", rnd.name, "DRAFT"):
        assert part in pdf, part
    assert "Chair of the partnership" in pdf and "Lead officer" in pdf


def test_each_criterion_with_its_rating_label(pack, demo_services):
    pages = pages_text(pack)
    rnd = demo_services.accreditation.latest_round()
    body = re.sub(r"\s+", " ", " ".join(pages))
    for n, c in enumerate(Criterion, start=1):
        rating = rnd.assessment(c).rating
        assert f"3.{n} {c.label} Rating {rating.label}" in body, c


def test_overdue_actions_marked(pack, demo_services):
    overdue = [a for a in demo_services.actions.list_actions() if a.is_overdue(TODAY)]
    pdf = text(pack)
    assert overdue, "the demo should have overdue actions on its date"
    assert "OVERDUE" in pdf
    for a in overdue:
        assert a.reference in pdf


def test_contents_page_numbers_point_at_the_sections(pack):
    pages = pages_text(pack)
    contents = reader(pack).pages[1].extract_text(extraction_mode="layout")
    for title, heading in (("Partnership profile", "1. Partnership profile"),
                           ("Self-assessment", "3. Self-assessment"),
                           ("Sign-off", "7. Sign-off"),
                           ("Annex A: readiness signals", "Annex A: readiness signals")):
        m = re.search(re.escape(title) + r"[ .]*?(\d+)\s*$", contents, re.MULTILINE)
        assert m, title
        assert heading in pages[int(m.group(1)) - 1]
    total = len(pages)
    assert all(f"Page {i} of {total}" in p for i, p in enumerate(pages, start=1))


def test_outline_fonts_and_determinism(pack, demo_services):
    pdf = reader(pack)
    titles = [o.title for o in pdf.outline if not isinstance(o, list)]
    assert titles[:3] == ["Partnership profile", "Membership and sector balance",
                          "Self-assessment"]
    assert "Annex A: readiness signals" in titles
    assert all(fonts(pack).values())
    assert render_bytes(demo_services, PrintRequest("pack", produced=TODAY)) == pack


def test_named_round_and_unknown_round(demo_services):
    from lsp_desktop.domain.errors import DomainError

    first = demo_services.accreditation.rounds()[0]
    pdf = text(render_bytes(demo_services, PrintRequest("pack", produced=TODAY,
                                                        round_name=first.name)))
    assert first.name in pdf
    with pytest.raises(DomainError, match="no assessment round called"):
        render_bytes(demo_services, PrintRequest("pack", produced=TODAY, round_name="nope"))


def test_sign_off_names_the_lead_officer(demo_services):
    pdf = render_bytes(demo_services, PrintRequest("pack", produced=TODAY,
                                                   lead_officer="Jane Smith, LSP co-ordinator"))
    assert "Lead officer: Jane Smith, LSP co-ordinator" in text(pdf)


def test_members_serving_names_whom_each_substitute_stands_in_for(pack, demo_services):
    pdf = " ".join(text(pack).split())
    members = demo_services.members.all_members()
    names = {m.id: m.display_name for m in members}
    subs = [m for m in members if m.deputises_for_id is not None and m.term_on(TODAY)]
    assert subs
    for m in subs:
        assert f"Substitute for {names[m.deputises_for_id]}" in pdf, m.display_name
