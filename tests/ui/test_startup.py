"""Start-up: garbage collection waits for the first paint, and always comes back on."""

from __future__ import annotations

import gc

import pytest
from PySide6.QtWidgets import QLabel, QMainWindow

from lsp_desktop import app


@pytest.fixture
def collecting():
    assert gc.isenabled()
    yield
    gc.enable()


def test_collection_waits_for_the_window_and_comes_back_on(monkeypatch, collecting):
    seen = []

    def start(args, resume):
        seen.append(gc.isenabled())
        resume()                                  # what the first paint does
        seen.append(gc.isenabled())
        gc.disable()
        return 0

    monkeypatch.setattr(app, "_run_gui", start)
    assert app.run_gui(None) == 0
    assert seen == [False, True] and gc.isenabled()


def test_collection_comes_back_on_when_the_window_never_opens(monkeypatch, collecting):
    def fail(args, resume):
        raise RuntimeError("no display")

    monkeypatch.setattr(app, "_run_gui", fail)
    with pytest.raises(RuntimeError):
        app.run_gui(None)
    assert gc.isenabled()


def test_collection_left_off_by_the_caller_stays_off(monkeypatch, collecting):
    monkeypatch.setattr(app, "_run_gui", lambda args, resume: resume() or 0)
    gc.disable()
    assert app.run_gui(None) == 0
    assert not gc.isenabled()


def test_first_paint_calls_back_after_the_window_is_painted(qtbot):
    window = QMainWindow()
    window.setCentralWidget(QLabel("register"))
    qtbot.addWidget(window)
    calls = []
    app._after_first_paint(window, lambda: calls.append(1), 60_000)
    qtbot.wait(50)
    assert calls == []                           # not shown, not painted
    window.show()
    qtbot.waitUntil(lambda: calls == [1], timeout=5000)
    window.repaint()
    qtbot.wait(50)
    assert calls == [1]                          # once


def test_first_paint_calls_back_at_the_latest_after_the_time_given(qtbot):
    window = QMainWindow()
    qtbot.addWidget(window)
    calls = []
    app._after_first_paint(window, lambda: calls.append(1), 100)
    qtbot.waitUntil(lambda: calls == [1], timeout=3000)
