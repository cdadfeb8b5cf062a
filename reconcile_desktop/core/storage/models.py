"""SQLModel classes for the ORM code (plans, mood, settings, no-contact writes).

Each class is mapped onto its table in tables.py, where the schema is defined once: a field
here only names a column there (`sa_column`) and gives the Python default. A field without a
column fails at import; a column without a field fails tests/core/storage/test_schema.py.
"""

from __future__ import annotations

import builtins  # the attachment's `bytes` column shadows the type inside its class
import datetime as dt

from sqlmodel import Field, SQLModel

from reconcile_desktop.core.storage import tables
from reconcile_desktop.core.storage.tables import ENTRY_KINDS, PRINCIPLES  # noqa: F401

GOAL_STATUSES = ("active", "paused", "achieved", "archived")
SCHEDULE_KINDS = ("daily", "weekdays", "per_week")
CHECKIN_STATES = ("kept", "slipped")

_ENTRY = tables.ENTRY.c
_TAG = tables.TAG.c
_ENTRY_TAG = tables.ENTRY_TAG.c
_GOAL = tables.GOAL.c
_COMMITMENT = tables.COMMITMENT.c
_SCHEDULE = tables.COMMITMENT_SCHEDULE.c
_CHECKIN = tables.CHECKIN.c
_PAUSE = tables.PAUSE.c
_PERIOD = tables.NOCONTACT_PERIOD.c
_EVENT = tables.CONTACT_EVENT.c
_MOOD = tables.MOOD_CHECKIN.c
_SETTING = tables.SETTING.c
_ATTACHMENT = tables.ATTACHMENT.c
_ENTRY_ATTACHMENT = tables.ENTRY_ATTACHMENT.c


class Entry(SQLModel, table=True):
    __table__ = tables.ENTRY

    id: int | None = Field(default=None, sa_column=_ENTRY.id)
    title: str = Field(default="", sa_column=_ENTRY.title)
    body: str = Field(default="", sa_column=_ENTRY.body)
    occurred_utc: dt.datetime = Field(sa_column=_ENTRY.occurred_utc)
    local_date: dt.date = Field(sa_column=_ENTRY.local_date)
    tz: str = Field(sa_column=_ENTRY.tz)
    created_utc: dt.datetime = Field(sa_column=_ENTRY.created_utc)
    updated_utc: dt.datetime = Field(sa_column=_ENTRY.updated_utc)
    mood: int | None = Field(default=None, sa_column=_ENTRY.mood)
    principle: str | None = Field(default=None, sa_column=_ENTRY.principle)
    kind: str = Field(default="free", sa_column=_ENTRY.kind)
    prompt_id: str | None = Field(default=None, sa_column=_ENTRY.prompt_id)
    commitment_id: int | None = Field(default=None, sa_column=_ENTRY.commitment_id)
    deleted_utc: dt.datetime | None = Field(default=None, sa_column=_ENTRY.deleted_utc)
    conflict_of_id: int | None = Field(default=None, sa_column=_ENTRY.conflict_of_id)


class Tag(SQLModel, table=True):
    __table__ = tables.TAG

    id: int | None = Field(default=None, sa_column=_TAG.id)
    name: str = Field(sa_column=_TAG.name)
    key: str = Field(sa_column=_TAG.key)


class EntryTag(SQLModel, table=True):
    __table__ = tables.ENTRY_TAG

    entry_id: int = Field(sa_column=_ENTRY_TAG.entry_id)
    tag_id: int = Field(sa_column=_ENTRY_TAG.tag_id)


class Goal(SQLModel, table=True):
    __table__ = tables.GOAL

    id: int | None = Field(default=None, sa_column=_GOAL.id)
    title: str = Field(sa_column=_GOAL.title)
    why: str = Field(default="", sa_column=_GOAL.why)
    principle: str | None = Field(default=None, sa_column=_GOAL.principle)
    start_date: dt.date = Field(sa_column=_GOAL.start_date)
    status: str = Field(default="active", sa_column=_GOAL.status)
    support_note: str = Field(default="", sa_column=_GOAL.support_note)
    must_stop: bool = Field(default=False, sa_column=_GOAL.must_stop)
    position: int = Field(default=0, sa_column=_GOAL.position)
    created_utc: dt.datetime = Field(sa_column=_GOAL.created_utc)


class Commitment(SQLModel, table=True):
    __table__ = tables.COMMITMENT

    id: int | None = Field(default=None, sa_column=_COMMITMENT.id)
    goal_id: int = Field(sa_column=_COMMITMENT.goal_id)
    action: str = Field(sa_column=_COMMITMENT.action)
    start_date: dt.date = Field(sa_column=_COMMITMENT.start_date)
    end_date: dt.date | None = Field(default=None, sa_column=_COMMITMENT.end_date)
    archived_date: dt.date | None = Field(default=None, sa_column=_COMMITMENT.archived_date)
    position: int = Field(default=0, sa_column=_COMMITMENT.position)
    created_utc: dt.datetime = Field(sa_column=_COMMITMENT.created_utc)


