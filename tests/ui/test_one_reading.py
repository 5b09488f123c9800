"""One reading of section text: the editor (Qt), the PDF and the .docx show the same words
and the same structure (headings, list items, links) for any section text."""

from __future__ import annotations

import io
import re

import docx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtGui import QTextDocument

from lsp_desktop.domain.richtext import parse
from lsp_desktop.reports.base import PageSetup, write_pdf
from lsp_desktop.reports.markdown import markdown_flowables
from lsp_desktop.reports.strategy_docx import DocxWriter
from lsp_desktop.ui.strategies.markdown_text import set_markdown
from tests.conftest import TODAY
from tests.pdftext import text as pdf_text

_WORDS = st.sampled_from(["board", "Thameside", "Llŷr", "ŵyr", "<b>", "&", "5%", "O'Neill",
                          "(a)", "—", "crime", "\\*not\\*", "x\\_y", "\\#1", "a+b", "é"])
_PHRASE = st.lists(_WORDS, min_size=1, max_size=6).map(" ".join)


@st.composite
def _inline(draw) -> str:
    pieces = []
    for _ in range(draw(st.integers(1, 4))):
        phrase = draw(_PHRASE)
        look = draw(st.sampled_from(["", "**", "*", "link"]))
        if look == "link":
            pieces.append(f"[{phrase}](https://example.org/{len(pieces)})")
        elif look:
            pieces.append(f"{look}{phrase}{look}")
        else:
            pieces.append(phrase)
    return " ".join(pieces)


@st.composite
def _section(draw) -> str:
    blocks = []
    for _ in range(draw(st.integers(1, 5))):
        kind = draw(st.sampled_from(["heading", "para", "bullets", "numbers"]))
        if kind == "heading":
            blocks.append("#" * draw(st.integers(1, 3)) + " " + draw(_inline()))
        elif kind == "para":
            blocks.append(draw(_inline()))
        else:
            lines = []
            for n in range(draw(st.integers(1, 4))):
                nested = n > 0 and draw(st.booleans())
                marker = f"{n + 1}." if kind == "numbers" else "-"
                lines.append(("    " if nested else "") + f"{marker} {draw(_inline())}")
            blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + "\n"


def _words(text: str) -> list[str]:
    return text.split()


def _editor(markdown: str):
    """What the section editor shows: words, headings, list items, links, and the words
    with the list numbers it draws (what print shows besides the bullets)."""
    doc = QTextDocument()
    set_markdown(doc, markdown)
    headings, items, links, printed = [], [], [], []
    block = doc.begin()
    while block.isValid():
        text = block.text().strip()
        if block.blockFormat().headingLevel():
            headings.append(text)
        elif block.textList() is not None:
            items.append(text)
            marker = block.textList().itemText(block)
            if marker[:1].isdigit():
                printed.append(marker)       # a number as the editor shows it
        printed += _words(block.text())
        it = block.begin()
        while not it.atEnd():
            fmt = it.fragment().charFormat()
            if fmt.isAnchor() and fmt.anchorHref():
                links.append((it.fragment().text(), fmt.anchorHref()))
            it += 1
        block = block.next()
    return _words(doc.toPlainText()), headings, items, _joined(links), printed


def _joined(links):
    """Neighbouring pieces of one link (Qt splits a link where its formatting changes)."""
    out = []
    for text, href in links:
        if out and out[-1][1] == href:
            out[-1] = (out[-1][0] + text, href)
        else:
            out.append((text, href))
    return [(" ".join(t.split()), h) for t, h in out]


def _pdf_words(markdown: str) -> list[str]:
    out = io.BytesIO()
    write_pdf(out, PageSetup("ZZPARTNER", "ZZTITLE", TODAY),
              lambda doc: markdown_flowables(markdown))
    words = _words(pdf_text(out.getvalue()))
    # without the page furniture, and the bullets and numbers a list draws
    furniture = [words.index(w) for w in ("ZZPARTNER", "ZZTITLE", "Produced") if w in words]
    words = words[:min(furniture)] if furniture else words
    return [w for w in words if w not in ("•", "–", "\x7f")]


def _docx(markdown: str):
    writer = DocxWriter()
    writer.blocks(parse(markdown))
    buffer = io.BytesIO()
    writer.save(buffer)
    d = docx.Document(io.BytesIO(buffer.getvalue()))
    words, headings, items, links = [], [], [], []
    for p in d.paragraphs:
        text = p.text.strip()
        words += _words(p.text)
        if p.style.name.startswith("Heading"):
            headings.append(text)
        elif p.style.name.startswith("List"):
            items.append(text)
        links += [(h.text, h.url) for h in p.hyperlinks]
    return words, headings, items, _joined(links)


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(_section())
def test_editor_pdf_and_docx_read_section_text_alike(qapp, markdown):
    words, headings, items, links, printed = _editor(markdown)
    assert _pdf_words(markdown) == printed
    assert _docx(markdown) == (words, headings, items, links)
    assert not any(mark in " ".join(words) for mark in ("**", "](", "\\*"))


def test_the_demo_texts_read_alike(qapp):
    from lsp_desktop.services.demo import strategies as demo

    texts = [v for v in vars(demo).values() if isinstance(v, str) and "\n" in v]
    texts += [v for d in vars(demo).values() if isinstance(d, dict) for v in d.values()
              if isinstance(v, str)]
    assert len(texts) > 8
    for markdown in texts:
        words, _h, _i, _l, printed = _editor(markdown)
        assert _pdf_words(markdown) == printed, markdown
        assert _docx(markdown)[0] == words, markdown
        assert not re.search(r"<\w+>", " ".join(words)), markdown   # no literal tags
