"""Which copy of a journal this data folder holds, so that automatic backups are counted and
pruned per copy.

The journal's own id (vault_settings.vault_id) lives inside the encrypted database, so a
journal copied to a second computer, or restored from a backup somewhere else, carries the
same one. Two such copies backing up into one folder then took each other's daily copy for
their own (the second one never made its backup) and pruned each other's. So every data
folder gets its own random copy id as well, written into each backup's backup.json.

It is kept beside the vault in vault.copy, under the data folder's inode number: a folder
copied elsewhere (another disk, another computer, a restore from an archive) has a new inode
and so gets a new id the first time a backup is made there. The file keeps one id per inode,
so a data folder synced between two computers keeps a steady id on each instead of taking a
new one at every switch. Ids are random and inode numbers say nothing about the journal.
"""

from __future__ import annotations

import json
import os
import re
import secrets
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reconcile_desktop.core.storage.vault import Vault

COPY_NAME = "vault.copy"
MAX_PLACES = 16  # ids kept for other places (computers syncing the folder); oldest dropped
_FORM = re.compile(r"[0-9a-f]{32}")
_MAX_BYTES = 8192


def copy_id(vault: Vault) -> str:
    """This data folder's copy id, made (and saved) on first need in a new place. Raises
    OSError when vault.copy cannot be written (callers run it inside user_errors)."""
    from reconcile_desktop.core.storage.keyfile import write_atomic
    from reconcile_desktop.paths import read_nofollow

    path = vault.dir / COPY_NAME
    place = str(os.stat(vault.dir).st_ino)
    try:
        known = json.loads(read_nofollow(path, _MAX_BYTES).decode("ascii"))["copies"]
        known = {k: v for k, v in known.items() if isinstance(v, str) and _FORM.fullmatch(v)}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        known = {}  # missing or damaged: a new id only means older copies are kept longer
    if place in known:
        return known[place]
    known = dict(list(known.items())[-(MAX_PLACES - 1) :])
    known[place] = secrets.token_hex(16)
    write_atomic(path, json.dumps({"copies": known}).encode("ascii"))
    return known[place]
