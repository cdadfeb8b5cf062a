"""Which tables the archive holds, and how a merge tells a row that is already there.

The list is derived from core/storage/tables.py: every table is archived unless it is named in
NOT_USER_DATA, in the order its links need (a goal before its commitments). A merge matches a
row by its natural key: the table's own unique key where it has one (a tag's key, a check-in's
commitment and day, a composite or text primary key), else the columns in NATURAL_KEYS. So a
new table with a unique key needs no line here, and one with a plain `id` needs one line in
NATURAL_KEYS (tests/core/archive/test_table_list.py fails until it has it).

Blob columns (LargeBinary) are not put in the JSON: their bytes go to attachments/<sha256> and
the JSON holds the SHA-256, so photos travel as files.
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa

from reconcile_desktop.core.storage import tables

# Tables that hold nothing the user wrote (caches, derived data). None yet.
NOT_USER_DATA: frozenset[str] = frozenset()

# Settings that belong to this journal alone: the id that tells its backups from another
# journal's must not travel into a second journal.
PRIVATE_SETTINGS = frozenset({"vault.id"})

# Natural keys of tables whose primary key is a plain number: "the same row" in a merge.
NATURAL_KEYS: dict[str, tuple[str, ...]] = {
    "entry": ("occurred_utc", "title", "body"),
    "goal": ("title", "created_utc"),
    "commitment": ("goal_id", "action", "created_utc"),
    "pause": ("goal_id", "start_date", "end_date", "reason"),
    "nocontact_period": ("started_utc", "created_utc"),
    "contact_event": ("period_id", "kind", "occurred_utc", "created_utc"),
}


@dataclass(frozen=True)
class ArchivedTable:
    table: sa.Table
    natural_key: tuple[str, ...]

    @property
    def name(self) -> str:
        return self.table.name

    @property
    def surrogate_id(self) -> bool:
        """A plain numeric `id` primary key, which other rows link to and a merge renumbers."""
        pk = list(self.table.primary_key.columns)
        return len(pk) == 1 and pk[0].name == "id" and isinstance(pk[0].type, sa.Integer)

    @property
    def links(self) -> dict[str, str]:
        """Column -> the table it points at."""
        return {fk.parent.name: fk.column.table.name for fk in self.table.foreign_keys}

    @property
    def blobs(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.table.columns if is_blob(c))


def is_blob(column: sa.Column) -> bool:
    return isinstance(column.type, sa.LargeBinary)


def own_unique_key(table: sa.Table) -> tuple[str, ...] | None:
    for constraint in table.constraints:
        if isinstance(constraint, sa.UniqueConstraint) and constraint.columns:
            return tuple(c.name for c in constraint.columns)
    for column in table.columns:
        if column.unique:
            return (column.name,)
    pk = tuple(c.name for c in table.primary_key.columns)
    if pk and pk != ("id",):
        return pk
    return None


def natural_key(table: sa.Table) -> tuple[str, ...]:
    key = NATURAL_KEYS.get(table.name) or own_unique_key(table)
    if key is None:
        raise LookupError(f"table {table.name!r} needs a line in NATURAL_KEYS")
    return key


def archived_tables(metadata: sa.MetaData | None = None) -> tuple[ArchivedTable, ...]:
    """Every table with user data, parents before the rows that link to them."""
    metadata = metadata or tables.metadata
    return tuple(
        ArchivedTable(t, natural_key(t))
        for t in metadata.sorted_tables
        if t.name not in NOT_USER_DATA
    )
