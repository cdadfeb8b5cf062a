"""The schema: every table, column, index and constraint, defined here once.

Plain SQLAlchemy Core, without sqlmodel or pydantic (which cost a CLI command about 300 ms and
15 MiB before it had read a single row), so the journal, search and no-contact reads and the
CLI use these tables directly. models.py maps its SQLModel classes onto these same Table
objects for the ORM code, and the Alembic migrations must produce exactly this schema:
tests/core/storage/test_schema.py checks both. The FTS5 index `entry_fts` and its triggers
live in the migrations only (SQLAlchemy cannot declare virtual tables).

Instants (`*_utc`) are timezone-aware UTC datetimes; where a calendar day matters the local
date and the zone name are stored beside them, so streaks and check-ins count local days.
"""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from sqlalchemy import types

ENTRY_KINDS = ("free", "prompted", "letter", "worksheet")
PRINCIPLES = ("accountability", "empathy", "change", "patience")

metadata = sa.MetaData()


class UTCDateTime(types.TypeDecorator):
    """The storage of sqlmodel's UTCDateTime: aware datetimes in, UTC datetimes out."""

    impl = types.DateTime
    cache_ok = True

    def __init__(self) -> None:
        super().__init__(timezone=True)

    def coerce_compared_value(self, op, value):
        if isinstance(value, dt.timedelta):
            return types.Interval()
        return self

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.utcoffset() is None:
            raise ValueError("Datetime values must have timezone information.")
        return value.astimezone(dt.UTC)

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        if value.utcoffset() is None:
            return value.replace(tzinfo=dt.UTC)
        return value.astimezone(dt.UTC)


def _id() -> sa.Column:
    return sa.Column("id", sa.Integer, primary_key=True)


def _text(name: str, nullable: bool = False, **kw) -> sa.Column:
    return sa.Column(name, sa.String, nullable=nullable, **kw)


def _instant(name: str, nullable: bool = False) -> sa.Column:
    return sa.Column(name, UTCDateTime(), nullable=nullable)


def _int(name: str, nullable: bool = False) -> sa.Column:
    return sa.Column(name, sa.Integer, nullable=nullable)


def _date(name: str, nullable: bool = False, **kw) -> sa.Column:
    return sa.Column(name, sa.Date, nullable=nullable, **kw)


def _link(
    name: str, target: str, *, nullable: bool = False, on_delete: str = "CASCADE", **kw
) -> sa.Column:
    """A foreign key column, indexed unless told otherwise (deletes look rows up by it)."""
    kw.setdefault("index", True)
    fk = sa.ForeignKey(target, ondelete=on_delete)
    return sa.Column(name, sa.Integer, fk, nullable=nullable, **kw)


# -- the journal ------------------------------------------------------------------------------

ENTRY = sa.Table(
    "entry",
    metadata,
    _id(),
    _text("title"),
    _text("body"),
    _instant("occurred_utc"),
    _date("local_date", index=True),
    _text("tz"),
    _instant("created_utc"),
    _instant("updated_utc"),
    _int("mood", True),
    _text("principle", True),
    _text("kind"),
    _text("prompt_id", True),
    _link("commitment_id", "commitment.id", nullable=True, on_delete="SET NULL"),
    _instant("deleted_utc", True),
    # Set on a conflict copy: the entry it keeps the other version of (core/sync/merging.py).
    _link("conflict_of_id", "entry.id", nullable=True, on_delete="SET NULL"),
    sa.Index("ix_entry_live_time", "deleted_utc", "occurred_utc"),
)

TAG = sa.Table(
    "tag",
    metadata,
    _id(),
    _text("name"),
    _text("key", unique=True),  # casefolded name: "Anger" and "anger" are one tag
)

ENTRY_TAG = sa.Table(
    "entry_tag",
    metadata,
    _link("entry_id", "entry.id", primary_key=True, index=False),
    _link("tag_id", "tag.id", primary_key=True),
)

