"""A dialog with a form whose fields can each show an error message under them."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from lsp_desktop.domain.errors import FieldError
from lsp_desktop.ui.common.date_field import refuse_bad_dates


def error_label() -> QLabel:
    label = QLabel()
    label.setTextFormat(Qt.TextFormat.PlainText)     # messages quote what was typed
    label.setStyleSheet("color: #b00020;")
    label.setWordWrap(True)
    label.hide()
    return label


def put_buttons_last(dialog: QDialog, box: QDialogButtonBox) -> None:
    """Make OK and Cancel the last Tab stops of `dialog`, once, before it first shows.

    The button box is made before a subclass adds its fields, so Tab went OK, Cancel,
    then the fields, and QDialog opened on OK. A widget given a parent joins the end of
    the tab order, so the box is re-parented (it stays last in the layout)."""
    if box.property("placed_last"):
        return
    box.setProperty("placed_last", True)
    layout = dialog.layout()
    layout.removeWidget(box)
    box.setParent(None)
    box.setParent(dialog)
    layout.addWidget(box)
    box.show()


def field_box(widget: QWidget, message: QLabel) -> QWidget:
    """`widget` with `message` (shown when there is something to say) just under it."""
    box = QWidget()
    # As tall as its contents, like a line edit: a form then sets its label level with the
    # field instead of at the top of a stretchy box (labels and fields were misaligned).
    box.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
    v = QVBoxLayout(box)
    v.setContentsMargins(0, 0, 0, 0)
    v.setSpacing(2)
    v.addWidget(widget)
    v.addWidget(message)
    return box


class FormDialog(QDialog):
    """Subclasses add rows with `add_row(label, widget, field)` and implement `problems()`
    (errors found before asking the service); `show_errors()` puts each at its field."""

    def __init__(self, title: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.errors: dict[str, QLabel] = {}
        self.form = QFormLayout()
        self.general_error = error_label()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.button_box = buttons
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.general_error)
        layout.addWidget(buttons)

    def showEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        put_buttons_last(self, self.button_box)
        super().showEvent(event)

    def add_row(self, label: str, widget: QWidget, field: str | None = None) -> QWidget:
        if field is None:
            self.form.addRow(label, widget)
            return widget
        self.errors[field] = error_label()
        self.errors[field].setAccessibleName(f"{field} error")
        box = field_box(widget, self.errors[field])
        self.form.addRow(label, box)
        return widget

    def problems(self) -> list[FieldError]:
        return []

    def show_errors(self, errors: list[FieldError]) -> None:
        for label in [*self.errors.values(), self.general_error]:
            label.hide()
        by_field: dict[str, list[str]] = {}
        for e in errors:
            by_field.setdefault(e.field if e.field in self.errors else "", []).append(e.message)
        for field, messages in by_field.items():
            label = self.errors.get(field, self.general_error)
            label.setText("\n".join(messages))
            label.show()
        # Grow to fit the messages so none is cut off.
        hint = self.sizeHint()
        self.resize(max(self.width(), hint.width()), max(self.height(), hint.height()))

    def error_text(self, field: str) -> str:
        label = self.errors.get(field)
        return label.text() if label is not None and not label.isHidden() else ""

    def accept(self) -> None:
        if refuse_bad_dates(self):
            return
        problems = self.problems()
        if problems:
            self.show_errors(problems)
            return
        super().accept()
