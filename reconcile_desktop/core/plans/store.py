"""The change plan in the vault: goals, commitments, schedule versions, check-ins, pauses.

Measures are computed by core/plans/progress.py from the plain histories built here. A schedule
edit adds a new version valid from a date, so past days keep the schedule that applied then.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

import sqlalchemy as sa
from sqlmodel import col, select

from reconcile_desktop.core.changes import CHECKINS, PLANS, writes
from reconcile_desktop.core.errors import InvalidInput
from reconcile_desktop.core.plans.progress import CommitmentHistory, Schedule
from reconcile_desktop.core.storage.models import (
    CHECKIN_STATES,
    GOAL_STATUSES,
    PRINCIPLES,
    CheckIn,
    Commitment,
    CommitmentSchedule,
    Goal,
    Pause,
)
from reconcile_desktop.core.storage.vault import Vault

CORRECTION_DAYS = 7  # how far back a day can still be marked or corrected
OPEN_END = dt.date(9999, 12, 31)  # a pause with no end yet
WEEKDAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


@dataclass(frozen=True)
class GoalData:
    id: int
    title: str
    why: str
    principle: str | None
    start_date: dt.date
    status: str
    support_note: str
    must_stop: bool


@dataclass(frozen=True)
class CommitmentData:
    id: int
    goal_id: int
    action: str
    start_date: dt.date
    end_date: dt.date | None
    archived_date: dt.date | None
    schedule: Schedule  # the version in force today


@dataclass(frozen=True)
class DayItem:
    """One commitment on one day, as the Today page and `reconcile today` show it."""

    commitment: CommitmentData
    goal: GoalData
    state: str | None  # "kept", "slipped" or None (not marked yet)
    note: str


# -- schedules ------------------------------------------------------------------------------


def parse_schedule(text: str, valid_from: dt.date) -> Schedule:
    """ "daily", "mon,wed,fri" or "3/week" (what the CLI's --days takes)."""
    t = text.strip().lower().replace(" ", "")
    if t in ("daily", "everyday", "every-day"):
        return Schedule(valid_from, "daily", frozenset(), 0)
    m = re.fullmatch(r"(\d)/(week|w)", t)
    if m:
        n = int(m.group(1))
        if not 1 <= n <= 7:
            raise InvalidInput("Times per week must be from 1 to 7, for example 3/week.")
        return Schedule(valid_from, "per_week", frozenset(), n)
    days = [d[:3] for d in t.split(",") if d]
    if days and all(d in WEEKDAY_NAMES for d in days):
        return Schedule(valid_from, "weekdays", frozenset(WEEKDAY_NAMES.index(d) for d in days), 0)
    raise InvalidInput('Use "daily", weekdays such as "mon,wed,fri", or a count like "3/week".')


def describe_schedule(s: Schedule) -> str:
    if s.kind == "daily":
        return "every day"
    if s.kind == "per_week":
        return f"{s.per_week} times a week" if s.per_week != 1 else "once a week"
    return ", ".join(WEEKDAY_NAMES[d].capitalize() for d in sorted(s.weekdays))


def _schedule_row(commitment_id: int, s: Schedule) -> CommitmentSchedule:
    if s.kind not in ("daily", "weekdays", "per_week"):
        raise InvalidInput("That schedule is not one Reconcile knows.")
    if s.kind == "weekdays" and not s.weekdays:
        raise InvalidInput("Choose at least one weekday.")
    mask = sum(1 << d for d in s.weekdays)
    return CommitmentSchedule(
        commitment_id=commitment_id,
        valid_from=s.valid_from,
        kind=s.kind,
        weekdays=mask,
        per_week=s.per_week,
    )


def _schedule(row: CommitmentSchedule) -> Schedule:
    days = frozenset(d for d in range(7) if row.weekdays >> d & 1)
    return Schedule(row.valid_from, row.kind, days, row.per_week)


# -- goals ----------------------------------------------------------------------------------


def _goal_data(g: Goal) -> GoalData:
    return GoalData(
        g.id, g.title, g.why, g.principle, g.start_date, g.status, g.support_note, g.must_stop
    )


def _text(value: str, what: str) -> str:
    value = (value or "").strip()
    if not value:
        raise InvalidInput(f"The {what} cannot be empty.")
    return value


@writes(PLANS)
def add_goal(
    vault: Vault,
    title: str,
    *,
    why: str = "",
    principle: str | None = None,
    start: dt.date | None = None,
    support_note: str = "",
    must_stop: bool = False,
) -> GoalData:
    if principle is not None and principle not in PRINCIPLES:
        raise InvalidInput("The principle is one of accountability, empathy, change or patience.")
    with vault.transaction() as s:
        g = Goal(
            title=_text(title, "goal's title"),
            why=why.strip(),
            principle=principle,
            start_date=start or vault.clock.today(),
            support_note=support_note.strip(),
            must_stop=must_stop,
            created_utc=vault.clock.now(),
        )
        s.add(g)
        s.flush()
        return _goal_data(g)


@writes(PLANS)
def update_goal(vault: Vault, goal_id: int, **changes) -> GoalData:
    allowed = {"title", "why", "principle", "support_note", "must_stop", "start_date"}
    if set(changes) - allowed:
        raise InvalidInput("Only a goal's words, principle, start or support note can change.")
    if "title" in changes:
        changes["title"] = _text(changes["title"], "goal's title")
    with vault.transaction() as s:
        g = _get(s, Goal, goal_id, "goal")
        for k, v in changes.items():
            setattr(g, k, v)
        return _goal_data(g)


@writes(PLANS)
def set_goal_status(vault: Vault, goal_id: int, status: str) -> GoalData:
    """Pausing opens a pause from today; resuming closes it yesterday (paused days count neither
    as kept nor as slipped)."""
    if status not in GOAL_STATUSES:
        raise InvalidInput("A goal is active, paused, achieved or archived.")
    today = vault.clock.today()
    with vault.transaction() as s:
        g = _get(s, Goal, goal_id, "goal")
        if status == "paused" and g.status != "paused":
            s.add(Pause(goal_id=g.id, start_date=today, end_date=OPEN_END, reason="paused"))
        elif g.status == "paused" and status != "paused":
            for p in s.exec(select(Pause).where(Pause.goal_id == g.id, Pause.end_date == OPEN_END)):
                p.end_date = today - dt.timedelta(days=1)
        g.status = status
        return _goal_data(g)


@writes(PLANS)
def add_pause(
    vault: Vault, start: dt.date, end: dt.date, *, goal_id: int | None = None, reason: str = ""
) -> None:
    """A holiday or an illness: those days neither count as kept nor as slipped."""
    if end < start:
        raise InvalidInput("A pause has to end on or after the day it starts.")
    with vault.transaction() as s:
        s.add(Pause(goal_id=goal_id, start_date=start, end_date=end, reason=reason.strip()))


def goals(vault: Vault, *, include_archived: bool = False) -> list[GoalData]:
    with vault.session() as s:
        q = select(Goal).order_by(col(Goal.position), col(Goal.created_utc), col(Goal.id))
        if not include_archived:
            q = q.where(Goal.status != "archived")
        return [_goal_data(g) for g in s.exec(q)]


def get_goal(vault: Vault, goal_id: int) -> GoalData:
    with vault.session() as s:
        return _goal_data(_get(s, Goal, goal_id, "goal"))


def _get(session, model, key, what: str):
    row = session.get(model, key)
    if row is None:
        raise InvalidInput(f"That {what} no longer exists.")
    return row


# -- commitments ----------------------------------------------------------------------------


@writes(PLANS)
def add_commitment(
    vault: Vault,
    goal_id: int,
    action: str,
    schedule: Schedule | str = "daily",
    *,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> CommitmentData:
    start = start or vault.clock.today()
    if isinstance(schedule, str):
        schedule = parse_schedule(schedule, start)
    if end is not None and end < start:
        raise InvalidInput("A commitment has to end on or after the day it starts.")
    with vault.transaction() as s:
        _get(s, Goal, goal_id, "goal")
        c = Commitment(
            goal_id=goal_id,
            action=_text(action, "commitment"),
            start_date=start,
            end_date=end,
            created_utc=vault.clock.now(),
        )
        s.add(c)
        s.flush()
        sched = Schedule(start, schedule.kind, schedule.weekdays, schedule.per_week)
        s.add(_schedule_row(c.id, sched))
        s.flush()
        return _commitment_data(s, c, vault.clock.today())


@writes(PLANS)
def change_schedule(
    vault: Vault, commitment_id: int, schedule: Schedule | str, *, valid_from: dt.date | None = None
) -> CommitmentData:
    """A new schedule version from `valid_from` (default today); earlier days are untouched."""
    valid_from = valid_from or vault.clock.today()
    if isinstance(schedule, str):
        schedule = parse_schedule(schedule, valid_from)
    sched = Schedule(valid_from, schedule.kind, schedule.weekdays, schedule.per_week)
    with vault.transaction() as s:
        c = _get(s, Commitment, commitment_id, "commitment")
        old = s.exec(
            select(CommitmentSchedule).where(
                CommitmentSchedule.commitment_id == c.id,
                col(CommitmentSchedule.valid_from) >= valid_from,
            )
        ).all()
        for row in old:  # a second edit on the same day (or a later one) replaces it
            s.delete(row)
        s.flush()
        s.add(_schedule_row(c.id, sched))
        s.flush()
        return _commitment_data(s, c, vault.clock.today())


@writes(PLANS)
def update_commitment(
    vault: Vault, commitment_id: int, *, action: str | None = None, end: dt.date | None = None
) -> CommitmentData:
    with vault.transaction() as s:
        c = _get(s, Commitment, commitment_id, "commitment")
        if action is not None:
            c.action = _text(action, "commitment")
        if end is not None:
            c.end_date = end
        return _commitment_data(s, c, vault.clock.today())


@writes(PLANS)
def archive_commitment(vault: Vault, commitment_id: int) -> CommitmentData:
    """Stops it from today on; its past stays exactly as it was."""
    today = vault.clock.today()
    with vault.transaction() as s:
        c = _get(s, Commitment, commitment_id, "commitment")
        c.archived_date = today
        if c.end_date is None or c.end_date >= today:
            c.end_date = max(c.start_date, today - dt.timedelta(days=1))
        return _commitment_data(s, c, today)


def _schedules(session, commitment_id: int) -> tuple[Schedule, ...]:
    rows = session.exec(
        select(CommitmentSchedule)
        .where(CommitmentSchedule.commitment_id == commitment_id)
        .order_by(col(CommitmentSchedule.valid_from))
    ).all()
    return tuple(_schedule(r) for r in rows)


def _commitment_data(session, c: Commitment, today: dt.date) -> CommitmentData:
    scheds = _schedules(session, c.id)
    current = next((x for x in reversed(scheds) if x.valid_from <= today), scheds[0])
    return CommitmentData(
        c.id, c.goal_id, c.action, c.start_date, c.end_date, c.archived_date, current
    )


def commitments(
    vault: Vault, goal_id: int | None = None, *, include_archived: bool = False
) -> list[CommitmentData]:
    today = vault.clock.today()
    with vault.session() as s:
        q = select(Commitment).order_by(
            col(Commitment.position), col(Commitment.created_utc), col(Commitment.id)
        )
        if goal_id is not None:
            q = q.where(Commitment.goal_id == goal_id)
        if not include_archived:
            q = q.where(col(Commitment.archived_date).is_(None))
        return [_commitment_data(s, c, today) for c in s.exec(q)]


def find_commitment(vault: Vault, ref: str) -> CommitmentData:
    """By id, or by a case-insensitive piece of its text if that matches exactly one."""
    items = commitments(vault)
    if ref.strip().isdigit():
        match = [c for c in items if c.id == int(ref)]
    else:
        needle = ref.strip().casefold()
        match = [c for c in items if needle in c.action.casefold()]
    if len(match) == 1:
        return match[0]
    if not match:
        raise InvalidInput("No active commitment matches that; `reconcile plan list` shows them.")
    raise InvalidInput("More than one commitment matches that; use its number instead.")


@dataclass(frozen=True)
class CommitmentEdit:
    """One commitment in a goal's edit: a new one (commitment_id None), or an existing one
    with a new action and/or a new schedule (None: unchanged), or archived."""

    commitment_id: int | None
    action: str | None = None
    schedule: Schedule | None = None
    archived: bool = False


@writes(PLANS)
def save_goal(
    vault: Vault,
    goal_id: int | None,
    fields: dict,
    status: str,
    edits: Sequence[CommitmentEdit] = (),
) -> GoalData:
    """A goal (new when goal_id is None) and its commitments, saved all together or not at
    all. `fields` are add_goal's (title, why, principle, start_date, support_note, must_stop).
    A new commitment begins on the goal's start, but no further back than days that can still
    be marked; a changed schedule applies from today."""
    today = vault.clock.today()
    fields = dict(fields)
    with vault.transaction():
        if goal_id is None:
            start = fields.pop("start_date", None)
            goal = add_goal(vault, fields.pop("title", ""), start=start, **fields)
        else:
            goal = update_goal(vault, goal_id, **fields)
        if status != goal.status:
            goal = set_goal_status(vault, goal.id, status)
        begin = max(goal.start_date, today - dt.timedelta(days=CORRECTION_DAYS))
        for e in edits:
            if e.commitment_id is None:
                add_commitment(vault, goal.id, e.action or "", e.schedule or "daily", start=begin)
            elif e.archived:
                archive_commitment(vault, e.commitment_id)
            else:
                if e.action is not None:
                    update_commitment(vault, e.commitment_id, action=e.action)
                if e.schedule is not None:
                    change_schedule(vault, e.commitment_id, e.schedule)
        return goal


# -- check-ins ------------------------------------------------------------------------------


@writes(CHECKINS)
def check_in(
    vault: Vault,
    commitment_id: int,
    state: str | None,
    *,
    day: dt.date | None = None,
    note: str = "",
) -> None:
    """Mark kept or slipped (None clears the mark). Days up to a week back can be corrected."""
    today = vault.clock.today()
    day = day or today
    if state is not None and state not in CHECKIN_STATES:
        raise InvalidInput('A day is marked "kept" or "slipped".')
    if day > today:
        raise InvalidInput("A day can only be marked once it has come.")
    if day < today - dt.timedelta(days=CORRECTION_DAYS):
        raise InvalidInput(f"Days can be marked or corrected up to {CORRECTION_DAYS} days back.")
    with vault.transaction() as s:
        c = _get(s, Commitment, commitment_id, "commitment")
        if day < c.start_date:
            raise InvalidInput("That day is before this commitment started.")
        row = s.exec(
            select(CheckIn).where(CheckIn.commitment_id == c.id, CheckIn.day == day)
        ).first()
        if state is None:
            if row is not None:
                s.delete(row)
            return
        if row is None:
            row = CheckIn(commitment_id=c.id, day=day, state=state, recorded_utc=vault.clock.now())
            s.add(row)
        row.state = state
        row.note = note.strip()
        row.recorded_utc = vault.clock.now()


def day_items(vault: Vault, day: dt.date | None = None) -> list[DayItem]:
    """Commitments due on `day` (or already marked on it), with their state."""
    from reconcile_desktop.core.plans.progress import is_scheduled

    day = day or vault.clock.today()
    histories = {h.id: h for h in histories_for(vault, with_checkins=False)}
    goal_by_id = {g.id: g for g in goals(vault, include_archived=True)}
    items = []
    with vault.session() as s:
        marks = {r.commitment_id: r for r in s.exec(select(CheckIn).where(CheckIn.day == day))}
        rows = s.exec(
            select(Commitment).order_by(
                col(Commitment.position), col(Commitment.created_utc), col(Commitment.id)
            )
        )
        for c in rows:
            g = goal_by_id[c.goal_id]
            mark = marks.get(c.id)
            due = g.status in ("active", "achieved") and is_scheduled(histories[c.id], day)
            if not (due or mark):
                continue
            items.append(
                DayItem(
                    _commitment_data(s, c, day),
                    g,
                    mark.state if mark else None,
                    mark.note if mark else "",
                )
            )
    return items


def histories_for(
    vault: Vault, goal_id: int | None = None, *, with_checkins: bool = True
) -> list[CommitmentHistory]:
    """Everything progress.py needs, in a few queries whatever the number of days. Check-ins
    are read as plain tuples: building ORM objects for years of them costs tens of ms."""
    with vault.session() as s:
        q = select(Commitment).order_by(col(Commitment.created_utc), col(Commitment.id))
        if goal_id is not None:
            q = q.where(Commitment.goal_id == goal_id)
        cs = s.exec(q).all()
        ids = [c.id for c in cs]
        scheds: dict[int, list[Schedule]] = {i: [] for i in ids}
        for r in s.exec(
            select(CommitmentSchedule)
            .where(col(CommitmentSchedule.commitment_id).in_(ids))
            .order_by(col(CommitmentSchedule.valid_from))
        ):
            scheds[r.commitment_id].append(_schedule(r))
        marks: dict[int, dict[dt.date, str]] = {i: {} for i in ids}
        if with_checkins:
            rows = s.execute(
                sa.select(CheckIn.commitment_id, CheckIn.day, CheckIn.state).where(
                    col(CheckIn.commitment_id).in_(ids)
                )
            )
            for commitment_id, day, state in rows:
                marks[commitment_id][day] = state
        pauses = s.exec(select(Pause)).all()
    today = vault.clock.today()
    out = []
    for c in cs:
        paused = frozenset(
            p.start_date + dt.timedelta(days=i)
            for p in pauses
            if p.goal_id in (None, c.goal_id)
            for i in range(_pause_span(p, c, today))
        )
        out.append(
            CommitmentHistory(
                c.id, c.start_date, c.end_date, tuple(scheds[c.id]), marks[c.id], paused
            )
        )
    return out


def _pause_span(p: Pause, c: Commitment, today: dt.date) -> int:
    # An open pause covers every day up to today (or the commitment's end), never beyond.
    end = p.end_date
    if end == OPEN_END:
        end = min(c.end_date or today, today)
    return max(0, (end - p.start_date).days + 1)
