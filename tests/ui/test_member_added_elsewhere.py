"""A member added whose term falls outside the date shown does not vanish without a word: the
window says where they went and offers to show them."""

from __future__ import annotations

from datetime import date

import pytest

from lsp_desktop.domain.members import Sector
from lsp_desktop.ui import prompts
from lsp_desktop.ui.members.member_dialog import MemberDialog
from tests.ui.helpers import scripted_exec

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

SHOWN = date(2002, 6, 30)


def _new_member(name: str, start: date | None = None):
    def fill(dialog: MemberDialog) -> bool:
        dialog.name_edit.setText(name)
        dialog.sector_combo.setCurrentIndex(dialog.sector_combo.findData(Sector.VOLUNTARY.value))
        if start is not None:
            dialog.term_rows[0].start.set_value(start)
        return True
    return fill


def test_a_member_whose_term_starts_later_is_found_and_shown(window, monkeypatch):
    window.as_at.set(SHOWN)
    asked = []

    def confirm(parent, title, text, ok_text="OK"):
        asked.append(text)
        return True
    monkeypatch.setattr(prompts, "confirm", confirm)
    scripted_exec(monkeypatch, MemberDialog, [_new_member("Nia Evans", date(2002, 9, 1))])
    tab = window.members_tab
    tab.add_button.click()
    assert len(asked) == 1
    assert "Nia Evans was added, but is not in the list" in asked[0]
    assert "starts on 01/09/2002, after the date shown (30/06/2002)" in asked[0]
    assert tab.as_on() == date(2002, 9, 1) == window.as_at.date()
    assert window.services.members.get(tab.selected_id()).name == "Nia Evans"


def test_a_new_member_starts_on_the_date_shown_and_stays_in_view(window, monkeypatch):
    window.as_at.set(SHOWN)
    asked = []
    monkeypatch.setattr(prompts, "confirm", lambda *a, **k: asked.append(a) or True)
    dialogs = scripted_exec(monkeypatch, MemberDialog, [_new_member("Owen Price")])
    window.members_tab.add_button.click()
    assert dialogs[0].term_rows[0].start.value() == SHOWN
    assert asked == []
    tab = window.members_tab
    assert window.services.members.get(tab.selected_id()).name == "Owen Price"
