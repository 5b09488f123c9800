"""Importing strategies from .docx, .odt and .html files built with the libraries themselves."""

from __future__ import annotations

import shutil
import subprocess
from importlib import resources

import docx
import pytest
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from lsp_desktop.domain.errors import DomainError
from lsp_desktop.domain.richtext import Heading, ListBlock, Para, Table, parse, plain
from lsp_desktop.domain.strategies import StrategyType
from lsp_desktop.services.strategy_import import (
    describe,
    import_strategy,
    read_strategy_file,
)


def _link(paragraph, text: str, url: str) -> None:
    rid = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), rid)
    run = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = text
    run.append(t)
    link.append(run)
    paragraph._p.append(link)


def _tracked(paragraph, kind: str, text: str, author: str) -> None:
    mark = OxmlElement(f"w:{kind}")
    mark.set(qn("w:id"), str(len(text) + (1 if kind == "ins" else 2)))
    mark.set(qn("w:author"), author)
    mark.set(qn("w:date"), "2002-05-14T10:00:00Z")
    run = OxmlElement("w:r")
    t = OxmlElement("w:t" if kind == "ins" else "w:delText")
    t.set(qn("xml:space"), "preserve")
    t.text = text
    run.append(t)
    mark.append(run)
    paragraph._p.append(mark)


def community_docx(path, tracked: bool = False):
    d = docx.Document()
    d.core_properties.title = "Thameside Community Strategy 2002"
    d.add_paragraph("Thameside Community Strategy 2002", style="Title")
    d.add_heading("1. Our long-term vision", 1)
    p = d.add_paragraph("Thameside will be a place where people ")
    p.add_run("choose").bold = True
    p.add_run(" to live, ")
    p.add_run("work").italic = True
    p.add_run(" and stay.")
    d.add_paragraph("Safer streets", style="List Bullet")
    d.add_paragraph("Fewer burglaries", style="List Bullet 2")
    d.add_paragraph("Better homes", style="List Bullet")
    d.add_heading("Action plan", 1)
    for step in ("Agree the themes", "Name a lead partner", "Report each quarter"):
        d.add_paragraph(step, style="List Number")
    table = d.add_table(rows=2, cols=2)
    for (r, c), text in {(0, 0): "Theme", (0, 1): "Lead", (1, 0): "Crime",
                         (1, 1): "Police"}.items():
        table.cell(r, c).text = text
    p = d.add_paragraph("See the ")
    _link(p, "action plans", "https://example.org/plans")
    p.add_run(".")
    d.add_heading("Partnership news", 2)
    p = d.add_paragraph("A picture: ")
    icon = resources.files("lsp_desktop.assets").joinpath("icons/lsp-desktop-16.png")
    with resources.as_file(icon) as picture:
        p.add_run().add_picture(str(picture))
    d.add_heading("Detail under news", 3)
    d.add_paragraph("Still news.")
    if tracked:
        p = d.add_paragraph("The board agreed ")
        _tracked(p, "del", "four", "Ann Patel")
        _tracked(p, "ins", "six", "Ann Patel")
        p.add_run(" priorities.")
        d.add_comment(p.runs[0], text="Which six? Please list them.", author="Raj Singh",
                      initials="RS")
    d.save(path)
    return path


def test_docx_sections_lists_table_link_title(tmp_path):
    doc = read_strategy_file(community_docx(tmp_path / "cs.docx"))
    assert doc.title == "Thameside Community Strategy 2002"
    assert [s.title for s in doc.sections] == ["1. Our long-term vision", "Action plan",
                                               "Partnership news"]
    vision, plan, news = doc.sections
    para, bullets = vision.blocks
    assert [(r.text, r.bold, r.italic) for r in para.runs if r.bold or r.italic] == [
        ("choose", True, False), ("work", False, True)]
    assert [(plain(i.runs), i.level, i.ordered) for i in bullets.items] == [
        ("Safer streets", 0, False), ("Fewer burglaries", 1, False), ("Better homes", 0, False)]
    numbered, table, link_para = plan.blocks
    assert [(plain(i.runs), i.ordered) for i in numbered.items] == [
        ("Agree the themes", True), ("Name a lead partner", True), ("Report each quarter", True)]
    assert isinstance(table, Table)
    assert [plain(c) for c in table.header] == ["Theme", "Lead"]
    assert [plain(c) for c in table.rows[0]] == ["Crime", "Police"]
    assert [(r.text, r.href) for r in link_para.runs if r.href] == [
        ("action plans", "https://example.org/plans")]
    assert isinstance(news.blocks[1], Heading) and news.blocks[1].level == 3
    assert doc.not_kept == ["1 image"]
    # what is stored reads back (through the one parser) to the same structure
    assert parse(plan.markdown) == plan.blocks
    assert parse(vision.markdown) == vision.blocks


