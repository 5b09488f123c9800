"""File menu entries for import, export, archive, backups and personal data, and their handlers."""

from __future__ import annotations

import getpass
from pathlib import Path

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from lsp_desktop import FILE_SUFFIX
from lsp_desktop.domain.errors import DomainError
from lsp_desktop.ui import prompts

SHEET_FILTER = "Spreadsheets (*.csv *.xlsx);;All files (*)"
EXPORT_FILTER = "Excel workbook (*.xlsx);;CSV (*.csv)"
ARCHIVE_FILTER = "LSP Desktop archive (*.json);;All files (*)"


def install(window) -> None:
    """Add the exchange entries to the File menu, just above Quit."""
    menu = window.file_menu
    quit_action = menu.actions()[-1]
    read_only = window.read_only

    imports = QMenu("&Import", window)
    window.import_actions = {}
    for kind, label in (("members", "&Members"), ("actions", "&Actions"), ("targets", "&Targets")):
        action = imports.addAction(f"{label} from CSV or Excel…",
                                   lambda k=kind: import_records(window, k))
        action.setEnabled(not read_only)
        window.import_actions[kind] = action
    window.import_members_action = window.import_actions["members"]
    imports.addSeparator()
    imports.addAction("Whole partnership from an a&rchive…", lambda: import_archive(window))

    exports = QMenu("&Export", window)
    window.export_actions = {}
    for kind, label in (("members", "&Members as shown…"), ("actions", "&Actions as shown…"),
                        ("targets", "&Targets of the strategy shown…")):
        window.export_actions[kind] = exports.addAction(
            label, lambda k=kind: export_records(window, k))
    window.export_members_action = window.export_actions["members"]
    exports.addSeparator()
    exports.addAction("Whole partnership as an a&rchive…", lambda: export_archive(window))

    personal = QMenu("Personal dat&a", window)
    window.member_data_action = personal.addAction(
        "&Export selected member's data…", lambda: export_member_data(window))
    window.erase_action = personal.addAction(
        "E&rase selected former member…", lambda: erase_selected(window))
    window.retention_action = personal.addAction(
        "Re&tention review…", lambda: retention_review(window))
    window.erase_action.setEnabled(not read_only)

    menu.insertSeparator(quit_action)
    menu.insertMenu(quit_action, imports)
    menu.insertMenu(quit_action, exports)
    menu.insertMenu(quit_action, personal)
    menu.insertSeparator(quit_action)
    window.backup_action = QAction("&Back up now", window)
    window.backup_action.triggered.connect(lambda: backup_now(window))
    window.restore_action = QAction("Res&tore from backup…", window)
    window.restore_action.triggered.connect(lambda: restore(window))
    window.restore_action.setEnabled(not read_only)
    menu.insertAction(quit_action, window.backup_action)
    menu.insertAction(quit_action, window.restore_action)
    menu.insertSeparator(quit_action)


def _members_changed(window) -> None:
    window.members_tab.refresh()
    window.members_tab.members_changed.emit()


def _refresh_after_import(window, kind: str) -> None:
    if kind == "members":
        _members_changed(window)
    for tab in ("actions_tab", "strategies_tab"):
        if hasattr(window, tab):
            getattr(window, tab).refresh()


def import_records(window, kind: str) -> None:
    from lsp_desktop.ui.exchange.import_dialog import ImportDialog

    path = prompts.open_file(window, f"Import {kind}", str(window.db_path.parent), SHEET_FILTER)
    if not path:
        return
    try:
        sheet = window.services.exchange.read(path)
        dialog = ImportDialog(window.services.exchange, sheet, Path(path).name, window, kind)
        if not dialog.exec() or dialog.result is None:
            return
    except DomainError as exc:
        prompts.error(window, f"Import {kind}", str(exc))
        return
    _refresh_after_import(window, kind)
    window.statusBar().showMessage(f"{kind.capitalize()} imported: {dialog.result.summary()}.",
                                   10000)


def import_members(window) -> None:
    import_records(window, "members")


def shown_ids(window, kind: str) -> list[int] | None:
    """The ids of the rows the tab shows, in its order (None: export everything)."""
    tab = {"actions": "actions_tab", "targets": "strategies_tab"}.get(kind)
    if tab and hasattr(window, "ensure_fresh"):
        window.ensure_fresh(getattr(window, tab, None))
    if kind == "members":
        return [r.id for r in window.members_tab.model.visible_rows()]
    if kind == "actions" and hasattr(window, "actions_tab"):
        return [a.id for a in window.actions_tab.model.visible_actions()]
    if kind == "targets" and hasattr(window, "strategies_tab"):
        return [t.id for t in window.strategies_tab.targets.model.records()]
    return None


def export_folder(window) -> str:
    """The settings' export folder when it exists, else the partnership file's folder."""
    store = getattr(window, "settings_store", None)
    return store.export_folder(window.db_path) if store else str(window.db_path.parent)


