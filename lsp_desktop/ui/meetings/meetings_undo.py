"""Undo and redo of a meeting's edit (details, agenda, attendance, declarations, minutes)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from lsp_desktop.domain.meetings import Meeting
from lsp_desktop.ui.common.undo import ServiceCommand


def undoable(before: Meeting, after: Meeting) -> bool:
    """An edit can be undone unless it removed agenda items that held papers or actions
    (their files and links went with them; undoing could not bring them back)."""
    kept = {i.id for i in after.items}
    return not any(i.id not in kept and (i.papers or i.action_ids) for i in before.items)


class EditMeeting(ServiceCommand):
    """Puts the meeting back as it was before the edit, or as it was after it. Papers and
    actions arising, saved as they were added, stay where they are."""

    def __init__(self, service, before: Meeting, after: Meeting, changed: Callable[[], None],
                 failed: Callable[[str], None] | None = None):
        super().__init__(f"Edit meeting of {after.held_on:%d/%m/%Y}", changed, failed)
        self.service, self.before, self.after = service, before, after

    def _write(self, meeting: Meeting) -> None:
        current = self.service.get(meeting.id)
        items = []
        ids = {i.id for i in current.items}
        for item in meeting.items:
            # An item added since (and removed again by this step) comes back as new.
            items.append(item if item.id in ids else replace(item, id=None, papers=(),
                                                             action_ids=()))
        self.service.save(replace(meeting, items=tuple(items), version=current.version,
                                  approved_at_id=current.approved_at_id))

    def do(self) -> None:
        self._write(self.after)

    def revert(self) -> None:
        self._write(self.before)
