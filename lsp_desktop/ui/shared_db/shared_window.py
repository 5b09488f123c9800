"""The window's View ▸ Refresh (F5), and for a shared partnership: automatic refresh of
the visible tab, and a banner while the connection to the server is lost."""

from __future__ import annotations

import threading

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QLabel, QMenu

from lsp_desktop.domain.errors import DomainError

AUTO_REFRESH_MS = 30_000      # the visible tab of a shared partnership is reloaded this often
CHECK_MS = 10_000             # how often the connection is checked (in the background)
LIVE_DEBOUNCE_MS = 250        # a burst of others' saves within this makes one reload
MODAL_WAIT_MS = 1_000         # while a dialog is open, look again this often


class ConnectionMonitor(QObject):
    """Pings the server off the main thread, so a dead server never freezes the window."""

    checked = Signal(bool, str)     # reachable, problem

    def __init__(self, ping, parent=None):
        super().__init__(parent)
        self._ping = ping
        self._busy = False

    def check(self) -> None:
        if self._busy:
            return
        self._busy = True
        threading.Thread(target=self._run, name="lsp-connection-check", daemon=True).start()

    def _run(self) -> None:
        try:
            self._ping()
        except DomainError as exc:
            ok, problem = False, str(exc)
        except Exception as exc:  # noqa: BLE001 - any failure to reach is "lost"
            ok, problem = False, f"{type(exc).__name__}: {exc}"
        else:
            ok, problem = True, ""
        self._busy = False
        self.checked.emit(ok, problem)


def make_banner() -> QLabel:
    banner = QLabel()
    banner.setTextFormat(Qt.TextFormat.PlainText)
    banner.setWordWrap(True)
    banner.setStyleSheet("background: #b00020; color: white; font-weight: bold; padding: 8px;")
    banner.hide()
    return banner


def install(window) -> None:
    """View ▸ Refresh for every partnership; the rest only when `window.shared`."""
    view = getattr(window, "view_menu", None)      # the audit trail's, if made first
    if view is None:
        view = QMenu("&View", window)
        help_menu = getattr(window, "help_menu", None)
        if help_menu is not None:
            window.menuBar().insertMenu(help_menu.menuAction(), view)
        else:
            window.menuBar().addMenu(view)
        window.view_menu = view
    window.refresh_action = QAction("&Refresh", window)
    window.refresh_action.triggered.connect(lambda: refresh_visible(window))
    first = view.actions()[0] if view.actions() else None
    view.insertAction(first, window.refresh_action)
    if first is not None:
        view.insertSeparator(first)
    window.refresh_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Refresh))
    window.refresh_action.setShortcuts([QKeySequence("F5")])
    window.refresh_action.setToolTip("Reload the tab in front, with other officers' changes")
    window.connection_lost = False
    if not window.shared:
        return
    window.save_copy_action.setEnabled(False)
    window.save_copy_action.setToolTip("A shared partnership is on a server: use Export ▸ "
                                       "Whole partnership as an archive")
    if getattr(window, "restore_action", None) is not None:
        window.restore_action.setEnabled(False)
        window.restore_action.setToolTip("A shared partnership is restored from an archive "
                                         "by the database administrator")
    window.auto_refresh = QTimer(window)
    window.auto_refresh.setInterval(AUTO_REFRESH_MS)
    window.auto_refresh.timeout.connect(lambda: auto_refresh(window))
    window.auto_refresh.start()
    window.monitor = ConnectionMonitor(window.services.partnership.ping, window)
    window.monitor.checked.connect(lambda ok, problem: set_connection(window, ok, problem))
    window.check_timer = QTimer(window)
    window.check_timer.setInterval(CHECK_MS)
    window.check_timer.timeout.connect(window.monitor.check)
    window.check_timer.start()
    install_live_refresh(window)


def install_live_refresh(window) -> None:
    """Refresh within a moment of another officer's save (PostgreSQL NOTIFY); the
    periodic refresh stays as a fallback. Notices of this window's own saves are ignored."""
    window.change_listener = None
    changes = getattr(window.services, "changes", None)
    if changes is None or not changes.available:
        return
    from lsp_desktop.ui.shared_db.change_listener import ChangeListener

    window.live_timer = QTimer(window)
    window.live_timer.setSingleShot(True)
    window.live_timer.setInterval(LIVE_DEBOUNCE_MS)
    window.live_timer.timeout.connect(lambda: live_refresh(window))
    listener = window.change_listener = ChangeListener(changes, window)
    window.live_tables = set()
    # Several saves in a burst make one reload, LIVE_DEBOUNCE_MS after the first.
    listener.changed.connect(lambda tables: _heard(window, tables))
    # A broken line may mean the server is gone: check now rather than in 10 s.
    listener.listening_changed.connect(lambda on: on or window.monitor.check())
    window.installEventFilter(_StopOnClose(listener, window))
    listener.start()


