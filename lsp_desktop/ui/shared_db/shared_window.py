"""The window's View ▸ Refresh (F5), and for a shared partnership: automatic refresh of
the visible tab, and a banner while the connection to the server is lost."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QLabel, QMenu, QTabWidget, QWidget

from lsp_desktop.domain.errors import DomainError

if TYPE_CHECKING:
    from lsp_desktop.services import Services

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


class Refresher(QObject):
    """View ▸ Refresh for every partnership; for a shared one (`shared`), the periodic
    refresh, the connection check with its `banner`, and the live refresh on others'
    saves. Handed the `tabs` widget (the tab in front is reloaded) and `page(name)`, a tab
    by its name; tabs to reload when next shown are reported by `stale`. `window` is the
    parent: it is watched for closing; nothing is set on it."""

    message = Signal(str, int)      # for the window's status bar: text, milliseconds
    stale = Signal(object)          # tabs others changed: reload them when next shown

    def __init__(self, view_menu: QMenu, services: Services, shared: bool, banner: QLabel,
                 window, *, tabs: QTabWidget, page: Callable[[str], QWidget]):
        super().__init__(window)
        self._window = window
        self._tabs, self._page = tabs, page
        self.shared = shared
        self.banner = banner
        self.refresh_action = QAction("&Refresh", window)
        self.refresh_action.triggered.connect(lambda: self.refresh_visible())
        first = view_menu.actions()[0] if view_menu.actions() else None
        view_menu.insertAction(first, self.refresh_action)
        if first is not None:
            view_menu.insertSeparator(first)
        self.refresh_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Refresh))
        self.refresh_action.setShortcuts([QKeySequence("F5")])
        self.refresh_action.setToolTip("Reload the tab in front, with other officers' changes")
        self.connection_lost = False
        self.change_listener = None
        if not shared:
            return
        self.auto_refresh = QTimer(self)
        self.auto_refresh.setInterval(AUTO_REFRESH_MS)
        self.auto_refresh.timeout.connect(self.refresh_periodically)
        self.auto_refresh.start()
        self.monitor = ConnectionMonitor(services.partnership.ping, self)
        self.monitor.checked.connect(self.set_connection)
        self.check_timer = QTimer(self)
        self.check_timer.setInterval(CHECK_MS)
        self.check_timer.timeout.connect(self.monitor.check)
        self.check_timer.start()
        self._start_live_refresh(services)

    def _start_live_refresh(self, services: Services) -> None:
        """Refresh within a moment of another officer's save (PostgreSQL NOTIFY); the
        periodic refresh stays as a fallback. Notices of this window's own saves are ignored."""
        changes = getattr(services, "changes", None)
        if changes is None or not changes.available:
            return
        from lsp_desktop.ui.shared_db.change_listener import ChangeListener

        self.live_timer = QTimer(self)
        self.live_timer.setSingleShot(True)
        self.live_timer.setInterval(LIVE_DEBOUNCE_MS)
        self.live_timer.timeout.connect(self.live_refresh)
        listener = self.change_listener = ChangeListener(changes, self._window)
        self.live_tables: set[str] = set()
        # Several saves in a burst make one reload, LIVE_DEBOUNCE_MS after the first.
        listener.changed.connect(self.heard)
        # A broken line may mean the server is gone: check now rather than in 10 s.
        listener.listening_changed.connect(lambda on: on or self.monitor.check())
        self._window.installEventFilter(_StopOnClose(listener, self))
        listener.start()

    def heard(self, tables) -> None:
        self.live_tables |= set(tables) or {"?"}     # "?": not known what changed
        if not self.live_timer.isActive():
            self.live_timer.start()

    def live_refresh(self) -> None:
        """Another officer saved: reload the tab in front now if it shows what they changed,
        and the other tabs that do when next shown."""
        if self.connection_lost:
            return                    # the reload when the connection is back covers it
        if QApplication.activeModalWidget() is not None:
            self.live_timer.start(MODAL_WAIT_MS)    # not under an open dialog: a bit later
            return
        self.live_timer.setInterval(LIVE_DEBOUNCE_MS)
        heard, self.live_tables = self.live_tables, set()
        touched = tabs_touched(self._tabs, self._page, () if "?" in heard else heard)
        current = self._tabs.currentWidget()
        self.stale.emit([tab for tab in touched if tab is not current])
        if current in touched:
            self.refresh_visible("Refreshed: the connection is back." if "?" in heard
                                 else "Updated with another officer's change.")
            self.auto_refresh.start()   # the fallback timer counts from this reload

    def refresh_visible(self, done: str = "Refreshed.") -> None:
        """Reload the tab in front (other officers' changes appear)."""
        if self.connection_lost:
            self.monitor.check()
            return
        tab = self._tabs.currentWidget()
        try:
            tab.refresh()
        except DomainError as exc:
            self.message.emit(f"Could not refresh: {exc}", 8000)
            if self.shared:
                self.monitor.check()
            return
        self.message.emit(done, 3000)

    def refresh_periodically(self) -> None:
        """The periodic reload: never while a dialog is open or the connection is lost."""
        window = self._window
        if self.connection_lost or QApplication.activeModalWidget() is not None:
            return
        if not window.isActiveWindow() and not window.isVisible():
            return
        self.refresh_visible()

    def set_connection(self, ok: bool, problem: str = "") -> None:
        """Show or hide the banner; while lost, the tabs are greyed so nothing can be edited
        (saves would be refused anyway, and nothing is half-written)."""
        if ok == (not self.connection_lost):
            return
        self.connection_lost = not ok
        tabs = self._tabs
        if ok:
            if self.change_listener is not None:
                self.change_listener.start()      # no-op while it still listens
            self.banner.hide()
            tabs.setEnabled(True)
            self.message.emit("The connection to the shared partnership is back.", 8000)
            self.refresh_visible()
            return
        self.banner.setText(
            "The connection to the shared partnership is lost. Changes cannot be saved until "
            "it is back; nothing half-written was kept. Trying again every 10 seconds…"
            + (f"\n{problem}" if problem else ""))
        self.banner.show()
        tabs.setEnabled(False)


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
                       "consultation", "member", "erasure", "target_point"},
    "actions_tab": {"action", "action_milestone", "action_note", "action_purpose",
                    "action_due_change", "member", "target", "area_of_concern", "weakness",
                    "erasure"},
    # Seats come from the register on each meeting's date; papers share evidence_file.
    "meetings_tab": {"quorum_rule", "meeting_body", "body_membership", "meeting",
                     "agenda_item", "meeting_paper", "meeting_decision", "arising_action",
                     "attendance", "meeting_other", "meeting_declaration", "member", "term",
                     "erasure"},
    "programme_tab": {"fund", "fund_year", "theme_allocation", "project", "project_budget",
                      "project_quarter", "nrf_allocation", "action", "assessment_round"},
}
_SHOWN_ELSEWHERE = {"audit"}          # the audit trail is shown in its own dialogs
ACCREDITATION_TABLES = {"criterion_prompt", "assessment_round", "criterion_assessment",
                        "weakness", "evidence", "evidence_file", "go_dialogue",
                        "area_of_concern"}


def tabs_touched(tabs: QTabWidget, page: Callable[[str], QWidget], tables) -> list:
    """The tabs of `tabs` showing records of `tables` (every tab when that is not known);
    `page(name)` is the tab called `name` (members_tab, ...)."""
    every = [tabs.widget(i) for i in range(tabs.count())]
    tables = set(tables) - _SHOWN_ELSEWHERE
    known = set().union(*TAB_TABLES.values()) | ACCREDITATION_TABLES
    if not tables or not tables <= known:
        return every
    touched = {page(name) for name, names in TAB_TABLES.items() if names & tables}
    touched.add(page("accreditation_tab"))
    return [tab for tab in every if tab in touched]
