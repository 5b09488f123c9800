"""Accreditation commands: `readiness`, per criterion the self rating, GO rating and signals."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date

from lsp_desktop.cli.common import date_arg, open_db


def register(sub, common) -> None:
    p = sub.add_parser(
        "readiness", parents=[common], help="how ready the partnership is, per criterion",
        description="For each of the six accreditation criteria: the self-assessment rating, "
                    "the Government Office rating, the rating the data point to, and each "
                    "signal computed from the file with where to fix it.")
    p.add_argument("--round", metavar="NAME",
                   help="assessment round by name or financial year (default: the latest)")
    p.add_argument("--on", type=date_arg, metavar="YYYY-MM-DD",
                   help="judge the data as on this date (default today)")
    p.add_argument("--format", choices=("table", "json"), default="table")
    p.set_defaults(func=cmd_readiness)


def _report_dict(rnd, report, today: date) -> dict:
    return {
        "round": rnd.name if rnd else None,
        "on": today.isoformat(),
        "criteria": [{
            "criterion": r.criterion.value,
            "label": r.criterion.label,
            "self_rating": r.self_rating.value,
            "go_rating": r.go_rating.value,
            "data_rating": r.data_rating.value,
            "disagreement": r.disagreement or None,
            "signals": [{"key": s.key, "level": s.level.value, "sentence": s.sentence,
                         "where": s.where} for s in r.signals],
        } for r in report],
    }


def cmd_readiness(args: argparse.Namespace) -> int:
    from lsp_desktop.services import build_services

    today = args.on or date.today()
    with open_db(args) as db:
        services = build_services(db.session_factory, db.path)
        round_id = services.accreditation.find_round(args.round).id if args.round else None
        rnd, report = services.readiness.report(round_id, today)
    out = sys.stdout
    if args.format == "json":
        json.dump(_report_dict(rnd, report, today), out, ensure_ascii=False, indent=2)
        out.write("\n")
        return 0
    out.write(f"Readiness for {rnd.name if rnd else '(no assessment round yet)'}, "
              f"data as on {today:%d/%m/%Y}\n")
    for r in report:
        out.write(f"\n{r.criterion.label}\n"
                  f"  self: {r.self_rating.label:<17} GO: {r.go_rating.label:<17} "
                  f"data: {r.data_rating.label}\n")
        if r.disagreement:
            out.write(f"  ! {r.disagreement}\n")
        for s in r.signals:
            out.write(f"  [{s.level.label}] {s.sentence} ({s.where})\n")
        if not r.signals:
            out.write("  (no signal can be computed from the data yet)\n")
    return 0
