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

import hashlib
import secrets
import socket
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from reconcile_desktop.core.changes import AREAS, NOTHING, writes
from reconcile_desktop.core.errors import NothingToJoin, SyncFolderForeign, SyncProblem
from reconcile_desktop.core.sync import engine
from reconcile_desktop.core.sync.folder import KEY_COPY, Folder
from reconcile_desktop.core.sync.sealing import SyncKey

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


def _config(vault: Vault) -> dict:
    with vault.connection() as conn:
        return engine.load_state(conn)


def _save(vault: Vault, config: dict) -> None:
    with vault.connection() as conn:
        current = engine.load_state(conn)
        current.update(config)
        engine.save_config(conn, current)


def _key(vault: Vault) -> SyncKey:
    return vault.with_data_key(SyncKey)


def _sha(data: bytes | None) -> str | None:
    return hashlib.sha256(data).hexdigest() if data is not None else None


def _local_key_file(vault: Vault) -> bytes | None:
    try:
        return vault.key_path.read_bytes()
    except OSError:
        return None


def _usable_folder(folder: Path) -> Folder:
    folder = Path(folder).expanduser()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe = folder / f".reconcile-probe-{secrets.token_hex(4)}"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError:
        raise SyncProblem() from None
    return Folder(folder.resolve())


@writes()
def start(vault: Vault, folder: Path, device_name: str | None = None) -> SyncStatus:
    """Start syncing this journal into `folder`, or again after leaving it."""
    target = _usable_folder(folder)
    key = _key(vault)
    marker = target.marker()
    if marker is not None and marker.get("epoch") != key.epoch:
        raise SyncFolderForeign()
    config = _config(vault)
    if config.get("removed_here"):
        config.update(_new_device_id(vault))
    fresh = marker is None
    config.update(
        enabled=True,
        folder=str(target.root),
        name=(device_name or config.get("name") or _host_name()).strip()[:60],
        epoch=key.epoch,
        problem=None,
        needs_passphrase=False,
    )
    local = _local_key_file(vault)
    if fresh:
        target.replace(target.root / KEY_COPY, local or b"")
        target.write_marker(key.epoch)
        config.update(local_sha=_sha(local), folder_sha=_sha(local))
        # Everything so far goes into the first snapshot, not into change files as well.
        with vault.connection() as conn:
            conn.exec_driver_sql("UPDATE sync_row SET dirty = 0, body_dirty = 0")
            conn.exec_driver_sql("UPDATE sync_tombstone SET dirty = 0")
    else:
        config.setdefault("local_sha", _sha(local))
        config.setdefault("folder_sha", _sha(target.read(target.root / KEY_COPY)))
    _save(vault, config)
    engine.write_snapshot(vault, key, target)
    sync_now(vault)
    return status(vault)


def _new_device_id(vault: Vault) -> dict:
    """A computer forgotten by another one comes back as a new device: the others stopped
    waiting for the old one, and its old files may be gone."""
    device = secrets.token_hex(8)
    with vault.connection() as conn:
        conn.exec_driver_sql("UPDATE sync_state SET device = ? WHERE id = 1", (device,))
    vault.hlc.load(device, 0)
    return {"device": device, "removed_here": False, "seq": 0, "snapshot": 0}


def _host_name() -> str:
    return (socket.gethostname().split(".")[0] or "This computer")[:60]


@writes(*AREAS)
def sync_now(vault: Vault) -> SyncReport:
    out = engine.Outcome()
    config = _config(vault)
    if not config.get("enabled"):
        return _report(vault, out)
    target = Folder(Path(config["folder"]))
    if not target.exists():
        _save(vault, {"problem": FOLDER_MISSING})
        return _report(vault, out)
    key = _key(vault)
    problem = None
    try:
        problem = _sync(vault, key, target, config, out)
    except OSError:
        problem = FOLDER_MISSING if not target.exists() else SyncProblem.message
    if problem is None and out.unreadable:
        problem = FILE_WAITING
    update = {"problem": problem}
    if problem in (None, FILE_WAITING):
        update["last_synced"] = vault.clock.now().isoformat()
    _save(vault, update)
    return _report(vault, out)


