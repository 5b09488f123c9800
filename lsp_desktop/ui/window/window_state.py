"""Remembers the main window's size, position and last tab in QSettings, and restores them."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QEvent, QObject, QSettings
from PySide6.QtWidgets import QMainWindow, QTabWidget

GEOMETRY_KEY = "window/geometry"
TAB_KEY = "window/tab"


class WindowStateKeeper(QObject):
    """Restores on creation; saves the tab when it changes and the geometry when the window
    closes (an event filter, so the window's own closeEvent stays free for others)."""

    def __init__(self, window: QMainWindow, tabs: QTabWidget, settings: QSettings | None = None):
        super().__init__(window)
        self.window, self.tabs = window, tabs
        self.settings = settings if settings is not None else QSettings()
        self.restore()
        tabs.currentChanged.connect(self.save_tab)
        window.installEventFilter(self)

    def restore(self) -> None:
        geometry = self.settings.value(GEOMETRY_KEY)
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.window.restoreGeometry(geometry)
        try:
            index = int(self.settings.value(TAB_KEY, 0))
        except (TypeError, ValueError):
            index = 0
        if 0 <= index < self.tabs.count():
            self.tabs.setCurrentIndex(index)

    def save_tab(self, index: int) -> None:
        self.settings.setValue(TAB_KEY, index)

    def save_geometry(self) -> None:
        self.settings.setValue(GEOMETRY_KEY, self.window.saveGeometry())
        self.settings.sync()

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt's name)
        if watched is self.window and event.type() == QEvent.Type.Close:
            self.save_geometry()
        return False
