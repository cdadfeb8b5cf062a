"""One sync: read every other device's new files and merge them, write this device's changes,
say what it has read, snapshot when due, and prune what every device has acknowledged.

Each step is its own transaction, and the order makes every interruption harmless:
- a change file is written before its rows are marked written, so a crash in between only
  writes them again (merging is idempotent);
- a merged file is recorded as read in the transaction that merged it;
- a file is deleted only after every known device said it has read it, and a snapshot of this
  device holds everything in it.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from reconcile_desktop.core.sync import records, snapshots, tracking
from reconcile_desktop.core.sync.folder import Folder
from reconcile_desktop.core.sync.merging import Merge, areas_of
from reconcile_desktop.core.sync.sealing import SyncKey, Unreadable, epoch_of, pack, unpack

BATCH_ROWS = 2000  # rows per change file, so one huge import is several files, not one
BATCH_BYTES = 32 * 1024 * 1024
SNAPSHOT_EVERY = 50  # change files of this device between two of its snapshots, at least
SNAPSHOT_ALWAYS = 500  # ... and at most
SMALL_COPY = 4 * 1024 * 1024  # a journal this small is copied every SNAPSHOT_EVERY files
CLOCK_NOTICED_S = 5 * 60


# -- the device's state in its vault (sync_state) -------------------------------------------------


def load_state(conn) -> dict[str, Any]:
    row = conn.exec_driver_sql("SELECT device, config FROM sync_state WHERE id = 1").first()
    config = json.loads(row[1] or "{}")
    config["device"] = row[0]
    return config


def save_config(conn, config: dict[str, Any]) -> None:
    kept = {k: v for k, v in config.items() if k != "device"}
    conn.exec_driver_sql("UPDATE sync_state SET config = ? WHERE id = 1", (json.dumps(kept),))


def set_tracking(conn, on: bool) -> None:
    """Off while a merge writes other devices' rows (it keeps their ids and stamps itself)."""
    conn.exec_driver_sql("SELECT rc_set_tracking(?)", (int(on),))


def save_clock(vault, conn, newest_hlc: int = 0) -> None:
    """The hybrid clock's receive rule (never stamp below what was read), saved with it."""
    vault.hlc.receive(newest_hlc)
    conn.exec_driver_sql("UPDATE sync_state SET hlc = MAX(hlc, ?) WHERE id = 1", (vault.hlc.last,))


def read_pointers(conn) -> dict[str, int]:
    return dict(conn.exec_driver_sql("SELECT device, seq FROM sync_read").fetchall())


def set_read(conn, device: str, seq: int) -> None:
    conn.exec_driver_sql(
        "INSERT INTO sync_read (device, seq) VALUES (?, ?) "
        "ON CONFLICT (device) DO UPDATE SET seq = MAX(seq, excluded.seq)",
        (device, seq),
    )


# -- sealed files ---------------------------------------------------------------------------------


def seal_doc(key: SyncKey, doc: dict, blobs: list[bytes], aad: str) -> bytes:
    return key.seal(pack(doc, blobs), aad)


def open_doc(key: SyncKey, data: bytes | None, aad: str) -> tuple[dict, list[bytes]]:
    if data is None:
        raise Unreadable("missing")
    return unpack(key.open(data, aad))


def change_aad(device: str, seq: int) -> str:
    return f"{device}|changes|{seq}"


def snapshot_aad(device: str, seq: int) -> str:
    return f"{device}|snapshot|{seq}"


def device_aad(device: str) -> str:
    return f"{device}|device"


class Outcome:
    """What one sync did, for the report."""

    def __init__(self) -> None:
        self.written = 0
        self.applied = 0
        self.conflicts = 0
        self.unreadable = 0
        self.touched: set[str] = set()

    def add(self, merge: Merge) -> None:
        self.applied += merge.applied
        self.conflicts += merge.conflicts
        self.touched |= merge.touched

    @property
    def changes(self):
        return areas_of(self.touched)


