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


def test_the_database_layer_loads_in_the_background_once_painted(monkeypatch, collecting):
    # A file's first paint needs no SQLAlchemy: it is loaded after that paint, not before,
    # so it never competes with it; once, however often the callback comes.
    loads = []
    monkeypatch.setattr(app, "_preload_database_layer", lambda: loads.append(1))
    gc.disable()
    after = app._once_painted(gc.enable)
    assert loads == []
    after()
    assert loads == [1] and gc.isenabled()
    gc.disable()
    after()
    assert loads == [1] and gc.isenabled()


PRELOAD = """
import sys, threading
from lsp_desktop import app
app._preload_database_layer()
for thread in [t for t in threading.enumerate() if t.name == "preload-sqlalchemy"]:
    thread.join(60)
from lsp_desktop.db.models.base import Base
mappers = Base.registry.mappers
import gc
print(sorted(m for m in ("sqlalchemy.orm", "lsp_desktop.services.members",
                         "lsp_desktop.services.actions") if m in sys.modules),
      bool(mappers) and all(m.configured for m in mappers), gc.get_freeze_count() > 10000)
"""


def test_the_background_load_brings_in_what_the_first_click_uses():
    # In a fresh interpreter: the services the first click uses, and every model's mapper
    # set up, so the first tab shown waits for neither; what start-up made is then frozen
    # out of the collector's walks.
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    done = subprocess.run([sys.executable, "-c", PRELOAD], capture_output=True, text=True,
                          env=dict(os.environ, PYTHONPATH=str(root)), timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split("\n")[0] == ("['lsp_desktop.services.actions', "
                                            "'lsp_desktop.services.members', "
                                            "'sqlalchemy.orm'] True True")


def test_the_background_load_imports_the_action_plans_tab():
    # Its modules only (no widget is made off the window's thread): the first switch to
    # Action plans then builds the tab without importing it.
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    script = PRELOAD + ("import threading\n"
                        "print('lsp_desktop.ui.actions.actions_tab' in sys.modules,\n"
                        "      'lsp_desktop.ui.actions.action_table' in sys.modules,\n"
                        "      [t.name for t in threading.enumerate()])\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          env=dict(os.environ, PYTHONPATH=str(root), QT_QPA_PLATFORM="offscreen"),
                          timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split("\n")[1] == "True True ['MainThread']"
