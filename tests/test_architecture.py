"""The import graph of the project: no cycles, no callback importing another, a core below the UI.

The graph is read with ``ast`` from the source, so it sees every import the code could run: at
module level and inside functions. ``from x import y`` where ``x.y`` is a module counts as
importing ``x.y``; importing ``a.b.c`` also runs the packages ``a`` and ``a.b`` (their
``__init__``), except the importer's own packages, which are always loaded before it. Imports
under ``if TYPE_CHECKING:`` never run: they count for the layering rules, not for cycles.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

pytestmark = pytest.mark.zuiver

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("dashboard", "layouts", "callbacks", "geodata")
# The composition root: the one core module that wires layouts and callbacks into an app.
COMPOSITION_ROOT = "dashboard.app"


@dataclass(frozen=True)
class Import:
    """One import statement of a project module, resolved to a project module."""

    target: str
    line: int
    type_only: bool


def module_files(root: Path = ROOT) -> dict[str, Path]:
    """Every Python module of the project packages, by dotted name."""
    found: dict[str, Path] = {}
    for package in PACKAGES:
        for path in sorted((root / package).rglob("*.py")):
            parts = list(path.relative_to(root).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            found[".".join(parts)] = path
    return found


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _statements(tree: ast.AST, type_only: bool = False) -> Iterator[tuple[ast.stmt, bool]]:
    """Every import statement in ``tree`` (also in functions), and whether it is type-only."""
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.Import | ast.ImportFrom):
            yield node, type_only
        elif isinstance(node, ast.If) and _is_type_checking(node.test):
            for child in node.body:
                yield from _statements(ast.Module(body=[child], type_ignores=[]), True)
            for child in node.orelse:
                yield from _statements(ast.Module(body=[child], type_ignores=[]), type_only)
        else:
            yield from _statements(node, type_only)


def _with_packages(target: str, importer: str, modules: dict[str, Path]) -> list[str]:
    """``target`` and the packages it runs on the way (but not the importer's own packages)."""
    own = {".".join(importer.split(".")[:i]) for i in range(1, importer.count(".") + 1)}
    parts = target.split(".")
    chain = [".".join(parts[:i]) for i in range(1, len(parts) + 1)]
    return [name for name in chain if name in modules and name not in own and name != importer]


def imports_of(name: str, modules: dict[str, Path]) -> list[Import]:
    """The project modules that module ``name`` imports."""
    path = modules[name]
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: list[Import] = []
    for node, type_only in _statements(tree):
        targets: list[str] = []
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            targets = [base]
            targets += [f"{base}.{a.name}" for a in node.names if f"{base}.{a.name}" in modules]
        for target in targets:
            for hit in _with_packages(target, name, modules):
                found.append(Import(hit, node.lineno, type_only))
    return found


def import_graph(root: Path = ROOT) -> dict[str, list[Import]]:
    """Every project module with the project modules it imports."""
    modules = module_files(root)
    return {name: imports_of(name, modules) for name in modules}


def find_cycles(graph: dict[str, list[Import]]) -> list[list[str]]:
    """Every strongly connected group of modules (Tarjan), each as one cycle through it."""
    edges = {name: sorted({i.target for i in found if not i.type_only}) for name, found in graph.items()}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in edges[node]:
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                group.append(top)
                if top == node:
                    break
            if len(group) > 1 or node in edges[node]:
                groups.append(sorted(group))

    for name in sorted(edges):
        if name not in index:
            visit(name)
    return [_one_cycle(group, edges) for group in groups]


def _one_cycle(group: list[str], edges: dict[str, list[str]]) -> list[str]:
    """A shortest path from the group's first module back to itself, inside the group."""
    start, members = group[0], set(group)
    paths = {start: [start]}
    frontier = [start]
    while frontier:
        following = []
        for node in frontier:
            for nxt in edges[node]:
                if nxt == start:
                    return [*paths[node], start]
                if nxt in members and nxt not in paths:
                    paths[nxt] = [*paths[node], nxt]
                    following.append(nxt)
        frontier = following
    return group


def _describe(cycle: list[str], graph: dict[str, list[Import]]) -> str:
    steps = []
    for here, there in zip(cycle, cycle[1:], strict=False):
        line = next(i.line for i in graph[here] if i.target == there and not i.type_only)
        steps.append(f"{here} (regel {line})")
    return " -> ".join([*steps, cycle[-1]])


def _in(name: str, package: str) -> bool:
    return name == package or name.startswith(package + ".")


@pytest.fixture(scope="module")
def graph() -> dict[str, list[Import]]:
    return import_graph()


def test_the_walker_sees_every_kind_of_import(tmp_path: Path) -> None:
    # A small project of its own with one import of each kind, so a walker that misses a kind
    # fails here instead of passing the real project silently.
    files = {
        "dashboard/__init__.py": "",
        "dashboard/low.py": "X = 1\n",
        "dashboard/high.py": "def f():\n    from dashboard import late\n    return late\n",
        "dashboard/late.py": "from . import low\n",
        "dashboard/typed.py": "import typing\nif typing.TYPE_CHECKING:\n    import dashboard.high\n",
        "dashboard/pkg/__init__.py": "from dashboard.pkg.inner import Y\n",
        "dashboard/pkg/inner.py": "Y = 2\n",
        "dashboard/user.py": "import dashboard.pkg.inner\n",
        "layouts/__init__.py": "",
        "callbacks/__init__.py": "",
        "geodata/__init__.py": "",
    }
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    graph = import_graph(tmp_path)

    def runs(name: str) -> set[str]:
        return {i.target for i in graph[name] if not i.type_only}

    assert runs("dashboard.high") == {"dashboard.late"}  # in a function; the name is a submodule
    assert runs("dashboard.late") == {"dashboard.low"}  # relative
    assert runs("dashboard.typed") == set()
    assert {i.target for i in graph["dashboard.typed"]} == {"dashboard.high"}
    assert runs("dashboard.user") == {"dashboard.pkg", "dashboard.pkg.inner"}  # the package runs too
    assert runs("dashboard.pkg.inner") == set()  # its own package is no import
    assert find_cycles(graph) == []

    (tmp_path / "dashboard/low.py").write_text("def g():\n    import dashboard.high\n", encoding="utf-8")
    assert find_cycles(import_graph(tmp_path)) == [
        ["dashboard.high", "dashboard.late", "dashboard.low", "dashboard.high"]
    ]


def test_the_graph_covers_the_project(graph: dict[str, list[Import]]) -> None:
    assert len(graph) > 100
    assert "dashboard.infra.cache" in {i.target for i in graph["dashboard.data.progress"]}
    assert any(_in(i.target, "callbacks") for i in graph[COMPOSITION_ROOT])


def test_no_import_cycles(graph: dict[str, list[Import]]) -> None:
    cycles = find_cycles(graph)
    for cycle in cycles:
        print("cyclus:", _describe(cycle, graph))  # noqa: T201
    assert cycles == []


def test_the_core_does_not_import_layouts_or_callbacks(graph: dict[str, list[Import]]) -> None:
    wrong = [
        f"{name} (regel {i.line}) importeert {i.target}"
        for name, found in graph.items()
        if _in(name, "dashboard") and name != COMPOSITION_ROOT
        for i in found
        if _in(i.target, "layouts") or _in(i.target, "callbacks")
    ]
    assert wrong == []


def test_no_callback_imports_another(graph: dict[str, list[Import]]) -> None:
    wrong = [
        f"{name} (regel {i.line}) importeert {i.target}"
        for name, found in graph.items()
        if _in(name, "callbacks")
        for i in found
        if _in(i.target, "callbacks") and i.target != "callbacks"
    ]
    assert wrong == []


def _dash_table_imports(source: str) -> list[int]:
    lines = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            names = [f"{node.module}.{alias.name}" for alias in node.names] + [node.module or ""]
        else:
            continue
        if any(name == "dash_table" or "dash_table" in name.split(".") for name in names):
            lines.append(node.lineno)
    return lines


def test_nothing_uses_dash_table_whose_bundle_pages_leave_out() -> None:
    """dashboard/app.py leaves DataTable's script out of every page; a DataTable would not draw."""
    assert _dash_table_imports("from dash import dash_table, html\nimport dash.dash_table as t\n") == [1, 2]
    wrong = [
        f"{name} (regel {line})"
        for name, path in module_files().items()
        for line in _dash_table_imports(path.read_text(encoding="utf-8"))
    ]
    assert wrong == []
