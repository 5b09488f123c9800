"""A tab widget whose pages are built when first asked for, or just after the first paint."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import QTabWidget, QWidget


class LazyTabs(QTabWidget):
    """Pages added with `add_later` are built (their module imported, their widgets made)
    the first time anything asks for them - `page(name)`, `widget(i)`, `currentWidget()`,
    or the page coming to the front - else one by one right after the tab widget is first
    painted, so the window shows sooner and no page waits for a click.

    Until then an empty stand-in holds the page's place; callers never see it: `widget()`
    and `currentWidget()` build the page first. `built(name, page)` is emitted once the page
    is in place (before any currentChanged that brought it forward is handed on)."""

    built = Signal(str, object)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._waiting: dict[str, tuple[QWidget, Callable[[], QWidget]]] = {}
        self._names: dict[QWidget, str] = {}       # stand-in -> name of its page
        self._pages: dict[str, QWidget] = {}
        self._scheduled = False
        self._later = QTimer(self)          # the next page built in the background
        self._later.setSingleShot(True)
        self._later.timeout.connect(self._build_next)
        # First of all slots: the ones connected later see the page, never its stand-in.
        self.currentChanged.connect(self._came_forward)
        self._laid_out: tuple | None = None     # what the last layout of the tabs went by

    def event(self, event) -> bool:
        # A widget on a page that changes its text or shows a button asks for a layout
        # up the chain; QTabWidget answers every such request by repainting the whole
        # window (a frame's time at each keystroke of a filter). When the tab bar, the
        # size, the smallest size and the corners are as they were, the pages are where
        # they were.
        if event.type() == QEvent.Type.LayoutRequest:
            bar = self.tabBar()
            corners = [self.cornerWidget(c) for c in (Qt.Corner.TopLeftCorner,
                                                      Qt.Corner.TopRightCorner)]
            state = (self.size(), bar.sizeHint(), bar.isVisibleTo(self), self.count(),
                     self.minimumSizeHint(), *((c.sizeHint(), c.isVisibleTo(self))
                                               if c is not None else None for c in corners))
            if state == self._laid_out:
                return True
            self._laid_out = state
        return super().event(event)

    def add_now(self, name: str, title: str, page: QWidget) -> None:
        """A page called `name`, built already (the one shown first)."""
        self._pages[name] = page
        self.addTab(page, title)

    def name_at(self, index: int) -> str | None:
        """The name of the page at `index` (members_tab...), built or not; None for a page
        added without a name."""
        page = super().widget(index)
        if page in self._names:
            return self._names[page]
        return next((name for name, built in self._pages.items() if built is page), None)

    def add_later(self, name: str, title: str, make: Callable[[], QWidget]) -> None:
        """A page called `name`, made by `make()` when first needed."""
        stand_in = QWidget()
        self._waiting[name] = (stand_in, make)
        self._names[stand_in] = name
        self.addTab(stand_in, title)

    def page(self, name: str) -> QWidget:
        """The page called `name`, built now if it was not yet."""
        if name in self._waiting:
            self._build(name)
        return self._pages[name]

    def page_if_built(self, name: str) -> QWidget | None:
        return self._pages.get(name)

    def waiting(self) -> list[str]:
        """Names of the pages not built yet, left to right."""
        return list(self._waiting)

    def widget(self, index: int) -> QWidget | None:
        page = super().widget(index)
        name = self._names.get(page)
        return self.page(name) if name is not None else page

    def currentWidget(self) -> QWidget | None:  # noqa: N802 (Qt's name)
        return self.widget(self.currentIndex())

    def _came_forward(self, index: int) -> None:
        name = self._names.get(super().widget(index))
        if name is not None:
            self._build(name)
        if self._later.isActive():
            # The page brought forward paints first; the background builds wait a moment.
            self._later.start(self.YIELD_MS)

    def _build(self, name: str) -> None:
        stand_in, make = self._waiting[name]
        page = make()
        del self._waiting[name], self._names[stand_in]
        self._pages[name] = page
        index = self.indexOf(stand_in)
        # The swap changes no current tab, so this widget's own signals stay quiet.
        quiet = self.blockSignals(True)
        try:
            in_front = self.currentIndex() == index
            self.insertTab(index, page, self.tabText(index))   # the stand-in moves right
            if in_front:
                self.setCurrentIndex(index)
            self.removeTab(index + 1)
        finally:
            self.blockSignals(quiet)
        stand_in.deleteLater()
        self.built.emit(name, page)

    # -- after the first paint: the rest, one page per turn of the event loop ------------
    YIELD_MS = 150      # how long background builds wait after a page is brought forward

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().paintEvent(event)
        if self._waiting and not self._scheduled:
            self._scheduled = True
            self._later.start(0)

    def _build_next(self) -> None:
        if self._waiting and self.isVisible():
            # Should a page fail to build, the others wait until asked for (no retry loop).
            self._build(next(iter(self._waiting)))
            self._later.start(0)
        else:
            self._scheduled = False
