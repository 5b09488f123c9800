"""The window's one as-at date: every tab shows the partnership as at it (View ▸ As at date…, status bar)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QWidget,
)

from lsp_desktop.domain.errors import DomainError
from lsp_desktop.domain.text import format_date
from lsp_desktop.ui.common.date_field import DateEdit, refuse_bad_dates

# The tabs built later that follow the date, and how each is told it.
_FOLLOWERS = ("strategies_tab", "actions_tab", "accreditation_tab", "programme_tab")


class AsAtDialog(QDialog):
    """Asks for the date the whole window shows."""

    def __init__(self, current: date, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Show the partnership as at")
        self.date_edit = DateEdit(current)
        self.date_edit.setAccessibleName("As at date")
        today = QPushButton("&Today")
        today.clicked.connect(lambda: self.date_edit.set_value(date.today()))
        row = QWidget()
        h = QHBoxLayout(row)
        h.setContentsMargins(0, 0, 0, 0)
        h.addWidget(self.date_edit, 1)
        h.addWidget(today)
        form = QFormLayout(self)
        form.addRow(QLabel("Every tab - the board, overdue actions, readiness - is shown as "
                           "it stood on this date. Changes are saved as usual."))
        form.addRow("&As at", row)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def accept(self) -> None:
        if not refuse_bad_dates(self):
            super().accept()

    def value(self) -> date:
        return self.date_edit.value()


class AsAt(QObject):
    """Holds the window's date, hands it to every tab, says it in the status bar and adds
    View ▸ As at date… to the menu it is handed. `refresh(name)` reloads the tab called `name`
    (now if in front, else when next shown)."""

    changed = Signal(object)

    def __init__(self, view_menu: QMenu, members_tab, tabs, status_bar, start: date,
                 refresh: Callable[[str], None], parent: QWidget):
        super().__init__(parent)
        self._parent, self.members_tab, self.tabs, self._refresh = parent, members_tab, tabs, refresh
        self._date = start
        self.label = QLabel()
        self.label.setAccessibleName("Date shown")
        status_bar.addPermanentWidget(self.label)
        members_tab.on_date.dateChanged.connect(lambda _d: self.set(members_tab.as_on()))
        tabs.built.connect(self._built)
        self.action = self._add_to(view_menu)
        self._apply(start, refresh=False)

    def _add_to(self, menu: QMenu) -> QAction:
        action = QAction("As at &date…", self)
        action.setShortcut(QKeySequence("Ctrl+Shift+D"))
        action.setToolTip("Show every tab as the partnership stood on a date")
        action.triggered.connect(self.ask)
        if menu.actions():
            menu.addSeparator()
        menu.addAction(action)
        return action

    def date(self) -> date:
        return self._date

    def set(self, day: date) -> None:
        if day == self._date:
            return
        self._apply(day, refresh=True)
        self.changed.emit(day)

    def _apply(self, day: date, refresh: bool) -> None:
        self._date = day
        if self.members_tab.as_on() != day:
            self.members_tab.set_as_on(day)
        for name in _FOLLOWERS:
            tab = self.tabs.page_if_built(name)
            if tab is not None:
                tab.set_as_at(day)
                if refresh:
                    self._refresh(name)
        self._say()

    def _built(self, name: str, page) -> None:
        if name in _FOLLOWERS:
            page.set_as_at(self._date)
            # A tab with a date field of its own (the Programme's As on) sets the window's.
            edited = getattr(page, "as_at_edited", None)
            if edited is not None:
                edited.connect(self.set)

    def _say(self) -> None:
        today = date.today()
        if self._date == today:
            self.label.setText(f"As at today, {format_date(today)}")
            self.label.setToolTip("View ▸ As at date… shows the partnership on another date")
            self.label.setStyleSheet("")
        else:
            when = "a past date" if self._date < today else "a future date"
            self.label.setText(f"As at {format_date(self._date)} ({when})")
            self.label.setToolTip("Every tab shows the partnership as it stood on this date; "
                                  "changes are still saved. View ▸ As at date… changes it.")
            self.label.setStyleSheet("font-weight: bold; color: #8a5300;")

    def ask(self) -> None:
        dialog = AsAtDialog(self._date, self._parent)
        if dialog.exec():
            self.set(dialog.value())


def opening_date(services) -> date:
    """The partnership's own opening date (a demo's story stands on one), else today."""
    try:
        details = services.partnership.get()
    except DomainError:
        return date.today()
    return getattr(details, "opens_on", None) or date.today()
