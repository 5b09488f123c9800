"""Prints computed at one date, saying what they show (issue 20; issue 16 point 4)."""

from __future__ import annotations

import re
from datetime import date

from lsp_desktop.app import main
from lsp_desktop.domain.actions import ActionFilter
from lsp_desktop.reports.base import register_fonts, wrap_cell
from lsp_desktop.services.printing import PrintRequest, render_bytes
from tests.pdftext import pages_text, reader, text

STORY = date(2002, 6, 30)


def _print(demo_db, tmp_path, *args) -> bytes:
    demo_db.close()
    out = tmp_path / "out.pdf"
    assert main(["print", *args, "--db", demo_db.location, "--out", str(out)]) == 0
    return out.read_bytes()


def test_pack_at_a_date_has_it_on_the_cover_and_never_points_to_a_screen(demo_db, tmp_path):
    data = _print(demo_db, tmp_path, "pack", "--on", "2002-06-30", "--date", "2002-07-02")
    pages = pages_text(data)
    assert "30/06/2002" in pages[0]
    words = text(data)
    assert "4 consultation events recorded on the strategies" in words   # as the tab at 30/06
    assert not re.search(r"\btabs?\b|\bscreen", words, re.IGNORECASE)
    assert "Annex A: readiness signals" in words
    assert "originally 31/03/2002" in words                              # a re-planned action
    # The GO's area of concern lists every action that answers it.
    first = text(_print(demo_db, tmp_path, "pack", "--on", "2002-06-30", "--round",
                        "Accreditation 2001/02"))
    assert "In hand A-024, A-026" in first
    lean = _print(demo_db, tmp_path, "pack", "--on", "2002-06-30", "--no-annex")
    assert "Annex A" not in text(lean) and len(reader(lean).pages) < len(pages)


def test_print_actions_overdue_grouped_by_owner(demo_db, tmp_path):
    data = _print(demo_db, tmp_path, "actions", "--overdue", "--group-by", "owner",
                  "--on", "2002-06-30")
    words = text(data)
    assert "Action plan by owner" in words and "Showing overdue only." in words
    assert "As on 30/06/2002, grouped by owner" in words
    assert "Dr Helen Chowdhury · 1 action, 1 overdue" in words
    assert "Run community chest grants round 2" not in words           # not overdue
    assert "due 16/06/2002 originally 31/03/2002" in words


def test_printing_what_a_tab_shows_says_so_in_the_heading(demo_services):
    flt = ActionFilter(status="open", criterion="learning and development")
    data = render_bytes(demo_services, PrintRequest(
        "actions", STORY, on=STORY, action_filter=flt, group_by="owner"))
    words = text(data)
    assert ("Showing status: open (not complete or dropped); criterion: Focused on learning "
            "and development.") in words
    assert "Induction pack for new board members" not in words          # complete
    # The Members tab on 01/04/2002 with "Current and former" prints that register.
    register = text(render_bytes(demo_services, PrintRequest(
        "register", STORY, on=date(2002, 4, 1), history=True, sector="community")))
    assert "The board on 01/04/2002" in register and "Community sector only" in register
    assert "current and former members" in register
    assert "Mr Cathal Mac Giolla" in register and "Ms Aoife Ní Bhriain" not in register


def test_register_names_whom_substitutes_stand_in_for_and_ends_with_rows(demo_services):
    data = render_bytes(demo_services, PrintRequest("register", STORY, on=STORY))
    words = text(data)
    assert "Substitute for Dr Helen Chowdhury" in words
    assert "Substitute for Ch Supt Gareth Price" in words
    last = pages_text(data)[-1]
    assert "Certification" in last and "@" in last    # member rows share its page


def test_email_addresses_break_only_after_the_at_sign_or_a_dot():
    register_fonts()
    # Too long for its cell: the domain goes whole to the next line, never `nhs.u` / `k`.
    assert wrap_cell("h.chowdhury@pct.example.nhs.uk", 120) == "h.chowdhury@\npct.example.nhs.uk"
    lines = wrap_cell("e.lewandowska.long-name@pct.example.nhs.uk", 75).split("\n")
    assert len(lines) > 2 and "".join(lines) == "e.lewandowska.long-name@pct.example.nhs.uk"
    assert all(line[-1] in "@.-" for line in lines[:-1]) and len(lines[-1]) > 2


def test_pdf_is_dated_its_production_date_and_repeatable(demo_services):
    request = PrintRequest("register", date(2002, 7, 2), on=STORY)
    first, second = render_bytes(demo_services, request), render_bytes(demo_services, request)
    assert first == second
    info = reader(first).metadata
    assert info.creation_date.date() == date(2002, 7, 2)


def test_interests_register_shows_declarations_with_dates(demo_db, tmp_path):
    words = text(_print(demo_db, tmp_path, "interests", "--on", "2002-06-30"))
    assert "Register of interests" in words
    assert "Director, Blake & Sons <Lettings> Ltd" in words
    assert "in force until 30/06/2002" in words and "14/05/2001" in words
    later = text(_print(demo_db, tmp_path, "interests", "--on", "2002-07-01"))
    assert "withdrawn 30/06/2002" in later


def test_the_pack_says_what_the_readiness_page_says_at_the_same_date(demo_services):
    rnd = demo_services.accreditation.latest_round()
    for on in (STORY, date(2002, 3, 31)):
        words = text(render_bytes(demo_services, PrintRequest("pack", STORY, on=on)))
        sentences = [s.sentence for c in demo_services.readiness.for_round(rnd, on)
                     for s in c.signals]
        assert sentences and all(" ".join(s.split()) in words for s in sentences), on
    early = [s.sentence for c in demo_services.readiness.for_round(rnd, date(2002, 3, 31))
             for s in c.signals if s.key == "neighbourhood renewal strategy"]
    assert "still a consultation draft" in early[0]          # agreed only in April 2002
