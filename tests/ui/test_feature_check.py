"""PySide6's per-import check answers as before without keeping each module's source."""

from __future__ import annotations

import importlib
import linecache
import sys

import pytest

import lsp_desktop.domain.text
import lsp_desktop.ui.members.member_table
from lsp_desktop.ui.common.feature_check import _uses_pyside, lighten_feature_check


@pytest.fixture(autouse=True)
def _lighter_check():
    lighten_feature_check()         # as the Members tab's module does once Qt is loaded


def test_the_check_answers_as_pysides_own_did():
    from PySide6.support import feature

    assert feature._mod_uses_pyside is _uses_pyside
    assert _uses_pyside(lsp_desktop.ui.members.member_table)
    assert not _uses_pyside(lsp_desktop.domain.text)
    assert not _uses_pyside(sys)        # built in: no source


def test_a_module_imported_now_leaves_no_source_behind(tmp_path, monkeypatch):
    (tmp_path / "lsp_probe_module.py").write_text("from PySide6.QtCore import Qt\nX = 1\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    module = importlib.import_module("lsp_probe_module")
    try:
        assert module.X == 1
        assert str(tmp_path / "lsp_probe_module.py") not in linecache.cache
    finally:
        sys.modules.pop("lsp_probe_module", None)
