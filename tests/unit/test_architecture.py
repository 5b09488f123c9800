"""Import directions of STYLE.md, enforced by reading every module with ast."""

from __future__ import annotations

import ast
import functools
from pathlib import Path

import pytest

import lsp_desktop

PACKAGE = Path(lsp_desktop.__file__).parent
QT = ("PySide6", "shiboken6")


@functools.cache
def _parsed(path: Path, stamp: tuple[int, int]) -> tuple[ast.Module, tuple[ast.AST, ...]]:
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    return tree, tuple(ast.walk(tree))


def parse(path: Path) -> ast.Module:
    """The file's syntax tree, parsed once per run while the file is unchanged (each
    checker below reads every module: parsing them all again for each took most of the
    time of these tests)."""
    stat = path.stat()
    return _parsed(path, (stat.st_mtime_ns, stat.st_size))[0]


def nodes_of(path: Path) -> tuple[ast.AST, ...]:
    """Every node of the file's tree, as ast.walk gives them."""
    stat = path.stat()
    return _parsed(path, (stat.st_mtime_ns, stat.st_size))[1]


def imports_of(path: Path) -> set[str]:
    """Every module a file imports, at any depth (imports inside functions count too)."""
    found = set()
    for node in nodes_of(path):
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


FILE_IO_MODULES = ("csv", "zipfile", "openpyxl", "xlsxwriter", "io", "shutil", "tempfile",
                   "pathlib", "importlib.resources", "json")
FILE_IO_CALLS = ("open", "read_bytes", "read_text", "write_bytes", "write_text")


def file_io_of(path: Path) -> list[str]:
    """File formats and file access in a module: imports of them, and open()/read/write calls."""
    found = [f"imports {n}" for n in sorted(imports_of(path))
             if any(n == m or n.startswith(m + ".") for m in FILE_IO_MODULES)]
    for node in nodes_of(path):
        if isinstance(node, ast.Call):
            name = (node.func.id if isinstance(node.func, ast.Name)
                    else node.func.attr if isinstance(node.func, ast.Attribute) else "")
            if name in FILE_IO_CALLS:
                found.append(f"line {node.lineno} calls {name}()")
    return found


def test_the_domain_reads_and_writes_no_files():
    """Spreadsheets, archives and assets are read and written in services/ (the exchange
    layer): the domain is handed rows and values."""
    bad = {str(p.relative_to(PACKAGE.parent)): found for p in modules("domain")
           if (found := file_io_of(p))}
    assert bad == {}


def test_the_file_io_checker_sees_a_file_read(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text('"""x."""\n\nfrom importlib import resources\n\n'
                   'def f(p):\n    return p.read_bytes()\n')
    assert file_io_of(bad) == ["imports importlib.resources", "line 6 calls read_bytes()"]


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
               and not ast.get_docstring(parse(p))]
    assert missing == []


