"""The `audit` command: the partnership's audit trail, or one record's history."""

from __future__ import annotations

import argparse


def register(sub, common) -> None:
    from lsp_desktop.cli.common import date_arg

    p = sub.add_parser("audit", parents=[common], help="show the audit trail (who changed what)",
                       description="List the audit trail, newest first: when (UTC), who "
                                   "(officer's name and system user), which record, and "
                                   "which fields changed from what to what.")
    p.add_argument("--record", metavar="TYPE[:ID]",
                   help="only this kind of record (member, action, term, strategy…), or one "
                        "record and the records that belong to it (member:12)")
    p.add_argument("--since", metavar="YYYY-MM-DD", type=date_arg,
                   help="only changes on or after this day")
    p.add_argument("--who", metavar="NAME", help="only changes by this officer or system user")
    p.add_argument("--format", choices=("table", "csv", "json"), default="table")
    p.set_defaults(func=cmd_audit)


def parse_record(text: str) -> tuple[str, int | None]:
    """'member:12' -> ('member', 12); 'Progress note' -> ('action_note', None)."""
    from lsp_desktop.cli import CommandError
    from lsp_desktop.domain.audit import RECORD_TYPES

    kind, _, number = text.partition(":")
    key = kind.strip().casefold().replace(" ", "_").replace("-", "_")
    words = {v.casefold().replace(" ", "_"): k for k, v in RECORD_TYPES.items()}
    table = key if key in RECORD_TYPES else words.get(key)
    if table is None:
        raise CommandError(f"unknown record type {kind!r}; use one of "
                           f"{', '.join(sorted(RECORD_TYPES))}")
    if not number.strip():
        return table, None
    if not number.strip().isdigit():
        raise CommandError(f"record id {number!r} is not a number (e.g. member:12)")
    return table, int(number)


def cmd_audit(args: argparse.Namespace) -> int:
    import json
    from datetime import datetime, time

    from lsp_desktop.cli.common import open_db, print_rows
    from lsp_desktop.domain.audit import AuditFilter
    from lsp_desktop.services.audit import AuditService

    record_type, record_id = parse_record(args.record) if args.record else (None, None)
    since = datetime.combine(args.since, time()) if args.since else None
    with open_db(args) as db:
        lines = AuditService(db.session_factory).lines(AuditFilter(
            record_type=record_type, record_id=record_id, since=since,
            who=(args.who or "").strip() or None))
    headers = ["when_utc", "officer", "os_user", "action", "record_type", "record_id",
               "label", "changes"]
    rows = []
    for line in lines:
        changes = {c.field: [c.old, c.new] for c in line.changes}
        if args.format == "table":
            shown = line.summary(120)
        elif args.format == "csv":
            shown = json.dumps(changes, ensure_ascii=False, sort_keys=True) if changes else ""
        else:
            shown = changes
        rows.append([line.at.isoformat(sep=" ", timespec="seconds"), line.officer,
                     line.os_user, line.action, line.record_type, line.record_id, line.label,
                     shown])
    print_rows(headers, rows, args.format)
    return 0
