"""Undoable member edits (add, edit, delete), built on the shared ServiceCommand."""

from __future__ import annotations

from dataclasses import replace

from lsp_desktop.domain.members import Member
from lsp_desktop.ui.common.undo import ServiceCommand


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
