"""The main window: tabs, menus and wiring between them; no record logic lives here."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import QLabel, QMainWindow, QMenu, QTabWidget

from lsp_desktop import APP_NAME, FILE_SUFFIX
from lsp_desktop.domain.errors import DomainError
from lsp_desktop.domain.partnership import Partnership
from lsp_desktop.ui import prompts
from lsp_desktop.ui.dialogs.partnership_dialog import PartnershipDialog
from lsp_desktop.ui.help_menu import install as install_help_menu
from lsp_desktop.ui.tabs.members_tab import MembersTab
from lsp_desktop.ui.window_state import WindowStateKeeper

RECENT_KEY = "recent_files"
MAX_RECENT = 8


def _placeholder(text: str) -> QLabel:
    label = QLabel(text)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setStyleSheet("color: #6b6b6b;")
    return label


class MainWindow(QMainWindow):
    """Handed the services of one open partnership; asks the app to open others."""

    open_requested = Signal(str)
    new_requested = Signal(str, object)

    def __init__(self, services, db_path: Path, read_only: bool = False, parent=None):
        super().__init__(parent)
        self.services = services
        self.db_path = Path(db_path)
        self.read_only = read_only
        self.undo_stack = QUndoStack(self)
        self.settings = QSettings()

        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.members_tab = MembersTab(services.members, self.undo_stack, read_only)
        self.tabs.addTab(self.members_tab, "&Members")
        self.tabs.addTab(_placeholder("Strategy drafts"), "&Strategy drafts")
        self.tabs.addTab(_placeholder("Action plans"), "&Action plans")
        self.tabs.addTab(_placeholder("Accreditation"), "A&ccreditation")
        self.setCentralWidget(self.tabs)

        self._build_menus()
        self._remember_recent(self.db_path)
        self.update_title()
        self.resize(1280, 780)
        self.window_state = WindowStateKeeper(self, self.tabs, self.settings)
        install_help_menu(self)
        if read_only:
            self.statusBar().showMessage(
                "Opened read-only: another copy of LSP Desktop has this partnership open.")

    # -- menus -----------------------------------------------------------
    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        self.new_action = file_menu.addAction("&New partnership…", self.new_partnership)
        self.new_action.setShortcut(QKeySequence("Ctrl+Shift+N"))
        open_action = file_menu.addAction("&Open…", self.open_partnership)
        open_action.setShortcut(QKeySequence.StandardKey.Open)
        self.recent_menu = QMenu("Open &recent", self)
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        file_menu.addMenu(self.recent_menu)
        file_menu.addSeparator()
        file_menu.addAction("Save a &copy as…", self.save_copy).setShortcut(
            QKeySequence("Ctrl+Shift+S"))
        self.details_action = file_menu.addAction("Partnership &details…", self.edit_details)
        file_menu.addSeparator()
        quit_action = file_menu.addAction("&Quit", self.close)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        self.file_menu = file_menu

        edit_menu = self.menuBar().addMenu("&Edit")
        undo = self.undo_stack.createUndoAction(self, "&Undo")
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo = self.undo_stack.createRedoAction(self, "&Redo")
        redo.setShortcut(QKeySequence.StandardKey.Redo)
        edit_menu.addAction(undo)
        edit_menu.addAction(redo)
        edit_menu.addSeparator()
        for action in (self.members_tab.new_action, self.members_tab.find_action):
            edit_menu.addAction(action)
        self.undo_action, self.redo_action = undo, redo
        self.edit_menu = edit_menu
        self.help_menu = self.menuBar().addMenu("&Help")

    def _recent(self) -> list[str]:
        value = self.settings.value(RECENT_KEY, [])
        if isinstance(value, str):
            value = [value]
        return [v for v in (value or []) if isinstance(v, str)]

    def _remember_recent(self, path: Path) -> None:
        entry = str(path)
        recent = [entry] + [p for p in self._recent() if p != entry]
        self.settings.setValue(RECENT_KEY, recent[:MAX_RECENT])

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        for entry in self._recent():
            action = QAction(entry, self.recent_menu)
            action.setEnabled(Path(entry).exists() and Path(entry) != self.db_path)
            action.triggered.connect(lambda _c=False, p=entry: self.open_requested.emit(p))
            self.recent_menu.addAction(action)
        if not self.recent_menu.actions():
            self.recent_menu.addAction("(none)").setEnabled(False)

    # -- file actions ----------------------------------------------------
    def update_title(self) -> None:
        name = self.services.partnership.get().name
        suffix = " [read-only]" if self.read_only else ""
        self.setWindowTitle(f"{name} — {self.db_path}{suffix} — {APP_NAME}")

    def new_partnership(self) -> None:
        path = prompts.save_partnership_file(self, "New partnership",
                                             str(self.db_path.parent / f"new{FILE_SUFFIX}"))
        if not path:
            return
        if Path(path).exists():
            prompts.error(self, "New partnership",
                          f"{path} already exists. Choose a new file name; "
                          "an existing partnership is never overwritten.")
            return
        dialog = PartnershipDialog(Partnership(name=""), self, "New partnership")
        if dialog.exec():
            self.new_requested.emit(path, dialog.details())

    def open_partnership(self) -> None:
        path = prompts.open_partnership_file(self, str(self.db_path.parent))
        if path:
            self.open_requested.emit(path)

    def save_copy(self) -> None:
        path = prompts.save_partnership_file(
            self, "Save a copy as", str(self.db_path.with_name(self.db_path.stem + "-copy"
                                                                + FILE_SUFFIX)))
        if not path:
            return
        try:
            written = self.services.files.save_copy(path)
        except (DomainError, OSError) as exc:
            prompts.error(self, "Save a copy", str(exc))
            return
        self.statusBar().showMessage(f"Copy saved to {written}", 8000)

    def edit_details(self) -> None:
        dialog = PartnershipDialog(self.services.partnership.get(), self)
        if self.read_only:
            dialog.setWindowTitle("Partnership details (read-only)")
        while dialog.exec() and not self.read_only:
            try:
                self.services.partnership.save(dialog.details())
            except DomainError as exc:
                errors = getattr(exc, "errors", None)
                if errors:
                    dialog.show_errors(errors)
                    continue
                prompts.error(self, "Partnership details", str(exc))
            break
        self.update_title()
