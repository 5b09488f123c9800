"""The `print` command: registers, action plans, strategy drafts and the accreditation pack as PDF."""

from __future__ import annotations

import argparse
from datetime import date

from lsp_desktop.cli.common import date_arg, guarded, open_db


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a version number") from None
    if value < 1:
        raise argparse.ArgumentTypeError("version numbers start at 1")
    return value


def register(sub, common) -> None:
    p = sub.add_parser(
        "print", parents=[common], help="print a report to PDF",
        description="Write a report as PDF: the membership register, the accreditation "
                    "submission pack, the action plan, a strategy draft, the register of "
                    "interests, a meeting's board pack or minutes, the decisions log, the "
                    "attendance record, the quarterly programme return or the board's "
                    "exception report. --on is the date every report is computed at.")
    p.add_argument("report", choices=("register", "pack", "actions", "strategy", "interests",
                                      "board-pack", "minutes", "decisions", "attendance",
                                      "programme", "exceptions"),
                   help="which report")
    p.add_argument("--out", required=True, metavar="FILE.pdf", help="PDF file to write")
    p.add_argument("--date", type=date_arg, metavar="YYYY-MM-DD",
                   help="date printed on the report as its production date (default today)")
    p.add_argument("--paper", choices=("a4", "letter"), default="a4", help="paper size")
    p.add_argument("--on", type=date_arg, metavar="YYYY-MM-DD",
                   help="the date the report is computed at: the board, overdue actions, "
                        "readiness, declarations in force, the programme's figures "
                        "(default: the production date)")
    p.add_argument("--public", action="store_true",
                   help="register: public version, without unpublished contact details; "
                        "board-pack, minutes, decisions: without confidential items")
    p.add_argument("--history", action="store_true",
                   help="register: add former members with every term they served")
    p.add_argument("--round", dest="round_name", metavar="NAME", default="",
                   help="pack: accreditation round (default: the latest)")
    p.add_argument("--strategy", metavar="NAME", default="",
                   help="strategy: its title (or id)")
    p.add_argument("--version", type=_positive, metavar="N",
                   help="strategy: version number (default: the latest)")
    p.add_argument("--compare", type=_positive, metavar="M",
                   help="strategy: mark the changes since version M")
    p.add_argument("--group-by", choices=("criterion", "theme", "owner"), default="criterion",
                   help="actions: group by criterion, theme or owner")
    p.add_argument("--overdue", action="store_true",
                   help="actions: only the actions overdue on the --on date")
    p.add_argument("--sector", choices=("public", "private", "voluntary", "community"),
                   help="register: only the members of this sector")
    p.add_argument("--no-annex", dest="annex", action="store_false",
                   help="pack: leave out the annex of readiness signals")
    p.add_argument("--officer", metavar="'NAME, JOB TITLE'", default="",
                   help="pack: the lead officer named on the sign-off page")
    p.add_argument("--meeting", type=int, metavar="ID",
                   help="board-pack, minutes: the meeting (ids: lsp-desktop meetings)")
    p.add_argument("--year", metavar="2002/03", default="",
                   help="attendance, programme: the financial year, 2002/03 (2002-03 for the "
                        "programme too; default: the year of the report's date)")
    p.add_argument("--search", metavar="TEXT", default="",
                   help="decisions: only decisions matching the words")
    p.set_defaults(func=cmd_print)


def cmd_print(args: argparse.Namespace) -> int:
    import gc

    # A report builds many small objects that all live until the file is written; the
    # cyclic collector would only walk them again and again (a fifth of the time for a
    # large register). It is switched back on after, for callers in the same process.
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _print(args)
    finally:
        if was_enabled:
            gc.enable()


def _print(args: argparse.Namespace) -> int:

    from lsp_desktop.cli import CommandError
    from lsp_desktop.safe_files import atomic_write, check_target
    from lsp_desktop.services.printing import PrintRequest, render

    out = check_target(args.out, protect=guarded(args))
    if args.report == "strategy" and not args.strategy:
        raise CommandError("name the strategy with --strategy NAME")
    request = PrintRequest(
        report=args.report, produced=args.date or date.today(), paper=args.paper,
        on=args.on, public=args.public, history=args.history, round_name=args.round_name,
        strategy=args.strategy, version=args.version, compare=args.compare,
        lead_officer=args.officer.strip(),
        group_by=args.group_by, overdue=args.overdue, sector=args.sector or "",
        annex=args.annex, meeting=args.meeting, year=args.year, search=args.search)
    with open_db(args) as db:
        services = _PrintServices(db)
        with atomic_write(out, protect=[db.path]) as tmp:
            render(services, request, str(tmp))
    return 0


class _PrintServices:
    """The services a print reads, built on first use: the register's and the interests'
    prints read through `reads` alone (plain SQL: a file's print loads no ORM)."""

    def __init__(self, db):
        self._db = db
        self._all = None
        self.reads = db.reads

    def __getattr__(self, name: str):
        if name.startswith("_"):
            raise AttributeError(name)
        if self._all is None:
            from lsp_desktop.services import build_services

            self._all = build_services(self._db.session_factory, self._db.path)
        return getattr(self._all, name)
