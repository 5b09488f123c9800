"""Report speed: the print command from start to written file for big registers and the demo pack."""

from __future__ import annotations

import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lsp_desktop.domain.members import CATEGORIES, Member, Role, Term  # noqa: E402

FIRST = ["Aoife", "Llŷr", "Łucja", "Pádraig", "Gwenllïan", "Delroy", "Margaret", "Imran",
         "Zofia", "Brendan", "Helen", "Gareth", "Siobhán", "Tomasz", "Fatima", "Rhodri"]
LAST = ["O'Neill", "Davies", "Wróbel", "Ó Súilleabháin", "Rhys", "Campbell", "Okafor",
        "Qureshi", "Nowak-Smith", "Murphy", "Chowdhury", "Price", "Kowalczyk", "ap Siôn"]


def make_db(path: Path, count: int) -> Path:
    """A partnership file with `count` members, a tenth of them former."""
    from lsp_desktop.db.database import create_partnership_file, open_partnership
    from lsp_desktop.services import build_services
    from lsp_desktop.services.demo.members import partnership_details

    create_partnership_file(path)
    db = open_partnership(path)
    services = build_services(db.session_factory, db.path)
    services.partnership.save(partnership_details())
    rng = random.Random(7)
    cats = list(CATEGORIES.items())
    members = []
    for i in range(count):
        category, sector = cats[i % len(cats)]
        start = date(2000, 1, 1) + timedelta(days=rng.randrange(800))
        end = start + timedelta(days=200) if i % 10 == 0 else None
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)} {i}"
        members.append(Member(
            name=name, sector=sector, title="Ms", organisation=f"{category} body {i % 97}",
            category=category, role=Role.MEMBER, email=f"member{i}@example.org",
            phone=f"020 7946 {i % 10000:04d}", publish_contact=i % 3 == 0,
            terms=(Term(start, end),)))
    services.members.add_many(members)
    db.close()
    return path


def run_print(db: Path, out: Path, *extra: str) -> tuple[float, float, int]:
    """Wall seconds from process start to written file, CPU seconds, peak memory in MB."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    code = ("import resource, sys; from lsp_desktop.app import main; rc = main(sys.argv[1:]); "
            "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024); sys.exit(rc)")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", code, "print", *extra, "--db", str(db),
                           "--out", str(out), "--date", "2002-06-01"],
                          env=env, capture_output=True, text=True, check=True)
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return seconds, cpu, int(done.stdout.strip().splitlines()[-1])


def measure(label: str, db: Path, out: Path, runs: int, *extra: str) -> None:
    results = [run_print(db, out, *extra) for _ in range(runs)]
    times = [t for t, _c, _m in results]
    cpus = [c for _t, c, _m in results]
    peak = max(m for _t, _c, m in results)
    print(f"{label}: median {statistics.median(times):.3f} s wall (min {min(times):.3f}, "
          f"max {max(times):.3f}), median {statistics.median(cpus):.3f} s CPU, over {runs} "
          f"runs; peak {peak} MB; {out.stat().st_size // 1024} KiB")


def main() -> None:
    print(f"load average before: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores "
          "(wall times on a shared machine are noisy; CPU time is the steadier figure)")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        from lsp_desktop.services.demo import write_demo

        demo = write_demo(folder / "demo.lspd")
        measure("register, demo board", demo, folder / "demo-register.pdf", 5, "register")
        try:
            measure("pack, demo partnership", demo, folder / "pack.pdf", 5, "pack")
        except subprocess.CalledProcessError as exc:
            print(f"pack, demo partnership: not measured ({exc.stderr.strip()})")
        for count, runs in ((5000, 5), (20000, 3)):
            started = time.perf_counter()
            db = make_db(folder / f"m{count}.lspd", count)
            print(f"({count} members written in {time.perf_counter() - started:.1f} s)")
            measure(f"register, {count} members", db, folder / f"r{count}.pdf", runs,
                    "register")
            measure(f"register, {count} members, public, with history", db,
                    folder / f"p{count}.pdf", runs, "register", "--public", "--history")


if __name__ == "__main__":
    main()
