"""Import directions of STYLE.md, enforced by reading every module with ast."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import lsp_desktop

PACKAGE = Path(lsp_desktop.__file__).parent
QT = ("PySide6", "shiboken6")


def imports_of(path: Path) -> set[str]:
    """Every module a file imports, at any depth (imports inside functions count too)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found.update(f"{node.module}.{a.name}" for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level:
            raise AssertionError(f"{path}: use absolute imports (from lsp_desktop...)")
    return found


def modules(layer: str) -> list[Path]:
    return sorted((PACKAGE / layer).rglob("*.py"))


def offenders(layer: str, forbidden: tuple[str, ...]) -> list[str]:
    bad = []
    for path in modules(layer):
        for name in imports_of(path):
            if any(name == f or name.startswith(f + ".") for f in forbidden):
                bad.append(f"{path.relative_to(PACKAGE.parent)} imports {name}")
    return bad


def test_every_layer_exists():
    for layer in ("domain", "db", "services", "reports", "ui", "cli"):
        assert (PACKAGE / layer / "__init__.py").exists(), layer


def test_domain_is_pure_python():
    assert offenders("domain", QT + ("sqlalchemy", "alembic", "lsp_desktop.db",
                                     "lsp_desktop.services", "lsp_desktop.ui",
                                     "lsp_desktop.reports", "lsp_desktop.cli")) == []


@pytest.mark.parametrize("layer", ["db", "services", "reports", "cli"])
def test_no_qt_outside_the_ui(layer):
    assert offenders(layer, QT + ("lsp_desktop.ui", "lsp_desktop.app")) == []


def test_ui_never_reaches_the_database():
    assert offenders("ui", ("lsp_desktop.db", "sqlalchemy", "alembic", "sqlite3")) == []


def test_reports_depend_on_the_domain_only():
    assert offenders("reports", ("lsp_desktop.db", "lsp_desktop.services", "lsp_desktop.cli",
                                 "sqlalchemy", "alembic", "sqlite3")) == []


def test_db_does_not_import_upwards():
    assert offenders("db", ("lsp_desktop.services", "lsp_desktop.cli",
                            "lsp_desktop.reports")) == []


def test_every_module_has_a_docstring():
    missing = [str(p.relative_to(PACKAGE.parent)) for p in PACKAGE.rglob("*.py")
               if "migrations" not in p.parts
               and not ast.get_docstring(ast.parse(p.read_text(encoding="utf-8")))]
    assert missing == []


def test_the_checker_catches_a_forbidden_import(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text('"""x."""\n\ndef f():\n    from PySide6.QtWidgets import QWidget\n')
    assert "PySide6.QtWidgets" in imports_of(bad)
