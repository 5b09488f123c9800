"""Officers' own registers come in whole: their columns, words, layouts, encodings and mistakes."""

from __future__ import annotations

import csv
import stat
from datetime import date, datetime
from pathlib import Path

import pytest

from lsp_desktop.domain.exchange import ImportProblems
from lsp_desktop.domain.members import Member, Role, Sector, Term
from lsp_desktop.services.exchange import SuggestionsPending

D = date
DATA = Path(__file__).parent / "data"


def terms(member: Member) -> list[tuple]:
    return [(t.start, t.end) for t in member.terms]


def by_name(services) -> dict[str, Member]:
    return {m.name: m for m in services.members.all_members()}


# -- CSV in each encoding and layout ---------------------------------------------

GUIDANCE_WORDS = (
    "Surname,First name,Title,Organisation,Type,Sector,Joined,Left,Tel,OK to publish?\r\n"
    "Hughes,Helen,Dr,Thameside PCT,Primary Care Trusts,Statutory,01/04/2001,,020 7946 0001,Y\r\n"
    "Blake,Jon,Mr,South London Chamber,Local Chambers of Commerce,Business,01/04/2001,,,N\r\n"
    "Zieliński,Andrzej,Mr,Thameside DAT,Drug Action Teams,Statutory,01/04/2001,31/03/2002,,no\r\n"
    "Osei,David,Mr,Employment Service,Employment Service and New Deal partnerships,"
    "public,01/04/2001,,,yes\r\n"
    "Qureshi,Imran,Mr,Thameside Mosques Council,Faith communities,Voluntary,01/06/2001,,,✓\r\n"
    "Rahman,Fatima,Ms,Thameside BME Forum,BME,voluntary,01/06/2001,,,\r\n"
)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
def test_the_guidance_own_words_and_a_disagreeing_sector_come_in(services, tmp_path, encoding):
    text = GUIDANCE_WORDS
    if encoding == "cp1252":      # what Windows-1252 can hold (é yes; ń and ✓ no)
        text = text.replace("✓", "yes").replace("Zieliński", "Zielénski")
    zielinski = "Andrzej Zieliński" if encoding != "cp1252" else "Andrzej Zielénski"
    path = tmp_path / "register.csv"
    path.write_bytes(text.encode(encoding))
    result = services.exchange.import_members(path)
    assert (result.added, result.updated) == (6, 0)
    m = by_name(services)
    assert (m["Helen Hughes"].title, m["Helen Hughes"].category, m["Helen Hughes"].sector) == (
        "Dr", "Primary Care Trust", Sector.PUBLIC)
    assert m["Helen Hughes"].phone == "020 7946 0001" and m["Helen Hughes"].publish_contact
    assert (m["Jon Blake"].category, m["Jon Blake"].sector) == ("Chamber of Commerce", Sector.PRIVATE)
    assert m[zielinski].category == "Drug Action Team"
    assert terms(m[zielinski]) == [(D(2001, 4, 1), D(2002, 3, 31))]
    assert m["David Osei"].category == "Employment Service and New Deal"
    # A faith-based voluntary organisation keeps its own sector; the category is kept too.
    assert (m["Imran Qureshi"].category, m["Imran Qureshi"].sector) == (
        "Faith communities", Sector.VOLUNTARY)
    assert m["Imran Qureshi"].publish_contact is True
    assert (m["Fatima Rahman"].category, m["Fatima Rahman"].sector) == ("BME groups", Sector.VOLUNTARY)
    assert (m["Fatima Rahman"].family_name, m["Fatima Rahman"].given_names) == ("Rahman", "Fatima")


