"""Bring an archive back: into an empty journal exactly as it was, into one with data as a merge.

Everything is read and checked before the first row is written, and all rows go in one
transaction: a bad archive, or a failure halfway, changes nothing. A merge only ever adds
rows; a row already here (the same natural key, see table_list.py) is left exactly as it is
and counted as such, and the archive's rows that link to it link to it here too.

Ids: a table that was empty before the import keeps the archive's ids, so a restore into a new
journal shows every page, number and link exactly as before; otherwise new rows get new ids
and every link is renumbered with them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
import sqlalchemy.exc

from reconcile_desktop.core.archive import document, package
from reconcile_desktop.core.archive.table_list import ArchivedTable, archived_tables
from reconcile_desktop.core.changes import AREAS, THEME, writes
from reconcile_desktop.core.errors import InvalidInput
from reconcile_desktop.core.sync import tracking

if TYPE_CHECKING:
    from reconcile_desktop.core.storage.vault import Vault

Progress = Callable[[int, int], None]
EVERY_AREA = tuple(a for a in AREAS if a != THEME)  # an archive may hold any kind of row


@dataclass(frozen=True)
class TableCount:
    new: int = 0
    present: int = 0  # already in this journal: left as it is
    left_out: int = 0  # could not be added without changing what is here


@dataclass(frozen=True)
class ArchiveResult:
    """What an import did (or, for a preview, would do)."""

    exported: str
    counts: dict[str, TableCount]
    notes: tuple[str, ...] = ()

    @property
    def new(self) -> int:
        return sum(c.new for c in self.counts.values())

    @property
    def present(self) -> int:
        return sum(c.present for c in self.counts.values())

    @property
    def left_out(self) -> int:
        return sum(c.left_out for c in self.counts.values())

    def count(self, table: str) -> TableCount:
        return self.counts.get(table, TableCount())


class _Rollback(Exception):
    """Ends a preview's transaction without keeping anything."""


@dataclass
class _State:
    ids: dict[str, dict[Any, Any]] = field(default_factory=dict)  # archived pk -> pk here
    gone: dict[str, set] = field(default_factory=dict)  # archived pks not brought in
    notes: list[str] = field(default_factory=list)


def _single_pk(at: ArchivedTable) -> str | None:
    pk = [c.name for c in at.table.primary_key.columns]
    return pk[0] if len(pk) == 1 else None


def _existing(conn: Any, at: ArchivedTable) -> dict[tuple, tuple[Any, dict]]:
    """Natural key -> (primary key here, the row's other values). Blob columns are not read:
    a journal's photos need not all be in memory to tell which rows are here already."""
    pk = _single_pk(at)
    found = {}
    columns = [c for c in at.table.columns if c.name not in at.blobs]
    for row in conn.execute(sa.select(*columns)):
        values = dict(row._mapping)
        key = tuple(values[n] for n in at.natural_key)
        found[key] = (values[pk] if pk is not None else key, _comparable(at, values))
    return found


def _comparable(at: ArchivedTable, values: dict) -> dict:
    return {
        k: v for k, v in values.items() if not (at.surrogate_id and k == "id") and k not in at.blobs
    }


def _running_period_here(conn: Any, at: ArchivedTable, row: dict) -> bool:
    """Only one no-contact period runs at a time: an archive's running one waits outside."""
    if at.name != "nocontact_period" or row.get("end_date") is not None:
        return False
    t = at.table
    return (
        conn.execute(sa.select(t.c.id).where(t.c.end_date.is_(None)).limit(1)).first() is not None
    )


CONFLICTING = (
    "This archive is damaged: some of its rows contradict each other, so nothing was imported."
)
_DIFFERS = (
    "Some of the archive's rows say something else than the same rows here (a day marked "
    "differently, a mood, a setting); the ones here were kept as they are."
)
_RUNNING_LEFT_OUT = (
    "The archive's running no-contact period (and what was logged in it) was left out, "
    "because a period is already running here."
)