def test_docx_headings_fill_the_expected_components(tmp_path, services):
    doc = read_strategy_file(community_docx(tmp_path / "cs.docx"))
    lines = describe(doc, services, "cs", "")
    assert "  1. Our long-term vision → fills 'Long-term vision'" in lines
    assert "Not kept: 1 image" in lines
    result = import_strategy(services, doc, "cs")
    assert result.created and result.version == 1
    svc = services.strategies
    strategy = svc.get(result.strategy_id)
    assert (strategy.title, strategy.type) == ("Thameside Community Strategy 2002",
                                               StrategyType.COMMUNITY)
    sections = {s.title: s for s in svc.sections(result.strategy_id)}
    assert sections["1. Our long-term vision"].component == "Long-term vision"
    assert sections["Action plan"].component == "Action plan"
    # expected components the file lacks are still there, empty, on the checklist
    assert sections["Shared commitment"].body == ""
    assert svc.summary(result.strategy_id).empty_components == (
        "Shared commitment", "Arrangements for monitoring")
    assert "1. Agree the themes" in sections["Action plan"].body
    assert "| Crime | Police |" in sections["Action plan"].body
    assert "[action plans](https://example.org/plans)" in sections["Action plan"].body
    assert "**choose**" in sections["1. Our long-term vision"].body
    assert len(svc.version_summaries(result.strategy_id)) == 1


def test_tracked_changes_are_accepted_and_listed_with_comments(tmp_path, services):
    doc = read_strategy_file(community_docx(tmp_path / "cs.docx", tracked=True))
    last = doc.sections[-1].blocks[-1]
    assert isinstance(last, Para) and plain(last.runs) == "The board agreed six priorities."
    assert [(c.kind, c.author, c.date[:10], c.text) for c in doc.changes] == [
        ("deletion", "Ann Patel", "2002-05-14", "four"),
        ("insertion", "Ann Patel", "2002-05-14", "six")]
    assert [(c.author, c.text, c.anchor) for c in doc.comments] == [
        ("Raj Singh", "Which six? Please list them.", "The board agreed")]
    lines = describe(doc, services, "cs", "")
    assert "  deletion by Ann Patel, 14/05/2002: four" in lines
    assert any("Raj Singh" in line and "Which six?" in line for line in lines)


def test_import_as_a_new_version_keeps_the_old_draft(tmp_path, services):
    from lsp_desktop.domain.strategies import Strategy

    svc = services.strategies
    s = svc.create(Strategy(StrategyType.COMMUNITY, "Our strategy"))
    vision = svc.sections(s.id)[0]
    svc.save_section_body(vision.id, "The old vision.")
    svc.save_version(s.id, "first draft")
    svc.save_section_body(vision.id, "Typed since, not saved as a version.")
    doc = read_strategy_file(community_docx(tmp_path / "board.docx", tracked=True))
    result = import_strategy(services, doc, None, str(s.id))
    assert not result.created and result.version == 3
    labels = [v.label for v in svc.version_summaries(s.id)]
    assert labels == ["first draft", "draft before importing board.docx",
                      "imported from board.docx"]
    assert svc.version(s.id, 2).sections[0].body == "Typed since, not saved as a version."
    # the vision section kept its id, so the comparison lines it up as a change
    now = svc.sections(s.id)
    assert now[0].id == vision.id and "choose" in now[0].body
    diffs = svc.compare(s.id, 1, 3)
    assert diffs[0].change.value == "changed"
    assert svc.get(s.id).title == "Our strategy"      # a new version keeps the title


def test_odt_sections_lists_table_link(tmp_path):
    from odf.dc import Title as DcTitle
    from odf.opendocument import OpenDocumentText
    from odf.style import Style, TextProperties
    from odf.table import Table as OTable
    from odf.table import TableCell, TableColumn, TableRow
    from odf.text import A, H, List, ListItem, ListLevelStyleNumber, ListStyle, P, Span

    d = OpenDocumentText()
    d.meta.addElement(DcTitle(text="Renewal in Northfields"))
    bold = Style(name="B", family="text")
    bold.addElement(TextProperties(fontweight="bold"))
    d.automaticstyles.addElement(bold)
    numbers = ListStyle(name="N")
    numbers.addElement(ListLevelStyleNumber(level=1, numformat="1", numsuffix="."))
    numbers.addElement(ListLevelStyleNumber(level=2, numformat="a", numsuffix=")"))
    d.automaticstyles.addElement(numbers)
    d.text.addElement(H(outlinelevel=1, text="Priority neighbourhoods"))
    p = P(text="Northfields is among the ")
    p.addElement(Span(stylename=bold, text="10% most deprived"))
    p.addText(" wards; see ")
    p.addElement(A(href="https://example.org/imd", type="simple", text="the index"))
    d.text.addElement(p)
    top = List(stylename=numbers)
    item = ListItem()
    item.addElement(P(text="Worklessness"))
    nested = List()
    sub = ListItem()
    sub.addElement(P(text="Young people"))
    nested.addElement(sub)
    item.addElement(nested)
    top.addElement(item)
    second = ListItem()
    second.addElement(P(text="Crime"))
    top.addElement(second)
    d.text.addElement(top)
    d.text.addElement(H(outlinelevel=2, text="Learning plan"))
    table = OTable()
    table.addElement(TableColumn(numbercolumnsrepeated=2))
    for row in (("Skill", "Who"), ("Chairing", "Residents")):
        tr = TableRow()
        for value in row:
            cell = TableCell()
            cell.addElement(P(text=value))
            tr.addElement(cell)
        table.addElement(tr)
    d.text.addElement(table)
    d.save(str(tmp_path / "nrs.odt"))

    doc = read_strategy_file(tmp_path / "nrs.odt")
    assert doc.title == "Renewal in Northfields"
    assert [s.title for s in doc.sections] == ["Priority neighbourhoods", "Learning plan"]
    para, numbered = doc.sections[0].blocks
    assert [(r.text, r.bold, r.href) for r in para.runs if r.bold or r.href] == [
        ("10% most deprived", True, ""), ("the index", False, "https://example.org/imd")]
    assert [(plain(i.runs), i.level, i.ordered) for i in numbered.items] == [
        ("Worklessness", 0, True), ("Young people", 1, True), ("Crime", 0, True)]
    (table,) = doc.sections[1].blocks
    assert [[plain(c) for c in r] for r in (table.header, *table.rows)] == [
        ["Skill", "Who"], ["Chairing", "Residents"]]


