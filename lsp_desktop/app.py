"""The one place that wires things: paths -> database -> services -> main window or CLI."""

from __future__ import annotations

import logging
import os
import sys
import time
from pathlib import Path

_IMPORTED_AT = time.time()
log = logging.getLogger("lsp_desktop.app")
DESKTOP_ID = "org.lspdesktop.LSPDesktop"  # resources/<id>.desktop and .metainfo.xml


def process_start_time() -> float:
    """Wall-clock time the process started (Linux /proc), else when this module loaded."""
    try:
        with open("/proc/self/stat", "rb") as fh:
            start_ticks = int(fh.read().rsplit(b")", 1)[1].split()[19])
        with open("/proc/uptime", "rb") as fh:
            uptime = float(fh.read().split()[0])
        return time.time() - uptime + start_ticks / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError, AttributeError):
        return _IMPORTED_AT


def main(argv: list[str] | None = None) -> int:
    from lsp_desktop.cli import parse_args, run

    args = parse_args(argv)
    _start_log()
    if args.command:
        return run(args)
    missing = no_display()
    if missing:
        print(missing, file=sys.stderr)
        return 1
    return run_gui(args)


def _start_log() -> None:
    from lsp_desktop import logbook
    from lsp_desktop.paths import default_paths

    try:
        logbook.start(default_paths().log_dir)
    except Exception:  # noqa: BLE001 - a log is never a reason to stop
        pass


def no_display() -> str | None:
    """On Linux and other X11/Wayland systems without a display, the one line saying so
    (Qt would abort with its plugin text); None when a window can open."""
    if sys.platform in ("win32", "darwin"):
        return None
    platform = os.environ.get("QT_QPA_PLATFORM", "")
    if platform and not platform.startswith(("xcb", "wayland")):
        return None                      # offscreen, vnc, eglfs...: Qt needs no display
    if os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"):
        return None
    return ("lsp-desktop: no display was found (neither DISPLAY nor WAYLAND_DISPLAY is set), "
            "so the window cannot open; the commands work without one - members, print, "
            "export, import, backup, check... (lsp-desktop --help lists them).")


def officer_name() -> str:
    """The officer's name from Edit ▸ Settings, for the audit trail ('' when not set)."""
    from lsp_desktop.ui.settings.settings_store import SettingsStore

    return SettingsStore().load().officer_name


class Session:
    """One open partnership: its database, services and window."""

    def __init__(self, db, services, window, local_copy=None):
        self.db, self.services, self.window = db, services, window
        self.local_copy = local_copy     # services.local_copy.LocalCopy, saved back on close

    def close(self) -> None:
        """Close the database; work done on a local copy goes back to the original."""
        self.db.close()
        if self.local_copy is None:
            return
        from lsp_desktop.ui import prompts

        try:
            saved = self.local_copy.save_back()
        except Exception as exc:  # noqa: BLE001 - the work stays in the local copy
            log.exception("saving back %s failed", self.local_copy.original)
            from lsp_desktop.safe_files import disk_problem

            prompts.error(self.window, "Not saved back",
                          f"Your work could not be saved back to {self.local_copy.original} "
                          f"({disk_problem(exc) or exc}). It is kept in "
                          f"{self.local_copy.local}: open that file and save a copy.")
        else:
            if saved != self.local_copy.original:
                prompts.warning(self.window, "Saved beside the original",
                                f"{self.local_copy.original.name} was changed elsewhere (by "
                                f"the sync) while you worked, so your work was saved beside "
                                f"it as {saved.name} and nothing was overwritten.")
        finally:
            self.local_copy.release()
            self.local_copy = None