# -- reading other devices ------------------------------------------------------------------------


def merge_doc(vault, doc: dict, blobs: list[bytes], reads: dict[str, int]) -> Merge:
    """Merge one file's rows and record how far it reached, in one transaction."""
    with vault.connection() as conn:
        set_tracking(conn, False)
        merge = Merge(conn)
        try:
            merge.apply(doc.get("rows", []), blobs)
            for uuid, versions in (doc.get("seen") or {}).items():
                for version in versions:
                    conn.exec_driver_sql(
                        "INSERT OR IGNORE INTO sync_seen (uuid, version) VALUES (?, ?)",
                        (uuid, version),
                    )
            for device, seq in reads.items():
                set_read(conn, device, seq)
            save_clock(vault, conn, merge.newest_hlc)
        finally:
            set_tracking(conn, True)
    return merge


def snapshot_reads(doc: dict) -> dict[str, int]:
    reads = {k: int(v) for k, v in (doc.get("read") or {}).items()}
    reads[doc["device"]] = int(doc["seq"])
    return reads


def read_device(vault, key: SyncKey, folder: Folder, device: str, out: Outcome) -> None:
    """Merge every new, whole file of one other device, in order; stop at one that is not."""
    with vault.connection() as conn:
        done = read_pointers(conn).get(device, 0)
    seqs = [s for s in folder.change_seqs(device) if s > done]
    if not seqs or seqs[0] != done + 1:
        # The next file is not here: pruned once every device had read it (then a snapshot
        # of that device holds it), or still on its way.
        newest = max((s for s in folder.snapshot_seqs(device) if s > done), default=None)
        if newest is not None and (not seqs or newest >= seqs[0] - 1):
            covered = _merge_snapshot(vault, key, folder, device, done, out)
            if covered is None:
                return
            done = covered
            seqs = [s for s in seqs if s > done]
        if seqs and seqs[0] != done + 1:
            out.unreadable += 1
            return
    for seq in seqs:
        if seq <= done:
            continue
        data = folder.read(folder.change_path(device, seq))
        try:
            doc, blobs = open_doc(key, data, change_aad(device, seq))
        except Unreadable:
            if data is not None and epoch_of(data) not in (None, key.epoch):
                # Sealed under the key before a renewal: that device's snapshot under the new
                # key holds it.
                covered = _merge_snapshot(vault, key, folder, device, seq - 1, out)
                if covered is not None and covered >= seq:
                    done = covered
                    continue
            out.unreadable += 1
            return  # still arriving, or damaged: the next sync tries again
        out.add(merge_doc(vault, doc, blobs, {device: seq}))


def newest_snapshot(key: SyncKey, folder: Folder) -> tuple[dict, Path] | None:
    """The newest snapshot in the folder that is here whole: its note and its database."""
    found = []
    for device in folder.devices():
        for seq in folder.snapshot_seqs(device):
            path = folder.snapshot_path(device, seq)
            try:
                found.append((path.stat().st_mtime, device, seq))
            except OSError:
                continue
    for _mtime, device, seq in sorted(found, reverse=True):
        try:
            note = read_note(key, folder, device, seq)
            return note, snapshots.checked_copy(note, folder, device, seq)
        except Unreadable:
            continue
    return None


def read_note(key: SyncKey, folder: Folder, device: str, seq: int) -> dict:
    doc, _ = open_doc(
        key, folder.read(folder.snapshot_path(device, seq)), snapshot_aad(device, seq)
    )
    return doc


def _merge_snapshot(vault, key, folder, device, done, out) -> int | None:
    """A journal that missed pruned change files merges the rows of that device's snapshot."""
    for seq in reversed(folder.snapshot_seqs(device)):
        if seq <= done:
            return None
        try:
            note = read_note(key, folder, device, seq)
            path = snapshots.checked_copy(note, folder, device, seq)
            seen = snapshots.seen_versions(vault, path)
            # Streamed, batch by batch (photos are big); how far it reached is recorded last.
            for rows, blobs in snapshots.snapshot_batches(vault, path):
                out.add(merge_doc(vault, {"rows": rows}, blobs, {}))
        except Unreadable:
            out.unreadable += 1
            continue
        out.add(merge_doc(vault, {"rows": [], "seen": seen}, [], {device: seq}))
        return seq
    return None


