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

Once vault.swap exists the old pair is never opened again: if 3 fails (and fails again when
retried) commit() raises SwapUnfinished, the caller stays locked, and every claim() finishes
the swap before anything opens the database. A new file of the wrong size stops the swap with
every file and the journal kept as they are (SwapNeedsHelp), rather than pairing a key with
the wrong database.

vault.swap is only ever acted on for those two renames (.vault.key.incoming to vault.key,
.vault.db.incoming to vault.db): a planted one naming, say, vault.key over vault.db is
dropped with every file left as it was.

Only the process holding the vault's single-instance lock ever runs either half, so nobody
opens the database between the two renames. Neither file is ever deleted by this module:
the old ones are replaced only after the new ones are safely on disk.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from reconcile_desktop.core.errors import ReconcileError
from reconcile_desktop.core.storage import keyfile
from reconcile_desktop.paths import NOFOLLOW, read_nofollow

JOURNAL_NAME = "vault.swap"
INCOMING = ".incoming"
MAX_JOURNAL_BYTES = 4096


class SwapUnfinished(ReconcileError):
    message = (
        "The new key is saved, but switching the journal over to it could not finish just now. "
        "Reconcile will finish it the next time you unlock; nothing you wrote is lost."
    )


class SwapNeedsHelp(ReconcileError):
    exit_code = 4
    message = (
        "An earlier key change or restore was cut short and one of its new files is not "
        "whole, so Reconcile left every file as it is rather than guess. Please keep a copy "
        "of the data folder and put a backup back."
    )


def incoming_path(target: Path) -> Path:
    """Where the new version of `target` is written before the swap."""
    return target.with_name(f".{target.name}{INCOMING}")


def fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY | NOFOLLOW)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def pending(folder: Path) -> bool:
    """True while a committed swap is not finished: the old pair must not be opened."""
    return (folder / JOURNAL_NAME).exists()


def remove_incoming(db_path: Path, key_path: Path) -> None:
    """Remove the incoming files of a swap that was never committed."""
    if pending(db_path.parent):
        raise SwapUnfinished()  # they are the committed new pair now, not leftovers
    for path in (incoming_path(db_path), incoming_path(key_path)):
        for extra in ("", "-wal", "-shm", "-journal"):
            Path(f"{path}{extra}").unlink(missing_ok=True)


def commit(db_path: Path, key_path: Path) -> None:
    """Swap in incoming_path(db_path) and incoming_path(key_path), both already written.

    The caller has closed every connection to the old database. Raises SwapUnfinished when
    the swap was committed but could not be finished (the caller must then stay locked)."""
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
    try:
        keyfile.write_atomic(folder / JOURNAL_NAME, json.dumps(journal).encode("ascii"))
    except OSError:
        if not pending(folder):
            raise  # not committed: the old pair stands
    for attempt in (1, 2):  # one retry: a passing hiccup should not leave the swap open
        try:
            _roll_forward(folder, journal, _known_renames(db_path, key_path))
            return
        except OSError:
            if attempt == 2:
                raise SwapUnfinished() from None


def finish_pending(db_path: Path, key_path: Path) -> str | None:
    """Called with the instance lock held, before anything opens the database.

    Returns "finished" when an interrupted swap was completed, "discarded" when only
    uncommitted incoming files were found (and removed), None when there was nothing to do."""
    folder = db_path.parent
    journal_path = folder / JOURNAL_NAME
    if journal_path.exists():
        try:
            journal = json.loads(read_nofollow(journal_path, MAX_JOURNAL_BYTES).decode("ascii"))
            files = journal["files"]
            assert all({"from", "to", "size"} <= set(f) for f in files)
        except (OSError, ValueError, KeyError, TypeError, AssertionError):
            return None  # not ours to judge; state() will describe whatever is there
        _roll_forward(folder, journal, _known_renames(db_path, key_path))
        return "finished"
    leftovers = [p for p in map(incoming_path, (db_path, key_path)) if p.is_file()]
    remove_incoming(db_path, key_path)  # never committed: the old pair is whole
    return "discarded" if leftovers else None


def _roll_forward(folder: Path, journal: dict, known: set[tuple[str, str]]) -> None:
    todo = []
    for item in journal["files"]:
        new, old = folder / item["from"], folder / item["to"]
        if not _safe_name(item["from"]) or not _safe_name(item["to"]):
            continue
        if (item["from"], item["to"]) not in known:
            continue
        if not new.exists():
            continue  # already renamed before the interruption
        if new.stat().st_size != item["size"]:
            # Cannot happen after fsync. Rename nothing and keep the journal, so that no
            # later claim takes the new file for a leftover and pairs a key with the wrong db.
            raise SwapNeedsHelp()
        todo.append((new, old))
    for new, old in todo:
        if old.suffix == ".db":
            # The old database's WAL must not be replayed into the new one.
            for extra in ("-wal", "-shm"):
                Path(f"{old}{extra}").unlink(missing_ok=True)
        os.replace(new, old)
    keyfile.fsync_dir(folder)
    (folder / JOURNAL_NAME).unlink(missing_ok=True)
    keyfile.fsync_dir(folder)


def _known_renames(db_path: Path, key_path: Path) -> set[tuple[str, str]]:
    """The only two renames commit() ever writes. A vault.swap naming anything else (vault.key
    over vault.db, say) was not written by Reconcile: acting on it could destroy a file."""
    return {(incoming_path(p).name, p.name) for p in (key_path, db_path)}


def _safe_name(name: object) -> bool:
    return isinstance(name, str) and name == Path(name).name and name not in ("", ".", "..")