def export_records(window, kind: str) -> None:
    ids = shown_ids(window, kind)
    path = prompts.save_file(window, f"Export {kind} as shown",
                             str(Path(export_folder(window)) / f"{kind}.xlsx"), EXPORT_FILTER)
    if not path:
        return
    if not path.lower().endswith((".csv", ".xlsx")):
        path += ".xlsx"
    try:
        n = window.services.exchange.export_records(kind, path, ids)
    except (DomainError, OSError) as exc:
        prompts.error(window, f"Export {kind}", str(exc))
        return
    window.statusBar().showMessage(f"{n} rows written to {path}", 10000)


def export_members(window) -> None:
    export_records(window, "members")


def export_archive(window) -> None:
    path = prompts.save_file(window, "Export whole partnership",
                             str(Path(export_folder(window)) / f"{window.db_path.stem}.json"),
                             ARCHIVE_FILTER)
    if not path:
        return
    try:
        written = window.services.archive.write(path, with_attachments=True)
    except (DomainError, OSError) as exc:
        prompts.error(window, "Export archive", str(exc))
        return
    window.statusBar().showMessage(f"Archive written to {written}", 10000)


def import_archive(window) -> None:
    source = prompts.open_file(window, "Import archive", str(window.db_path.parent), ARCHIVE_FILTER)
    if not source:
        return
    target = prompts.save_partnership_file(
        window, "New partnership file for the archive",
        str(Path(source).with_suffix(FILE_SUFFIX)))
    if not target:
        return
    try:
        window.services.archive.import_into(Path(source), Path(target))
    except (DomainError, OSError) as exc:
        prompts.error(window, "Import archive", str(exc))
        return
    window.open_requested.emit(target)


def backup_now(window) -> None:
    try:
        made = window.services.backups.make()
    except (DomainError, OSError) as exc:
        prompts.error(window, "Back up", str(exc))
        return
    window.statusBar().showMessage(f"Backed up to {made}", 10000)


def restore(window) -> None:
    from lsp_desktop.ui.exchange.restore_dialog import RestoreDialog

    try:
        backups = window.services.backups.list()
    except DomainError as exc:
        prompts.error(window, "Restore from backup", str(exc))
        return
    if not backups:
        prompts.info(window, "Restore from backup", "There are no backups of this partnership yet.")
        return
    dialog = RestoreDialog(backups, window)
    if not dialog.exec() or dialog.chosen() is None:
        return
    chosen = dialog.chosen()
    if not prompts.confirm(
            window, "Restore from backup",
            f"Go back to the partnership as it was on {chosen.made:%d/%m/%Y at %H:%M}?\n\n"
            f"It holds {chosen.counts_text()}. The partnership as it is now is backed up first.",
            "Restore"):
        return
    window.restore_requested.emit(str(chosen.path))


def _selected_member(window):
    member_id = window.members_tab.selected_id()
    if member_id is None:
        prompts.info(window, "Personal data", "Select a member in the Members tab first.")
    return member_id


def export_member_data(window, member_id: int | None = None) -> None:
    member_id = member_id if member_id is not None else _selected_member(window)
    if member_id is None:
        return
    member = window.services.members.get(member_id)
    path = prompts.save_file(window, f"Everything held about {member.display_name}",
                             str(window.db_path.with_name(f"{member.name} data.json")),
                             "PDF (*.pdf);;JSON (*.json);;CSV (*.csv)")
    if not path:
        return
    if not path.lower().endswith((".json", ".csv", ".pdf")):
        path += ".json"
    try:
        window.services.personal_data.write_subject_access(member_id, path)
    except (DomainError, OSError) as exc:
        prompts.error(window, "Export member's data", str(exc))
        return
    window.statusBar().showMessage(f"Data held about {member.display_name} written to {path}", 10000)


def erase_member(window, member_id: int) -> bool:
    member = window.services.members.get(member_id)
    by = prompts.ask_text(window, "Erase former member",
                          f"Erase the personal data of {member.display_name}?\n\nTheir name "
                          "becomes 'Former member N', their contact details and notes are "
                          "removed and their name is replaced wherever it appears; terms, "
                          "declarations and counts stay. This cannot be undone (backups made "
                          "before now still hold the data until they are rotated out).\n\n"
                          "Erased by:", getpass.getuser())
    if by is None:
        return False
    try:
        done = window.services.personal_data.erase(member_id, by or getpass.getuser())
    except DomainError as exc:
        prompts.error(window, "Erase former member", str(exc))
        return False
    _members_changed(window)
    window.statusBar().showMessage(f"{member.display_name} erased: now {done.label}.", 10000)
    return True


def erase_selected(window) -> None:
    member_id = _selected_member(window)
    if member_id is not None:
        erase_member(window, member_id)


def retention_review(window) -> None:
    from lsp_desktop.ui.exchange.retention_dialog import RetentionDialog

    service = window.services.personal_data
    dialog = RetentionDialog(service.retention_years(), window)
    dialog.set_rows(service.retention_review())
    dialog.erase_button.setEnabled(dialog.erase_button.isEnabled() and not window.read_only)

    def export() -> None:
        row = dialog.chosen()
        if row is not None:
            export_member_data(window, row.id)

    def erase() -> None:
        row = dialog.chosen()
        if row is not None and erase_member(window, row.id):
            dialog.set_rows(service.retention_review())

    dialog.export_button.clicked.connect(export)
    dialog.erase_button.clicked.connect(erase)
    dialog.exec()
