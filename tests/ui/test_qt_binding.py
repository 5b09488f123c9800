"""The installed Qt binding keeps Python's reference counts right (PySide6 6.12.0 did not)."""

import sys

from PySide6.QtWidgets import QLabel


def test_void_qt_calls_do_not_leak_references_to_none(qtbot):
    # PySide6 6.12.0 on Python 3.11 dropped one reference to None per void call,
    # which aborted the program after a few thousand calls; pyproject pins it out.
    label = QLabel()
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for _ in range(500):
        label.setText("x")
    assert abs(sys.getrefcount(None) - before) < 50
