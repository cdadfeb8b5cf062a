"""Sync ids and clocks: every user-data row gets an id that names it on every computer and
hybrid-logical-clock stamps, kept by triggers (core/sync/tracking.py); entries get
`conflict_of_id`, which links a conflict copy to the entry whose other version it keeps.

The triggers are generated from core/storage/tables.py as it stands at this revision; a later
migration that adds a table or a column must drop and create them again (tracking.remove, then
tracking.install's trigger step).

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-03
"""

import secrets

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    from reconcile_desktop.core.sync import tracking

    # Plain SQL: SQLite adds a column with its link in place (Alembic would copy the table).
    op.execute(
        "ALTER TABLE entry ADD COLUMN conflict_of_id INTEGER "
        "REFERENCES entry (id) ON DELETE SET NULL"
    )
    op.create_index("ix_entry_conflict_of_id", "entry", ["conflict_of_id"])
    conn = op.get_bind()
    # The clock starts at zero: the first change stamps with the vault's own clock (a test's
    # fixed clock too), and the rows already here are older than any change to come.
    tracking.install(conn, secrets.token_hex(8), 0)


def downgrade() -> None:
    from reconcile_desktop.core.sync import tracking

    tracking.remove(op.get_bind())
    op.drop_index("ix_entry_conflict_of_id", table_name="entry")
    op.drop_column("entry", "conflict_of_id")
