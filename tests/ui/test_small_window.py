"""The window on a small laptop screen (1024x700): it fits, no column shrinks past its heading,
and the accreditation panes never clip their text on the right.

Offscreen, a resize takes effect when the events are processed: the tests process them once
and check; nothing waits for a window manager that is not there.
"""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QApplication

SMALL = QSize(1024, 700)


def make_small(window) -> None:
    window.resize(SMALL)
    QApplication.processEvents()


def test_the_window_fits_a_1024_by_700_screen(window):
    make_small(window)
    assert window.size() == SMALL       # was held at 1080 wide by the Action plans tab
