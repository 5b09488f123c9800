"""View ▸ go-to-tab entries: Ctrl+1..4, Ctrl+Tab and Ctrl+Shift+Tab change tab from anywhere."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QMenu, QTabWidget

# Menu text per tab: the Alt letters differ from the View menu's own entries.
_TITLES = ("&Members", "&Strategy drafts", "Action &plans", "A&ccreditation")


def install(window) -> None:
    """Add the entries to `window.view_menu` (a MainWindow's, made by the audit menu).

    QTabWidget changes tab on Ctrl+Tab only while its tab bar or a line edit has the
    focus; a table took the key for itself, so the user guide's Ctrl+Tab did nothing
    from the register or the action plan. As window shortcuts they work from anywhere.
    """
    menu = getattr(window, "view_menu", None)
    if menu is None:
        menu = QMenu("&View", window)
        window.menuBar().insertMenu(window.help_menu.menuAction(), menu)
        window.view_menu = menu
    menu.addSeparator()
    tabs = window.tabs
    window.go_to_tab_actions = []
    for index in range(tabs.count()):
        title = _TITLES[index] if index < len(_TITLES) else tabs.tabText(index)
        action = QAction(title, window)
        action.setShortcut(QKeySequence(f"Ctrl+{index + 1}"))
        action.triggered.connect(lambda _c=False, i=index: show_tab(tabs, i))
        menu.addAction(action)
        window.go_to_tab_actions.append(action)
    window.next_tab_action = QAction("&Next tab", window)
    window.next_tab_action.setShortcuts([QKeySequence("Ctrl+Tab"), QKeySequence("Ctrl+PgDown")])
    window.next_tab_action.triggered.connect(
        lambda: show_tab(tabs, (tabs.currentIndex() + 1) % tabs.count()))
    window.previous_tab_action = QAction("Pre&vious tab", window)
    # Shift+Tab arrives as Backtab on some platforms: both spellings are bound.
    window.previous_tab_action.setShortcuts([
        QKeySequence("Ctrl+Shift+Tab"),
        QKeySequence(Qt.Modifier.CTRL | Qt.Modifier.SHIFT | Qt.Key.Key_Backtab),
        QKeySequence("Ctrl+PgUp")])
    window.previous_tab_action.triggered.connect(
        lambda: show_tab(tabs, (tabs.currentIndex() - 1) % tabs.count()))
    menu.addAction(window.next_tab_action)
    menu.addAction(window.previous_tab_action)


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
