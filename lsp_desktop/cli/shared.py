"""Command `new`: create an empty partnership in a new file or an empty server database."""

from __future__ import annotations

import argparse


def register(sub, common) -> None:
    p = sub.add_parser(
        "new", parents=[common], help="create an empty partnership (a new file, or an empty "
        "PostgreSQL database named by a URL)",
        description="Create an empty partnership with the current schema. --db is a new file "
                    "or a database URL (postgresql+psycopg://user@host:port/dbname) of an "
                    "empty database.")
    p.add_argument("--name", required=True, help="the partnership's name")
    p.add_argument("--council-area", default="", help="the council area it covers")
    p.set_defaults(func=cmd_new, writes=True)


def cmd_new(args: argparse.Namespace) -> int:
    from lsp_desktop.cli.common import location, services_of
    from lsp_desktop.db.database import open_partnership
    from lsp_desktop.domain.partnership import Partnership
    from lsp_desktop.paths import default_paths

    db = open_partnership(location(args), default_paths().ensure().backup_dir, create=True)
    try:
        services = services_of(db)
        if services.members.count() or services.partnership.get().version is not None:
            from lsp_desktop.domain.errors import DomainError

            raise DomainError(f"{db.location} already holds a partnership.")
        services.partnership.save(Partnership(args.name, args.council_area))
    finally:
        db.close()
    print(f"Partnership {args.name} created at {db.location}")
    return 0
