"""Officer-style register import: 50,000 rows in the officers' own words, 5% bad rows, --rejects."""

from __future__ import annotations

import csv
import resource
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from lsp_desktop.db.database import open_partnership
from lsp_desktop.services import build_services

ROWS = 50_000
TITLES = ("Mr", "Ms", "Dr", "Cllr", "Revd", "")
WORDS = (  # (Type as officers write it, Sector as they write it)
    ("Residents", ""), ("Voluntary organisations", "Voluntary"), ("Faith group", "voluntary"),
    ("PCT", "Statutory"), ("Local Chambers of Commerce", "Business"), ("Councillor", ""),
    ("BME", "Community"), ("Drug Action Teams", "statutory"), ("CVS", ""),
    ("Metropolitan Police Authority", "public"),     # a guess: accepted with the suggestions
)
GIVEN = ("Llŷr", "Siobhán", "Margaret", "Rhodri", "Łucja", "Pádraig", "Aoife", "Tomasz")
FAMILY = ("Davies", "O’Neill", "ap Siôn", "de la Cruz", "Ó Súilleabháin", "Wąsowska-Łęcka",
          "Okafor", "Nowak-Smith")


def make_register(path: Path) -> int:
    """Write the file; returns how many rows are bad (every 20th: a bad e-mail or date)."""
    bad = 0
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["Thameside Together - membership register"])
        w.writerow([])
        w.writerow(["Title", "Surname", "Forename(s)", "Organisation", "Type", "Sector",
                    "Joined", "Left", "Tel", "E-mail", "OK to publish?"])
        for i in range(ROWS):
            category, sector = WORDS[i % len(WORDS)]
            email = f"member{i}@example.org"
            joined = f"{1 + i % 28:02d}/04/2001"
            if i % 20 == 7:
                bad += 1
                if i % 40 == 7:
                    email = f"member{i}@example"
                else:
                    joined = "31/02/2002"
            w.writerow([TITLES[i % len(TITLES)], f"{FAMILY[i % len(FAMILY)]}{i}",
                        GIVEN[i % len(GIVEN)], f"Body {i % 997}", category, sector, joined,
                        "" if i % 3 else "31/03/2002", "020 7946 0000", email,
                        "Y" if i % 2 else "N"])
    return bad


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        source = tmp / "register.csv"
        bad = make_register(source)
        db = open_partnership(tmp / "import.lspd", create=True)
        services = build_services(db.session_factory, db.path)
        rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        start, cpu = time.perf_counter(), time.process_time()
        result = services.exchange.import_members(source, rejects=tmp / "to correct.csv",
                                                  accept_suggestions=True)
        seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
        rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        print(f"import {ROWS:,}-row officer register ({bad:,} bad rows) with --rejects: "
              f"{seconds:.2f} s ({cpu:.2f} s of CPU; {result.summary()})")
        print(f"peak resident memory: {rss_after / 1024:.0f} MB "
              f"(grew {(rss_after - rss_before) / 1024:.0f} MB during the import)")
        db.close()
        # The Python heap the import itself holds at its peak, measured on a second run
        # (tracemalloc slows the run, so it is not timed).
        db = open_partnership(tmp / "again.lspd", create=True)
        services = build_services(db.session_factory, db.path)
        tracemalloc.start()
        services.exchange.import_members(source, rejects=tmp / "again.csv",
                                         accept_suggestions=True)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        print(f"peak Python memory of the import: {peak / 1e6:.0f} MB")
        db.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
