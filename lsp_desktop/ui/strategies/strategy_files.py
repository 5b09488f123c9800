"""File > Import strategy… and the comparison's Word export, wired to the services."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog

from lsp_desktop.domain.errors import DomainError
from lsp_desktop.ui import prompts

OPEN_FILTER = ("Documents (*.docx *.odt *.html *.htm *.doc);;Word (*.docx *.doc);;"
               "OpenDocument (*.odt);;Web page (*.html *.htm);;All files (*)")


class StrategyFiles(QObject):
    """File > Import strategy… and the comparison's Word export; the window owns it.

    `strategies_tab` is called when wanted: the tab is built lazily."""

    def __init__(self, file_menu, services, read_only: bool, strategies_tab, parent):
        super().__init__(parent)
        self._window = parent
        self._services = services
        self._strategies_tab = strategies_tab
        self.last_dialog = None
        self.import_action = QAction("Import strate&gy…", parent)
        self.import_action.triggered.connect(lambda: self.import_file())
        self.import_action.setEnabled(not read_only)
        before = next((a for a in file_menu.actions() if a.menu() is not None
                       and a.text().replace("&", "") == "Import"), None)
        if before is None:
            file_menu.insertAction(file_menu.actions()[-1], self.import_action)
        else:
            file_menu.insertAction(before, self.import_action)

    def connect_tab(self, tab) -> None:
        """Give the versions page the Word export of a comparison (it needs all the
        services)."""
        services = self._services

        def export(strategy_id: int, old: int, new: int, path: str) -> None:
            from datetime import date

            from lsp_desktop.services.printing import PrintRequest
            from lsp_desktop.services.strategy_export import export_strategy

            export_strategy(services, PrintRequest(
                "strategy", date.today(), strategy=str(strategy_id), version=new,
                compare=old), Path(path))

        tab.versions.use_comparison_export(export)

    def import_file(self, path: str | None = None) -> None:
        self.last_dialog = None
        import_strategy_file(self._window, self._services, self._strategies_tab(), path,
                             remember=self._remember)

    def _remember(self, dialog) -> None:
        self.last_dialog = dialog


def import_strategy_file(window, services, tab, path: str | None = None,
                         remember=lambda dialog: None) -> None:
    """Read a strategy document, preview it, and save it as the officer chooses."""
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
    strategies = [(s.title, s.id) for s in services.strategies.strategies()]
    current = tab.strategy.id if tab.strategy is not None else None

    def preview(kind, strategy):
        try:
            return describe(document, services, kind, strategy)
        except DomainError as exc:
            return [str(exc)]

    dialog = ImportStrategyDialog(document, strategies, preview, current, window)
    remember(dialog)
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
