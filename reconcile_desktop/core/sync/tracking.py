"""Every user-data row gets a sync id and hybrid-logical-clock stamps, kept by SQLite triggers.

The triggers catch every write, whoever makes it (window, CLI, import, a cascade), so no core
write needs to know about sync. The bookkeeping lives beside the user's tables, not in them, so
the journal's own schema and its archive format stay as they were:

- sync_state: one row; this device's id, the clock, `applying` (1 while a merge writes remote
  rows, so the triggers do not stamp them as local changes) and the device's sync settings.
- sync_row: (table, local key) -> sync id, `born` stamp, per-column stamps, `dirty` until the row
  has been written to the sync folder. For journal entries, `base` is the body version the
  first unsynced edit started from (so a merge can tell a concurrent edit from a newer one).
- sync_tombstone: deleted sync ids (with, for entries, the body version that was deleted).
- sync_seen: body versions of each entry this device has held (concurrent edits need it).
- sync_pending: remote rows waiting for a row they link to. sync_read: how far each other
  device's files have been merged.

A stamp is `printf('%016x', hlc) || ':' || device`: comparing two stamps as strings compares the
clocks first and breaks a tie by device, the same on every computer. The clock's high bits are
milliseconds (from `rc_now_ms()`, which each connection gets from the vault's clock), the low 16
bits a counter, so a stamp never goes backwards even when the wall clock does.

Rows whose table has a natural unique key (a check-in's commitment and day, a tag's key, a
setting's key, ...) get that key as their sync id, so two computers that check in the same day
meet on one fact. Rows with a plain number for a key get a random 128-bit id.
"""

from __future__ import annotations

import sqlalchemy as sa

from reconcile_desktop.core.storage import tables

# Settings that belong to one computer or one copy of the journal, never synced.
LOCAL_SETTING_PATTERNS = ("vault.%", "backups.%", "sync.%")

