"""`import strategy FILE` and `export strategy --out F.docx|.odt`: strategies alongside Word."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from lsp_desktop.cli.common import open_db


def _positive(text: str) -> int:
    from lsp_desktop.cli.reports import _positive as positive

    return positive(text)


def strategy_import_options(p) -> None:
    p.add_argument("--kind", dest="strategy_kind", choices=("cs", "lnrs", "other"),
                   help="strategy: the type of a new strategy (cs: Community Strategy, "
                        "lnrs: Local Neighbourhood Renewal Strategy)")
    p.add_argument("--strategy", dest="strategy", metavar="NAME", default="",
                   help="strategy: import as a new version of this strategy (title or id) "
                        "instead of a new strategy")
    p.add_argument("--dry-run", action="store_true",
                   help="strategy: show what would be imported and save nothing")


def strategy_export_options(p) -> None:
    p.add_argument("--strategy", dest="strategy", metavar="NAME", default="",
                   help="strategy: its title (or id)")
    p.add_argument("--version", type=_positive, metavar="N",
                   help="strategy: version number (default: the latest)")
    p.add_argument("--compare", type=_positive, metavar="M",
                   help="strategy: a .docx of version N with tracked changes since version M")
    p.add_argument("--date", dest="produced", metavar="YYYY-MM-DD", default=None,
                   help="strategy: the date the export is made (default today)")


def cmd_export_strategy(args: argparse.Namespace) -> int:
    from lsp_desktop.cli import CommandError
    from lsp_desktop.cli.common import date_arg
    from lsp_desktop.services import build_services
    from lsp_desktop.services.printing import PrintRequest
    from lsp_desktop.services.strategy_export import export_strategy

    if not args.strategy:
        raise CommandError("name the strategy with --strategy NAME")
    produced = date_arg(args.produced) if args.produced else date.today()
    request = PrintRequest(report="strategy", produced=produced, strategy=args.strategy,
                           version=args.version, compare=args.compare)
    with open_db(args) as db:
        out = export_strategy(build_services(db.session_factory, db.path), request,
                              Path(args.out))
    what = (f"with tracked changes since version {args.compare}" if args.compare
            else "written")
    print(f"Strategy {what}: {out}")
    return 0


def cmd_import_strategy(args: argparse.Namespace) -> int:
    from lsp_desktop.cli import CommandError
    from lsp_desktop.services import build_services
    from lsp_desktop.services.strategy_import import (
        describe,
        import_strategy,
        read_strategy_file,
    )

    if not args.strategy and not args.strategy_kind:
        raise CommandError("say what the file is with --kind cs|lnrs|other, or name the "
                           "strategy it is a new version of with --strategy NAME")
    document = read_strategy_file(Path(args.file))
    with open_db(args, write=not args.dry_run) as db:
        services = build_services(db.session_factory, db.path)
        for line in describe(document, services, args.strategy_kind, args.strategy):
            print(line)
        if args.dry_run:
            print("Nothing saved (--dry-run).")
            return 0
        result = import_strategy(services, document, args.strategy_kind, args.strategy)
    print(f"Imported as version {result.version} of '{result.title}' (strategy "
          f"{result.strategy_id}).")
    sys.stdout.flush()
    return 0
