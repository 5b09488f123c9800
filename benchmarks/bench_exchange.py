"""Exchange speed: 50,000-row members CSV import, 50,000 members to XLSX, archive of the demo."""

from __future__ import annotations

import csv
import statistics
import sys
import tempfile
import time
from pathlib import Path

from lsp_desktop.db.database import open_partnership
from lsp_desktop.services import build_services
from lsp_desktop.services.demo import write_demo

SECTORS = ("public", "private", "voluntary", "community")
ROWS = 50_000


def make_csv(path: Path) -> None:
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["name", "title", "organisation", "sector", "category", "role", "email",
                    "phone", "address", "start_date", "end_date", "publish_contact"])
        for i in range(ROWS):
            w.writerow([f"Member Łucja {i}", "Ms", f"Body {i % 997}", SECTORS[i % 4], "",
                        "member", f"m{i}@example.org", "020 7946 0000", "1 High St\nThameside",
                        f"{1 + i % 28:02d}/04/2001", "" if i % 3 else "2002-03-31",
                        "yes" if i % 2 else "no"])


def timed(fn, repeat: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def main() -> int:
    repeat = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        source = tmp / "members.csv"
        make_csv(source)
        runs = []

        def import_once():
            db = open_partnership(tmp / f"import{len(runs)}.lspd", create=True)
            runs.append(db)
            return build_services(db.session_factory, db.path).exchange.import_members(source)

        t, result = timed(import_once, repeat)
        print(f"import {ROWS:,}-row members CSV: median {t:.2f} s ({result.summary()})")
        services = build_services(runs[0].session_factory, runs[0].path)
        t, _ = timed(lambda: services.exchange.export_members(tmp / "out.xlsx"), repeat)
        size = (tmp / "out.xlsx").stat().st_size
        print(f"export {services.members.count():,} members to XLSX: median {t:.2f} s "
              f"({size / 1e6:.1f} MB)")
        t, _ = timed(lambda: services.exchange.export_members(tmp / "out.csv"), repeat)
        print(f"export {services.members.count():,} members to CSV: median {t:.2f} s")
        for db in runs:
            db.close()
        demo = write_demo(tmp / "demo.lspd")
        db = open_partnership(demo)
        demo_services = build_services(db.session_factory, db.path)
        t, _ = timed(lambda: demo_services.archive.write(tmp / "demo.json"), max(repeat, 5))
        print(f"archive of the demo: median {t * 1000:.0f} ms "
              f"({(tmp / 'demo.json').stat().st_size / 1e3:.0f} kB)")
        t, _ = timed(lambda: demo_services.backups.make(tmp / f"b{time.time_ns()}.lspd"),
                     max(repeat, 5))
        print(f"checked backup of the demo: median {t * 1000:.0f} ms")
        db.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
