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
from typing import Any

from reconcile_desktop.core.sync import records, tracking
from reconcile_desktop.core.sync.folder import Folder
from reconcile_desktop.core.sync.merging import Merge, areas_of
from reconcile_desktop.core.sync.sealing import SyncKey, Unreadable, epoch_of, pack, unpack

BATCH_ROWS = 2000  # rows per change file, so one huge import is several files, not one
BATCH_BYTES = 32 * 1024 * 1024
SNAPSHOT_EVERY = 50  # change files of this device between two of its snapshots, at least
SNAPSHOT_ALWAYS = 500  # ... and at most
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
        self.missing_from: set[str] = set()  # devices whose pruned files no snapshot covers

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


def merge_best_snapshot(vault, key: SyncKey, folder: Folder, out: Outcome) -> None:
    """A new device starts from the newest whole snapshot in the folder, and with it learns
    how far that snapshot had read every device (their later change files come next)."""
    found = [
        (path.stat().st_mtime, device, seq, path)
        for device in folder.devices()
        for seq in folder.snapshot_seqs(device)
        if (path := folder.snapshot_path(device, seq)).exists()
    ]
    for _mtime, device, seq, _path in sorted(found, reverse=True):
        try:
            docs = open_snapshot(key, folder, device, seq)
        except (Unreadable, OSError):
            out.unreadable += 1
            continue
        for doc, blobs in docs[:-1]:
            out.add(merge_doc(vault, doc, blobs, {}))
        doc, blobs = docs[-1]
        out.add(merge_doc(vault, doc, blobs, snapshot_reads(doc)))
        return


def _merge_snapshot(vault, key, folder, device, done, out) -> int | None:
    for seq in reversed(folder.snapshot_seqs(device)):
        if seq <= done:
            return None
        try:
            docs = open_snapshot(key, folder, device, seq)
        except Unreadable:
            out.unreadable += 1
            continue
        for doc, blobs in docs[:-1]:
            out.add(merge_doc(vault, doc, blobs, {}))
        doc, blobs = docs[-1]
        out.add(merge_doc(vault, doc, blobs, {device: seq}))
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
    """Everything this device holds, so a new device need not replay every change file.
    Photos go into parts of at most BATCH_BYTES, written before the snapshot that names them.
    `replace`: after a key renewal, a snapshot of the same number under the new key."""
    # Anything not yet in a change file goes into one first, so the snapshot's number says
    # exactly which change files it holds.
    write_changes(vault, key, folder, Outcome())
    with vault.connection() as conn:
        config = load_state(conn)
        device, seq = config["device"], int(config.get("seq", 0))
        path = folder.snapshot_path(device, seq)
        if replace or not path.exists():  # else nothing of ours changed since that one
            blobs: list[bytes] = []
            rows = [
                r
                for table in records.order()
                if table not in records.BLOB_TABLES
                for r in records.row_records(conn, table, dirty_only=False, blobs=blobs)
            ]
            parts = _write_parts(conn, key, folder, device, seq)
            seen: dict[str, list[str]] = {}
            for uuid, version in conn.exec_driver_sql("SELECT uuid, version FROM sync_seen"):
                seen.setdefault(uuid, []).append(version)
            doc = {
                "kind": "snapshot",
                "device": device,
                "seq": seq,
                "parts": parts,
                "read": read_pointers(conn),
                "rows": rows,
                "tombstones": list(records.tombstone_records(conn, dirty_only=False)),
                "seen": seen,
            }
            folder.replace(path, seal_doc(key, doc, blobs, snapshot_aad(device, seq)))
        config["snapshot"] = seq
        save_config(conn, config)
    for old in folder.snapshot_seqs(device):
        if old < seq:
            folder.remove(folder.snapshot_path(device, old))
    for old, part in folder.part_names(device):
        if old < seq:
            folder.remove(folder.part_path(device, old, part))
    return seq


def _write_parts(conn, key: SyncKey, folder: Folder, device: str, seq: int) -> int:
    parts = 0

    def flush(batch: list[dict], blobs: list[bytes]) -> None:
        nonlocal parts
        doc = {"kind": "part", "device": device, "seq": seq, "rows": batch}
        path = folder.part_path(device, seq, parts)
        folder.replace(path, seal_doc(key, doc, blobs, part_aad(device, seq, parts)))
        parts += 1

    for table in records.BLOB_TABLES:
        batch: list[dict] = []
        blobs: list[bytes] = []
        for record in records.row_records(conn, table, dirty_only=False, blobs=blobs):
            batch.append(record)
            if sum(len(b) for b in blobs) >= BATCH_BYTES:
                flush(batch, blobs)
                batch = []
                del blobs[:]  # in place: the rows being read number their photos in this list
        if batch:
            flush(batch, blobs)
    return parts


def snapshot_due(folder: Folder, config: dict) -> bool:
    """A new snapshot once the change files since the last one are many and weigh a quarter of
    it: the folder stays within about 1.25 times a snapshot, without rewriting a big
    snapshot for every few changes."""
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

    held = size(folder.snapshot_path(device, snapshot)) + sum(
        size(folder.part_path(device, seq, part))
        for seq, part in folder.part_names(device)
        if seq == snapshot
    )
    return sum(size(folder.change_path(device, s)) for s in since) * 4 >= held


def part_aad(device: str, seq: int, part: int) -> str:
    return f"{device}|snapshot|{seq}|part|{part}"


def open_snapshot(key: SyncKey, folder: Folder, device: str, seq: int) -> list[tuple[dict, list]]:
    """A snapshot and its parts, parts first (photos before the rows that show them); raises
    Unreadable when any of them is not here whole yet."""
    main = open_doc(key, folder.read(folder.snapshot_path(device, seq)), snapshot_aad(device, seq))
    docs = [
        open_doc(key, folder.read(folder.part_path(device, seq, n)), part_aad(device, seq, n))
        for n in range(int(main[0].get("parts", 0)))
    ]
    doc, blobs = main
    return [*docs, (dict(doc, rows=doc.get("rows", []) + doc.get("tombstones", [])), blobs)]


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
