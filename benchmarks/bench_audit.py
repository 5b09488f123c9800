"""Audit trail speed: a record's history and the filtered log on a 50,000-line trail."""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

from lsp_desktop.db.database import open_partnership
from lsp_desktop.domain.audit import AuditFilter
from lsp_desktop.services import build_services

ROWS = 50_000


def timed(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    repeat = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        source = tmp / "members.csv"
        with open(source, "w", encoding="utf-8") as fh:
            fh.write("name,organisation,sector,start_date\n")
            for i in range(ROWS):
                fh.write(f"Member {i},Body {i % 997},public,01/04/2001\n")
        db = open_partnership(tmp / "p.lspd", create=True)
        services = build_services(db.session_factory, db.path)
        start = time.perf_counter()
        services.exchange.import_members(source)
        print(f"import {ROWS:,} members with their audit lines: "
              f"{time.perf_counter() - start:.2f} s ({services.audit.count():,} lines)")
        member = services.members.get(ROWS // 2)
        for i in range(20):
            member = services.members.update(member.with_changes(notes=f"edit {i}"))
        audit = services.audit
        t = timed(lambda: audit.history("member", member.id), repeat)
        print(f"history of one member: median {t * 1000:.1f} ms")
        t = timed(lambda: audit.lines(AuditFilter(), limit=5001), repeat)
        print(f"log, newest 5,000 lines: median {t * 1000:.0f} ms")
        t = timed(lambda: audit.lines(AuditFilter(text="Member 4999"), limit=5001), repeat)
        print(f"log filtered by text: median {t * 1000:.0f} ms")
        t = timed(lambda: audit.lines(AuditFilter(record_type="member", who="nobody"),
                                      limit=5001), repeat)
        print(f"log filtered by type and who: median {t * 1000:.0f} ms")
        db.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
