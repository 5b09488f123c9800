"""The speed table of issue 23 in one run: each figure beside its anchor, with ratios.

Run: ./dev bench [--runs 5] [--suite] (or python -m benchmarks). Each measure is the median
of --runs, our run and the anchor's interleaved, on the same machine in the same minutes.
Anchors: a bare PySide6 window; LibreOffice converting the same CSV (where soffice is
installed); the sqlite3 shell (where installed). Prints figures; never pass/fail.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.bench_startup import BARE_WINDOW  # noqa: E402

# Files are made by the measured checkout's own generator, so their schema is its own.
GENERATE = ("import sys; from pathlib import Path; sys.path.insert(0, sys.argv[1]); "
            "import bench_members; bench_members.generate(Path(sys.argv[2]), int(sys.argv[3]))")

# A child's wall time from its own start, and its peak resident memory (MB), as the
# program itself would report them: printed by a wrapper around lsp_desktop.app.main.
RUN_MAIN = ("import resource, sys, time; t0 = time.perf_counter(); "
            "from lsp_desktop.app import main; rc = main(sys.argv[1:]); "
            "sys.stdout.flush(); "
            "print('BENCH', time.perf_counter() - t0, "
            "resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, file=sys.stderr); "
            "sys.exit(rc)")

BARE_MEMORY = r'''
import resource
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow
app = QApplication([])
w = QMainWindow(); w.setCentralWidget(QLabel("hello")); w.resize(1024, 700); w.show()
app.processEvents(); w.repaint()
with open("/proc/self/status") as fh:
    rss = [int(l.split()[1]) / 1024 for l in fh if l.startswith("VmRSS")][0]
print(rss)
'''

WINDOW_CHILD = r'''
import json, statistics, sys, time
from pathlib import Path
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication
from lsp_desktop.db.database import open_partnership
from lsp_desktop.services import build_services
from lsp_desktop.ui.main_window import MainWindow

app = QApplication([])
path = Path(sys.argv[1])
db = open_partnership(path, path.parent / "backups")
window = MainWindow(build_services(db.session_factory, db.path), db.path)
window.resize(1024, 700)
window.show(); app.processEvents(); window.repaint()
# What the program does once its window is painted: it loads the database layer in the
# background (the first paint of a file reads plain SQL). The officer's first click comes
# a moment later; `settled_ms` says how long that background load took.
import threading
from lsp_desktop import app as program
t0 = time.perf_counter()
if sys.argv[2] == "settled":
    getattr(program, "_preload_database_layer", lambda: None)()
for thread in [t for t in threading.enumerate() if t.name == "preload-sqlalchemy"]:
    while thread.is_alive():
        app.processEvents(); thread.join(0.005)
settled_ms = (time.perf_counter() - t0) * 1000
# The first switch to Action plans, as an officer makes it a moment after start-up.
actions_index = next(i for i in range(window.tabs.count())
                     if "action" in window.tabs.tabText(i).lower())
t0 = time.perf_counter()
window.tabs.setCurrentIndex(actions_index)
app.processEvents(); window.repaint()
switch_ms = (time.perf_counter() - t0) * 1000
deadline = time.monotonic() + 10
while window.tabs.waiting() and time.monotonic() < deadline:
    app.processEvents()
window.tabs.setCurrentIndex(0); app.processEvents()
tab = window.members_tab
tab.status_combo.setCurrentIndex(tab.status_combo.findData(""))
app.processEvents()
tab.filter_edit.setFocus()

def key(text, code=Qt.Key.Key_unknown):
    start = time.perf_counter()
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QApplication.sendEvent(tab.filter_edit,
                               QKeyEvent(kind, code, Qt.KeyboardModifier.NoModifier, text))
    app.processEvents()
    tab.table.viewport().repaint()
    return (time.perf_counter() - start) * 1000

times = []
for _ in range(3):
    for ch in "llyr":
        times.append(key(ch))
    for _ in range(4):
        times.append(key("", Qt.Key.Key_Backspace))
    for ch in "oneill 1":
        times.append(key(ch))
    for _ in range(8):
        times.append(key("", Qt.Key.Key_Backspace))
with open("/proc/self/status") as fh:
    rss = [int(l.split()[1]) / 1024 for l in fh if l.startswith("VmRSS")][0]
print(json.dumps({"switch_ms": switch_ms, "settled_ms": settled_ms, "key_median": statistics.median(times),
                  "key_max": max(times), "rss": rss}))
window.close(); db.close()
'''


class Bench:
    """Runs the children with one environment and keeps the table's rows."""

    def __init__(self, tmp: Path, runs: int, code: Path):
        self.tmp = tmp
        self.runs = runs
        self.env = dict(os.environ, PYTHONPATH=str(code), LSP_DESKTOP_DATA_DIR=str(tmp),
                        XDG_CONFIG_HOME=str(tmp / "config"))
        self.env.setdefault("QT_QPA_PLATFORM", "offscreen")
        # As installed, the program runs from compiled bytecode: without it every child
        # would compile the sources again (a third of a print's time here).
        self.env.pop("PYTHONDONTWRITEBYTECODE", None)
        subprocess.run([sys.executable, "-m", "compileall", "-q", str(code / "lsp_desktop")],
                       capture_output=True, env=self.env, check=False)
        self.rows: list[tuple[str, str, str, str]] = []

    def run(self, cmd: list[str], **kw) -> subprocess.CompletedProcess:
        # From the scratch folder: `python -m`/`-c` put the working folder first on the
        # path, which from a checkout would measure that checkout, not --code's.
        kw.setdefault("cwd", self.tmp)
        done = subprocess.run(cmd, capture_output=True, text=True, env=self.env, timeout=600,
                              **kw)
        if done.returncode:
            raise SystemExit(f"bench: {' '.join(cmd[-6:])} failed ({done.returncode}):\n"
                             + "\n".join((done.stdout + done.stderr).splitlines()[-15:]))
        return done

    def lsp(self, *args: str) -> tuple[float, float]:
        """Seconds and peak MB of one `lsp-desktop ARGS` run, from inside the child."""
        done = self.run([sys.executable, "-c", RUN_MAIN, *args])
        line = [x for x in done.stderr.splitlines() if x.startswith("BENCH ")][-1]
        _, seconds, peak = line.split()
        return float(seconds), float(peak)

    def wall(self, cmd: list[str]) -> float:
        start = time.perf_counter()
        self.run(cmd)
        return time.perf_counter() - start

    def interleave(self, ours, anchor) -> tuple[list, list]:
        """Our run and the anchor's run in turns, after one warm-up of each."""
        ours()
        if anchor:
            anchor()
        mine, theirs = [], []
        for _ in range(self.runs):
            mine.append(ours())
            if anchor:
                theirs.append(anchor())
        return mine, theirs

    def row(self, measure: str, now: str, anchor: str, goal: str) -> None:
        self.rows.append((measure, now, anchor, goal))
        print(f"  {measure}: {now} | {anchor} | goal {goal}", flush=True)