BOOKKEEPING = (
    """CREATE TABLE sync_state (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        hlc INTEGER NOT NULL,
        device TEXT NOT NULL,
        applying INTEGER NOT NULL DEFAULT 0,
        config TEXT NOT NULL DEFAULT '{}'
    )""",
    """CREATE TABLE sync_row (
        tbl TEXT NOT NULL,
        rid TEXT NOT NULL,
        uuid TEXT NOT NULL,
        born TEXT NOT NULL,
        fields TEXT NOT NULL DEFAULT '{}',
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
TICK = "UPDATE sync_state SET hlc = MAX(rc_now_ms() * 65536, hlc + 1) WHERE id = 1"
APPLYING = "(SELECT applying FROM sync_state WHERE id = 1)"


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


def uuid_sql(table: sa.Table, row: str) -> str:
    natural = natural_key(table)
    if natural is None:
        return "lower(hex(randomblob(16)))"
    linked = links(table)
    parts = [f"'{table.name}'"]
    for col in natural:
        if col in linked:
            parts.append(f"COALESCE({parent_id_sql(linked[col][0], f'{row}.{col}')}, '')")
        else:
            parts.append(f"COALESCE(CAST({row}.{col} AS TEXT), '')")
    named = " || '|' || ".join(parts)
    # A renamed tag keeps its id; a new tag with the old name then needs one of its own.
    return (
        f"(CASE WHEN EXISTS (SELECT 1 FROM sync_row WHERE uuid = {named}) "
        f"THEN {named} || '|' || lower(hex(randomblob(8))) ELSE {named} END)"
    )


def _only_synced(table: sa.Table, row: str) -> str:
    if table.name != "setting":
        return ""
    return " AND ".join(f"{row}.key NOT LIKE '{p}'" for p in LOCAL_SETTING_PATTERNS)


def _when(*conditions: str) -> str:
    kept = [c for c in conditions if c]
    return f" WHEN {' AND '.join(kept)}" if kept else ""


def triggers(table: sa.Table) -> tuple[str, ...]:
    t = table.name
    value_columns = [c.name for c in table.columns if c.name not in key_columns(table)]
    field_updates = "fields"
    for col in value_columns:
        field_updates = (
            f"json_set({field_updates}, '$.{col}', CASE WHEN OLD.{col} IS NOT NEW.{col} "
            f"THEN {STAMP_NOW} ELSE json_extract(fields, '$.{col}') END)"
        )
    body_updates = ""
    body_version = "NULL"
    if t == "entry":
        body_updates = (
            "base = CASE WHEN OLD.body IS NOT NEW.body AND body_dirty = 0 "
            "THEN COALESCE(json_extract(fields, '$.body'), born) ELSE base END, "
            "body_dirty = CASE WHEN OLD.body IS NOT NEW.body THEN 1 ELSE body_dirty END, "
        )
        body_version = "COALESCE(json_extract(r.fields, '$.body'), r.born)"
    insert = (
        f"CREATE TRIGGER sync_ins_{t} AFTER INSERT ON {t}{_when(_only_synced(table, 'NEW'))} "
        f"BEGIN "
        f"{TICK} AND applying = 0; "
        f"INSERT OR REPLACE INTO sync_row (tbl, rid, uuid, born, fields, dirty, base, body_dirty) "
        f"SELECT '{t}', {rid_sql(table, 'NEW')}, {uuid_sql(table, 'NEW')}, "
        f"printf('%016x', hlc) || ':' || device, '{{}}', 1 - applying, NULL, 0 "
        f"FROM sync_state WHERE id = 1; "
        f"END"
    )
    update = (
        f"CREATE TRIGGER sync_upd_{t} AFTER UPDATE ON {t}"
        f"{_when(f'{APPLYING} = 0', _only_synced(table, 'NEW'))} "
        f"BEGIN "
        f"{TICK}; "
        f"UPDATE sync_row SET {body_updates}fields = {field_updates}, dirty = 1, "
        f"rid = {rid_sql(table, 'NEW')} "
        f"WHERE tbl = '{t}' AND rid = {rid_sql(table, 'OLD')}; "
        f"END"
    )
    delete = (
        f"CREATE TRIGGER sync_del_{t} AFTER DELETE ON {t}{_when(_only_synced(table, 'OLD'))} "
        f"BEGIN "
        f"{TICK} AND applying = 0; "
        f"INSERT OR REPLACE INTO sync_tombstone (uuid, tbl, stamp, body, dirty) "
        f"SELECT r.uuid, '{t}', printf('%016x', s.hlc) || ':' || s.device, {body_version}, 1 "
        f"FROM sync_row r, sync_state s "
        f"WHERE r.tbl = '{t}' AND r.rid = {rid_sql(table, 'OLD')} AND s.id = 1 "
        f"AND s.applying = 0; "
        f"DELETE FROM sync_row WHERE tbl = '{t}' AND rid = {rid_sql(table, 'OLD')}; "
        f"END"
    )
    return insert, update, delete


def backfill_sql(table: sa.Table) -> str:
    """Existing rows get their ids and a first stamp (parents first: natural ids use them)."""
    t = table.name
    where = _only_synced(table, t)
    return (
        f"INSERT OR IGNORE INTO sync_row (tbl, rid, uuid, born, fields, dirty, base, body_dirty) "
        f"SELECT '{t}', {rid_sql(table, t)}, {uuid_sql(table, t)}, {STAMP_NOW}, '{{}}', 1, "
        f"NULL, 0 FROM {t}" + (f" WHERE {where}" if where else "")
    )


def install(conn, device_id: str, hlc: int) -> None:
    """Create the bookkeeping and the triggers, and give every existing row its id."""
    for statement in BOOKKEEPING:
        conn.exec_driver_sql(statement)
    conn.exec_driver_sql(
        "INSERT INTO sync_state (id, hlc, device) VALUES (1, ?, ?)", (hlc, device_id)
    )
    for table in synced_tables():
        conn.exec_driver_sql(backfill_sql(table))
        for statement in triggers(table):
            conn.exec_driver_sql(statement)


def remove(conn) -> None:
    for table in synced_tables():
        for kind in ("ins", "upd", "del"):
            conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS sync_{kind}_{table.name}")
    for name in BOOKKEEPING_TABLES:
        conn.exec_driver_sql(f"DROP TABLE IF EXISTS {name}")
