"""A page brought forward is built and painted before the background builds go on."""

from __future__ import annotations

import time

from PySide6.QtWidgets import QLabel

from lsp_desktop.ui.window.lazy_tabs import LazyTabs


def test_background_builds_wait_for_the_page_brought_forward(qtbot):
    built = []
    names = ["b", "c", "d", "e", "f", "g"]
    tabs = LazyTabs()
    qtbot.addWidget(tabs)
    tabs.addTab(QLabel("first"), "First")

    def make(name):
        time.sleep(0.03)                        # a page takes a moment to build
        built.append(name)
        return QLabel(name)

    for name in names:
        tabs.add_later(name, name.upper(), lambda name=name: make(name))
    tabs.show()
    qtbot.waitExposed(tabs)
    qtbot.waitUntil(lambda: bool(built), timeout=5000)   # the background builds have begun
    assert "g" in tabs.waiting()
    before = list(built)
    tabs.setCurrentIndex(len(names))            # the officer clicks the last tab
    assert built == before + ["g"] and tabs.currentWidget().text() == "g"
    qtbot.wait(tabs.YIELD_MS // 3)
    assert built == before + ["g"]              # nothing else built while it paints
    qtbot.waitUntil(lambda: not tabs.waiting(), timeout=5000)
    assert sorted(built) == names and tabs.currentIndex() == len(names)
