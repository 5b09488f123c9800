"""Helpers for driving real widgets: modal dialogs, non-ASCII typing, finding rows."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget


def when_modal(cls: type, act: Callable[[QWidget], None], timeout_ms: int = 5000) -> list:
    """Run `act(dialog)` once a modal dialog of `cls` is showing; a failure closes it.

    Returns a list that receives any exception, so the test can re-raise it after
    exec() returns instead of hanging on a dialog nobody closes.
    """
    problems: list = []
    waited = [0]

    def poll() -> None:
        widget = QApplication.activeModalWidget()
        if isinstance(widget, cls) and widget.isVisible():
            try:
                act(widget)
            except BaseException as exc:   # noqa: BLE001 - handed back to the test
                problems.append(exc)
                widget.reject()
                return
            QTimer.singleShot(300, lambda: still_open(widget))
            return
        waited[0] += 10
        if waited[0] > timeout_ms:
            problems.append(AssertionError(f"no {cls.__name__} appeared"))
            if widget is not None:
                widget.close()
            return
        QTimer.singleShot(10, poll)

    def still_open(widget) -> None:
        try:
            visible = widget.isVisible()
        except RuntimeError:      # already deleted: certainly closed
            return
        if visible:
            problems.append(AssertionError(f"{cls.__name__} is still open (or reopened)"))
            widget.reject()

    QTimer.singleShot(0, poll)
    return problems


def type_text(widget: QWidget, text: str) -> None:
    """Type any text, accents included (qtbot.keyClicks aborts on non-ASCII in this Qt)."""
    widget.setFocus()
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, Qt.Key.Key_unknown,
                                                     Qt.KeyboardModifier.NoModifier, ch))


def shown_names(tab) -> list[str]:
    return [r.name for r in tab.model.visible_rows()]


def select_named(tab, fragment: str) -> int:
    row = next(i for i, r in enumerate(tab.model.visible_rows()) if fragment in r.name)
    tab.table.selectRow(row)
    return tab.model.row_at(row).id


def scripted_exec(monkeypatch, cls, steps):
    """Each exec() of a dialog of `cls` runs the next step(dialog) -> accepted?; returns
    the dialogs shown, in order."""
    seen = []

    def fake(dialog):
        seen.append(dialog)
        return steps[len(seen) - 1](dialog)
    monkeypatch.setattr(cls, "exec", fake)
    return seen


def answer_conflict(monkeypatch, choice: str) -> list:
    """Answer every conflict prompt with `choice` ('reload', 'overwrite', 'cancel');
    returns what was asked, as (title, text, their change)."""
    asked = []

    def ask(parent, title, text, their_change):
        asked.append((title, text, their_change))
        return choice
    monkeypatch.setattr("lsp_desktop.ui.prompts.ask_conflict", ask)
    return asked
