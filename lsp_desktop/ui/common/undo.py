"""The base of undoable edits: each command calls a service and reports the change."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from lsp_desktop.domain.errors import DomainError


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
