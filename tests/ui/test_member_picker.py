"""Choosing an owner among many members by typing part of the name (the lazy completer)."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from lsp_desktop.domain.actions import Action
from lsp_desktop.services.actions import Owner
from lsp_desktop.ui.actions.action_dialog import ActionDialog
from lsp_desktop.ui.common.member_picker import MATCHES, MemberPicker

# The offscreen platform cannot raise a popup or grab the keyboard for it; it still shows.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support raise",
                                       "This plugin does not support grabbing the keyboard")
FIRST = ["Llŷr", "Siobhán", "Anne", "Zofia"]


def _owners(count: int) -> list[Owner]:
    return [Owner(i, f"{FIRST[i % 4]} Davies {i}", f"Body {i % 9}", i % 7 != 0)
            for i in range(1, count + 1)]


def _dialog(qtbot, owners, owner_id=None) -> ActionDialog:
    dialog = ActionDialog(None, owners=owners, check=lambda a: [], today=date(2002, 6, 1))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    picker = dialog.owner_combo
    picker.setFocus()
    qtbot.waitUntil(picker.hasFocus)
    return dialog


def test_typing_part_of_a_name_offers_the_first_matches_and_keys_pick_one(qtbot):
    owners = _owners(5000)
    dialog = _dialog(qtbot, owners)
    picker = dialog.owner_combo
    assert picker.count() == 1                  # "— no member —": nothing filled up front
    qtbot.keyClicks(QApplication.focusWidget(), "llyr davies 4")
    popup = picker.completer().popup()
    qtbot.waitUntil(popup.isVisible)
    offered = [popup.model().index(i, 0).data() for i in range(popup.model().rowCount())]
    assert len(offered) == MATCHES
    assert offered[0] == "Llŷr Davies 4 (Body 4)"
    assert all("Llŷr Davies 4" in text for text in offered)
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert picker.currentData() == 4
    assert picker.count() == 2
    assert dialog.action().owner_member_id == 4


def test_a_former_member_is_not_offered_and_nonsense_keeps_the_choice(qtbot):
    dialog = _dialog(qtbot, _owners(300))
    picker = dialog.owner_combo
    qtbot.keyClicks(QApplication.focusWidget(), "Zofia Davies 7 (Body 7)")    # 7 has left
    assert picker.matches("Zofia Davies 7 (Body 7)") == []
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert picker.currentData() is None and picker.currentText() == "— no member —"


def test_a_name_typed_in_full_is_chosen_on_leaving_the_box(qtbot):
    dialog = _dialog(qtbot, _owners(300))
    picker = dialog.owner_combo
    qtbot.keyClicks(QApplication.focusWidget(), "Zofia Davies 15 (Body 6)")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert picker.currentData() == 15


def test_the_owner_already_set_is_shown_even_after_leaving(qtbot):
    kept = Action(reference="A1", title="Kept", owner_member_id=14)     # 14 has left
    dialog = ActionDialog(kept, owners=_owners(30), check=lambda a: [], today=date(2002, 6, 1))
    qtbot.addWidget(dialog)
    picker = dialog.owner_combo
    assert picker.currentText() == "Anne Davies 14 (Body 5) — has left the board"
    assert picker.currentData() == 14
    assert picker.findData(7) == -1             # another who left is not offered


def test_picker_keeps_its_fixed_choices(qtbot):
    picker = MemberPicker([("", None), ("Ann Brown", 1), ("Bob Cole", 2)])
    qtbot.addWidget(picker)
    assert [picker.itemText(i) for i in range(picker.count())] == [""]
    picker.setCurrentIndex(picker.findData(2))
    picker.setCurrentIndex(picker.findData(1))
    assert [picker.itemText(i) for i in range(picker.count())] == ["", "Ann Brown"]
    assert picker.currentData() == 1
