"""Exporting a strategy to .docx and .odt, the tracked-change comparison, and round trips."""

from __future__ import annotations

import shutil
import subprocess
from datetime import UTC, date, datetime

import docx
import pytest
from docx.oxml.ns import qn

from lsp_desktop.domain.errors import DomainError
from lsp_desktop.domain.richtext import parse
from lsp_desktop.domain.strategies import (
    Endorsement,
    Strategy,
    StrategyStatus,
    StrategyType,
    Target,
)
from lsp_desktop.services.printing import PrintRequest
from lsp_desktop.services.strategy_export import export_strategy
from lsp_desktop.services.strategy_import import import_strategy, read_strategy_file

VISION = """Thameside will be a place where people **choose** to live and *work*.

### Our priorities

- Safer streets
    - Fewer burglaries
- Better homes

See the [action plans](https://example.org/plans) & the <annex>.
"""
PLAN = """1. Agree the themes
2. Name a lead partner

| Theme | Lead |
| --- | --- |
| Crime | Police |
"""
PLAN_2 = """1. Agree the six themes
2. Name a lead partner
3. Report each quarter

| Theme | Lead |
| --- | --- |
| Crime | Metropolitan Police |
"""


@pytest.fixture
def strategy(services):
    svc = services.strategies
    s = svc.create(Strategy(StrategyType.COMMUNITY, "Thameside Community Strategy",
                            "2002-2012", lead_officer="Tom Greenwood"))
    vision, plan = svc.sections(s.id)[:2]
    svc.save_section_body(vision.id, VISION)
    svc.save_section_body(plan.id, PLAN)
    svc.save_version(s.id, "working draft", date(2002, 3, 1))
    svc.save_section_body(plan.id, PLAN_2)
    svc.update(Strategy(**{**svc.get(s.id).__dict__, "status": StrategyStatus.AGREED}))
    svc.save_version(s.id, "agreed", date(2002, 4, 2))
    svc.add_target(Target(s.id, "crime", "Burglaries per 1,000 households", 41,
                          date(2001, 4, 1), 28, date(2004, 3, 31), 39.5, date(2002, 4, 1)))
    body = _add_body(services)
    svc.add_endorsement(Endorsement(s.id, 2, body, "Ann Patel", date(2002, 4, 10)))
    return s


def _add_body(services) -> str:
    from lsp_desktop.domain.members import Member, Sector, Term

    services.members.add(Member(name="Ann Patel", organisation="Thameside Primary Care Trust",
                                sector=Sector.PUBLIC, category="Primary Care Trust",
                                terms=(Term(date(2001, 4, 1)),)))
    return "Thameside Primary Care Trust"


def _export(services, tmp_path, name, **options):
    request = PrintRequest("strategy", date(2002, 6, 1), strategy="Thameside", **options)
    return export_strategy(services, request, tmp_path / name, author="Tom Greenwood",
                           when=datetime(2002, 6, 1, 9, 30, tzinfo=UTC))


def test_docx_has_real_headings_lists_tables_and_links(services, strategy, tmp_path):
    out = _export(services, tmp_path, "cs.docx")
    d = docx.Document(str(out))
    styles = [(p.style.name, p.text) for p in d.paragraphs]
    assert ("Title", "Thameside Community Strategy") in styles
    assert ("Heading 1", "Long-term vision") in styles
    assert ("Heading 3", "Our priorities") in styles
    assert ("List Bullet", "Safer streets") in styles
    assert ("List Bullet 2", "Fewer burglaries") in styles
    numbered = [p for p in d.paragraphs if p.style.name == "List Number"]
    assert [p.text for p in numbered] == ["Agree the six themes", "Name a lead partner",
                                          "Report each quarter"]
    # real numbering: each item points at a numbering definition that restarts at 1
    num_ids = {p._p.pPr.numPr.numId.val for p in numbered}
    assert len(num_ids) == 1
    assert not any(p.text.startswith(("•", "1.")) for p in d.paragraphs)
    links = [h for p in d.paragraphs for h in p.hyperlinks]
    assert [(h.text, h.url) for h in links] == [("action plans", "https://example.org/plans")]
    assert any("the <annex>." in p.text for p in d.paragraphs)
    bold = [r.text for p in d.paragraphs for r in p.runs if r.bold]
    assert "choose" in bold
    tables = [[[c.text for c in row.cells] for row in t.rows] for t in d.tables]
    assert [["Theme", "Lead"], ["Crime", "Metropolitan Police"]] in tables
    assert [["Body", "Signed by", "Date"],
            ["Thameside Primary Care Trust", "Ann Patel", "10/04/2002"]] in tables
    assert any(t[0][:2] == ["Theme", "Indicator"] and "Burglaries per 1,000 households"
               in t[1] for t in tables)
    assert d.core_properties.title == "Thameside Community Strategy"


