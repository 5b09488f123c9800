"""Importing members from CSV and XLSX: encodings, layouts, every kind of bad row, all or none."""

from __future__ import annotations

from datetime import date

import pytest

from lsp_desktop.domain.exchange import ImportProblems
from lsp_desktop.domain.members import Role, Sector

HEADER = "name,title,organisation,sector,category,role,email,phone,address,start_date,end_date,publish_contact\n"


def write(tmp_path, text: str, encoding="utf-8", name="m.csv"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def problems_of(services, path, **kw) -> list[str]:
    with pytest.raises(ImportProblems) as info:
        services.exchange.import_members(path, **kw)
    return [str(p) for p in info.value.problems if not p.notice]


def test_windows_1252_semicolons_keep_pound_and_accents(services, tmp_path):
    text = ("Name;Organisation;Sector;Notes;Start date\r\n"
            "Renée Côté;Café £5 Club;community;;01/04/2001\r\n")
    path = write(tmp_path, text, "cp1252")
    result = services.exchange.import_members(path)
    assert (result.added, result.updated) == (1, 0)
    m = services.members.all_members()[0]
    assert (m.name, m.organisation, m.sector) == ("Renée Côté", "Café £5 Club", Sector.COMMUNITY)
    assert m.terms[0].start == date(2001, 4, 1)


@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"])
def test_utf8_with_and_without_bom_and_multiline_address(services, tmp_path, bom):
    text = (HEADER + 'Llŷr Davies,Mr,"Forum, Bankside",community,,,l@example.org,,'
            '"1 High St\nThameside",2001-04-01,,yes\n')
    path = tmp_path / "m.csv"
    path.write_bytes(bom + text.encode("utf-8"))
    services.exchange.import_members(path)
    m = services.members.all_members()[0]
    assert m.name == "Llŷr Davies" and m.address == "1 High St\nThameside"
    assert m.organisation == "Forum, Bankside" and m.publish_contact is True


def test_headers_any_case_spacing_order_title_rows_and_messy_cells(services, tmp_path):
    text = ("Thameside LSP membership,,,,,\n"
            "Exported 2002,,,,,\n"
            ",,,,,\n"
            "START DATE, Publish_Contact ,Sector,Full Name,Organization,Shoe size,,\n"
            "2001-04-01,TRUE,Public,\u00a0Helen\u00a0Chowdhury ,PCT,9,,\n"
            ",,,,,,,\n"
            "01/04/2001,0,VOLUNTARY,Ann Lee,CVS,,,\n")
    preview = services.exchange.preview_members(
        __import__("lsp_desktop.services.spreadsheets", fromlist=["x"]).read_table(write(tmp_path, text)))
    notes = [str(p) for p in preview.problems if p.notice]
    assert any("row(s) 1, 2 above the header row 4 were ignored" in n for n in notes)
    assert any("column Shoe size: is not a column this import knows; ignored." in n for n in notes)
    assert not preview.plan.errors
    result = services.exchange.commit_members(preview)
    assert result.added == 2
    by_name = {m.name: m for m in services.members.all_members()}
    assert by_name["Helen Chowdhury"].publish_contact is True
    assert by_name["Ann Lee"].sector is Sector.VOLUNTARY and by_name["Ann Lee"].publish_contact is False


def test_duplicate_header_uses_first_and_says_so(services, tmp_path):
    path = write(tmp_path, "name,sector,email,email\nA B,public,a@x.org,b@y.org\n")
    result = services.exchange.import_members(path)
    assert any("appears more than once" in str(p) for p in result.problems)
    assert services.members.all_members()[0].email == "a@x.org"


@pytest.mark.parametrize("row, expected", [
    (",Mr,Body,public,,,,,,2001-04-01,,", "row 2, column A (name): required, but empty."),
    ("A,Mr,Body,pubic,,,,,,2001-04-01,,", "row 2, column D (sector): 'pubic' is not a sector: public (statutory), private (business), voluntary or community"),
    ("A,Mr,Body,public,,boss,,,,2001-04-01,,", "row 2, column F (role): 'boss' is not one of: chair, vice-chair, member, substitute, observer"),
    ("A,Mr,Body,public,,,,,,31/02/2002,,", "row 2, column J (start_date): '31/02/2002' is not a real date"),
    ("A,Mr,Body,public,,,,,,2001-04-01,soon,", "row 2, column K (end_date): 'soon' is not a date (use YYYY-MM-DD or DD/MM/YYYY)"),
    ("A,Mr,Body,public,,,,,,2001-04-01,,maybe", "row 2, column L (publish_contact): 'maybe' is not yes/no, Y/N, ✓, true/false or 1/0"),
    ("A,Mr,Body,public,Wizards,,,,,2001-04-01,,", "row 2, column E (category): 'Wizards' is not a category the catalogue knows (e.g. Residents, Voluntary organisations, Faith communities, PCT, Police, Councillor)."),
    ("A,Mr,Body,public,,,not-an-email,,,2001-04-01,,", "row 2, column G (email): 'not-an-email' is not an email address."),
    ("A,Mr,Body,public,,,,,,2002-04-01,2001-04-01,", "row 2, column K (end_date): Term 1 ends before it starts."),
    ("A,Mr,Body,public,,,,,,,2001-04-01,", "row 2, column J (start_date): an end date needs a start date."),
    ("A,Mr,Body,public,,substitute,,,,2001-04-01,,", "row 2, column Deputises for: A substitute must name the member they deputise for."),
])
def test_each_kind_of_bad_row_is_named(services, tmp_path, row, expected):
    assert problems_of(services, write(tmp_path, HEADER + row + "\n")) == [expected]
    assert services.members.count() == 0


def test_overlapping_terms_and_unknown_deputy_and_missing_column(services, tmp_path):
    text = ("name,organisation,sector,start_date,end_date,deputises_for,role\n"
            "A,Body,public,2001-04-01,2002-03-31,,\n"
            "A,Body,public,2002-01-01,,,\n"
            "B,Body,public,2001-04-01,,Nobody Known,substitute\n")
    problems = problems_of(services, write(tmp_path, text))
    assert problems[0].startswith("row 3, column D (start_date): Terms overlap")
    assert problems[1] == "row 4, column F (deputises_for): no member named 'Nobody Known'."
    # No Sector column and no category: the sector is asked for, by row.
    assert problems_of(services, write(tmp_path, "name,organisation\nA,B\n")) == [
        "row 2, column Sector: the sector is empty and no category suggests one: public, "
        "private, voluntary or community."]


def test_rows_for_the_same_member_become_terms_and_substitutes_resolve(services, tmp_path):
    text = ("name,organisation,sector,start_date,end_date,role,deputises_for,reason_left\n"
            "Cathal Mac Giolla,Centre,community,2001-04-01,2001-11-30,,,Stood down\n"
            "cathal mac giolla,centre,community,01/02/2002,,,,\n"
            "Ewa Lewandowska,PCT,public,2001-10-01,,substitute,Cathal Mac Giolla,\n")
    assert services.exchange.import_members(write(tmp_path, text)).added == 2
    by_name = {m.name: m for m in services.members.all_members()}
    cathal = by_name["Cathal Mac Giolla"]
    assert [(t.start, t.end, t.reason_left) for t in cathal.terms] == [
        (date(2001, 4, 1), date(2001, 11, 30), "Stood down"), (date(2002, 2, 1), None, "")]
    assert by_name["Ewa Lewandowska"].deputises_for_id == cathal.id
    assert by_name["Ewa Lewandowska"].role is Role.SUBSTITUTE


def test_existing_members_skipped_or_updated(services, tmp_path):
    services.exchange.import_members(write(tmp_path, "name,organisation,sector,email\nA Person,Body,public,old@x.org\n"))
    path = write(tmp_path, "name,organisation,sector,email,start_date\na person,BODY,public,new@x.org,2001-04-01\n")
    result = services.exchange.import_members(path)
    assert (result.added, result.updated, result.skipped) == (0, 0, 1)
    assert "row 2, column A (name): A Person (Body) is already on the register; skipped." in map(str, result.problems)
    assert services.members.all_members()[0].email == "old@x.org"
    result = services.exchange.import_members(path, update_existing=True)
    assert (result.added, result.updated) == (0, 1)
    m = services.members.all_members()[0]
    assert (m.email, m.name, [t.start for t in m.terms]) == ("new@x.org", "A Person", [date(2001, 4, 1)])


def test_xlsx_real_dates_booleans_and_numbers_as_text(services, tmp_path):
    from datetime import datetime

    from openpyxl import Workbook

    book = Workbook()
    ws = book.active
    ws.append(["Membership register"])
    ws.append(["Name", "Sector", "Start date", "End date", "Publish contact", "Phone", None, None])
    ws.append(["Dr Who", "public", datetime(2001, 4, 1), "31/03/2002", True, 7946012, None, None])
    ws.append(["Ann Lee", "private", date(2002, 1, 15), None, 1, "0207 946", None, None])
    ws.append([None, None, None, None, None, None])
    path = tmp_path / "m.xlsx"
    book.save(path)
    assert services.exchange.import_members(path).added == 2
    by_name = {m.display_name: m for m in services.members.all_members()}
    assert by_name["Dr Who"].terms[0].start == date(2001, 4, 1)
    assert by_name["Dr Who"].terms[0].end == date(2002, 3, 31)
    assert by_name["Dr Who"].phone == "7946012" and by_name["Dr Who"].publish_contact
    assert (by_name["Dr Who"].title, by_name["Dr Who"].name) == ("Dr", "Who")   # title apart
    assert by_name["Ann Lee"].terms[0].start == date(2002, 1, 15) and by_name["Ann Lee"].publish_contact


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_export_then_import_into_empty_partnership_gives_same_records(demo_services, tmp_path,
                                                                     suffix):
    from lsp_desktop.db.database import open_partnership
    from lsp_desktop.services import build_services

    out = tmp_path / f"members{suffix}"
    written = demo_services.exchange.export_members(out)
    assert written == len(demo_services.exchange.member_rows())
    fresh = open_partnership(tmp_path / "fresh.lspd", create=True)
    try:
        services = build_services(fresh.session_factory, fresh.path)
        services.exchange.import_members(out)
        assert services.exchange.member_rows() == demo_services.exchange.member_rows()
    finally:
        fresh.close()


def test_xlsx_export_has_bold_frozen_header_real_dates_and_widths(demo_services, tmp_path):
    from openpyxl import load_workbook

    out = tmp_path / "m.xlsx"
    demo_services.exchange.export_members(out)
    ws = load_workbook(out).active
    assert ws.freeze_panes == "A2"
    assert ws["A1"].value == "name" and ws["A1"].font.b
    start_col = [c.value for c in ws[1]].index("start_date") + 1
    cell = ws.cell(row=2, column=start_col)
    assert cell.is_date and cell.number_format == "dd/mm/yyyy"
    assert ws.column_dimensions["A"].width >= 15


def test_export_of_chosen_rows_only(demo_services, tmp_path):
    ids = [r.id for r in demo_services.members.list_rows(date(2002, 6, 1)) if r.sector == "private"]
    out = tmp_path / "m.csv"
    demo_services.exchange.export_members(out, ids)
    lines = out.read_text(encoding="utf-8-sig").splitlines()
    assert len(lines) == 1 + len(ids) and all(",private," in ln for ln in lines[1:])


def test_xlsx_writer_cells_read_back_as_typed(tmp_path):
    from openpyxl import load_workbook

    from lsp_desktop.services.spreadsheets import write_xlsx

    out = tmp_path / "t.xlsx"
    write_xlsx(out, ["text", "amount", "ratio", "when", "flag"],
               [["A <b> & Co\nline 2", 4200000, 12.5, date(2002, 3, 31), True],
                [" spaced\x01 ", None, -1, None, False]], title="Targets/2002")
    ws = load_workbook(out).active
    assert ws.title == "Targets 2002"
    assert [c.value for c in ws[2]] == ["A <b> & Co\nline 2", 4200000, 12.5,
                                       __import__("datetime").datetime(2002, 3, 31), "yes"]
    assert [c.value for c in ws[3]] == [" spaced ", None, -1, None, "no"]
    assert ws["D2"].is_date


@pytest.mark.parametrize("text", ["O'Neill, Siobhán", "Llŷr", "ABC def-12", "Łucja", "", "  x "])
def test_quick_fold_matches_fold(text):
    from lsp_desktop.domain.member_exchange import cached_fold
    from lsp_desktop.domain.text import fold

    assert cached_fold(text) == fold(text)


def test_every_problem_of_a_row_is_listed_not_just_the_first(services, tmp_path):
    row = "Bob,,Council,pubic,,,bob@,,,2001-13-01,,maybe"
    assert problems_of(services, write(tmp_path, HEADER + row + "\n")) == [
        "row 2, column D (sector): 'pubic' is not a sector: public (statutory), private "
        "(business), voluntary or community",
        "row 2, column J (start_date): '2001-13-01' is not a real date",
        "row 2, column L (publish_contact): 'maybe' is not yes/no, Y/N, ✓, true/false or 1/0",
        "row 2, column G (email): 'bob@' is not an email address.",
    ]


def test_problems_name_the_column_by_its_letter_and_the_file_header(services, tmp_path):
    text = ("Member name,Body,Sector,Term start\n"
            "Ann,Council,public,2001-04-01\n"
            "Bob,Council,public,someday\n")
    assert problems_of(services, write(tmp_path, text)) == [
        "row 3, column D (Term start): 'someday' is not a date (use YYYY-MM-DD or DD/MM/YYYY)"]


def test_column_letters_run_like_a_spreadsheet():
    from lsp_desktop.domain.exchange import column_letter

    assert [column_letter(i) for i in (0, 1, 25, 26, 27, 51, 52, 701, 702)] == [
        "A", "B", "Z", "AA", "AB", "AZ", "BA", "ZZ", "AAA"]
