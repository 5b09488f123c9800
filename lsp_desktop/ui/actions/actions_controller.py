"""The Action plans tab's state and rules without Qt: the filter choices, the filter a bar
means, the owner and theme lists, what the buttons allow, what a delete asks."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from lsp_desktop.domain.actions import (
    NO_CRITERION,
    Action,
    ActionFilter,
    ActionStatus,
    GroupBy,
    Progress,
    owner_key,
)
from lsp_desktop.domain.criteria import Criterion
from lsp_desktop.domain.strategies import Theme
from lsp_desktop.domain.text import fold

Choices = list[tuple[str, object]]      # (label, value) of a combo box, in order

STATUS_CHOICES: Choices = [("Any status", ""), ("Open (not complete or dropped)", "open"),
                           *((s.label, s.value) for s in ActionStatus)]
PROGRESS_CHOICES: Choices = [("Any rating", ""), *((p.label, p.value) for p in Progress),
                             ("Not rated", "-")]
CRITERION_CHOICES: Choices = [("Any criterion", ""), *((c.label, c.value) for c in Criterion),
                              ("No criterion", NO_CRITERION)]
GROUP_CHOICES: Choices = [(g.label if g else "No grouping", g) for g in GroupBy]


@dataclass(frozen=True)
class ActionButtons:
    """Which of the tab's edits are allowed (Edit… opens read-only when nothing else is)."""

    add: bool
    edit: bool
    note: bool
    complete: bool
    bulk: bool
    delete: bool


class ActionsController:
    def __init__(self, read_only: bool = False):
        self.read_only = read_only

    def buttons(self) -> ActionButtons:
        can = not self.read_only
        return ActionButtons(add=can, edit=True, note=can, complete=can, bulk=can, delete=can)

    @staticmethod
    def filter(text: str = "", status=None, progress=None, owner=None, criterion=None,
               theme=None, overdue: bool = False, due_soon: bool = False) -> ActionFilter:
        """The filter the bar's fields mean (a combo's value None counts as "any")."""
        return ActionFilter(text=text, status=status or "", progress=progress or "",
                            owner=owner or "", criterion=criterion or "", theme=theme or "",
                            overdue=overdue, due_soon=due_soon)

    @staticmethod
    def owner_choices(actions: list[Action], owner_text: Callable[[Action], str]
                      ) -> list[tuple[str, str]]:
        """(owner key, label) of the owners named in `actions`, by label."""
        owners: dict[str, str] = {}
        for a in actions:
            key = owner_key(a)
            if key and key not in owners:
                owners[key] = owner_text(a)
        return sorted(owners.items(), key=lambda kv: fold(kv[1]))

    @staticmethod
    def theme_choices(actions: list[Action]) -> list[tuple[str, str]]:
        """(folded theme, label): the standard themes and any other typed in, then none."""
        themes = {t.value for t in Theme}
        themes.update(a.theme.strip() for a in actions if a.theme.strip())
        return [(fold(t), t.capitalize()) for t in sorted(themes, key=fold)] + [("-", "No theme")]

    @staticmethod
    def count_text(shown: int, total: int) -> str:
        return f"{shown} of {total} actions shown"

    @staticmethod
    def delete_question(count: int, reference: Callable[[], str]) -> str:
        """What deleting `count` actions asks; `reference()` names the one when alone."""
        what = f"action {reference()}" if count == 1 else f"{count} actions"
        return f"Delete {what} with milestones and notes?\n\n(Edit ▸ Undo brings them back.)"
