"""Every runtime file under lsp_desktop/ reaches a wheel (package-data) and the icons exist."""

from __future__ import annotations

import fnmatch
import struct
import tomllib
from pathlib import Path

import lsp_desktop

PACKAGE = Path(lsp_desktop.__file__).parent
ROOT = PACKAGE.parent


def package_data_patterns() -> list[str]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return config["tool"]["setuptools"]["package-data"]["*"]


def test_every_data_file_is_declared_for_the_wheel():
    patterns = package_data_patterns()
    undeclared = [str(p.relative_to(ROOT)) for p in PACKAGE.rglob("*")
                  if p.is_file() and p.suffix not in (".py", ".pyc")
                  and "__pycache__" not in p.parts
                  and not any(fnmatch.fnmatch(p.name, pat) for pat in patterns)]
    assert undeclared == []


def test_alembic_template_and_migrations_are_files_on_disk():
    migrations = PACKAGE / "db" / "migrations"
    assert (migrations / "script.py.mako").is_file()
    assert (migrations / "env.py").is_file()
    assert sorted((migrations / "versions").glob("0001_*.py"))


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", path
    return struct.unpack(">II", data[16:24])


def make_icons_module():
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_icons", ROOT / "packaging" / "make_icons.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_runtime_icons_come_in_every_size():
    sizes = make_icons_module().ASSET_SIZES
    shipped = sorted(p.name for p in (PACKAGE / "assets" / "icons").glob("lsp-desktop-*.png"))
    assert shipped == sorted(f"lsp-desktop-{size}.png" for size in sizes)
    for size in sizes:
        assert png_size(PACKAGE / "assets" / "icons" / f"lsp-desktop-{size}.png") == (size, size)
