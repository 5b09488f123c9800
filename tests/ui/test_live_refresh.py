"""A shared partnership's window follows other officers' saves within a moment (PostgreSQL
LISTEN/NOTIFY), ignores its own, and listens again after the server dropped it."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import text

from lsp_desktop.db.database import open_partnership
from lsp_desktop.domain.members import Member, Sector, Term
from lsp_desktop.services import build_services
from lsp_desktop.ui.main_window import MainWindow

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def _member(name: str) -> Member:
    return Member(name=name, sector=Sector.COMMUNITY, terms=(Term(date(2000, 1, 1)),))


@pytest.fixture
def opened(pg_url_db):
    """Two sessions on the same server database: the window's and another officer's."""
    mine, theirs = open_partnership(pg_url_db), open_partnership(pg_url_db)
    yield mine, theirs
    mine.close()
    theirs.close()


@pytest.fixture
def live_window(qtbot, opened):
    db = opened[0]
    services = build_services(db.session_factory, db.path, shared=True)
    win = MainWindow(services, db.path, location=db.url)
    qtbot.addWidget(win)
    win.show()
    win.refresher.auto_refresh.stop()          # the 30 s fallback is not what is tested here
    win.refresher.check_timer.stop()
    qtbot.waitUntil(lambda: win.refresher.change_listener.listening, timeout=5000)
    yield win
    win.close()


def _names(win) -> list[str]:
    return [r.name for r in win.members_tab.model.visible_rows()]


def _other(opened):
    db = opened[1]
    return build_services(db.session_factory, db.path, shared=True)


def test_another_officers_new_member_appears_without_refreshing(qtbot, live_window, opened):
    assert "Ann Example" not in _names(live_window)
    _other(opened).members.add(_member("Ann Example"))
    qtbot.waitUntil(lambda: "Ann Example" in _names(live_window), timeout=2000)
    assert live_window.statusBar().currentMessage() == "Updated with another officer's change."


def test_other_tabs_are_marked_to_reload_when_next_shown(qtbot, live_window, opened):
    window = live_window
    window.ensure_fresh(window.actions_tab)
    assert window.actions_tab not in window._stale
    _other(opened).members.add(_member("Ann Example"))
    qtbot.waitUntil(lambda: "Ann Example" in _names(window), timeout=2000)
    assert window.actions_tab in window._stale


def test_own_saves_do_not_reload_the_tab_again(qtbot, live_window, monkeypatch):
    tab = live_window.members_tab
    reloads = []
    real = tab.refresh
    monkeypatch.setattr(tab, "refresh", lambda: (reloads.append(1), real()))
    listener = live_window.refresher.change_listener
    live_window.services.members.add(_member("Own Save"))
    qtbot.waitUntil(lambda: listener.received >= 1, timeout=2000)   # its own notice came
    qtbot.wait(2 * 250 + 100)
    assert reloads == []


def test_listener_comes_back_after_the_server_drops_it(qtbot, live_window, opened,
                                                       pg_server):
    listener = live_window.refresher.change_listener
    listener.retry.setInterval(200)
    pid = listener.backend_pid
    with opened[1].engine.connect() as conn:
        conn.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
    qtbot.waitUntil(lambda: listener.backend_pid not in (None, pid), timeout=5000)
    assert live_window.isVisible() and not live_window.refresher.connection_lost
    _other(opened).members.add(_member("After Reconnect"))
    qtbot.waitUntil(lambda: "After Reconnect" in _names(live_window), timeout=2000)


def test_a_file_partnership_starts_without_the_postgresql_driver(tmp_path, demo_template):
    import shutil
    import subprocess
    import sys

    path = tmp_path / "demo.lspd"
    shutil.copyfile(demo_template, path)
    code = ("import sys; from lsp_desktop.app import main; "
            f"rc = main(['--db', {str(path)!r}, '--quit-after-startup']); "
            "loaded = [m for m in sys.modules if m.startswith('psycopg')]; "
            "assert rc == 0 and not loaded, loaded")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr


def test_the_reload_waits_while_a_dialog_is_open(qtbot, live_window, opened):
    from PySide6.QtWidgets import QDialog

    dialog = QDialog(live_window)
    dialog.setModal(True)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.isVisible())
    listener = live_window.refresher.change_listener
    _other(opened).members.add(_member("Behind The Dialog"))
    qtbot.waitUntil(lambda: listener.received >= 1, timeout=2000)
    qtbot.wait(600)
    assert "Behind The Dialog" not in _names(live_window)
    dialog.reject()
    qtbot.waitUntil(lambda: "Behind The Dialog" in _names(live_window), timeout=2500)


def test_a_change_the_tab_in_front_does_not_show_leaves_it_alone(qtbot, live_window, opened,
                                                                 monkeypatch):
    from lsp_desktop.domain.actions import Action

    window = live_window
    tab = window.members_tab
    window.tabs.setCurrentWidget(tab)
    window.ensure_fresh(window.actions_tab)
    reloads = []
    real = tab.refresh
    monkeypatch.setattr(tab, "refresh", lambda: (reloads.append(1), real()))
    listener = window.refresher.change_listener
    _other(opened).actions.add(Action(reference="A-900", title="Another officer's action"))
    qtbot.waitUntil(lambda: window.actions_tab in window._stale, timeout=2000)
    assert listener.received >= 1 and reloads == []       # 50,000 members not reloaded
    assert window.accreditation_tab in window._stale


def test_after_the_line_was_down_the_reload_says_so_not_that_someone_saved(live_window):
    live_window.refresher.change_listener.changed.emit(frozenset())     # as after a reconnect
    assert live_window.refresher.live_tables == {"?"}
    live_window.refresher.live_timer.stop()
    live_window.refresher.live_refresh()
    assert live_window.statusBar().currentMessage() == "Refreshed: the connection is back."
    live_window.refresher.heard(frozenset({"member"}))
    live_window.refresher.live_timer.stop()
    live_window.refresher.live_refresh()
    assert live_window.statusBar().currentMessage() == "Updated with another officer's change."
