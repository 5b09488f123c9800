"""The membership register PDF read back: names, counts, public contacts, literal text, pages."""

from __future__ import annotations

from datetime import date

import pytest

from lsp_desktop.domain.members import Member, Role, Sector, Term
from lsp_desktop.domain.partnership import Partnership
from lsp_desktop.services.printing import PrintRequest, render_bytes
from tests.pdftext import fonts, has_image, has_link, pages_text, reader, text

D = date(2002, 6, 1)

MARKUP_NAMES = ["A <b> & Co", "Tom &amp; Jerry", "<img src='logo.png'/>",
                "<a href=http://example.com>x</a>"]


def _member(name, sector, *, email="", publish=False, role=Role.MEMBER, start=date(2001, 4, 1),
            end=None, org="", category=""):
    return Member(name=name, sector=sector, organisation=org, category=category, role=role,
                  email=email, publish_contact=publish, terms=(Term(start, end),))


@pytest.fixture
def board(services):
    services.partnership.save(Partnership("Llanfair & District <LSP>", "Llanfair"))
    services.members.add_many([
        _member("Llŷr Davies", Sector.COMMUNITY, email="llyr@example.org", publish=True,
                role=Role.CHAIR, org="Bankside Forum"),
        _member("Łucja Wróbel", Sector.COMMUNITY, email="lucja.secret@example.org"),
        _member("Gwen Rhys", Sector.VOLUNTARY, email="gwen.hidden@example.org").with_changes(
            address="1 Secret Lane\nLlanfair"),
        _member("Jon Blake", Sector.PRIVATE, email="jon@example.com", publish=True),
        _member("Ann Dubois", Sector.PUBLIC, org="Council €5 £10"),
        _member("Bill Ward", Sector.PUBLIC),
        _member("Stan Mazur", Sector.PUBLIC, start=date(2001, 4, 1), end=date(2002, 3, 31)),
    ])
    return services


def _register(services, **kw) -> bytes:
    return render_bytes(services, PrintRequest("register", produced=D, **kw))


def test_every_current_member_and_counts_per_sector(board):
    pdf = text(_register(board))
    for name in ("Llŷr Davies", "Łucja Wróbel", "Gwen Rhys", "Jon Blake", "Ann Dubois",
                 "Bill Ward"):
        assert name in pdf
    assert "Stan Mazur" not in pdf          # left before the date, no history asked
    assert "Public sector · 2 seats" in pdf
    assert "Community sector · 2 seats" in pdf
    assert "Voluntary sector · 1 seat" in pdf
    assert "Private sector · 1 seat" in pdf
    assert "Council €5 £10" in pdf
    assert "Llanfair & District <LSP>" in pdf


def test_board_on_an_earlier_date_and_history(board):
    pdf = text(_register(board, on=date(2002, 1, 1)))
    assert "Stan Mazur" in pdf and "Public sector · 3 seats" in pdf
    history = text(_register(board, history=True))
    assert "Former members · 1" in history
    assert "Stan Mazur" in history and "01/04/2001 – 31/03/2002" in history


def test_public_version_leaves_out_unpublished_contacts(board):
    public = text(_register(board, public=True))
    assert "llyr@example.org" in public and "jon@example.com" in public
    assert "lucja.secret@example.org" not in public
    assert "gwen.hidden@example.org" not in public and "Secret Lane" not in public
    assert "Not published" in public
    full = text(_register(board))
    assert "lucja.secret@example.org" in full and "gwen.hidden@example.org" in full
    assert "1 Secret Lane, Llanfair †" in full


def test_markup_looking_text_prints_literally(services):
    services.partnership.save(Partnership("P"))
    services.members.add_many([_member(n, Sector.VOLUNTARY, org=n) for n in MARKUP_NAMES])
    data = _register(services)
    pdf = text(data)
    squeezed = pdf.replace(" ", "")     # a long word may be broken across lines in a cell
    for name in MARKUP_NAMES:
        assert name.replace(" ", "") in squeezed
    assert "A <b> & Co" in pdf
    assert not has_image(data)
    assert not has_link(data)


def test_page_numbers_header_and_footer_on_every_page(services):
    services.partnership.save(Partnership("Big Board"))
    services.members.add_many([_member(f"Member {i:03d}", Sector.PUBLIC) for i in range(150)])
    pages = pages_text(_register(services))
    assert len(pages) > 3
    for number, page in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in page
        assert "Big Board" in page and "Produced 01/06/2002" in page
        if 1 < number < len(pages):
            assert "Name" in page and "Contact" in page   # the header row repeats
    everything = " ".join(pages)
    assert all(f"Member {i:03d}" in everything for i in range(150))


def test_same_data_same_bytes_and_fonts_embedded(board):
    first, second = _register(board), _register(board)
    assert first == second
    embedded = fonts(first)
    assert embedded and all(embedded.values())
    assert all(name.startswith("DejaVuSans") for name in embedded)


def test_metadata_bookmarks_and_letter_paper(board):
    data = _register(board, paper="letter")
    pdf = reader(data)
    assert pdf.metadata.title.startswith("Membership register")
    assert pdf.metadata.author == "Llanfair & District <LSP>"
    assert pdf.metadata.subject
    titles = [o.title for o in pdf.outline if not isinstance(o, list)]
    assert {"Public sector", "Private sector", "Voluntary sector", "Community sector",
            "Certification"} <= set(titles)
    box = pdf.pages[0].mediabox
    assert (round(box.width), round(box.height)) == (612, 792)
    a4 = reader(_register(board)).pages[0].mediabox
    assert (round(a4.width), round(a4.height)) == (595, 842)


def test_signature_lines(board):
    pdf = text(_register(board))
    assert "Chair of the partnership" in pdf and "Lead officer" in pdf
    assert "Signature" in pdf and "Date" in pdf


def test_a_huge_cell_never_breaks_the_page(services):
    services.partnership.save(Partnership("P"))
    services.members.add_many([_member("Long Body", Sector.PUBLIC, publish=True).with_changes(
        address="word " * 3000)])
    pdf = text(_register(services))
    assert "Long Body" in pdf and "more lines)" in pdf
