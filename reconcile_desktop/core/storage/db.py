"""The SQLCipher engine: raw 256-bit key, per-connection PRAGMAs, no key in any URL."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine


def key_literal(key: bytearray, salt: bytes | None = None) -> str:
    """SQLCipher's raw-key form, so no second KDF runs on open. With `salt`, a new database
    gets that salt (SQLCipher's key-and-salt form) instead of a random one."""
    return "\"x'" + key.hex() + (salt.hex() if salt else "") + "'\""


def no_stamp() -> str:
    raise RuntimeError("this connection cannot stamp changes")


def add_sync_functions(conn, stamp: Callable[[], str]) -> None:
    """rc_stamp() for the sync triggers (core/sync/tracking.py), and rc_tracking(), a switch
    of this connection alone that a merge or a bulk import turns off while it writes."""
    tracking = [1]

    def set_tracking(on: int) -> int:
        tracking[0] = int(on)
        return tracking[0]

    conn.create_function("rc_stamp", 0, stamp)
    conn.create_function("rc_tracking", 0, lambda: tracking[0])
    conn.create_function("rc_set_tracking", 1, set_tracking)


def connect_raw(path: Path, key: bytearray, stamp: Callable[[], str] = no_stamp):
    """One sqlcipher3 connection set up in the order the security review asked for.

    isolation_level=None: SQLAlchemy emits BEGIN itself (see make_engine), which keeps
    Python's sqlite3 module from opening transactions behind our back. `stamp` gives the sync
    triggers this device's next clock stamp (core/sync/hlc.py).
    """
    import sqlcipher3

    conn = sqlcipher3.connect(str(path), isolation_level=None, check_same_thread=False)
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute("PRAGMA cipher_memory_security = ON")
        conn.execute("PRAGMA key = " + key_literal(key))
        conn.execute("PRAGMA temp_store = MEMORY")
        conn.execute("PRAGMA secure_delete = ON")
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA busy_timeout = 5000")
        add_sync_functions(conn, stamp)
    except Exception:
        conn.close()
        raise
    return conn


def make_engine(
    path: Path,
    key_source: Callable[[], bytearray],
    guard: Callable[[], None] = lambda: None,
    stamp: Callable[[], str] = no_stamp,
) -> Engine:
    """An engine whose connections are keyed by `key_source()`; hide_parameters keeps
    journal text out of any SQLAlchemy error message. `guard` runs before a connection is
    made, at every BEGIN and again just before every COMMIT: what it raises stops there, and
    a transaction it stops is rolled back."""
    import sqlcipher3
    from sqlalchemy import create_engine, event
    from sqlalchemy.pool import QueuePool

    def creator():
        guard()
        return connect_raw(path, key_source(), stamp)

    engine = create_engine(
        "sqlite://",
        module=sqlcipher3.dbapi2,
        creator=creator,
        poolclass=QueuePool,
        pool_size=2,
        max_overflow=4,
        hide_parameters=True,
    )

    @event.listens_for(engine, "begin")
    def _begin(conn):  # an IMMEDIATE write lock would serialise readers; deferred is enough
        guard()
        conn.exec_driver_sql("BEGIN")

    event.listen(engine, "commit", lambda _conn: guard())

    @event.listens_for(engine.pool, "checkin")
    def _checkpoint(dbapi_conn, _record):
        # Committed pages go into vault.db at once (about 0.4 ms a write), so a vault.db-wal
        # deleted by another program while we run takes nothing with it; without this, the
        # next new connection started a fresh WAL and every uncheckpointed entry was lost.
        if dbapi_conn is not None:
            with contextlib.suppress(sqlcipher3.Error):
                dbapi_conn.execute("PRAGMA wal_checkpoint(PASSIVE)")

    return engine
