"""Start-up benchmark: median seconds to a painted main window on the demo file (target 0.6 s).

Run: python benchmarks/bench_startup.py [--runs 9]. Prints figures; never pass/fail.
For reference it also times a bare PySide6 window started the same way.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

BARE_WINDOW = r'''
import os, time
def started():
    with open("/proc/self/stat", "rb") as fh:
        ticks = int(fh.read().rsplit(b")", 1)[1].split()[19])
    with open("/proc/uptime", "rb") as fh:
        uptime = float(fh.read().split()[0])
    return time.time() - uptime + ticks / os.sysconf("SC_CLK_TCK")
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow
app = QApplication([])
w = QMainWindow(); w.setCentralWidget(QLabel("hello")); w.resize(1280, 780); w.show()
def done():
    w.repaint(); print(f"{time.time() - started():.3f}"); app.quit()
QTimer.singleShot(0, done)
app.exec()
'''


CPU: dict[str, list[float]] = {}


def timed(cmd: list[str], env: dict, label: str = "") -> float:
    """Wall seconds the program reports; also records the child's CPU seconds."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    out = subprocess.run(cmd, capture_output=True, text=True, env=env, check=True, timeout=120)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    CPU.setdefault(label, []).append(after.ru_utime - before.ru_utime
                                     + after.ru_stime - before.ru_stime)
    return float(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory() as tmp:
        env["LSP_DESKTOP_DATA_DIR"] = tmp
        # Settings of its own: the user's remembered tab or window size would change what
        # is built and loaded before the first paint (first run: the Members tab).
        env["XDG_CONFIG_HOME"] = str(Path(tmp) / "config")
        demo = Path(tmp) / "demo.lspd"
        subprocess.run([sys.executable, "-m", "lsp_desktop", "demo", "--db", str(demo)],
                       check=True, env=env, capture_output=True)
        app_cmd = [sys.executable, "-m", "lsp_desktop", "--db", str(demo), "--quit-after-startup"]
        bare_cmd = [sys.executable, "-c", BARE_WINDOW]
        timed(app_cmd, env)                       # warm the disk cache once
        timed(bare_cmd, env)
        app = [timed(app_cmd, env, "app") for _ in range(args.runs)]
        bare = [timed(bare_cmd, env, "bare") for _ in range(args.runs)]
    with open("/proc/loadavg") as fh:
        load = fh.read().split()[0]
    print(f"platform: {env['QT_QPA_PLATFORM']}, runs: {args.runs}, "
          f"load average {load} on {os.cpu_count()} cores")
    print(f"lsp-desktop --quit-after-startup (demo): median {statistics.median(app):.3f} s "
          f"(min {min(app):.3f}, max {max(app):.3f}; target <= 0.600); "
          f"CPU median {statistics.median(CPU['app']):.3f} s")
    print(f"bare PySide6 window:                     median {statistics.median(bare):.3f} s "
          f"(min {min(bare):.3f}, max {max(bare):.3f}); "
          f"CPU median {statistics.median(CPU['bare']):.3f} s")


if __name__ == "__main__":
    main()
