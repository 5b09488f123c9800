"""Programme speed: the Programme tab's refresh with 500 projects x 12 quarters (goal < 50 ms).

Run as a script: `python benchmarks/bench_programme.py [--runs 15]`. Prints medians in ms;
never fails. "refresh": read funds, years and every project's money, recompute the view,
reset the table (what a change by the officer or another officer costs); "change of year
or date": the view recomputed from the projects in hand; the parts: reading the projects,
and the pure arithmetic.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

PROJECTS = 500
YEARS = ("2001/02", "2002/03", "2003/04")           # 3 years x 4 quarters = 12 quarters
TODAY = date(2002, 11, 15)


def _projects(fund_id: int):
    from lsp_desktop.domain.programme import ProgrammeTheme, Project, QuarterFigures

    themes = [t.value for t in ProgrammeTheme]
    out = []
    for i in range(PROJECTS):
        budget = 20_000 + (i * 7919) % 180_000
        quarters = tuple(QuarterFigures(fy, q, budget // 4, budget // 4 - (i % 5) * 100,
                                        budget // 4 - (i % 7) * 300)
                         for fy in YEARS for q in range(1, 5))
        out.append(Project(f"P-{i + 1:04d}", f"Project {i} in ward {i % 23}", fund_id,
                           themes[i % len(themes)], f"Body {i % 40}", f"Manager {i % 60}",
                           budgets={fy: budget for fy in YEARS}, quarters=quarters))
    return out


def median_ms(fn, runs: int) -> tuple[float, float]:
    """Wall-clock and CPU-time medians (the CPU figure moves less on a busy machine)."""
    wall, cpu = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        fn()
        wall.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    return statistics.median(wall), statistics.median(cpu)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()

    from PySide6.QtWidgets import QApplication

    from lsp_desktop.db.database import open_partnership
    from lsp_desktop.domain.partnership import Partnership
    from lsp_desktop.domain.programme import FundYear, programme_view
    from lsp_desktop.services import build_services
    from lsp_desktop.ui.programme.programme_tab import ProgrammeTab

    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory(prefix="lsp-bench-programme-") as folder:
        db = open_partnership(Path(folder) / "bench.lspd", Path(folder) / "backups",
                              create=True)
        services = build_services(db.session_factory, db.path)
        services.partnership.save(Partnership("Bench", nrf_allocations={
            fy: 40_000_000 for fy in YEARS}))
        nrf = services.programme.fund("NRF")
        for fy in YEARS:
            services.programme.save_fund_year(FundYear(nrf.id, fy, 40_000_000, {
                "crime": 8_000_000, "health": 6_000_000, "housing": 6_000_000}))
        start = time.perf_counter()
        services.programme.add_many(_projects(nrf.id))
        print(f"write {PROJECTS} projects x 12 quarters: "
              f"{(time.perf_counter() - start) * 1000:.0f} ms")
        tab = ProgrammeTab(services.programme, today=TODAY, load=False)
        tab.resize(1280, 760)
        tab.show()
        tab.refresh()
        tab.year_combo.setCurrentText("2002/03")
        app.processEvents()
        assert tab.model.rowCount() == PROJECTS + 8       # 7 themes and the total
        projects = services.programme.projects()
        plan = services.programme.fund_year(nrf.id, "2002/03")
        figures = {
            "refresh (read everything, recompute, reset the table)": median_ms(
                tab.refresh, args.runs),
            "change of year (read that year, recompute, reset the table)": median_ms(
                lambda: (setattr(tab, "_loaded", None), tab.show_view()), args.runs),
            "change of the as-on date (recompute, reset the table)": median_ms(
                tab.show_view, args.runs),
            "read the projects and their money": median_ms(
                services.programme.projects, args.runs),
            "the view's arithmetic alone": median_ms(
                lambda: programme_view(nrf, "2002/03", plan, projects, TODAY), args.runs),
        }
        tab.close()
        db.close()
    print(f"Programme view, {PROJECTS} projects x {4 * len(YEARS)} quarters "
          f"(median of {args.runs}; goal: refresh < 50 ms)")
    for label, (wall, cpu) in figures.items():
        print(f"  {label:<60} {wall:7.1f} ms (CPU {cpu:.1f} ms)")


if __name__ == "__main__":
    main()
