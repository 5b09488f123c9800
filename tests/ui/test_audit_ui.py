"""History panel for the selected member or action, and View ▸ Audit log with its filters."""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QAbstractItemView

from lsp_desktop.ui.audit.audit_table import AuditTableModel


def _cells(model, column):
    return [model.index(r, column).data() for r in range(model.rowCount())]


def test_model_passes_the_model_tester(qtmodeltester, demo_services):
    model = AuditTableModel()
    model.set_rows(demo_services.audit.lines(limit=50))
    assert model.rowCount() == 50
    qtmodeltester.check(model)
    model.sort(1, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(model)


def test_member_history_shows_who_changed_what(window, qtbot):
    services = window.services
    services.audit.set_officer("Priya Shah")
    tab = window.members_tab
    assert not tab.history_button.isEnabled()
    tab.table.selectRow(0)
    member = services.members.get(tab.selected_id())
    services.members.update(member.with_changes(phone="020 7946 0123"))
    tab.refresh()
    tab.select_id(member.id)
    assert tab.history_button.isEnabled()
    qtbot.mouseClick(tab.history_button, Qt.MouseButton.LeftButton)
    dialog = window.audit.history_dialog
    qtbot.addWidget(dialog)
    assert dialog.isVisible() and member.display_name in dialog.windowTitle()
    model = dialog.view.model
    assert _cells(model, 3)[0] == "changed"
    assert _cells(model, 1)[0].startswith("Priya Shah (")
    assert _cells(model, 2)[-1].startswith((f"Member — {member.display_name}", "Term of office — "))
    dialog.view.table.selectRow(0)
    assert "phone: " in dialog.view.detail.toPlainText()
    assert "→ 020 7946 0123" in dialog.view.detail.toPlainText()


def test_action_history_needs_exactly_one_action(window, qtbot, monkeypatch):
    tab = window.actions_tab
    window.tabs.setCurrentWidget(tab)
    tab.table.selectRow(0)
    assert tab.history_button.isEnabled()
    tab.table.setSelectionMode(QAbstractItemView.SelectionMode.MultiSelection)
    tab.table.selectRow(1)
    assert not tab.history_button.isEnabled()
    told = []
    monkeypatch.setattr("lsp_desktop.ui.prompts.info", lambda *a: told.append(a[2]))
    assert window.audit.show_history() is None and "Select one" in told[0]
    tab.table.clearSelection()
    tab.table.selectRow(0)
    window.audit.history_action.trigger()
    dialog = window.audit.history_dialog
    qtbot.addWidget(dialog)
    action = window.services.actions.get(tab.selected_ids()[0])
    assert action.reference in dialog.windowTitle()
    assert _cells(dialog.view.model, 3)[-1] == "added"


def test_audit_log_filters(window, qtbot):
    services = window.services
    services.audit.set_officer("Priya Shah")
    member = services.members.all_members()[0]
    services.members.update(member.with_changes(notes="Met at the forum"))
    window.audit.audit_log_action.trigger()
    log = window.audit.audit_log_dialog
    qtbot.addWidget(log)
    total = services.audit.count()
    assert log.view.model.rowCount() == total
    assert f"of {total} in the audit trail" in log.count_label.text()
    log.type_combo.setCurrentIndex(log.type_combo.findText("Member"))
    assert set(_cells(log.view.model, 2)) == {
        r for r in _cells(log.view.model, 2) if r.startswith("Member — ")}
    log.who_combo.setCurrentIndex(log.who_combo.findText("Priya Shah"))
    assert log.view.model.rowCount() == 1
    log.who_combo.setCurrentIndex(0)
    log.type_combo.setCurrentIndex(0)
    qtbot.keyClicks(log.text_edit, "at the forum")
    assert log.view.model.rowCount() == 1
    log.text_edit.clear()
    log.from_check.setChecked(True)
    log.from_date.setDate(QDate.currentDate().addDays(1))
    assert log.view.model.rowCount() == 0 and log.count_label.text().startswith("0 lines")
    log.from_date.setDate(QDate.currentDate())
    log.to_check.setChecked(True)
    assert log.view.model.rowCount() == total


def test_a_date_typed_with_its_box_unticked_reads_the_log_once(window, qtbot, monkeypatch):
    """Typing a date ticks its box and changes the date (two signals): the lines are
    read once; each new choice is read again."""
    log = window.audit.show_audit_log()
    qtbot.addWidget(log)
    reads = []
    lines = log.service.lines
    monkeypatch.setattr(log.service, "lines", lambda *a, **k: reads.append(a) or lines(*a, **k))
    assert not log.from_check.isChecked()
    log.from_date.setDate(QDate.currentDate().addDays(1))
    assert log.from_check.isChecked() and len(reads) == 1
    assert log.view.model.rowCount() == 0
    log.from_date.setDate(QDate.currentDate().addDays(-400))
    assert len(reads) == 2 and log.view.model.rowCount() > 0
    log.from_check.setChecked(False)
    assert len(reads) == 3


def test_the_officers_name_follows_the_settings(demo_services, monkeypatch, tmp_path):
    from PySide6.QtCore import QSettings

    from lsp_desktop import app
    from lsp_desktop.domain.settings import AppSettings
    from lsp_desktop.ui.settings import settings_store as ui_settings

    ini = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    real = ui_settings.SettingsStore
    monkeypatch.setattr(ui_settings, "SettingsStore", lambda q=None: real(q or ini))
    real(ini).save(AppSettings(officer_name="Jo Bloggs"))
    demo_services.audit.follow_officer(app.officer_name)
    member = demo_services.members.all_members()[0]
    member = demo_services.members.update(member.with_changes(notes="First"))
    real(ini).save(AppSettings(officer_name="Sam Okafor"))
    demo_services.members.update(member.with_changes(notes="Second"))
    lines = demo_services.audit.history("member", member.id)
    assert [x.officer for x in lines[:2]] == ["Sam Okafor", "Jo Bloggs"]
