"""The Members tab driven through its real widgets: add, validate, filter, date, end, delete, undo."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt

from lsp_desktop.domain.members import Sector
from lsp_desktop.ui.members.end_term_dialog import EndTermDialog
from lsp_desktop.ui.members.member_dialog import MemberDialog
from lsp_desktop.ui.members.member_table import NAME, STATUS
from tests.ui.helpers import select_named, shown_names, type_text, when_modal

D = date


def test_shows_todays_board_with_balance(tab):
    tab.set_as_on(date.today())          # the window opens at the demo's own date
    assert tab.model.rowCount() == 28
    assert tab.count_label.text() == "28 of 31 members shown"
    assert tab.balance_panel.total.text() == "26 seats (plus 2 substitutes)"
    # Today the Government Office (gone in 2011) and the Benefits Agency (replaced by
    # Jobcentre Plus in 2002) are no longer expected; BME groups still are.
    assert "Government Office" not in tab.balance_panel.missing.text()
    assert "Benefits Agency" not in tab.balance_panel.missing.text()
    assert "BME groups" in tab.balance_panel.missing.text()
    assert "Chair from the community sector" == tab.balance_panel.chair.text()
    assert tab.model.headerData(STATUS, Qt.Orientation.Horizontal) == "Status"


def test_add_member_through_the_dialog_with_errors_next_to_fields(qtbot, tab, demo_services):
    seen = {}

    def fill(dialog: MemberDialog) -> None:
        qtbot.keyClicks(dialog.email_edit, "not-an-email")
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
        seen["name"] = (dialog.errors["name"].isVisible(), dialog.errors["name"].text())
        seen["email"] = dialog.errors["email"].text()
        seen["sector"] = dialog.errors["sector"].text()
        assert dialog.isVisible()          # errors keep the dialog open
        type_text(dialog.name_edit, "Dafydd ap Gwŷn")
        dialog.email_edit.clear()
        qtbot.keyClicks(dialog.email_edit, "dafydd@example.org")
        qtbot.keyClicks(dialog.org_edit, "Thameside Welsh Society")
        dialog.category_combo.setCurrentIndex(dialog.category_combo.findData("BME groups"))
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    problems = when_modal(MemberDialog, fill)
    qtbot.mouseClick(tab.add_button, Qt.MouseButton.LeftButton)
    assert not problems, problems
    assert seen["name"] == (True, "Name is required.")
    assert "not an email address" in seen["email"]
    assert seen["sector"] == "Choose a sector."
    added = next(m for m in demo_services.members.all_members() if m.name == "Dafydd ap Gwŷn")
    assert added.sector == Sector.COMMUNITY          # chosen from the category
    # The term starts on the date the window shows (the demo opens at its story's date).
    assert added.terms[0].start == tab.as_on() and added.terms[0].end is None
    assert "Dafydd ap Gwŷn" in shown_names(tab)
    assert tab.selected_id() == added.id
    assert tab.balance_panel.total.text() == "27 seats (plus 2 substitutes)"
    assert "BME groups" not in tab.balance_panel.missing.text()


def test_overlapping_terms_are_shown_on_the_terms_tab(qtbot, tab, demo_services):
    seen = {}

    def fill(dialog: MemberDialog) -> None:
        dialog._add_term(None)              # the "Add term" button's slot: a second open term
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
        seen["terms"] = dialog.errors["terms"].text()
        seen["tab"] = dialog.tabs.currentIndex()
        dialog.reject()

    select_named(tab, "Llŷr")
    problems = when_modal(MemberDialog, fill)
    tab.table.setFocus()
    qtbot.keyClick(tab.table, Qt.Key.Key_Enter)      # the keypad's Enter edits too
    assert not problems, problems
    assert seen["terms"].startswith("Terms overlap")
    assert seen["tab"] == 2


def test_edit_with_enter_and_undo_redo(qtbot, window, tab, demo_services):
    member_id = select_named(tab, "Llŷr")

    def fill(dialog: MemberDialog) -> None:
        dialog.role_combo.setCurrentIndex(dialog.role_combo.findText("Vice-chair"))
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    problems = when_modal(MemberDialog, fill)
    tab.table.setFocus()
    qtbot.keyClick(tab.table, Qt.Key.Key_Return)
    assert not problems, problems
    assert demo_services.members.get(member_id).role.value == "vice-chair"
    assert window.undo_action.text() == "&Undo Edit Llŷr Davies"
    window.undo_action.trigger()
    assert demo_services.members.get(member_id).role.value == "member"
    window.redo_action.trigger()
    assert demo_services.members.get(member_id).role.value == "vice-chair"


def test_filter_ignores_case_and_accents(qtbot, window, tab):
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert tab.filter_edit.hasFocus()
    qtbot.keyClicks(tab.filter_edit, "llyr")
    assert shown_names(tab) == ["Mr Llŷr Davies"]
    tab.filter_edit.clear()
    qtbot.keyClicks(tab.filter_edit, "oneill")
    assert shown_names(tab) == ["Ms Siobhán O'Neill"]
    tab.filter_edit.clear()
    type_text(tab.filter_edit, "WRÓBEL")
    assert shown_names(tab) == ["Mrs Łucja Wróbel"]
    tab.filter_edit.clear()
    qtbot.keyClicks(tab.filter_edit, "thameside primary")   # the body, spaces folded
    assert shown_names(tab) == ["Ms Ewa Lewandowska", "Dr Helen Chowdhury"] or \
        sorted(shown_names(tab)) == ["Dr Helen Chowdhury", "Ms Ewa Lewandowska"]
    tab.filter_edit.clear()
    assert tab.model.rowCount() == 28


def test_sector_category_and_status_filters(tab):
    tab.sector_combo.setCurrentIndex(tab.sector_combo.findData("private"))
    assert shown_names(tab) == ["Mr Jonathan Blake", "Ms Zofia Nowak-Smith"]
    tab.status_combo.setCurrentIndex(tab.status_combo.findData("former"))
    assert shown_names(tab) == ["Mrs Bronwen Pritchard"]
    tab.sector_combo.setCurrentIndex(0)
    tab.category_combo.setCurrentIndex(tab.category_combo.findData("Benefits Agency"))
    assert shown_names(tab) == ["Mr Stanisław Mazur"]
    tab.status_combo.setCurrentIndex(tab.status_combo.findData(""))
    tab.category_combo.setCurrentIndex(0)
    assert tab.model.rowCount() == 31
    assert tab.count_label.text() == "31 of 31 members shown"


def test_as_on_date_changes_the_board_and_the_balance_panel(tab):
    panel = tab.balance_panel
    tab.set_as_on(date.today())          # the window opens at the demo's own date
    assert "Government Office" not in panel.missing.text()       # not expected today
    tab.set_as_on(D(2002, 1, 1))
    assert panel.title.text() == "Board on 01/01/2002"
    assert "Benefits Agency" not in panel.missing.text()
    assert "Government Office" in panel.missing.text()           # expected then, absent
    assert "Mr Stanisław Mazur" in shown_names(tab)
    assert "Insp Kevin O'Brien" not in shown_names(tab)
    tab.status_combo.setCurrentIndex(tab.status_combo.findData(""))
    kevin = tab.model.row_of(next(r.id for r in tab.model.visible_rows()
                                  if r.name == "Insp Kevin O'Brien"))
    assert tab.model.index(kevin, STATUS).data() == "Starts later"
    bronwen = tab.model.row_of(next(r.id for r in tab.model.visible_rows()
                                    if r.name == "Mrs Bronwen Pritchard"))
    assert tab.model.index(bronwen, STATUS).data() == "Former"
    tab.status_combo.setCurrentIndex(tab.status_combo.findData("current"))
    assert panel.total.text() == "27 seats (plus 1 substitute)"
    tab.set_as_on(D(2000, 1, 1))
    assert panel.total.text() == "0 seats"
    assert panel.chair.text() == "No chair on this date"
    assert tab.model.rowCount() == 0
    tab.today_button.click()
    assert tab.as_on() == date.today() and tab.model.rowCount() == 28


def test_end_a_term(qtbot, window, tab, demo_services):
    tab.set_as_on(date.today())                 # the register as it stands today
    member_id = select_named(tab, "Colin Marsh")

    def fill(dialog: EndTermDialog) -> None:
        dialog.end.set_value(D(2002, 9, 30))
        qtbot.keyClicks(dialog.reason, "Resigned")
        dialog.accept()

    problems = when_modal(EndTermDialog, fill)
    qtbot.mouseClick(tab.end_button, Qt.MouseButton.LeftButton)
    assert not problems, problems
    term = demo_services.members.get(member_id).terms[-1]
    assert (term.end, term.reason_left) == (D(2002, 9, 30), "Resigned")
    assert "Mr Colin Marsh" not in shown_names(tab)        # former members hidden today
    assert tab.balance_panel.total.text() == "25 seats (plus 2 substitutes)"
    window.undo_action.trigger()
    assert demo_services.members.get(member_id).terms[-1].end is None
    assert "Mr Colin Marsh" in shown_names(tab)


def test_delete_asks_first_and_can_be_undone(qtbot, window, tab, demo_services, monkeypatch):
    asked = []
    answer = [False]
    monkeypatch.setattr("lsp_desktop.ui.prompts.confirm",
                        lambda parent, title, text, ok="OK": asked.append(text) or answer[0])
    member_id = select_named(tab, "Gwenllïan")
    tab.table.setFocus()
    qtbot.keyClick(tab.table, Qt.Key.Key_Delete)
    assert len(asked) == 1 and "Delete Ms Gwenllïan Rhys" in asked[0]
    assert demo_services.members.get(member_id)                      # declined: still there
    answer[0] = True
    qtbot.keyClick(tab.table, Qt.Key.Key_Delete)
    assert demo_services.members.count() == 30
    assert "Ms Gwenllïan Rhys" not in shown_names(tab)
    window.undo_action.trigger()
    assert demo_services.members.get(member_id).name == "Gwenllïan Rhys"
    assert "Ms Gwenllïan Rhys" in shown_names(tab)
    window.redo_action.trigger()
    assert demo_services.members.count() == 30
    window.undo_action.trigger()
    assert demo_services.members.count() == 31


def test_undo_of_add_removes_the_member(qtbot, window, tab, demo_services):
    def fill(dialog: MemberDialog) -> None:
        qtbot.keyClicks(dialog.name_edit, "Temporary Person")
        dialog.sector_combo.setCurrentIndex(dialog.sector_combo.findData("private"))
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    problems = when_modal(MemberDialog, fill)
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)   # Ctrl+N
    assert not problems, problems
    assert demo_services.members.count() == 32
    window.undo_action.trigger()
    assert demo_services.members.count() == 31
    window.redo_action.trigger()
    assert "Temporary Person" in shown_names(tab)


def test_substitute_must_name_a_current_member(qtbot, tab):
    seen = {}

    def fill(dialog: MemberDialog) -> None:
        qtbot.keyClicks(dialog.name_edit, "New Deputy")
        dialog.sector_combo.setCurrentIndex(dialog.sector_combo.findData("public"))
        dialog.role_combo.setCurrentIndex(dialog.role_combo.findText("Substitute"))
        assert dialog.deputy_combo.isEnabled()
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
        seen["error"] = dialog.errors["deputises_for"].text()
        names = [dialog.deputy_combo.itemText(i) for i in range(dialog.deputy_combo.count())]
        seen["former offered"] = any("Mazur" in n for n in names)
        dialog.reject()

    problems = when_modal(MemberDialog, fill)
    tab.add_member()
    assert not problems, problems
    assert seen["error"] == "A substitute must name the member they deputise for."
    assert not seen["former offered"]


def test_sorting_keeps_the_selection(tab):
    member_id = select_named(tab, "Llŷr")
    tab.table.sortByColumn(NAME, Qt.SortOrder.DescendingOrder)
    assert tab.selected_id() == member_id
    names = shown_names(tab)
    assert names[0] == "Mr Andrzej Zieliński"        # by family name, Z last


def test_buttons_follow_the_selection(tab):
    tab.table.clearSelection()
    assert not tab.edit_button.isEnabled() and not tab.delete_button.isEnabled()
    select_named(tab, "Llŷr")
    assert tab.edit_button.isEnabled() and tab.delete_button.isEnabled()


def test_new_and_filter_shortcuts_belong_to_the_members_tab(window, tab):
    assert tab.new_action.isEnabled() and tab.find_action.isEnabled()
    window.tabs.setCurrentIndex(1)
    assert not tab.new_action.isEnabled() and not tab.find_action.isEnabled()
    window.tabs.setCurrentIndex(0)
    assert tab.new_action.isEnabled() and tab.find_action.isEnabled()


def test_body_and_category_stay_readable_in_a_small_window(window, tab):
    """At 1024x700 the shared columns keep a readable width and the table scrolls sideways;
    wide again, they share the room and nothing scrolls."""
    from PySide6.QtCore import QSize
    from PySide6.QtWidgets import QApplication

    from lsp_desktop.ui.members.member_table import CATEGORY, ORGANISATION

    window.resize(1024, 700)
    QApplication.processEvents()         # offscreen: the resize is done; nothing to wait for
    assert window.size() == QSize(1024, 700)
    readable = tab.table.fontMetrics().horizontalAdvance("Residents and")
    for column in (ORGANISATION, CATEGORY):
        assert tab.table.columnWidth(column) >= readable
    assert tab.table.horizontalScrollBar().maximum() > 0       # scrolls sideways instead
    window.resize(1600, 900)
    QApplication.processEvents()
    header = tab.table.horizontalHeader()
    total = sum(header.sectionSize(c) for c in range(header.count()))
    assert total == tab.table.viewport().width()       # wide again: fills, no scrolling
    assert tab.table.horizontalScrollBar().maximum() == 0
