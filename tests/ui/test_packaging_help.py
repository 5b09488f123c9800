"""Help ▸ About and Help ▸ User guide open; the window icon and restored size, place and tab."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QSize, Qt
from PySide6.QtGui import QImage, QKeySequence

import lsp_desktop
from lsp_desktop.ui import prompts
from lsp_desktop.ui.help.about_dialog import AboutDialog
from lsp_desktop.ui.help.user_guide_dialog import UserGuideDialog
from lsp_desktop.ui.main_window import MainWindow

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints", "does not support raise")


@pytest.fixture
def window(qtbot, services, db):
    win = MainWindow(services, db.path)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def test_about_shows_version_licence_data_folder_and_libraries(window, monkeypatch, tmp_path):
    shown = []
    monkeypatch.setattr(AboutDialog, "exec", lambda self: shown.append(self) or 0)
    window.help.about_action.trigger()
    (about,) = shown
    assert lsp_desktop.__version__ in about.version_label.text()
    assert "GPL-3.0-or-later" in about.licence_label.text()
    assert about.data_label.text() == str(tmp_path / "userdata")
    assert about.file_label.text() == str(window.db_path)
    names = dict(about.versions)
    assert set(names) >= {"Python", "Qt", "PySide6", "SQLAlchemy", "Alembic", "ReportLab",
                          "openpyxl"}
    import sqlalchemy

    assert names["SQLAlchemy"] == sqlalchemy.__version__
    assert f"SQLAlchemy {sqlalchemy.__version__}" in about.versions_label.text()


def test_open_data_folder_button_opens_it(qtbot, tmp_path, monkeypatch):
    opened = []
    monkeypatch.setattr(prompts, "open_folder", lambda folder: opened.append(folder) or True)
    about = AboutDialog(tmp_path / "data")
    qtbot.addWidget(about)
    about.show()
    qtbot.mouseClick(about.open_folder_button, Qt.MouseButton.LeftButton)
    assert opened == [str(tmp_path / "data")]
    assert (tmp_path / "data").is_dir()


def test_user_guide_opens_on_f1_with_the_four_topics(window, qtbot):
    assert window.help.user_guide_action.shortcut() == QKeySequence(QKeySequence.StandardKey.HelpContents)
    window.help.user_guide_action.trigger()
    guide = window.help.user_guide_dialog
    assert isinstance(guide, UserGuideDialog)
    qtbot.waitExposed(guide)
    text = guide.browser.toPlainText()
    for topic in ("Start a partnership", "Import the membership register",
                  "Run a self-assessment", "Print the submission pack"):
        assert topic in text
    assert "**" not in text  # rendered as Markdown, not shown raw
    window.help.user_guide_action.trigger()
    assert window.help.user_guide_dialog is guide


def test_help_and_edit_entries_have_mnemonics(window):
    for action in (window.help.about_action, window.help.user_guide_action, window.help.settings_action):
        assert "&" in action.text()
    assert window.help_menu.title() == "&Help"


def test_window_restores_size_position_and_tab(qtbot, services, db):
    first = MainWindow(services, db.path)
    qtbot.addWidget(first)
    first.show()
    qtbot.waitExposed(first)
    first.resize(QSize(700, 500))
    first.tabs.setCurrentIndex(2)
    chosen = first.size()
    assert chosen.height() == 500
    first.close()
    second = MainWindow(services, db.path)
    qtbot.addWidget(second)
    assert second.tabs.currentIndex() == 2
    # The width is bounded by the tabs' minimum and by the small offscreen screen, which
    # Qt fits a restored window into; the keeper's own test checks width and position.
    assert second.height() == chosen.height()


def test_window_state_keeper_restores_position(qtbot):
    """The place on screen, on a window small enough for the offscreen screen to keep it."""
    from PySide6.QtWidgets import QLabel, QMainWindow, QTabWidget

    from lsp_desktop.ui.window.window_state import WindowStateKeeper

    def make():
        win, tabs = QMainWindow(), QTabWidget()
        for name in ("One", "Two", "Three"):
            tabs.addTab(QLabel(name), name)
        win.setCentralWidget(tabs)
        qtbot.addWidget(win)
        win.resize(300, 200)
        win.setMinimumSize(100, 100)
        return win, tabs, WindowStateKeeper(win, tabs)

    first, tabs, _keeper = make()
    first.show()
    qtbot.waitExposed(first)
    first.move(QPoint(120, 90))
    first.resize(340, 230)
    tabs.setCurrentIndex(1)
    where = first.pos()
    first.close()
    second, tabs2, _keeper2 = make()
    second.show()
    qtbot.waitExposed(second)
    assert second.pos() == where
    assert second.size() == first.size()
    assert tabs2.currentIndex() == 1


def test_a_new_window_starts_on_the_first_tab(window):
    assert window.tabs.currentIndex() == 0


def test_application_icon_matches_the_svg_source():
    """The shipped PNGs are renderings of resources/icons/lsp-desktop.svg, not stale copies."""
    import importlib.util
    from pathlib import Path

    root = Path(lsp_desktop.__file__).resolve().parent.parent
    spec = importlib.util.spec_from_file_location("make_icons", root / "packaging" / "make_icons.py")
    make_icons = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(make_icons)
    for size in (16, 64, 256):
        fresh = QImage.fromData(make_icons.render_png(size))
        shipped = QImage(str(root / "lsp_desktop" / "assets" / "icons" / f"lsp-desktop-{size}.png"))
        assert fresh.size() == shipped.size() == QSize(size, size)
        diff = sum(abs(fresh.pixelColor(x, y).red() - shipped.pixelColor(x, y).red())
                   for x in range(0, size, max(1, size // 16)) for y in range(0, size, max(1, size // 16)))
        assert diff < 16 * 16 * 4, size


def test_ico_and_icns_hold_every_size():
    import importlib.util
    import struct
    from pathlib import Path

    root = Path(lsp_desktop.__file__).resolve().parent.parent
    spec = importlib.util.spec_from_file_location("make_icons", root / "packaging" / "make_icons.py")
    make_icons = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(make_icons)
    pngs = {size: make_icons.render_png(size) for size in (16, 32, 256)}
    ico = make_icons.ico_bytes(pngs)
    assert struct.unpack("<HHH", ico[:6]) == (0, 1, 3)
    assert ico[6 + 2 * 16] == 0  # 256 is written as 0
    icns = make_icons.icns_bytes({size: make_icons.render_png(size) for size in make_icons.ICNS_TYPES})
    assert icns[:4] == b"icns" and struct.unpack(">I", icns[4:8])[0] == len(icns)
    assert icns.count(b"\x89PNG") == len(make_icons.ICNS_TYPES)
