"""Encrypted copies of the database outside the live engine: export under a given key, check a
copy opens and passes the integrity checks, and rotate the data key (see pairswap.py for how
the new pair is put in place)."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from reconcile_desktop.core.storage import pair_swap as pairswap

# (name shown to the user, SQL). The search-index check only runs where that table exists.
CHECKS = (
    ("Page check", "PRAGMA cipher_integrity_check"),
    ("Database check", "PRAGMA integrity_check"),
    ("Search index check", "INSERT INTO entry_fts(entry_fts) VALUES('integrity-check')"),
)
UNREADABLE = "the file could not be opened with its key."


def export_copy(raw, dest: Path, key: bytearray, db_salt: bytes | None = None) -> None:
    """Write everything `raw` (an open sqlcipher3 connection) sees into a new file at `dest`,
    encrypted with `key` (and with `db_salt` as its SQLCipher salt when given, so a key file
    can name the copy it opens), then fsync it. `dest` must not exist."""
    from reconcile_desktop.core.storage.db import key_literal
    from reconcile_desktop.paths import make_private

    cur = raw.cursor()
    version = cur.execute("PRAGMA user_version").fetchone()[0]
    cur.execute(f"ATTACH DATABASE ? AS export KEY {key_literal(key, db_salt)}", (str(dest),))
    try:
        cur.execute("SELECT sqlcipher_export('export')")
        cur.execute(f"PRAGMA export.user_version = {int(version)}")
    finally:
        cur.execute("DETACH DATABASE export")
    make_private(dest)  # tolerates a backup folder on FAT/exFAT, where chmod is refused
    pairswap.fsync_file(dest)


def _connect(path: Path, key: bytearray):
    """A connection that only reads: no WAL switch, nothing written beside the file."""
    import sqlcipher3

    from reconcile_desktop.core.storage.db import key_literal

    conn = sqlcipher3.connect(str(path), isolation_level=None, check_same_thread=False)
    conn.execute("PRAGMA cipher_log_level = NONE")
    conn.execute("PRAGMA cipher_memory_security = ON")
    conn.execute("PRAGMA key = " + key_literal(key))
    conn.execute("PRAGMA temp_store = MEMORY")
    return conn


def run_checks(conn) -> list[str]:
    """The integrity checks on an open sqlcipher3 connection; empty when healthy."""
    import sqlcipher3

    has_fts = (
        conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'entry_fts'").fetchone() is not None
    )
    problems: list[str] = []
    for name, sql in CHECKS:
        if "entry_fts" in sql and not has_fts:
            continue
        try:
            rows = [r[0] for r in conn.execute(sql).fetchall()]
        except sqlcipher3.Error:
            problems.append(f"{name}: part of the journal could not be read.")
            continue
        problems += [f"{name}: {r}" for r in rows if r != "ok"]
    return problems


def table_counts(conn) -> dict[str, int]:
    names = [
        r[0]
        for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    return {n: conn.execute(f'SELECT count(*) FROM "{n}"').fetchone()[0] for n in names}


def check_file(path: Path, key: bytearray) -> list[str]:
    """Problems found in the database file at `path` opened with `key` (empty when healthy)."""
    import sqlcipher3

    try:
        conn = _connect(path, key)
    except sqlcipher3.Error:
        return [f"Opening: {UNREADABLE}"]
    try:
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlcipher3.Error:
            return [f"Opening: {UNREADABLE}"]
        return run_checks(conn)
    finally:
        conn.close()


def has_wal(db: Path) -> bool:
    """A -wal beside `db` that holds frames: a copy taken after a crash has writes only there."""
    try:
        return os.stat(f"{db}-wal").st_size > 0
    except OSError:
        return False


def copy_whole(src: Path, dest: Path, key: bytearray) -> list[str]:
    """Copy the database at `src` to `dest` as one self-contained file and check it.

    A -wal beside `src` is copied with it and checkpointed into `dest`, so acknowledged writes
    that never reached vault.db come along; `src` and its folder are only read. Returns the
    problems found (empty when whole); `dest` and anything beside it are the caller's."""
    import sqlcipher3

    from reconcile_desktop.paths import copy_new

    copy_new(src, dest)  # a new private file: never through a planted link
    if has_wal(src):
        copy_new(Path(f"{src}-wal"), Path(f"{dest}-wal"))
        try:
            conn = _connect(dest, key)
            try:
                busy, _frames, _done = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
                conn.execute("PRAGMA journal_mode = DELETE")  # removes the emptied -wal
            finally:
                conn.close()
        except sqlcipher3.Error:
            return [f"Opening: {UNREADABLE}"]
        if busy:  # nobody else can have this private copy open; be plain if it happens
            return ["Opening: the copy's recent writes could not be folded in."]
    for extra in ("-wal", "-shm"):
        Path(f"{dest}{extra}").unlink(missing_ok=True)
    pairswap.fsync_file(dest)
    return check_file(dest, key)


def counts_of(path: Path, key: bytearray) -> dict[str, int]:
    conn = _connect(path, key)
    try:
        return table_counts(conn)
    finally:
        conn.close()


def write_incoming_key(key_path: Path, data: bytes) -> None:
    from reconcile_desktop.paths import write_new

    target = pairswap.incoming_path(key_path)
    target.unlink(missing_ok=True)
    write_new(target, data)


def rotate_files(
    db_path: Path,
    key_path: Path,
    old_key: bytearray,
    new_key: bytearray,
    new_keyfile: bytes,
    *,
    db_salt: bytes | None = None,
) -> None:
    """Re-encrypt db_path under new_key (with `db_salt`, the salt new_keyfile records) and put
    it in place with new_keyfile, as one swap.

    Every connection to db_path must be closed. Raises RotationFailed (nothing changed) when
    the new copy does not match the old one or fails a check."""
    from reconcile_desktop.core.errors import ReconcileError
    from reconcile_desktop.core.storage.db import connect_raw

    incoming = pairswap.incoming_path(db_path)
    pairswap.remove_incoming(db_path, key_path)  # refuses while a committed swap is open
    try:
        conn = connect_raw(db_path, old_key)
        try:
            before = table_counts(conn)
            export_copy(conn, incoming, new_key, db_salt)
        finally:
            conn.close()
        problems = check_file(incoming, new_key)
        if problems or counts_of(incoming, new_key) != before:
            raise ReconcileError(
                "The re-encrypted copy did not pass its checks, so the key was not replaced. "
                "Your journal is unchanged."
            )
        write_incoming_key(key_path, new_keyfile)
    except BaseException:
        pairswap.remove_incoming(db_path, key_path)
        raise
    pairswap.commit(db_path, key_path)


@contextlib.contextmanager
def wiped(*keys: bytearray):
    try:
        yield
    finally:
        for key in keys:
            for i in range(len(key)):
                key[i] = 0