def _merge_table(
    conn: Any, at: ArchivedTable, rows: list[dict], opened: package.OpenedArchive, st: _State
) -> TableCount:
    table, pk = at.table, _single_pk(at)
    keep_ids = conn.execute(sa.select(sa.func.count()).select_from(table)).scalar() == 0
    existing = _existing(conn, at)
    ids = st.ids.setdefault(at.name, {})
    gone = st.gone.setdefault(at.name, set())
    new = present = left_out = 0
    for row in rows:
        mapped = dict(row)
        orphan = False
        for fk in table.foreign_keys:
            value, target = row[fk.parent.name], fk.column.table.name
            if value is None:
                continue
            if value in st.gone.get(target, ()):
                orphan = True
                break
            mapped[fk.parent.name] = st.ids.get(target, {}).get(value, value)
        archived_pk = row[pk] if pk is not None else None
        if orphan:
            left_out += 1
            gone.add(archived_pk)
            continue
        key = tuple(mapped[n] for n in at.natural_key)
        if key in existing:
            here, values = existing[key]
            ids[archived_pk] = here  # rows that link to it link to the one here
            if values == _comparable(at, mapped):
                present += 1
            else:
                left_out += 1
                st.notes.append(_DIFFERS)
            continue
        if _running_period_here(conn, at, mapped):
            st.notes.append(_RUNNING_LEFT_OUT)
            left_out += 1
            gone.add(archived_pk)
            continue
        for name in at.blobs:
            if mapped[name] is not None:
                mapped[name] = opened.blob(mapped[name])
        if at.surrogate_id and not keep_ids:
            del mapped["id"]
        if pk is not None:
            stmt = sa.insert(table).returning(table.c[pk])
            here = conn.execute(stmt, mapped).scalar_one()
        else:
            conn.execute(sa.insert(table), mapped)
            here = key
        # Not added to `existing`: two rows of the archive are two rows, even when they look
        # alike (two commitments made in the same instant).
        ids[archived_pk] = here
        new += 1
    return TableCount(new, present, left_out)


def _merge(
    conn: Any,
    content: document.Content,
    opened: package.OpenedArchive,
    tables: Sequence[ArchivedTable],
    progress: Progress | None,
) -> ArchiveResult:
    st = _State()
    counts = {}
    total, done = content.count(), 0
    for at in tables:
        rows = content.rows[at.name]
        counts[at.name] = _merge_table(conn, at, rows, opened, st)
        done += len(rows)
        if progress:
            progress(done, total)
    return ArchiveResult(content.exported, counts, tuple(dict.fromkeys(st.notes)))


def _run(
    vault: Vault,
    path: Path,
    passphrase: str | None,
    *,
    keep: bool,
    progress: Progress | None = None,
    tables: Sequence[ArchivedTable] | None = None,
) -> ArchiveResult:
    tables = tables if tables is not None else archived_tables()
    with package.open_archive(Path(path), passphrase, vault.kdf_bounds) as opened:
        content = document.read(opened.doc, tables)
        for at in tables:  # every file a row names is there, before anything is written
            for row in content.rows[at.name]:
                for name in at.blobs:
                    if row[name] is not None and row[name] not in opened.attachments:
                        opened.blob(row[name])  # names the missing file
        try:
            with vault.connection() as conn, tracking.bulk(conn, vault.hlc.stamp()):
                try:
                    result = _merge(conn, content, opened, tables, progress)
                except sa.exc.IntegrityError:  # rows that break a rule the journal keeps
                    raise InvalidInput(CONFLICTING) from None
                if not keep:
                    raise _Rollback
        except _Rollback:
            pass
    if keep and result.new:
        vault.optimize()
    return result


def preview_archive(
    vault: Vault,
    path: Path,
    passphrase: str | None = None,
    *,
    tables: Sequence[ArchivedTable] | None = None,
) -> ArchiveResult:
    """What import_archive would add, keep and leave out, without keeping anything; a file that
    cannot be imported raises InvalidInput with the sentence import_archive would give."""
    return _run(vault, path, passphrase, keep=False, tables=tables)


@writes(*EVERY_AREA)
def import_archive(
    vault: Vault,
    path: Path,
    passphrase: str | None = None,
    *,
    progress: Progress | None = None,
    tables: Sequence[ArchivedTable] | None = None,
) -> ArchiveResult:
    """Add the archive's rows in one transaction; returns what was added, kept and left out."""
    return _run(vault, path, passphrase, keep=True, progress=progress, tables=tables)
