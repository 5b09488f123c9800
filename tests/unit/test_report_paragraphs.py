"""reports.paragraphs: a paragraph breaks its lines once per width, and again when it must."""

from __future__ import annotations

from lsp_desktop.reports.base import Styles, para


def _counting(p):
    calls = []
    original = p.breakLines

    def breaking(widths):
        calls.append(widths)
        return original(widths)

    p.breakLines = breaking
    return calls


def test_asked_again_at_the_same_width_it_keeps_its_lines():
    p = para("Thameside Partnership board, " * 20)
    calls = _counting(p)
    first = p.wrap(200, 1000)
    assert p.wrap(200, 500) == first and len(calls) == 1
    assert (p.width, p.height) == first
    narrower = p.wrap(120, 1000)
    assert narrower[1] > first[1] and len(calls) == 2
    assert p.wrap(200, 1000) == first and len(calls) == 3
    assert (p.width, p.height) == first


def test_a_split_drops_the_layout_and_the_next_wrap_lays_out_again():
    p = para("Thameside Partnership board, " * 40)
    calls = _counting(p)
    width, height = p.wrap(150, 10_000)
    parts = p.split(150, height / 2)
    assert len(parts) == 2
    p.split(150, Styles.get()["body"].leading / 2)      # no room: ReportLab drops blPara
    assert not hasattr(p, "blPara")
    assert p.wrap(150, 10_000) == (width, height) and len(calls) == 2
    assert hasattr(p, "blPara")