def test_semicolons_title_rows_one_name_column_with_titles_and_accents_kept(services, tmp_path):
    text = ("Thameside Together;;;;;\n"
            "Board members at 1 April 2002;;;;;\n"
            ";;;;;\n"
            "Name;Title;Body;Category;From;To;Consent\n"
            "Cllr Margaret O’Neill;Cllr;London Borough of Thameside;Cllr;1/4/2001;;yes\n"
            "Mr Llŷr Davies;;Bankside Residents’ Forum;Residents;01/04/2001;;n\n"
            "Rhodri ap Siôn;;Youth Action;CVS;01/04/2001;;Y\n"
            "Ewa Wąsowska-Łęcka;Ms;Polish Advice Centre;Voluntary organisations;01/04/2001;;\n")
    path = tmp_path / "register.csv"
    path.write_bytes(text.encode("utf-8"))
    preview = services.exchange.preview_members(services.exchange.read_register(path))
    notes = [str(p) for p in preview.problems if p.notice]
    assert any("row(s) 1, 2 above the header row 4 were ignored" in n for n in notes)
    assert not preview.plan.errors and not preview.suggestions
    services.exchange.commit_members(preview)
    m = by_name(services)
    oneill = m["Margaret O’Neill"]          # never "Cllr Cllr", curly apostrophe kept
    assert (oneill.title, oneill.display_name) == ("Cllr", "Cllr Margaret O’Neill")
    assert (oneill.given_names, oneill.family_name) == ("Margaret", "O’Neill")
    assert oneill.category == "Local councillors" and oneill.sector is Sector.PUBLIC
    llyr = m["Llŷr Davies"]
    assert (llyr.title, llyr.organisation, llyr.publish_contact) == (
        "Mr", "Bankside Residents’ Forum", False)
    assert (llyr.category, llyr.sector) == ("Residents and community groups", Sector.COMMUNITY)
    assert m["Rhodri ap Siôn"].family_name == "ap Siôn"
    assert m["Rhodri ap Siôn"].sector is Sector.VOLUNTARY
    assert m["Ewa Wąsowska-Łęcka"].family_name == "Wąsowska-Łęcka"


def test_headers_named_in_many_ways_are_matched_by_meaning(services, tmp_path):
    text = ("FAMILY  NAME,forename(s),Nominated by,group,START,end,Telephone,e-mail address,"
            "Publish?\n"
            "Nowak,Zofia,Chamber of Commerce,Business,2001-04-01,,0207,z@example.org,TRUE\n")
    (tmp_path / "r.csv").write_text(text, encoding="utf-8")
    services.exchange.import_members(tmp_path / "r.csv")
    z = by_name(services)["Zofia Nowak"]
    assert (z.organisation, z.category, z.sector, z.phone, z.email, z.publish_contact) == (
        "Chamber of Commerce", "Private sector and business", Sector.PRIVATE, "0207",
        "z@example.org", True)
    # With an Organisation column too, "Nominated by" is the nominating body.
    (tmp_path / "s.csv").write_text("Name,Organisation,Nominated by,Sector\n"
                                    "Ann Lee,Riverside HA,Thameside Council,public\n", "utf-8")
    services.exchange.import_members(tmp_path / "s.csv")
    ann = by_name(services)["Ann Lee"]
    assert (ann.organisation, ann.nominating_body) == ("Riverside HA", "Thameside Council")


# -- category words: certain, guessed, unknown --------------------------------------

GUESSES = ("Name,Organisation,Category,Sector,Start\n"
           "A One,Met Police,Metropolitan Police Authority,,2001-04-01\n"
           "B Two,St Mary's,St Mary's Church,,2001-04-01\n"
           "C Three,Met Police,Metropolitan Police Authority,,2001-04-01\n"
           "D Four,Residents,Residents,,2001-04-01\n")


def test_guessed_categories_are_suggested_once_per_word_and_nothing_goes_in_unconfirmed(
        services, tmp_path):
    path = tmp_path / "g.csv"
    path.write_text(GUESSES, encoding="utf-8")
    preview = services.exchange.preview_members(services.exchange.read_register(path))
    found = {(s.value, s.category, tuple(s.rows)) for s in preview.suggestions}
    assert found == {("Metropolitan Police Authority", "Police", (2, 4)),
                     ("St Mary's Church", "Faith communities", (3,))}
    with pytest.raises(SuggestionsPending, match="2 category word"):
        services.exchange.commit_members(preview)
    assert services.members.count() == 0
    # The officer changes one guess for all its rows and accepts the other.
    choices = {s.key: s.category for s in preview.suggestions}
    choices[next(s.key for s in preview.suggestions if s.category == "Police")] = "Local authority"
    again = services.exchange.preview_members(preview.sheet, choices=choices)
    assert not again.plan.pending
    services.exchange.commit_members(again)
    m = by_name(services)
    assert m["A One"].category == m["C Three"].category == "Local authority"
    assert m["A One"].sector is Sector.PUBLIC          # the chosen category's sector
    assert (m["B Two"].category, m["B Two"].sector) == ("Faith communities", Sector.COMMUNITY)
    assert m["D Four"].category == "Residents and community groups"


