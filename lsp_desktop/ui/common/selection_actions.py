"""What acts on the selected records (Edit, Delete, Mark complete...) is enabled only while they are selected."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QAbstractItemView


class SelectionActions(QObject):
    """One rule for every tab: a button or menu action that works on the selected rows of
    `view` is enabled only while there is something selected for it (exactly one row for
    `single` ones), and never, for those that change data, in a read-only partnership.

    `count()` says how many records are selected (default: the selected rows), so a
    tab whose table has group headings counts only real records."""

    def __init__(self, view: QAbstractItemView, count: Callable[[], int] | None = None,
                 read_only: bool = False):
        super().__init__(view)
        self.view = view
        self.read_only = read_only
        self._count = count or (lambda: len(view.selectionModel().selectedRows()))
        self._rules: list[tuple[object, bool, bool]] = []
        self._watched_model = None
        self._watch()

    def _watch(self) -> None:
        model = self.view.model()
        if model is self._watched_model:
            return
        self._watched_model = model
        self.view.selectionModel().selectionChanged.connect(self.update)
        for signal in (model.modelReset, model.layoutChanged, model.rowsRemoved):
            signal.connect(self.update)

    def add(self, *widgets, single: bool = False, changes: bool = True) -> SelectionActions:
        """`widgets` (buttons or QActions) act on the selection; `changes`: they change
        data (so stay off when read-only); `single`: they act on one record only."""
        for w in widgets:
            self._rules.append((w, single, changes))
        self.update()
        return self

    def update(self, *_args) -> None:
        n = self._count()
        for widget, single, changes in self._rules:
            able = (n == 1 if single else n >= 1) and not (changes and self.read_only)
            widget.setEnabled(able)
