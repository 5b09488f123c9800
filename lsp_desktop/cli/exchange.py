"""Exchange commands: import, export, archive, backup, restore and personal data."""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

from lsp_desktop.cli.common import (
    date_arg,
    db_path,
    guarded,
    location,
    open_db,
    print_rows,
    services_of,
    shared_url,
)
from lsp_desktop.cli.strategy_files import strategy_export_options, strategy_import_options
from lsp_desktop.domain.errors import DomainError


def shown(args) -> str:
    from lsp_desktop.db.shared import display_url

    url = shared_url(args)
    return display_url(url) if url else str(db_path(args))

KINDS = ("members", "actions", "targets")


def register(sub, common) -> None:
    p = sub.add_parser("import", parents=[common],
                       help="import members, actions, targets, a strategy, programme figures, "
                            "target values or an archive",
                       description="Import rows from a CSV or XLSX file (all or none), a "
                                   "strategy from a .docx, .odt, .html (or .doc) file, or make "
                                   "a new partnership file (--db) from an archive.")
    p.add_argument("kind", choices=KINDS + ("strategy", "programme", "target-values", "archive"),
                   help="programme: quarterly figures by project (project, financial_year, "
                        "quarter, planned, committed, spent); target-values: dated values "
                        "(target, date, value, source, comparison)")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--update-existing", action="store_true",
                   help="rows matching an existing record update it (default: skipped)")
    p.add_argument("--sheet", metavar="NAME",
                   help="members: the sheet of a workbook to read (default: the first with "
                        "a members' header row)")
    p.add_argument("--rejects", metavar="FILE",
                   help="members, programme, target-values: import the good rows and write "
                        "the rows with problems to "
                        "FILE (.csv or .xlsx) with a Problem column, to correct (default: "
                        "all rows or none)")
    p.add_argument("--accept-suggestions", action="store_true",
                   help="members, programme: take the categories (themes) guessed from the "
                        "file's words "
                        "(without it they are listed and nothing is imported)")
    strategy_import_options(p)
    p.set_defaults(func=cmd_import, writes=True)

    p = sub.add_parser("export", parents=[common],
                       help="export members, actions, targets, a strategy, the programme, "
                            "an archive or a meetings calendar",
                       description="Write records to .csv or .xlsx, a strategy version to "
                                   ".docx or .odt (or a comparison of two versions as .docx "
                                   "with tracked changes), the year's programme to .xlsx, the "
                                   "whole partnership to a JSON archive, or meetings to an "
                                   ".ics calendar.")
    p.add_argument("kind", choices=KINDS + ("strategy", "programme", "archive", "calendar"))
    p.add_argument("--out", required=True, metavar="FILE")
    p.add_argument("--year", metavar="2002/03", default="",
                   help="calendar: every meeting of this financial year; programme: the "
                        "financial year, 2002/03 or 2002-03 (default: the year of --on)")
    p.add_argument("--meeting", type=int, metavar="ID", help="calendar: one meeting")
    p.add_argument("--on", type=date_arg, metavar="YYYY-MM-DD",
                   help="programme only: the figures as on this date (default today)")
    p.add_argument("--with-attachments", action="store_true",
                   help="archive only: include attachment contents (base64)")
    strategy_export_options(p)
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("backup", parents=[common], help="back up the partnership file now",
                       description="A checked copy made with SQLite's backup API, into the "
                                   "backups folder (rotated) or to --out.")
    p.add_argument("--out", metavar="FILE", help="write the backup here instead")
    p.set_defaults(func=cmd_backup)

    p = sub.add_parser("backups", parents=[common], help="list the partnership's backups")
    p.add_argument("--format", choices=("table", "csv", "json"), default="table")
    p.set_defaults(func=cmd_backups)

    p = sub.add_parser("restore", parents=[common], help="restore the partnership from a backup",
                       description="Back up the current file, then replace it with BACKUP.")
    p.add_argument("backup", metavar="BACKUP")
    p.set_defaults(func=cmd_restore, writes=True)

    p = sub.add_parser("member-data", parents=[common], help="subject access export for one member",
                       description="Everything held about one member, as .json, .csv or .pdf.")
    p.add_argument("--member", required=True, metavar="NAME", help="member's name, or #id")
    p.add_argument("--out", required=True, metavar="FILE")
    p.set_defaults(func=cmd_member_data)

    p = sub.add_parser("erase-member", parents=[common], help="erase a former member's personal data",
                       description="Anonymise a former member (name becomes 'Former member N', "
                                   "contacts removed, history kept) and log who did it.")
    p.add_argument("--member", required=True, metavar="NAME", help="member's name, or #id")
    p.add_argument("--by", default="", help="who is erasing (default: your login name)")
    p.add_argument("--yes", action="store_true", help="do it (without this, only says what would happen)")
    p.set_defaults(func=cmd_erase)

    p = sub.add_parser("retention", parents=[common], help="former members past the retention period")
    p.add_argument("--years", type=int, help="default: the partnership's retention period (6)")
    p.add_argument("--format", choices=("table", "csv", "json"), default="table")
    p.set_defaults(func=cmd_retention)


