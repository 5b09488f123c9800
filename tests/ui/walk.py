"""Walks the window as a curious officer would: every tab and inner page, every menu action and
every button, collecting the dialogs they open without letting any block the test."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QMenu,
    QPushButton,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QWidget,
)

from lsp_desktop.ui import prompts

# Actions that leave the partnership or the program: nothing to find behind them.
SKIPPED_ACTIONS = ("Quit", "Open shared partnership", "Restore from backup", "Refresh")
SKIPPED_BUTTONS = ("Remove", "Delete", "Discard")


def quiet_prompts(monkeypatch) -> None:
    """Every question answered 'no' or 'cancel', so nothing is changed or left open."""
    for name in ("error", "warning", "info"):
        monkeypatch.setattr(prompts, name, lambda *a, **k: None)
    for name in ("confirm", "ask_open_read_only", "ask_print", "open_folder"):
        monkeypatch.setattr(prompts, name, lambda *a, **k: False)
    for name in ("open_partnership_file", "save_partnership_file", "save_file", "open_file",
                 "ask_text", "choose_folder", "ask_shared_partnership"):
        monkeypatch.setattr(prompts, name, lambda *a, **k: None)
    monkeypatch.setattr(prompts, "ask_conflict", lambda *a, **k: "cancel")
    monkeypatch.setattr(QMenu, "exec", lambda *a, **k: None)
    monkeypatch.setattr(QMenu, "popup", lambda *a, **k: None)


class DialogCatcher:
    """QDialog.exec records the dialog and returns 'cancelled' at once; dialogs shown without
    exec (History, Audit log, the user guide) are picked up from the top-level windows."""

    def __init__(self, monkeypatch, window):
        self.window = window
        self.dialogs: list[QDialog] = []
        catcher = self

        def exec_(dialog, *_a):
            catcher.keep(dialog)
            return QDialog.DialogCode.Rejected.value
        monkeypatch.setattr(QDialog, "exec", exec_)
        monkeypatch.setattr(QDialog, "open", lambda dialog: catcher.keep(dialog))

    def keep(self, dialog: QDialog) -> None:
        if all(d is not dialog for d in self.dialogs):
            self.dialogs.append(dialog)
        dialog.hide()

    def sweep(self) -> None:
        for w in QApplication.topLevelWidgets():
            if isinstance(w, QDialog) and w.isVisible():
                self.keep(w)


def bring_forward(widget: QWidget) -> None:
    """Show every tab page and stacked page holding `widget`."""
    parent = widget
    while parent is not None:
        holder = parent.parentWidget()
        if isinstance(holder, QStackedWidget):
            tabs = holder.parentWidget()
            if isinstance(tabs, QTabWidget):
                tabs.setCurrentIndex(tabs.indexOf(parent))
            else:
                holder.setCurrentWidget(parent)
        parent = holder


def pages(window) -> list[QWidget]:
    """The main tabs, then every inner page (tab pages and stacked pages) of each."""
    out = []
    for i in range(window.tabs.count()):
        window.tabs.setCurrentIndex(i)
        tab = window.tabs.widget(i)
        out.append(tab)
        for stack in tab.findChildren(QStackedWidget):
            for j in range(stack.count()):
                out.append(stack.widget(j))
    return out


def select_first_rows(page: QWidget) -> None:
    for view in page.findChildren(QAbstractItemView):
        if isinstance(view, QHeaderView):
            continue
        if view.isVisible() and view.model() is not None and view.model().rowCount() > 0:
            view.setCurrentIndex(view.model().index(0, 0))
            if isinstance(view, QTableView):
                view.selectRow(0)


def _safe(text: str, skipped: tuple[str, ...]) -> bool:
    plain = text.replace("&", "").strip()
    return bool(plain) and not plain.startswith(skipped)


def walk(window, catcher: DialogCatcher, depth: int = 2, prepare=None) -> list[QDialog]:
    """Every dialog reachable from the menus, the tabs' buttons and the dialogs' own buttons;
    `prepare(page)` may select a record first (the first row may be a group's heading)."""
    for page in pages(window):
        bring_forward(page)
        select_first_rows(page)
        if prepare is not None:
            prepare(page)
        for button in page.findChildren(QPushButton):
            if (button.isVisible() and button.isEnabled() and button.menu() is None
                    and _safe(button.text(), SKIPPED_BUTTONS)):
                button.click()
                catcher.sweep()
    for menu in window.findChildren(QMenu):
        for action in menu.actions():
            if (action.menu() is None and not action.isSeparator() and action.isEnabled()
                    and _safe(action.text(), SKIPPED_ACTIONS)):
                action.trigger()
                catcher.sweep()
    done = 0
    for _level in range(depth):
        todo = catcher.dialogs[done:]
        done = len(catcher.dialogs)
        for dialog in todo:
            dialog.show()
            for button in dialog.findChildren(QPushButton):
                bring_forward(button)
                box = button.parentWidget()
                if (button.isVisible() and button.isEnabled() and button.menu() is None
                        and not isinstance(box, QDialogButtonBox)
                        and _safe(button.text(), SKIPPED_BUTTONS)):
                    button.click()
                    catcher.sweep()
            dialog.hide()
    return catcher.dialogs
