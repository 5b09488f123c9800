"""The chart and the Values… button the target dialog shows for a saved target."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from lsp_desktop.domain.errors import DomainError, FieldError
from lsp_desktop.domain.strategies import format_number
from lsp_desktop.ui.programme.programme_undo import EditTargetValues
from lsp_desktop.ui.programme.target_values_dialog import TargetValuesDialog
from lsp_desktop.ui.programme.widgets import TargetChart


def add_values_row(dialog, series, undo_stack=None, changed=None) -> None:
    """Add to a TargetDialog (a FormDialog editing `dialog._original`) the target's chart
    and a button that edits its dated values; saving them moves the dialog's own copy to
    the new version, and its latest value to the newest point."""
    target = dialog._original
    dialog.points = series.points(target.id)
    dialog.chart = TargetChart(dialog, 460, 160)
    dialog.chart.show_target(target, dialog.points)
    dialog.values_button = QPushButton(f"&Values… ({len(dialog.points)})")
    dialog.values_button.setToolTip("The target's dated values, their source and the "
                                    "comparison figure")
    box = QWidget()
    v = QVBoxLayout(box)
    v.setContentsMargins(0, 0, 0, 0)
    v.addWidget(dialog.chart)
    row = QHBoxLayout()
    row.addStretch(1)
    row.addWidget(dialog.values_button)
    v.addLayout(row)
    dialog.add_row("Values", box, "values")

    def edit() -> None:
        editor = TargetValuesDialog(dialog.target(), dialog.points, dialog)
        if not editor.exec():
            return
        before, after = list(dialog.points), editor.points()
        try:
            saved = series.save_points(target.id, after, dialog._original.version)
        except DomainError as exc:
            dialog.show_errors([FieldError("values", str(exc))])
            return
        dialog._original = replace(dialog._original, version=saved.version)
        dialog.points = after
        if saved.latest_value is not None:
            dialog.latest_edit.setText(format_number(saved.latest_value).replace(",", ""))
            dialog.latest_date.set_value(saved.latest_date)
        dialog.values_button.setText(f"&Values… ({len(after)})")
        dialog.chart.show_target(dialog.target(), after)
        if undo_stack is not None:
            undo_stack.push(EditTargetValues(series, target.id, before, after, saved.version,
                                             target.indicator, changed or (lambda: None)))
        elif changed is not None:
            changed()

    dialog.values_button.clicked.connect(edit)
