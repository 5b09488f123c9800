"""The History… buttons a tab or page owns: placed beside a button, enabled while a record is picked."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtWidgets import QBoxLayout, QPushButton, QWidget

# What a History… button asks about: (audit record type, id, title), or None.
HistoryRecord = tuple[str, int, str] | None


def _layout_holding(layout, widget):
    """The box layout (at any depth) that holds `widget`."""
    if layout is None:
        return None
    if isinstance(layout, QBoxLayout) and layout.indexOf(widget) >= 0:
        return layout
    for i in range(layout.count()):
        found = _layout_holding(layout.itemAt(i).layout(), widget)
        if found is not None:
            return found
    return None


def history_button(beside: QWidget, enabled_when: Callable[[], bool], signals: Iterable,
                   text: str = "Histor&y…") -> QPushButton:
    """A History… button placed just before `beside` (already in its owner's layout),
    enabled while `enabled_when()` (checked again whenever one of `signals` fires)."""
    button = QPushButton(text)
    button.setToolTip("Who changed the selected record, when, and from what to what")
    box = _layout_holding(beside.parentWidget().layout(), beside)
    box.insertWidget(box.indexOf(beside), button)
    update = lambda *_a: button.setEnabled(enabled_when())   # noqa: E731
    for signal in signals:
        signal.connect(update)
    update()
    return button


def table_signals(table) -> tuple:
    """The signals after which a table's selection may have changed."""
    return table.selectionModel().selectionChanged, table.model().modelReset
