"""Accreditation speed: readiness for the demo partnership (aim: within 100 ms), rounds, carry-over.

Run as a script: `python benchmarks/bench_accreditation.py`. Prints medians; never fails.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from datetime import date
from pathlib import Path

from lsp_desktop.db.database import open_partnership
from lsp_desktop.domain.readiness import readiness
from lsp_desktop.services import build_services
from lsp_desktop.services.demo import write_demo

TODAY = date(2002, 6, 1)


def median_ms(fn, repeat: int = 25) -> float:
    fn()        # warm caches (catalogue, SQLAlchemy statement cache)
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = write_demo(Path(tmp) / "demo.lspd")
        db = open_partnership(path)
        try:
            s = build_services(db.session_factory, db.path)
            latest = s.accreditation.latest_round()
            data = s.readiness.gather(latest, TODAY)
            figures = {
                "readiness, whole (gather + signals), demo": median_ms(
                    lambda: s.readiness.report(None, TODAY)),
                "readiness, gathering the data only": median_ms(
                    lambda: s.readiness.gather(latest, TODAY)),
                "readiness, signals only (pure functions)": median_ms(lambda: readiness(data)),
                "load one round with criteria, evidence, GO review": median_ms(
                    lambda: s.accreditation.get_round(latest.id)),
                "overview: load every round": median_ms(s.accreditation.all_rounds),
                "compare two rounds": median_ms(
                    lambda: s.accreditation.compare(s.accreditation.rounds()[0].id, latest.id)),
            }
            counter = iter(range(10_000))
            figures["start a round carried over from the latest"] = median_ms(
                lambda: s.accreditation.new_round(f"Bench {next(counter)}",
                                                  carry_from_id=latest.id), repeat=10)
        finally:
            db.close()
    width = max(len(k) for k in figures)
    print("Accreditation benchmarks (median of repeated runs, demo partnership)")
    for name, ms in figures.items():
        print(f"  {name:<{width}}  {ms:8.2f} ms")


if __name__ == "__main__":
    main()
