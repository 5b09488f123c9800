"""reports.paragraphs: a paragraph breaks its lines once per width, and again when it must;
the italic faces are read only for a paragraph that has italics."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from lsp_desktop.reports.base import Styles, para

ROOT = Path(__file__).resolve().parents[2]


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


def test_italic_faces_are_read_only_for_a_paragraph_with_italics(tmp_path):
    # In a process of its own: fonts are registered once per process.
    code = """
from reportlab.pdfbase import pdfmetrics
from lsp_desktop.reports.base import ITALIC, BOLD_ITALIC, markup, para
from lsp_desktop.reports.pack import PackData
plain = para("Thameside <i>as typed</i>")          # user text: no markup, no italics
assert ITALIC not in pdfmetrics.getRegisteredFontNames(), "italic read for plain text"
markup("<b>Approved:</b> <b><i>all</i></b>").wrap(200, 100)
names = pdfmetrics.getRegisteredFontNames()
assert ITALIC in names and BOLD_ITALIC in names, names
"""
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            env=dict(os.environ, PYTHONPATH=str(ROOT)), timeout=60)
    assert result.returncode == 0, result.stderr