# Photos and files, stored once per content (keyed by SHA-256) and linked to entries. The
# bytes never leave the encrypted database; list queries never select `bytes`.
ATTACHMENT = sa.Table(
    "attachment",
    metadata,
    _text("sha256", primary_key=True),  # lowercase hex of the bytes
    _text("mime"),
    _int("size"),
    sa.Column("bytes", sa.LargeBinary, nullable=False),
    sa.Column("thumbnail", sa.LargeBinary, nullable=True),  # a small PNG, or None
    _instant("created_utc"),
)

ENTRY_ATTACHMENT = sa.Table(
    "entry_attachment",
    metadata,
    _link("entry_id", "entry.id", primary_key=True, index=False),
    sa.Column(
        "sha256",
        sa.String,
        sa.ForeignKey("attachment.sha256", ondelete="RESTRICT"),
        primary_key=True,
        index=True,  # finds the blobs no entry uses any more
    ),
    _int("position"),
    _text("file_name"),
)

MOOD_CHECKIN = sa.Table(  # the one-line daily mood on the Today page (not an entry's mood)
    "mood_checkin",
    metadata,
    _date("day", primary_key=True),
    _int("mood"),
    _text("note"),
    _instant("recorded_utc"),
)

# -- the change plan --------------------------------------------------------------------------

GOAL = sa.Table(
    "goal",
    metadata,
    _id(),
    _text("title"),
    _text("why"),
    _text("principle", True),
    _date("start_date"),
    _text("status"),
    _text("support_note"),
    sa.Column("must_stop", sa.Boolean, nullable=False),
    _int("position"),
    _instant("created_utc"),
)

COMMITMENT = sa.Table(
    "commitment",
    metadata,
    _id(),
    _link("goal_id", "goal.id"),
    _text("action"),
    _date("start_date"),
    _date("end_date", True),
    _date("archived_date", True),
    _int("position"),
    _instant("created_utc"),
)

COMMITMENT_SCHEDULE = sa.Table(  # past days keep the version of the schedule that applied then
    "commitment_schedule",
    metadata,
    _id(),
    _link("commitment_id", "commitment.id"),
    _date("valid_from"),
    _text("kind"),
    _int("weekdays"),  # bit 0 = Monday ... bit 6 = Sunday
    _int("per_week"),
    sa.UniqueConstraint("commitment_id", "valid_from"),
)

CHECKIN = sa.Table(
    "checkin",
    metadata,
    _id(),
    _link("commitment_id", "commitment.id"),
    _date("day", index=True),
    _text("state"),
    _text("note"),
    _instant("recorded_utc"),
    sa.UniqueConstraint("commitment_id", "day"),
)

PAUSE = sa.Table(  # days (inclusive) that count neither as kept nor as slipped
    "pause",
    metadata,
    _id(),
    _link("goal_id", "goal.id", nullable=True),  # None: the whole plan
    _date("start_date"),
    _date("end_date"),
    _text("reason"),
)

# -- no contact -------------------------------------------------------------------------------

NOCONTACT_PERIOD = sa.Table(
    "nocontact_period",
    metadata,
    _id(),
    _instant("started_utc"),
    _date("start_date"),
    _text("tz"),
    _int("target_days"),
    _instant("ended_utc", True),
    _date("end_date", True),
    _text("end_reason", True),  # "target" or "stopped"
    _instant("created_utc"),
)

CONTACT_EVENT = sa.Table(
    "contact_event",
    metadata,
    _id(),
    _link("period_id", "nocontact_period.id", index=False),  # led by the index below
    _text("kind"),
    _instant("occurred_utc"),
    _date("local_date"),
    _text("tz"),
    _int("intensity", True),
    _text("trigger"),
    _text("note"),
    _link("entry_id", "entry.id", nullable=True, on_delete="SET NULL"),
    _instant("created_utc"),
    sa.Index("ix_contact_event_period_date", "period_id", "local_date"),
)

# -- settings that belong with the journal (encrypted); window geometry lives in QSettings ----

SETTING = sa.Table(
    "setting",
    metadata,
    _text("key", primary_key=True),
    _text("value"),  # JSON
)
