"""The window on read-only places, synced folders and errors nobody caught (issue 17)."""

from __future__ import annotations

import os
import shutil
import sqlite3
import sys
from pathlib import Path

import pytest

from lsp_desktop.app import GuiApplication, install_exception_hook, main, no_display
from lsp_desktop.domain.members import Member, Sector
from lsp_desktop.safe_files import risky_location
from lsp_desktop.ui import prompts


@pytest.fixture
def gui(qapp, app_paths):
    app = GuiApplication(qapp, app_paths)
    yield app
    if app.session is not None:
        app.session.window.close()
    app.close()


def _copy(demo_template, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "board.lspd"
    shutil.copyfile(demo_template, path)
    return path


@pytest.mark.qt_log_ignore("propagateSizeHints")
def test_a_partnership_in_a_read_only_folder_opens_read_only_without_a_crash(
        gui, qtbot, demo_template, tmp_path, monkeypatch):
    """The folder is made read-only at the one mechanism (os.access): the tests may run as
    root, which chmod does not stop."""
    path = _copy(demo_template, tmp_path / "read-only share")
    real = os.access
    monkeypatch.setattr(os, "access", lambda p, m, *a, **k: False if (
        m & os.W_OK and Path(p) in (path, path.parent)) else real(p, m, *a, **k))
    asked = []
    monkeypatch.setattr(prompts, "ask_open_read_only",
                        lambda parent, text, title="": asked.append((title, text)) or True)
    monkeypatch.setattr(prompts, "error", lambda *a: pytest.fail(f"error shown: {a}"))
    assert gui.open(path)
    assert "cannot be written" in asked[0][1] and "another copy" not in asked[0][1]
    window = gui.session.window
    assert gui.session.db.read_only
    for index in range(window.tabs.count()):        # every tab builds and shows its data
        window.tabs.setCurrentIndex(index)
        qtbot.wait(20)
    assert sorted(p.name for p in path.parent.iterdir()) == ["board.lspd"]


def test_synced_and_network_folders_are_recognised(tmp_path):
    assert risky_location(tmp_path / "OneDrive - Thameside Council" / "b.lspd") == \
        "a OneDrive folder"
    assert risky_location(tmp_path / "Dropbox" / "LSP" / "b.lspd") == "a Dropbox folder"
    assert risky_location(tmp_path / "Nextcloud" / "b.lspd") == "a Nextcloud folder"
    assert risky_location(Path("/home/o/Google Drive/b.lspd")) == "a Google Drive folder"
    assert risky_location(tmp_path / "Documents" / "b.lspd", mounts="") is None
    mounts = ("/dev/sda1 / ext4 rw 0 0\n//server/share /mnt/council\\040share cifs rw 0 0\n"
              "nas:/export /srv/nfs nfs4 rw 0 0\n")
    assert risky_location(Path("/mnt/council share/lsp/b.lspd"), mounts) == \
        "a Windows network drive (SMB)"
    assert risky_location(Path("/srv/nfs/b.lspd"), mounts) == "a network drive (NFS)"
    assert risky_location(Path("/srv/local/b.lspd"), mounts) is None


def _members_in(path: Path) -> set[str]:
    con = sqlite3.connect(path)
    try:
        return {r[0] for r in con.execute("SELECT name FROM member")}
    finally:
        con.close()


@pytest.mark.qt_log_ignore("propagateSizeHints")
def test_a_synced_folder_offers_a_local_copy_that_is_saved_back(gui, demo_template, tmp_path,
                                                               app_paths, monkeypatch):
    path = _copy(demo_template, tmp_path / "OneDrive - Thameside Council" / "LSP")
    told = []
    monkeypatch.setattr(prompts, "ask_synced_folder",
                        lambda parent, text: told.append(text) or "local")
    assert gui.open(path)
    assert "is in a OneDrive folder" in told[0] and "local copy" in told[0]
    assert gui.session.db.path.parent == app_paths.data_dir / "local copies"
    gui.session.services.members.add(Member(name="Ann Localcopy", organisation="Trust",
                                            sector=Sector.VOLUNTARY))
    assert "Ann Localcopy" not in _members_in(path)
    gui.session.window.close()
    gui.close()
    assert "Ann Localcopy" in _members_in(path)
    assert sorted(p.name for p in path.parent.iterdir()) == ["board.lspd", "board.lspd.lock"]


@pytest.mark.qt_log_ignore("propagateSizeHints")
def test_a_local_copy_never_overwrites_changes_made_elsewhere(gui, demo_template, tmp_path,
                                                             monkeypatch):
    path = _copy(demo_template, tmp_path / "Dropbox")
    monkeypatch.setattr(prompts, "ask_synced_folder", lambda parent, text: "local")
    warned = []
    monkeypatch.setattr(prompts, "warning", lambda parent, title, text: warned.append(text))
    assert gui.open(path)
    gui.session.services.members.add(Member(name="Ann Localcopy", organisation="Trust",
                                            sector=Sector.VOLUNTARY))
    con = sqlite3.connect(path)                      # the sync brings another computer's work
    con.execute("UPDATE member SET name = 'Changed Elsewhere' WHERE id = 1")
    con.commit()
    con.close()
    gui.session.window.close()
    gui.close()
    assert "Changed Elsewhere" in _members_in(path) and "Ann Localcopy" not in _members_in(path)
    beside = [p for p in path.parent.iterdir() if p.name.startswith("board (saved ")]
    assert len(beside) == 1 and "Ann Localcopy" in _members_in(beside[0])
    assert beside[0].name in warned[0]


@pytest.mark.qt_log_ignore("propagateSizeHints")
def test_open_it_where_it_is_and_cancel(gui, demo_template, tmp_path, monkeypatch):
    path = _copy(demo_template, tmp_path / "Nextcloud")
    monkeypatch.setattr(prompts, "ask_synced_folder", lambda parent, text: None)
    assert not gui.open(path)
    monkeypatch.setattr(prompts, "ask_synced_folder", lambda parent, text: "here")
    assert gui.open(path)
    assert gui.session.db.path == path and gui.session.local_copy is None


def test_an_error_nobody_caught_is_logged_and_shown_plainly(gui, app_paths, monkeypatch):
    from sqlalchemy.exc import OperationalError

    from lsp_desktop import logbook

    logbook.start(app_paths.log_dir)
    shown = []
    monkeypatch.setattr(prompts, "error", lambda parent, title, text: shown.append(text))
    previous = install_exception_hook(gui)
    try:
        try:
            raise OperationalError("INSERT INTO member (name) VALUES (?)", ("Ann Secretname",),
                                   sqlite3.OperationalError("database or disk is full"))
        except OperationalError:
            sys.excepthook(*sys.exc_info())
        try:
            raise KeyError("odd")
        except KeyError:
            sys.excepthook(*sys.exc_info())
    finally:
        sys.excepthook = previous
    assert shown[0].startswith("The disk is full (") and "Secretname" not in shown[0]
    assert "Something went wrong: KeyError" in shown[1] and "lsp-desktop.log" in shown[1]
    log = (app_paths.log_dir / "lsp-desktop.log").read_text()
    assert "Traceback" in log and "KeyError: 'odd'" in log


@pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="X11/Wayland only")
def test_no_display_is_one_line_and_exit_1(monkeypatch, capsys):
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(name, raising=False)
    assert no_display() is not None
    assert main(["--db", "x.lspd"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no display was found" in err and "members" in err
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    assert no_display() is None


@pytest.mark.qt_log_ignore("propagateSizeHints")
def test_the_window_opens_changes_and_saves_a_copy_on_awkward_paths(gui, demo_template,
                                                                   tmp_path):
    folder = tmp_path / "what? #1 100% \"O'Neill\" café"
    path = _copy(demo_template, folder)
    path = path.rename(folder / "Llŷr's board #2?.lspd")
    assert gui.open(path)
    gui.session.services.members.add(Member(name="Ann Awkward", organisation="Trust",
                                            sector=Sector.VOLUNTARY))
    copy = gui.session.services.files.save_copy(folder / "copy #3?.lspd")
    gui.session.window.close()
    gui.close()
    assert "Ann Awkward" in _members_in(path) and "Ann Awkward" in _members_in(copy)
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        [path.name, path.name + ".lock", copy.name])
