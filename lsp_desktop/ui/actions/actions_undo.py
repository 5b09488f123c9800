"""Undoable edits of the action plan, built on the shared ServiceCommand."""

from __future__ import annotations

from dataclasses import replace

from lsp_desktop.domain.actions import Action
from lsp_desktop.ui.common.undo import ServiceCommand


class AddAction(ServiceCommand):
    def __init__(self, service, created: Action, changed, failed=None):
        super().__init__(f"Add action {created.reference}", changed, failed)
        self.service, self.created = service, created

    def do(self) -> None:
        self.service.restore(self.created)

    def revert(self) -> None:
        self.created = self.service.delete(self.created.id)


class EditActions(ServiceCommand):
    """Edit of one action or of many (bulk edit): both sides are full snapshots."""

    def __init__(self, service, before: list[Action], after: list[Action], changed,
                 failed=None, text: str = ""):
        super().__init__(text or f"Edit action {after[0].reference}", changed, failed)
        self.service, self.before, self.after = service, before, after
        self.versions = [a.version for a in after]     # what this command last wrote

    def _write(self, actions: list[Action]) -> None:
        # Refused (ConflictError) if another officer has changed one of them since.
        saved = self.service.write_many([replace(a, version=v)
                                         for a, v in zip(actions, self.versions, strict=True)])
        self.versions = [a.version for a in saved]

    def do(self) -> None:
        self._write(self.after)

    def revert(self) -> None:
        self._write(self.before)


class DeleteActions(ServiceCommand):
    def __init__(self, service, deleted: list[Action], changed, failed=None):
        text = (f"Delete action {deleted[0].reference}" if len(deleted) == 1
                else f"Delete {len(deleted)} actions")
        super().__init__(text, changed, failed)
        self.service, self.deleted = service, deleted

    def do(self) -> None:
        self.deleted = [self.service.delete(a.id) for a in self.deleted]

    def revert(self) -> None:
        for a in self.deleted:
            self.service.restore(a)
