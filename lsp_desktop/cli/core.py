"""Core commands: demo, check, members."""

from __future__ import annotations

import argparse
from datetime import date

from lsp_desktop.cli.common import date_arg, db_path, open_db, print_rows, shared_url


def register(sub, common) -> None:
    p = sub.add_parser("demo", parents=[common], help="write the demo partnership to a file",
                       description="Write a fictional demo partnership (26-seat board, "
                                   "strategies, actions, assessments) to --db.")
    p.add_argument("--force", action="store_true", help="overwrite an existing file")
    p.set_defaults(func=cmd_demo, writes=True)

    p = sub.add_parser("upgrade", parents=[common],
                       help="upgrade a partnership file made by an older version",
                       description="Back up the file into the backups folder, then upgrade it "
                                   "to this version's schema. Commands that only read never "
                                   "upgrade a file; the window upgrades it when it opens it.")
    p.set_defaults(func=cmd_upgrade, writes=True)

    p = sub.add_parser("check", parents=[common], help="check a partnership file's health",
                       description="Integrity check, schema version and a count per record "
                                   "type. Exit 0 when healthy, 1 otherwise.")
    p.set_defaults(func=cmd_check)

    p = sub.add_parser("members", parents=[common], help="list the board on a date",
                       description="List the board as on a date (default today).")
    p.add_argument("--on", type=date_arg, metavar="YYYY-MM-DD",
                   help="the date (YYYY-MM-DD or DD/MM/YYYY; default today)")
    p.add_argument("--all", action="store_true",
                   help="include former members (and those not yet started)")
    p.add_argument("--format", choices=("table", "csv", "json"), default="table",
                   help="aligned table (default), CSV with a header row, or a JSON list")
    p.set_defaults(func=cmd_members)


def cmd_demo(args: argparse.Namespace) -> int:
    from lsp_desktop.db.shared import display_url
    from lsp_desktop.services.demo import write_demo, write_shared_demo

    url = shared_url(args)
    if url:
        write_shared_demo(url)
        print(f"Demo partnership written to {display_url(url)}")
        return 0
    path = write_demo(db_path(args), force=args.force)
    print(f"Demo partnership written to {path}")
    return 0


def cmd_upgrade(args: argparse.Namespace) -> int:
    from lsp_desktop.db.migrate import known_revisions
    from lsp_desktop.paths import default_paths

    with open_db(args, write=True, backup_dir=default_paths().ensure().backup_dir) as db:
        where = db.location
        old = db.migrated_from
    if old:
        print(f"{where} upgraded from schema {old} to {known_revisions()[-1]}; the file as it "
              "was is kept in the backups folder (lsp-desktop backups lists it).")
    else:
        print(f"{where} is up to date (schema {known_revisions()[-1]}); nothing was changed.")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from lsp_desktop.db.health import check_file, check_server

    url = shared_url(args)
    import sys

    report = check_server(url) if url else check_file(db_path(args))
    for line in report.lines:
        # A file that cannot be checked at all is an error like any other command's.
        print(line, file=sys.stderr if line.startswith("error: ") else sys.stdout)
    return 0 if report.healthy else 1


def cmd_members(args: argparse.Namespace) -> int:
    from lsp_desktop.services.collector import collector_paused

    with collector_paused():        # tens of thousands of rows, all kept until printed
        from lsp_desktop.services.member_listing import listing
        from lsp_desktop.services.print_reads import reading

        on = args.on or date.today()
        with open_db(args) as db, reading(db.session_factory if db.shared else None,
                                          None if db.shared else db.reads) as reads:
            # Plain SQL and tuples, dates as ISO text: a file's listing loads no SQLAlchemy.
            data = listing(reads, on, include_former=args.all)
        headers = ["name", "organisation", "sector", "category", "role", "term_start",
                   "term_end", "status", "contact_published"]
        print_rows(headers, data, args.format)
        del data                    # freed now, not walked by the collector switched back on
    return 0