def test_html_sections_lists_table_link(tmp_path):
    page = tmp_path / "draft.html"
    page.write_text("""<html><head><title>Thameside LNRS</title></head><body>
      <h1>Community involvement</h1>
      <p>Residents hold <b>half</b> the seats &amp; more; <a href="https://x.org/a">read on</a>.</p>
      <ul><li>Northfields<ul><li>Board</li></ul></li><li>Eastgate</li></ul>
      <h2>Monitoring and evaluation</h2>
      <ol><li>Quarterly</li><li>Yearly</li></ol>
      <table><tr><th>When</th><th>What</th></tr><tr><td>Q1</td><td>Report</td></tr></table>
      <img src="x.png"><p>&lt;script&gt; stays text</p>
    </body></html>""", encoding="utf-8")
    doc = read_strategy_file(page)
    assert doc.title == "Thameside LNRS"
    assert [s.title for s in doc.sections] == ["Community involvement",
                                               "Monitoring and evaluation"]
    para, bullets = doc.sections[0].blocks
    assert plain(para.runs) == "Residents hold half the seats & more; read on."
    assert [(plain(i.runs), i.level) for i in bullets.items] == [
        ("Northfields", 0), ("Board", 1), ("Eastgate", 0)]
    numbered, table, last = doc.sections[1].blocks
    assert isinstance(numbered, ListBlock) and all(i.ordered for i in numbered.items)
    assert [plain(c) for c in table.rows[0]] == ["Q1", "Report"]
    assert plain(last.runs) == "<script> stays text"
    assert doc.not_kept == ["1 image"]
    assert parse(doc.sections[0].markdown) == doc.sections[0].blocks


def test_bad_files_get_one_line_reasons(tmp_path, monkeypatch):
    with pytest.raises(DomainError, match="import a .docx, .odt or .html"):
        read_strategy_file(tmp_path / "notes.txt")
    with pytest.raises(DomainError, match="there is no file"):
        read_strategy_file(tmp_path / "missing.docx")
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"not a zip")
    with pytest.raises(DomainError, match="broken.docx could not be read"):
        read_strategy_file(broken)
    old = tmp_path / "old.doc"
    old.write_bytes(b"\xd0\xcf\x11\xe0")
    monkeypatch.setattr("lsp_desktop.services.strategy_import.soffice", lambda: None)
    with pytest.raises(DomainError, match=r"save it as \.docx"):
        read_strategy_file(old)


def test_an_empty_file_saves_nothing(tmp_path, services):
    d = docx.Document()
    d.save(tmp_path / "empty.docx")
    doc = read_strategy_file(tmp_path / "empty.docx")
    before = services.strategies.strategies()
    with pytest.raises(DomainError, match="no text to import"):
        import_strategy(services, doc, "cs")
    assert services.strategies.strategies() == before



@pytest.mark.skipif(shutil.which("soffice") is None,
                    reason="LibreOffice (soffice) is not installed: .doc files are refused")
def test_old_word_doc_is_converted_by_libreoffice(tmp_path):
    source = community_docx(tmp_path / "source.docx")
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/lo", "--headless",
                    "--convert-to", "doc", "--outdir", str(tmp_path / "old"), str(source)],
                   capture_output=True, timeout=240, check=True)
    old = tmp_path / "old" / "source.doc"
    doc = read_strategy_file(old)
    assert doc.file_name == "source.doc"
    assert [s.title for s in doc.sections] == ["1. Our long-term vision", "Action plan",
                                               "Partnership news"]
    numbered = doc.sections[1].blocks[0]
    assert [plain(i.runs) for i in numbered.items] == [
        "Agree the themes", "Name a lead partner", "Report each quarter"]