def cmd_import(args: argparse.Namespace) -> int:
    from lsp_desktop.domain.exchange import ImportProblems

    if args.kind == "strategy":
        from lsp_desktop.cli.strategy_files import cmd_import_strategy

        return cmd_import_strategy(args)

    if args.kind == "archive":
        from lsp_desktop.services.archive import import_archive

        counts = import_archive(Path(args.file), location(args))
        print(f"Partnership written to {shown(args)}: "
              + ", ".join(f"{n} {t}" for t, n in counts.items() if n))
        return 0
    if args.kind in ("programme", "target-values"):
        return _import_figures(args)
    from lsp_desktop.services.exchange import ExchangeService, SuggestionsPending

    if args.kind != "members" and (args.sheet or args.rejects or args.accept_suggestions):
        from lsp_desktop.cli import CommandError

        raise CommandError("--sheet, --rejects and --accept-suggestions are for members.")
    with open_db(args, write=True) as db:
        try:
            if args.kind == "members":
                from lsp_desktop.services import services_of as lazy_services

                # Sessions made only if needed: a file's import that only adds members
                # writes it by sqlite3 and loads no SQLAlchemy (MemberImport).
                service = ExchangeService(lazy_services(db).session_factory,
                                          None if db.shared else db.path)
                result = service.import_members(Path(args.file), args.update_existing,
                                                args.sheet, args.rejects, args.accept_suggestions)
            else:
                service = ExchangeService(db.session_factory)
                result = service.import_records(args.kind, Path(args.file), args.update_existing)
        except (SuggestionsPending, ImportProblems) as exc:
            return _refused(exc, "category word(s) in the file are not in the catalogue")
    for p in result.problems:
        print(f"note: {p}")
    import logging

    logging.getLogger(__name__).info(
        "imported %s from %s into %s: added %d, updated %d, skipped %d", args.kind, args.file,
        shown(args), result.added, result.updated, result.skipped)
    print(f"Added {result.added}, updated {result.updated}, skipped {result.skipped}.")
    if getattr(result, "rejects_file", None) is not None:
        print(f"{result.rejected} row(s) with problems written to {result.rejects_file}: "
              "correct them there and import that file.")
    return 0


def _import_figures(args: argparse.Namespace) -> int:
    from lsp_desktop.domain.exchange import ImportProblems
    from lsp_desktop.services.exchange import SuggestionsPending, describe
    from lsp_desktop.services.programme_exchange import ProgrammeExchange

    if args.sheet:
        from lsp_desktop.cli import CommandError

        raise CommandError("--sheet is for members.")
    with open_db(args, write=True) as db:
        exchange = ProgrammeExchange(db.session_factory)
        preview = exchange.preview_file(args.kind, Path(args.file),
                                        rejects=args.rejects is not None)
        try:
            changed = exchange.commit(preview, args.rejects, args.accept_suggestions)
        except (SuggestionsPending, ImportProblems) as exc:
            return _refused(exc, "theme word(s) in the file are not the programme's themes")
    for line in preview.changes:
        print(line)
    for s in preview.suggestions:
        print(f"note: theme {describe(s)}")
    print(f"Changed {changed} record(s) from {preview.rows} row(s).")
    if preview.reject_rows and args.rejects is not None:
        print(f"{len(preview.reject_rows)} row(s) with problems written to {args.rejects}: "
              "correct them there and import that file.")
    return 0


def _refused(exc, what: str) -> int:
    """Why an import wrote nothing: the guesses waiting for the officer's word, or the
    file's problems by row and column (notices too). Exit status 1."""
    from lsp_desktop.services.exchange import SuggestionsPending, describe

    if isinstance(exc, SuggestionsPending):
        print(f"{len(exc.suggestions)} {what}; the import would read them as:",
              file=sys.stderr)
        for s in exc.suggestions:
            print(f"  {describe(s)}", file=sys.stderr)
        print("lsp-desktop import: nothing was imported. Run again with "
              "--accept-suggestions to take these, or correct the file.", file=sys.stderr)
        return 1
    for p in exc.problems:
        print(("note: " if p.notice else "") + str(p), file=sys.stderr)
    errors = sum(1 for p in exc.problems if not p.notice)
    print(f"lsp-desktop import: {errors} problem(s); nothing was imported.", file=sys.stderr)
    return 1


