"""Put a new vault.db and vault.key in place together, so that a crash at any moment leaves
either the old pair or the new pair, never a database with the wrong key file.

Two renames cannot be one atomic step, so a small journal file, vault.swap, marks the moment
the new pair is committed:

1. The new files are written under temporary names (.vault.db.incoming, .vault.key.incoming)
   and fsynced, and so is the folder.               A crash here: the old pair is untouched;
                                                    the leftovers are removed at the next claim.
2. vault.swap is written atomically (temp, fsync, rename, fsync the folder). It names the two
   incoming files and their sizes. This is the commit point.
3. The old database's -wal and -shm are removed (the caller checkpointed and closed it), then
   vault.key and vault.db are replaced by os.replace, and the folder fsynced.
4. vault.swap is removed.                           A crash during 3 or 4: finish_pending() at
                                                    the next claim sees vault.swap and rolls
                                                    forward: every incoming file still there
                                                    is renamed into place, then vault.swap goes.

Only the process holding the vault's single-instance lock ever runs either half, so nobody
opens the database between the two renames. Neither file is ever deleted by this module:
the old ones are replaced only after the new ones are safely on disk.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from reconcile_desktop.core import keyfile

JOURNAL_NAME = "vault.swap"
INCOMING = ".incoming"
MAX_JOURNAL_BYTES = 4096


def incoming_path(target: Path) -> Path:
    """Where the new version of `target` is written before the swap."""
    return target.with_name(f".{target.name}{INCOMING}")


def fsync_file(path: Path) -> None:
    with open(path, "rb") as fh:
        os.fsync(fh.fileno())


def commit(db_path: Path, key_path: Path) -> None:
    """Swap in incoming_path(db_path) and incoming_path(key_path), both already written.

    The caller has closed every connection to the old database."""
    folder = db_path.parent
    pairs = [(incoming_path(key_path), key_path), (incoming_path(db_path), db_path)]
    for new, _old in pairs:
        os.chmod(new, 0o600)
        fsync_file(new)
    keyfile.fsync_dir(folder)
    journal = {
        "files": [
            {"from": new.name, "to": old.name, "size": new.stat().st_size} for new, old in pairs
        ]
    }
    keyfile.write_atomic(folder / JOURNAL_NAME, json.dumps(journal).encode("ascii"))
    _roll_forward(folder, journal)


def finish_pending(db_path: Path, key_path: Path) -> str | None:
    """Called with the instance lock held, before anything opens the database.

    Returns "finished" when an interrupted swap was completed, "discarded" when only
    uncommitted incoming files were found (and removed), None when there was nothing to do."""
    folder = db_path.parent
    journal_path = folder / JOURNAL_NAME
    if journal_path.exists():
        try:
            with open(journal_path, "rb") as fh:
                journal = json.loads(fh.read(MAX_JOURNAL_BYTES).decode("ascii"))
            files = journal["files"]
            assert all({"from", "to", "size"} <= set(f) for f in files)
        except (OSError, ValueError, KeyError, TypeError, AssertionError):
            return None  # not ours to judge; state() will describe whatever is there
        _roll_forward(folder, journal)
        return "finished"
    leftovers = [p for p in map(incoming_path, (db_path, key_path)) if p.is_file()]
    for path in leftovers:
        for extra in ("", "-wal", "-shm", "-journal"):
            Path(f"{path}{extra}").unlink(missing_ok=True)  # never committed: the old pair is whole
    return "discarded" if leftovers else None


def _roll_forward(folder: Path, journal: dict) -> None:
    for item in journal["files"]:
        new, old = folder / item["from"], folder / item["to"]
        if not _safe_name(item["from"]) or not _safe_name(item["to"]):
            continue
        if not new.exists():
            continue  # already renamed before the interruption
        if new.stat().st_size != item["size"]:
            continue  # cannot happen after fsync; leave it for a person rather than guess
        if old.suffix == ".db":
            # The old database's WAL must not be replayed into the new one.
            for extra in ("-wal", "-shm"):
                Path(f"{old}{extra}").unlink(missing_ok=True)
        os.replace(new, old)
    keyfile.fsync_dir(folder)
    (folder / JOURNAL_NAME).unlink(missing_ok=True)
    keyfile.fsync_dir(folder)


def _safe_name(name: object) -> bool:
    return isinstance(name, str) and name == Path(name).name and name not in ("", ".", "..")
