"""Tabs built after start-up: median ms to show each tab the first time, and to build them.

Run: python benchmarks/bench_lazy.py [--runs 7]. Prints figures; never pass/fail.
"Before the background build": the tab is brought forward before the window's first paint
(it is imported, built and loaded then: the worst case, a click in the first instant).
"After": the tabs were built just after the first paint; showing one loads its data.
"Background build": the time the event loop is busy building each tab after the paint.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TABS = ("strategies_tab", "actions_tab", "accreditation_tab", "programme_tab")


def child(demo: str, index: int, after: bool) -> None:
    """One window on the demo file; prints the ms to show tab `index` (and build times)."""
    from PySide6.QtWidgets import QApplication

    from lsp_desktop.db.database import open_partnership
    from lsp_desktop.services import build_services
    from lsp_desktop.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    db = open_partnership(Path(demo), Path(demo).parent / "backups")
    window = MainWindow(build_services(db.session_factory, db.path), db.path)
    built: list[float] = []
    if after:
        real = window.tabs._build

        def timed_build(name: str) -> None:
            t0 = time.perf_counter()
            real(name)
            built.append((time.perf_counter() - t0) * 1000)
        window.tabs._build = timed_build
    window.show()
    window.repaint()
    if after:
        deadline = time.monotonic() + 10
        while window.tabs.waiting() and time.monotonic() < deadline:
            app.processEvents()
    t0 = time.perf_counter()
    window.tabs.setCurrentIndex(index)
    window.repaint()
    shown = (time.perf_counter() - t0) * 1000
    print(" ".join(f"{v:.1f}" for v in [shown, *built]))
    window.close()
    db.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        demo, index, after = args.child
        child(demo, int(index), after == "after")
        return
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory() as tmp:
        env["LSP_DESKTOP_DATA_DIR"] = tmp
        demo = str(Path(tmp) / "demo.lspd")
        subprocess.run([sys.executable, "-m", "lsp_desktop", "demo", "--db", demo],
                       check=True, env=env, capture_output=True)
        print(f"runs: {args.runs}, median ms (min-max)")
        builds: list[list[float]] = [[] for _ in TABS]
        for when in ("before", "after"):
            for index, name in enumerate(TABS, start=1):
                shown = []
                for run in range(args.runs):      # fresh settings: no last tab restored
                    fresh = dict(env, XDG_CONFIG_HOME=str(Path(tmp) / f"config-{when}{index}{run}"))
                    out = subprocess.run([sys.executable, __file__, "--child", demo,
                                          str(index), when], check=True, env=fresh,
                                         capture_output=True, text=True).stdout.split()
                    shown.append(float(out[0]))
                    for i, v in enumerate(out[1:]):
                        builds[i].append(float(v))
                print(f"first show of {name:18} {when:6} the background build: "
                      f"{statistics.median(shown):6.1f} ({min(shown):.1f}-{max(shown):.1f})")
        for name, times in zip(TABS, builds, strict=True):
            print(f"background build of {name:18} {statistics.median(times):6.1f} "
                  f"({min(times):.1f}-{max(times):.1f})")


if __name__ == "__main__":
    main()