class GuiApplication:
    """Opens partnerships into windows; File ▸ New/Open/Open recent come back here."""

    def __init__(self, qt_app, paths, quit_after_startup: bool = False):
        self.qt_app = qt_app
        self.paths = paths
        self.session: Session | None = None
        self.quit_after_startup = quit_after_startup

    def open(self, path: Path, *, create_demo: bool = False, read_only: bool = False,
             new_details=None, reopen: bool = False) -> bool:
        from lsp_desktop.db.claim import PartnershipReadOnlyError
        from lsp_desktop.db.database import open_partnership
        from lsp_desktop.domain.errors import DomainError, PartnershipLockedError
        from lsp_desktop.services import build_services
        from lsp_desktop.ui import prompts

        parent = self.session.window if self.session else None
        from lsp_desktop.db.shared import is_url

        if is_url(path):
            return self.open_shared(str(path), read_only=read_only)
        path = Path(path).expanduser().absolute()
        copy = self.session.local_copy if self.session is not None else None
        if self.session is not None and not reopen and (
                path == self.session.db.path or (copy is not None and path == copy.original)):
            self.session.window.statusBar().showMessage(f"{path.name} is already open.", 8000)
            return True
        try:
            if create_demo and not path.exists():
                from lsp_desktop.services.demo import write_demo

                write_demo(path)
            if new_details is not None:
                db = open_partnership(path, self.paths.backup_dir, create=True)
                try:
                    build_services(db.session_factory, db.path).partnership.save(new_details)
                except BaseException:
                    db.close()
                    raise
            else:
                if not read_only and self._offer_local_copy(path, parent):
                    return self._show_local(path)
                if self._cancelled:
                    return False
                try:
                    db = open_partnership(path, self.paths.backup_dir, read_only=read_only)
                except PartnershipReadOnlyError as exc:
                    if not (self.quit_after_startup or prompts.ask_open_read_only(
                            parent, str(exc), "Partnership cannot be changed here")):
                        return False
                    db = open_partnership(path, self.paths.backup_dir, read_only=True)
                except PartnershipLockedError as exc:
                    if not (self.quit_after_startup
                            or prompts.ask_open_read_only(parent, str(exc))):
                        return False
                    db = open_partnership(path, self.paths.backup_dir, read_only=True)
        except DomainError as exc:
            log.info("refused to open %s: %s", path, exc)
            self._error(parent, str(exc))
            return False
        except Exception as exc:  # noqa: BLE001 - a disk that is full or failing
            from lsp_desktop.safe_files import disk_problem

            message = disk_problem(exc, path.parent)
            if message is None and not isinstance(exc, OSError):
                raise
            log.warning("cannot open %s", path, exc_info=True)
            self._error(parent, f"Cannot open {path}: {message or exc.strerror or exc}")
            return False
        return self._show(db)

    _cancelled = False

    def _offer_local_copy(self, path: Path, parent) -> bool:
        """A file in a synced or network folder: tell the officer and offer a local copy.
        True: work on a local copy; False: open it where it is (or cancelled: _cancelled)."""
        from lsp_desktop.safe_files import risky_location

        self._cancelled = False
        where = risky_location(path) if path.exists() else None
        if where is None:
            return False
        text = (f"{path.name} is in {where}. The partnership file's locking and its "
                "write-ahead log are not safe there: another computer, or the sync, can "
                "overwrite changes or copy a half-written file.\n\nWork on a local copy on "
                "this computer? It is saved back to the original when you close the "
                "window or open another partnership.")
        log.info("%s is in %s", path, where)
        if self.quit_after_startup:
            print(f"lsp-desktop: {path.name} is in {where}; opened where it is.", file=sys.stderr)
            return False
        from lsp_desktop.ui import prompts

        choice = prompts.ask_synced_folder(parent, text)
        self._cancelled = choice is None
        return choice == "local"

    def _show_local(self, path: Path) -> bool:
        from lsp_desktop.db.database import open_partnership
        from lsp_desktop.services.local_copy import LocalCopy

        copy = LocalCopy.make(path, self.paths.data_dir / "local copies")
        try:
            db = open_partnership(copy.local, self.paths.backup_dir)
        except BaseException:
            copy.release()
            raise
        shown = self._show(db, copy)
        self.session.window.statusBar().showMessage(
            f"Working on a local copy of {path}; it is saved back when you close the window.")
        return shown

    def _show(self, db, local_copy=None) -> bool:
        from lsp_desktop.services import services_of
        from lsp_desktop.ui.main_window import MainWindow

        # A file's first paint reads in plain SQL: the engine, its sessions and the audit
        # trail's listeners (with the officer's name) are made at the first ORM use.
        services = services_of(db, self.paths.backup_dir, officer=officer_name)
        window = MainWindow(services, db.path, read_only=db.read_only,
                            location=db.url if db.shared else None)
        window.open_requested.connect(lambda p, ro=False: self.open(Path(p), read_only=ro))
        window.open_shared_requested.connect(self.open_shared)
        window.new_requested.connect(lambda p, d: self.open(Path(p), new_details=d))
        window.restore_requested.connect(lambda p: self.restore(Path(p)))
        old = self.session
        self.session = Session(db, services, window, local_copy)
        if old is not None:
            window.restoreGeometry(old.window.saveGeometry())
        # Show the new window before closing the old one, so Qt never sees the
        # last window close (which would quit the program).
        window.show()
        if old is not None:
            old.window.close()
            old.window.deleteLater()
            old.close()
        return True

    def open_shared(self, target, read_only: bool = False) -> bool:
        """Open a shared partnership: from the dialog's details, or a URL (command line,
        recent list), asking for the password when the keyring has none and it is needed.
        `read_only`: every transaction is read-only on the server, and the window's edit
        actions are off."""
        from lsp_desktop import passwords
        from lsp_desktop.db.database import open_partnership
        from lsp_desktop.domain.errors import DomainError
        from lsp_desktop.ui import prompts
        from lsp_desktop.ui.shared_db.shared_dialog import SharedDetails

        parent = self.session.window if self.session else None
        details = target if isinstance(target, SharedDetails) else _details_of(str(target))
        if details is None:       # a URL this dialog cannot show: open it as given
            return self._open_url(str(target), parent, read_only)
        if not details.password:
            saved = passwords.get(details.account)
            if saved:
                details = _with(details, password=saved)
        while True:
            try:
                db = open_partnership(details.url(), self.paths.backup_dir,
                                      create=details.create and not read_only,
                                      read_only=read_only)
            except DomainError as exc:
                if self.quit_after_startup:
                    self._error(parent, str(exc))
                    return False
                details = prompts.ask_shared_partnership(parent, details, str(exc))
                if details is None:
                    return False
                continue
            break
        if details.remember and details.password:
            if not passwords.remember(details.account, details.password):
                prompts.warning(parent, "Password not remembered", passwords.why_not())
        if details.create and not read_only:
            try:
                from lsp_desktop.services import build_services

                partnership = build_services(db.session_factory, db.path).partnership
                if partnership.get().version is None:
                    from lsp_desktop.domain.partnership import Partnership

                    partnership.save(Partnership(name=details.database))
            except DomainError as exc:
                db.close()
                self._error(parent, str(exc))
                return False
        return self._show(db)

    def _open_url(self, url: str, parent, read_only: bool = False) -> bool:
        from lsp_desktop.db.database import open_partnership
        from lsp_desktop.domain.errors import DomainError

        try:
            db = open_partnership(url, self.paths.backup_dir, read_only=read_only)
        except DomainError as exc:
            self._error(parent, str(exc))
            return False
        return self._show(db)

    def restore(self, backup_file: Path) -> bool:
        """Close the partnership, restore it from a backup (after backing it up), reopen it."""
        from lsp_desktop.domain.errors import DomainError
        from lsp_desktop.services.backups import restore_file
        from lsp_desktop.ui import prompts

        if self.session is None:
            return False
        path = self.session.db.path
        copy, self.session.local_copy = self.session.local_copy, None   # stays claimed
        self.session.db.close()
        try:
            restore_file(backup_file, path, self.paths.backup_dir)
        except (DomainError, OSError) as exc:
            prompts.error(self.session.window, "Restore from backup", str(exc))
            self.open(path, reopen=True)
            restored = False
        else:
            restored = self.open(path, reopen=True)
        if self.session is not None:
            self.session.local_copy = copy
        return restored

    def _error(self, parent, text: str) -> None:
        if self.quit_after_startup:   # smoke tests and benchmarks: no one to click OK
            print(f"lsp-desktop: {text}", file=sys.stderr)
            return
        from lsp_desktop.ui import prompts

        prompts.error(parent, "Cannot open partnership", text)

    def close(self) -> None:
        if self.session is not None:
            self.session.close()
            self.session = None


