"""Every benchmark script still imports and names only code that exists."""

import ast
import importlib
import importlib.util
from pathlib import Path

import pytest

BENCHMARKS = sorted((Path(__file__).parents[2] / "benchmarks").glob("bench_*.py"))


@pytest.mark.parametrize("script", BENCHMARKS, ids=lambda p: p.name)
def test_benchmark_imports_resolve(script):
    tree = ast.parse(script.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("lsp_desktop"):
            assert importlib.util.find_spec(node.module) is not None, (
                f"{script.name} imports {node.module}, which does not exist")
            module = importlib.import_module(node.module)
            for alias in node.names:
                assert hasattr(module, alias.name), (
                    f"{script.name} imports {alias.name} from {node.module}, which has none")


def test_there_are_benchmarks():
    assert len(BENCHMARKS) >= 6
