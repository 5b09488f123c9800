"""Undoable edits of the programme: projects added, edited and deleted, allocations changed,
and a target's values replaced (each refused if another officer saved since)."""

from __future__ import annotations

from dataclasses import replace

from lsp_desktop.domain.programme import FundYear, Project
from lsp_desktop.ui.common.undo import ServiceCommand


class AddProject(ServiceCommand):
    def __init__(self, service, created: Project, changed, failed=None):
        super().__init__(f"Add project {created.reference}", changed, failed)
        self.service, self.created = service, created

    def do(self) -> None:
        self.created = self.service.restore(self.created)

    def revert(self) -> None:
        self.created = self.service.delete(self.created.id)


class EditProject(ServiceCommand):
    def __init__(self, service, before: Project, after: Project, changed, failed=None):
        super().__init__(f"Edit project {after.reference}", changed, failed)
        self.service, self.before, self.after = service, before, after
        self.version = after.version            # what this command last wrote

    def _write(self, project: Project) -> None:
        self.version = self.service.update(replace(project, version=self.version)).version

    def do(self) -> None:
        self._write(self.after)

    def revert(self) -> None:
        self._write(self.before)


class DeleteProject(ServiceCommand):
    def __init__(self, service, deleted: Project, changed, failed=None):
        super().__init__(f"Delete project {deleted.reference}", changed, failed)
        self.service, self.deleted = service, deleted

    def do(self) -> None:
        self.deleted = self.service.delete(self.deleted.id)

    def revert(self) -> None:
        self.service.restore(self.deleted)


class EditAllocation(ServiceCommand):
    def __init__(self, service, before: FundYear, after: FundYear, label: str, changed,
                 failed=None):
        super().__init__(f"Edit the {label} allocation {after.financial_year}", changed, failed)
        self.service, self.before, self.after = service, before, after
        self.id, self.version = after.id, after.version

    def _write(self, plan: FundYear) -> None:
        saved = self.service.save_fund_year(replace(plan, id=self.id, version=self.version))
        self.id, self.version = saved.id, saved.version

    def do(self) -> None:
        self._write(self.after)

    def revert(self) -> None:
        self._write(self.before)


class EditTargetValues(ServiceCommand):
    def __init__(self, service, target_id: int, before: list, after: list, version: int,
                 label: str, changed, failed=None):
        super().__init__(f"Edit the values of {label}", changed, failed)
        self.service, self.target_id = service, target_id
        self.before, self.after, self.version = before, after, version

    def _write(self, points: list) -> None:
        self.version = self.service.save_points(self.target_id, points, self.version).version

    def do(self) -> None:
        self._write(self.after)

    def revert(self) -> None:
        self._write(self.before)
