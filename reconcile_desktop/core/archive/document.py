"""reconcile-archive.json: the rows of every archived table, built from a vault and read back.

{"format": "reconcile-archive", "version": 1, "exported": ISO instant, "app": version,
 "tables": {"entry": [{column: value, ...}, ...], ...}}. docs/archive-schema.json describes it.
Ids are the vault's own, so every link (an entry's prompt and commitment, a letter's urge, a
slip's follow-up entry and its check-in, a tag on an entry) reads the same in the archive.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from reconcile_desktop.core.archive import codec
from reconcile_desktop.core.archive.table_list import (
    PRIVATE_SETTINGS,
    ArchivedTable,
    archived_tables,
)
from reconcile_desktop.core.errors import InvalidInput

FORMAT = "reconcile-archive"
VERSION = 1

NOT_AN_ARCHIVE = "This file is not a Reconcile archive, so nothing was changed."
TOO_NEW = "This archive comes from a newer Reconcile. Update Reconcile to import it."
UNKNOWN_VERSION = "This archive has a format version Reconcile does not know; nothing was changed."


def _order(at: ArchivedTable) -> list[sa.Column]:
    return list(at.table.primary_key.columns)


def _kept(at: ArchivedTable, row: Any) -> bool:
    return not (at.name == "setting" and row._mapping.get("key") in PRIVATE_SETTINGS)


def build(
    conn: Any, now: dt.datetime, tables: Sequence[ArchivedTable] | None = None
) -> tuple[dict, list[tuple[ArchivedTable, dict, str, str]]]:
    """The document, and the blobs it names: (table, primary key, column, sha256), once each."""
    from reconcile_desktop import __version__

    tables = tables if tables is not None else archived_tables()
    out: dict[str, list[dict]] = {}
    blobs: dict[str, tuple[ArchivedTable, dict, str, str]] = {}
    for at in tables:
        rows = []
        for row in conn.execute(sa.select(at.table).order_by(*_order(at))):
            if not _kept(at, row):
                continue
            values = row._mapping
            doc = {c.name: codec.encode(c, values[c.name]) for c in at.table.columns}
            pk = {c.name: values[c.name] for c in at.table.primary_key.columns}
            for name in at.blobs:
                sha = doc[name]
                if sha is not None and sha not in blobs:
                    blobs[sha] = (at, pk, name, sha)
            rows.append(doc)
        out[at.name] = rows
    doc = {
        "format": FORMAT,
        "version": VERSION,
        "exported": now.astimezone(dt.UTC).isoformat(),
        "app": __version__,
        "tables": out,
    }
    return doc, list(blobs.values())


def blob_bytes(
    conn: Any, found: list[tuple[ArchivedTable, dict, str, str]]
) -> Iterator[tuple[str, bytes]]:
    """Each blob's bytes, read one at a time (photos are never all in memory at once)."""
    for at, pk, name, sha in found:
        where = [at.table.c[k] == v for k, v in pk.items()]
        data = conn.execute(sa.select(at.table.c[name]).where(*where)).scalar_one()
        yield sha, bytes(data)


# -- reading ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Content:
    exported: str
    rows: dict[str, list[dict[str, Any]]]  # decoded values, per archived table

    def count(self) -> int:
        return sum(len(r) for r in self.rows.values())


def _check_head(doc: Any) -> dict:
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise InvalidInput(NOT_AN_ARCHIVE)
    version = doc.get("version")
    if type(version) is int and version > VERSION:
        raise InvalidInput(TOO_NEW)
    if type(version) is not int or version != VERSION:
        raise InvalidInput(UNKNOWN_VERSION)
    found = doc.get("tables")
    if not isinstance(found, dict):
        raise InvalidInput(
            "This file is not a Reconcile archive: it has no tables. Nothing was changed."
        )
    return found


def read(doc: Any, tables: Sequence[ArchivedTable] | None = None) -> Content:
    """Every row checked against its column, every link against the rows it points at."""
    tables = tables if tables is not None else archived_tables()
    found = _check_head(doc)
    known = {at.name for at in tables}
    unknown = sorted(set(found) - known)
    if unknown:
        raise InvalidInput(
            f"This archive holds data this Reconcile does not know yet ({', '.join(unknown)}); "
            "update Reconcile to import it. Nothing was changed."
        )
    rows: dict[str, list[dict]] = {}
    for at in tables:
        rows[at.name] = _rows(at, found.get(at.name, []))
    _check_links(tables, rows)
    exported = doc.get("exported")
    return Content(exported if isinstance(exported, str) else "", rows)


def _rows(at: ArchivedTable, items: Any) -> list[dict]:
    if not isinstance(items, list):
        raise InvalidInput(f"This archive is damaged: “{at.name}” is not a list of rows.")
    columns = {c.name: c for c in at.table.columns}
    out, seen = [], set()
    pk = [c.name for c in at.table.primary_key.columns]
    for n, item in enumerate(items, 1):
        if not isinstance(item, dict):
            raise InvalidInput(f"This archive is damaged: row {n} of “{at.name}” is not a row.")
        extra = sorted(set(item) - set(columns))
        if extra:
            raise InvalidInput(
                f"Row {n} of “{at.name}” in this archive has fields this Reconcile does not know "
                f"({', '.join(extra)}); update Reconcile to import it. Nothing was changed."
            )
        row = {}
        for name, column in columns.items():
            try:
                row[name] = codec.decode(column, item.get(name))
            except codec.Unreadable:
                raise codec.damaged(at.name, n, name) from None
        key = tuple(row[k] for k in pk)
        if None in key or key in seen:
            raise codec.damaged(at.name, n, "/".join(pk))
        seen.add(key)
        out.append(row)
    return out


def _check_links(tables: Sequence[ArchivedTable], rows: dict[str, list[dict]]) -> None:
    by_table = {at.name: at for at in tables}
    for at in tables:
        for fk in at.table.foreign_keys:
            target = fk.column.table.name
            if target not in by_table:
                continue
            present = {r[fk.column.name] for r in rows[target]}
            for n, row in enumerate(rows[at.name], 1):
                value = row[fk.parent.name]
                if value is not None and value not in present:
                    raise InvalidInput(
                        f"This archive is damaged: row {n} of “{at.name}” links to a "
                        f"“{target}” row that is not in it, so nothing was imported."
                    )
