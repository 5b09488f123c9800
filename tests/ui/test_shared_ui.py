"""Working beside other officers: conflicts offer reload or overwrite, Refresh (F5),
the lost-connection banner, and the Open shared partnership dialog."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QSettings

from lsp_desktop.domain.actions import Action
from lsp_desktop.domain.errors import ConnectionLostError
from lsp_desktop.domain.members import Member, Sector, Term
from lsp_desktop.ui.main_window import MainWindow
from lsp_desktop.ui.members.member_dialog import MemberDialog
from lsp_desktop.ui.shared_db.shared_dialog import SharedDetails, SharedPartnershipDialog
from lsp_desktop.ui.shared_db.shared_window import ConnectionMonitor
from tests.ui.helpers import answer_conflict, scripted_exec, select_named

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def test_member_conflict_shows_their_change_then_overwrites(qtbot, window, tab, demo_services,
                                                            monkeypatch):
    member_id = select_named(tab, "Llŷr")

    def edit(dialog):
        # Another officer saves the same member while this dialog is open.
        other = demo_services.members.get(member_id)
        demo_services.members.update(other.with_changes(email="llyr@other.example"))
        dialog.phone_edit.setText("0207 111 2222")
        return True
    scripted_exec(monkeypatch, MemberDialog, [edit])
    asked = answer_conflict(monkeypatch, "overwrite")
    tab.edit_selected()
    assert len(asked) == 1
    title, text, theirs = asked[0]
    assert "Llŷr Davies" in text and title == "Member changed by another officer"
    assert "Email:" in theirs and "llyr@other.example" in theirs
    saved = demo_services.members.get(member_id)
    assert saved.phone == "0207 111 2222"
    assert saved.email != "llyr@other.example"        # overwritten, after being shown


def test_member_conflict_reload_edits_their_version(qtbot, window, tab, demo_services,
                                                    monkeypatch):
    member_id = select_named(tab, "Llŷr")
    phone = demo_services.members.get(member_id).phone
    shown = []

    def edit(dialog):
        other = demo_services.members.get(member_id)
        demo_services.members.update(other.with_changes(email="llyr@other.example"))
        dialog.phone_edit.setText("0207 111 2222")
        return True

    def look(dialog):
        shown.append(dialog.email_edit.text())
        return False
    scripted_exec(monkeypatch, MemberDialog, [edit, look])
    answer_conflict(monkeypatch, "reload")
    tab.edit_selected()
    assert shown == ["llyr@other.example"]
    saved = demo_services.members.get(member_id)
    assert (saved.email, saved.phone) == ("llyr@other.example", phone)


def test_action_conflict_cancel_keeps_theirs(qtbot, window, demo_services, monkeypatch):
    from lsp_desktop.ui.actions.action_dialog import ActionDialog

    action = demo_services.actions.list_actions()[0]

    def edit(dialog):
        demo_services.actions.add_note(action.id, "Their note")
        dialog.title_edit.setText("My new title")
        dialog.accept()
        return dialog.result()
    again = []
    scripted_exec(monkeypatch, ActionDialog, [
        edit, lambda dialog: again.append(dialog.title_edit.text()) or False])
    asked = answer_conflict(monkeypatch, "cancel")
    window.actions_tab.edit_action(action.id)
    assert asked and action.reference in asked[0][1]
    assert again == ["My new title"]          # back to my dialog, my text kept; I close it
    now = demo_services.actions.get(action.id)
    assert now.title == action.title and "Their note" in [n.text for n in now.notes]


def test_section_conflict_reload_and_overwrite(qtbot, window, demo_services, monkeypatch):
    draft = window.strategies_tab.draft
    window.tabs.setCurrentWidget(window.strategies_tab)
    editor = draft.editor
    section_id = editor.section_id
    assert section_id is not None
    service = demo_services.strategies
    service.save_section(section_id, "Their text")          # another officer, no version
    answer_conflict(monkeypatch, "reload")
    editor.editor.setFocus()
    qtbot.keyClicks(editor.editor, "Mine ")
    assert editor.flush() is False
    assert editor.markdown().strip() == "Their text"
    assert service.section(section_id).body == "Their text"

    service.save_section(section_id, "Their second text")
    asked = answer_conflict(monkeypatch, "overwrite")
    qtbot.keyClicks(editor.editor, "Mine ")
    editor.flush()
    assert "Their second text" in asked[0][2]
    body = service.section(section_id).body
    assert "Mine" in body and "second" not in body and body == editor.markdown()


def test_refresh_f5_shows_other_officers_changes(qtbot, window, tab, demo_services):
    member_id = select_named(tab, "Llŷr")
    other = demo_services.members.get(member_id)
    demo_services.members.update(other.with_changes(name="Llŷr Davies-Jones"))
    assert "Llŷr Davies-Jones" not in [r.name for r in tab.model.visible_rows()]
    assert window.refresher.refresh_action.shortcut().toString() == "F5"
    window.refresher.refresh_action.trigger()
    assert "Mr Llŷr Davies-Jones" in [r.name for r in tab.model.visible_rows()]


def test_lost_connection_banner_greys_the_tabs_until_it_is_back(qtbot, demo_services,
                                                                demo_db):
    win = MainWindow(demo_services, demo_db.path,
                     location="postgresql+psycopg://officer@db.example/thameside")
    qtbot.addWidget(win)
    win.show()
    assert "[shared]" in win.windowTitle() and "postgresql" in win.windowTitle()
    assert not win.save_copy_action.isEnabled() and not win.exchange.restore_action.isEnabled()
    assert win.refresher.auto_refresh.isActive() and win.refresher.check_timer.isActive()
    win.refresher.set_connection(False, "server closed the connection")
    assert win.banner.isVisible() and "lost" in win.banner.text()
    assert not win.tabs.isEnabled()
    win.refresher.set_connection(True)
    assert not win.banner.isVisible() and win.tabs.isEnabled()


def test_connection_monitor_reports_without_blocking(qtbot):
    def ping():
        raise ConnectionLostError("The connection to the shared partnership is lost")
    monitor = ConnectionMonitor(ping)
    with qtbot.waitSignal(monitor.checked, timeout=3000) as blocker:
        monitor.check()
    assert blocker.args[0] is False and "lost" in blocker.args[1]


def test_shared_dialog_never_keeps_the_password_in_settings(qtbot, monkeypatch):
    monkeypatch.setattr("lsp_desktop.passwords.can_remember", lambda: False)
    dialog = SharedPartnershipDialog()
    qtbot.addWidget(dialog)
    assert not dialog.remember.isEnabled() and "cannot be remembered" in dialog.note.text()
    dialog.host.setText("db.example")
    dialog.database.setText("thameside")
    dialog.user.setText("officer")
    dialog.password.setText("s3cret:@/")
    d = dialog.details()
    assert d.url() == "postgresql+psycopg://officer:s3cret%3A%40%2F@db.example:5432/thameside"
    assert "s3cret" not in d.url(with_password=False)
    settings = QSettings()
    assert all("s3cret" not in str(settings.value(k)) for k in settings.allKeys())
    again = SharedPartnershipDialog()
    qtbot.addWidget(again)
    assert (again.host.text(), again.database.text(), again.password.text()) == \
        ("db.example", "thameside", "")


def test_open_shared_partnership_from_the_gui(qtbot, pg_url_db, app_paths, monkeypatch):
    from PySide6.QtWidgets import QApplication
    from sqlalchemy import make_url

    from lsp_desktop.app import GuiApplication

    stored = {}
    monkeypatch.setattr("lsp_desktop.passwords.remember",
                        lambda name, pw: stored.setdefault(name, pw) or True)
    url = make_url(pg_url_db)
    gui = GuiApplication(QApplication.instance(), app_paths)
    details = SharedDetails(url.host, url.port, url.database, url.username, "pw",
                            remember=True)
    try:
        assert gui.open_shared(details)
        win = gui.session.window
        qtbot.addWidget(win)
        assert win.shared and "[shared]" in win.windowTitle()
        assert "pw" not in win.windowTitle()
        assert stored == {details.account: "pw"}
        services = gui.session.services
        m = services.members.add(Member(name="Ann Example", sector=Sector.COMMUNITY,
                                        terms=(Term(date(2000, 1, 1)),)))
        win.refresher.refresh_action.trigger()
        assert m.id in [r.id for r in win.members_tab.model.visible_rows()]
    finally:
        gui.close()


def test_action_conflict_message_names_the_action(demo_services):
    from lsp_desktop.domain.errors import ConflictError

    a = demo_services.actions.add(Action(reference="", title="X", start=date(2002, 1, 1),
                                         due=date(2002, 2, 1)))
    demo_services.actions.update(a.with_changes(title="Y"))
    with pytest.raises(ConflictError, match=a.reference):
        demo_services.actions.update(a.with_changes(title="Z"))


def test_an_edit_rereads_one_row_unless_the_register_order_changes(qtbot, window, tab,
                                                                     demo_services,
                                                                     monkeypatch):
    member_id = select_named(tab, "Llŷr")
    reloads = []
    real_refresh = tab.refresh
    monkeypatch.setattr(tab, "refresh", lambda: (reloads.append(1), real_refresh()))

    def email(dialog):
        dialog.email_edit.setText("llyr.new@example.org")
        return True

    def rename(dialog):
        dialog.name_edit.setText("Llŷr Davies-Jones")
        return True
    scripted_exec(monkeypatch, MemberDialog, [email, rename])
    tab.edit_selected()
    assert reloads == []
    assert demo_services.members.get(member_id).email == "llyr.new@example.org"
    tab.select_id(member_id)
    tab.edit_selected()
    assert reloads == [1]
    assert "Mr Llŷr Davies-Jones" in [r.name for r in tab.model.visible_rows()]
    window.undo_action.trigger()
    assert "Mr Llŷr Davies" in [r.name for r in tab.model.visible_rows()]
