"""Every user-data row gets a sync id and hybrid-logical-clock stamps, kept by SQLite triggers.

The triggers catch every write, whoever makes it (window, CLI, import, a cascade), so no core
write needs to know about sync. The bookkeeping lives beside the user's tables, not in them, so
the journal's own schema and its archive format stay as they were:

- sync_state: one row; this device's id, the clock as last saved, and its sync settings.
- sync_row: (table, local key) -> sync id, `born` stamp, `stamp` of the last local write, the
  per-column stamps as last written or merged (`fields`) with a short hash of each value then
  (`shadow`), and `dirty` until the row has been written to the sync folder. The columns a
  local write changed are found when the row is written out, by their hashes, so the update
  trigger stays one small statement. For journal entries, `base` is the body version the
  first unsynced edit started from (so a merge can tell a concurrent edit from a newer one).
- sync_tombstone: deleted sync ids (with, for entries, the body version that was deleted).
- sync_seen: body versions of each entry this device has held (concurrent edits need it).
- sync_pending: remote rows waiting for a row they link to. sync_read: how far each other
  device's files have been merged.

Stamps come from rc_stamp() (core/sync/hlc.py). A merge, and a bulk import, turn tracking off
on their own connection with rc_set_tracking(0): a merge writes the bookkeeping itself, and a
bulk import gives every new row its id afterwards in one statement a table (`bulk`), because a
trigger that touches a table costs about 0.2 ms a row under SQLCipher's memory security.

Rows whose table has a natural unique key (a check-in's commitment and day, a tag's key, a
setting's key, ...) get that key, hashed, as their sync id (named when first written out), so
two computers that check in the same day meet on one fact. Rows with a plain number for a key
get a random 128-bit id.
"""

from __future__ import annotations

import contextlib

import sqlalchemy as sa

from reconcile_desktop.core.storage import tables

# Settings that belong to one computer or one copy of the journal, never synced.
LOCAL_SETTING_PATTERNS = ("vault.%", "backups.%", "sync.%")

BOOKKEEPING = (
    """CREATE TABLE sync_state (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        hlc INTEGER NOT NULL,
        device TEXT NOT NULL,
        config TEXT NOT NULL DEFAULT '{}'
    )""",
    """CREATE TABLE sync_row (
        tbl TEXT NOT NULL,
        rid TEXT NOT NULL,
        uuid TEXT NOT NULL,
        born TEXT NOT NULL,
        stamp TEXT NOT NULL,
        fields TEXT NOT NULL DEFAULT '{}',
        shadow TEXT,
        dirty INTEGER NOT NULL,
        base TEXT,
        body_dirty INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (tbl, rid)
    )""",
    "CREATE UNIQUE INDEX ix_sync_row_uuid ON sync_row (uuid)",
    "CREATE INDEX ix_sync_row_dirty ON sync_row (dirty) WHERE dirty = 1",
    """CREATE TABLE sync_tombstone (
        uuid TEXT PRIMARY KEY,
        tbl TEXT NOT NULL,
        stamp TEXT NOT NULL,
        body TEXT,
        dirty INTEGER NOT NULL
    )""",
    """CREATE TABLE sync_seen (
        uuid TEXT NOT NULL,
        version TEXT NOT NULL,
        PRIMARY KEY (uuid, version)
    )""",
    "CREATE TABLE sync_pending (uuid TEXT PRIMARY KEY, tbl TEXT NOT NULL, record TEXT NOT NULL)",
    "CREATE TABLE sync_read (device TEXT PRIMARY KEY, seq INTEGER NOT NULL)",
)

BOOKKEEPING_TABLES = (
    "sync_state",
    "sync_row",
    "sync_tombstone",
    "sync_seen",
    "sync_pending",
    "sync_read",
)

STAMP_NOW = "(SELECT printf('%016x', hlc) || ':' || device FROM sync_state WHERE id = 1)"
TRACKING = "rc_tracking() = 1"


def synced_tables() -> tuple[sa.Table, ...]:
    """The user's tables, parents before the rows that link to them."""
    return tuple(tables.metadata.sorted_tables)


def key_columns(table: sa.Table) -> tuple[str, ...]:
    return tuple(c.name for c in table.primary_key.columns)


def natural_key(table: sa.Table) -> tuple[str, ...] | None:
    """The columns that name a row on every computer, or None for a random id."""
    from reconcile_desktop.core.archive.table_list import own_unique_key

    return own_unique_key(table)


