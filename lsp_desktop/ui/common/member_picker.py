"""A member chosen by typing part of the name: a lazy completer, not a list of every member."""

from __future__ import annotations

from collections.abc import Iterable
from itertools import compress, islice, repeat
from operator import contains
from typing import Protocol

from PySide6.QtCore import QEvent, QModelIndex, QStringListModel, Qt
from PySide6.QtWidgets import QComboBox, QCompleter

from lsp_desktop.domain.text import fold

MATCHES = 50        # the most members the completer offers at once
_DATA = Qt.ItemDataRole.UserRole
_FROM_POPUP = Qt.FocusReason.PopupFocusReason
_KEY_PRESS = QEvent.Type.KeyPress
_LEAVING = (Qt.Key.Key_Tab, Qt.Key.Key_Backtab)


class MemberLookup(Protocol):
    """Where a picker finds its members: asked as the officer types, never for them all."""

    def find(self, typed: str, limit: int) -> list[tuple[str, object]]:
        """(label, id) of the first `limit` members whose label holds `typed` (folded)."""

    def label(self, value) -> str | None:
        """The label of the member with id `value`, or None if it is not offered."""


class Choices:
    """Members held in memory as (label, id) pairs, in the order offered: a short list."""

    def __init__(self, members: Iterable[tuple[str, object]]):
        self._members = list(members)
        self._keys: list[str] | None = None     # folded labels, made at the first keystroke
        self._labels: dict | None = None        # id -> label, made when asked

    def find(self, typed: str, limit: int) -> list[tuple[str, object]]:
        needle = fold(typed)
        if not needle:
            return []
        if self._keys is None:
            self._keys = [fold(label) for label, _value in self._members]
        hits = compress(range(len(self._keys)), map(contains, self._keys, repeat(needle)))
        return [self._members[i] for i in islice(hits, limit)]

    def label(self, value) -> str | None:
        if self._labels is None:
            self._labels = {}
            for label, v in self._members:
                self._labels.setdefault(v, label)
        return self._labels.get(value)


class MemberPicker(QComboBox):
    """An editable combo box holding only its fixed choices (such as "— no member —") and
    the member chosen. Typing part of a name (case and accents ignored) pops up the first
    MATCHES members holding it; Down and Return (or a click) choose one. The members come
    from `lookup` (a service asked as the officer types), else from `choices` after the
    fixed ones: 50,000 members are never all read or listed.

    Reads like a QComboBox: currentData(), currentIndexChanged, and findData(member id)
    makes that member the chosen item and gives its index for setCurrentIndex().
    """

    def __init__(self, choices: Iterable[tuple[str, object]], fixed: int = 1, parent=None,
                 lookup: MemberLookup | None = None):
        super().__init__(parent)
        choices = list(choices)
        self._lookup = lookup if lookup is not None else Choices(choices[fixed:])
        self._fixed = fixed
        self._found: list[tuple[str, object]] = []     # the members the popup shows
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setMinimumContentsLength(28)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        for label, value in choices[:fixed]:
            self.addItem(label, value)
        self.lineEdit().setPlaceholderText("Type part of a name")
        self.setToolTip("Type part of a member's name, then choose them from the list")
        self._offered = QStringListModel(self)
        self._completer = QCompleter(self._offered, self)
        self._completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self._completer.setMaxVisibleItems(12)
        self.setCompleter(self._completer)
        self._completer.activated[QModelIndex].connect(self._picked)
        self.lineEdit().textEdited.connect(self._typed)
        self.lineEdit().editingFinished.connect(self._settle)

    # -- what the officer does -------------------------------------------------
    def focusInEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().focusInEvent(event)
        if event.reason() != _FROM_POPUP:     # not back from its own list, mid-word
            self.lineEdit().selectAll()     # typing replaces the choice shown, not adds to it

    def focusOutEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        if event.reason() != _FROM_POPUP:
            self._settle()
        super().focusOutEvent(event)

    def event(self, event) -> bool:
        # Tab while the list is up: the list hands the key here, and focus moves on with
        # no focus-out of this box (the list had it): settle first.
        if event.type() == _KEY_PRESS and event.key() in _LEAVING:
            self._settle()
        return super().event(event)

    def _typed(self, text: str) -> None:
        self._found = self.matches(text)
        self._offered.setStringList([label for label, _value in self._found])
        if self._found:
            self._completer.complete()
        else:
            self._completer.popup().hide()

    def matches(self, text: str, limit: int = MATCHES) -> list[tuple[str, object]]:
        """(label, id) of the first `limit` members whose label holds `text`."""
        return self._lookup.find(text, limit) if fold(text) else []

    def _picked(self, index: QModelIndex) -> None:
        if 0 <= index.row() < len(self._found):
            self.setCurrentIndex(self._put(*self._found[index.row()]))

    def _settle(self) -> None:
        """Leaving the box (or Return) with text typed but nothing picked: a label typed in
        full, or the one member matching, is chosen; else the choice shown stays."""
        text = self.lineEdit().text()
        if text == self.itemText(self.currentIndex()):
            return
        if not text.strip() and self._fixed:
            self.setCurrentIndex(0)
            return
        found = self.matches(text)
        exact = [m for m in found if m[0] == text]
        if exact or len(found) == 1:
            self.setCurrentIndex(self._put(*(exact or found)[0]))
        else:
            self.lineEdit().setText(self.itemText(self.currentIndex()))

    # -- as a combo box --------------------------------------------------------
    def findData(self, value, role=_DATA, flags=Qt.MatchFlag.MatchExactly) -> int:  # noqa: N802
        found = super().findData(value, role, flags)
        if found >= 0 or value is None or role != _DATA:
            return found
        label = self._lookup.label(value)
        return -1 if label is None else self._put(label, value)

    def _put(self, label: str, value) -> int:
        """The member `value` as the one item after the fixed ones; its index."""
        extra = self._fixed
        if self.count() > extra:
            if self.itemData(extra) == value:
                return extra
            self.removeItem(extra)
        self.addItem(label, value)
        return extra
