"""Shared fixtures: a fresh migrated partnership per test, services on it, a window."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def _scratch_in_memory() -> None:
    """The tests' scratch files (tmp_path, and tempfile in the tests and the programs they
    start) go to /dev/shm where that is a writable RAM folder with room to spare, unless
    TMPDIR names a folder: every test copies and writes partnership files, and a disk's
    fsyncs and file creations cost more than the work tested. Set before pytest picks its
    base folder (pytest-xdist's workers get theirs from this process)."""
    import shutil
    import tempfile

    shm = "/dev/shm"
    if os.environ.get("TMPDIR") or not os.path.isdir(shm) or not os.access(shm, os.W_OK):
        return
    try:
        if shutil.disk_usage(shm).free < 2 << 30:
            return
    except OSError:
        return
    os.environ["TMPDIR"] = shm
    tempfile.tempdir = None     # gettempdir() reads TMPDIR again


_scratch_in_memory()

from datetime import date  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from lsp_desktop.db.database import open_partnership  # noqa: E402
from lsp_desktop.paths import AppPaths  # noqa: E402
from lsp_desktop.services import build_services  # noqa: E402

TODAY = date(2002, 6, 30)     # the date the demo's story stands at

# Timing never fails a test: Hypothesis's per-example deadline (200 ms) and its too-slow
# health check are timings, and on a loaded machine they failed a property that holds.
from hypothesis import HealthCheck, settings  # noqa: E402

settings.register_profile("lsp", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("lsp")


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
def engine(request) -> str:
    """Which engine the partnership of this test is on: "sqlite" unless pytest_generate_tests
    runs the test on both (every test of tests/unit, tests/e2e and tests/migrations that
    reaches a partnership, except those marked sqlite_only)."""
    return getattr(request, "param", "sqlite")


def _once_per_run(tmp_path_factory, name: str, build) -> Path:
    """The file `build(path)` makes, made once per test run and shared by the pytest-xdist
    workers (each has its folder inside the run's): the first to need it builds it under
    a lock, the others wait for it. Never change it: copy it."""
    from filelock import FileLock

    base = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        base = base.parent
    path = base / "shared" / name
    path.parent.mkdir(exist_ok=True)
    with FileLock(str(path) + ".building"):
        if not path.exists():
            part = path.parent / "part" / name
            part.parent.mkdir(exist_ok=True)
            build(part)
            os.replace(part, path)
    return path


@pytest.fixture(scope="session")
def empty_template(tmp_path_factory) -> Path:
    """An empty partnership file migrated once per test run; the `db` fixture copies it
    rather than running every migration again for each test."""
    from lsp_desktop.db.database import create_partnership_file

    return _once_per_run(tmp_path_factory, "empty.lspd", create_partnership_file)


@pytest.fixture
def db(engine, tmp_path, app_paths, request):
    """A fresh, migrated, empty partnership: a file, or a new database on the test server."""
    if engine == "sqlite":
        import shutil

        path = tmp_path / "test.lspd"
        shutil.copyfile(request.getfixturevalue("empty_template"), path)
        database = open_partnership(path, app_paths.backup_dir)
    else:
        database = open_partnership(request.getfixturevalue("location"), app_paths.backup_dir)
    yield database
    database.close()


def _on_server(request, demo: bool = False):
    """A new database on the test server (empty or the demo), dropped after the test."""
    server = request.getfixturevalue("pg_server")
    url = server.create_demo_database() if demo else server.create_database()
    yield url
    server.drop_database(url)


@pytest.fixture
def services(db, app_paths):
    return build_services(db.session_factory, db.path, app_paths.backup_dir, shared=db.shared)


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory) -> Path:
    """The demo partnership written once per test run; copy it, never change it."""
    from lsp_desktop.services.demo import write_demo

    return _once_per_run(tmp_path_factory, "demo.lspd", write_demo)


@pytest.fixture
def demo_location(engine, tmp_path, demo_template, request) -> str:
    """Where a fresh copy of the demo partnership is (closed): a file path or a URL."""
    if engine == "sqlite":
        import shutil

        path = tmp_path / "demo.lspd"
        shutil.copyfile(demo_template, path)
        yield str(path)
        return
    yield from _on_server(request, demo=True)


@pytest.fixture
def demo_db(demo_location, app_paths):
    database = open_partnership(demo_location, app_paths.backup_dir)
    yield database
    database.close()


@pytest.fixture
def demo_services(demo_db, app_paths):
    return build_services(demo_db.session_factory, demo_db.path, app_paths.backup_dir,
                          shared=demo_db.shared)


@pytest.fixture(autouse=True)
def _isolated_qt_settings(tmp_path):
    """QSettings fixes its folder once per process (XDG_CONFIG_HOME is read only once), so
    point it into tmp_path for each test: no window state or recent files leak between tests."""
    import sys

    if "PySide6.QtCore" in sys.modules:
        from PySide6.QtCore import QSettings

        for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
            QSettings.setPath(fmt, QSettings.Scope.UserScope, str(tmp_path / "qsettings"))


# -- both engines ------------------------------------------------------------
# LSP_TEST_PG_URL names a PostgreSQL server where the tests may create and drop
# databases (./dev test starts a throwaway cluster and sets it).
PG_URL = os.environ.get("LSP_TEST_PG_URL", "")
ENGINES = ["sqlite", pytest.param("postgresql", marks=pytest.mark.skipif(
    not PG_URL, reason="LSP_TEST_PG_URL is not set: no PostgreSQL server to test against "
                       "(./dev test starts one)"))]


@pytest.fixture(scope="session")
def pg_server():
    """Makes and drops databases on the test server; a migrated template is made once."""
    from tests.pg import PgServer

    if not PG_URL:
        pytest.skip("LSP_TEST_PG_URL is not set: no PostgreSQL server to test against "
                    "(./dev test starts one)")
    server = PgServer(PG_URL)
    yield server
    server.close()      # the run's templates are dropped by pytest_sessionfinish


def pytest_sessionfinish(session):
    """The main process (not a worker), once every test has run: drop the test server's
    templates this run made."""
    if not PG_URL or os.environ.get("PYTEST_XDIST_WORKER"):
        return
    from tests.pg import PgServer

    server = PgServer(PG_URL)
    try:
        server.drop_templates()
    finally:
        server.close()


# Folders whose tests run on both engines wherever they reach a partnership.
BOTH_ENGINE_DIRS = ("unit", "e2e", "migrations")


def pytest_configure(config):
    if not os.environ.get("PYTEST_XDIST_WORKER"):
        from tests.pg import run_id

        run_id()        # named before the workers start, so they share the run's templates
    config.addinivalue_line(
        "markers", "sqlite_only(reason): the test is about the partnership file itself "
                   "(bytes on disk, file locks, file backups): it has no server form")
    config.addinivalue_line(
        "markers", "slow: the slower group (the bundle build, the eight-writer test): run "
                   "by ./dev test by default, skipped with LSP_SKIP_SLOW=1 while working")


# -- the garbage collector -------------------------------------------------------
# Every full collection walks every tracked object of the process: the program's modules,
# SQLAlchemy's caches, Qt's wrappers, pytest's own records, ~400,000 objects in a worker
# by the end of a run, a quarter of a second each time; the print preview collects before
# each render and Python itself does so as the heap grows (a quarter of the UI tests' CPU
# went there). What is still alive after a collection between tests is frozen
# (gc.freeze): later collections walk only what tests made since. Nothing a test makes
# is frozen while it runs, and what is garbage is collected first.
FREEZE_EVERY = 50       # tests


def _freeze_survivors() -> None:
    import gc

    gc.collect()
    gc.freeze()


def pytest_collection_finish(session):
    _freeze_survivors()       # the program and the tests as imported


@pytest.hookimpl(wrapper=True, trylast=True)
def pytest_runtest_teardown(item, nextitem):
    """Once the test's fixtures are torn down, every FREEZE_EVERY tests."""
    result = yield
    count = item.config.stash.get(_TESTS_DONE, 0) + 1
    item.config.stash[_TESTS_DONE] = count
    if count % FREEZE_EVERY == 0:
        _freeze_survivors()
    return result


_TESTS_DONE = pytest.StashKey[int]()


def pytest_collection_modifyitems(config, items):
    """LSP_SKIP_SLOW=1 (or the older LSP_SKIP_BUNDLE=1) skips the slower group, saying so.
    Otherwise the slower group (the bundle build, ~1 minute, and the eight writers) starts
    first when the tests run on several workers (pytest-xdist), so it overlaps every other
    test rather than running alone at the end; in one process it runs last, after the
    quicker tests have had their say."""
    flag = next((name for name in ("LSP_SKIP_SLOW", "LSP_SKIP_BUNDLE")
                 if os.environ.get(name) == "1"), None)
    if flag is not None:
        skip = pytest.mark.skip(reason=f"{flag}=1: the slower group is skipped")
        for item in items:
            if item.get_closest_marker("slow"):
                item.add_marker(skip)
        return
    on_workers = bool(os.environ.get("PYTEST_XDIST_WORKER"))
    items.sort(key=lambda item: bool(item.get_closest_marker("slow")) != on_workers)


def pytest_generate_tests(metafunc):
    """Run every test that reaches a partnership on SQLite and on PostgreSQL."""
    if "engine" not in metafunc.fixturenames:
        return
    if any(m.name == "sqlite_only" for m in metafunc.definition.iter_markers()):
        return
    folder = Path(str(metafunc.definition.path)).parent.name
    if folder in BOTH_ENGINE_DIRS or "location" in metafunc.fixturenames:
        metafunc.parametrize("engine", ENGINES, indirect=True)


@pytest.fixture
def engine_name(engine) -> str:
    return engine


@pytest.fixture
def location(engine, tmp_path, request):
    """Where a fresh, migrated, empty partnership is: a file path or a database URL."""
    if engine == "sqlite":
        import shutil

        path = tmp_path / "both.lspd"
        shutil.copyfile(request.getfixturevalue("empty_template"), path)
        yield str(path)
        return
    yield from _on_server(request)


@pytest.fixture
def pg_url_db(pg_server):
    """A fresh empty partnership on the test server (skipped without one)."""
    if not PG_URL:
        pytest.skip("LSP_TEST_PG_URL is not set: no PostgreSQL server to test against")
    url = pg_server.create_database()
    yield url
    pg_server.drop_database(url)
