"""Merging another device's records into this vault: the same result on every computer.

- A row new here is added (unless a delete of it outlives it); links are found by sync id, and a
  row whose linked row has not arrived yet waits in sync_pending.
- A row present on both sides is merged column by column: the newer stamp wins (a tie, which
  needs equal clocks on two devices, goes to the greater value, so both sides still agree).
- A journal body edited on both sides since their common version keeps both: the later edit in
  place, the other as a conflict copy entry linked to it (conflict_of_id). Its id names the
  entry and the losing version, so two devices that see the same conflict make the same copy.
- A delete removes the row unless the row changed after it; an entry also survives a delete
  made by a device that never saw its current words. Deletes are kept as tombstones.

Runs inside one transaction with tracking off (rc_set_tracking(0)): the triggers leave merged rows
alone, and the merge writes their ids and stamps itself. Counts and measures (streaks, strength)
are never merged: they are computed from the merged facts.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy.exc import IntegrityError

from reconcile_desktop.core.sync import records
from reconcile_desktop.core.sync.records import field_stamp, row_stamp, shapes

_LOCAL = "tbl, rid, born, stamp, fields, shadow, base, body_dirty"
_PENDING = object()  # a linked row that has not arrived yet
_DEAD = object()  # a linked row that was deleted, taking this one with it


def hlc_of(stamp: str) -> int:
    return int(stamp[:16], 16)


def _canonical(value: Any) -> str:
    if isinstance(value, bytes | bytearray | memoryview):
        return bytes(value).hex()
    return json.dumps(value, sort_keys=True)


class Merge:
    def __init__(self, conn) -> None:
        self.conn = conn
        self.touched: set[str] = set()
        self.applied = 0
        self.conflicts = 0
        self.newest_hlc = 0
        self.left_out = 0

    # -- helpers --------------------------------------------------------------------------------

    def _q(self, sql: str, params: tuple = ()):
        return self.conn.exec_driver_sql(sql, params)

    def _local(self, uuid: str):
        return self._q(
            f"SELECT {_LOCAL} FROM sync_row WHERE uuid = ?",
            (uuid,),
        ).first()

    def _tomb(self, uuid: str):
        return self._q("SELECT stamp, body FROM sync_tombstone WHERE uuid = ?", (uuid,)).first()

    def _seen(self, uuid: str) -> set[str]:
        return {r[0] for r in self._q("SELECT version FROM sync_seen WHERE uuid = ?", (uuid,))}

    def _see(self, uuid: str, *versions: str | None) -> None:
        for version in versions:
            if version:
                self._q("INSERT OR IGNORE INTO sync_seen (uuid, version) VALUES (?, ?)",
                        (uuid, version))  # fmt: skip

    def _note(self, *stamps: str | None) -> None:
        for stamp in stamps:
            if stamp:
                self.newest_hlc = max(self.newest_hlc, hlc_of(stamp))

    # -- entry points ---------------------------------------------------------------------------

    def apply(self, batch: list[dict], blobs: list[bytes]) -> None:
        for record in batch:
            if "d" in record:
                self._tombstone(record)
            else:
                self._row(record, blobs)
        self.retry_pending()

    def retry_pending(self) -> None:
        while True:
            waiting = self._q("SELECT uuid, record FROM sync_pending").fetchall()
            progress = False
            for uuid, text in waiting:
                self._q("DELETE FROM sync_pending WHERE uuid = ?", (uuid,))
                if self._row(json.loads(text), []) is not _PENDING:
                    progress = True
            if not progress:
                return

    # -- links and values -------------------------------------------------------------------------

    def _resolve(self, record: dict, blobs: list[bytes]) -> dict | object:
        shape = shapes()[record["t"]]
        values: dict[str, Any] = {}
        for col, value in record["v"].items():
            if col not in shape.columns:
                continue  # a column from a newer Reconcile: kept there, unknown here
            if col in shape.links and value is not None:
                parent, _pcol, on_delete = shape.links[col]
                found = self._q(
                    "SELECT rid FROM sync_row WHERE tbl = ? AND uuid = ?", (parent, value)
                ).first()
                if found is not None:
                    value = shapes()[parent].key_of(found[0])
                elif self._tomb(value) is not None:
                    if on_delete == "SET NULL":
                        value = None
                    else:
                        return _DEAD
                else:
                    return _PENDING
            elif isinstance(value, dict):
                if "$b" in value:
                    value = blobs[value["$b"]]
                elif "$x" in value:
                    value = bytes.fromhex(value["$x"])
            values[col] = value
        return values

    def _park(self, record: dict, blobs: list[bytes]) -> None:
        kept = dict(record, v=dict(record["v"]))
        for col, value in kept["v"].items():
            if isinstance(value, dict) and "$b" in value:
                kept["v"][col] = {"$x": blobs[value["$b"]].hex()}
        self._q(
            "INSERT OR REPLACE INTO sync_pending (uuid, tbl, record) VALUES (?, ?, ?)",
            (record["u"], record["t"], json.dumps(kept)),
        )

    # -- rows -----------------------------------------------------------------------------------

    def _row(self, record: dict, blobs: list[bytes]):
        table = record["t"]
        if table not in shapes():
            return None  # a table from a newer Reconcile
        self._note(record["b"], *record["f"].values())
        values = self._resolve(record, blobs)
        if values is _PENDING:
            self._park(record, blobs)
            return _PENDING
        if values is _DEAD:
            return None
        local = self._local(record["u"])
        if local is None and shapes()[table].natural:
            local = self._same_natural_row(table, values)
        if local is None:
            return self._add(record, values)
        return self._merge(record, values, local)

    def _same_natural_row(self, table: str, values: dict):
        shape = shapes()[table]
        if any(c not in values for c in shape.natural):
            return None
        where = " AND ".join(f"{c} IS ?" for c in shape.natural)
        keys = ", ".join(shape.keys)
        found = self._q(
            f"SELECT {keys} FROM {table} WHERE {where}", tuple(values[c] for c in shape.natural)
        ).first()
        if found is None:
            return None
        rid = "|".join(str(v) for v in found)
        return self._q(
            f"SELECT {_LOCAL} FROM sync_row WHERE tbl = ? AND rid = ?",
            (table, rid),
        ).first()

    def _outlives(self, record: dict, uuid: str, tomb) -> bool:
        """Does this version of a row survive a delete of it?"""
        stamp, deleted_body = tomb
        if row_stamp(record) > stamp:
            return True
        if record["t"] == "entry":
            version = field_stamp(record, "body")
            return version != deleted_body and version not in self._seen(uuid)
        return False

    def _add(self, record: dict, values: dict):
        table, uuid = record["t"], record["u"]
        tomb = self._tomb(uuid)
        if tomb is not None:
            if not self._outlives(record, uuid, tomb):
                return None
            self._q("DELETE FROM sync_tombstone WHERE uuid = ?", (uuid,))
        try:
            rid = self._insert(table, values)
        except IntegrityError:
            # A rule of this journal the row would break (say, a second mark for one step
            # and day under another id): the row already here stays, and the sync goes on.
            self.left_out += 1
            return None
        shadow = json.dumps(records.hashes(shapes()[table], values))
        self._track(table, rid, uuid, record["b"], row_stamp(record), json.dumps(record["f"]),
                    shadow, record.get("base"), 0)  # fmt: skip
        if table == "entry":
            self._see(uuid, field_stamp(record, "body"))
        self.touched.add(table)
        self.applied += 1
        return rid

    def _track(self, table, rid, uuid, born, stamp, fields, shadow, base, dirty) -> None:
        self._q(
            "INSERT OR REPLACE INTO sync_row (tbl, rid, uuid, born, stamp, fields, shadow, dirty, "
            "base, body_dirty) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0)",
            (table, rid, uuid, born, stamp, fields, shadow, dirty, base),
        )

    def _insert(self, table: str, values: dict) -> str:
        shape = shapes()[table]
        cols = [c for c in shape.carried if c in values]
        sql = f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' for _ in cols)})"
        result = self._q(sql, tuple(values[c] for c in cols))
        if shape.surrogate:
            return str(result.lastrowid)
        return "|".join(str(values[k]) for k in shape.keys)

    def _merge(self, record: dict, values: dict, local) -> None:
        table = record["t"]
        shape = shapes()[table]
        _tbl, rid, born, stamp, fields_text, shadow_text, base, body_dirty = local
        current = self._current(table, rid)
        if current is None:
            return None
        fields = records.local_fields(shape, current, fields_text, shadow_text, stamp, born)
        shadow = json.loads(shadow_text) if shadow_text else dict.fromkeys(shape.values, "")
        changes: dict[str, Any] = {}
        for col in shape.values:
            if col not in values:
                continue
            theirs, ours = field_stamp(record, col), fields.get(col) or born
            if table == "entry" and col == "body":
                continue
            if theirs > ours or (
                theirs == ours and _canonical(values[col]) > _canonical(current[col])
            ):
                if values[col] != current[col]:
                    changes[col] = values[col]
                fields[col] = theirs
        if table == "entry" and "body" in values:
            base, body_dirty = self._merge_body(
                record, values, current, rid, fields, born, changes, base, body_dirty
            )
        for col, value in changes.items():
            shadow[col] = records.value_hash(value)
        if changes:
            sets = ", ".join(f"{c} = ?" for c in changes)
            where = " AND ".join(f"{k} = ?" for k in shape.keys)
            self._q(
                f"UPDATE {table} SET {sets} WHERE {where}",
                (*changes.values(), *(current[k] for k in shape.keys)),
            )
            self.touched.add(table)
            self.applied += 1
        self._q(
            "UPDATE sync_row SET fields = ?, shadow = ?, stamp = MAX(stamp, ?), base = ?, "
            "body_dirty = ? WHERE tbl = ? AND rid = ?",
            (json.dumps(fields), json.dumps(shadow), row_stamp(record), base, body_dirty, table,
             rid),
        )  # fmt: skip
        return rid

    def _current(self, table: str, rid: str) -> dict | None:
        shape = shapes()[table]
        keys = rid.split("|") if len(shape.keys) > 1 else [shape.key_of(rid)]
        where = " AND ".join(f"{k} = ?" for k in shape.keys)
        row = self._q(
            f"SELECT {', '.join(shape.columns)} FROM {table} WHERE {where}", tuple(keys)
        ).first()
        return dict(zip(shape.columns, row, strict=True)) if row is not None else None

    def _merge_body(self, record, values, current, rid, fields, born, changes, base, dirty):
        uuid = record["u"]
        theirs = field_stamp(record, "body")
        ours = fields.get("body") or born
        their_base = record.get("base")
        if theirs == ours or their_base is None or theirs in self._seen(uuid):
            self._see(uuid, theirs)
            return base, dirty
        if their_base == ours:  # they edited the version we hold: take theirs
            changes["body"] = values["body"]
            fields["body"] = theirs
            self._see(uuid, ours, theirs)
            return their_base, 0
        # Both sides edited since their common version: keep both.
        self.conflicts += 1
        if theirs > ours:
            self._conflict_copy(uuid, current, ours, current["body"], current["id"])
            changes["body"] = values["body"]
            fields["body"] = theirs
            base, dirty = their_base, 0
        else:
            # The copy keeps the other side's whole version, as its computer held it, so it
            # is the same whichever computer makes it first.
            loser = {**current, **{k: v for k, v in values.items() if k in current}}
            self._conflict_copy(uuid, loser, theirs, values["body"], current["id"])
        self._see(uuid, ours, theirs)
        return base, dirty

    def _conflict_copy(self, uuid: str, entry: dict, version: str, body: str, entry_id: int):
        copy_id = f"conflict|{uuid}|{version}"
        if self._local(copy_id) is not None or self._tomb(copy_id) is not None:
            return
        values = {c: entry[c] for c in shapes()["entry"].carried}
        values.update(body=body, conflict_of_id=entry_id)
        rid = self._insert("entry", values)
        # Dirty, so it travels: the other side makes the same copy, and the two meet by id.
        shadow = json.dumps(records.hashes(shapes()["entry"], values))
        self._track("entry", rid, copy_id, version, version, "{}", shadow, None, 1)
        self._see(copy_id, version)
        self.touched.add("entry")

    # -- deletes --------------------------------------------------------------------------------

    def _tombstone(self, record: dict) -> None:
        uuid, stamp = record["u"], record["d"]
        self._note(stamp)
        self._q("DELETE FROM sync_pending WHERE uuid = ?", (uuid,))
        seen = record.get("seen") or []
        local = self._local(uuid)
        if local is not None:
            table, rid, born, stamp, fields_text, shadow_text, _base, _dirty = local
            current = self._current(table, rid) or {}
            fields = records.local_fields(
                shapes()[table], current, fields_text, shadow_text, stamp, born
            )
            newest = max([born, *fields.values()])
            survives = newest > stamp
            if table == "entry":
                body = fields.get("body") or born
                survives = survives or (body != record.get("body") and body not in seen)
            if survives:
                return
            shape = shapes()[table]
            current = self._current(table, rid)
            if current is not None:
                where = " AND ".join(f"{k} = ?" for k in shape.keys)
                try:
                    self._q(
                        f"DELETE FROM {table} WHERE {where}", tuple(current[k] for k in shape.keys)
                    )
                except IntegrityError:
                    return  # still used here (a photo an entry shows): it stays
                self._q("DELETE FROM sync_row WHERE tbl = ? AND rid = ?", (table, rid))
                self.touched.add(table)
                self.applied += 1
        known = self._tomb(uuid)
        if known is None or stamp > known[0]:
            self._q(
                "INSERT OR REPLACE INTO sync_tombstone (uuid, tbl, stamp, body, dirty) "
                "VALUES (?, ?, ?, ?, 0)",
                (uuid, record["t"], stamp, record.get("body")),
            )
        self._see(uuid, *seen, record.get("body"))


def areas_of(tables: set[str]):
    """The change-bus areas a merge touched, from the tables it wrote."""
    from reconcile_desktop.core import changes as c

    by_table = {
        "entry": (c.ENTRIES, c.TRASH),
        "tag": (c.ENTRIES,),
        "entry_tag": (c.ENTRIES,),
        "attachment": (c.ATTACHMENTS,),
        "entry_attachment": (c.ATTACHMENTS, c.ENTRIES),
        "mood_checkin": (c.MOOD,),
        "goal": (c.PLANS,),
        "commitment": (c.PLANS, c.CHECKINS),
        "commitment_schedule": (c.PLANS, c.CHECKINS),
        "checkin": (c.CHECKINS,),
        "pause": (c.PLANS, c.CHECKINS),
        "nocontact_period": (c.NOCONTACT,),
        "contact_event": (c.NOCONTACT,),
        "setting": (c.SETTINGS,),
    }
    areas: set[str] = set()
    for table in tables:
        areas.update(by_table.get(table, c.AREAS))
    return c.Changes(frozenset(areas))


__all__ = ["Merge", "areas_of", "hlc_of", "records"]
