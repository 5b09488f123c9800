"""A contents page laid out in one pass gives the same page numbers as repeated passes."""

from __future__ import annotations

import io
import re
from datetime import date

import pytest
from reportlab.platypus import KeepTogether, PageBreak

from lsp_desktop.reports.base import Bookmark, Contents, PageSetup, markup, para, write_pdf
from tests.pdftext import reader

SETUP = PageSetup("Thameside Together", "Test pack", date(2002, 6, 30))


def _render(story_for) -> tuple[list[str], int]:
    out = io.BytesIO()
    pages = []
    write_pdf(out, SETUP, story_for, on_page=pages.append, toc=True)
    texts = [p.extract_text(extraction_mode="layout") for p in reader(out.getvalue()).pages]
    return texts, len(pages)


def _sections(count: int, wrap=lambda flowables: flowables) -> list:
    story = []
    for i in range(1, count + 1):
        story += [PageBreak(), *wrap([Bookmark(f"Section {i} <&>", 0, f"s{i}"),
                                      markup(f"Section {i}", "h1")])]
        story += [para("Text " * 40) for _ in range(i % 3 * 9)]
    return story


def _numbers(pages: list[str], count: int) -> None:
    """Each contents line names the page its section really starts on."""
    def start(i):
        return next(n for n, p in enumerate(pages, 1)
                    if re.search(rf"^\s*Section {i}\s*$", p, re.MULTILINE))

    contents = "\n".join(pages[:start(1) - 1])
    for i in range(1, count + 1):
        m = re.search(rf"Section {i} <&>[ .]*?(\d+)\s*$", contents, re.MULTILINE)
        assert m, f"Section {i} missing from the contents"
        assert int(m.group(1)) == start(i)


def _story(count: int, wrap=lambda flowables: flowables):
    def story_for(doc):
        return [markup("Contents", "h1"), Contents(dotsMinLevel=0), *_sections(count, wrap)]
    return story_for


def test_one_pass_when_the_lines_are_known():
    pages, reported = _render(_story(6))
    _numbers(pages, 6)
    assert reported == len(pages)               # laid out once: each page reported once


@pytest.mark.parametrize("case", ["hidden bookmark", "contents over a page"])
def test_falls_back_to_passes_and_numbers_stay_right(case):
    if case == "hidden bookmark":       # inside a container the pre-scan does not open
        class Box(KeepTogether):
            def __init__(self, flowables):
                super().__init__(flowables)
                self._content, self.inner = None, flowables

            def split(self, aw, ah):
                return self.inner

            def wrap(self, aw, ah):
                return aw, ah + 1               # never fits: always split into its parts

        count, story_for = 5, _story(5, lambda fl: [Box(fl)] if fl[0].key == "s3" else fl)
    else:
        count, story_for = 70, _story(70)
    pages, reported = _render(story_for)
    _numbers(pages, count)
    assert reported > len(pages)                # laid out again