def _details_of(url: str):
    """The dialog's fields from a postgresql URL, or None for a URL it cannot show."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    from lsp_desktop.ui.shared_db.shared_dialog import SharedDetails

    try:
        u = make_url(url)
    except ArgumentError:
        return None
    if u.get_backend_name() != "postgresql" or u.query or not u.database:
        return None
    return SharedDetails(u.host or "localhost", u.port or 5432, u.database, u.username or "",
                         u.password or "")


def _with(details, **changes):
    from dataclasses import replace

    return replace(details, **changes)


def _preload_database_layer() -> None:
    """Import SQLAlchemy's ORM and the models (the slowest imports there are) in the
    background, once the window is painted (a file's first paint needs none of it): loaded
    by the time the officer first clicks, without competing with the first paint."""
    import threading

    def load() -> None:
        try:
            # The trail's listeners, the first edit's service, what the other tabs read
            # through, and every model's mapper set up (~80 ms the first tab shown would
            # otherwise wait for).
            from sqlalchemy.orm import configure_mappers

            import lsp_desktop.db.audit  # noqa: F401
            import lsp_desktop.services.accreditation  # noqa: F401
            import lsp_desktop.services.actions  # noqa: F401
            import lsp_desktop.services.audit  # noqa: F401
            import lsp_desktop.services.meetings  # noqa: F401
            import lsp_desktop.services.members  # noqa: F401
            import lsp_desktop.services.programme  # noqa: F401
            import lsp_desktop.services.strategies  # noqa: F401

            configure_mappers()
            # The Action plans tab's modules (plain imports: its widgets are made on the
            # window's thread when it is first shown; ~15 ms less for the first switch).
            import lsp_desktop.ui.actions.actions_tab  # noqa: F401
        except Exception:   # noqa: BLE001 - the main thread's own import reports it
            pass
        # What start-up made lives as long as the window: kept out of the collector's
        # walks from now on, so the automatic collections and the print preview's
        # collection before each render (~0.1 s of the window's thread each) see only
        # what came after.
        import gc

        gc.freeze()

    threading.Thread(target=load, name="preload-sqlalchemy", daemon=True).start()


def _once_painted(collect_garbage_again):
    """What waits for the window's first paint (called once or twice): garbage collection
    back on, and the database layer loaded in the background, once."""
    started: list[bool] = []

    def run() -> None:
        collect_garbage_again()
        if not started:
            started.append(True)
            _preload_database_layer()

    return run


def run_gui(args) -> int:
    """The window. Cyclic garbage collection waits until it is first painted: start-up makes
    a great many long-lived objects and every collection walks them all (tens of ms)."""
    import gc

    if not gc.isenabled():
        return _run_gui(args, lambda: None)
    gc.disable()
    try:
        return _run_gui(args, gc.enable)
    finally:
        gc.enable()


def _after_first_paint(window, then, at_the_latest_ms: int = 2000) -> None:
    """Call `then` once `window` has been painted, or after `at_the_latest_ms` (whichever
    comes first; `then` may be called twice)."""
    from PySide6.QtCore import QEvent, QObject, QTimer

    class FirstPaint(QObject):
        def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt's name)
            if event.type() == QEvent.Type.Paint:
                watched.removeEventFilter(self)
                QTimer.singleShot(0, then)
            return False

    window.installEventFilter(FirstPaint(window))
    QTimer.singleShot(at_the_latest_ms, then)


def error_text(exc: BaseException, folder: Path | None = None,
               log_file: Path | None = None) -> str:
    """What the officer is told about an error nobody caught: one plain paragraph."""
    from lsp_desktop.domain.errors import DomainError
    from lsp_desktop.logbook import plain_message
    from lsp_desktop.safe_files import disk_problem

    known = disk_problem(exc, folder)
    if known:
        return f"{known[0].upper()}{known[1:]} The last change was not saved."
    if isinstance(exc, DomainError):
        return str(exc)
    where = f": {log_file}" if log_file else ""
    return (f"Something went wrong: {plain_message(exc)}. What you saw before is kept; "
            f"the details are in the program's log{where}.")


def install_exception_hook(gui) -> object:
    """Errors nobody caught: logged with their traceback, shown as a plain message.
    Returns the hook it replaced."""
    previous = sys.excepthook

    def hook(kind, exc, tb) -> None:
        if issubclass(kind, KeyboardInterrupt):
            previous(kind, exc, tb)
            return
        log.error("unexpected error", exc_info=(kind, exc, tb))
        session = gui.session
        folder = session.db.path.parent if session and not session.db.shared else None
        from lsp_desktop.logbook import LOG_NAME

        text = error_text(exc, folder, gui.paths.log_dir / LOG_NAME)
        if gui.quit_after_startup:
            print(f"lsp-desktop: {text}", file=sys.stderr)
            return
        try:
            from lsp_desktop.ui import prompts

            prompts.error(session.window if session else None, "LSP Desktop", text)
        except Exception:  # noqa: BLE001 - never an error inside the error handler
            previous(kind, exc, tb)

    sys.excepthook = hook
    return previous


def _run_gui(args, collect_garbage_again) -> int:
    from PySide6.QtWidgets import QApplication

    import lsp_desktop
    from lsp_desktop.paths import default_paths

    paths = default_paths().ensure()
    qt_app = QApplication.instance() or QApplication(sys.argv[:1])
    import lsp_desktop.ui.main_window  # noqa: F401
    qt_app.setApplicationName(lsp_desktop.APP_NAME)
    qt_app.setOrganizationName(lsp_desktop.ORG_NAME)
    qt_app.setApplicationVersion(lsp_desktop.__version__)
    qt_app.setDesktopFileName(DESKTOP_ID)
    from lsp_desktop.ui.common.icons import application_icon

    qt_app.setWindowIcon(application_icon())
    gui = GuiApplication(qt_app, paths, args.quit_after_startup)
    previous_hook = install_exception_hook(gui)
    try:
        return _open_and_run(gui, qt_app, args, paths, collect_garbage_again)
    finally:
        sys.excepthook = previous_hook


def _open_and_run(gui, qt_app, args, paths, collect_garbage_again) -> int:
    from PySide6.QtCore import QTimer

    from lsp_desktop.db.shared import is_url

    path = args.db if is_url(args.db) else (
        Path(args.db).expanduser() if args.db else paths.default_db)
    if not gui.open(path, create_demo=not args.db, read_only=args.read_only):
        return 1
    _after_first_paint(gui.session.window, _once_painted(collect_garbage_again))
    if args.quit_after_startup:
        window = gui.session.window

        def report() -> None:
            window.repaint()
            print(f"{time.time() - process_start_time():.3f}")
            gui.close()
            qt_app.quit()

        QTimer.singleShot(0, report)
    code = qt_app.exec()
    gui.close()
    return code
