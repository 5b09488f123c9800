"""The only place for message boxes and file dialogs, so tests can patch them."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from lsp_desktop import FILE_SUFFIX

PARTNERSHIP_FILTER = f"Partnership files (*{FILE_SUFFIX});;All files (*)"


def error(parent: QWidget | None, title: str, text: str) -> None:
    QMessageBox.critical(parent, title, text)


def warning(parent: QWidget | None, title: str, text: str) -> None:
    QMessageBox.warning(parent, title, text)


def info(parent: QWidget | None, title: str, text: str) -> None:
    QMessageBox.information(parent, title, text)


def confirm(parent: QWidget | None, title: str, text: str, ok_text: str = "OK") -> bool:
    box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=parent)
    ok = box.addButton(ok_text, QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    return box.clickedButton() is ok


def ask_open_read_only(parent: QWidget | None, text: str,
                       title: str = "Partnership already open") -> bool:
    return confirm(parent, title,
                   f"{text}\n\nOpen it read-only? You can look but not change anything.",
                   "Open read-only")


def ask_synced_folder(parent: QWidget | None, text: str) -> str | None:
    """'local' (work on a local copy), 'here' (open it where it is) or None (cancel)."""
    box = QMessageBox(QMessageBox.Icon.Warning, "Partnership in a synced or network folder",
                      text, parent=parent)
    local = box.addButton("Work on a local copy", QMessageBox.ButtonRole.AcceptRole)
    here = box.addButton("Open it where it is", QMessageBox.ButtonRole.DestructiveRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(local)
    box.exec()
    clicked = box.clickedButton()
    return "local" if clicked is local else "here" if clicked is here else None


def open_partnership_file(parent: QWidget | None, folder: str = "") -> str | None:
    path, _ = QFileDialog.getOpenFileName(parent, "Open partnership", folder, PARTNERSHIP_FILTER)
    return path or None


def save_partnership_file(parent: QWidget | None, title: str, suggested: str = "") -> str | None:
    path, _ = QFileDialog.getSaveFileName(parent, title, suggested, PARTNERSHIP_FILTER)
    if path and not path.endswith(FILE_SUFFIX):
        path += FILE_SUFFIX
    return path or None


def save_file(parent: QWidget | None, title: str, suggested: str, file_filter: str) -> str | None:
    path, _ = QFileDialog.getSaveFileName(parent, title, suggested, file_filter)
    return path or None


def open_file(parent: QWidget | None, title: str, folder: str, file_filter: str) -> str | None:
    path, _ = QFileDialog.getOpenFileName(parent, title, folder, file_filter)
    return path or None


def ask_print(parent: QWidget | None, printer) -> bool:
    """The system print dialog for `printer`; True when the user chose to print."""
    from PySide6.QtPrintSupport import QPrintDialog

    return QPrintDialog(printer, parent).exec() == QPrintDialog.DialogCode.Accepted


def ask_text(parent: QWidget | None, title: str, label: str, text: str = "") -> str | None:
    """One line of text from the user, or None if cancelled."""
    from PySide6.QtWidgets import QInputDialog

    value, ok = QInputDialog.getText(parent, title, label, text=text)
    return value if ok else None


def choose_folder(parent: QWidget | None, title: str, folder: str = "") -> str | None:
    path = QFileDialog.getExistingDirectory(parent, title, folder)
    return path or None


def open_folder(folder: str) -> bool:
    """Show a folder in the desktop's file manager."""
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QDesktopServices

    return QDesktopServices.openUrl(QUrl.fromLocalFile(folder))


def ask_conflict(parent: QWidget | None, title: str, text: str, their_change: str) -> str:
    """Another officer saved the record first: 'reload', 'overwrite' or 'cancel'.

    The other officer's change is shown in full (Show details) before overwriting.
    """
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, parent=parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setInformativeText("Their change:\n" + their_change if their_change else "")
    reload = box.addButton("Reload their version", QMessageBox.ButtonRole.AcceptRole)
    overwrite = box.addButton("Overwrite with mine", QMessageBox.ButtonRole.DestructiveRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(reload)
    box.exec()
    clicked = box.clickedButton()
    return "reload" if clicked is reload else "overwrite" if clicked is overwrite else "cancel"


def ask_shared_partnership(parent: QWidget | None, initial=None, problem: str = ""):
    """The Open shared partnership dialog; the connection details, or None if cancelled."""
    from lsp_desktop.ui.shared_db.shared_dialog import SharedPartnershipDialog

    dialog = SharedPartnershipDialog(parent, initial, problem)
    return dialog.details() if dialog.exec() else None
