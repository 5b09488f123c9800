"""A count changing under a filter repaints the count, not the whole window (issue 23)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from lsp_desktop.ui.members.members_tab import CountLabel
from lsp_desktop.ui.window.lazy_tabs import LazyTabs


class _Seen(QObject):
    def __init__(self, kind: QEvent.Type):
        super().__init__()
        self.kind, self.count = kind, 0

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == self.kind:
            self.count += 1
        return False


def _page(label: QLabel) -> tuple[QWidget, QPushButton]:
    page = QWidget()
    button = QPushButton("Elsewhere on the page")
    row = QHBoxLayout()
    row.addWidget(label)
    row.addStretch(1)
    layout = QVBoxLayout(page)
    layout.addWidget(button)
    layout.addLayout(row)
    return page, button


def test_a_label_changing_text_does_not_repaint_the_rest_of_the_tabs(qtbot):
    label = QLabel("10 of 10 shown")
    page, button = _page(label)
    tabs = LazyTabs()
    qtbot.addWidget(tabs)
    tabs.add_now("page", "Page", page)
    tabs.show()
    qtbot.waitExposed(tabs)
    qtbot.wait(50)
    paints = _Seen(QEvent.Type.Paint)
    button.installEventFilter(paints)
    for text in ("3 of 10 shown", "10 of 10 shown", "1 of 10 shown"):
        label.setText(text)
        qtbot.wait(20)
    assert paints.count == 0
    tabs.addTab(QLabel("another"), "A much longer title")   # the tabs change: laid out again
    qtbot.waitUntil(lambda: paints.count > 0, timeout=2000)


def test_the_count_keeps_its_size_and_grows_to_fit(qtbot):
    label = CountLabel()
    page, _button = _page(label)
    qtbot.addWidget(page)
    label.setText("31 of 31 members shown")
    page.show()
    qtbot.waitExposed(page)
    qtbot.wait(50)
    width = label.width()
    assert width >= label.sizeHint().width() and label.text() == "31 of 31 members shown"
    asked = _Seen(QEvent.Type.LayoutRequest)
    page.installEventFilter(asked)
    label.setText("3 of 31 members shown")
    qtbot.wait(20)
    assert asked.count == 0 and label.width() == width
    label.setText("50000 of 50000 members shown")          # longer: it grows, laid out once
    qtbot.waitUntil(lambda: label.width() >= label.sizeHint().width(), timeout=2000)
    assert label.width() > width
