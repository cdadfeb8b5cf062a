"""Rows as sync records and back: what a change file or a snapshot carries.

A row record: {"t": table, "u": sync id, "b": born stamp, "f": {column: stamp}, "v": {column:
value}, "base": body version an entry's edit started from}. Values are SQLite's own (text,
numbers, None); links are the linked row's sync id; blobs are {"$b": n}, the n-th blob of the
file. A surrogate `id` is never carried: each computer numbers its own rows.
A tombstone: {"t": table, "u": sync id, "d": stamp, "body": deleted body version, "seen": [...]}.
"""

from __future__ import annotations

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


def row_records(conn, table: str, *, dirty_only: bool, blobs: list[bytes]) -> Iterator[dict]:
    """Records of `table`'s rows (only those not yet written when dirty_only)."""
    shape = shapes()[table]
    cols = ", ".join(f"T.{c}" for c in shape.columns)
    meta = "r.uuid, r.born, r.fields, r.base"
    if len(shape.keys) == 1 and dirty_only:
        key = shape.keys[0]
        cast = "CAST(r.rid AS INTEGER)" if shape.int_key else "r.rid"
        sql = (
            f"SELECT {cols}, {meta} FROM sync_row r JOIN {table} T ON T.{key} = {cast} "
            f"WHERE r.dirty = 1 AND r.tbl = ?"
        )
    else:
        rid = tracking.rid_sql(tracking_table(table), "T")
        sql = (
            f"SELECT {cols}, {meta} FROM {table} T JOIN sync_row r "
            f"ON r.tbl = ? AND r.rid = {rid}" + (" WHERE r.dirty = 1" if dirty_only else "")
        )
    link_cache: dict[tuple[str, object], str | None] = {}
    for row in conn.exec_driver_sql(sql, (table,)).fetchall():
        values = dict(zip(shape.columns, row[: len(shape.columns)], strict=True))
        uuid, born, fields, base = row[len(shape.columns) :]
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
        record = {"t": table, "u": uuid, "b": born, "f": _fields(fields), "v": carried}
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
