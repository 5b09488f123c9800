"""Edit ▸ Undo of a whole members' import: the members it added go, those it updated come back."""

from __future__ import annotations

from lsp_desktop.ui.common.undo import ServiceCommand


class ImportMembers(ServiceCommand):
    """Undo removes every member the import added and restores those it updated, or is
    refused (nothing changed) naming what another officer changed since; redo imports the
    same file, as previewed, again."""

    def __init__(self, exchange, preview, result, update_existing: bool, changed, failed=None):
        super().__init__(f"Import of {result.added + result.updated} members", changed, failed)
        self.exchange, self.preview, self.result = exchange, preview, result
        self.update_existing = update_existing

    def do(self) -> None:
        again = self.exchange.preview_members(self.preview.sheet, self.preview.layout,
                                              self.update_existing,
                                              self._choices())
        self.result = self.exchange.commit_members(again, self.result.rejects_file)

    def revert(self) -> None:
        self.exchange.undo_import(self.result)

    def _choices(self) -> dict[str, str] | None:
        chosen = {s.key: s.chosen for s in self.preview.suggestions if s.chosen is not None}
        return chosen or None
