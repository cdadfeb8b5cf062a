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
