"""View ▸ go-to-tab entries: Ctrl+1..6, Ctrl+Tab and Ctrl+Shift+Tab change tab from anywhere."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QMenu, QTabWidget, QWidget

# Menu text per tab (by its title): the Alt letters differ from the View menu's own entries.
_MENU_TITLES = {"Members": "&Members", "Strategy drafts": "&Strategy drafts",
                "Action plans": "Action &plans", "Accreditation": "A&ccreditation",
                "Meetings": "Mee&tings", "Programme": "Pro&gramme"}
# Each tab keeps its key whichever tabs a window has (a window may lack Meetings);
# a tab named nowhere here takes Ctrl+ its place.
_KEYS = {"Members": "Ctrl+1", "Strategy drafts": "Ctrl+2", "Action plans": "Ctrl+3",
         "Accreditation": "Ctrl+4", "Meetings": "Ctrl+5", "Programme": "Ctrl+6"}


class TabKeys(QObject):
    """The go-to-tab entries of the window's View menu, as window-wide shortcuts.

    QTabWidget changes tab on Ctrl+Tab only while its tab bar or a line edit has the
    focus; a table took the key for itself, so the user guide's Ctrl+Tab did nothing
    from the register or the action plan. As window shortcuts they work from anywhere.
    """

    def __init__(self, tabs: QTabWidget, menu: QMenu, parent: QWidget):
        super().__init__(parent)
        menu.addSeparator()
        self.go_to_tab_actions: list[QAction] = []
        for index in range(tabs.count()):
            text = tabs.tabText(index).replace("&", "")
            title = _MENU_TITLES.get(text, tabs.tabText(index))
            action = QAction(title, parent)
            action.setShortcut(QKeySequence(_KEYS.get(text, f"Ctrl+{index + 1}")))
            action.triggered.connect(lambda _c=False, i=index: show_tab(tabs, i))
            menu.addAction(action)
            self.go_to_tab_actions.append(action)
        self.next_tab_action = QAction("&Next tab", parent)
        self.next_tab_action.setShortcuts([QKeySequence("Ctrl+Tab"),
                                           QKeySequence("Ctrl+PgDown")])
        self.next_tab_action.triggered.connect(
            lambda: show_tab(tabs, (tabs.currentIndex() + 1) % tabs.count()))
        self.previous_tab_action = QAction("Pre&vious tab", parent)
        # Shift+Tab arrives as Backtab on some platforms: both spellings are bound.
        self.previous_tab_action.setShortcuts([
            QKeySequence("Ctrl+Shift+Tab"),
            QKeySequence(Qt.Modifier.CTRL | Qt.Modifier.SHIFT | Qt.Key.Key_Backtab),
            QKeySequence("Ctrl+PgUp")])
        self.previous_tab_action.triggered.connect(
            lambda: show_tab(tabs, (tabs.currentIndex() - 1) % tabs.count()))
        menu.addAction(self.next_tab_action)
        menu.addAction(self.previous_tab_action)


def show_tab(tabs: QTabWidget, index: int) -> None:
    """Bring tab `index` forward with the keyboard inside it.

    Qt moves the focus into the new page only when it was in the old one; after a menu
    closed over a page that has since gone, nothing had the focus and keys went nowhere.
    """
    tabs.setCurrentIndex(index)
    focus = QApplication.focusWidget()
    if focus is not None and focus.isVisible():
        return
    page = tabs.currentWidget()
    widget = page.nextInFocusChain()
    while widget is not page and widget is not None:
        if (page.isAncestorOf(widget) and widget.isVisible() and widget.isEnabled()
                and widget.focusPolicy() & Qt.FocusPolicy.TabFocus):
            widget.setFocus(Qt.FocusReason.ShortcutFocusReason)
            return
        widget = widget.nextInFocusChain()