# -- writing this device's changes ----------------------------------------------------------------


def next_seq(folder: Folder, config: dict) -> int:
    """Never a number used before, even after a restore from an older backup."""
    used = folder.change_seqs(config["device"]) + folder.snapshot_seqs(config["device"])
    return max([int(config.get("seq", 0)), *used]) + 1


def write_changes(vault, key: SyncKey, folder: Folder, out: Outcome) -> None:
    with vault.connection() as conn:
        # Take the write lock first, so no write lands between reading and marking.
        conn.exec_driver_sql("UPDATE sync_state SET config = config WHERE id = 1")
        tracking.name_provisional(conn)
        config = load_state(conn)
        device = config["device"]
        batch, blobs, size = [], [], 0
        files: list[tuple[dict, list[bytes]]] = []
        written: list[tuple] = []
        for table in records.order():
            rows = records.row_records(conn, table, dirty_only=True, blobs=blobs, written=written)
            for record in rows:
                batch.append(record)
                size += sum(len(b) for b in blobs[-1:]) if blobs else 0
                if len(batch) >= BATCH_ROWS or size >= BATCH_BYTES:
                    files.append((batch, blobs))
                    batch, blobs, size = [], [], 0
        batch.extend(records.tombstone_records(conn, dirty_only=True))
        if batch:
            files.append((batch, blobs))
        seq = next_seq(folder, config) - 1
        for rows, file_blobs in files:
            seq += 1
            doc = {"kind": "changes", "device": device, "seq": seq, "rows": rows}
            sealed = seal_doc(key, doc, file_blobs, change_aad(device, seq))
            folder.write_new(folder.change_path(device, seq), sealed)
            out.written += 1
        if files:
            for update in written:
                conn.exec_driver_sql(
                    "UPDATE sync_row SET fields = ?, shadow = ? WHERE tbl = ? AND rid = ?", update
                )
            conn.exec_driver_sql("UPDATE sync_row SET dirty = 0, body_dirty = 0 WHERE dirty = 1")
            conn.exec_driver_sql("UPDATE sync_tombstone SET dirty = 0 WHERE dirty = 1")
            config["seq"] = seq
            save_config(conn, config)
        save_clock(vault, conn)


def write_snapshot(vault, key: SyncKey, folder: Folder, *, replace: bool = False) -> int:
    """Everything this device holds, as an encrypted copy of its database and a sealed note.
    `replace`: after a key renewal, a snapshot of the same number under the new key."""
    # Anything not yet in a change file goes into one first, so the snapshot's number says
    # exactly which change files it holds.
    write_changes(vault, key, folder, Outcome())
    with vault.connection() as conn:
        config = load_state(conn)
        reads = read_pointers(conn)
    device, seq = config["device"], int(config.get("seq", 0))
    note_path = folder.snapshot_path(device, seq)
    if replace or not note_path.exists():  # else nothing of ours changed since that one
        sha256, size = snapshots.write_copy(vault, folder, device, seq)
        doc = {
            "kind": "snapshot",
            "device": device,
            "seq": seq,
            "read": reads,
            "sha256": sha256,
            "size": size,
        }
        folder.replace(note_path, seal_doc(key, doc, [], snapshot_aad(device, seq)))
    with vault.connection() as conn:
        config = load_state(conn)
        config["snapshot"] = seq
        save_config(conn, config)
    for old in folder.snapshot_seqs(device):
        if old < seq:
            folder.remove(folder.snapshot_path(device, old))
            folder.remove(snapshots.db_path(folder, device, old))
    return seq