def cmd_export(args: argparse.Namespace) -> int:
    from lsp_desktop.safe_files import check_target

    out = check_target(args.out, protect=guarded(args))
    if args.kind == "strategy":
        from lsp_desktop.cli.strategy_files import cmd_export_strategy

        return cmd_export_strategy(args)
    if args.kind == "calendar":
        return _export_calendar(args, out)
    with open_db(args) as db:
        if args.kind == "archive":
            from lsp_desktop.services.archive import ArchiveService

            ArchiveService(db.session_factory).write(out, args.with_attachments,
                                                     protect=guarded(args))
            print(f"Archive written to {out}")
            return 0
        if args.kind == "programme":
            from lsp_desktop.services.programme_reports import export_programme

            export_programme(services_of(db), args.year, out, args.on)
            print(f"Programme written to {out}")
            return 0
        from lsp_desktop.services.exchange import ExchangeService

        n = ExchangeService(db.session_factory).export_records(args.kind, out,
                                                               protect=guarded(args))
    print(f"{n} rows written to {out}")
    return 0


def _export_calendar(args: argparse.Namespace, out: Path) -> int:
    if bool(args.year) == (args.meeting is not None):
        raise DomainError("give either --year 2002/03 or --meeting ID for the calendar")
    with open_db(args) as db:
        services = services_of(db)
        n = services.meeting_records.write_calendar(
            out, year=args.year, meeting_id=args.meeting,
            partnership=services.partnership.get().name)
    print(f"{n} meeting{'s' if n != 1 else ''} written to {out}")
    return 0


def cmd_backup(args: argparse.Namespace) -> int:
    from lsp_desktop.paths import default_paths
    from lsp_desktop.safe_files import check_target
    from lsp_desktop.services.backups import make_backup_of

    out = check_target(args.out, protect=guarded(args)) if args.out else None
    if shared_url(args):
        with open_db(args) as db:
            made = services_of(db).backups.make(out)
        print(f"Backup (an archive export) written to {made}")
        return 0
    path = db_path(args)
    if not path.exists():
        from lsp_desktop.cli import CommandError

        raise CommandError(f"There is no partnership file at {path}.")
    made = make_backup_of(path, default_paths().backup_dir if out is None else out.parent, out)
    print(f"Backup written to {made}")
    return 0


def cmd_backups(args: argparse.Namespace) -> int:
    from lsp_desktop.paths import default_paths
    from lsp_desktop.services.backups import BackupsService

    infos = BackupsService(db_path(args), default_paths().backup_dir,
                           shared=bool(shared_url(args))).list()
    print_rows(["made", "size", "reason", "records", "file"],
               [(i.made.strftime("%d/%m/%Y %H:%M:%S"), i.size, i.reason, i.counts_text(),
                 str(i.path)) for i in infos], args.format)
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from lsp_desktop.paths import default_paths
    from lsp_desktop.services.backups import restore_file

    if shared_url(args):
        from lsp_desktop.services.backups import SHARED_BACKUPS

        raise DomainError(SHARED_BACKUPS)
    saved = restore_file(Path(args.backup), db_path(args), default_paths().ensure().backup_dir)
    if saved:
        print(f"The state before restoring was backed up to {saved}")
    print(f"{db_path(args)} restored from {args.backup}")
    return 0


def cmd_member_data(args: argparse.Namespace) -> int:
    from lsp_desktop.safe_files import check_target
    from lsp_desktop.services.personal_data import PersonalDataService

    check_target(args.out, protect=guarded(args))
    with open_db(args) as db:
        service = PersonalDataService(db.session_factory)
        member = service.find(args.member)
        out = service.write_subject_access(member.id, Path(args.out), protect=guarded(args))
    print(f"Everything held about {member.display_name} written to {out}")
    return 0


def cmd_erase(args: argparse.Namespace) -> int:
    from lsp_desktop.services.personal_data import PersonalDataService

    by = args.by or getpass.getuser()
    with open_db(args, write=args.yes) as db:     # without --yes it only reads
        service = PersonalDataService(db.session_factory)
        member = service.find(args.member)
        if not args.yes:
            print(f"Would erase {member.display_name} ({member.organisation}); "
                  "run again with --yes to do it.")
            return 0
        done = service.erase(member.id, by)
    print(f"{member.display_name} is now '{done.label}'; erasure recorded on "
          f"{done.erased_on:%d/%m/%Y} by {done.erased_by}.")
    return 0


def cmd_retention(args: argparse.Namespace) -> int:
    from lsp_desktop.services.personal_data import PersonalDataService

    with open_db(args) as db:
        rows = PersonalDataService(db.session_factory).retention_review(years=args.years)
    print_rows(["name", "organisation", "last_term_end", "years_since"],
               [(r.name, r.organisation, r.last_term_end, r.years_since) for r in rows],
               args.format)
    return 0
