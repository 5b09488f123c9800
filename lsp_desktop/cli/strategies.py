"""Strategy commands: `strategies` lists each strategy with versions, gaps and targets."""

from __future__ import annotations

import argparse
import sys
from datetime import date

from lsp_desktop.cli.common import date_arg, open_db, print_rows


def register(sub, common) -> None:
    p = sub.add_parser("strategies", parents=[common], help="list the strategies",
                       description="List the partnership's strategies with their status, "
                                   "number of saved versions, expected components still "
                                   "empty, and targets (on track / off track / no data).")
    p.add_argument("--on", type=date_arg, metavar="YYYY-MM-DD",
                   help="each strategy as it stood on this date: the status of its latest "
                        "version saved by then, and its targets judged then (default today)")
    p.add_argument("--format", choices=("table", "json"), default="table")
    p.set_defaults(func=cmd_strategies)


def cmd_strategies(args: argparse.Namespace) -> int:
    import json

    from lsp_desktop.domain.strategies import TargetStatus, target_status
    from lsp_desktop.services.strategies import StrategiesService

    today = args.on or date.today()
    with open_db(args) as db:
        service = StrategiesService(db.session_factory)
        summaries = service.summaries(on=args.on)
        targets = service.targets()
    records = []
    for s in summaries:
        statuses = [target_status(t, today) for t in targets if t.strategy_id == s.id]
        records.append({
            "id": s.id, "type": s.type.value, "title": s.title, "period": s.period,
            "status": s.status.value, "lead_officer": s.lead_officer,
            "versions": s.version_count, "empty_components": list(s.empty_components),
            "targets": s.target_count,
            "on_track": statuses.count(TargetStatus.ON_TRACK),
            "off_track": statuses.count(TargetStatus.OFF_TRACK),
            "no_data": statuses.count(TargetStatus.NO_DATA),
            "endorsed_by": list(s.endorsed_bodies),
        })
    if args.format == "json":
        json.dump(records, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return 0
    headers = ["id", "title", "type", "status", "versions", "targets", "on track",
               "off track", "no data", "empty components"]
    rows = [(r["id"], r["title"], r["type"], r["status"], r["versions"], r["targets"],
             r["on_track"], r["off_track"], r["no_data"],
             "; ".join(r["empty_components"]) or "none") for r in records]
    print_rows(headers, rows, "table")
    return 0
