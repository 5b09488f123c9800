"""Demo partnership details and board: 26 seats as on the 2002 Southwark model, plus history."""

from __future__ import annotations

import zlib
from datetime import date

from lsp_desktop.domain.members import Declaration, Member, Role, Sector, Term
from lsp_desktop.domain.partnership import Partnership

D = date
START = D(2001, 4, 1)

# (title, name, organisation, sector, category, role, email, publish)
_BOARD = [
    # Residents (6)
    ("Ms", "Siobhán O'Neill", "Northfields Tenants' Association", "community",
     "Residents and community groups", "chair", "siobhan.oneill@example.org", True),
    ("Mr", "Llŷr Davies", "Bankside Residents' Forum", "community",
     "Residents and community groups", "member", "llyr.davies@example.org", True),
    ("Mrs", "Łucja Wróbel", "Eastgate Estate Residents", "community",
     "Residents and community groups", "member", "lucja.wrobel@example.org", False),
    ("Mr", "Pádraig Ó Súilleabháin", "Riverside Community Council", "community",
     "Residents and community groups", "member", "padraig@example.org", False),
    ("Ms", "Gwenllïan Rhys", "Canal Ward Neighbourhood Forum", "community",
     "Residents and community groups", "member", "", False),
    ("Mr", "Delroy Campbell", "Old Kent Road Residents' Network", "community",
     "Residents and community groups", "member", "delroy.campbell@example.org", True),
    # Voluntary organisations (5)
    ("Ms", "Aoife Ní Bhriain", "Thameside Council for Voluntary Service", "voluntary",
     "Voluntary organisations", "vice-chair", "aoife@thamesidecvs.example.org", True),
    ("Mr", "Tomasz Kowalczyk", "Polish Community Advice Centre", "voluntary",
     "Voluntary organisations", "member", "tomasz@pcac.example.org", True),
    ("Ms", "Margaret Okafor", "Thameside Carers' Network", "voluntary",
     "Voluntary organisations", "member", "m.okafor@carers.example.org", False),
    ("Mr", "Rhodri ap Siôn", "Youth Action Thameside", "voluntary",
     "Voluntary organisations", "member", "rhodri@youthaction.example.org", True),
    ("Ms", "Fatima Rahman", "Thameside Women's Refuge", "voluntary",
     "Voluntary organisations", "member", "", False),
    # Faith (2)
    ("Revd", "Canon Peter Hughes", "Churches Together in Thameside", "community",
     "Faith communities", "member", "peter.hughes@example.org", True),
    ("Mr", "Imran Qureshi", "Thameside Mosques Council", "community",
     "Faith communities", "member", "imran.qureshi@example.org", False),
    # Business (2)
    ("Mr", "Jonathan Blake", "Thameside Business Partnership", "private",
     "Private sector and business", "member", "j.blake@tbp.example.com", True),
    ("Ms", "Zofia Nowak-Smith", "South London Chamber of Commerce", "private",
     "Chamber of Commerce", "member", "zofia@chamber.example.com", True),
    # Statutory agencies (11)
    ("Cllr", "Brendan Murphy", "London Borough of Thameside", "public",
     "Local councillors", "member", "cllr.murphy@thameside.example.gov.uk", True),
    ("Cllr", "Anne-Marie Dubois", "London Borough of Thameside", "public",
     "Local councillors", "member", "cllr.dubois@thameside.example.gov.uk", True),
    ("Mr", "Richard Ellison", "London Borough of Thameside (Chief Executive)", "public",
     "Local authority", "member", "chief.exec@thameside.example.gov.uk", True),
    ("Dr", "Helen Chowdhury", "Thameside Primary Care Trust", "public",
     "Primary Care Trust", "member", "h.chowdhury@pct.example.nhs.uk", True),
    ("Ch Supt", "Gareth Price", "Metropolitan Police, Thameside Borough", "public",
     "Police", "member", "gareth.price@police.example.uk", False),
    ("Ms", "Sinéad Brennan", "London Central Learning and Skills Council", "public",
     "Learning and Skills Council", "member", "s.brennan@lsc.example.gov.uk", True),
    ("Mr", "David Osei", "Employment Service, Thameside District", "public",
     "Employment Service and New Deal", "member", "d.osei@es.example.gov.uk", False),
    ("Mr", "Colin Marsh", "London Fire Brigade, Thameside", "public",
     "Fire service", "member", "", False),
    ("Ms", "Priya Patel", "Riverside Housing Association", "public",
     "Housing associations", "member", "p.patel@riversideha.example.org", True),
    ("Mr", "Andrzej Zieliński", "Thameside Drug Action Team", "public",
     "Drug Action Team", "member", "a.zielinski@dat.example.gov.uk", False),
    ("Ms", "Catrin Morgan", "London Development Agency", "public",
     "Regional Development Agency", "member", "c.morgan@lda.example.gov.uk", True),
]


