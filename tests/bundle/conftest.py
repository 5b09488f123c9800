"""The bundle test runs after every other test: it is the slowest and needs the rest green."""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).resolve().parent


def pytest_collection_modifyitems(session, config, items):
    items.sort(key=lambda item: HERE in Path(str(item.path)).resolve().parents)
