"""The main window: tabs, menus and wiring between them; no record logic lives here."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QUndoGroup, QUndoStack
from PySide6.QtWidgets import QLabel, QMainWindow, QMenu, QVBoxLayout, QWidget

from lsp_desktop import APP_NAME, FILE_SUFFIX
from lsp_desktop.domain.errors import DomainError
from lsp_desktop.domain.partnership import Partnership
from lsp_desktop.ui import prompts
from lsp_desktop.ui.audit.audit_menu import AuditMenu
from lsp_desktop.ui.common.conflict import edit_with_conflicts
from lsp_desktop.ui.exchange.exchange_menu import ExchangeMenu
from lsp_desktop.ui.help.help_menu import HelpMenu
from lsp_desktop.ui.members.members_tab import MembersTab
from lsp_desktop.ui.partnership.partnership_dialog import PartnershipDialog
from lsp_desktop.ui.settings.settings_store import SettingsStore, apply_settings
from lsp_desktop.ui.shared_db.shared_window import Refresher, make_banner
from lsp_desktop.ui.strategies.strategy_files import StrategyFiles
from lsp_desktop.ui.window.as_at import AsAt, opening_date
from lsp_desktop.ui.window.fit_screen import install_screen_fitting
from lsp_desktop.ui.window.lazy_tabs import LazyTabs
from lsp_desktop.ui.window.tab_keys import TabKeys
from lsp_desktop.ui.window.window_state import WindowStateKeeper

if TYPE_CHECKING:
    from collections.abc import Iterable

    from lsp_desktop.services import Services
    from lsp_desktop.ui.accreditation.accreditation_tab import AccreditationTab
    from lsp_desktop.ui.actions.actions_tab import ActionsTab
    from lsp_desktop.ui.meetings.meetings_tab import MeetingsTab
    from lsp_desktop.ui.programme.programme_tab import ProgrammeTab
    from lsp_desktop.ui.strategies.strategies_tab import StrategiesTab

RECENT_KEY = "recent_files"
MAX_RECENT = 8


def is_url(entry: str) -> bool:
    return "://" in entry


class MainWindow(QMainWindow):
    """Handed the services of one open partnership; asks the app to open others."""

    open_requested = Signal(str)
    new_requested = Signal(str, object)
    restore_requested = Signal(str)
    open_shared_requested = Signal(object)   # SharedDetails, or a recent URL (no password)

    def __init__(self, services: Services, db_path: Path, read_only: bool = False,
                 parent=None, location: str | None = None):
        super().__init__(parent)
        self.services = services
        self.db_path = Path(db_path)
        self.read_only = read_only
        self.location = location or str(self.db_path)   # a shared partnership's URL
        self.shared = location is not None
        # Each tab keeps its own history: Edit ▸ Undo names and undoes a change made on
        # the tab in front (on Members it offered to undo an accreditation save).
        self.undo_group = QUndoGroup(self)
        self.undo_stacks = {name: QUndoStack(self.undo_group) for name in
                            ("members_tab", "strategies_tab", "actions_tab", "accreditation_tab",
                             "meetings_tab", "programme_tab")}
        for stack in self.undo_stacks.values():
            self.undo_group.addStack(stack)
        self.undo_group.setActiveStack(self.undo_stacks["members_tab"])
        self.settings = QSettings()
        self.settings_store = SettingsStore(self.settings)

        self.tabs = LazyTabs()
        self.tabs.setDocumentMode(True)
        # The tab's opening rows in plain SQL; its service (the ORM) is made when first used.
        # It opens on the window's date (read once: AsAt below then changes nothing).
        opening = opening_date(services)
        self.members_tab = MembersTab(
            services.later("members"), self.undo_stacks["members_tab"], read_only,
            meetings_of=None if services.left_out("meetings")
            else lambda member_id: services.meetings.attended_by(member_id),
            rows=services.register_rows, on=opening)
        self.tabs.add_now("members_tab", "&Members", self.members_tab)
        # Tabs other than Members are built when first wanted, else just after the window's
        # first paint (LazyTabs); they load when first shown, and follow changes made on
        # other tabs when next shown: start-up and each save stay quick.
        self._stale: set[QWidget] = set()
        self.tabs.add_later("strategies_tab", "&Strategy drafts", self._make_strategies_tab)
        self.tabs.add_later("actions_tab", "&Action plans", self._make_actions_tab)
        self.tabs.add_later("accreditation_tab", "A&ccreditation",
                            self._make_accreditation_tab)
        if not services.left_out("meetings"):
            self.tabs.add_later("meetings_tab", "Meetings", self._make_meetings_tab)  # Ctrl+5
        self.tabs.add_later("programme_tab", "Programme", self._make_programme_tab)
        for name in self.tabs.waiting():
            self.members_tab.members_changed.connect(self._follow(name))
        self.banner = make_banner()      # shown while a shared partnership's server is lost
        central = QWidget()
        central_layout = QVBoxLayout(central)
        central_layout.setContentsMargins(0, 0, 0, 0)
        central_layout.setSpacing(0)
        central_layout.addWidget(self.banner)
        central_layout.addWidget(self.tabs)
        self.setCentralWidget(central)
        self.tabs.currentChanged.connect(
            lambda i: self.members_tab.set_active(self.tabs.widget(i) is self.members_tab))
        self.tabs.currentChanged.connect(lambda i: self.ensure_fresh(self.tabs.widget(i)))
        self.tabs.currentChanged.connect(self._follow_undo)

        self._build_menus()
        self._add_print_button()
        # The menus' and monitors' own objects: each adds its entries to the menu it is
        # handed and reports back by signals; the window owns them.
        self.exchange = ExchangeMenu(self.file_menu, services, self.db_path, read_only,
                                     self.shared, self.settings_store, self,
                                     undo_stack=lambda: self.undo_stack, shown=self._shown_ids,
                                     selected_member=self.members_tab.selected_id)
        self.exchange.imported.connect(self._imported)
        self.exchange.members_changed.connect(self._members_imported)
        self.exchange.open_requested.connect(self.open_requested)
        self.exchange.restore_requested.connect(self.restore_requested)
        self.exchange.message.connect(self.show_message)
        self.strategy_files = StrategyFiles(self.file_menu, services, read_only,
                                            lambda: self.strategies_tab, self)
        self.import_strategy_action = self.strategy_files.import_action
        self.audit = AuditMenu(self.view_menu, services.later("audit"), self._history_in_front,
                               self)
        self.members_tab.history_requested.connect(self.audit.show_history)
        self.refresher = Refresher(self.view_menu, services, self.shared, self.banner, self,
                                   tabs=self.tabs, page=self.tab_named)
        self.refresher.stale.connect(self.mark_stale)
        self.refresher.message.connect(self.show_message)
        if self.shared:
            self.save_copy_action.setEnabled(False)
            self.save_copy_action.setToolTip("A shared partnership is on a server: use "
                                             "Export ▸ Whole partnership as an archive")
        self._remember_recent(self.location)
        self.update_title()
        install_screen_fitting()       # every window and dialog opens on the screen, whole
        self.resize(1280, 780)
        self.window_state = WindowStateKeeper(self, self.tabs, self.settings)
        apply_settings(self.settings_store.load())
        self.help = HelpMenu(self.edit_menu, self.help_menu, self.settings_store, self.db_path,
                             self)
        self.help.message.connect(self.show_message)
        # The one date every tab shows (View ▸ As at…, the status bar, Members' As on).
        self.as_at = AsAt(self.view_menu, self.members_tab, self.tabs, self.statusBar(),
                          opening, lambda name: self._follow(name)(), self)
        self.as_at_action = self.as_at.action
        self.tab_keys = TabKeys(self.tabs, self.view_menu, self)
        if read_only and self.shared:
            self.statusBar().showMessage(
                "Opened read-only: nothing in this shared partnership can be changed here.")
        elif read_only:
            self.statusBar().showMessage(
                "Opened read-only: another copy of LSP Desktop has this partnership open.")
        if read_only:      # stays when other messages replace the one above
            self.statusBar().addPermanentWidget(QLabel("Read-only"))

    # The tabs built later: each is made unloaded (it loads when first shown) and wired to
    # follow the others by name, so a change on one never builds another.
    @property
    def strategies_tab(self) -> StrategiesTab:
        return self.tabs.page("strategies_tab")

    @property
    def actions_tab(self) -> ActionsTab:
        return self.tabs.page("actions_tab")

    @property
    def accreditation_tab(self) -> AccreditationTab:
        return self.tabs.page("accreditation_tab")

    @property
    def meetings_tab(self) -> MeetingsTab:
        return self.tabs.page("meetings_tab")

    def _make_meetings_tab(self) -> MeetingsTab:
        from lsp_desktop.ui.meetings.meetings_tab import MeetingsTab

        tab = MeetingsTab(self.services, self.read_only, load=False,
                          undo_stack=self.undo_stacks["meetings_tab"])
        # Actions arising go into the action plan; attendance and decisions feed readiness.
        tab.meetings_changed.connect(self._follow("actions_tab"))
        tab.meetings_changed.connect(self._follow("accreditation_tab"))
        tab.print_requested.connect(self.print_preview)
        self._stale.add(tab)
        return tab

    @property
    def programme_tab(self) -> ProgrammeTab:
        return self.tabs.page("programme_tab")

    def _make_programme_tab(self) -> ProgrammeTab:
        from lsp_desktop.services.programme_reports import export_programme
        from lsp_desktop.ui.programme.programme_tab import ProgrammeTab

        services = self.services
        tab = ProgrammeTab(services.programme, self.undo_stacks["programme_tab"], self.read_only,
                           actions=services.actions, load=False,
                           exporter=lambda year, path, on: export_programme(services, year,
                                                                            path, on))
        tab.programme_changed.connect(self._follow("accreditation_tab"))
        tab.print_requested.connect(self.print_preview)
        self._stale.add(tab)
        return tab

    def _make_strategies_tab(self) -> StrategiesTab:
        from lsp_desktop.ui.strategies.strategies_tab import StrategiesTab

        tab = StrategiesTab(self.services.strategies, self.read_only,
                            undo_stack=self.undo_stacks["strategies_tab"], load=False,
                            series=self.services.target_series)  # values, chart in the dialog
        tab.history_requested.connect(self.audit.show_history)
        tab.strategies_changed.connect(self._follow("actions_tab"))
        tab.strategies_changed.connect(self._follow("accreditation_tab"))
        tab.strategies_changed.connect(self._follow("programme_tab"))
        self.strategy_files.connect_tab(tab)
        self._stale.add(tab)
        return tab

    def _make_actions_tab(self) -> ActionsTab:
        from lsp_desktop.ui.actions.actions_tab import ActionsTab, target_choices

        services = self.services
        tab = ActionsTab(services.actions, self.undo_stacks["actions_tab"], self.read_only,
                         targets=lambda: target_choices(services.strategies),
                         concerns=services.accreditation.concern_choices, load=False,
                         arising=services.meetings.arising_from if services.meetings else None)
        tab.actions_changed.connect(self._follow("accreditation_tab"))
        tab.actions_changed.connect(self._follow("meetings_tab"))
        tab.actions_changed.connect(self._follow("programme_tab"))
        tab.history_requested.connect(self.audit.show_history)
        self._stale.add(tab)
        return tab

    def _make_accreditation_tab(self) -> AccreditationTab:
        from lsp_desktop.ui.accreditation.accreditation_tab import AccreditationTab

        services = self.services
        tab = AccreditationTab(services.accreditation, services.readiness, services.actions,
                               self.read_only, load=False,
                               undo_stack=self.undo_stacks["accreditation_tab"])
        self._stale.add(tab)
        self._wire_accreditation(tab)
        return tab

    def _wire_accreditation(self, tab: AccreditationTab) -> None:
        """Readiness follows the register, the strategies and the action plan (wired where
        those are made); actions made from weaknesses and concerns show on the Action plans
        tab at once."""
        tab.open_place.connect(self.open_place)
        tab.history_requested.connect(self.audit.show_history)
        tab.actions_changed.connect(self._follow("actions_tab"))

    @property
    def undo_stack(self) -> QUndoStack:
        """The history of the tab in front (what Edit ▸ Undo undoes)."""
        return self.undo_group.activeStack()

    def _follow_undo(self, index: int) -> None:
        page = self.tabs.widget(index)
        for name, stack in self.undo_stacks.items():
            tab = self.members_tab if name == "members_tab" else self.tabs.page_if_built(name)
            if page is tab:
                self.undo_group.setActiveStack(stack)
                return

    def _follow(self, name: str):
        """A slot for another tab's change signal: refresh the tab called `name` now if it
        is in front, else when it is next shown (a tab not built yet loads when shown)."""
        def changed(*_args) -> None:
            tab = self.tabs.page_if_built(name)
            if tab is None:
                return
            if self.tabs.currentWidget() is tab:
                tab.refresh()
            else:
                self._stale.add(tab)
        return changed

    def _members_imported(self) -> None:
        self.members_tab.refresh()
        self.members_tab.members_changed.emit()

    def _imported(self, kind: str) -> None:
        """Reload what an import changed: figures show on the programme, strategy and
        accreditation tabs built so far; records on the register, actions and strategies."""
        if kind in ("programme", "target-values"):
            for name in ("programme_tab", "strategies_tab", "accreditation_tab"):
                tab = self.tabs.page_if_built(name)
                if tab is not None:
                    tab.refresh()
            return
        if kind == "members":
            self._members_imported()
        self.actions_tab.refresh()
        self.strategies_tab.refresh()

    def _shown_ids(self, kind: str) -> list[int] | None:
        """The ids of the rows a tab shows, in its order, for File ▸ Export (None: all)."""
        if kind == "members":
            return [r.id for r in self.members_tab.model.visible_rows()]
        if kind == "actions":
            self.ensure_fresh(self.actions_tab)
            return [a.id for a in self.actions_tab.model.visible_actions()]
        if kind == "targets":
            self.ensure_fresh(self.strategies_tab)
            return [t.id for t in self.strategies_tab.targets.model.records()]
        return None

    def _history_in_front(self):
        """The record selected on the tab (and page) in front, for View ▸ History…."""
        tab = self.tabs.currentWidget()
        pick = getattr(tab, "history_in_front", None) or getattr(tab, "history_record", None)
        return pick() if pick is not None else None

    def show_message(self, text: str, ms: int = 0) -> None:
        """The menus' and monitors' messages; the status bar is made on the first one."""
        self.statusBar().showMessage(text, ms)

    def tab_named(self, name: str) -> QWidget:
        """The tab called `name` (members_tab, strategies_tab...), built now if need be."""
        return getattr(self, name)

    def mark_stale(self, tabs: Iterable[QWidget]) -> None:
        """These tabs reload when next shown (another officer changed what they show)."""
        self._stale.update(tabs)

    def ensure_fresh(self, tab: QWidget | None) -> None:
        """Load `tab` if it is still waiting for its first load or for others' changes."""
        if tab in self._stale:
            self._stale.discard(tab)
            tab.refresh()

    def open_place(self, place: str) -> None:
        """Bring forward the tab a readiness signal names (members, actions, strategies)."""
        titles = {"members": "Members", "actions": "Action plans",
                  "strategies": "Strategy drafts", "assessment": "Accreditation",
                  "go review": "Accreditation", "meetings": "Meetings",
                  "programme": "Programme"}
        wanted = titles.get(place, "")
        for i in range(self.tabs.count()):
            if self.tabs.tabText(i).replace("&", "") == wanted:
                self.tabs.setCurrentIndex(i)
                return

    # -- menus -----------------------------------------------------------
    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        self.new_action = file_menu.addAction("&New partnership…", self.new_partnership)
        self.new_action.setShortcut(QKeySequence("Ctrl+Shift+N"))
        open_action = file_menu.addAction("&Open…", self.open_partnership)
        open_action.setShortcut(QKeySequence.StandardKey.Open)
        file_menu.addAction("Open &shared partnership…", self.open_shared_partnership)
        self.recent_menu = QMenu("Open &recent", self)
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        file_menu.addMenu(self.recent_menu)
        file_menu.addSeparator()
        self.save_copy_action = file_menu.addAction("Save a &copy as…", self.save_copy)
        self.save_copy_action.setShortcut(QKeySequence("Ctrl+Shift+S"))
        self.details_action = file_menu.addAction("Partnership &details…", self.edit_details)
        file_menu.addSeparator()
        self.print_action = file_menu.addAction("&Print preview…", self.print_preview)
        self.print_action.setShortcut(QKeySequence.StandardKey.Print)
        self.print_action.setToolTip("Preview, print or export the current tab's report as PDF")
        file_menu.addSeparator()
        quit_action = file_menu.addAction("&Quit", self.close)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        self.file_menu = file_menu

        edit_menu = self.menuBar().addMenu("&Edit")
        undo = self.undo_group.createUndoAction(self, "&Undo")
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo = self.undo_group.createRedoAction(self, "&Redo")
        redo.setShortcut(QKeySequence.StandardKey.Redo)
        edit_menu.addAction(undo)
        edit_menu.addAction(redo)
        edit_menu.addSeparator()
        for action in (self.members_tab.new_action, self.members_tab.find_action):
            edit_menu.addAction(action)
        self.undo_action, self.redo_action = undo, redo
        self.edit_menu = edit_menu
        self.view_menu = self.menuBar().addMenu("&View")
        self.help_menu = self.menuBar().addMenu("&Help")

    def _recent(self) -> list[str]:
        value = self.settings.value(RECENT_KEY, [])
        if isinstance(value, str):
            value = [value]
        return [v for v in (value or []) if isinstance(v, str)]

    def _remember_recent(self, path: Path | str) -> None:
        entry = str(path)       # a shared partnership's URL never holds its password
        recent = [entry] + [p for p in self._recent() if p != entry]
        self.settings.setValue(RECENT_KEY, recent[:MAX_RECENT])

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        for entry in self._recent():
            action = QAction(entry, self.recent_menu)
            if is_url(entry):
                action.setEnabled(entry != self.location)
                action.triggered.connect(
                    lambda _c=False, p=entry: self.open_shared_requested.emit(p))
                self.recent_menu.addAction(action)
                continue
            action.setEnabled(Path(entry).exists() and Path(entry) != self.db_path)
            action.triggered.connect(lambda _c=False, p=entry: self.open_requested.emit(p))
            self.recent_menu.addAction(action)
        if not self.recent_menu.actions():
            self.recent_menu.addAction("(none)").setEnabled(False)

    # -- file actions ----------------------------------------------------
    def update_title(self) -> None:
        name = self.services.partnership.get().name
        suffix = " [read-only]" if self.read_only else ""
        shared = " [shared]" if self.shared else ""
        self.setWindowTitle(f"{name} — {self.location}{shared}{suffix} — {APP_NAME}")

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

    def open_shared_partnership(self) -> None:
        details = prompts.ask_shared_partnership(self)
        if details is not None:
            self.open_shared_requested.emit(details)

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

    # Each tab prints its own report (by the tab's name, so a window without the Meetings
    # tab still prints the programme return from Programme): report, and what it is called.
    TAB_REPORTS = {"members_tab": ("register", "membership register"),
                   "strategies_tab": ("strategy", "strategy draft"),
                   "actions_tab": ("actions", "action plan"),
                   "accreditation_tab": ("pack", "accreditation submission pack"),
                   "meetings_tab": ("minutes", "minutes of a meeting"),
                   "programme_tab": ("programme", "programme return")}

    def _tab_report(self, index: int) -> tuple[str, str]:
        return self.TAB_REPORTS.get(self.tabs.name_at(index), self.TAB_REPORTS["members_tab"])

    def _add_print_button(self) -> None:
        """A Print… button beside the tabs: it previews the report of the tab in front."""
        from PySide6.QtWidgets import QToolButton

        self.print_button = QToolButton()
        self.print_button.setText("Print…")
        self.print_button.setAutoRaise(True)
        self.print_button.clicked.connect(lambda: self.print_preview())
        self.tabs.setCornerWidget(self.print_button, Qt.Corner.TopRightCorner)
        self.tabs.currentChanged.connect(self._update_print_tip)
        self._update_print_tip(self.tabs.currentIndex())

    def _update_print_tip(self, index: int) -> None:
        name = self._tab_report(index)[1]
        self.print_button.setToolTip(f"Preview, print or export the {name} (Ctrl+P)")

    def print_preview(self, report: str | None = None, choice: str = "") -> None:
        """Preview the tab's report (or `report`; `choice`: the meeting, round... to show)."""
        from lsp_desktop.ui.reports.print_preview import PrintPreviewDialog

        chosen = report or self._tab_report(self.tabs.currentIndex())[0]
        # The tab's own date and filters, so what is printed is what it shows.
        tab_options = getattr(self.tabs.currentWidget(), "print_options", None)
        options = tab_options() if tab_options and report is None else None
        settings = self.settings_store.load()
        officer = ", ".join(p for p in (settings.officer_name, settings.officer_title) if p)
        self.preview_dialog = PrintPreviewDialog(self.services, chosen, self,
                                                 paper=settings.paper_size.value,
                                                 lead_officer=officer,
                                                 export_folder=self.settings_store.export_folder(
                                                     self.db_path), options=options)
        if choice:
            self.preview_dialog.choose(choice)
        programme = self.tabs.page_if_built("programme_tab")
        if chosen == "programme" and programme is not None:     # the year and date shown
            self.preview_dialog.show_programme(programme.year, programme.on_edit.value())
        self.preview_dialog.open()

    def edit_details(self) -> None:
        def make(details) -> PartnershipDialog:
            dialog = PartnershipDialog(details, self,
                                       nrf_notice=self.services.accreditation.nrf_notice())
            if self.read_only:
                dialog.setWindowTitle("Partnership details (read-only)")
            return dialog

        if self.read_only:
            make(self.services.partnership.get()).exec()
        else:
            edit_with_conflicts(self, "Partnership details changed by another officer",
                                self.services.partnership.get(), make,
                                lambda dialog: dialog.details(),
                                self.services.partnership.save, self.services.partnership.get)
        self.accreditation_tab.refresh()     # the NRF consequence follows the allocations
        self.update_title()