def med(values) -> float:
    return statistics.median(values)


def startup(b: Bench, db: Path, label: str, goal: float) -> None:
    def ours():
        return float(b.run([sys.executable, "-m", "lsp_desktop", "--db", str(db),
                            "--quit-after-startup"]).stdout.split()[-1])

    def bare():
        return float(b.run([sys.executable, "-c", BARE_WINDOW]).stdout.split()[-1])

    mine, theirs = b.interleave(ours, bare)
    ratio = med(mine) / med(theirs)
    b.row(f"start-up to painted window, {label}", f"{med(mine):.3f} s = {ratio:.1f}x",
          f"bare window {med(theirs):.3f} s", f"<= {goal:g}x")


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def register_csv(b: Bench, db: Path, count: int) -> Path:
    """The same members as a CSV, for LibreOffice to convert."""
    out = b.tmp / f"register{count}.csv"
    b.run([sys.executable, "-m", "lsp_desktop", "export", "members", "--db", str(db),
           "--out", str(out)])
    return out


def prints(b: Bench, demo: Path, big: dict[int, Path]) -> None:
    for label, kind, goal in (("accreditation pack, demo", "pack", "<= 0.5 s"),
                              ("smallest print (demo register)", "register", "<= 0.45 s")):
        out = b.tmp / f"{kind}.pdf"
        mine, _ = b.interleave(lambda kind=kind, out=out: b.lsp(
            "print", kind, "--db", str(demo), "--out", str(out))[0], None)
        pages = _pages(out)
        b.row(f"{label} ({pages} pages)", f"{med(mine):.3f} s", "-", goal)
    office = soffice()
    for count, goal in ((5000, "<= 0.5x"), (20000, "<= 1.5 s")):
        db = big[count]
        out = b.tmp / f"r{count}.pdf"
        source = register_csv(b, db, count)

        def ours(db=db, out=out):
            return b.lsp("print", "register", "--db", str(db), "--out", str(out))[0]

        def lo(source=source):
            return b.wall([office, "--headless", "--convert-to", "pdf", "--outdir",
                           str(b.tmp / "lo"), str(source)])

        mine, theirs = b.interleave(ours, lo if office else None)
        anchor = f"LibreOffice {med(theirs):.2f} s" if theirs else "LibreOffice not installed"
        now = f"{med(mine):.2f} s" + (f" = {med(mine) / med(theirs):.2f}x" if theirs else "")
        b.row(f"register, {count:,} members", now, anchor, goal)


