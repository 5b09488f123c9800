"""The `actions` command: list the action plan, optionally overdue only or for one criterion."""

from __future__ import annotations

import argparse
from datetime import date

from lsp_desktop.cli.common import date_arg


def register(sub, common) -> None:
    p = sub.add_parser("actions", parents=[common], help="list the action plan",
                       description="List the partnership's actions, in reference order. "
                                   "Overdue means the due date has passed and the action "
                                   "is neither complete nor dropped.")
    p.add_argument("--overdue", action="store_true", help="only overdue actions")
    p.add_argument("--criterion", metavar="NAME",
                   help="only actions answering this criterion (e.g. inclusive, "
                        "'action-focused', learning); 'none' for actions with no criterion")
    p.add_argument("--on", type=date_arg, metavar="YYYY-MM-DD",
                   help="judge overdue actions and owners as on this date (default today)")
    p.add_argument("--format", choices=("table", "csv", "json"), default="table")
    p.set_defaults(func=cmd_actions)


def cmd_actions(args: argparse.Namespace) -> int:
    from lsp_desktop.cli import CommandError
    from lsp_desktop.cli.common import open_db, print_rows
    from lsp_desktop.domain.actions import (
        NO_CRITERION,
        ActionFilter,
        filter_actions,
        owner_label,
        reference_sort_key,
    )
    from lsp_desktop.domain.criteria import Criterion
    from lsp_desktop.services.actions import ActionsService

    criterion = ""
    if args.criterion:
        if args.criterion.strip().casefold() in ("none", "-"):
            criterion = NO_CRITERION
        else:
            try:
                criterion = Criterion.parse(args.criterion).value
            except ValueError as exc:
                names = ", ".join(c.value for c in Criterion)
                raise CommandError(f"{exc} ({names}, or none)") from None
    today = args.on or date.today()
    with open_db(args) as db:
        service = ActionsService(db.session_factory)
        actions = service.list_actions()
        owners = {o.id: o for o in service.owners(today)}
    names = {i: o.name for i, o in owners.items()}
    shown = filter_actions(actions, ActionFilter(criterion=criterion, overdue=args.overdue),
                           today)
    shown.sort(key=lambda a: reference_sort_key(a.reference))
    headers = ["reference", "title", "criterion", "target_id", "theme", "owner", "lead_officer",
               "start", "due", "status", "progress", "overdue_days", "amount", "funding_source",
               "milestones_done", "original_due", "criteria", "target_ids", "concern_ids"]
    rows = []
    for a in shown:
        owner = owner_label(a, names)
        if a.owner_member_id in owners and not owners[a.owner_member_id].current:
            owner += " (left the board)"
        done = sum(m.done is not None for m in a.milestones)
        rows.append((a.reference, a.title, a.criterion.value if a.criterion else "",
                     a.target_id, a.theme,
                     owner, a.lead_officer, a.start, a.due, a.status.value,
                     a.progress.value if a.progress else "",
                     a.days_overdue(today) if a.is_overdue(today) else None, a.amount,
                     a.funding_source.value if a.funding_source else "",
                     f"{done}/{len(a.milestones)}", a.original_due if a.slipped else None,
                     "; ".join(c.value for c in a.criteria),
                     "; ".join(map(str, a.target_ids)), "; ".join(map(str, a.concern_ids))))
    print_rows(headers, rows, args.format)
    return 0
