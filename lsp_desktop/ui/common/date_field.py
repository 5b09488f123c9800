"""The one date field of the program: typed text kept as typed, or refused beside the field."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCalendarWidget,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QTabWidget,
    QToolButton,
    QWidget,
)

from lsp_desktop.domain.dates import EXAMPLE, DateTextError, read_date
from lsp_desktop.domain.text import format_date


def to_qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


def from_qdate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class _SelectAllOnFocus(QObject):
    """Typing into a field just entered (by Tab or by a click anywhere in it) replaces the
    whole date, as QDateEdit's sections never did; a second click places the cursor."""

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.FocusIn:
            QTimer.singleShot(0, watched.selectAll)
        return False


class DateEdit(QWidget):
    """A date typed as 01/04/2002, 1/4/2002, 1.4.2002, 1-4-02 or 2002-04-01, with a calendar
    button. A date that does not exist, or text that is not a date, is refused with a
    message beside the field and left on screen as typed; the value is never moved to
    another date. `optional`: an empty field means no date (`value()` is None).

    Keeps QDateEdit's `date()`, `setDate()` and `dateChanged` for callers."""

    dateChanged = Signal(QDate)     # noqa: N815 (QDateEdit's name, kept for callers)
    valueChanged = Signal(object)   # noqa: N815 - the date, or None when an optional one is emptied

    def __init__(self, value: date | None = None, parent=None, optional: bool = False):
        super().__init__(parent)
        self.optional = optional
        self._value: date | None = value if value or optional else date.today()
        self._error = ""
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self.line = QLineEdit(format_date(self._value))
        self.line.setPlaceholderText("dd/mm/yyyy")
        self.line.setMaxLength(40)
        self.line.setFixedWidth(self.line.fontMetrics().horizontalAdvance("00/00/00000") + 16)
        self.line.setToolTip(f"Type a date such as {EXAMPLE}, 1.4.02 or 2002-04-01"
                             + (" (or leave it empty)" if optional else ""))
        self._select_all = _SelectAllOnFocus(self.line)
        self.line.installEventFilter(self._select_all)
        self.calendar_button = QToolButton()
        self.calendar_button.setText("▾")
        self.calendar_button.setToolTip("Pick the date from a calendar")
        self.calendar_button.setAccessibleName("Calendar")
        self.calendar_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)   # Tab goes field to field
        self.calendar_button.clicked.connect(self.show_calendar)
        self.message = QLabel()
        self.message.setTextFormat(Qt.TextFormat.PlainText)      # it quotes what was typed
        self.message.setStyleSheet("color: #b00020;")
        self.message.setWordWrap(True)
        self.message.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.message.hide()
        layout.addWidget(self.line)
        layout.addWidget(self.calendar_button)
        layout.addWidget(self.message, 1)
        layout.addStretch(0)           # the date stays at the left when there is no message
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.setFocusProxy(self.line)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.line.editingFinished.connect(self.commit)
        self.line.textEdited.connect(self._typing)
        self._calendar: QCalendarWidget | None = None

    # -- the value -----------------------------------------------------------
    def value(self) -> date | None:
        """The date last kept (None for an empty optional field)."""
        return self._value

    def set_value(self, value: date | None) -> None:
        if value is None and not self.optional:
            return
        self.line.setText(format_date(value))
        self._show_error("")
        self._keep(value)

    def date(self) -> QDate:
        return to_qdate(self._value) if self._value else QDate()

    def setDate(self, value: QDate) -> None:  # noqa: N802 (QDateEdit's name)
        self.set_value(from_qdate(value) if value.isValid() else None)

    def text(self) -> str:
        return self.line.text()

    def error(self) -> str:
        """Why the text on screen was refused ('' when it is a date, or being typed)."""
        return self._error

    def setAccessibleName(self, name: str) -> None:  # noqa: N802 (Qt's name)
        super().setAccessibleName(name)
        self.line.setAccessibleName(name)

    # -- typing ----------------------------------------------------------------
    def commit(self) -> bool:
        """Read what is typed: keep it if it is a date, else say why beside the field."""
        text = self.line.text()
        if not text.strip():
            if self.optional:
                self._show_error("")
                self._keep(None)
                return True
            self._show_error(f"A date is needed here, such as {EXAMPLE}")
            return False
        try:
            day = read_date(text)
        except DateTextError as e:
            self._show_error(str(e))
            return False
        if text != format_date(day):
            self.line.setText(format_date(day))
        self._show_error("")
        self._keep(day)
        return True

    def _typing(self, _text: str) -> None:
        if self._error:          # the message goes once the officer starts correcting
            self._show_error("")

    def _show_error(self, message: str) -> None:
        self._error = message
        self.message.setText(message)
        self.message.setVisible(bool(message))
        self.line.setStyleSheet("border: 1px solid #b00020;" if message else "")

    def _keep(self, value: date | None) -> None:
        if value == self._value:
            return
        self._value = value
        self.valueChanged.emit(value)
        if value is not None:
            self.dateChanged.emit(to_qdate(value))

    # -- the calendar --------------------------------------------------------
    def show_calendar(self) -> None:
        if self._calendar is None:
            self._calendar = QCalendarWidget(self)
            self._calendar.setWindowFlags(Qt.WindowType.Popup)   # closes on a click outside
            self._calendar.setGridVisible(True)
            self._calendar.clicked.connect(self._picked)
            self._calendar.activated.connect(self._picked)
        if self._value:
            self._calendar.setSelectedDate(to_qdate(self._value))
        corner = self.line.mapToGlobal(self.line.rect().bottomLeft())
        self._calendar.move(corner)
        self._calendar.show()
        self._calendar.setFocus()

    def _picked(self, day: QDate) -> None:
        self._calendar.hide()          # one click picks the date and closes the calendar
        self.set_value(from_qdate(day))
        self.line.setFocus()


class OptionalDateEdit(QWidget):
    """A date that may be left empty ("ended on ..."): an empty field is no date."""

    def __init__(self, label: str, value: date | None = None, parent=None):
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.edit = DateEdit(value, optional=True)
        if label:
            self.label = QLabel(label)
            self.label.setBuddy(self.edit.line)
            layout.addWidget(self.label)
        layout.addWidget(self.edit, 1)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.setFocusProxy(self.edit)

    def value(self) -> date | None:
        return self.edit.value()

    def set_value(self, value: date | None) -> None:
        self.edit.set_value(value)


def date_fields(container: QWidget) -> list[DateEdit]:
    return container.findChildren(DateEdit)


def refuse_bad_dates(container: QWidget) -> bool:
    """Read every date field of `container` (a dialog or page); when one holds text that
    is not a date, put the cursor there (its message is beside it) and return True, so
    the caller saves nothing."""
    bad = [f for f in date_fields(container) if f.isEnabled() and not f.commit()]
    if bad:
        _bring_forward(bad[0], container)
        bad[0].line.setFocus()
        bad[0].line.selectAll()
    return bool(bad)


def _bring_forward(field: QWidget, container: QWidget) -> None:
    """Show the tab page(s) holding `field`, so the officer sees its message."""
    for tabs in container.findChildren(QTabWidget):
        for i in range(tabs.count()):
            if tabs.widget(i).isAncestorOf(field):
                tabs.setCurrentIndex(i)
