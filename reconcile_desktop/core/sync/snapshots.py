"""Snapshots: a whole copy of a device's journal in the sync folder, so a new computer starts
from it instead of replaying years of change files.

A snapshot is two files: `snapshot-<seq>.db`, an encrypted copy of vault.db (SQLCipher, under
the journal's data key, as a backup is), and `snapshot-<seq>.rcs`, a sealed note of that copy's
SHA-256, size and how far it had read every device. A copy cut short or changed fails the
check and is read later. Joining copies the database as it is (seconds, not the minutes that
adding its rows one by one took: 79 s for 1,000 entries); a computer that already has a
journal and missed pruned change files merges the copy's rows instead.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from reconcile_desktop.core.sync.folder import Folder
from reconcile_desktop.core.sync.sealing import Unreadable

MERGE_BATCH = 2000  # rows a transaction when a live journal merges a snapshot


def db_path(folder: Folder, device: str, seq: int) -> Path:
    return folder.device_dir(device) / f"snapshot-{seq:010d}.db"


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def write_copy(vault, folder: Folder, device: str, seq: int) -> tuple[str, int]:
    """The encrypted copy, under a temporary name and then renamed: (sha256, size)."""
    from reconcile_desktop.core.storage.encrypted_copy import export_copy
    from reconcile_desktop.core.storage.vault import user_errors

    target = db_path(folder, device, seq)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.parent / f".{target.name}.{os.getpid()}.tmp"
    tmp.unlink(missing_ok=True)
    try:
        with user_errors():  # a damaged journal is said in one sentence, as for a backup
            raw = vault.engine.raw_connection()
            try:
                vault.with_data_key(
                    lambda key: export_copy(raw.driver_connection, tmp, bytearray(key))
                )
            finally:
                raw.close()
        found = file_sha256(tmp), tmp.stat().st_size
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return found


def checked_copy(note: dict, folder: Folder, device: str, seq: int) -> Path:
    """The snapshot's database file, once it is here whole (else Unreadable)."""
    path = db_path(folder, device, seq)
    try:
        if path.stat().st_size != int(note["size"]) or file_sha256(path) != note["sha256"]:
            raise Unreadable("snapshot still arriving")
    except (OSError, KeyError, TypeError, ValueError):
        raise Unreadable("snapshot missing") from None
    return path


def place_copy(source: Path, target: Path) -> None:
    """The joining computer's new database, copied from the snapshot."""
    shutil.copyfile(source, target)


class _Rows:
    """Just enough of a SQLAlchemy connection for records.row_records on a plain connection."""

    def __init__(self, conn) -> None:
        self.conn = conn

    def exec_driver_sql(self, sql: str, params: tuple = ()):
        return _Result(self.conn.execute(sql, params))


class _Result:
    def __init__(self, cursor) -> None:
        self.cursor = cursor

    def __iter__(self):
        return iter(self.cursor)

    def first(self):
        return self.cursor.fetchone()

    def fetchall(self):
        return self.cursor.fetchall()


@contextmanager
def opened(vault, path: Path) -> Iterator[_Rows]:
    """A snapshot's database, opened read-only with the journal's key."""
    import sqlcipher3

    from reconcile_desktop.core.storage.db import add_sync_functions, key_literal

    conn = sqlcipher3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
    try:
        conn.execute("PRAGMA cipher_memory_security = ON")
        vault.with_data_key(lambda key: conn.execute("PRAGMA key = " + key_literal(key)))
        add_sync_functions(conn, lambda: "")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        yield _Rows(conn)
    except sqlcipher3.DatabaseError:
        raise Unreadable("snapshot under another key") from None
    finally:
        conn.close()


def snapshot_batches(vault, path: Path) -> Iterator[tuple[list[dict], list[bytes]]]:
    """The copy's rows and deletes as records, in batches (photos are big)."""
    from reconcile_desktop.core.sync import records

    with opened(vault, path) as conn:
        batch: list[dict] = []
        blobs: list[bytes] = []
        for table in records.order():
            for record in records.row_records(conn, table, dirty_only=False, blobs=blobs):
                batch.append(record)
                if len(batch) >= MERGE_BATCH or sum(len(b) for b in blobs) >= 32 << 20:
                    yield batch, list(blobs)
                    batch = []
                    del blobs[:]  # in place: the rows being read number their photos here
        batch.extend(records.tombstone_records(conn, dirty_only=False))
        yield batch, list(blobs)


def seen_versions(vault, path: Path) -> dict[str, list[str]]:
    with opened(vault, path) as conn:
        seen: dict[str, list[str]] = {}
        for uuid, version in conn.exec_driver_sql("SELECT uuid, version FROM sync_seen"):
            seen.setdefault(uuid, []).append(version)
        return seen