def test_accepting_suggestions_takes_the_guesses(services, tmp_path):
    path = tmp_path / "g.csv"
    path.write_text(GUESSES, encoding="utf-8")
    result = services.exchange.import_members(path, accept_suggestions=True)
    assert result.added == 4
    assert by_name(services)["A One"].category == "Police"


def test_unknown_category_and_sector_are_errors_but_a_disagreement_is_not(services, tmp_path):
    path = tmp_path / "u.csv"
    path.write_text("Name,Sector,Category\nA B,Galactic,Police\nC D,voluntary,Astronauts\n"
                    "E F,community,Police\n", encoding="utf-8")
    with pytest.raises(ImportProblems) as info:
        services.exchange.import_members(path)
    errors = [str(p) for p in info.value.problems if not p.notice]
    assert errors[0].startswith("row 2, column B (Sector): 'Galactic' is not a sector")
    assert errors[1].startswith("row 3, column C (Category): 'Astronauts' is not a category")
    assert len(errors) == 2


# -- workbooks: several sheets, Excel and text dates, .xls ---------------------------

def officer_workbook(path: Path) -> Path:
    """The workbook tests/unit/data/officer_register.xls was made from (with LibreOffice:
    soffice --headless --convert-to xls), so the XLSX and XLS tests expect the same."""
    from openpyxl import Workbook

    book = Workbook()
    book.active.title = "Read me"
    book.active.append(["Thameside LSP - board membership, kept by the secretariat"])
    ws = book.create_sheet("Board 2002")
    ws.append(["Thameside Together: membership register 2001-2002"])
    ws.append([])
    ws.append(["Title", "Surname", "Forename(s)", "Organisation", "Type", "Sector", "Joined",
               "Left", "OK to publish?", "Tel", "E-mail"])
    ws.append(["Mr", "Davies", "Llŷr", "Bankside Residents’ Forum", "Residents", "",
               datetime(2001, 4, 1), None, "Y", "020 7946 0001", "llyr@example.org"])
    ws.append(["Cllr", "O’Neill", "Cllr Margaret", "London Borough of Thameside", "Councillor",
               "Statutory", "01/04/2001", "31/03/2002", "N", "", ""])
    ws.append(["Revd", "ap Siôn", "Rhodri", "Churches Together", "Faith group", "Voluntary",
               datetime(2001, 6, 1), None, "✓", "", ""])
    ws.append(["Ms", "Ó Súilleabháin", "Máire", "Thameside PCT", "PCT", "", "15/01/2002", None,
               "yes", "", ""])
    ws.append(["Dr", "de la Cruz", "María", "South London Chamber", "Local Chambers of Commerce",
               "Business", datetime(2002, 2, 1), None, "no", "", "maria@example"])
    book.save(path)
    return path


@pytest.fixture(params=["xlsx", "xls"])
def workbook(request, tmp_path) -> Path:
    if request.param == "xls":
        return DATA / "officer_register.xls"
    return officer_workbook(tmp_path / "officer_register.xlsx")


def check_good_rows(services) -> None:
    m = by_name(services)
    llyr = m["Llŷr Davies"]
    assert (llyr.title, llyr.organisation, llyr.sector, llyr.publish_contact) == (
        "Mr", "Bankside Residents’ Forum", Sector.COMMUNITY, True)
    assert terms(llyr) == [(D(2001, 4, 1), None)] and llyr.phone == "020 7946 0001"
    oneill = m["Margaret O’Neill"]
    assert (oneill.title, oneill.given_names, oneill.family_name) == ("Cllr", "Margaret", "O’Neill")
    assert terms(oneill) == [(D(2001, 4, 1), D(2002, 3, 31))]
    assert (m["Rhodri ap Siôn"].category, m["Rhodri ap Siôn"].sector) == (
        "Faith communities", Sector.VOLUNTARY)
    maire = m["Máire Ó Súilleabháin"]
    assert terms(maire) == [(D(2002, 1, 15), None)] and maire.category == "Primary Care Trust"


