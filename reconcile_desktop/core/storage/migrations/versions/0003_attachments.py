"""Photos and files in entries: the `attachment` blobs (one row per SHA-256) and the
`entry_attachment` links. Older journals have none, so nothing needs a value.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-03
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "attachment",
        sa.Column("sha256", sa.String(), nullable=False),
        sa.Column("mime", sa.String(), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("bytes", sa.LargeBinary(), nullable=False),
        sa.Column("thumbnail", sa.LargeBinary(), nullable=True),
        sa.Column("created_utc", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("sha256"),
    )
    op.create_table(
        "entry_attachment",
        sa.Column("entry_id", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("file_name", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(["entry_id"], ["entry.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["sha256"], ["attachment.sha256"], ondelete="RESTRICT"),
        sa.PrimaryKeyConstraint("entry_id", "sha256"),
    )
    op.create_index("ix_entry_attachment_sha256", "entry_attachment", ["sha256"])


def downgrade() -> None:
    op.drop_index("ix_entry_attachment_sha256", table_name="entry_attachment")
    op.drop_table("entry_attachment")
    op.drop_table("attachment")
