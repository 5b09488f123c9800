"""Print from a tab prints what the tab shows; actions answer several purposes and keep
their slipped dates; the balance panel shows the reference board (issues 16.4 and 20)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from lsp_desktop.domain.criteria import Criterion
from lsp_desktop.ui.actions.action_dialog import ActionDialog
from lsp_desktop.ui.actions.action_table import DUE, TITLE
from lsp_desktop.ui.main_window import MainWindow
from tests.pdftext import text


def _rendered(qtbot, dialog) -> str:
    qtbot.waitUntil(lambda: dialog.pdf_bytes is not None and dialog._thread is None,
                    timeout=20000)
    return text(dialog.pdf_bytes)


def _window(qtbot, demo_services, demo_db) -> MainWindow:
    window = MainWindow(demo_services, Path(demo_db.path))
    qtbot.addWidget(window)
    return window


def test_members_tab_prints_the_register_for_its_date_sector_and_former(
        qtbot, demo_services, demo_db):
    window = _window(qtbot, demo_services, demo_db)
    tab = window.members_tab
    tab.on_date.set_value(date(2002, 4, 1))
    tab.status_combo.setCurrentIndex(tab.status_combo.findData(""))     # current and former
    tab.sector_combo.setCurrentIndex(tab.sector_combo.findData("community"))
    qtbot.mouseClick(window.print_button, Qt.MouseButton.LeftButton)
    dialog = window.preview_dialog
    words = _rendered(qtbot, dialog)
    assert dialog.history_box.isChecked() and dialog.on_edit.value() == date(2002, 4, 1)
    assert "The board on 01/04/2002" in words and "Community sector only" in words
    assert "Former members" in words and "Mr Cathal Mac Giolla" in words
    assert "Dr Helen Chowdhury" not in words                          # public sector
    dialog.reject()


def test_actions_tab_prints_its_filters_and_shows_slipped_dates(qtbot, demo_services, demo_db):
    window = _window(qtbot, demo_services, demo_db)
    window.tabs.setCurrentIndex(2)
    tab = window.actions_tab
    tab.fixed_today = date(2002, 6, 30)
    tab.refresh()
    row = next(r for r in range(tab.model.rowCount())
               if tab.model.index(r, TITLE).data() == "Agree a joint commissioning statement "
                                                      "with the PCT")
    assert tab.model.index(row, DUE).data() == "16/06/2002, originally 31/03/2002"
    tab.overdue_check.click()
    tab.group_combo.setCurrentIndex(tab.group_combo.findText("Owner"))
    qtbot.mouseClick(window.print_button, Qt.MouseButton.LeftButton)
    dialog = window.preview_dialog
    words = _rendered(qtbot, dialog)
    assert "Action plan by owner" in words and "Showing overdue only." in words
    assert "As on 30/06/2002" in words
    assert "Run community chest grants round 2" not in words
    dialog.reject()


def test_filter_by_area_of_concern_finds_every_action_answering_it(qtbot, demo_services,
                                                                    demo_db):
    window = _window(qtbot, demo_services, demo_db)
    window.tabs.setCurrentIndex(2)
    tab = window.actions_tab
    index = next(i for i in range(tab.purpose_combo.count())
                 if "Performance management arrangements" in tab.purpose_combo.itemText(i))
    tab.purpose_combo.setCurrentIndex(index)
    titles = {tab.model.index(r, TITLE).data() for r in range(tab.model.rowCount())}
    assert titles == {"Quarterly performance report to the board",
                      "Agree a performance management framework"}


def test_action_dialog_saves_several_purposes(qtbot, demo_services):
    action = next(a for a in demo_services.actions.list_actions()
                  if a.title == "Youth panel to advise the board")
    dialog = ActionDialog(action, owners=demo_services.actions.owners(date(2002, 6, 30)),
                          check=lambda a: [], today=date(2002, 6, 30))
    qtbot.addWidget(dialog)
    dialog.set_also_answers(f"criterion:{Criterion.LEARNING.value}")
    saved = demo_services.actions.update(dialog.action())
    assert saved.criteria == (Criterion.INCLUSIVE, Criterion.LEARNING)
    again = ActionDialog(saved, owners=(), check=lambda a: [], today=date(2002, 6, 30))
    qtbot.addWidget(again)
    assert again.action().criteria == saved.criteria               # shown ticked, kept
    assert again.result() == QDialog.DialogCode.Rejected
    # An action answering its criterion and a GO concern keeps both through the dialog.
    framework = next(a for a in demo_services.actions.list_actions()
                     if a.title == "Agree a performance management framework")
    assert framework.concern_ids
    kept = ActionDialog(framework, owners=(), check=lambda a: [], today=date(2002, 6, 30))
    qtbot.addWidget(kept)
    saved = demo_services.actions.update(kept.action())
    assert (saved.criteria, saved.concern_ids) == (framework.criteria, framework.concern_ids)


def test_pack_preview_can_leave_out_the_annex(qtbot, demo_services):
    from lsp_desktop.ui.reports.print_preview import PrintPreviewDialog

    dialog = PrintPreviewDialog(demo_services, "pack", today=date(2002, 6, 30),
                                options={"on": date(2002, 6, 30)})
    qtbot.addWidget(dialog)
    dialog.show()
    assert "Annex A: readiness signals" in _rendered(qtbot, dialog)
    assert dialog.annex_box.isVisible()
    dialog.annex_box.click()
    assert "Annex A" not in _rendered(qtbot, dialog)


def test_balance_panel_shows_the_reference_board(qtbot, demo_services, demo_db):
    window = _window(qtbot, demo_services, demo_db)
    window.members_tab.on_date.set_value(date(2002, 6, 30))
    panel = window.members_tab.balance_panel
    from lsp_desktop.domain.members import Sector

    assert panel.reference[Sector.PRIVATE].text() == "2 (8%)"
    assert panel.reference[Sector.PUBLIC].text() == "11 (42%)"


def test_accreditation_and_strategy_tabs_print_the_round_and_strategy_shown(
        qtbot, demo_services, demo_db):
    window = _window(qtbot, demo_services, demo_db)
    window.tabs.setCurrentIndex(3)
    tab = window.accreditation_tab
    tab.round_combo.setCurrentIndex(tab.round_combo.findText("Accreditation 2001/02"))
    qtbot.mouseClick(window.print_button, Qt.MouseButton.LeftButton)
    dialog = window.preview_dialog
    words = _rendered(qtbot, dialog)
    assert "Accreditation submission – Accreditation 2001/02" in words
    assert f"Date of this pack {tab.today():%d/%m/%Y}" in words
    dialog.reject()
    window.tabs.setCurrentIndex(1)
    strategies = window.strategies_tab
    lnrs = demo_services.strategies.strategies()[1]
    strategies.select_strategy(lnrs.id)
    qtbot.mouseClick(window.print_button, Qt.MouseButton.LeftButton)
    dialog = window.preview_dialog
    assert lnrs.title in _rendered(qtbot, dialog)
    assert dialog.choice_box.currentData() == str(lnrs.id)
    dialog.reject()


def test_editing_the_partnership_details_keeps_the_date_the_window_opens_at(qtbot,
                                                                            demo_services):
    from lsp_desktop.ui.partnership.partnership_dialog import PartnershipDialog

    dialog = PartnershipDialog(demo_services.partnership.get())
    qtbot.addWidget(dialog)
    dialog.name.setText("Thameside Together Partnership")
    saved = demo_services.partnership.save(dialog.details())
    assert saved.opens_on == date(2002, 6, 30) == demo_services.partnership.opens_on()
