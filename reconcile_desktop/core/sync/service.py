"""The sync verbs the window and the command line call: start, sync now, join, leave, forget
a computer, take up a renewed key. How sync stands, in words and numbers, is in status.py.

Every verb is safe to call when sync is off. `sync_now` may take a second: the window runs it
on the runner's serial lane and announces `SyncReport.changes`, the areas the merge touched.
"""

from __future__ import annotations

import hashlib
import secrets
from pathlib import Path
from typing import TYPE_CHECKING

from reconcile_desktop.core.changes import AREAS, NOTHING, writes
from reconcile_desktop.core.errors import NothingToJoin, SyncFolderForeign, SyncProblem
from reconcile_desktop.core.sync import engine
from reconcile_desktop.core.sync.folder import KEY_COPY, Folder
from reconcile_desktop.core.sync.sealing import SyncKey
from reconcile_desktop.core.sync.status import (
    FILE_WAITING,
    FOLDER_MISSING,
    REMOVED,
    SNAPSHOT_ARRIVING,
    DeviceInfo,
    SyncReport,
    SyncStatus,
    clock_notes,
    describe,
    host_name,
    status,
    status_json,
)

# The window and the command line reach sync through this one module.
__all__ = [
    "DeviceInfo",
    "SyncReport",
    "SyncStatus",
    "adopt_renewed_key",
    "clock_notes",
    "describe",
    "join",
    "leave",
    "remove_device",
    "start",
    "status",
    "status_json",
    "sync_now",
]

if TYPE_CHECKING:
    from reconcile_desktop.core.clock import Clock
    from reconcile_desktop.core.storage.keyfile import KdfBounds
    from reconcile_desktop.core.storage.vault import Vault


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
    if config.get("removed_here") or _another_writes_as_us(target, config):
        config.update(_new_device_id(vault))
    fresh = marker is None
    config.update(
        enabled=True,
        folder=str(target.root),
        name=(device_name or config.get("name") or host_name()).strip()[:60],
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


def _another_writes_as_us(target: Folder, config: dict) -> bool:
    """Files under this device's id that it did not write: this journal is a copy (a backup
    put back, here or on another computer) of one that still syncs there."""
    device = config["device"]
    used = target.change_seqs(device) + target.snapshot_seqs(device)
    return bool(used) and max(used) > int(config.get("seq", 0))


def _new_device_id(vault: Vault) -> dict:
    """A new device id (the others stopped waiting for a forgotten one; a copy must not write
    under its original's name)."""
    device = secrets.token_hex(8)
    with vault.connection() as conn:
        conn.exec_driver_sql("UPDATE sync_state SET device = ? WHERE id = 1", (device,))
    vault.hlc.load(device, 0)
    return {"device": device, "removed_here": False, "seq": 0, "snapshot": 0}


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
    if _another_writes_as_us(target, config):
        # From here on a device of its own; what it had not yet written is still marked.
        _save(vault, _new_device_id(vault))
        config = _config(vault)
        device = config["device"]
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
            "name": (device_name or host_name()).strip()[:60],
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