def links(table: sa.Table) -> dict[str, tuple[str, str, str]]:
    """Column -> (parent table, parent column, on delete)."""
    return {
        fk.parent.name: (fk.column.table.name, fk.column.name, (fk.ondelete or "").upper())
        for fk in table.foreign_keys
    }


def rid_sql(table: sa.Table, row: str) -> str:
    """The local key of `row` (NEW or OLD) as text."""
    return " || '|' || ".join(f"CAST({row}.{c} AS TEXT)" for c in key_columns(table))


def parent_id_sql(parent: str, value: str) -> str:
    return f"(SELECT uuid FROM sync_row WHERE tbl = '{parent}' AND rid = CAST({value} AS TEXT))"


def named_sql(table: sa.Table, row: str) -> str | None:
    """The natural key of `row` as a sync id, or None for a table with a random id."""
    natural = natural_key(table)
    if natural is None:
        return None
    linked = links(table)
    parts = []
    for col in natural:
        if col in linked:
            parts.append(f"COALESCE({parent_id_sql(linked[col][0], f'{row}.{col}')}, '')")
        else:
            parts.append(f"COALESCE(CAST({row}.{col} AS TEXT), '')")
    # Hashed (rc_hash): the key may be words the user wrote, such as a tag's name.
    return f"'{table.name}|' || rc_hash(" + " || '|' || ".join(parts) + ")"


PROVISIONAL = "local|"


def id_source(table: sa.Table, row: str) -> str:
    """A new row's id. A row with a natural key first gets a provisional one, named properly
    when the row is first written to the sync folder (name_provisional): looking up the ids
    of the rows it links to, inside the trigger, cost about 0.7 ms a row (each table a trigger
    touches allocates locked memory under SQLCipher's memory security)."""
    if natural_key(table) is None:
        return "lower(hex(randomblob(16)))"
    return f"'{PROVISIONAL}' || lower(hex(randomblob(16)))"


def key_match(table: sa.Table, row: str, rid: str) -> str:
    """SQL that finds `row` of `table` by a sync_row's `rid` (its key columns joined by |)."""
    keys = key_columns(table)
    parts = (
        [rid]
        if len(keys) == 1
        else [
            f"substr({rid}, 1, instr({rid}, '|') - 1)",
            f"substr({rid}, instr({rid}, '|') + 1)",
        ]
    )
    if len(keys) > 2:
        raise ValueError(f"{table.name}: keys of more than two columns are not supported")
    match = []
    for col, part in zip(keys, parts, strict=True):
        if isinstance(table.c[col].type, sa.Integer):
            part = f"CAST({part} AS INTEGER)"
        match.append(f"{row}.{col} = {part}")
    return " AND ".join(match)


def name_provisional(conn) -> None:
    """Give rows with a provisional id their natural one (parents first)."""
    import secrets

    for table in synced_tables():
        named = named_sql(table, "t")
        if named is None:
            continue
        found = conn.exec_driver_sql(
            f"SELECT r.rid, {named} FROM sync_row r JOIN {table.name} t "
            f"ON {key_match(table, 't', 'r.rid')} "
            f"WHERE r.tbl = ? AND r.uuid LIKE '{PROVISIONAL}%'",
            (table.name,),
        ).fetchall()
        for rid, name in found:
            taken = conn.exec_driver_sql("SELECT 1 FROM sync_row WHERE uuid = ?", (name,)).first()
            if taken is not None:  # a renamed tag kept its id; this new one needs its own
                name = f"{name}|{secrets.token_hex(8)}"
            conn.exec_driver_sql(
                "UPDATE sync_row SET uuid = ? WHERE tbl = ? AND rid = ?", (name, table.name, rid)
            )
    # A row made and deleted between two syncs was never seen elsewhere.
    conn.exec_driver_sql(f"DELETE FROM sync_tombstone WHERE uuid LIKE '{PROVISIONAL}%'")


def _only_synced(table: sa.Table, row: str) -> str:
    if table.name != "setting":
        return ""
    return " AND ".join(f"{row}.key NOT LIKE '{p}'" for p in LOCAL_SETTING_PATTERNS)


def _when(*conditions: str) -> str:
    kept = [c for c in conditions if c]
    return f" WHEN {' AND '.join(kept)}" if kept else ""


