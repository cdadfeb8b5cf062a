"""Initial schema: journal (with its FTS5 index), change plan, no contact, settings.

Revision ID: 0001
Revises:
Create Date: 2026-11-22
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "goal",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("why", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("principle", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("support_note", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("must_stop", sa.Boolean(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("created_utc", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "mood_checkin",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("mood", sa.Integer(), nullable=False),
        sa.Column("note", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("recorded_utc", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("day"),
    )
    op.create_table(
        "nocontact_period",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("started_utc", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("tz", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("target_days", sa.Integer(), nullable=False),
        sa.Column("ended_utc", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("end_date", sa.Date(), nullable=True),
        sa.Column("end_reason", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("created_utc", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "setting",
        sa.Column("key", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("value", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.PrimaryKeyConstraint("key"),
    )
    op.create_table(
        "tag",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("key", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("key"),
    )
    op.create_table(
        "commitment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("goal_id", sa.Integer(), nullable=False),
        sa.Column("action", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("end_date", sa.Date(), nullable=True),
        sa.Column("archived_date", sa.Date(), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("created_utc", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["goal_id"], ["goal.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("commitment", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_commitment_goal_id"), ["goal_id"], unique=False)

    op.create_table(
        "pause",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("goal_id", sa.Integer(), nullable=True),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("end_date", sa.Date(), nullable=False),
        sa.Column("reason", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.ForeignKeyConstraint(["goal_id"], ["goal.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("pause", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_pause_goal_id"), ["goal_id"], unique=False)

    op.create_table(
        "checkin",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("commitment_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("state", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("note", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("recorded_utc", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["commitment_id"], ["commitment.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("commitment_id", "day"),
    )
    with op.batch_alter_table("checkin", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_checkin_commitment_id"), ["commitment_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_checkin_day"), ["day"], unique=False)

    op.create_table(
        "commitment_schedule",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("commitment_id", sa.Integer(), nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("weekdays", sa.Integer(), nullable=False),
        sa.Column("per_week", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["commitment_id"], ["commitment.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("commitment_id", "valid_from"),
    )
    with op.batch_alter_table("commitment_schedule", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_commitment_schedule_commitment_id"), ["commitment_id"], unique=False
        )

    op.create_table(
        "entry",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("body", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("occurred_utc", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("local_date", sa.Date(), nullable=False),
        sa.Column("tz", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("created_utc", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("updated_utc", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("mood", sa.Integer(), nullable=True),
        sa.Column("principle", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("prompt_id", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("commitment_id", sa.Integer(), nullable=True),
        sa.Column("deleted_utc", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(["commitment_id"], ["commitment.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("entry", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_entry_commitment_id"), ["commitment_id"], unique=False)
        batch_op.create_index("ix_entry_live_time", ["deleted_utc", "occurred_utc"], unique=False)
        batch_op.create_index(batch_op.f("ix_entry_local_date"), ["local_date"], unique=False)

    op.create_table(
        "contact_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("period_id", sa.Integer(), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("occurred_utc", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("local_date", sa.Date(), nullable=False),
        sa.Column("tz", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("intensity", sa.Integer(), nullable=True),
        sa.Column("trigger", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("note", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("entry_id", sa.Integer(), nullable=True),
        sa.Column("created_utc", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["entry_id"], ["entry.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["period_id"], ["nocontact_period.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("contact_event", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_contact_event_entry_id"), ["entry_id"], unique=False)
        batch_op.create_index(
            "ix_contact_event_period_date", ["period_id", "local_date"], unique=False
        )

    op.create_table(
        "entry_tag",
        sa.Column("entry_id", sa.Integer(), nullable=False),
        sa.Column("tag_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["entry_id"], ["entry.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["tag_id"], ["tag.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("entry_id", "tag_id"),
    )
    with op.batch_alter_table("entry_tag", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_entry_tag_tag_id"), ["tag_id"], unique=False)

    # External-content FTS5 index over entry(title, body), kept in sync by triggers.
    # secure-delete makes deleting from the index overwrite the old tokens for real.
    op.execute(
        "CREATE VIRTUAL TABLE entry_fts USING fts5(title, body, content='entry', "
        "content_rowid='id', tokenize='unicode61 remove_diacritics 2', prefix='2 3')"
    )
    op.execute("INSERT INTO entry_fts(entry_fts, rank) VALUES('secure-delete', 1)")
    op.execute(
        "CREATE TRIGGER entry_fts_ai AFTER INSERT ON entry BEGIN "
        "INSERT INTO entry_fts(rowid, title, body) VALUES (new.id, new.title, new.body); END"
    )
    op.execute(
        "CREATE TRIGGER entry_fts_ad AFTER DELETE ON entry BEGIN "
        "INSERT INTO entry_fts(entry_fts, rowid, title, body) "
        "VALUES ('delete', old.id, old.title, old.body); END"
    )
    op.execute(
        "CREATE TRIGGER entry_fts_au AFTER UPDATE OF title, body ON entry BEGIN "
        "INSERT INTO entry_fts(entry_fts, rowid, title, body) "
        "VALUES ('delete', old.id, old.title, old.body); "
        "INSERT INTO entry_fts(rowid, title, body) VALUES (new.id, new.title, new.body); END"
    )


def downgrade() -> None:
    for trigger in ("entry_fts_ai", "entry_fts_ad", "entry_fts_au"):
        op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    op.execute("DROP TABLE IF EXISTS entry_fts")
    with op.batch_alter_table("entry_tag", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_entry_tag_tag_id"))

    op.drop_table("entry_tag")
    with op.batch_alter_table("contact_event", schema=None) as batch_op:
        batch_op.drop_index("ix_contact_event_period_date")
        batch_op.drop_index(batch_op.f("ix_contact_event_entry_id"))

    op.drop_table("contact_event")
    with op.batch_alter_table("entry", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_entry_local_date"))
        batch_op.drop_index("ix_entry_live_time")
        batch_op.drop_index(batch_op.f("ix_entry_commitment_id"))

    op.drop_table("entry")
    with op.batch_alter_table("commitment_schedule", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_commitment_schedule_commitment_id"))

    op.drop_table("commitment_schedule")
    with op.batch_alter_table("checkin", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_checkin_day"))
        batch_op.drop_index(batch_op.f("ix_checkin_commitment_id"))

    op.drop_table("checkin")
    with op.batch_alter_table("pause", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_pause_goal_id"))

    op.drop_table("pause")
    with op.batch_alter_table("commitment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_commitment_goal_id"))

    op.drop_table("commitment")
    op.drop_table("tag")
    op.drop_table("setting")
    op.drop_table("nocontact_period")
    op.drop_table("mood_checkin")
    op.drop_table("goal")
