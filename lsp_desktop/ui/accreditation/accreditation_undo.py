"""Undoable accreditation edits: a criterion's self-assessment and a removed weakness."""

from __future__ import annotations

from lsp_desktop.domain.accreditation import CriterionAssessment, Weakness
from lsp_desktop.domain.criteria import Criterion
from lsp_desktop.ui.common.undo import ServiceCommand


class _PageCommand(ServiceCommand):
    """The page has already made the change and reloaded itself when this is pushed (some
    saves happen during a reload), so the first redo does nothing at all."""

    def redo(self) -> None:
        if self._first:
            self._first = False
            return
        super().redo()


class SaveCriterion(_PageCommand):
    """Rating, narrative and strengths of one criterion, before and after a save."""

    def __init__(self, service, round_id: int, before: CriterionAssessment,
                 after: CriterionAssessment, changed, failed=None):
        super().__init__(f"Save the self-assessment of {after.criterion.label}", changed,
                         failed)
        self.service, self.round_id = service, round_id
        self.before, self.after = before, after
        self.version = after.version       # what this command last wrote

    def _write(self, a: CriterionAssessment) -> None:
        # Refused (ConflictError) if another officer has saved the criterion since.
        self.version = self.service.save_criterion(
            self.round_id, a.criterion, a.rating, a.narrative, a.strengths,
            version=self.version).version

    def do(self) -> None:
        self._write(self.after)

    def revert(self) -> None:
        self._write(self.before)


class RemoveWeakness(_PageCommand):
    """A weakness removed; undo puts it back with its link to an action."""

    def __init__(self, service, round_id: int, criterion: Criterion, weakness: Weakness,
                 changed, failed=None):
        super().__init__("Remove the weakness", changed, failed)
        self.service, self.round_id, self.criterion = service, round_id, criterion
        self.weakness = weakness

    def do(self) -> None:
        self.service.remove_weakness(self.weakness.id)

    def revert(self) -> None:
        w = self.weakness
        back = self.service.add_weakness(self.round_id, self.criterion, w.text)
        if w.action_id is not None:
            self.service.link_weakness(back.id, w.action_id)
        self.weakness = Weakness(w.text, w.action_id, w.carried, back.id)
