"""Alembic environment: always handed an open connection by core/migrations.upgrade()."""

from alembic import context

from reconcile_desktop.core.storage.tables import metadata  # the schema, defined once


def include_object(obj, name, type_, reflected, compare_to):
    # The FTS5 virtual table and its shadow tables are managed by hand in the migrations.
    return not (type_ == "table" and name and name.startswith("entry_fts"))


connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=metadata,
    include_object=include_object,
    render_as_batch=True,  # SQLite cannot ALTER most things; batch mode copies tables
)
with context.begin_transaction():
    context.run_migrations()
