"""Choosing an owner among many members by typing part of the name (the lazy completer)."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication

from lsp_desktop.domain.actions import Action
from lsp_desktop.services.actions import Owner
from lsp_desktop.ui.actions.action_dialog import ActionDialog
from lsp_desktop.ui.actions.action_dialog_controller import OwnerLookup, owner_choices
from lsp_desktop.ui.actions.bulk_edit_dialog import BulkEditDialog
from lsp_desktop.ui.common.member_picker import MATCHES, MemberPicker
from lsp_desktop.ui.meetings.arising_dialog import ArisingDialog
from lsp_desktop.ui.members.member_dialog import MemberDialog
from lsp_desktop.ui.members.member_dialog_controller import DeputyLookup, deputy_choices

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


# -- the pickers of the program ask the service as the officer types (issue 23) ----------
DEMO_DAY = date(2002, 6, 30)
TYPED = ["a", "llyr", "Llŷr", "o'neill", "ONEILL", "łucja", "dr", "cllr an", "council",
         "zzz", "has left", "e", "davies (", "trust"]


class _Only:
    """The service, but reading anything other than `allowed` fails the test."""

    def __init__(self, service, *allowed: str):
        self._service, self._allowed, self.asked = service, allowed, []

    def __getattr__(self, name: str):
        if name not in self._allowed:
            raise AssertionError(f"the picker read {name}()")
        self.asked.append(name)
        return getattr(self._service, name)


def _offered(picker: MemberPicker, typed: str) -> list:
    return picker.matches(typed)


def test_the_action_dialog_never_reads_every_owner(qtbot, demo_services, monkeypatch):
    from lsp_desktop.services.actions import ActionsService
    from lsp_desktop.ui.actions.actions_tab import ActionsTab

    everyone = demo_services.actions.owners(DEMO_DAY)
    read_all = []
    real = ActionsService.owners
    monkeypatch.setattr(ActionsService, "owners", lambda self, on=None, among=None: (
        read_all.append(on) if among is None else None) or real(self, on, among))
    tab = ActionsTab(demo_services.actions, QUndoStack(), today=DEMO_DAY)
    qtbot.addWidget(tab)
    action = next(a for a in demo_services.actions.list_actions() if a.owner_member_id)
    dialog = tab._dialog(action)
    qtbot.addWidget(dialog)
    before = MemberPicker(owner_choices(everyone, action.owner_member_id))
    qtbot.addWidget(before)
    picker = dialog.owner_combo
    assert picker.currentData() == action.owner_member_id
    assert picker.currentText() == dict((i, t) for t, i in owner_choices(
        everyone, action.owner_member_id))[action.owner_member_id]
    for typed in TYPED:
        assert _offered(picker, typed) == _offered(before, typed), typed
    bulk = BulkEditDialog(2, tab.owners(body=False))
    qtbot.addWidget(bulk)
    bulk_before = MemberPicker([("— a partner body —", None)]
                               + [(o.name, o.id) for o in everyone if o.current])
    qtbot.addWidget(bulk_before)
    for typed in TYPED:
        assert _offered(bulk.owner_combo, typed) == _offered(bulk_before, typed), typed
    assert read_all == []


def test_typing_in_a_picker_asks_the_service_for_a_few(qtbot, demo_services):
    spy = _Only(demo_services.actions, "find_owners", "owner")
    dialog = _dialog(qtbot, OwnerLookup(spy, DEMO_DAY))
    picker = dialog.owner_combo
    qtbot.keyClicks(QApplication.focusWidget(), "llyr")
    popup = picker.completer().popup()
    qtbot.waitUntil(popup.isVisible)
    offered = [popup.model().index(i, 0).data() for i in range(popup.model().rowCount())]
    assert offered and all("Llŷr" in text for text in offered)
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    chosen = picker.currentData()
    assert chosen is not None and picker.currentText() == offered[0]
    assert set(spy.asked) == {"find_owners"}
    arising = ArisingDialog(OwnerLookup(spy, DEMO_DAY), DEMO_DAY, "An item")
    qtbot.addWidget(arising)
    arising.owner.setCurrentIndex(arising.owner.findData(chosen))
    assert arising.owner.currentData() == chosen and arising.owner.currentText() == offered[0]


def test_the_deputy_picker_never_reads_the_register(qtbot, demo_services):
    rows = sorted(demo_services.members.list_rows(DEMO_DAY, include_former=False),
                  key=lambda r: r.search_key)
    member = demo_services.members.get(rows[3].id)
    spy = _Only(demo_services.members, "find_serving", "name_on", "current_ids")
    dialog = MemberDialog(member, DeputyLookup(spy, DEMO_DAY, member.id, rows[0].id))
    qtbot.addWidget(dialog)
    before = MemberPicker(deputy_choices([(r.id, r.name) for r in rows], member, rows[0].id))
    qtbot.addWidget(before)
    assert dialog.deputy_combo.findData(rows[0].id) == 1
    assert dialog.deputy_combo.itemText(1) == rows[0].name
    for typed in TYPED + ["no longer"]:
        assert _offered(dialog.deputy_combo, typed) == _offered(before, typed), typed
    assert dialog.deputy_combo.findData(member.id) == -1       # not themself
