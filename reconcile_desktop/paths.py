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


# Added to every os.open of a file Reconcile reads or writes in its folders: a file that is
# a symbolic link then fails (ELOOP) instead of being followed, so a planted link cannot get
# the lock truncated or a key read or written somewhere else. Windows has no such flag.
NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


def read_nofollow(path: Path, limit: int = -1) -> bytes:
    """The bytes of `path` (at most `limit`), never through a symbolic link."""
    fd = os.open(path, os.O_RDONLY | NOFOLLOW)
    with os.fdopen(fd, "rb") as fh:
        return fh.read(limit)


def write_new(path: Path, data: bytes) -> None:
    """Write a file that must not exist yet (not even as a link), 0600, fsynced."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | NOFOLLOW, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())


def copy_new(source: Path, target: Path) -> None:
    """Copy `source` into a new file `target` (which must not exist, not even as a link),
    0600, fsynced."""
    import shutil

    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | NOFOLLOW, 0o600)
    with os.fdopen(fd, "wb") as out, open(source, "rb") as src:
        shutil.copyfileobj(src, out, 1024 * 1024)
        out.flush()
        os.fsync(out.fileno())


def others_can_write(folder: Path) -> bool:
    """True when someone else could change the files in `folder`: it has a group or other
    write bit, or belongs to another user. Only the folder itself counts, so a private
    folder inside the sticky /tmp is fine. Windows has no such bits to read."""
    if os.name != "posix":
        return False
    st = os.stat(folder)
    return bool(st.st_mode & 0o022) or st.st_uid != os.geteuid()


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