def test_the_checker_catches_a_forbidden_import(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text('"""x."""\n\ndef f():\n    from PySide6.QtWidgets import QWidget\n')
    assert "PySide6.QtWidgets" in imports_of(bad)


# -- the top-level modules --------------------------------------------------------------
TOP_LEVEL_BASE = ("__init__.py", "paths.py", "passwords.py")   # below every layer


def top_level(name: str) -> Path:
    return PACKAGE / name


@pytest.mark.parametrize("name", TOP_LEVEL_BASE)
def test_the_base_modules_import_no_layer_and_no_qt(name):
    layers = tuple(f"lsp_desktop.{layer}" for layer in ("domain", "db", "services", "reports",
                                                         "ui", "cli", "app"))
    bad = [n for n in imports_of(top_level(name))
           if any(n == f or n.startswith(f + ".") for f in QT + layers)]
    assert bad == []


# Files on disk and the log: below db/ and services/, above the domain (whose errors they
# raise); no Qt, no database layer, nothing above.
TOP_LEVEL_FILES = ("safe_files.py", "logbook.py")


@pytest.mark.parametrize("name", TOP_LEVEL_FILES)
def test_the_file_modules_import_only_the_domain(name):
    layers = tuple(f"lsp_desktop.{layer}" for layer in ("db", "services", "reports", "ui",
                                                         "cli", "app"))
    bad = [n for n in imports_of(top_level(name))
           if any(n == f or n.startswith(f + ".") for f in QT + layers + ("sqlalchemy",))]
    assert bad == []


def test_every_top_level_module_is_checked():
    """A new top-level module needs a rule here: it is a base module or the app."""
    found = {p.name for p in PACKAGE.glob("*.py")}
    assert found == set(TOP_LEVEL_BASE) | set(TOP_LEVEL_FILES) | {"app.py", "__main__.py"}


def test_only_the_entry_point_imports_the_app():
    bad = []
    for path in PACKAGE.rglob("*.py"):
        if path.name == "__main__.py" and path.parent == PACKAGE:
            continue
        if any(n == "lsp_desktop.app" or n.startswith("lsp_desktop.app.")
               for n in imports_of(path)):
            bad.append(str(path.relative_to(PACKAGE.parent)))
    assert bad == []


# -- cycles and size -----------------------------------------------------------------------
def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def import_graph(package: Path = PACKAGE) -> dict[str, set[str]]:
    """Module -> the package's modules it imports (inside functions too: a lazy import
    that closes a cycle is still a cycle)."""
    paths = {module_name(p): p for p in package.rglob("*.py")}
    graph = {}
    for name, path in paths.items():
        targets = set()
        for imported in imports_of(path):
            while imported and imported not in paths:
                imported = imported.rpartition(".")[0]
            if imported and imported != name:
                targets.add(imported)
        graph[name] = targets
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan, iteratively)."""
    index, low, on_stack, stack, found = {}, {}, set(), [], []
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                group = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == node:
                        break
                if len(group) > 1:
                    found.append(sorted(group))
    return found


def test_no_import_cycles():
    assert cycles(import_graph()) == []


def test_the_cycle_finder_finds_a_cycle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


MAX_LINES = 800


def test_no_file_over_800_lines():
    root = PACKAGE.parent
    long = [f"{p.relative_to(root)}: {n} lines"
            for folder in ("lsp_desktop", "tests", "benchmarks")
            for p in sorted((root / folder).rglob("*.py"))
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES]
    assert long == []


# -- the main window is built in one place ------------------------------------------------
WINDOW_NAMES = ("window", "win", "main_window", "_window")


def sets_window_attributes(path: Path) -> list[str]:
    """Lines that set an attribute on a window (`window.x = ...`, `self._window.x = ...`,
    `setattr(window, ...)`): the install(window) style, where a module adds to the main
    window from outside instead of being an object the window owns."""
    def is_window(node) -> bool:
        return (isinstance(node, ast.Name) and node.id in WINDOW_NAMES
                or isinstance(node, ast.Attribute) and node.attr in WINDOW_NAMES)

    found = []
    for node in nodes_of(path):
        targets = []
        if isinstance(node, ast.Assign):
            targets = node.targets
        elif isinstance(node, (ast.AugAssign, ast.AnnAssign)):
            targets = [node.target]
        for target in targets:
            for part in ast.walk(target):
                if isinstance(part, ast.Attribute) and is_window(part.value):
                    found.append(f"{path.name}:{node.lineno} sets {ast.unparse(part)}")
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                and node.func.id == "setattr" and node.args and is_window(node.args[0])):
            found.append(f"{path.name}:{node.lineno} calls {ast.unparse(node.func)}")
        if (isinstance(node, ast.FunctionDef) and node.name == "install"
                and [a.arg for a in node.args.args][:1] == ["window"]):
            found.append(f"{path.name}:{node.lineno} defines install(window)")
    return found


def test_nothing_sets_attributes_on_the_window_from_outside():
    main_window = PACKAGE / "ui" / "main_window.py"
    bad = [line for path in sorted((PACKAGE / "ui").rglob("*.py")) if path != main_window
           for line in sets_window_attributes(path)]
    bad += [line for path in [PACKAGE / "app.py"] for line in sets_window_attributes(path)]
    assert bad == []


def test_the_window_checker_catches_install_style(tmp_path):
    bad = tmp_path / "menu.py"
    bad.write_text('"""x."""\n\ndef install(window):\n    window.view_menu = 1\n'
                   '    setattr(window, "x", 2)\n\nclass M:\n    def f(self):\n'
                   '        self._window.y = 3\n')
    assert sets_window_attributes(bad) == ["menu.py:3 defines install(window)",
                                           "menu.py:4 sets window.view_menu",
                                           "menu.py:5 calls setattr",
                                           "menu.py:9 sets self._window.y"]


# -- one table-model base, one roles module ------------------------------------------------
def test_one_table_model_base_and_one_roles_module():
    """Only ui/common/record_table.py derives from QAbstractTableModel directly; the
    item-data roles are defined in ui/common/roles.py alone."""
    direct, roles = [], []
    for path in sorted((PACKAGE / "ui").rglob("*.py")):
        tree = parse(path)
        name = str(path.relative_to(PACKAGE))
        direct += [f"{name}: {node.name}" for node in ast.walk(tree)
                   if isinstance(node, ast.ClassDef)
                   and any(ast.unparse(b).endswith("QAbstractTableModel") for b in node.bases)]
        roles += [f"{name}: {target.id}" for node in tree.body if isinstance(node, ast.Assign)
                  for target in node.targets
                  if isinstance(target, ast.Name) and target.id.endswith("_ROLE")]
    assert direct == ["ui/common/record_table.py: RecordTableModel"]
    assert {r.split(":")[0] for r in roles} == {"ui/common/roles.py"}


def test_every_record_table_is_made_by_the_one_helper():
    """Tables come from ui/common/table_helpers.record_table, so they all behave alike
    (rows picked whole, Tab leaves, not edited in place)."""
    helper = PACKAGE / "ui" / "common" / "table_helpers.py"
    made = [f"{path.relative_to(PACKAGE)}:{node.lineno}"
            for path in sorted((PACKAGE / "ui").rglob("*.py")) if path != helper
            for node in nodes_of(path)
            if isinstance(node, ast.Call) and ast.unparse(node.func).endswith("QTableView")]
    assert made == []


def test_controllers_are_qt_free():
    """ui/<feature>/*_controller.py hold a tab's state and rules; they import the domain,
    never Qt nor the widgets, so they are tested without a QApplication."""
    controllers = sorted((PACKAGE / "ui").rglob("*_controller.py"))
    assert controllers, "no controller found"
    bad = [f"{p.relative_to(PACKAGE)} imports {n}" for p in controllers
           for n in imports_of(p)
           if n.startswith(QT) or (n.startswith("lsp_desktop.ui.")
                                   and not n.split(".")[-1].endswith("_controller")
                                   and "_controller." not in n)]
    assert bad == []


# -- tabs and pages are set up by themselves ------------------------------------------------
def _ui_trees() -> dict[Path, ast.Module]:
    return {p: parse(p) for p in sorted((PACKAGE / "ui").rglob("*.py"))}


def tab_and_page_names(trees) -> set[str]:
    """What the code calls its tabs and pages: attributes and names assigned a `...Tab(` or
    `...Page(` widget (`self.draft = DraftPage(...)`), and names like `tab`, `x_tab`,
    `page`, `self_page`."""
    names = {"tab", "page"}
    for tree in trees.values():
        for node in ast.walk(tree):
            if (isinstance(node, ast.Assign) and isinstance(node.value, ast.Call)
                    and ast.unparse(node.value.func).endswith(("Tab", "Page"))):
                for target in node.targets:
                    if isinstance(target, (ast.Attribute, ast.Name)):
                        names.add(target.attr if isinstance(target, ast.Attribute)
                                  else target.id)
    return names


WIDGET_SUFFIXES = ("_button", "_action", "_menu", "_tab", "_page")
# programme/target_values.py builds the chart and Values… row of strategies' TargetDialog
# and still hangs them on the dialog: the one known exception, not a pattern to copy.
TAB_PATCHING_KNOWN = {"target_values.py"}


def sets_tab_attributes(path: Path, tree: ast.Module, names: set[str]) -> list[str]:
    """Lines that set an attribute on a tab or page other than `self` (`tab.x = ...`,
    `window.members_tab.y = ...`, `self.targets.series = ...`): a tab or page is handed
    what it needs through its constructor or a method, never patched from outside."""
    def patches_widgets(part: ast.Attribute) -> bool:
        """A button, action, menu, tab or page hung on another object (`owner.x_button`)."""
        return (part.attr.endswith(WIDGET_SUFFIXES)
                and not (isinstance(part.value, ast.Name) and part.value.id in ("self", "cls")))

    def names_a_tab(node) -> bool:
        while isinstance(node, ast.Attribute):
            if node.attr in names or node.attr.endswith(("_tab", "_page")):
                return True
            node = node.value
        return isinstance(node, ast.Name) and (node.id in names
                                               or node.id.endswith(("_tab", "_page")))

    found = []
    for node in ast.walk(tree):
        targets = (node.targets if isinstance(node, ast.Assign)
                   else [node.target] if isinstance(node, (ast.AugAssign, ast.AnnAssign))
                   else [])
        for target in targets:
            for part in (target.elts if isinstance(target, (ast.Tuple, ast.List)) else [target]):
                if isinstance(part, ast.Attribute) and (names_a_tab(part.value)
                                                        or patches_widgets(part)):
                    found.append(f"{path.name}:{node.lineno} sets {ast.unparse(part)}")
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                and node.func.id == "setattr" and node.args and names_a_tab(node.args[0])):
            found.append(f"{path.name}:{node.lineno} calls setattr on a tab")
    return found


def test_nothing_sets_attributes_on_a_tab_or_page_from_outside():
    trees = _ui_trees()
    names = tab_and_page_names(trees)
    bad = [line for path, tree in trees.items() if path.name not in TAB_PATCHING_KNOWN
           for line in sets_tab_attributes(path, tree, names)]
    assert bad == []


def test_the_tab_checker_catches_patching_from_outside(tmp_path):
    bad = tmp_path / "menu.py"
    bad.write_text('"""x."""\n\nclass W:\n    def f(self, tab, owner):\n'
                   '        self.draft = DraftPage()\n'
                   '        tab.history_button = 1\n        self.targets.series = 2\n'
                   '        self.window.members_tab.x = 3\n        self.draft.y = 4\n'
                   '        self.model.z = 5\n        owner.history_button = 6\n')
    tree = ast.parse(bad.read_text())
    names = tab_and_page_names({bad: tree}) | {"targets"}
    assert sets_tab_attributes(bad, tree, names) == [
        "menu.py:6 sets tab.history_button", "menu.py:7 sets self.targets.series",
        "menu.py:8 sets self.window.members_tab.x", "menu.py:9 sets self.draft.y",
        "menu.py:11 sets owner.history_button"]


def reads_window_tabs(path: Path) -> list[str]:
    """Lines reading the window's tabs (`window.members_tab`, `self._window.tabs`): a menu
    or monitor is handed what it needs and reports by signals instead."""
    found = []
    for node in nodes_of(path):
        if (isinstance(node, ast.Attribute) and (node.attr == "tabs"
                                                 or node.attr.endswith("_tab"))
                and (isinstance(node.value, ast.Name) and node.value.id in WINDOW_NAMES
                     or isinstance(node.value, ast.Attribute)
                     and node.value.attr in WINDOW_NAMES)):
            found.append(f"{path.name}:{node.lineno} reads {ast.unparse(node)}")
    return found


def test_only_the_window_reads_its_tabs():
    main_window = PACKAGE / "ui" / "main_window.py"
    bad = [line for path in sorted((PACKAGE / "ui").rglob("*.py")) if path != main_window
           for line in reads_window_tabs(path)]
    assert bad == []


def test_the_tab_reader_checker_sees_a_menu_reading_tabs(tmp_path):
    bad = tmp_path / "menu.py"
    bad.write_text('"""x."""\n\nclass M:\n    def f(self, window):\n'
                   '        window.members_tab.refresh()\n        self._window.tabs.widget(0)\n'
                   '        self.tabs.widget(0)\n')
    assert reads_window_tabs(bad) == ["menu.py:5 reads window.members_tab",
                                      "menu.py:6 reads self._window.tabs"]
