"""The `meetings`, `attendance` and `decisions` commands: the board's cycle from the command line."""

from __future__ import annotations

import argparse

from lsp_desktop.cli.common import date_arg


def register(sub, common) -> None:
    p = sub.add_parser("meetings", parents=[common], help="list meetings of the board and groups",
                       description="List meetings, oldest first, with attendance and quorum.")
    p.add_argument("--body", metavar="NAME", help="only this body (e.g. board, 'Crime theme "
                                                   "group')")
    p.add_argument("--from", dest="since", type=date_arg, metavar="YYYY-MM-DD")
    p.add_argument("--to", dest="until", type=date_arg, metavar="YYYY-MM-DD")
    p.add_argument("--format", choices=("table", "csv", "json"), default="table")
    p.set_defaults(func=cmd_meetings)

    p = sub.add_parser("attendance", parents=[common], help="attendance at board meetings",
                       description="Attendance at the held meetings of a financial year: each "
                                   "member's rate, or each sector's (a substitute fills the "
                                   "seat of the member they stand in for).")
    p.add_argument("--by", choices=("member", "sector"), default="member")
    p.add_argument("--year", metavar="2002/03", help="financial year (default: this year)")
    p.add_argument("--body", metavar="NAME", help="a theme group instead of the board")
    p.add_argument("--format", choices=("table", "csv", "json"), default="table")
    p.set_defaults(func=cmd_attendance)

    p = sub.add_parser("decisions", parents=[common], help="the decisions log",
                       description="Every minuted decision across all meetings, oldest first.")
    p.add_argument("--search", metavar="TEXT", default="",
                   help="only decisions containing these words (case and accents ignored)")
    p.add_argument("--public", action="store_true", help="leave out confidential items")
    p.add_argument("--format", choices=("table", "csv", "json"), default="table")
    p.set_defaults(func=cmd_decisions)


def cmd_meetings(args: argparse.Namespace) -> int:
    from lsp_desktop.cli.common import open_db, print_rows, services_of

    with open_db(args) as db:
        services = services_of(db)
        body = services.meetings.find_body(args.body) if args.body else None
        rows = services.meetings.list_rows(body.id if body else None, args.since, args.until)
    headers = ["id", "body", "date", "time", "venue", "status", "items", "attended",
               "expected", "quorate", "decisions", "minutes_approved"]
    print_rows(headers, [(r.id, r.body, r.held_on, r.start.strftime("%H:%M") if r.start else "",
                          r.venue, r.status.value, r.items, r.present, r.expected, r.quorate,
                          r.decisions, r.approved) for r in rows], args.format)
    return 0


def cmd_attendance(args: argparse.Namespace) -> int:
    from datetime import date

    from lsp_desktop.cli.common import open_db, print_rows, services_of
    from lsp_desktop.domain.meetings import year_of

    year = args.year or year_of(date.today())
    with open_db(args) as db:
        services = services_of(db)
        body = services.meetings.find_body(args.body) if args.body else None
        record = services.meeting_records.attendance_for_year(year, body.id if body else None)
    counts = ["expected", "present", "substitute", "apologies", "absent", "rate"]
    if args.by == "sector":
        rows = [(s.value, r.expected, r.present, r.substituted, r.apologies, r.absent, r.percent)
                for s, r in record.sectors.items()]
        print_rows(["sector"] + counts, rows, args.format)
    else:
        rows = [(name, sector.value, r.expected, r.present, r.substituted, r.apologies,
                 r.absent, r.percent) for name, sector, r in record.members]
        print_rows(["member", "sector"] + counts, rows, args.format)
    if args.format == "table":
        print(f"\n{record.body}, {year}: {record.sentence}")
    return 0


def cmd_decisions(args: argparse.Namespace) -> int:
    from lsp_desktop.cli.common import open_db, print_rows, services_of

    with open_db(args) as db:
        decisions = services_of(db).meeting_records.decisions(args.search, public=args.public)
    print_rows(["reference", "meeting_id", "body", "date", "number", "item", "decision",
                "confidential", "inquorate"],
               [(d.reference, d.meeting_id, d.body, d.held_on, d.number, d.item, d.text,
                 d.confidential, d.inquorate) for d in decisions], args.format)
    return 0
