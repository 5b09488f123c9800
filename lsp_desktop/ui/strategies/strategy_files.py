"""File > Import strategy… and the comparison's Word export, wired to the services."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog

from lsp_desktop.domain.errors import DomainError
from lsp_desktop.ui import prompts

OPEN_FILTER = ("Documents (*.docx *.odt *.html *.htm *.doc);;Word (*.docx *.doc);;"
               "OpenDocument (*.odt);;Web page (*.html *.htm);;All files (*)")


def install_menu(window) -> None:
    """File > Import strategy…, just above the other imports."""
    action = QAction("Import strate&gy…", window)
    action.triggered.connect(lambda: import_strategy_file(window))
    action.setEnabled(not window.read_only)
    menu = window.file_menu
    before = next((a for a in menu.actions() if a.menu() is not None
                   and a.text().replace("&", "") == "Import"), None)
    if before is None:
        menu.insertAction(menu.actions()[-1], action)
    else:
        menu.insertAction(before, action)
    window.import_strategy_action = action


def connect_tab(window, tab) -> None:
    """Give the versions page the Word export of a comparison (it needs all the services)."""
    def export(strategy_id: int, old: int, new: int, path: str) -> None:
        from datetime import date

        from lsp_desktop.services.printing import PrintRequest
        from lsp_desktop.services.strategy_export import export_strategy

        export_strategy(window.services, PrintRequest(
            "strategy", date.today(), strategy=str(strategy_id), version=new, compare=old),
            Path(path))

    tab.versions.export_comparison = export


def import_strategy_file(window, path: str | None = None) -> None:
    from lsp_desktop.services.strategy_import import (
        describe,
        import_strategy,
        read_strategy_file,
    )
    from lsp_desktop.ui.strategies.import_strategy_dialog import ImportStrategyDialog

    path = path or prompts.open_file(window, "Import strategy", str(Path.home()), OPEN_FILTER)
    if not path:
        return
    try:
        document = read_strategy_file(Path(path))
    except DomainError as exc:
        prompts.error(window, "Cannot import the strategy", str(exc))
        return
    services = window.services
    strategies = [(s.title, s.id) for s in services.strategies.strategies()]
    tab = window.strategies_tab
    current = tab.strategy.id if tab.strategy is not None else None

    def preview(kind, strategy):
        try:
            return describe(document, services, kind, strategy)
        except DomainError as exc:
            return [str(exc)]

    dialog = ImportStrategyDialog(document, strategies, preview, current, window)
    window.last_import_dialog = dialog
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return
    kind, strategy = dialog.choice()
    try:
        result = import_strategy(services, document, kind, strategy)
    except DomainError as exc:
        prompts.error(window, "Cannot import the strategy", str(exc))
        return
    tab.reload(select_id=result.strategy_id)
    tab.strategies_changed.emit()
    prompts.info(window, "Strategy imported",
                 f"{document.file_name} was saved as version {result.version} of "
                 f"“{result.title}”.")