def _sync(vault: Vault, key: SyncKey, target: Folder, config: dict, out) -> str | None:
    device = config["device"]
    marker = target.marker() or {}
    if key.epoch != config.get("epoch"):
        _renewed_here(vault, key, target)  # this computer renewed the key since the last sync
        config = _config(vault)
    elif marker.get("epoch") not in (None, key.epoch):
        _save(vault, {"needs_passphrase": True})
    _passphrase_changes(vault, target, config)
    others: dict[str, dict] = {}
    removed = set(config.get("removed", []))
    seen_devices = dict(config.get("devices", {}))
    now = vault.clock.now()
    for other in target.devices():
        if other == device:
            continue
        doc = engine.read_device_file(key, target, other)
        if doc is not None:
            others[other] = doc
            removed |= set(doc.get("removed", []))
            seen_devices[other] = {
                "name": str(doc.get("name") or "")[:60],
                "last_seen": doc.get("wrote_at"),
                "clock_ahead_s": engine.clock_ahead_s(doc, now),
                "left": bool(doc.get("left")),
            }
    if device in removed:
        _save(vault, {"enabled": False, "problem": REMOVED, "removed_here": True})
        return REMOVED
    for other in target.devices():
        if other != device and other not in removed:
            engine.read_device(vault, key, target, other, out)
    engine.write_changes(vault, key, target, out)
    config = _config(vault)
    if engine.snapshot_due(target, config):
        engine.write_snapshot(vault, key, target)
        config = _config(vault)
    _save(vault, {"devices": seen_devices, "removed": sorted(set(config.get("removed", [])))})
    engine.write_device_file(vault, key, target)
    engine.prune(target, _config(vault), {d: o for d, o in others.items() if d not in removed})
    return None


def _passphrase_changes(vault: Vault, target: Folder, config: dict) -> None:
    """A passphrase changed here goes to the folder; one changed elsewhere is asked for."""
    local = _local_key_file(vault)
    in_folder = target.read(target.root / KEY_COPY)
    if _sha(local) != config.get("local_sha") and local is not None:
        target.replace(target.root / KEY_COPY, local)
        _save(vault, {"local_sha": _sha(local), "folder_sha": _sha(local)})
    elif _sha(in_folder) != config.get("folder_sha") and in_folder is not None:
        _save(vault, {"needs_passphrase": True})


def _renewed_here(vault: Vault, key: SyncKey, target: Folder) -> None:
    """A new key from Vault.rotate_key: a new epoch, announced with the key file's copy and a
    snapshot sealed under the new key (the old one can no longer be used here)."""
    local = _local_key_file(vault)
    target.replace(target.root / KEY_COPY, local or b"")
    target.write_marker(key.epoch)
    _save(
        vault,
        {"epoch": key.epoch, "local_sha": _sha(local), "folder_sha": _sha(local)},
    )
    engine.write_snapshot(vault, key, target, replace=True)


def _report(vault: Vault, out) -> SyncReport:
    changes = out.changes if out.touched else NOTHING
    return SyncReport(
        out.written, out.applied, out.conflicts, out.unreadable, changes, status(vault)
    )


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
        DeviceInfo(config["device"], config.get("name") or _host_name(), None, None, True, False)
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
        device_name=config.get("name") or _host_name(),
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


@writes()
def leave(vault: Vault) -> None:
    """Stop syncing here; this computer's files stay for the others, the journal stays whole."""
    config = _config(vault)
    if not config.get("enabled"):
        return
    target = Folder(Path(config["folder"]))
    if target.exists():
        try:
            engine.write_changes(vault, _key(vault), target, engine.Outcome())
            engine.write_device_file(vault, _key(vault), target, left=True)
        except OSError:
            pass  # leaving works without the folder too
    _save(vault, {"enabled": False, "problem": None, "needs_passphrase": False})


