"""SQLModel tables for the journal, the change plan, no contact and settings.

Instants (`*_utc`) are timezone-aware UTC datetimes (sqlmodel's UTCDateTime); where a calendar
day matters the local date and the zone name are stored beside them, so streaks and check-ins
count local days.
The FTS5 index `entry_fts` and its triggers live in the migrations (SQLModel cannot declare
virtual tables).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Column, ForeignKey, Index, Integer, UniqueConstraint
from sqlmodel import Field, SQLModel

# Defined beside the Core tables (tables.py) so the CLI need not import sqlmodel for them.
from reconcile_desktop.core.tables import ENTRY_KINDS, PRINCIPLES  # noqa: F401

GOAL_STATUSES = ("active", "paused", "achieved", "archived")
SCHEDULE_KINDS = ("daily", "weekdays", "per_week")
CHECKIN_STATES = ("kept", "slipped")


def _fk(target: str, *, nullable: bool = False, on_delete: str = "CASCADE") -> Column:
    return Column(Integer, ForeignKey(target, ondelete=on_delete), nullable=nullable, index=True)


class Entry(SQLModel, table=True):
    __tablename__ = "entry"
    __table_args__ = (Index("ix_entry_live_time", "deleted_utc", "occurred_utc"),)

    id: int | None = Field(default=None, primary_key=True)
    title: str = ""
    body: str = ""
    occurred_utc: dt.datetime
    local_date: dt.date = Field(index=True)
    tz: str
    created_utc: dt.datetime
    updated_utc: dt.datetime
    mood: int | None = None
    principle: str | None = None
    kind: str = "free"
    prompt_id: str | None = None
    commitment_id: int | None = Field(
        default=None, sa_column=_fk("commitment.id", nullable=True, on_delete="SET NULL")
    )
    deleted_utc: dt.datetime | None = None


class Tag(SQLModel, table=True):
    __tablename__ = "tag"

    id: int | None = Field(default=None, primary_key=True)
    name: str
    key: str = Field(unique=True)  # casefolded name: "Anger" and "anger" are one tag


class EntryTag(SQLModel, table=True):
    __tablename__ = "entry_tag"

    entry_id: int = Field(
        sa_column=Column(Integer, ForeignKey("entry.id", ondelete="CASCADE"), primary_key=True)
    )
    tag_id: int = Field(
        sa_column=Column(
            Integer, ForeignKey("tag.id", ondelete="CASCADE"), primary_key=True, index=True
        )
    )


class Goal(SQLModel, table=True):
    __tablename__ = "goal"

    id: int | None = Field(default=None, primary_key=True)
    title: str
    why: str = ""
    principle: str | None = None
    start_date: dt.date
    status: str = "active"
    support_note: str = ""
    must_stop: bool = False
    position: int = 0
    created_utc: dt.datetime


class Commitment(SQLModel, table=True):
    __tablename__ = "commitment"

    id: int | None = Field(default=None, primary_key=True)
    goal_id: int = Field(sa_column=_fk("goal.id"))
    action: str
    start_date: dt.date
    end_date: dt.date | None = None
    archived_date: dt.date | None = None
    position: int = 0
    created_utc: dt.datetime


class CommitmentSchedule(SQLModel, table=True):
    """One version of a commitment's schedule; past days keep the version that applied then."""

    __tablename__ = "commitment_schedule"
    __table_args__ = (UniqueConstraint("commitment_id", "valid_from"),)

    id: int | None = Field(default=None, primary_key=True)
    commitment_id: int = Field(sa_column=_fk("commitment.id"))
    valid_from: dt.date
    kind: str = "daily"
    weekdays: int = 0  # bit 0 = Monday ... bit 6 = Sunday
    per_week: int = 0


class CheckIn(SQLModel, table=True):
    __tablename__ = "checkin"
    __table_args__ = (UniqueConstraint("commitment_id", "day"),)

    id: int | None = Field(default=None, primary_key=True)
    commitment_id: int = Field(sa_column=_fk("commitment.id"))
    day: dt.date = Field(index=True)
    state: str
    note: str = ""
    recorded_utc: dt.datetime


class Pause(SQLModel, table=True):
    """Days (inclusive) that count neither as kept nor as slipped; goal_id None = whole plan."""

    __tablename__ = "pause"

    id: int | None = Field(default=None, primary_key=True)
    goal_id: int | None = Field(default=None, sa_column=_fk("goal.id", nullable=True))
    start_date: dt.date
    end_date: dt.date
    reason: str = ""


class NoContactPeriod(SQLModel, table=True):
    __tablename__ = "nocontact_period"

    id: int | None = Field(default=None, primary_key=True)
    started_utc: dt.datetime
    start_date: dt.date
    tz: str
    target_days: int = 45
    ended_utc: dt.datetime | None = None
    end_date: dt.date | None = None
    end_reason: str | None = None  # "target" or "stopped"
    created_utc: dt.datetime


class ContactEvent(SQLModel, table=True):
    __tablename__ = "contact_event"
    __table_args__ = (Index("ix_contact_event_period_date", "period_id", "local_date"),)

    id: int | None = Field(default=None, primary_key=True)
    period_id: int = Field(
        sa_column=Column(
            Integer, ForeignKey("nocontact_period.id", ondelete="CASCADE"), nullable=False
        )
    )
    kind: str
    occurred_utc: dt.datetime
    local_date: dt.date
    tz: str
    intensity: int | None = None
    trigger: str = ""
    note: str = ""
    entry_id: int | None = Field(
        default=None, sa_column=_fk("entry.id", nullable=True, on_delete="SET NULL")
    )
    created_utc: dt.datetime


class MoodCheckIn(SQLModel, table=True):
    """The one-line daily mood on the Today page (separate from an entry's mood)."""

    __tablename__ = "mood_checkin"

    day: dt.date = Field(primary_key=True)
    mood: int
    note: str = ""
    recorded_utc: dt.datetime


class Setting(SQLModel, table=True):
    """Settings that belong with the journal (encrypted); window geometry lives in QSettings."""

    __tablename__ = "setting"

    key: str = Field(primary_key=True)
    value: str  # JSON
