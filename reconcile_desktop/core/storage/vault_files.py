"""The data folder's files beside the pair: an access check before SQLite opens the journal,
and the temporary files a killed Reconcile leaves behind.

Only names Reconcile itself gives are ever removed here, and only by the holder of the
single-instance lock, so no other Reconcile is writing them at that moment.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
from pathlib import Path

from reconcile_desktop.core.errors import FileNoAccess

# The files keyfile.write_atomic puts in place; their temporary names are ".<name>.<8 hex>.tmp".
ATOMIC_TARGETS = ("vault.key", "vault.swap")
_ATOMIC_TEMP = re.compile(
    r"\A\.(?:" + "|".join(map(re.escape, ATOMIC_TARGETS)) + r")\.[0-9a-f]{8}\.tmp\Z"
)


def _usable(path: Path) -> bool:
    effective = {"effective_ids": True} if os.access in os.supports_effective_ids else {}
    return os.access(path, os.R_OK | os.W_OK, **effective)


def check_access(db_path: Path, *, side_files: bool = False) -> None:
    """FileNoAccess, naming the file, before SQLite meets a journal it may not write. SQLite
    would open it read-only and create its -shm index with the database's own mode (0400 for a
    read-only file): a file no later run could write, even after the database's mode is fixed.

    side_files: only while no connection is open and the instance lock is held. A -shm this
    user cannot write is removed (it holds nothing of its own: SQLite rebuilds it from the
    log); a log (-wal) holds saved entries, so it is named instead."""
    if not _usable(db_path):
        raise FileNoAccess(db_path.name)
    if not side_files:
        return
    shm, wal = Path(f"{db_path}-shm"), Path(f"{db_path}-wal")
    if shm.exists() and not _usable(shm):
        shm.unlink()
    if wal.exists() and not _usable(wal):
        raise FileNoAccess(wal.name)


def remove_leftovers(folder: Path) -> list[Path]:
    """Remove the temporary key and swap files a kill left in the data folder; returns them."""
    removed: list[Path] = []
    try:
        names = os.listdir(folder)
    except OSError:
        return removed
    for name in names:
        if not _ATOMIC_TEMP.match(name):
            continue
        path = Path(folder) / name
        with contextlib.suppress(OSError):  # a leftover that stays is no reason to refuse
            if stat.S_ISREG(path.lstat().st_mode):
                path.unlink()
                removed.append(path)
    return removed
