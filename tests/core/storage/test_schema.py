"""The schema is defined once, in core/storage/tables.py: the ORM models are mapped onto
those tables, and the migrations build exactly that schema in a fresh vault. A column, index
or constraint added in one place only (tables.py, a model, or a migration) fails here."""

from __future__ import annotations

import types

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlmodel import SQLModel

from reconcile_desktop.core.storage import models, tables

TABLES = sorted(tables.metadata.tables)
MODELS = {
    cls.__table__.name: cls
    for cls in vars(models).values()
    if isinstance(cls, type) and issubclass(cls, SQLModel) and cls is not SQLModel
}
BY_HAND = ("entry_fts", "alembic_version", "sqlite_", "sync_")  # FTS5, bookkeeping, sync


def _by_hand(name: str) -> bool:
    return name.startswith(BY_HAND)


def test_every_table_has_one_model_mapped_onto_it():
    assert sorted(MODELS) == TABLES
    for name, cls in MODELS.items():
        assert cls.__table__ is tables.metadata.tables[name], name


@pytest.mark.parametrize("name", TABLES)
def test_each_model_field_is_a_column_of_its_table(name):
    table, cls = tables.metadata.tables[name], MODELS[name]
    assert list(cls.model_fields) == table.c.keys()
    for col in table.c:
        annotation = cls.model_fields[col.key].annotation
        allows_none = isinstance(annotation, types.UnionType) and type(None) in annotation.__args__
        assigned_on_insert = col is table.autoincrement_column  # None until the row is added
        assert allows_none == (col.nullable or assigned_on_insert), col.key


def _include(obj, name, type_, reflected, compare_to):
    return not (type_ == "table" and name and _by_hand(name))


def _same_link_but_its_on_delete(diff: list) -> list:
    """Drop a remove_fk/add_fk pair that differs only in ON DELETE: SQLAlchemy does not read
    ON DELETE from a link added by ALTER TABLE (written inline, as migration 0004 must), and
    test_the_migrated_database_holds_each_table_as_defined checks it with PRAGMAs instead."""

    def shape(fk) -> tuple:
        return (fk.table.name, tuple(c.name for c in fk.columns), fk.elements[0].target_fullname)

    removed = {shape(d[1]) for d in diff if d[0] == "remove_fk"}
    added = {shape(d[1]) for d in diff if d[0] == "add_fk"}
    paired = removed & added
    return [d for d in diff if not (d[0] in ("remove_fk", "add_fk") and shape(d[1]) in paired)]


def test_the_migrations_build_exactly_this_schema(vault):
    with vault.engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"include_object": _include})
        diff = compare_metadata(ctx, tables.metadata)
    assert _same_link_but_its_on_delete(diff) == []


def _rows(conn, pragma: str, table: str) -> list[tuple]:
    return list(conn.exec_driver_sql(f"PRAGMA {pragma}('{table}')"))


def _declared(table) -> dict[str, object]:
    """What SQLite reports for `table`, worked out from its definition in tables.py."""
    unique = [tuple(c.name for c in u.columns) for u in table.constraints if _is_unique(u)]
    return {
        "columns": sorted(
            (c.name, c.type.compile(dialect=_sqlite()), not c.nullable, c.primary_key)
            for c in table.c
        ),
        "indexes": sorted(
            (i.name, tuple(c.name for c in i.columns), bool(i.unique)) for i in table.indexes
        ),
        "unique": sorted(unique),
        "links": sorted(
            (fk.parent.name, fk.column.table.name, fk.column.name, fk.ondelete or "NO ACTION")
            for fk in table.foreign_keys
        ),
    }


def _is_unique(constraint) -> bool:
    return type(constraint).__name__ == "UniqueConstraint"


def _sqlite():
    from sqlalchemy.dialects import sqlite

    return sqlite.dialect()


def _found(conn, name: str) -> dict[str, object]:
    """What the migrated database holds for table `name`, read with PRAGMAs."""
    indexes, unique = [], []
    for _seq, index, is_unique, origin, _partial in _rows(conn, "index_list", name):
        cols = tuple(r[2] for r in _rows(conn, "index_info", index))
        if origin == "c":
            indexes.append((index, cols, bool(is_unique)))
        elif origin == "u":
            unique.append(cols)
    return {
        "columns": sorted(
            (r[1], r[2], bool(r[3]), bool(r[5])) for r in _rows(conn, "table_info", name)
        ),
        "indexes": sorted(indexes),
        "unique": sorted(unique),
        "links": sorted((r[3], r[2], r[4], r[6]) for r in _rows(conn, "foreign_key_list", name)),
    }


def test_the_migrated_database_holds_each_table_as_defined(vault):
    with vault.engine.connect() as conn:
        found = {
            r[0]
            for r in conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'table'")
            if not _by_hand(r[0])
        }
        assert sorted(found) == TABLES
        for name in TABLES:
            assert _found(conn, name) == _declared(tables.metadata.tables[name]), name