@pytest.mark.parametrize("suffix", [".docx", ".odt"])
def test_export_then_import_gives_the_same_text(services, strategy, tmp_path, suffix):
    out = _export(services, tmp_path, f"cs{suffix}", version=2)
    document = read_strategy_file(out)
    assert document.title == "Thameside Community Strategy"
    assert any("'Targets'" in note for note in document.not_kept)
    svc = services.strategies
    sections = {s.title: s for s in svc.version(strategy.id, 2).sections}
    back = {s.title: s for s in document.sections}
    assert list(back) == list(sections)
    for title, section in sections.items():
        assert back[title].blocks == parse(section.body), title
    result = import_strategy(services, document, None, str(strategy.id))
    diffs = svc.compare(strategy.id, 2, result.version)
    assert [d.change.value for d in diffs] == ["unchanged"] * len(diffs)


def test_comparison_docx_has_tracked_changes(services, strategy, tmp_path):
    out = _export(services, tmp_path, "changes.docx", version=2, compare=1)
    d = docx.Document(str(out))
    body = d.element.body
    inserted = [("".join(t.text for t in e.iter(qn("w:t"))), e.get(qn("w:author")),
                 e.get(qn("w:date"))) for e in body.iter(qn("w:ins"))]
    deleted = ["".join(t.text for t in e.iter(qn("w:delText"))) for e in body.iter(qn("w:del"))]
    texts = [t for t, _, _ in inserted]
    assert "six " in texts and "Report each quarter" in texts
    assert "Metropolitan " in texts
    assert all(a == "Tom Greenwood" and w == "2002-06-01T09:30:00Z" for _, a, w in inserted)
    assert not any("**" in t or "](" in t for t in texts + deleted)
    # accepting every change gives version 2, rejecting them gives version 1
    document = read_strategy_file(out)
    plan = {s.title: s for s in document.sections}["Action plan"]
    assert plan.blocks == parse(PLAN_2)
    kinds = {(c.kind, c.text) for c in document.changes}
    assert ("insertion", "Report each quarter") in kinds


def test_bad_export_requests(services, strategy, tmp_path):
    with pytest.raises(DomainError, match="ending .docx or .odt"):
        _export(services, tmp_path, "cs.pdf")
    with pytest.raises(DomainError, match=".docx only"):
        _export(services, tmp_path, "cs.odt", compare=1)
    with pytest.raises(DomainError, match="no version 7"):
        _export(services, tmp_path, "cs.docx", version=7)
    assert list(tmp_path.glob("cs.*")) == []


@pytest.mark.skipif(shutil.which("soffice") is None,
                    reason="LibreOffice (soffice) is not installed: cannot check the files open")
def test_libreoffice_opens_the_exports(services, strategy, tmp_path):
    files = [_export(services, tmp_path, "cs.docx"), _export(services, tmp_path, "cs2.odt"),
             _export(services, tmp_path, "changes.docx", version=2, compare=1)]
    done = subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/lo",
                           "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path),
                           *map(str, files)], capture_output=True, timeout=240, check=False)
    assert done.returncode == 0, done.stderr
    from tests.pdftext import text

    for f in files:
        pdf = text((tmp_path / (f.stem + ".pdf")).read_bytes())
        assert "Thameside Community Strategy" in pdf and "Safer streets" in pdf
    assert "Report each quarter" in text((tmp_path / "changes.pdf").read_bytes())
