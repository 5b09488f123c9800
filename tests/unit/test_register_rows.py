"""The Members tab's lean rows and opening view say what MembersService.list_rows says."""

from __future__ import annotations

from datetime import date

from lsp_desktop.domain.members import Member, Role, Sector, Term, balance

D = date
NAMES = ["Llŷr Davies", "Siobhán O'Neill", "Anne Dubois", "Zofia Nowak", "Ann Lloyd",
         "Łucja Lis", "Dai Llywelyn", "Öz Ali", "aaron Zed", "Ángel Ruiz"]
# (title, terms) by member: serving, ended, starting later, none, two terms, a gap.
SHAPES = [
    ("", (Term(D(2001, 4, 1)),)),
    ("Cllr", (Term(D(2001, 4, 1), D(2003, 3, 31), "Moved"),)),
    ("", (Term(D(2030, 1, 1)),)),
    ("Dr", ()),
    ("", (Term(D(1999, 1, 1), D(2000, 12, 31)), Term(D(2002, 1, 1)))),
    ("Revd", (Term(D(1999, 1, 1), D(2000, 1, 1)), Term(D(2040, 1, 1)))),
]


def _fill(services, count: int) -> None:
    sectors = [(Sector.COMMUNITY, "Residents and community groups"),
               (Sector.PUBLIC, "Local authority"), (Sector.PRIVATE, "Chamber of Commerce")]
    roles = [Role.MEMBER, Role.MEMBER, Role.OBSERVER, Role.MEMBER]
    members = []
    for i in range(count):
        title, terms = SHAPES[i % len(SHAPES)]
        sector, category = sectors[i % 3]
        members.append(Member(name=f"{NAMES[i % len(NAMES)]} {i % 7}", title=title,
                              organisation=f"Body {i % 4}", sector=sector, category=category,
                              role=Role.CHAIR if i == 6 else roles[i % 4], terms=terms,
                              publish_contact=i % 2 == 0))
    services.members.add_many(members)


def test_window_rows_are_list_rows_on_any_date(services):
    _fill(services, 70)
    for on in (D(2000, 6, 1), D(2002, 6, 1), D(2026, 1, 1), D(2035, 1, 1)):
        assert services.members.window_rows(on) == services.members.list_rows(on)


def test_first_page_is_the_opening_view_with_its_counts_and_balance(services):
    _fill(services, 70)
    for on in (D(2000, 6, 1), D(2002, 6, 1), D(2026, 1, 1), D(1990, 1, 1)):
        everyone = services.members.list_rows(on)
        current = [r for r in everyone if r.current]
        page = services.members.first_page(on, 12)
        assert page.rows == current[:12]
        assert (page.current, page.total) == (len(current), 70)
        assert page.complete == (len(current) <= 12)
        assert page.balance == balance(everyone, on)
    assert services.members.first_page(D(2026, 1, 1), 5).balance.chair_sector == Sector.COMMUNITY
