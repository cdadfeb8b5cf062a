"""How sync stands, read without writing anything, and said the same way in the window's
status bar, Settings > Sync and `reconcile sync status` (the numbers are computed here once)."""

from __future__ import annotations

import socket
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from reconcile_desktop.core.sync import engine

if TYPE_CHECKING:
    import datetime as dt

    from reconcile_desktop.core.changes import Changes
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


FOLDER_MISSING = (
    "The sync folder cannot be found. Reconcile will sync again once it is back; "
    "nothing is lost meanwhile."
)
FILE_WAITING = (
    "A file from another computer could not be read yet; it is probably still arriving, "
    "and Reconcile will try again."
)
KEY_RENEWED = (
    "The journal's key or passphrase was changed on another computer. Type the passphrase "
    "in Settings > Sync to keep this computer in step."
)
SNAPSHOT_ARRIVING = (
    "The journal in that folder is still arriving. Try again once your sync tool has finished "
    "copying it."
)
REMOVED = "This computer was removed from sync on another computer. Your journal here is whole."


def host_name() -> str:
    return (socket.gethostname().split(".")[0] or "This computer")[:60]


def status(vault: Vault) -> SyncStatus:
    import datetime as dt

    with vault.connection() as conn:
        config = engine.load_state(conn)
        waiting = conn.exec_driver_sql(
            "SELECT (SELECT count(*) FROM sync_row WHERE dirty = 1) "
            "+ (SELECT count(*) FROM sync_tombstone WHERE dirty = 1)"
        ).scalar()
    enabled = bool(config.get("enabled"))
    problem = config.get("problem")
    folder = config.get("folder")
    if enabled and folder and not Path(folder).is_dir():
        problem = FOLDER_MISSING
    last = config.get("last_synced")
    devices = [
        DeviceInfo(config["device"], config.get("name") or host_name(), None, None, True, False)
    ]
    removed = set(config.get("removed", []))
    for device, info in sorted(config.get("devices", {}).items()):
        seen = info.get("last_seen")
        devices.append(
            DeviceInfo(
                device,
                info.get("name") or "",
                dt.datetime.fromisoformat(seen) if seen else None,
                info.get("clock_ahead_s"),
                False,
                bool(info.get("left")) or device in removed,
            )
        )
    return SyncStatus(
        enabled=enabled,
        folder=folder,
        device_id=config["device"],
        device_name=config.get("name") or host_name(),
        last_synced_utc=dt.datetime.fromisoformat(last) if last else None,
        problem=problem,
        devices=tuple(devices),
        waiting=int(waiting or 0) if enabled else 0,
        needs_passphrase=bool(config.get("needs_passphrase")) and enabled,
    )


def _ago(then: dt.datetime, now: dt.datetime) -> str:
    minutes = int(max(0.0, (now - then).total_seconds()) // 60)
    if minutes < 1:
        return "Synced just now."
    if minutes < 60:
        return f"Synced {minutes} min ago."
    hours = minutes // 60
    if hours < 48:
        return f"Synced {hours} h ago."
    return f"Synced {hours // 24} days ago."


def _days(seconds: float) -> str:
    if seconds >= 2 * 86400:
        return f"about {round(seconds / 86400)} days"
    if seconds >= 2 * 3600:
        return f"about {round(seconds / 3600)} hours"
    return f"about {max(1, round(seconds / 60))} minutes"


def clock_notes(status: SyncStatus) -> list[str]:
    return [
        f"The clock on {d.name or 'another computer'} seems {_days(d.clock_ahead_s)} ahead; "
        "sync keeps the order right anyway."
        for d in status.devices
        if d.clock_ahead_s and not d.left
    ]


def describe(status: SyncStatus, now: dt.datetime) -> str:
    if not status.enabled:
        return REMOVED if status.problem == REMOVED else "Sync is off."
    if status.needs_passphrase:
        return KEY_RENEWED
    if status.problem:
        return status.problem
    if status.last_synced_utc is None:
        return "Not synced yet."
    return " ".join([_ago(status.last_synced_utc, now), *clock_notes(status)])


def status_json(status: SyncStatus, now: dt.datetime) -> dict:
    """What `reconcile sync status --json` prints (the window shows the same numbers)."""

    def when(value):
        return value.isoformat() if value is not None else None

    return {
        "enabled": status.enabled,
        "folder": status.folder,
        "device": {"id": status.device_id, "name": status.device_name},
        "last_synced_utc": when(status.last_synced_utc),
        "sentence": describe(status, now),
        "problem": status.problem,
        "waiting": status.waiting,
        "needs_passphrase": status.needs_passphrase,
        "devices": [
            {
                "id": d.device_id,
                "name": d.name,
                "this": d.is_this,
                "last_seen_utc": when(d.last_seen_utc),
                "clock_ahead_s": d.clock_ahead_s,
                "left": d.left,
            }
            for d in status.devices
        ],
    }