class _StopOnClose(QObject):
    """Closes the listening connection when the window closes."""

    def __init__(self, listener, parent):
        super().__init__(parent)
        self._listener = listener

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Close:
            self._listener.stop()
        return False


# The tables whose records each tab shows. The Accreditation tab's readiness signals read
# every kind of record, so every change concerns it; a table named nowhere here, or a
# notice of unknown content (heard again after the line was down), concerns every tab.
TAB_TABLES = {
    "members_tab": {"member", "term", "declaration", "partnership", "nrf_allocation",
                    "erasure"},
    "strategies_tab": {"strategy", "strategy_section", "strategy_version",
                       "strategy_version_section", "neighbourhood", "target", "endorsement",
                       "consultation", "member", "erasure"},
    "actions_tab": {"action", "action_milestone", "action_note", "member", "target",
                    "area_of_concern", "weakness", "erasure"},
}
_SHOWN_ELSEWHERE = {"audit"}          # the audit trail is shown in its own dialogs
ACCREDITATION_TABLES = {"criterion_prompt", "assessment_round", "criterion_assessment",
                        "weakness", "evidence", "evidence_file", "go_dialogue",
                        "area_of_concern"}


def tabs_touched(window, tables) -> list:
    """The tabs showing records of `tables` (every tab when that is not known)."""
    every = [window.tabs.widget(i) for i in range(window.tabs.count())]
    tables = set(tables) - _SHOWN_ELSEWHERE
    known = set().union(*TAB_TABLES.values()) | ACCREDITATION_TABLES
    if not tables or not tables <= known:
        return every
    touched = {getattr(window, name) for name, names in TAB_TABLES.items() if names & tables}
    touched.add(window.accreditation_tab)
    return [tab for tab in every if tab in touched]


def _heard(window, tables) -> None:
    window.live_tables |= set(tables) or {"?"}     # "?": not known what changed
    if not window.live_timer.isActive():
        window.live_timer.start()


def live_refresh(window) -> None:
    """Another officer saved: reload the tab in front now if it shows what they changed,
    and the other tabs that do when next shown."""
    if window.connection_lost:
        return                    # the reload when the connection is back covers it
    if QApplication.activeModalWidget() is not None:
        window.live_timer.start(MODAL_WAIT_MS)    # not under an open dialog: a bit later
        return
    window.live_timer.setInterval(LIVE_DEBOUNCE_MS)
    heard, window.live_tables = window.live_tables, set()
    touched = tabs_touched(window, () if "?" in heard else heard)
    current = window.tabs.currentWidget()
    window._stale.update(tab for tab in touched if tab is not current)
    if current in touched:
        refresh_visible(window, "Refreshed: the connection is back." if "?" in heard
                        else "Updated with another officer's change.")
        window.auto_refresh.start()   # the fallback timer counts from this reload


def refresh_visible(window, done: str = "Refreshed.") -> None:
    """Reload the tab in front (other officers' changes appear)."""
    if window.connection_lost:
        window.monitor.check()
        return
    tab = window.tabs.currentWidget()
    try:
        tab.refresh()
    except DomainError as exc:
        window.statusBar().showMessage(f"Could not refresh: {exc}", 8000)
        if window.shared:
            window.monitor.check()
        return
    window.statusBar().showMessage(done, 3000)


def auto_refresh(window) -> None:
    """The periodic reload: never while a dialog is open or the connection is lost."""
    if window.connection_lost or QApplication.activeModalWidget() is not None:
        return
    if not window.isActiveWindow() and not window.isVisible():
        return
    refresh_visible(window)


def set_connection(window, ok: bool, problem: str = "") -> None:
    """Show or hide the banner; while lost, the tabs are greyed so nothing can be edited
    (saves would be refused anyway, and nothing is half-written)."""
    if ok == (not window.connection_lost):
        return
    window.connection_lost = not ok
    if ok:
        if getattr(window, "change_listener", None) is not None:
            window.change_listener.start()      # no-op while it still listens
        window.banner.hide()
        window.tabs.setEnabled(True)
        window.statusBar().showMessage("The connection to the shared partnership is back.",
                                       8000)
        refresh_visible(window)
        return
    window.banner.setText(
        "The connection to the shared partnership is lost. Changes cannot be saved until it "
        "is back; nothing half-written was kept. Trying again every 10 seconds…"
        + (f"\n{problem}" if problem else ""))
    window.banner.show()
    window.tabs.setEnabled(False)
