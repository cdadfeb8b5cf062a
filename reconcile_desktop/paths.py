"""Where Reconcile keeps its files. Nothing here runs at import time."""

from __future__ import annotations

import errno
import os
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


# What chmod answers on filesystems without Unix permissions (FAT, exFAT, some network shares).
_NO_PERMISSIONS = {errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP}


def ensure_private_dir(path: Path) -> Path:
    """Create the folder, and any missing parents, readable by the owner only (0700).

    A folder that is already there is left as it is: it may be the user's home, a shared
    folder or a USB stick, and what goes inside is private on its own (0700 and 0600)."""
    missing: list[Path] = []
    probe = Path(path)
    while not probe.exists() and probe != probe.parent:
        missing.append(probe)
        probe = probe.parent
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    if os.name == "posix":
        for made in missing:  # mkdir(parents=True) gives the parents the default mode
            make_private(made, 0o700)
    return path


def make_private(path: Path, mode: int = 0o600) -> None:
    """chmod a file or folder this code wrote; where the filesystem has no Unix permissions
    (chmod refused though the write worked), there is nothing to tighten."""
    try:
        os.chmod(path, mode)
    except OSError as exc:
        if exc.errno not in _NO_PERMISSIONS:
            raise


def resources_dir() -> Path:
    """The shipped resources (prompts, icons), from a checkout or from site-packages."""
    from importlib.resources import files

    return Path(str(files("reconcile_desktop.resources")))
