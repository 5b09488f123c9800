"""Text fields stop at the length the partnership keeps, so nothing typed is refused later."""

from __future__ import annotations

from datetime import date

from lsp_desktop.domain.actions import ACTION_LIMITS
from lsp_desktop.domain.members import MEMBER_LIMITS
from lsp_desktop.domain.strategies import TARGET_LIMITS
from lsp_desktop.ui.actions.action_dialog import ActionDialog
from lsp_desktop.ui.members.member_dialog import MemberDialog
from lsp_desktop.ui.strategies.target_dialog import TargetDialog


def test_member_fields_stop_at_their_limit(qtbot):
    dialog = MemberDialog(None, [])
    qtbot.addWidget(dialog)
    assert {f: w.maxLength() for f, w in (
        ("title", dialog.title_edit), ("name", dialog.name_edit),
        ("given_names", dialog.given_edit), ("family_name", dialog.family_edit),
        ("organisation", dialog.org_edit), ("nominating_body", dialog.nominating_edit),
        ("email", dialog.email_edit), ("phone", dialog.phone_edit))} == {
        f: n for f, n in MEMBER_LIMITS.items() if f != "category"}
    dialog.org_edit.setText("")
    qtbot.keyClicks(dialog.org_edit, "o" * (MEMBER_LIMITS["organisation"] + 5))
    assert len(dialog.org_edit.text()) == MEMBER_LIMITS["organisation"]


def test_action_and_target_fields_stop_at_their_limit(qtbot):
    action = ActionDialog(None, owners=[], check=lambda a: [], today=date(2002, 6, 1))
    qtbot.addWidget(action)
    assert (action.reference_edit.maxLength(), action.title_edit.maxLength(),
            action.body_edit.maxLength(), action.lead_edit.maxLength()) == (
        ACTION_LIMITS["reference"], ACTION_LIMITS["title"], ACTION_LIMITS["owner_body"],
        ACTION_LIMITS["lead_officer"])
    target = TargetDialog(None, 1, [], [])
    qtbot.addWidget(target)
    assert target.source_edit.maxLength() == TARGET_LIMITS["data_source"]
    qtbot.keyClicks(target.source_edit, "s" * 310)
    assert len(target.source_edit.text()) == 300


def test_member_errors_show_what_was_typed_as_plain_text(qtbot):
    from PySide6.QtCore import Qt

    from lsp_desktop.domain.members import validate_member

    dialog = MemberDialog(None, [])
    qtbot.addWidget(dialog)
    dialog.name_edit.setText("Ann")
    dialog.email_edit.setText("<b>not-an-email</b>")
    dialog.show_errors(validate_member(dialog.member()))
    label = dialog.errors["email"]
    assert label.textFormat() == Qt.TextFormat.PlainText     # was rich text: <b> vanished
    assert "'<b>not-an-email</b>' is not an email address." in label.text()