def partnership_details() -> Partnership:
    return Partnership(
        name="Thameside Together",
        council_area="London Borough of Thameside",
        go_region="GO for London",
        nrf_area=True,
        nrf_allocations={"2001/02": 4_200_000, "2002/03": 6_300_000, "2003/04": 8_400_000},
        opens_on=D(2002, 6, 30),      # the date the story stands at
    )


def _member(entry, terms, **extra) -> Member:
    title, name, org, sector, category, role, email, publish = entry
    return Member(title=title, name=name, organisation=org, sector=Sector(sector),
                  category=category, role=Role(role), email=email,
                  phone=f"020 7946 0{100 + zlib.crc32(name.encode()) % 800}" if email else "",
                  publish_contact=publish, nominating_body=org, terms=terms, **extra)


def populate(services, today: date) -> None:
    services.partnership.save(partnership_details())
    board = []
    for i, entry in enumerate(_BOARD):
        start = START if i % 4 else D(2001, 7, 1)
        decl = ()
        if entry[1] in ("Jonathan Blake", "Priya Patel", "Tomasz Kowalczyk"):
            decl = (Declaration(f"Employed by {entry[2]}, which bids for NRF grants",
                                entry[2], D(2001, 5, 14)),)
        if entry[1] == "Jonathan Blake":
            decl += (Declaration("Director, Blake & Sons <Lettings> Ltd", "Blake & Sons",
                                 D(2001, 9, 3), D(2002, 6, 30)),)
        board.append(_member(entry, (Term(start),), declarations=decl))
    ids = services.members.add_many(board)
    by_name = {m.name: i for m, i in zip(board, ids, strict=True)}
    # Substitutes deputising for statutory members.
    services.members.add_many([
        _member(("Ms", "Ewa Lewandowska", "Thameside Primary Care Trust", "public",
                 "Primary Care Trust", "substitute", "e.lewandowska@pct.example.nhs.uk", False),
                (Term(D(2001, 10, 1)),), deputises_for_id=by_name["Helen Chowdhury"]),
        _member(("Insp", "Kevin O'Brien", "Metropolitan Police, Thameside Borough", "public",
                 "Police", "substitute", "", False),
                (Term(D(2002, 1, 15)),), deputises_for_id=by_name["Gareth Price"]),
    ])
    # Former members, one of whom left and returned (two terms).
    services.members.add_many([
        _member(("Mr", "Stanisław Mazur", "Benefits Agency, Thameside", "public",
                 "Benefits Agency", "member", "s.mazur@ba.example.gov.uk", False),
                (Term(START, D(2002, 3, 31), "Agency reorganised"),)),
        _member(("Mrs", "Bronwen Pritchard", "Thameside Business Partnership", "private",
                 "Private sector and business", "member", "bronwen@tbp.example.com", False),
                (Term(START, D(2001, 12, 31), "Resigned"),)),
        _member(("Mr", "Cathal Mac Giolla", "Thameside Irish Community Centre", "community",
                 "BME groups", "member", "cathal@ticc.example.org", True),
                (Term(START, D(2001, 11, 30), "Stood down"),
                 Term(D(2002, 2, 1), D(2002, 5, 31), "Term ended"))),
    ])