class CommitmentSchedule(SQLModel, table=True):
    __table__ = tables.COMMITMENT_SCHEDULE

    id: int | None = Field(default=None, sa_column=_SCHEDULE.id)
    commitment_id: int = Field(sa_column=_SCHEDULE.commitment_id)
    valid_from: dt.date = Field(sa_column=_SCHEDULE.valid_from)
    kind: str = Field(default="daily", sa_column=_SCHEDULE.kind)
    weekdays: int = Field(default=0, sa_column=_SCHEDULE.weekdays)
    per_week: int = Field(default=0, sa_column=_SCHEDULE.per_week)


class CheckIn(SQLModel, table=True):
    __table__ = tables.CHECKIN

    id: int | None = Field(default=None, sa_column=_CHECKIN.id)
    commitment_id: int = Field(sa_column=_CHECKIN.commitment_id)
    day: dt.date = Field(sa_column=_CHECKIN.day)
    state: str = Field(sa_column=_CHECKIN.state)
    note: str = Field(default="", sa_column=_CHECKIN.note)
    recorded_utc: dt.datetime = Field(sa_column=_CHECKIN.recorded_utc)


class Pause(SQLModel, table=True):
    __table__ = tables.PAUSE

    id: int | None = Field(default=None, sa_column=_PAUSE.id)
    goal_id: int | None = Field(default=None, sa_column=_PAUSE.goal_id)
    start_date: dt.date = Field(sa_column=_PAUSE.start_date)
    end_date: dt.date = Field(sa_column=_PAUSE.end_date)
    reason: str = Field(default="", sa_column=_PAUSE.reason)


class NoContactPeriod(SQLModel, table=True):
    __table__ = tables.NOCONTACT_PERIOD

    id: int | None = Field(default=None, sa_column=_PERIOD.id)
    started_utc: dt.datetime = Field(sa_column=_PERIOD.started_utc)
    start_date: dt.date = Field(sa_column=_PERIOD.start_date)
    tz: str = Field(sa_column=_PERIOD.tz)
    target_days: int = Field(default=45, sa_column=_PERIOD.target_days)
    ended_utc: dt.datetime | None = Field(default=None, sa_column=_PERIOD.ended_utc)
    end_date: dt.date | None = Field(default=None, sa_column=_PERIOD.end_date)
    end_reason: str | None = Field(default=None, sa_column=_PERIOD.end_reason)
    created_utc: dt.datetime = Field(sa_column=_PERIOD.created_utc)


class ContactEvent(SQLModel, table=True):
    __table__ = tables.CONTACT_EVENT

    id: int | None = Field(default=None, sa_column=_EVENT.id)
    period_id: int = Field(sa_column=_EVENT.period_id)
    kind: str = Field(sa_column=_EVENT.kind)
    occurred_utc: dt.datetime = Field(sa_column=_EVENT.occurred_utc)
    local_date: dt.date = Field(sa_column=_EVENT.local_date)
    tz: str = Field(sa_column=_EVENT.tz)
    intensity: int | None = Field(default=None, sa_column=_EVENT.intensity)
    trigger: str = Field(default="", sa_column=_EVENT.trigger)
    note: str = Field(default="", sa_column=_EVENT.note)
    entry_id: int | None = Field(default=None, sa_column=_EVENT.entry_id)
    created_utc: dt.datetime = Field(sa_column=_EVENT.created_utc)


class MoodCheckIn(SQLModel, table=True):
    __table__ = tables.MOOD_CHECKIN

    day: dt.date = Field(sa_column=_MOOD.day)
    mood: int = Field(sa_column=_MOOD.mood)
    note: str = Field(default="", sa_column=_MOOD.note)
    recorded_utc: dt.datetime = Field(sa_column=_MOOD.recorded_utc)


class Setting(SQLModel, table=True):
    __table__ = tables.SETTING

    key: str = Field(sa_column=_SETTING.key)
    value: str = Field(sa_column=_SETTING.value)  # JSON


class Attachment(SQLModel, table=True):
    __table__ = tables.ATTACHMENT

    sha256: str = Field(sa_column=_ATTACHMENT.sha256)
    mime: str = Field(sa_column=_ATTACHMENT.mime)
    size: int = Field(sa_column=_ATTACHMENT.size)
    bytes: builtins.bytes = Field(sa_column=_ATTACHMENT.bytes)
    thumbnail: builtins.bytes | None = Field(default=None, sa_column=_ATTACHMENT.thumbnail)
    created_utc: dt.datetime = Field(sa_column=_ATTACHMENT.created_utc)


class EntryAttachment(SQLModel, table=True):
    __table__ = tables.ENTRY_ATTACHMENT

    entry_id: int = Field(sa_column=_ENTRY_ATTACHMENT.entry_id)
    sha256: str = Field(sa_column=_ENTRY_ATTACHMENT.sha256)
    position: int = Field(sa_column=_ENTRY_ATTACHMENT.position)
    file_name: str = Field(sa_column=_ENTRY_ATTACHMENT.file_name)