@writes()
def remove_device(vault: Vault, device_id: str) -> None:
    """Forget another computer: nobody waits for it any more, and it stops syncing when it
    next looks. Its words already merged stay."""
    config = _config(vault)
    removed = set(config.get("removed", [])) | {device_id}
    _save(vault, {"removed": sorted(removed)})
    if config.get("enabled"):
        target = Folder(Path(config["folder"]))
        if target.exists():
            engine.write_device_file(vault, _key(vault), target)


def join(
    data_dir: Path,
    folder: Path,
    passphrase: str,
    *,
    device_name: str | None = None,
    clock: Clock | None = None,
    kdf_bounds: KdfBounds | None = None,
) -> Vault:
    """A new journal here, built from the folder's snapshot and changes."""
    from reconcile_desktop.core.storage import keyfile
    from reconcile_desktop.core.storage.vault import Vault

    source = Folder(Path(folder).expanduser())
    if not source.exists():
        raise SyncProblem(FOLDER_MISSING)
    marker = source.marker()
    key_copy = source.read(source.root / KEY_COPY)
    if marker is None or not key_copy:
        raise NothingToJoin()
    try:
        kf = keyfile.KeyFile.from_bytes(key_copy, kdf_bounds or keyfile.BOUNDS)
    except Exception:
        raise NothingToJoin() from None
    data_key = keyfile.unwrap(kf, passphrase)
    try:
        key = SyncKey(bytes(data_key))
        if key.epoch != marker.get("epoch"):
            raise NothingToJoin()
        best = engine.newest_snapshot(key, source)
        if best is None:
            raise SyncProblem(SNAPSHOT_ARRIVING)
        note, copy = best
        vault = Vault(data_dir, clock=clock, kdf_bounds=kdf_bounds)
        if kf.params is not None:
            vault.kdf_params = kf.params
        config = {
            "device": secrets.token_hex(8),
            "enabled": True,
            "folder": str(source.root.resolve()),
            "name": (device_name or _host_name()).strip()[:60],
            "epoch": key.epoch,
            "folder_sha": _sha(key_copy),
        }

        def fill() -> None:
            engine.adopt_copy(vault, note, config)
            out = engine.Outcome()
            for device in source.devices():
                if device != config["device"]:
                    engine.read_device(vault, key, source, device, out)

        vault.create(passphrase, data_key=data_key, from_copy=copy, fill=fill)
    finally:
        for i in range(len(data_key)):
            data_key[i] = 0
    _save(vault, {"local_sha": _sha(_local_key_file(vault))})
    sync_now(vault)
    return vault


@writes(*AREAS)
def adopt_renewed_key(vault: Vault, passphrase: str) -> None:
    """Take up a passphrase or key changed on another computer: the folder's key file is
    opened with `passphrase`; the same key is wrapped again here, a new one re-encrypts this
    journal (after everything readable under the old key has been merged)."""
    from reconcile_desktop.core.storage import keyfile

    config = _config(vault)
    target = Folder(Path(config["folder"]))
    copy = target.read(target.root / KEY_COPY)
    if copy is None:
        raise SyncProblem(FOLDER_MISSING)
    new_key = keyfile.unwrap(keyfile.KeyFile.from_bytes(copy, vault.kdf_bounds), passphrase)
    try:
        same = vault.with_data_key(lambda k: k == bytes(new_key))
        if same:
            kf = vault.read_keyfile()
            rewrapped = keyfile.wrap(new_key, passphrase, vault.kdf_params, db_salt=kf.db_salt)
            keyfile.write_atomic(vault.key_path, rewrapped.to_bytes())
        else:
            sync_now(vault)  # everything still readable under the old key first
            vault.rotate_key(passphrase, new_key=new_key)
    finally:
        for i in range(len(new_key)):
            new_key[i] = 0
    key = _key(vault)
    local = _local_key_file(vault)
    _save(
        vault,
        {
            "needs_passphrase": False,
            "epoch": key.epoch,
            "local_sha": _sha(local),
            "folder_sha": _sha(copy),
        },
    )
    if not same:
        engine.write_snapshot(vault, key, target, replace=True)
    sync_now(vault)
