"""Rows as sync records and back: what a change file or a snapshot carries.

A row record: {"t": table, "u": sync id, "b": born stamp, "f": {column: stamp}, "v": {column:
value}, "base": body version an entry's edit started from}. Values are SQLite's own (text,
numbers, None); links are the linked row's sync id; blobs are {"$b": n}, the n-th blob of the
file. A surrogate `id` is never carried: each computer numbers its own rows.
A tombstone: {"t": table, "u": sync id, "d": stamp, "body": deleted body version, "seen": [...]}.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from functools import cache

import sqlalchemy as sa

from reconcile_desktop.core.sync import tracking


class TableShape:
    """What the merge needs to know of one table, worked out once from tables.py."""

    def __init__(self, table: sa.Table) -> None:
        self.name = table.name
        self.keys = tracking.key_columns(table)
        self.surrogate = self.keys == ("id",) and isinstance(table.c.id.type, sa.Integer)
        self.links = tracking.links(table)
        self.natural = tracking.natural_key(table)
        self.columns = tuple(c.name for c in table.columns)
        self.carried = tuple(c for c in self.columns if not (self.surrogate and c == "id"))
        self.values = tuple(c for c in self.columns if c not in self.keys)
        self.blobs = frozenset(c.name for c in table.columns if isinstance(c.type, sa.LargeBinary))
        self.int_key = len(self.keys) == 1 and isinstance(table.c[self.keys[0]].type, sa.Integer)

    def key_of(self, rid: str):
        return int(rid) if self.int_key else rid


@cache
def shapes() -> dict[str, TableShape]:
    return {t.name: TableShape(t) for t in tracking.synced_tables()}


def order() -> tuple[str, ...]:
    return tuple(shapes())


def _uuid_of(conn, parent: str, value) -> str | None:
    if value is None:
        return None
    row = conn.exec_driver_sql(
        "SELECT uuid FROM sync_row WHERE tbl = ? AND rid = ?", (parent, str(value))
    ).first()
    return row[0] if row else None


def _fields(text: str | None) -> dict[str, str]:
    found = json.loads(text or "{}")
    return {k: v for k, v in found.items() if v is not None}


def value_hash(value) -> str:
    data = bytes(value) if isinstance(value, bytes | bytearray | memoryview) else repr(value)
    if isinstance(data, str):
        data = data.encode()
    return hashlib.blake2b(data, digest_size=8).hexdigest()


def hashes(shape: TableShape, values: dict) -> dict[str, str]:
    return {c: value_hash(values[c]) for c in shape.values if c in values}


def local_fields(
    shape: TableShape, values: dict, fields: str | None, shadow: str | None, stamp: str, born: str
) -> dict[str, str]:
    """Each column's stamp: as last written or merged, or, for a column this device changed
    since (its value no longer matches the hash kept then), this device's last write."""
    found = _fields(fields)
    if shadow is None:  # made here and never written out: every value is this device's
        return {c: stamp for c in shape.values} if stamp > born else found
    kept = json.loads(shadow)
    for col in shape.values:
        if col in values and value_hash(values[col]) != kept.get(col):
            found[col] = stamp
    return found


def row_records(
    conn,
    table: str,
    *,
    dirty_only: bool,
    blobs: list[bytes],
    written: list[tuple] | None = None,
) -> Iterator[dict]:
    """Records of `table`'s rows (only those not yet written when dirty_only). `written`
    collects (fields, shadow, table, rid) to save once the records are in the folder."""
    shape = shapes()[table]
    cols = ", ".join(f"T.{c}" for c in shape.columns)
    meta = "r.uuid, r.born, r.stamp, r.fields, r.shadow, r.base, r.rid"
    table_def = tracking_table(table)
    if dirty_only:  # a few rows: found from the bookkeeping's index of rows not yet written
        sql = (
            f"SELECT {cols}, {meta} FROM sync_row r JOIN {table} T "
            f"ON {tracking.key_match(table_def, 'T', 'r.rid')} "
            f"WHERE r.dirty = 1 AND r.tbl = ?"
        )
    else:  # every row (a snapshot): one pass over the table
        sql = (
            f"SELECT {cols}, {meta} FROM {table} T JOIN sync_row r "
            f"ON r.tbl = ? AND r.rid = {tracking.rid_sql(table_def, 'T')}"
        )
    link_cache: dict[tuple[str, object], str | None] = {}
    for row in conn.exec_driver_sql(sql, (table,)):  # streamed: photos are big
        values = dict(zip(shape.columns, row[: len(shape.columns)], strict=True))
        uuid, born, stamp, fields_text, shadow, base, rid = row[len(shape.columns) :]
        fields = local_fields(shape, values, fields_text, shadow, stamp, born)
        if written is not None:
            written.append((json.dumps(fields), json.dumps(hashes(shape, values)), table, rid))
        carried = {}
        for col in shape.carried:
            value = values[col]
            if col in shape.links and value is not None:
                parent = shape.links[col][0]
                cached = link_cache.get((parent, value), "")
                if cached == "":
                    cached = link_cache[(parent, value)] = _uuid_of(conn, parent, value)
                value = cached
            elif col in shape.blobs and value is not None:
                blobs.append(bytes(value))
                value = {"$b": len(blobs) - 1}
            carried[col] = value
        record = {"t": table, "u": uuid, "b": born, "f": fields, "v": carried}
        if base is not None:
            record["base"] = base
        yield record


@cache
def tracking_table(name: str) -> sa.Table:
    from reconcile_desktop.core.storage import tables

    return tables.metadata.tables[name]


def tombstone_records(conn, *, dirty_only: bool) -> Iterator[dict]:
    sql = "SELECT uuid, tbl, stamp, body FROM sync_tombstone"
    if dirty_only:
        sql += " WHERE dirty = 1"
    for uuid, tbl, stamp, body in conn.exec_driver_sql(sql).fetchall():
        record = {"t": tbl, "u": uuid, "d": stamp}
        if tbl == "entry":
            record["body"] = body
            record["seen"] = [
                r[0]
                for r in conn.exec_driver_sql(
                    "SELECT version FROM sync_seen WHERE uuid = ?", (uuid,)
                )
            ]
        yield record


def row_stamp(record: dict) -> str:
    """The newest stamp of any of the row's values."""
    return max([record["b"], *record["f"].values()])


def field_stamp(record: dict, column: str) -> str:
    return record["f"].get(column) or record["b"]
