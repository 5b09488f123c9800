"""Hears other officers' saves to a shared partnership as they commit (PostgreSQL NOTIFY)
and tells the window; used by ui/shared_db/shared_window.py. Never blocks the window's thread."""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, QSocketNotifier, QTimer, Signal

from lsp_desktop.domain.errors import DomainError

RETRY_MS = 10_000      # how soon to listen again after the line to the server broke


class ChangeListener(QObject):
    """Listens on a connection of its own: its socket wakes the event loop (no thread, no
    polling) when notices arrive. Connecting happens on a short-lived thread, so a server
    that does not answer never freezes the window; a broken line is retried."""

    changed = Signal(object)        # frozenset of tables other sessions wrote
    listening_changed = Signal(bool)
    _subscribed = Signal(object, str)   # from the connecting thread: subscription, problem

    def __init__(self, feed, parent=None):
        super().__init__(parent)
        self._feed = feed
        self._subscription = None
        self._notifier: QSocketNotifier | None = None
        self._connecting = False
        self._stopped = False
        self._ever = False
        self.received = 0          # notices read, own included (tests, diagnostics)
        self.problem = ""
        self.retry = QTimer(self)
        self.retry.setSingleShot(True)
        self.retry.setInterval(RETRY_MS)
        self.retry.timeout.connect(self.start)
        self._subscribed.connect(self._on_subscribed)

    @property
    def listening(self) -> bool:
        return self._subscription is not None

    @property
    def backend_pid(self) -> int | None:
        return self._subscription.backend_pid if self._subscription is not None else None

    def start(self) -> None:
        """Listen, unless already listening or connecting."""
        if self._stopped or self._connecting or self.listening:
            return
        self._connecting = True
        threading.Thread(target=self._subscribe, name="lsp-change-listener",
                         daemon=True).start()

    def _subscribe(self) -> None:
        try:
            subscription, problem = self._feed.subscribe(), ""
        except DomainError as exc:
            subscription, problem = None, str(exc)
        except Exception as exc:  # noqa: BLE001 - never let the thread die noisily
            subscription, problem = None, f"{type(exc).__name__}: {exc}"
        try:
            self._subscribed.emit(subscription, problem)
        except RuntimeError:      # the window closed meanwhile
            if subscription is not None:
                subscription.close()

    def _on_subscribed(self, subscription, problem: str) -> None:
        self._connecting = False
        if self._stopped:
            if subscription is not None:
                subscription.close()
            return
        if subscription is None:
            self.problem = problem
            self.retry.start()
            return
        self._subscription, self.problem = subscription, ""
        self._notifier = QSocketNotifier(subscription.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._read)
        resumed = self._ever
        self._ever = True
        self.listening_changed.emit(True)
        self._read()
        if resumed:               # changes made while the line was down were not heard
            self.changed.emit(frozenset())

    def _read(self, *_args) -> None:
        if self._subscription is None:
            return
        try:
            changes = self._subscription.changes()
        except DomainError as exc:
            self._drop(str(exc))
            self.retry.start()
            return
        self.received += len(changes)
        others = [c.tables for c in changes if not c.own]
        if others:
            self.changed.emit(frozenset().union(*others))

    def _drop(self, problem: str = "") -> None:
        if self._notifier is not None:
            self._notifier.setEnabled(False)
            self._notifier.deleteLater()
            self._notifier = None
        if self._subscription is not None:
            self._subscription.close()
            self._subscription = None
            self.problem = problem
            if not self._stopped:     # closing the window is not news
                self.listening_changed.emit(False)

    def stop(self) -> None:
        """Stop listening for good (the window is closing)."""
        self._stopped = True
        self.retry.stop()
        self._drop()
