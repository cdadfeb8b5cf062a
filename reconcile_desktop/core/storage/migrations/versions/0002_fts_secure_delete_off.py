"""Everyday edits stop paying for FTS5 secure-delete; purges switch it on for themselves.

With secure-delete on, every autosave rewrote the index pages holding each old word (30 to
60 ms at 100,000 entries); off, a save writes a small new segment (about 3 ms). Emptying the
trash and deleting an entry for good turn it on inside their own transaction and then merge
the whole index, which drops the words of every earlier version (see core/journal/entries.py).

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-01
"""

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("INSERT INTO entry_fts(entry_fts, rank) VALUES('secure-delete', 0)")


def downgrade() -> None:
    op.execute("INSERT INTO entry_fts(entry_fts, rank) VALUES('secure-delete', 1)")