def test_a_workbook_sheet_is_found_or_chosen_and_bad_rows_go_to_a_file(services, tmp_path,
                                                                       workbook):
    # The first sheet has no register: the sheet with the members' header row is read.
    preview = services.exchange.preview_members(services.exchange.read_register(workbook))
    assert preview.sheet.name == "Board 2002"
    assert [str(p) for p in preview.plan.errors] == [
        "row 8, column K (E-mail): 'maria@example' is not an email address."]
    assert preview.good_rows == 4 and preview.can_set_aside
    with pytest.raises(ImportProblems):
        services.exchange.commit_members(preview)        # all or nothing without a file
    assert services.members.count() == 0
    rejects = tmp_path / "to correct.xlsx"
    result = services.exchange.commit_members(preview, rejects=rejects)
    assert (result.added, result.rejected) == (4, 1)
    check_good_rows(services)
    assert stat.S_IMODE(rejects.stat().st_mode) == 0o600
    from openpyxl import load_workbook

    rows = [[c.value for c in r] for r in load_workbook(rejects).active.iter_rows()]
    assert rows[0] == ["Title", "Surname", "Forename(s)", "Organisation", "Type", "Sector",
                       "Joined", "Left", "OK to publish?", "Tel", "E-mail", "Problem"]
    assert rows[1][:5] == ["Dr", "de la Cruz", "María", "South London Chamber",
                           "Local Chambers of Commerce"]
    assert rows[1][6] == datetime(2002, 2, 1)
    assert rows[1][-1] == ("Row 8: K (E-mail): 'maria@example' is not an email address.")


def test_sheet_named_explicitly_and_an_unknown_sheet_is_refused(services, workbook):
    sheet = services.exchange.read_register(workbook, "board 2002")
    assert sheet.name == "Board 2002" and sheet.sheet_names == ["Read me", "Board 2002"]
    with pytest.raises(ImportProblems, match="no sheet named 'Members'; its sheets are: "
                                             "'Read me', 'Board 2002'"):
        services.exchange.read_register(workbook, "Members")


# -- rejects file (CSV) ---------------------------------------------------------------

