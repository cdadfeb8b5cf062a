"""Plain SQLAlchemy Core views of the tables the journal, search and no-contact code query.

models.py (SQLModel) stays the schema's source of truth for Alembic and the ORM code; this
module mirrors a few of its tables without importing sqlmodel or pydantic, which cost a CLI
command about 300 ms and 15 MiB before it had read a single row. A test checks that every
column here matches models.py (name, type, nullability, key).
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


def _text(name: str, nullable: bool = False) -> sa.Column:
    return sa.Column(name, sa.String, nullable=nullable)


def _instant(name: str, nullable: bool = False) -> sa.Column:
    return sa.Column(name, UTCDateTime(), nullable=nullable)


def _int(name: str, nullable: bool = False) -> sa.Column:
    return sa.Column(name, sa.Integer, nullable=nullable)


def _date(name: str, nullable: bool = False) -> sa.Column:
    return sa.Column(name, sa.Date, nullable=nullable)


COMMITMENT = sa.Table("commitment", metadata, _id())

ENTRY = sa.Table(
    "entry",
    metadata,
    _id(),
    _text("title"),
    _text("body"),
    _instant("occurred_utc"),
    _date("local_date"),
    _text("tz"),
    _instant("created_utc"),
    _instant("updated_utc"),
    _int("mood", True),
    _text("principle", True),
    _text("kind"),
    _text("prompt_id", True),
    _int("commitment_id", True),
    _instant("deleted_utc", True),
)

TAG = sa.Table("tag", metadata, _id(), _text("name"), _text("key"))

ENTRY_TAG = sa.Table(
    "entry_tag",
    metadata,
    sa.Column("entry_id", sa.Integer, primary_key=True),
    sa.Column("tag_id", sa.Integer, primary_key=True),
)

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
    _text("end_reason", True),
    _instant("created_utc"),
)

CONTACT_EVENT = sa.Table(
    "contact_event",
    metadata,
    _id(),
    _int("period_id"),
    _text("kind"),
    _instant("occurred_utc"),
    _date("local_date"),
    _text("tz"),
    _int("intensity", True),
    _text("trigger"),
    _text("note"),
    _int("entry_id", True),
    _instant("created_utc"),
)
