"""Settings: the QSettings round trip, the dialog, and Edit ▸ Settings… in the window."""

from __future__ import annotations

import os

import pytest
from PySide6.QtCore import QSettings, Qt

from lsp_desktop.domain.settings import AppSettings, PaperSize
from lsp_desktop.ui import prompts
from lsp_desktop.ui.settings.settings_dialog import SettingsDialog
from lsp_desktop.ui.settings.settings_store import ENV_BACKUPS_KEPT, SettingsStore

# The offscreen platform says this whenever a window is shown; nothing to do with the code.
pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def ini(tmp_path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


def test_round_trip_through_a_new_qsettings(tmp_path):
    chosen = AppSettings(officer_name="Siân Llŷr-Jones", officer_title="LSP Co-ordinator",
                         paper_size=PaperSize.LETTER, backups_kept=25,
                         export_folder=str(tmp_path / "exports"))
    assert SettingsStore(ini(tmp_path)).save(chosen) == chosen
    assert SettingsStore(ini(tmp_path)).load() == chosen


def test_nothing_saved_gives_the_defaults(tmp_path):
    assert SettingsStore(ini(tmp_path)).load() == AppSettings()


def test_damaged_values_fall_back_to_defaults(tmp_path):
    raw = ini(tmp_path)
    raw.setValue("preferences/paper_size", "A0")
    raw.setValue("preferences/backups_kept", "lots")
    raw.setValue("preferences/officer_name", "Priya Shah")
    raw.sync()
    loaded = SettingsStore(ini(tmp_path)).load()
    assert loaded == AppSettings(officer_name="Priya Shah")


def test_export_folder_falls_back_to_the_partnership_folder(tmp_path):
    store = SettingsStore(ini(tmp_path))
    db_path = tmp_path / "board" / "board.lspd"
    assert store.export_folder(db_path) == str(tmp_path / "board")
    (tmp_path / "exports").mkdir()
    store.save(AppSettings(export_folder=str(tmp_path / "exports")))
    assert store.export_folder(db_path) == str(tmp_path / "exports")
    store.save(AppSettings(export_folder=str(tmp_path / "gone")))
    assert store.export_folder(db_path) == str(tmp_path / "board")


def test_dialog_saves_what_was_typed(qtbot, tmp_path, monkeypatch):
    store = SettingsStore(ini(tmp_path))
    dialog = SettingsDialog(store)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.officer_name, "Priya Shah")
    qtbot.keyClicks(dialog.officer_title, "LSP Co-ordinator")
    dialog.paper_size.setCurrentIndex(dialog.paper_size.findData(PaperSize.LETTER))
    dialog.backups_kept.setValue(30)
    monkeypatch.setattr(prompts, "choose_folder", lambda *a, **k: str(tmp_path / "out"))
    qtbot.mouseClick(dialog.browse, Qt.MouseButton.LeftButton)
    dialog.accept()
    assert dialog.result() == SettingsDialog.DialogCode.Accepted
    assert store.load() == AppSettings("Priya Shah", "LSP Co-ordinator", PaperSize.LETTER, 30,
                                       str(tmp_path / "out"))
    again = SettingsDialog(store)
    qtbot.addWidget(again)
    assert again.officer_name.text() == "Priya Shah"
    assert again.paper_size.currentData() is PaperSize.LETTER
    assert again.backups_kept.value() == 30


def test_every_field_has_an_accessible_name_and_a_mnemonic_label(qtbot, tmp_path):
    dialog = SettingsDialog(SettingsStore(ini(tmp_path)))
    qtbot.addWidget(dialog)
    fields = [dialog.officer_name, dialog.officer_title, dialog.paper_size,
              dialog.backups_kept, dialog.export_folder, dialog.browse]
    assert all(f.accessibleName() for f in fields)
    form = dialog.layout().itemAt(1).layout()
    for field in fields[:4]:
        label = form.labelForField(field)
        assert "&" in label.text() and label.buddy() is field


@pytest.fixture
def window(qtbot, services, db):
    from lsp_desktop.ui.main_window import MainWindow

    win = MainWindow(services, db.path)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def test_settings_from_the_edit_menu_set_the_backups_kept(window, monkeypatch):
    assert window.help.settings_action in window.edit_menu.actions()
    assert window.help.settings_action.shortcut().toString() == "Ctrl+,"
    monkeypatch.setenv(ENV_BACKUPS_KEPT, "10")

    def fill_in(dialog):
        dialog.backups_kept.setValue(4)
        return SettingsDialog.DialogCode.Accepted

    def exec_(dialog):
        fill_in(dialog)
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(SettingsDialog, "exec", exec_)
    window.help.settings_action.trigger()
    assert window.settings_store.load().backups_kept == 4
    assert os.environ[ENV_BACKUPS_KEPT] == "4"


def test_print_preview_uses_the_officer_paper_and_export_folder(window, tmp_path):
    from dataclasses import replace

    folder = tmp_path / "exports"
    folder.mkdir()
    store = window.settings_store
    store.save(replace(store.load(), officer_name="Jane Smith", officer_title="LSP co-ordinator",
                       paper_size=PaperSize.LETTER, export_folder=str(folder)))
    window.print_preview("pack")
    dialog = window.preview_dialog
    try:
        request = dialog.request()
        assert request.paper == "letter"
        assert request.lead_officer == "Jane Smith, LSP co-ordinator"
        assert dialog.suggested_name().startswith(str(folder))
    finally:
        dialog.close()