def test_csv_rejects_keep_original_columns_neutralise_formulas_and_take_the_whole_member(
        services, tmp_path):
    text = ("Name,Body,Sector,Start,End,Email,Notes\n"
            "Good One,Body A,public,01/04/2001,,,=HYPERLINK(\"http://x\")\n"
            "Bad Date,Body B,public,31/02/2002,,,=1+1\n"
            "Two Terms,Body C,private,01/04/2001,31/12/2001,tt@example.org,\n"
            "Two Terms,Body C,private,01/02/2002,01/01/2002,,\n"
            "Good Two,Body D,community,01/04/2001,,g@example.org,+44 20 7946 0000\n")
    path = tmp_path / "r.csv"
    path.write_text(text, encoding="utf-8")
    out = tmp_path / "rejects.csv"
    result = services.exchange.import_members(path, rejects=out)
    assert (result.added, result.rejected) == (2, 3)
    assert set(by_name(services)) == {"Good One", "Good Two"}
    assert by_name(services)["Good One"].notes == '=HYPERLINK("http://x")'   # stored as typed
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    with open(out, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[0] == ["Name", "Body", "Sector", "Start", "End", "Email", "Notes", "Problem"]
    assert rows[1][:4] == ["Bad Date", "Body B", "public", "31/02/2002"]
    assert rows[1][6] == "'=1+1"                               # never run as a formula
    assert rows[1][7] == "Row 3: D (Start): '31/02/2002' is not a real date"
    assert rows[2][0] == rows[3][0] == "Two Terms"            # the whole member comes back
    assert rows[2][7] == "Row 4: another row of this member has a problem (row 5)."
    assert rows[3][7] == "Row 5: E (End): Term 2 ends before it starts."
    # Corrected and imported again, the rows come in (the Problem column is ignored).
    fixed = out.read_text(encoding="utf-8-sig").replace("31/02/2002", "28/02/2002").replace(
        "01/01/2002", "").replace("'=1+1", "")
    (tmp_path / "fixed.csv").write_text(fixed, encoding="utf-8")
    assert services.exchange.import_members(tmp_path / "fixed.csv").added == 2
    assert len(by_name(services)["Two Terms"].terms) == 2


def test_a_file_without_names_cannot_set_rows_aside(services, tmp_path):
    path = tmp_path / "n.csv"
    path.write_text("Body,Sector\nX,public\n", encoding="utf-8")
    with pytest.raises(ImportProblems, match="no Name column"):
        services.exchange.import_members(path, rejects=tmp_path / "r.csv")
    assert not (tmp_path / "r.csv").exists()


# -- one matcher: an import never duplicates a member -----------------------------------

def test_a_row_naming_an_existing_member_is_matched_never_added_again(demo_services, tmp_path):
    before = demo_services.members.count()
    path = tmp_path / "m.csv"
    path.write_text("Name,Organisation,Sector,Start\n"
                    "Mr Llŷr Davies,Bankside Residents' Forum,community,2001-04-01\n"
                    "mr LLYR  davies,Bankside Residents Forum,community,2001-04-01\n",
                    encoding="utf-8")
    preview = demo_services.exchange.preview_members(demo_services.exchange.read_register(path))
    assert not preview.plan.to_add and len(preview.plan.skipped) == 1
    assert any("Mr Llŷr Davies (Bankside Residents' Forum) is already on the register" in str(p)
               for p in preview.problems)
    updating = demo_services.exchange.preview_members(preview.sheet, update_existing=True)
    assert not updating.plan.to_add
    assert len(updating.plan.to_update) + len(updating.plan.skipped) == 1
    demo_services.exchange.commit_members(updating)
    assert demo_services.members.count() == before


def test_undo_reverses_a_whole_import_unless_another_officer_changed_it(services, tmp_path):
    services.members.add(Member(name="Ann Lee", sector=Sector.PUBLIC, organisation="PCT",
                                email="old@example.org", terms=(Term(D(2001, 4, 1)),)))
    path = tmp_path / "m.csv"
    path.write_text("Name,Organisation,Sector,Email,Start\n"
                    "Ann Lee,PCT,public,new@example.org,2001-04-01\n"
                    "Bo Chan,Police,public,,2001-04-01\n", encoding="utf-8")
    result = services.exchange.import_members(path, update_existing=True)
    assert (result.added, result.updated) == (1, 1)
    services.exchange.undo_import(result)
    assert list(by_name(services)) == ["Ann Lee"]
    assert by_name(services)["Ann Lee"].email == "old@example.org"
    # Imported again, then another officer edits the new member: the undo is refused.
    result = services.exchange.import_members(path, update_existing=True)
    bo = by_name(services)["Bo Chan"]
    services.members.update(bo.with_changes(phone="0207"))
    with pytest.raises(Exception, match="The member Bo Chan was changed by .* after the import; "
                                        "the import was not undone"):
        services.exchange.undo_import(result)
    assert set(by_name(services)) == {"Ann Lee", "Bo Chan"}
    assert by_name(services)["Ann Lee"].email == "new@example.org"


# -- names sorted by family name ---------------------------------------------------------

def test_every_list_of_members_sorts_by_family_name_particles_kept(services):
    names = ["Rhodri ap Siôn", "Maria de la Cruz", "Pádraig Ó Súilleabháin", "Seán O'Connor",
             "Ewa Wąsowska-Łęcka", "Zoe Adams", "Anna Davies", "Llŷr Davies", "Bob Owen"]
    for n in names:
        services.members.add(Member(name=n, sector=Sector.COMMUNITY, terms=(Term(D(2001, 4, 1)),)))
    expected = ["Zoe Adams", "Rhodri ap Siôn", "Anna Davies", "Llŷr Davies", "Maria de la Cruz",
                "Seán O'Connor", "Pádraig Ó Súilleabháin", "Bob Owen", "Ewa Wąsowska-Łęcka"]
    assert [r.name for r in services.members.list_rows(D(2002, 1, 1))] == expected
    assert [m.name for m in services.members.all_members()] == expected


def test_a_corrected_split_is_kept_and_sorts_by_the_family_name(services):
    m = services.members.add(Member(name="Nguyen Thi Mai", sector=Sector.PUBLIC,
                                    terms=(Term(D(2001, 4, 1)),)))
    assert m.family_name == "Mai"                       # the rule: the last word
    fixed = services.members.update(m.with_changes(family_name="Nguyen", given_names="Thi Mai"))
    assert (fixed.name, fixed.family_name, fixed.given_names) == (
        "Nguyen Thi Mai", "Nguyen", "Thi Mai")
    services.members.add(Member(name="Bea Oakes", sector=Sector.PUBLIC, terms=(Term(D(2001, 4, 1)),)))
    assert [r.name for r in services.members.list_rows(D(2002, 1, 1))] == [
        "Nguyen Thi Mai", "Bea Oakes"]


def test_a_family_name_not_in_the_name_is_refused(services):
    from lsp_desktop.domain.errors import ValidationError

    with pytest.raises(ValidationError, match="family name 'Smith' is not part of the name"):
        services.members.add(Member(name="Ann Lee", family_name="Smith", sector=Sector.PUBLIC))


def test_role_words_and_substitutes_through_the_matcher(services, tmp_path):
    path = tmp_path / "s.csv"
    path.write_text("Name,Body,Sector,Position,Sub for,Start\n"
                    "Cllr Ann Lee,Council,public,chair,,2001-04-01\n"
                    "Bo Chan,Council,public,substitute,Ann Lee,2001-04-01\n", encoding="utf-8")
    services.exchange.import_members(path)
    m = by_name(services)
    assert m["Ann Lee"].role is Role.CHAIR and m["Ann Lee"].title == "Cllr"
    assert m["Bo Chan"].deputises_for_id == m["Ann Lee"].id


def test_register_pdf_lists_members_by_family_name(services):
    from lsp_desktop.services.printing import PrintRequest, render_bytes
    from tests.pdftext import text

    for name in ("Zoe Adams", "Rhodri ap Siôn", "Maria de la Cruz", "Seán O'Connor",
                 "Pádraig Ó Súilleabháin", "Anna Davies", "Bob Owen"):
        services.members.add(Member(name=name, sector=Sector.COMMUNITY,
                                    terms=(Term(D(2001, 4, 1)),)))
    pdf = text(render_bytes(services, PrintRequest("register", produced=D(2002, 6, 1))))
    order = ["Zoe Adams", "Rhodri ap Siôn", "Anna Davies", "Maria de la Cruz", "Seán O'Connor",
             "Pádraig Ó Súilleabháin", "Bob Owen"]
    positions = [pdf.index(n) for n in order]
    assert positions == sorted(positions)


def test_action_owners_are_found_by_the_same_matcher(demo_services, tmp_path):
    path = tmp_path / "actions.csv"
    path.write_text("Title,Owner,Due\nRun a residents' forum,mr LLŶR davies,30/09/2002\n",
                    encoding="utf-8")
    assert demo_services.exchange.import_records("actions", path).added == 1
    action = next(a for a in demo_services.actions.list_actions()
                  if a.title == "Run a residents' forum")
    llyr = next(m for m in demo_services.members.all_members() if m.name == "Llŷr Davies")
    assert action.owner_member_id == llyr.id


def test_an_archive_from_before_names_were_split_imports_sorted_by_family_name(
        demo_services, tmp_path):
    import json

    from lsp_desktop.services.archive import import_archive

    out = tmp_path / "a.json"
    demo_services.archive.write(out)
    data = json.loads(out.read_text(encoding="utf-8"))
    for m in data["tables"]["member"]:
        del m["given_names"], m["family_name"]
        m["search_key"] = m["name"].lower()
    out.write_text(json.dumps(data), encoding="utf-8")
    import_archive(out, str(tmp_path / "new.lspd"))
    from lsp_desktop.db.database import open_partnership
    from lsp_desktop.services import build_services

    db = open_partnership(tmp_path / "new.lspd")
    try:
        members = build_services(db.session_factory, db.path).members.all_members()
        rhodri = next(m for m in members if m.name == "Rhodri ap Siôn")
        assert rhodri.family_name == "ap Siôn"
        assert [m.order_key for m in members] == sorted(m.order_key for m in members)
    finally:
        db.close()