def triggers(table: sa.Table) -> tuple[str, ...]:
    t = table.name
    body_updates = ""
    body_version = "NULL"
    if t == "entry":
        body_updates = (
            "base = CASE WHEN OLD.body IS NOT NEW.body AND body_dirty = 0 "
            "THEN COALESCE(json_extract(fields, '$.body'), born) ELSE base END, "
            "body_dirty = CASE WHEN OLD.body IS NOT NEW.body THEN 1 ELSE body_dirty END, "
        )
        body_version = (
            "CASE WHEN r.body_dirty = 1 THEN r.stamp "
            "ELSE COALESCE(json_extract(r.fields, '$.body'), r.born) END"
        )
    insert = (
        f"CREATE TRIGGER sync_ins_{t} AFTER INSERT ON {t}"
        f"{_when(TRACKING, _only_synced(table, 'NEW'))} "
        f"BEGIN "
        f"INSERT OR REPLACE INTO sync_row "
        f"(tbl, rid, uuid, born, stamp, fields, shadow, dirty, base, body_dirty) "
        f"SELECT '{t}', {rid_sql(table, 'NEW')}, {id_source(table, 'NEW')}, z.s, z.s, '{{}}', "
        f"NULL, 1, NULL, 0 FROM (SELECT rc_stamp() AS s) AS z; END"
    )
    update = (
        f"CREATE TRIGGER sync_upd_{t} AFTER UPDATE ON {t}"
        f"{_when(TRACKING, _only_synced(table, 'NEW'))} "
        f"BEGIN "
        f"UPDATE sync_row SET {body_updates}stamp = rc_stamp(), dirty = 1, "
        f"rid = {rid_sql(table, 'NEW')} "
        f"WHERE tbl = '{t}' AND rid = {rid_sql(table, 'OLD')}; "
        f"END"
    )
    delete = (
        f"CREATE TRIGGER sync_del_{t} AFTER DELETE ON {t}{_when(_only_synced(table, 'OLD'))} "
        f"BEGIN "
        f"INSERT OR REPLACE INTO sync_tombstone (uuid, tbl, stamp, body, dirty) "
        f"SELECT r.uuid, '{t}', rc_stamp(), {body_version}, 1 FROM sync_row r "
        f"WHERE {TRACKING} AND r.tbl = '{t}' AND r.rid = {rid_sql(table, 'OLD')}; "
        f"DELETE FROM sync_row WHERE tbl = '{t}' AND rid = {rid_sql(table, 'OLD')}; "
        f"END"
    )
    return insert, update, delete


def backfill_sql(table: sa.Table, stamp_sql: str = "?") -> str:
    """Rows without an id get one, and a first stamp (parents first: natural ids use them)."""
    t = table.name
    where = _only_synced(table, t)
    named = named_sql(table, t) or "lower(hex(randomblob(16)))"
    return (
        f"INSERT OR IGNORE INTO sync_row "
        f"(tbl, rid, uuid, born, stamp, fields, shadow, dirty, base, body_dirty) "
        f"SELECT '{t}', {rid_sql(table, t)}, {named}, {stamp_sql}, {stamp_sql}, '{{}}', NULL, 1, "
        f"NULL, 0 FROM {t}" + (f" WHERE {where}" if where else "")
    )


@contextlib.contextmanager
def bulk(conn, stamp: str):
    """Many rows at once (an import): tracked afterwards, one statement a table, all with
    `stamp`. `conn` is the connection (or session) the rows are written on."""
    if not hasattr(conn, "exec_driver_sql"):
        conn = conn.connection()  # an ORM session: its connection
    conn.exec_driver_sql("SELECT rc_set_tracking(0)")
    try:
        yield
        for table in synced_tables():
            conn.exec_driver_sql(backfill_sql(table), (stamp, stamp))
    finally:
        conn.exec_driver_sql("SELECT rc_set_tracking(1)")


def install(conn, device_id: str, hlc: int) -> None:
    """Create the bookkeeping and the triggers, and give every existing row its id."""
    for statement in BOOKKEEPING:
        conn.exec_driver_sql(statement)
    conn.exec_driver_sql(
        "INSERT INTO sync_state (id, hlc, device) VALUES (1, ?, ?)", (hlc, device_id)
    )
    for table in synced_tables():
        conn.exec_driver_sql(backfill_sql(table, STAMP_NOW))
        for statement in triggers(table):
            conn.exec_driver_sql(statement)


def remove(conn) -> None:
    for table in synced_tables():
        for kind in ("ins", "upd", "del"):
            conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS sync_{kind}_{table.name}")
    for name in BOOKKEEPING_TABLES:
        conn.exec_driver_sql(f"DROP TABLE IF EXISTS {name}")
