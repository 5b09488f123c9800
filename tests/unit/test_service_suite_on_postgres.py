"""The service tests, run again against a PostgreSQL server (the same test functions).

Every test function of the modules below that needs only `services` (and plain
fixtures such as tmp_path) is called with services on a fresh PostgreSQL database;
the SQLite side is the modules' own run. Skipped with a reason when no server is set.
"""

from __future__ import annotations

import inspect

import pytest

from tests.conftest import PG_URL
from tests.unit import (
    test_accreditation_service,
    test_action_links,
    test_actions_service,
    test_audit,
    test_exchange_archive_backups,
    test_exchange_import,
    test_exchange_plans,
    test_members_service,
    test_personal_data,
    test_readiness,
    test_strategies_service,
)

MODULES = (test_members_service, test_actions_service, test_strategies_service,
           test_accreditation_service, test_action_links, test_exchange_archive_backups,
           test_exchange_import, test_exchange_plans, test_personal_data, test_readiness,
           test_audit)
PLAIN = {"tmp_path", "app_paths", "monkeypatch"}
SERVICES = {"services", "demo_services"}


def _strategy(services):
    from lsp_desktop.domain.strategies import Strategy, StrategyType

    return services.strategies.create(Strategy(StrategyType.COMMUNITY, "Thameside 2012",
                                               "2002-2012", lead_officer="Ann Example"))


# Module fixtures made afresh on the server's services (as the modules make them).
MADE = {"strategy": _strategy}
# Tests about the file itself (bytes on disk, file backups, locks) have no server form.
FILE_ONLY = {"backup", "restore", "bytes", "file", "vacuum", "compact", "wal"}


def _cases():
    for module in MODULES:
        for name, fn in vars(module).items():
            if not name.startswith("test_") or not callable(fn):
                continue
            params = list(inspect.signature(fn).parameters)
            wanted = set(params) & SERVICES
            if len(wanted) != 1 or not set(params) <= PLAIN | SERVICES | set(MADE):
                continue
            if any(word in name for word in FILE_ONLY):
                continue
            if getattr(fn, "pytestmark", None):     # parametrised or marked: run as is
                continue
            short = module.__name__.rsplit(".", 1)[1].removeprefix("test_")
            yield pytest.param(fn, params, id=f"{short}::{name}")


@pytest.mark.skipif(not PG_URL, reason="LSP_TEST_PG_URL is not set: no PostgreSQL server to "
                                       "test against (./dev test starts one)")
@pytest.mark.parametrize(("test", "params"), list(_cases()))
def test_on_postgresql(test, params, request, pg_server, app_paths):
    from lsp_desktop.db.database import open_partnership
    from lsp_desktop.services import build_services

    demo = "demo_services" in params
    url = pg_server.create_demo_database() if demo else pg_server.create_database()
    db = open_partnership(url, app_paths.backup_dir)
    try:
        services = build_services(db.session_factory, db.path, app_paths.backup_dir,
                                  shared=True)
        kwargs = {}
        for p in params:
            if p in SERVICES:
                kwargs[p] = services
            elif p in MADE:
                kwargs[p] = MADE[p](services)
            else:
                kwargs[p] = request.getfixturevalue(p)
        test(**kwargs)
    finally:
        db.close()
        pg_server.drop_database(url)
