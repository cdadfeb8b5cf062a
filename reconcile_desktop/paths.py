"""Where Reconcile keeps its files. Nothing here runs at import time."""

from __future__ import annotations

import os
import stat
from pathlib import Path

APP_NAME = "Reconcile"
ENV_DATA_DIR = "RECONCILE_DATA_DIR"


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The vault folder: --data-dir, then $RECONCILE_DATA_DIR, then the platform's data dir."""
    if override:
        return Path(override).expanduser().absolute()
    env = os.environ.get(ENV_DATA_DIR)
    if env:
        return Path(env).expanduser().absolute()
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def ensure_private_dir(path: Path) -> Path:
    """Create the folder readable by the owner only (0700)."""
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    if os.name == "posix":
        # Only ever takes permissions away: a folder made read-only on purpose stays so.
        os.chmod(path, stat.S_IMODE(path.stat().st_mode) & 0o700)
    return path


def resources_dir() -> Path:
    """The shipped resources (prompts, icons), from a checkout or from site-packages."""
    from importlib.resources import files

    return Path(str(files("reconcile_desktop.resources")))
