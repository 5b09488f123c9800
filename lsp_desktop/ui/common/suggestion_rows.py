"""The rows of an import's guessed words: one combo a word, the officer's choice kept per key."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtWidgets import QComboBox, QFormLayout


def show_suggestions(form: QFormLayout, combos: dict[str, QComboBox], choices: dict[str, str],
                     suggestions: Sequence, options: Sequence[tuple[str, str]], what: str,
                     changed: Callable[[str, str], None]) -> None:
    """One row in `form` per suggestion (its word, how many rows, a combo of `options` as
    (label, value) set to the officer's choice or the guess). `combos` (word -> combo) and
    `choices` (key -> value) are kept up to date; `changed(key, value)` follows the combos.
    The same words as shown already: the widgets stay, showing the choices."""
    if [s.value for s in suggestions] == list(combos):
        for s in suggestions:
            combo = combos[s.value]
            combo.blockSignals(True)
            combo.setCurrentIndex(max(0, combo.findData(
                s.chosen if s.chosen is not None else s.category)))
            combo.blockSignals(False)
            choices[s.key] = combo.currentData()
        return
    while form.rowCount():
        # Taken out and deleted later: this may run inside one of these combos' signal.
        taken = form.takeRow(0)
        for item in (taken.labelItem, taken.fieldItem):
            if item is not None and item.widget() is not None:
                item.widget().hide()
                item.widget().deleteLater()
    combos.clear()
    for s in suggestions:
        combo = QComboBox()
        for label, value in options:
            combo.addItem(label, value)
        combo.setCurrentIndex(max(0, combo.findData(
            s.chosen if s.chosen is not None else s.category)))
        combo.setAccessibleName(f"{what} for '{s.value}'")
        combo.currentIndexChanged.connect(
            lambda _i, key=s.key, c=combo: changed(key, c.currentData()))
        choices[s.key] = combo.currentData()
        combos[s.value] = combo
        rows = len(s.rows)
        form.addRow(f"“{s.value}” ({rows} row{'s' if rows != 1 else ''})", combo)
