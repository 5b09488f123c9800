"""Shared fixtures: a fresh migrated partnership per test, services on it, a window."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from datetime import date  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from lsp_desktop.db.database import open_partnership  # noqa: E402
from lsp_desktop.paths import AppPaths  # noqa: E402
from lsp_desktop.services import build_services  # noqa: E402

TODAY = date(2002, 6, 1)


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path, monkeypatch):
    """Never touch the real user data folder or Qt settings."""
    data = tmp_path / "userdata"
    monkeypatch.setenv("LSP_DESKTOP_DATA_DIR", str(data))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    return data


@pytest.fixture
def app_paths(tmp_path) -> AppPaths:
    return AppPaths(tmp_path / "userdata").ensure()


@pytest.fixture
def db(tmp_path, app_paths):
    database = open_partnership(tmp_path / "test.lspd", app_paths.backup_dir, create=True)
    yield database
    database.close()


@pytest.fixture
def services(db, app_paths):
    return build_services(db.session_factory, db.path, app_paths.backup_dir)


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory) -> Path:
    """The demo partnership written once per test session; copy it, never change it."""
    from lsp_desktop.services.demo import write_demo

    return write_demo(tmp_path_factory.mktemp("demo") / "demo.lspd", today=TODAY)


@pytest.fixture
def demo_db(tmp_path, demo_template, app_paths):
    import shutil

    path = tmp_path / "demo.lspd"
    shutil.copyfile(demo_template, path)
    database = open_partnership(path, app_paths.backup_dir)
    yield database
    database.close()


@pytest.fixture
def demo_services(demo_db, app_paths):
    return build_services(demo_db.session_factory, demo_db.path, app_paths.backup_dir)


@pytest.fixture(autouse=True)
def _isolated_qt_settings(tmp_path):
    """QSettings fixes its folder once per process (XDG_CONFIG_HOME is read only once), so
    point it into tmp_path for each test: no window state or recent files leak between tests."""
    import sys

    if "PySide6.QtCore" in sys.modules:
        from PySide6.QtCore import QSettings

        for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
            QSettings.setPath(fmt, QSettings.Scope.UserScope, str(tmp_path / "qsettings"))
