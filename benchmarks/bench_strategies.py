"""Speed of the Strategy drafts tab on a big strategy: 50 sections, 100,000 words.

Run as a script (offscreen by default); prints medians, never passes or fails:
    python benchmarks/bench_strategies.py
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

SECTIONS = 50
WORDS = 100_000
RUNS = 5
VOCABULARY = ("partnership neighbourhood renewal residents employment crime health housing "
              "skills liveability community voluntary sector board target baseline funding "
              "delivery monitoring evaluation learning Thameside Llŷr café & <b>").split()


def section_text(rng: random.Random, words: int) -> str:
    out, paragraph = [], []
    for i in range(words):
        w = rng.choice(VOCABULARY)
        paragraph.append(f"**{w}**" if i % 97 == 0 else w)
        if len(paragraph) >= 120:
            out.append(" ".join(paragraph) + ".")
            paragraph = []
    if paragraph:
        out.append(" ".join(paragraph) + ".")
    return "## Heading\n\n" + "\n\n".join(out) + "\n\n- one point\n- another point\n"


def edit(rng: random.Random, text: str, share: float = 0.05) -> str:
    words = text.split(" ")
    for _ in range(int(len(words) * share)):
        i = rng.randrange(len(words))
        if "\n" in words[i]:
            continue                # keep the paragraphs (see the join/split case below)
        if rng.random() < 0.5:
            words[i] = rng.choice(VOCABULARY)
        else:
            words.insert(i, "inserted")
    return " ".join(words)


def median_ms(fn, runs: int = RUNS) -> tuple[float, object]:
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), result


def main() -> None:
    from PySide6.QtWidgets import QApplication

    from lsp_desktop.db.database import open_partnership
    from lsp_desktop.domain.strategies import Strategy, StrategyType
    from lsp_desktop.services import build_services
    from lsp_desktop.ui.strategies.compare_dialog import CompareDialog
    from lsp_desktop.ui.strategies.strategies_tab import StrategiesTab

    app = QApplication.instance() or QApplication([])
    rng = random.Random(2002)
    with tempfile.TemporaryDirectory() as tmp:
        db = open_partnership(Path(tmp) / "bench.lspd", create=True)
        svc = build_services(db.session_factory, db.path).strategies
        small = svc.create(Strategy(StrategyType.COMMUNITY, "Small strategy"))
        big = svc.create(Strategy(StrategyType.OTHER, "Big strategy", "2002-2012"))
        per = WORDS * 28 // 27 // SECTIONS + 1    # '&' is not a word
        ids = [svc.add_section(big.id, f"Section {i + 1}", section_text(rng, per)).id
               for i in range(SECTIONS)]
        total = sum(s.word_count for s in svc.sections(big.id))
        svc.save_version(big.id, "first draft")
        for n, sid in enumerate(ids):
            text = edit(rng, svc.section(sid).body)
            if n % 5 == 0:          # every fifth section also has two paragraphs joined
                text = text.replace(".\n\n", ". ", 1)
            svc.save_section_body(sid, text)
        svc.save_version(big.id, "second draft")
        print(f"strategy: {SECTIONS} sections, {total:,} words "
              f"(first section {svc.sections(big.id)[0].word_count:,} words)")

        tab = StrategiesTab(svc)
        tab.resize(1280, 800)
        tab.show()
        app.processEvents()

        def open_big():
            tab.select_strategy(small.id)
            app.processEvents()
            start = time.perf_counter()
            tab.select_strategy(big.id)
            app.processEvents()
            tab.repaint()
            return time.perf_counter() - start

        times = [open_big() * 1000 for _ in range(RUNS)]
        print(f"open the big strategy in the tab (sections, editor, pages): "
              f"{statistics.median(times):.0f} ms median of {RUNS}")
        ms, sections = median_ms(lambda: svc.sections(big.id))
        print(f"  of which reading its sections from the file: {ms:.0f} ms")

        editor = tab.draft.editor

        def autosave():
            editor.editor.textCursor().insertText("more words ")
            start = time.perf_counter()
            editor.flush()
            return time.perf_counter() - start

        times = [autosave() * 1000 for _ in range(RUNS)]
        print(f"autosave after a pause in typing (Markdown, write, counts, summary): "
              f"{statistics.median(times):.0f} ms")

        ms, diffs = median_ms(lambda: svc.compare(big.id, 1, 2))
        ins = sum(d.inserted_words for d in diffs)
        dels = sum(d.deleted_words for d in diffs)
        print(f"compare v1 with v2 (word diff only): {ms:.0f} ms "
              f"(+{ins:,} / -{dels:,} words)")

        def show_compare(whole: bool):
            def run():
                dialog = CompareDialog(svc.version_summaries(big.id),
                                       lambda a, b: svc.compare(big.id, a, b), old=1, new=2)
                dialog.whole_check.setChecked(whole)
                dialog.show()
                app.processEvents()
                dialog.repaint()
                dialog.close()
                dialog.deleteLater()
            return run

        ms, _ = median_ms(show_compare(False))
        print(f"compare dialog shown, changes with context (default): {ms:.0f} ms")
        ms, _ = median_ms(show_compare(True), runs=3)
        print(f"compare dialog shown, whole text marked up: {ms:.0f} ms")
        ms, _ = median_ms(lambda: svc.compare(big.id, 2, None))
        print(f"compare v2 with the current draft (word diff only): {ms:.0f} ms")
        tab.close()
        db.close()


if __name__ == "__main__":
    main()