def _pages(pdf: Path) -> int:
    try:
        from pypdf import PdfReader

        return len(PdfReader(pdf).pages)
    except Exception:   # pypdf is a test dependency; the count is only a label
        return 0


def officer_csv(path: Path, rows: int) -> None:
    sectors = ("public", "private", "voluntary", "community")
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["name", "title", "organisation", "sector", "category", "role", "email",
                    "phone", "address", "start_date", "end_date", "publish_contact"])
        for i in range(rows):
            w.writerow([f"Member Łucja {i}", "Ms", f"Body {i % 997}", sectors[i % 4], "",
                        "member", f"m{i}@example.org", "020 7946 0000", "1 High St",
                        f"{1 + i % 28:02d}/04/2001", "" if i % 3 else "2002-03-31",
                        "yes" if i % 2 else "no"])


def exchange(b: Bench, big50: Path) -> None:
    sqlite = shutil.which("sqlite3")
    source = b.tmp / "import.csv"
    officer_csv(source, 50_000)
    n = [0]
    peaks = []

    def ours():
        n[0] += 1
        target = b.tmp / f"imp{n[0]}.lspd"
        b.run([sys.executable, "-c", "import sys; from lsp_desktop.db.database import "
               "open_partnership; open_partnership(sys.argv[1], create=True).close()",
               str(target)])
        seconds, peak = b.lsp("import", "members", str(source), "--db", str(target))
        peaks.append(peak)
        return seconds

    def anchor():
        n[0] += 1
        target = b.tmp / f"sq{n[0]}.db"
        return b.wall([sqlite, str(target), ".mode csv", f".import {source} members"])

    mine, theirs = b.interleave(ours, anchor if sqlite else None)
    now = f"{med(mine):.2f} s, {max(peaks):.0f} MB"
    b.row("CSV import, 50,000 rows", now,
          f"sqlite3 .import {med(theirs):.2f} s" if theirs else "sqlite3 not installed",
          "<= 2 s, <= 150 MB")

    def listing():
        return b.lsp("members", "--db", str(big50), "--format", "csv")[0]

    def anchor_listing():
        return b.wall([sqlite, "-csv", str(big50),
                       "SELECT m.title, m.name, m.organisation, m.sector, m.category, m.role, "
                       "t.start_date, t.end_date FROM member m JOIN term t ON t.member_id = m.id"])

    mine, theirs = b.interleave(listing, anchor_listing if sqlite else None)
    now = f"{med(mine):.2f} s" + (f" = {med(mine) / med(theirs):.0f}x" if theirs else "")
    b.row("members --format csv, 50,000", now,
          f"sqlite3 {med(theirs):.3f} s" if theirs else "sqlite3 not installed", "<= 0.6 s")


