"""Undoable edits for the session: each command calls a service and reports the change."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtGui import QUndoCommand

from lsp_desktop.domain.errors import DomainError
from lsp_desktop.domain.members import Member


class ServiceCommand(QUndoCommand):
    """A command whose first redo already happened (the tab made the change, so errors
    surfaced there); later redo/undo call `do`/`revert`, then `changed`. A failure
    on undo or redo goes to `failed` instead of vanishing inside Qt."""

    def __init__(self, text: str, changed: Callable[[], None],
                 failed: Callable[[str], None] | None = None):
        super().__init__(text)
        self._changed = changed
        self._failed = failed
        self._first = True

    def redo(self) -> None:
        if self._first:
            self._first = False
        else:
            self._run(self.do)
        self._changed()

    def undo(self) -> None:
        self._run(self.revert)
        self._changed()

    def _run(self, step) -> None:
        try:
            step()
        except DomainError as exc:
            self.setObsolete(True)
            if self._failed:
                self._failed(f"Could not {self.text().lower()}: {exc}")


class AddMember(ServiceCommand):
    def __init__(self, service, created: Member, changed, failed=None):
        super().__init__(f"Add {created.name}", changed, failed)
        self.service, self.created = service, created

    def do(self) -> None:
        self.service.restore(self.created)

    def revert(self) -> None:
        self.created = self.service.delete(self.created.id)


class EditMember(ServiceCommand):
    def __init__(self, service, before: Member, after: Member, changed, failed=None,
                 text: str = ""):
        super().__init__(text or f"Edit {after.name}", changed, failed)
        self.service, self.before, self.after = service, before, after
        self.version = after.version      # what this command last wrote

    def do(self) -> None:
        self.version = self.service.update(replace(self.after, version=self.version)).version

    def revert(self) -> None:
        # Refused (ConflictError) if another officer has changed the member since.
        self.version = self.service.update(replace(self.before, version=self.version)).version


class DeleteMember(ServiceCommand):
    def __init__(self, service, deleted: Member, changed, failed=None):
        super().__init__(f"Delete {deleted.name}", changed, failed)
        self.service, self.member = service, deleted

    def do(self) -> None:
        self.member = self.service.delete(self.member.id)

    def revert(self) -> None:
        self.service.restore(self.member)
