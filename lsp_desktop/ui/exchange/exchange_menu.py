"""File menu entries for import, export, archive, backups and personal data, and their handlers."""

from __future__ import annotations

import getpass
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QUndoStack
from PySide6.QtWidgets import QMenu

from lsp_desktop import FILE_SUFFIX
from lsp_desktop.domain.errors import DomainError
from lsp_desktop.ui import prompts

if TYPE_CHECKING:
    from lsp_desktop.services import Services
    from lsp_desktop.ui.settings.settings_store import SettingsStore

SHEET_FILTER = "Spreadsheets (*.csv *.xlsx *.xls);;All files (*)"
EXPORT_FILTER = "Excel workbook (*.xlsx);;CSV (*.csv)"
ARCHIVE_FILTER = "LSP Desktop archive (*.json);;All files (*)"


class ExchangeMenu(QObject):
    """The exchange entries of the File menu, just above Quit, and their handlers.
    `window` is the parent of the dialogs; what the tabs show and select comes from
    `shown(kind)` and `selected_member()`, `undo_stack()` is the Edit ▸ Undo history in
    front, and imports are reported by signals."""

    open_requested = Signal(str)        # a partnership file to open (an imported archive)
    restore_requested = Signal(str)     # a backup to go back to
    message = Signal(str, int)          # for the window's status bar: text, milliseconds
    imported = Signal(str)              # records of this kind were imported: reload tabs
    members_changed = Signal()          # an import undone or redone, a member erased

    def __init__(self, file_menu: QMenu, services: Services, db_path: Path, read_only: bool,
                 shared: bool, settings_store: SettingsStore, window, *,
                 undo_stack: Callable[[], QUndoStack],
                 shown: Callable[[str], list[int] | None] = lambda _kind: None,
                 selected_member: Callable[[], int | None] = lambda: None):
        super().__init__(window)
        self._window = window
        self._undo_stack, self._shown, self._selected = undo_stack, shown, selected_member
        self.services = services
        self.db_path = db_path
        self.read_only = read_only
        self.settings_store = settings_store
        quit_action = file_menu.actions()[-1]

        imports = QMenu("&Import", window)
        self.import_actions = {}
        for kind, label in (("members", "&Members"), ("actions", "&Actions"),
                            ("targets", "&Targets")):
            action = imports.addAction(f"{label} from CSV or Excel…",
                                       lambda k=kind: self.import_records(k))
            action.setEnabled(not read_only)
            self.import_actions[kind] = action
        self.import_members_action = self.import_actions["members"]
        for kind, label in (("programme", "&Programme figures"),
                            ("target-values", "Target &values")):
            action = imports.addAction(f"{label} from CSV or Excel…",
                                       lambda k=kind: self.import_figures(k))
            action.setEnabled(not read_only)
            self.import_actions[kind] = action
        imports.addSeparator()
        imports.addAction("Whole partnership from an a&rchive…", self.import_archive)

        exports = QMenu("&Export", window)
        self.export_actions = {}
        for kind, label in (("members", "&Members as shown…"),
                            ("actions", "&Actions as shown…"),
                            ("targets", "&Targets of the strategy shown…")):
            self.export_actions[kind] = exports.addAction(
                label, lambda k=kind: self.export_records(k))
        self.export_members_action = self.export_actions["members"]
        exports.addSeparator()
        exports.addAction("Whole partnership as an a&rchive…", self.export_archive)

        personal = QMenu("Personal dat&a", window)
        self.member_data_action = personal.addAction(
            "&Export selected member's data…", lambda: self.export_member_data())
        self.erase_action = personal.addAction(
            "E&rase selected former member…", self.erase_selected)
        self.retention_action = personal.addAction("Re&tention review…",
                                                   self.retention_review)
        self.erase_action.setEnabled(not read_only)

        file_menu.insertSeparator(quit_action)
        file_menu.insertMenu(quit_action, imports)
        file_menu.insertMenu(quit_action, exports)
        file_menu.insertMenu(quit_action, personal)
        file_menu.insertSeparator(quit_action)
        self.backup_action = QAction("&Back up now", window)
        self.backup_action.triggered.connect(self.backup_now)
        self.restore_action = QAction("Res&tore from backup…", window)
        self.restore_action.triggered.connect(self.restore)
        self.restore_action.setEnabled(not read_only)
        if shared:
            self.restore_action.setEnabled(False)
            self.restore_action.setToolTip("A shared partnership is restored from an archive "
                                           "by the database administrator")
        file_menu.insertAction(quit_action, self.backup_action)
        file_menu.insertAction(quit_action, self.restore_action)
        file_menu.insertSeparator(quit_action)

    def import_records(self, kind: str) -> None:
        from lsp_desktop.ui.exchange.import_dialog import ImportDialog

        path = prompts.open_file(self._window, f"Import {kind}", str(self.db_path.parent),
                                 SHEET_FILTER)
        if not path:
            return
        exchange = self.services.exchange
        try:
            sheet = exchange.read_register(path) if kind == "members" else exchange.read(path)
            dialog = ImportDialog(exchange, sheet, Path(path).name, self._window, kind,
                                  path=path)
            if not dialog.exec() or dialog.result is None:
                return
        except DomainError as exc:
            prompts.error(self._window, f"Import {kind}", str(exc))
            return
        self.imported.emit(kind)
        if kind == "members" and (dialog.result.added or dialog.result.updated):
            from lsp_desktop.ui.exchange.import_undo import ImportMembers

            # Edit > Undo reverses the whole import.
            self._undo_stack().push(ImportMembers(
                exchange, dialog.preview, dialog.result, dialog.update_existing.isChecked(),
                self.members_changed.emit,
                lambda message: prompts.error(self._window, "Undo import", message)))
        self.message.emit(f"{kind.capitalize()} imported: {dialog.result.summary()}.", 10000)

    def import_figures(self, kind: str) -> None:
        """Programme figures or target values (issue 22), with their own preview."""
        from lsp_desktop.ui.programme.figures_import import import_figures

        changed = import_figures(self._window, self.services, self.db_path, kind)
        if changed is not None:
            self.imported.emit(kind)
            self.message.emit(changed, 10000)

    def import_members(self) -> None:
        self.import_records("members")

    def shown_ids(self, kind: str) -> list[int] | None:
        """The ids of the rows the tab shows, in its order (None: export everything)."""
        return self._shown(kind)

    def export_folder(self) -> str:
        """The settings' export folder when it exists, else the partnership file's folder."""
        return self.settings_store.export_folder(self.db_path)

    def export_records(self, kind: str) -> None:
        ids = self.shown_ids(kind)
        path = prompts.save_file(self._window, f"Export {kind} as shown",
                                 str(Path(self.export_folder()) / f"{kind}.xlsx"), EXPORT_FILTER)
        if not path:
            return
        if not path.lower().endswith((".csv", ".xlsx")):
            path += ".xlsx"
        try:
            n = self.services.exchange.export_records(kind, path, ids)
        except (DomainError, OSError) as exc:
            prompts.error(self._window, f"Export {kind}", str(exc))
            return
        self.message.emit(f"{n} rows written to {path}", 10000)

    def export_members(self) -> None:
        self.export_records("members")

    def export_archive(self) -> None:
        path = prompts.save_file(self._window, "Export whole partnership",
                                 str(Path(self.export_folder()) / f"{self.db_path.stem}.json"),
                                 ARCHIVE_FILTER)
        if not path:
            return
        try:
            written = self.services.archive.write(path, with_attachments=True)
        except (DomainError, OSError) as exc:
            prompts.error(self._window, "Export archive", str(exc))
            return
        self.message.emit(f"Archive written to {written}", 10000)

    def import_archive(self) -> None:
        source = prompts.open_file(self._window, "Import archive", str(self.db_path.parent),
                                   ARCHIVE_FILTER)
        if not source:
            return
        target = prompts.save_partnership_file(
            self._window, "New partnership file for the archive",
            str(Path(source).with_suffix(FILE_SUFFIX)))
        if not target:
            return
        try:
            self.services.archive.import_into(Path(source), Path(target))
        except (DomainError, OSError) as exc:
            prompts.error(self._window, "Import archive", str(exc))
            return
        self.open_requested.emit(target)

    def backup_now(self) -> None:
        try:
            made = self.services.backups.make()
        except (DomainError, OSError) as exc:
            prompts.error(self._window, "Back up", str(exc))
            return
        self.message.emit(f"Backed up to {made}", 10000)

    def restore(self) -> None:
        from lsp_desktop.ui.exchange.restore_dialog import RestoreDialog

        try:
            backups = self.services.backups.list()
        except DomainError as exc:
            prompts.error(self._window, "Restore from backup", str(exc))
            return
        if not backups:
            prompts.info(self._window, "Restore from backup",
                         "There are no backups of this partnership yet.")
            return
        dialog = RestoreDialog(backups, self._window)
        if not dialog.exec() or dialog.chosen() is None:
            return
        chosen = dialog.chosen()
        if not prompts.confirm(
                self._window, "Restore from backup",
                f"Go back to the partnership as it was on {chosen.made:%d/%m/%Y at %H:%M}?\n\n"
                f"It holds {chosen.counts_text()}. "
                "The partnership as it is now is backed up first.",
                "Restore"):
            return
        self.restore_requested.emit(str(chosen.path))

    def _selected_member(self):
        member_id = self._selected()
        if member_id is None:
            prompts.info(self._window, "Personal data", "Select a member in the Members tab first.")
        return member_id

    def export_member_data(self, member_id: int | None = None) -> None:
        member_id = member_id if member_id is not None else self._selected_member()
        if member_id is None:
            return
        member = self.services.members.get(member_id)
        path = prompts.save_file(self._window, f"Everything held about {member.display_name}",
                                 str(self.db_path.with_name(f"{member.name} data.json")),
                                 "PDF (*.pdf);;JSON (*.json);;CSV (*.csv)")
        if not path:
            return
        if not path.lower().endswith((".json", ".csv", ".pdf")):
            path += ".json"
        try:
            self.services.personal_data.write_subject_access(member_id, path)
        except (DomainError, OSError) as exc:
            prompts.error(self._window, "Export member's data", str(exc))
            return
        self.message.emit(f"Data held about {member.display_name} written to {path}", 10000)

    def erase_member(self, member_id: int) -> bool:
        member = self.services.members.get(member_id)
        by = prompts.ask_text(self._window, "Erase former member",
                              f"Erase the personal data of {member.display_name}?\n\nTheir name "
                              "becomes 'Former member N', their contact details and notes are "
                              "removed and their name is replaced wherever it appears; terms, "
                              "declarations and counts stay. This cannot be undone (backups made "
                              "before now still hold the data until they are rotated out).\n\n"
                              "Erased by:", getpass.getuser())
        if by is None:
            return False
        try:
            done = self.services.personal_data.erase(member_id, by or getpass.getuser())
        except DomainError as exc:
            prompts.error(self._window, "Erase former member", str(exc))
            return False
        self.members_changed.emit()
        self.message.emit(f"{member.display_name} erased: now {done.label}.", 10000)
        return True

    def erase_selected(self) -> None:
        member_id = self._selected_member()
        if member_id is not None:
            self.erase_member(member_id)

    def retention_review(self) -> None:
        from lsp_desktop.ui.exchange.retention_dialog import RetentionDialog

        service = self.services.personal_data
        dialog = RetentionDialog(service.retention_years(), self._window)
        dialog.set_rows(service.retention_review())
        dialog.erase_button.setEnabled(dialog.erase_button.isEnabled() and not self.read_only)

        def export() -> None:
            row = dialog.chosen()
            if row is not None:
                self.export_member_data(row.id)

        def erase() -> None:
            row = dialog.chosen()
            if row is not None and self.erase_member(row.id):
                dialog.set_rows(service.retention_review())

        dialog.export_button.clicked.connect(export)
        dialog.erase_button.clicked.connect(erase)
        dialog.exec()
