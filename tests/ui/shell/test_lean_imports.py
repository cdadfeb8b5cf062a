"""PySide6's import hook no longer keeps every module's source in memory (about 40 MiB)."""

from __future__ import annotations

from reconcile_desktop.ui.shell.lean_imports import uses_pyside
from tests.ui.conftest import run_python


def test_modules_imported_after_the_fix_leave_no_source_behind():
    code = """
import linecache
import PySide6.QtCore
from shibokensupport import feature
from reconcile_desktop.ui.shell.lean_imports import stop_source_caching
original = feature._mod_uses_pyside
print(stop_source_caching())
before = set(linecache.cache)
import xml.dom.minidom, pydoc, reconcile_desktop.ui.shell.idle  # none imported before
print(sorted(set(linecache.cache) - before))
# The hook's question still gets the same answer as PySide6's own.
import json
for module in (reconcile_desktop.ui.shell.idle, xml.dom.minidom, pydoc, json):
    assert feature._mod_uses_pyside(module) == original(module), module.__name__
print(feature._mod_uses_pyside(reconcile_desktop.ui.shell.idle), feature._mod_uses_pyside(json))
"""
    assert run_python(code).splitlines() == ["True", "[]", "True False"]


def test_modules_without_a_source_file_do_not_use_pyside(tmp_path):
    import types

    import reconcile_desktop.ui.shell.tray as tray

    assert uses_pyside(tray)
    assert not uses_pyside(types.ModuleType("made_in_memory"))
    gone = types.ModuleType("gone")
    gone.__file__ = str(tmp_path / "gone.py")
    assert not uses_pyside(gone)
