"""Action plan speed: load 10,000 actions, a filter keystroke, a full-width timeline repaint.

Run as a script: `python benchmarks/bench_actions.py`. Prints medians; never fails.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

N = 10_000
TODAY = date(2002, 6, 1)


def _make_actions(member_ids):
    from lsp_desktop.domain.actions import (
        Action,
        ActionStatus,
        FundingSource,
        Milestone,
        Progress,
        ProgressNote,
    )
    from lsp_desktop.domain.criteria import Criterion

    statuses, ratings = list(ActionStatus), [*Progress, None]
    criteria, sources = [*Criterion, None], list(FundingSource)
    themes = ["employment", "crime", "education and skills", "health", "housing",
              "liveability", ""]
    out = []
    for i in range(N):
        start = TODAY - timedelta(days=400) + timedelta(days=(i * 37) % 700)
        due = start + timedelta(days=30 + (i * 13) % 300)
        out.append(Action(
            reference=f"A-{i + 1:05d}", title=f"Action number {i} for ward {i % 23}",
            description=f"Deliver item {i} of the neighbourhood renewal plan",
            criterion=criteria[i % 7], theme=themes[i % 7],
            owner_member_id=member_ids[i % len(member_ids)] if i % 3 else None,
            owner_body="" if i % 3 else f"Partner body {i % 40}",
            lead_officer=f"Officer {i % 12}", start=start, due=due,
            status=statuses[i % 4], progress=ratings[i % 4],
            amount=(i % 50) * 1000 or None, funding_source=sources[i % 4],
            milestones=(Milestone("Plan", start + timedelta(days=10)),
                        Milestone("Deliver", due - timedelta(days=5),
                                  due if i % 2 else None)),
            notes=(ProgressNote(start, "Agreed"),)))
    return out


class Timed(float):
    """A wall-clock median in ms that prints with its CPU-time median beside it.

    The CPU figure holds when the machine is shared and busy; the wall figure
    is what a user waits.
    """

    cpu: float

    def __format__(self, spec: str) -> str:
        return f"{float(self):{spec}} wall / {self.cpu:{spec}} CPU"


def median_ms(fn, repeat: int) -> Timed:
    wall, cpu = [], []
    for _ in range(repeat):
        t, c = time.perf_counter(), time.process_time()
        fn()
        wall.append((time.perf_counter() - t) * 1000)
        cpu.append((time.process_time() - c) * 1000)
    result = Timed(statistics.median(wall))
    result.cpu = statistics.median(cpu)
    return result


def main() -> None:
    from PySide6.QtWidgets import QApplication

    from lsp_desktop.db.database import open_partnership
    from lsp_desktop.services import build_services
    from lsp_desktop.services.demo import members as demo_members

    print(f"load average at start: {os.getloadavg()[0]:.1f} (2 cores shared)")

    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as tmp:
        db = open_partnership(Path(tmp) / "bench.lspd", Path(tmp) / "backups", create=True)
        services = build_services(db.session_factory, db.path)
        demo_members.populate(services, TODAY)
        ids = [m.id for m in services.members.all_members()]
        t = time.perf_counter()
        services.actions.add_many(_make_actions(ids))
        print(f"insert {N} actions (one unit of work): {time.perf_counter() - t:.2f} s")

        from PySide6.QtGui import QUndoStack

        from lsp_desktop.ui.actions.actions_tab import ActionsTab

        print(f"service list_actions() of {N}: "
              f"{median_ms(services.actions.list_actions, 5):.0f} ms (median of 5)")
        stack = QUndoStack()
        tab = ActionsTab(services.actions, stack, today=TODAY)
        tab.resize(1400, 900)
        print(f"tab refresh (load {N} into table, summary, combos): "
              f"{median_ms(tab.refresh, 5):.0f} ms (median of 5)")

        words = ["w", "wa", "war", "ward", "ward 1", "ward 12"]
        timings, cpu = [], []
        for _ in range(3):
            for w in words:
                tab.filter_edit.setText(w)
                t, c = time.perf_counter(), time.process_time()
                tab.apply_filters()
                app.processEvents()
                timings.append((time.perf_counter() - t) * 1000)
                cpu.append((time.process_time() - c) * 1000)
            tab.filter_edit.setText("")
            tab.apply_filters()
        print(f"filter keystroke over {N} (model filter + summary + table update): "
              f"{statistics.median(timings):.1f} ms wall / {statistics.median(cpu):.1f} ms CPU "
              f"median, {max(timings):.1f} ms worst wall")
        tab.overdue_check.setChecked(True)
        print(f"overdue filter toggle: {median_ms(tab.apply_filters, 5):.1f} ms")
        tab.overdue_check.setChecked(False)
        tab.model.sort(7)
        print(f"sort by due date: {median_ms(lambda: tab.model.sort(7), 5):.1f} ms")
        print(f"group by owner (with subtotals): "
              f"{median_ms(lambda: tab.model.set_grouping('owner'), 3):.1f} ms")
        tab.model.set_grouping("")

        tab.show()
        tab.show_timeline()
        view = tab.timeline.view
        t = time.perf_counter()
        tab.timeline.show_entries(tab.model.entries(), TODAY)
        print(f"timeline open ({N} bars, {2 * N} milestones; rows near the view "
              f"first): {(time.perf_counter() - t) * 1000:.0f} ms")
        t = time.perf_counter()
        view.verticalScrollBar().setValue(view.verticalScrollBar().maximum() // 2)
        view.viewport().repaint()
        print(f"timeline jump to the middle (builds that chunk) + repaint: "
              f"{(time.perf_counter() - t) * 1000:.0f} ms")
        view.verticalScrollBar().setValue(0)
        app.processEvents()
        view.centre_on(TODAY)
        print(f"timeline full-width repaint ({view.viewport().width()} px wide): "
              f"{median_ms(view.viewport().repaint, 20):.1f} ms per frame (median of 20)")
        bar = view.horizontalScrollBar()

        def scroll():
            bar.setValue(bar.value() + 40)
            view.viewport().repaint()
        print(f"timeline scroll step + repaint: {median_ms(scroll, 20):.1f} ms per frame")
        vbar = view.verticalScrollBar()

        def scroll_down():
            vbar.setValue(vbar.value() + 200)
            view.viewport().repaint()
        print(f"timeline vertical scroll + repaint: {median_ms(scroll_down, 20):.1f} ms")
        tab.timeline.zoom_combo.setCurrentIndex(2)
        print(f"timeline at year zoom repaint: "
              f"{median_ms(view.viewport().repaint, 20):.1f} ms per frame")
        tab.close()
        db.close()
    print(f"load average at end: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
