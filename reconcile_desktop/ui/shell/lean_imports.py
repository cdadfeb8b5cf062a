"""Keep PySide6's import hook from holding the source of every module in memory.

Once PySide6 is imported, its import hook asks of each newly imported module whether it uses
PySide6 (for `from __feature__ import ...`), with inspect.getsource(). That reads the module's
source into linecache and leaves it there: about 40 MiB for the storage stack, the pages and
matplotlib, and the time to split it all into lines. The same question answered from the file's
bytes costs a read and a search, and keeps nothing.
"""

from __future__ import annotations

from types import ModuleType


def uses_pyside(module: ModuleType) -> bool:
    """What PySide6 asks: does the module's source mention PySide6? Same answer, no cache."""
    path = getattr(module, "__file__", None)
    if not isinstance(path, str) or not path.endswith(".py"):
        return False  # built-in, extension or namespace module: inspect finds no source either
    try:
        with open(path, "rb") as source:
            return b"PySide6" in source.read()
    except OSError:
        return False


def stop_source_caching() -> bool:
    """Swap in uses_pyside; call once PySide6 is imported. False if this PySide6 has no such
    hook (then there is nothing to do)."""
    import PySide6  # noqa: F401  (installs shibokensupport)

    try:
        from shibokensupport import feature  # type: ignore[import-not-found]
    except ImportError:
        return False
    if not callable(getattr(feature, "_mod_uses_pyside", None)):
        return False
    feature._mod_uses_pyside = uses_pyside
    return True