def snapshot_due(folder: Folder, config: dict) -> bool:
    """A new snapshot once the change files since the last one are many and, for a journal of
    some size, weigh a quarter of it: the folder stays within about 1.25 times a snapshot,
    without copying a big journal for every few changes."""
    device, snapshot = config["device"], int(config.get("snapshot", 0))
    since = [s for s in folder.change_seqs(device) if s > snapshot]
    if len(since) >= SNAPSHOT_ALWAYS:
        return True
    if len(since) < SNAPSHOT_EVERY:
        return False

    def size(path) -> int:
        try:
            return path.stat().st_size
        except OSError:
            return 0

    held = size(snapshots.db_path(folder, device, snapshot))
    if held < SMALL_COPY:  # cheap to copy: old change files can go sooner
        return True
    return sum(size(folder.change_path(device, s)) for s in since) * 4 >= held


def adopt_copy(vault, note: dict, config: dict) -> None:
    """A joining computer's database, just copied from a snapshot, made its own: a new device
    id and sync settings, none of the other computer's own settings, nothing waiting to be
    written, and the snapshot's reading position as its own."""
    device = config["device"]
    with vault.connection() as conn:
        conn.exec_driver_sql("UPDATE sync_state SET device = ? WHERE id = 1", (device,))
        save_config(conn, config)
        for pattern in tracking.LOCAL_SETTING_PATTERNS:
            conn.exec_driver_sql("DELETE FROM setting WHERE key LIKE ?", (pattern,))
        conn.exec_driver_sql("UPDATE sync_row SET dirty = 0, body_dirty = 0 WHERE dirty = 1")
        conn.exec_driver_sql("UPDATE sync_tombstone SET dirty = 0 WHERE dirty = 1")
        conn.exec_driver_sql("DELETE FROM sync_read WHERE device = ?", (device,))
        for other, seq in snapshot_reads(note).items():
            set_read(conn, other, seq)
        hlc = conn.exec_driver_sql("SELECT hlc FROM sync_state WHERE id = 1").scalar()
    vault.hlc.load(device, hlc)


# -- what each device says of itself --------------------------------------------------------------


def write_device_file(vault, key: SyncKey, folder: Folder, *, left: bool = False) -> None:
    with vault.connection() as conn:
        config = load_state(conn)
        doc = {
            "kind": "device",
            "device": config["device"],
            "name": config.get("name") or "",
            "wrote_at": vault.clock.now().isoformat(),
            "read": read_pointers(conn),
            "seq": int(config.get("seq", 0)),
            "left": left,
            "removed": sorted(config.get("removed", [])),
            "key_sha": config.get("key_sha"),
        }
    device = config["device"]
    folder.replace(folder.device_path(device), seal_doc(key, doc, [], device_aad(device)))


def read_device_file(key: SyncKey, folder: Folder, device: str) -> dict | None:
    try:
        doc, _ = open_doc(key, folder.read(folder.device_path(device)), device_aad(device))
    except Unreadable:
        return None
    return doc


def clock_ahead_s(doc: dict, now: dt.datetime) -> float | None:
    try:
        wrote = dt.datetime.fromisoformat(doc["wrote_at"])
    except (KeyError, TypeError, ValueError):
        return None
    ahead = (wrote - now).total_seconds()
    return ahead if ahead > CLOCK_NOTICED_S else None


# -- pruning --------------------------------------------------------------------------------------


def prune(folder: Folder, config: dict, others: dict[str, dict]) -> None:
    """Drop this device's change files that every known device has read and a snapshot holds."""
    device = config["device"]
    snapshot = int(config.get("snapshot", 0))
    removed = set(config.get("removed", []))
    acks = [
        int((doc.get("read") or {}).get(device, 0))
        for other, doc in others.items()
        if other not in removed and not doc.get("left")
    ]
    if not acks:
        return  # nobody else yet: a device may still join and need the change files
    limit = min([snapshot, *acks])
    for seq in folder.change_seqs(device):
        if seq <= limit:
            folder.remove(folder.change_path(device, seq))
