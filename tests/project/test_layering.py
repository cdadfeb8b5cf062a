"""core/ is the domain: it must never import Qt or matplotlib (ARCHITECTURE.md)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import reconcile_desktop

PACKAGE = Path(reconcile_desktop.__file__).parent
FORBIDDEN = ("PySide6", "matplotlib", "shiboken6")


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name.split(".")[0] for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_core_sources_do_not_import_qt_or_matplotlib():
    offenders = {
        str(p.relative_to(PACKAGE)): sorted(_imports(p) & set(FORBIDDEN))
        for p in (PACKAGE / "core").rglob("*.py")
        if _imports(p) & set(FORBIDDEN)
    }
    assert offenders == {}


def test_charts_do_not_import_qt():
    offenders = [
        str(p.relative_to(PACKAGE))
        for p in (PACKAGE / "charts").rglob("*.py")
        if _imports(p) & {"PySide6", "shiboken6"}
    ]
    assert offenders == []


def test_importing_every_core_module_loads_neither_at_runtime():
    modules = sorted(
        "reconcile_desktop." + ".".join(p.relative_to(PACKAGE).with_suffix("").parts)
        for p in (PACKAGE / "core").rglob("*.py")
        if p.name != "env.py" and "versions" not in p.parts
    )
    code = (
        "import importlib, sys\n"
        f"for m in {modules!r}: importlib.import_module(m)\n"
        f"print([m for m in sys.modules if m.split('.')[0] in {FORBIDDEN!r}])\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"


# -- the import picture: shell -> pages -> widgets/charts -> core, and no loops --------------------

PAGES = ("ui.pages",)
SHELL = ("ui.shell",)
# The window's plumbing every layer above may use: the one runner, the write lane, preferences.
FLOW = ("ui.ops", "ui.workers", "ui.preferences")


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _runtime_nodes(tree: ast.AST):
    """Every node but those under `if TYPE_CHECKING:` (annotations only, never run)."""
    todo = [tree]
    while todo:
        node = todo.pop()
        for child in ast.iter_child_nodes(node):
            test = getattr(child, "test", None)
            if isinstance(child, ast.If) and getattr(test, "id", "") == "TYPE_CHECKING":
                todo.extend(child.orelse)
                continue
            yield child
            todo.append(child)


def _graph() -> dict[str, set[str]]:
    """Each module of the package and the package modules it imports, anywhere in the file
    (an import inside a function is still a dependency; a TYPE_CHECKING block is not)."""
    names = {_module_name(p) for p in PACKAGE.rglob("*.py") if "versions" not in p.parts}
    graph: dict[str, set[str]] = {}
    for path in PACKAGE.rglob("*.py"):
        if "versions" in path.parts:
            continue
        me = _module_name(path)
        found: set[str] = set()
        for node in _runtime_nodes(ast.parse(path.read_text(encoding="utf-8"))):
            targets = []
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                targets = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
            for target in targets:
                if target.startswith("reconcile_desktop."):
                    name = target.removeprefix("reconcile_desktop.")
                    if name in names and name != me and not me.startswith(name + "."):
                        found.add(name)
        graph[me] = found
    return graph


def _loops(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    loops: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for nxt in graph.get(node, ()):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                loops.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return loops


def test_there_are_no_import_loops():
    assert _loops(_graph()) == []


def test_the_checker_finds_a_loop():
    assert _loops({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def _imports_of(prefixes: tuple[str, ...]) -> dict[str, set[str]]:
    return {m: deps for m, deps in _graph().items() if m.startswith(prefixes)}


def test_layers_only_point_downward():
    def under(name: str, *prefixes: str) -> bool:
        return any(name == p or name.startswith(p + ".") for p in prefixes)

    wrong = []
    for module, deps in _graph().items():
        for dep in deps:
            if under(module, "core") and not under(dep, "core", "paths"):
                wrong.append((module, dep))  # core: only itself (and the path helpers)
            elif under(module, "charts") and not under(dep, "core", "charts"):
                wrong.append((module, dep))
            elif under(module, *PAGES) and under(dep, *SHELL):
                wrong.append((module, dep))  # a page never reaches up into the shell
            elif (
                under(module, "ui.widgets")
                and under(dep, *PAGES, *SHELL)
                or under(module, *FLOW)
                and under(dep, *PAGES, *SHELL, "ui.widgets")
                or under(module, "commands")
                and under(dep, "ui")
            ):
                wrong.append((module, dep))
    assert wrong == []