def window(b: Bench, big50: Path) -> None:
    # "settled": the officer's first click a moment after start-up, once the program's
    # background load after the paint is done; "cold": the click at once after the paint.
    def child(mode: str) -> dict:
        return json.loads(b.run([sys.executable, "-c", WINDOW_CHILD, str(big50), mode])
                          .stdout.strip().splitlines()[-1])

    results, cold = [], []
    for _ in range(max(1, b.runs // 2)):
        results.append(child("settled"))
        cold.append(child("cold"))
    bare = [float(b.run([sys.executable, "-c", BARE_MEMORY]).stdout.split()[-1])
            for _ in range(2)]
    b.row("filter keystroke, 50,000 members",
          f"median {med([r['key_median'] for r in results]):.1f} ms, "
          f"worst {max(r['key_max'] for r in results):.1f} ms", "one frame 16.7 ms",
          "worst <= 16 ms")
    b.row("first switch to Action plans, 50,000 members",
          f"{med([r['switch_ms'] for r in results]):.0f} ms a moment after start-up (the "
          f"background load ends {med([r['settled_ms'] for r in results]):.0f} ms after the "
          f"paint); {med([r['switch_ms'] for r in cold]):.0f} ms at once after the paint",
          "-", "<= 50 ms")
    b.row("window's memory, 50,000 members", f"{med([r['rss'] for r in results]):.0f} MB",
          f"bare window {med(bare):.0f} MB", "<= 150 MB")


def suite(b: Bench) -> None:
    """The whole suite as `./dev test` runs it: every core, the slower group (bundle build and
    smoke test, eight writers) included, against a throwaway PostgreSQL cluster."""
    code = Path(b.env["PYTHONPATH"])
    script = ('source tools/pg-cluster.sh; trap pg_cluster_stop EXIT; '
              'pg_cluster_start "$0" >/dev/null; '
              '"$0" -m pytest -q -p no:cacheprovider -n auto --dist worksteal')
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", LSP_BUNDLE_SMOKE="1",
               LSP_BUNDLE_PYTHON=sys.executable)
    start = time.perf_counter()
    done = subprocess.run(["bash", "-c", script, sys.executable], cwd=code,
                          capture_output=True, text=True, env=env)
    seconds = time.perf_counter() - start
    last = (done.stdout.strip().splitlines() or ["?"])[-1]
    b.row("the test suite, 2 cores", f"{seconds:.0f} s ({last.strip('= ')})", "-", "<= 180 s")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--suite", action="store_true", help="also time the whole test suite")
    parser.add_argument("--code", type=Path, default=ROOT, metavar="DIR",
                        help="measure the program in this checkout (e.g. an older commit's "
                             "worktree, for a before/after table); default: this one")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        b = Bench(tmp, args.runs, args.code.resolve())
        print(f"{args.code.resolve()}: {os.cpu_count()} cores, load {os.getloadavg()[0]:.2f}; "
              f"medians of {args.runs} runs, anchors interleaved", flush=True)
        demo = tmp / "demo.lspd"
        b.run([sys.executable, "-m", "lsp_desktop", "demo", "--db", str(demo)])
        big = {}
        for count in (5000, 20000, 50000):
            big[count] = tmp / f"m{count}.lspd"
            b.run([sys.executable, "-c", GENERATE, str(args.code.resolve() / "benchmarks"),
                   str(big[count]), str(count)])
        startup(b, demo, "demo", 3)
        startup(b, big[50000], "50,000 members", 4)
        prints(b, demo, big)
        exchange(b, big[50000])
        window(b, big[50000])
        if args.suite:
            suite(b)
        print()
        print("| measure | now | anchor | goal |")
        print("|---|---|---|---|")
        for row in b.rows:
            print("| " + " | ".join(row) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
