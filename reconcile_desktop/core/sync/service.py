"""The sync verbs the window and the command line call: start, sync now, status, join, leave.

CONTRACT (helpers build the window, the CLI and the tests against these names):

- start(vault, folder, device_name=None) -> SyncStatus
    Start syncing this journal into `folder` (created if missing). Writes the folder layout,
    a copy of vault.key, this device's first snapshot. Raises SyncFolderProblem (one sentence).
- sync_now(vault) -> SyncReport
    Write this device's new changes, read every other device's new files, merge, prune what
    every device has acknowledged, write a snapshot when due. Safe to call when sync is off
    (returns a report with nothing done). Off the GUI thread: it may take a second.
- status(vault) -> SyncStatus    (reads only; cheap enough for a status bar every minute)
- describe(status, now) -> str   ("Synced 2 min ago", "Sync is off", or the one calm sentence)
- leave(vault) -> None           (stop syncing; the journal stays whole on this computer)
- remove_device(vault, device_id) -> None   (forget another computer; its files are left)
- join(data_dir, folder, passphrase, *, device_name=None, clock=None, kdf_bounds=None) -> Vault
    Build a new local journal in `data_dir` from the folder's key copy, snapshot and changes;
    returns it unlocked. WrongPassphrase on a wrong passphrase; nothing is written then.
- adopt_renewed_key(vault, passphrase) -> None
    After another computer renewed the key (a new sync epoch), take it up here.

SyncReport.changes is a core.changes.Changes of the areas the merge touched (for ops.announce).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    import datetime as dt

    from reconcile_desktop.core.changes import Changes
    from reconcile_desktop.core.clock import Clock
    from reconcile_desktop.core.storage.keyfile import KdfBounds
    from reconcile_desktop.core.storage.vault import Vault


class DeviceInfo(NamedTuple):
    device_id: str
    name: str  # what the user called it ("Desk", "Laptop"); the host name by default
    last_seen_utc: dt.datetime | None  # when its newest file was written, by its own clock
    clock_ahead_s: float | None  # how far its clock runs ahead of ours, once noticed (> 5 min)
    is_this: bool
    left: bool  # it left or was removed; its words stay


class SyncStatus(NamedTuple):
    enabled: bool
    folder: str | None
    device_id: str
    device_name: str
    last_synced_utc: dt.datetime | None
    problem: str | None  # one calm sentence (folder missing, a file unreadable, ...), or None
    devices: tuple[DeviceInfo, ...]  # this one first
    waiting: int  # changes made here and not yet written to the folder
    needs_passphrase: bool  # another computer renewed the key: adopt_renewed_key is waiting


class SyncReport(NamedTuple):
    written: int  # files this device wrote
    applied: int  # rows merged from other devices
    conflicts: int  # conflict copies made (both versions kept)
    unreadable: int  # files left for a later sync (still arriving, or damaged)
    changes: Changes  # the areas the merge touched
    status: SyncStatus


def start(vault: Vault, folder: Path, device_name: str | None = None) -> SyncStatus:
    raise NotImplementedError


def sync_now(vault: Vault) -> SyncReport:
    raise NotImplementedError


def status(vault: Vault) -> SyncStatus:
    raise NotImplementedError


def describe(status: SyncStatus, now: dt.datetime) -> str:
    raise NotImplementedError


def status_json(status: SyncStatus, now: dt.datetime) -> dict:
    """What `reconcile sync status --json` prints (the window shows the same numbers)."""
    raise NotImplementedError


def leave(vault: Vault) -> None:
    raise NotImplementedError


def remove_device(vault: Vault, device_id: str) -> None:
    raise NotImplementedError


def join(
    data_dir: Path,
    folder: Path,
    passphrase: str,
    *,
    device_name: str | None = None,
    clock: Clock | None = None,
    kdf_bounds: KdfBounds | None = None,
) -> Vault:
    raise NotImplementedError


def adopt_renewed_key(vault: Vault, passphrase: str) -> None:
    raise NotImplementedError
