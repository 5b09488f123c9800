"""Forms read straight: labels level with their fields, dates at the left, sensible defaults,
the same words as the tables, an error right under its field."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QApplication, QFormLayout, QLabel

from lsp_desktop.domain.strategies import Theme
from lsp_desktop.ui.actions.action_dialog import ActionDialog
from lsp_desktop.ui.common.date_field import DateEdit
from lsp_desktop.ui.members.member_dialog import MemberDialog

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

AS_AT = date(2002, 6, 30)


def _centre_y(widget) -> int:
    return widget.mapToGlobal(QPoint(0, widget.height() // 2)).y()


def _first_input(field):
    """The widget the eye reads on the row: the field itself, or the first input in a box."""
    from PySide6.QtWidgets import QAbstractButton, QComboBox, QLineEdit, QPlainTextEdit

    if isinstance(field, (QLineEdit, QComboBox, QPlainTextEdit, QAbstractButton)):
        return field
    inputs = [w for kind in (QLineEdit, QComboBox, QPlainTextEdit) for w in field.findChildren(kind)
              if w.isVisible() and not isinstance(w.parentWidget(), QComboBox)]
    return min(inputs, key=lambda w: (w.mapToGlobal(QPoint()).y(), w.mapToGlobal(QPoint()).x()))


@pytest.fixture
def new_action(qtbot):
    dialog = ActionDialog(None, owners=[], check=lambda a: [], today=AS_AT,
                          next_reference="A-099")
    qtbot.addWidget(dialog)
    dialog.resize(780, 600)
    dialog.show()
    qtbot.waitExposed(dialog)
    QApplication.processEvents()
    return dialog


def test_new_action_labels_sit_level_with_their_fields(new_action):
    form = next(f for f in new_action.findChildren(QFormLayout) if f.rowCount() > 8)
    for row in range(form.rowCount()):
        label = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
        field = form.itemAt(row, QFormLayout.ItemRole.FieldRole)
        if label is None or field is None or not isinstance(label.widget(), QLabel):
            continue
        shown = _first_input(field.widget())
        if shown.height() > 40:          # a text box: its label sits at its top line
            continue
        assert abs(_centre_y(label.widget()) - _centre_y(shown)) <= 4, label.widget().text()


def test_new_action_dates_sit_at_the_left_of_their_column(new_action):
    reference_left = new_action.reference_edit.mapToGlobal(QPoint()).x()
    for field in (new_action.start_edit.edit, new_action.due_edit.edit):
        assert abs(field.line.mapToGlobal(QPoint()).x() - reference_left) <= 2


def test_new_action_starts_at_the_date_shown_and_is_due_when_the_officer_says(new_action):
    assert new_action.start_edit.value() == AS_AT
    assert new_action.due_edit.value() is None and new_action.due_edit.edit.text() == ""


def test_theme_choices_read_as_the_table_shows_them(new_action):
    combo = new_action.theme_combo
    shown = [combo.itemText(i) for i in range(1, combo.count())]
    assert shown == [t.value.capitalize() for t in Theme]     # the table's capitalize()
    combo.setCurrentIndex(combo.findText("Education and skills"))
    new_action.title_edit.setText("Homework clubs")
    assert new_action.action().theme == "education and skills"   # stored as before
    combo.setEditText("Young people")                             # a local theme, as typed
    assert new_action.action().theme == "Young people"


def test_member_email_sits_at_the_top_with_its_error_right_under_it(qtbot, monkeypatch):
    dialog = MemberDialog(None, [])
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.tabs.setCurrentIndex(1)
    QApplication.processEvents()
    page = dialog.tabs.currentWidget()
    assert dialog.email_edit.mapTo(page, QPoint()).y() <= 30     # at the top, not mid-page
    dialog.tabs.setCurrentIndex(0)
    dialog.name_edit.setText("Ann Lee")
    dialog.sector_combo.setCurrentIndex(1)
    dialog.email_edit.setText("not an email")
    dialog.accept()
    QApplication.processEvents()
    assert dialog.isVisible() and dialog.tabs.currentIndex() == 1    # the error's tab
    email_top = dialog.email_edit.mapTo(page, QPoint()).y()
    assert email_top <= 30, email_top                      # not floating mid-page
    error = dialog.errors["email"]
    assert error.isVisible() and "not an email" in error.text()
    gap = error.mapTo(page, QPoint()).y() - (email_top + dialog.email_edit.height())
    assert 0 <= gap <= 8, gap


def test_date_fields_are_the_one_date_field(new_action):
    assert new_action.findChildren(DateEdit)
