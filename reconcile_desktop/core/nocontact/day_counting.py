"""No-contact streak math: pure functions over plain dataclasses, no database.

Days are local calendar dates. A streak that started on date S has `(today - S).days` days:
the start day is day 0, because on that day no full day without contact has passed yet. So a
slip today shows 0, and "30 days" means thirty whole calendar days kept, which is what the user
means by "a month of no contact". Every count is clamped at 0, so a clock moved backwards never
gives a negative streak.

Days across time zones: every date is read in the zone the user is in now, from the instant
(`in_zone`): the period's start, each event, the end and today alike. The date an event was
logged under elsewhere is kept as a record, not used for counting. One zone for everything
means the order of dates is the order things happened, so an event that has happened always
counts: a contact logged in Sydney on 15 June at 08:00 is, in New York two hours later, a
contact on 14 June, today. The price is honest: after a long flight the count can read one day
more or less than it did before leaving, because the same stretch is counted in the calendar
where the user now lives. Only an event whose instant is still ahead (a clock that ran fast,
then was put right) is `flagged`: not counted, offered for correction.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import NamedTuple
from zoneinfo import ZoneInfo

from reconcile_desktop.core.clock import to_utc

I_CONTACTED = "i_contacted"
THEY_CONTACTED_IGNORED = "they_contacted_ignored"
THEY_CONTACTED_ENGAGED = "they_contacted_engaged"
LOOKED_SOCIAL = "looked_social"
URGE_RESISTED = "urge_resisted"
REACHED_OUT = "reached_out"

ALL_KINDS = (
    I_CONTACTED,
    THEY_CONTACTED_IGNORED,
    THEY_CONTACTED_ENGAGED,
    LOOKED_SOCIAL,
    URGE_RESISTED,
    REACHED_OUT,
)
DIRECT_RESETS = frozenset({I_CONTACTED, THEY_CONTACTED_ENGAGED})
SOCIAL_RESETS = frozenset({LOOKED_SOCIAL})
RESET_KINDS = DIRECT_RESETS | SOCIAL_RESETS

TARGET_CHOICES = (30, 45, 60, 90)
RECOMMENDED_MIN_DAYS = 30
INTENSITY_MIN, INTENSITY_MAX = 1, 5

_FIXED_MILESTONES = (1, 3, 7, 14, 21, 30, 45, 60, 90)
_MILESTONE_STEP = 30  # after 90 days: 120, 150, 180, ...


@dataclass(frozen=True)
class Period:
    started_utc: dt.datetime
    start_date: dt.date
    target_days: int
    ended_date: dt.date | None = None
    ended_utc: dt.datetime | None = None

    def __post_init__(self) -> None:
        if self.target_days < 1:
            raise ValueError("A no-contact target needs at least one day.")


@dataclass(frozen=True)
class Event:
    id: int | None
    kind: str
    occurred_utc: dt.datetime
    local_date: dt.date
    intensity: int | None = None

    def __post_init__(self) -> None:
        if self.kind not in ALL_KINDS:
            raise ValueError(f"Unknown no-contact event kind: {self.kind!r}")
        if self.intensity is not None and not INTENSITY_MIN <= self.intensity <= INTENSITY_MAX:
            raise ValueError(f"Intensity runs from {INTENSITY_MIN} to {INTENSITY_MAX}.")


@dataclass(frozen=True)
class Attempt:
    """One run of the direct streak. `end_date` is None while it runs; `ended_by` is the
    first reset kind of the closing day, or None when still running or the period ended."""

    start_date: dt.date
    end_date: dt.date | None
    days: int
    ended_by: str | None


@dataclass(frozen=True)
class Summary:
    as_of: dt.date  # the date counted to: today, or the end date of an ended period
    ended: bool
    direct_start: dt.date
    social_start: dt.date
    direct_days: int
    social_days: int
    target_days: int
    progress: float
    milestone_reached: int | None
    next_milestone: int
    best_direct: int
    best_social: int
    attempts: tuple[Attempt, ...]
    attempts_count: int
    urges_this_week: int
    urges_total: int
    target_reached: bool
    giving_space_days: int | None
    flagged: tuple[Event, ...]  # happening after now: not counted, offered for correction
    outside: tuple[Event, ...]  # before the period began or after it ended: not counted


class WeekCount(NamedTuple):
    week_start: dt.date
    urges: int
    slips: int


# --- time zones -------------------------------------------------------------------------------


def local_date_of(instant_utc: dt.datetime, tz_name: str) -> dt.date:
    """The calendar date in `tz_name` at that instant (naive input is taken as UTC)."""
    return to_utc(instant_utc).astimezone(ZoneInfo(tz_name)).date()


def in_zone(
    period: Period, events: list[Event] | tuple[Event, ...], tz_name: str
) -> tuple[Period, list[Event]]:
    """The period and its events with every date read in `tz_name` from their instants."""
    start = local_date_of(period.started_utc, tz_name)
    ended = period.ended_date
    if period.ended_utc is not None:
        ended = max(local_date_of(period.ended_utc, tz_name), start)
    moved = replace(period, start_date=start, ended_date=ended)
    return moved, [replace(e, local_date=local_date_of(e.occurred_utc, tz_name)) for e in events]


def week_start(day: dt.date) -> dt.date:
    """The Monday of the Monday-to-Sunday week containing `day`."""
    return day - dt.timedelta(days=day.weekday())


# --- milestones -------------------------------------------------------------------------------


def milestones_up_to(n: int) -> list[int]:
    """All milestones <= n, in order."""
    out = [m for m in _FIXED_MILESTONES if m <= n]
    m = _FIXED_MILESTONES[-1] + _MILESTONE_STEP
    while m <= n:
        out.append(m)
        m += _MILESTONE_STEP
    return out


def next_milestone(days: int) -> int:
    """The first milestone strictly after `days`."""
    for m in _FIXED_MILESTONES:
        if m > days:
            return m
    last = _FIXED_MILESTONES[-1]
    return last + ((days - last) // _MILESTONE_STEP + 1) * _MILESTONE_STEP


def last_milestone(days: int) -> int | None:
    """The largest milestone <= days, or None before the first one."""
    reached = milestones_up_to(days)
    return reached[-1] if reached else None


# --- the summary ------------------------------------------------------------------------------


def _sort_key(e: Event) -> tuple:
    # Every field takes part, so ties are broken the same way whatever the input order.
    return (
        e.local_date,
        to_utc(e.occurred_utc),
        e.kind,
        e.id is None,
        e.id or 0,
        e.intensity is None,
        e.intensity or 0,
    )


def _days_between(start: dt.date, end: dt.date) -> int:
    return max(0, (end - start).days)


def _partition(
    period: Period, events: list[Event], today: dt.date, now: dt.datetime | None
) -> tuple[list[Event], list[Event], list[Event]]:
    """Split into (counted, flagged, outside), each sorted. With `now`, flagged means the
    instant is still ahead; without it (dates alone), the date is after today."""
    started = to_utc(period.started_utc)
    counted: list[Event] = []
    flagged: list[Event] = []
    outside: list[Event] = []
    for e in sorted(events, key=_sort_key):
        ahead = e.local_date > today if now is None else to_utc(e.occurred_utc) > to_utc(now)
        if ahead:
            flagged.append(e)
        elif to_utc(e.occurred_utc) < started or (
            period.ended_date is not None and e.local_date > period.ended_date
        ):
            outside.append(e)
        else:
            counted.append(e)
    return counted, flagged, outside


def summarize(
    period: Period,
    events: list[Event] | tuple[Event, ...],
    today: dt.date,
    now: dt.datetime | None = None,
) -> Summary:
    """Streaks, record, attempts, urges and the giving-space count as of `today` (local).
    Give dates already read in one zone (`in_zone`) and `now`, the instant `today` is from."""
    counted, flagged, outside = _partition(period, list(events), today, now)
    ended = period.ended_date is not None and period.ended_date <= today
    as_of = min(today, period.ended_date) if period.ended_date is not None else today

    attempts: list[Attempt] = []
    direct_start = social_start = period.start_date
    best_social = 0
    last_direct_reset: dt.date | None = None
    space_start: dt.date | None = None
    urges_total = urges_week = 0
    this_week = week_start(today)

    for e in counted:
        # Dates read in different zones could put an event before the start day.
        day = max(e.local_date, period.start_date)
        if e.kind in DIRECT_RESETS and day != last_direct_reset:
            attempts.append(Attempt(direct_start, day, _days_between(direct_start, day), e.kind))
            direct_start = last_direct_reset = day
        elif e.kind in SOCIAL_RESETS:
            best_social = max(best_social, _days_between(social_start, day))
            social_start = day
        elif e.kind == URGE_RESISTED:
            urges_total += 1
            urges_week += week_start(day) == this_week
        if e.kind == REACHED_OUT or (e.kind == I_CONTACTED and space_start is not None):
            # Writing again after the one planned message restarts the giving-space count.
            space_start = day

    direct_days = _days_between(direct_start, as_of)
    social_days = _days_between(social_start, as_of)
    attempts.append(
        Attempt(
            direct_start,
            as_of if ended else None,
            direct_days,
            None,
        )
    )
    best_direct = max(a.days for a in attempts)
    return Summary(
        as_of=as_of,
        ended=ended,
        direct_start=direct_start,
        social_start=social_start,
        direct_days=direct_days,
        social_days=social_days,
        target_days=period.target_days,
        progress=min(1.0, direct_days / period.target_days),
        milestone_reached=last_milestone(direct_days),
        next_milestone=next_milestone(direct_days),
        best_direct=best_direct,
        best_social=max(best_social, social_days),
        attempts=tuple(attempts),
        attempts_count=len(attempts),
        urges_this_week=urges_week,
        urges_total=urges_total,
        # Once reached in this period it stays reached: a later slip does not undo it.
        target_reached=best_direct >= period.target_days,
        giving_space_days=None if space_start is None else _days_between(space_start, as_of),
        flagged=tuple(flagged),
        outside=tuple(outside),
    )


# --- history and wording ----------------------------------------------------------------------


def weekly_counts(
    events: list[Event] | tuple[Event, ...], start: dt.date, end: dt.date
) -> list[WeekCount]:
    """One row per Monday-based week from the week of `start` to the week of `end`, empty weeks
    included. Slips are counted once per channel per day, like attempt ends."""
    if end < start:
        return []
    first = week_start(start)
    n_weeks = (week_start(end) - first).days // 7 + 1
    urges = [0] * n_weeks
    slip_days: set[tuple[dt.date, str]] = set()
    for e in events:
        if not start <= e.local_date <= end:
            continue
        if e.kind == URGE_RESISTED:
            urges[(e.local_date - first).days // 7] += 1
        elif e.kind in RESET_KINDS:
            slip_days.add((e.local_date, "direct" if e.kind in DIRECT_RESETS else "social"))
    slips = [0] * n_weeks
    for day, _channel in slip_days:
        slips[(day - first).days // 7] += 1
    return [WeekCount(first + dt.timedelta(weeks=i), urges[i], slips[i]) for i in range(n_weeks)]


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def status_line(summary: Summary) -> str:
    """One plain line for the status bar or the streak badge."""
    s = summary
    target = _plural(s.target_days, "day", "days")
    if s.ended:
        head = [
            "No-contact period complete" if s.target_reached else "No-contact period ended",
            f"best {_plural(s.best_direct, 'day', 'days')}",
        ]
        return " · ".join(head)
    if s.direct_days == 0:
        parts = ["No contact: a fresh start today", f"target {target}"]
    elif s.direct_days >= s.target_days:
        parts = [f"No contact: day {s.direct_days}", f"target of {target} reached"]
    else:
        parts = [f"No contact: day {s.direct_days} of {s.target_days}"]
        if s.target_reached:
            parts.append(f"you have reached {target} before")
    if s.best_direct > 0:
        parts.append(f"best {s.best_direct}")
    if s.giving_space_days == 0:
        parts.append("giving space from today")
    elif s.giving_space_days is not None:
        parts.append(f"giving space: day {s.giving_space_days}")
    if s.urges_this_week:
        parts.append(f"{_plural(s.urges_this_week, 'urge', 'urges')} resisted this week")
    return " · ".join(parts)
