"""Change-plan progress: pure measures over plain dataclasses, no database, no clock.

Each function takes `today` (a local date) and walks each commitment once, from its start.

Day states. A day is judged by the schedule version in force on it (the latest `valid_from` on
or before it), so a schedule edit never rewrites the past; before the first version a day is
off. In order: `off` before the start or after the end, and `future` after today (check-ins
there are ignored); `paused` (even if marked: it counts neither way); `kept`/`slipped` for a
check-in, on any day, scheduled or not (the user did the thing, or did not); `pending` today
when due and unmarked; `unrecorded` a past due day with no check-in (not a slip, not kept);
`off` otherwise.

per_week ("N times a week"): any day may be checked and each check-in counts as it is; an
unmarked day is off, never unrecorded; today is pending while the week has fewer than N kept.
When a Monday-Sunday week is over (its Sunday before today), its target (N pro-rated to the
days the commitment was active and unpaused that week, rounded half up, so a mostly paused
week asks for nothing) minus the days marked is the week's shortfall, `missed`. It counts in
the weekly review's rate, in strength (one 0 per missed day, on that Sunday) and breaks the
streak; not in net steps (nothing was marked) nor in the rolling rates (a rolling window cuts
weeks in half, so those count the check-ins as they are).

Net steps: kept minus slipped since the start. Unrecorded days are not slips and cost nothing.
Completion rate over the N days ending today: kept / (kept + slipped + unrecorded); today's
pending is left out; None when nothing counts.

Strength, after Loop Habit Tracker: an exponential moving average in [0, 1] from 0. Loop
updates every calendar day with m = 0.5 ** (sqrt(f) / 13), f the habit's frequency, a half-life
of 13 / sqrt(f) days. Here only a counted day moves the score (kept = 1; slipped and
unrecorded = 0, since an unmarked due day is not a success; paused, off and pending leave it
alone), so each event applies the decay Loop spreads over the 1 / f days it stands for:
m = 0.5 ** (1 / (13 * sqrt(f))). The half-life in days stays Loop's (13 for daily, about 34
for once a week) instead of a weekly commitment needing 34 weeks to move. f = 1 for daily,
len(weekdays) / 7, or N / 7 (1 for a check-in before any schedule). A slip costs at most
(1 - m) of the score: about 5% for a daily commitment.
Credit is capped at what the schedule asks, as Loop caps each period's value at its target:
a kept day the weekdays schedule does not ask for, or a kept day past N in a per_week week,
is welcome (net steps, streaks, rates) but leaves the score alone. So a once-a-week commitment
ticked daily takes about 230 days to reach 99 %, as in Loop, not 33. A per_week slip is scored
with its week when it settles (after Sunday), like the shortfall: the week is the unit, and
so no order of its days can make a kept day lower the score.

Streaks count kept days. A slip, an unrecorded past day or a weekly shortfall ends one; paused
and off days neither break nor extend it; a pending today does not break it.
Recoveries: a slip followed by a kept day within two calendar days; the last slip before the
kept day counts, so a run of slips gives one. `within=None` lists every comeback.
A goal sums its commitments' net steps; its strength is the mean over the commitments live
that day (started and not past their end), None when there are none.
"""

from __future__ import annotations

import bisect
import datetime as dt
import math
import statistics
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

KEPT = "kept"
SLIPPED = "slipped"
UNRECORDED = "unrecorded"
PENDING = "pending"
PAUSED = "paused"
OFF = "off"
FUTURE = "future"
DAY_STATES = (KEPT, SLIPPED, UNRECORDED, PENDING, PAUSED, OFF, FUTURE)

DAILY = "daily"
WEEKDAYS = "weekdays"
PER_WEEK = "per_week"
SCHEDULE_KINDS = (DAILY, WEEKDAYS, PER_WEEK)

HALF_LIFE_DAYS = 13  # Loop Habit Tracker's constant
RECOVERY_WINDOW_DAYS = 2


def multiplier(frequency: float) -> float:
    """The factor the score keeps on one counted day, for a commitment due `frequency` of days."""
    return 0.5 ** (1 / (HALF_LIFE_DAYS * math.sqrt(frequency)))


_DAILY_M = multiplier(1.0)


@dataclass(frozen=True)
class Schedule:
    """One version of a commitment's schedule, in force from `valid_from` to the next one."""

    valid_from: dt.date
    kind: str = DAILY
    weekdays: frozenset[int] = frozenset()  # 0 = Monday
    per_week: int = 0

    def __post_init__(self) -> None:
        if self.kind not in SCHEDULE_KINDS:
            raise ValueError(f"Unknown schedule kind: {self.kind!r}")
        if self.kind == WEEKDAYS and not (self.weekdays and self.weekdays <= frozenset(range(7))):
            raise ValueError("A weekdays schedule needs at least one day between 0 and 6.")
        if self.kind == PER_WEEK and not 1 <= self.per_week <= 7:
            raise ValueError("A per-week schedule asks for 1 to 7 days a week.")

    @property
    def frequency(self) -> float:
        if self.kind == WEEKDAYS:
            return len(self.weekdays) / 7
        if self.kind == PER_WEEK:
            return self.per_week / 7
        return 1.0

    @property
    def multiplier(self) -> float:
        return multiplier(self.frequency)


@dataclass(frozen=True)
class CommitmentHistory:
    id: int
    start: dt.date
    end: dt.date | None = None
    schedules: tuple[Schedule, ...] = ()  # sorted by valid_from
    checkins: Mapping[dt.date, str] = field(default_factory=dict)  # "kept" | "slipped"
    paused: frozenset[dt.date] = frozenset()

    def __post_init__(self) -> None:
        if self.end is not None and self.end < self.start:
            raise ValueError("A commitment cannot end before it starts.")
        starts = [s.valid_from for s in self.schedules]
        if any(a >= b for a, b in zip(starts, starts[1:], strict=False)):
            raise ValueError("Schedule versions must be sorted by distinct valid_from dates.")
        if any(v not in (KEPT, SLIPPED) for v in self.checkins.values()):
            raise ValueError("A check-in is either kept or slipped.")

    def schedule_on(self, day: dt.date) -> Schedule | None:
        """The version in force on `day`, or None before the first one."""
        i = bisect.bisect_right([s.valid_from for s in self.schedules], day)
        return self.schedules[i - 1] if i else None

    def is_live(self, day: dt.date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


@dataclass(frozen=True)
class Recovery:
    commitment_id: int
    slip_day: dt.date
    kept_day: dt.date
    days: int  # calendar days from the slip to the kept day


@dataclass(frozen=True)
class Streaks:
    current: int
    best: int


@dataclass(frozen=True)
class CommitmentSummary:
    id: int
    today_state: str
    net_steps: int
    strength: float
    rate_7: float | None
    rate_30: float | None
    streak: Streaks
    recoveries: tuple[Recovery, ...]
    median_recovery_days: float | None


@dataclass(frozen=True)
class WeeklyReview:
    week_start: dt.date  # a Monday
    kept: int
    slipped: int
    unrecorded: int
    missed: int  # per_week shortfall, once the week is over
    kept_rate: float | None  # kept / (kept + slipped + unrecorded + missed)
    recoveries: tuple[Recovery, ...]  # those whose kept day falls in the week
    kept_by_day: tuple[int, ...]  # Monday..Sunday
    best_day: dt.date | None  # most kept; ties: fewer slips, then the earlier day


@dataclass(frozen=True)
class DailySeries:
    """Plain per-day lists for the charts; days after today hold 0 and None."""

    days: list[dt.date]
    kept: list[int]
    slipped: list[int]
    net_steps: list[int | None]
    strength: list[float | None]


# --- the walk ---------------------------------------------------------------------------------


@dataclass
class _Track:
    """Per-day results from the commitment's start to min(until, today), in one pass."""

    first: dt.date
    states: list[str]
    net: list[int]
    score: list[float]
    streak: int  # the current one, after the last day
    best: int
    comebacks: list[Recovery]
    missed: dict[dt.date, int]  # Monday of a settled per_week week -> shortfall

    def index(self, day: dt.date) -> int:
        return (day - self.first).days


_ALL_DAYS = frozenset(range(7))


def _track(h: CommitmentHistory, today: dt.date, until: dt.date) -> _Track:
    # Ordinals rather than dates in the loop: this runs for every day of every commitment.
    t = _Track(h.start, [], [], [], 0, 0, [], {})
    today_o = today.toordinal()
    end_o = h.end.toordinal() if h.end is not None else today_o
    marks = {d.toordinal(): v == KEPT for d, v in h.checkins.items()}
    paused = {d.toordinal() for d in h.paused}
    versions = [(s.valid_from.toordinal(), s) for s in h.schedules]
    versions.append((math.inf, None))
    vi, next_o = 0, versions[0][0]
    per_week, due, target_n, m = False, frozenset(), 0, _DAILY_M  # before any version: off
    credited_days = _ALL_DAYS  # the weekdays on which a kept day moves the score
    net, score, streak, best = 0, 0.0, 0, 0
    last_slip = 0
    wk_active = wk_marked = wk_kept = wk_n = wk_credited = 0
    wk_slips = 1.0  # per_week slips of this week, as the factor they apply when it settles
    weekday = h.start.weekday()
    states, nets, scores = t.states, t.net, t.score
    for o in range(h.start.toordinal(), min(until, today).toordinal() + 1):
        while next_o <= o:
            sched = versions[vi][1]
            per_week, target_n, m = sched.kind == PER_WEEK, sched.per_week, sched.multiplier
            due = _ALL_DAYS if sched.kind == DAILY else sched.weekdays
            credited_days = sched.weekdays if sched.kind == WEEKDAYS else _ALL_DAYS
            vi += 1
            next_o = versions[vi][0]
        if weekday == 0:
            wk_active = wk_marked = wk_kept = wk_credited = 0
            wk_slips = 1.0
        if o > end_o:
            state = OFF
        elif o in paused:
            state = PAUSED
        else:
            mark = marks.get(o)
            if per_week:
                wk_active += 1
                wk_n = target_n
                if mark is not None:
                    wk_marked += 1
                    wk_kept += mark
            if mark is not None:
                state = KEPT if mark else SLIPPED
            elif per_week:
                state = PENDING if o == today_o and wk_kept < target_n else OFF
            elif weekday in due:
                state = PENDING if o == today_o else UNRECORDED
            else:
                state = OFF
        if state is KEPT:
            # More than the schedule asks is welcome, but credits no more than it measures.
            if per_week:
                if wk_credited < target_n:
                    wk_credited += 1
                    score = score * m + (1 - m)
            elif weekday in credited_days:
                score = score * m + (1 - m)
            net += 1
            streak += 1
            if streak > best:
                best = streak
            if last_slip:
                slip_day = dt.date.fromordinal(last_slip)
                t.comebacks.append(Recovery(h.id, slip_day, dt.date.fromordinal(o), o - last_slip))
                last_slip = 0
        elif state is SLIPPED or state is UNRECORDED:
            if per_week:
                wk_slips *= m  # judged with the week, so the order of its days cannot matter
            else:
                score *= m
            streak = 0
            if state is SLIPPED:
                net -= 1
                last_slip = o
        if weekday == 6 and wk_active and o < today_o:
            score *= wk_slips
            target = (2 * wk_n * wk_active + 7) // 14  # wk_n * active / 7, rounded half up
            short = target - wk_marked
            if short > 0:
                t.missed[dt.date.fromordinal(o - 6)] = short
                score *= multiplier(wk_n / 7) ** short
                streak = 0
        states.append(state)
        nets.append(net)
        scores.append(score)
        weekday = 0 if weekday == 6 else weekday + 1
    t.streak, t.best = streak, best
    return t


def _counted(states: list[str]) -> tuple[int, int]:
    kept = states.count(KEPT)
    return kept, kept + states.count(SLIPPED) + states.count(UNRECORDED)


def _rate(track: _Track, today: dt.date, days: int) -> tuple[int, int]:
    lo = max(0, track.index(today - dt.timedelta(days=days - 1)))
    return _counted(track.states[lo:])


# --- per commitment ---------------------------------------------------------------------------


def day_states(h: CommitmentHistory, start: dt.date, end: dt.date, today: dt.date) -> list[str]:
    """The state of each day from `start` to `end` inclusive."""
    t = _track(h, today, end)
    days = (start + dt.timedelta(days=i) for i in range((end - start).days + 1))
    return [
        OFF if not h.is_live(d) else FUTURE if d > today else t.states[t.index(d)] for d in days
    ]


def is_scheduled(h: CommitmentHistory, day: dt.date) -> bool:
    """Whether `day` asks for this commitment: live, not paused, and due under the version in
    force then. Every day of a per_week version is offered, since any of them may be checked."""
    version = h.schedule_on(day)
    if version is None or not h.is_live(day) or day in h.paused:
        return False
    return version.kind != WEEKDAYS or day.weekday() in version.weekdays


def net_steps(h: CommitmentHistory, today: dt.date) -> int:
    t = _track(h, today, today)
    return t.net[-1] if t.net else 0


def strength(h: CommitmentHistory, today: dt.date) -> float:
    t = _track(h, today, today)
    return t.score[-1] if t.score else 0.0


def streaks(h: CommitmentHistory, today: dt.date) -> Streaks:
    t = _track(h, today, today)
    return Streaks(t.streak, t.best)


def recoveries(
    h: CommitmentHistory, today: dt.date, within: int | None = RECOVERY_WINDOW_DAYS
) -> list[Recovery]:
    """Slips followed by a kept day within `within` calendar days (None: any gap)."""
    return _within(_track(h, today, today).comebacks, within)


def _within(comebacks: Iterable[Recovery], within: int | None) -> list[Recovery]:
    return [r for r in comebacks if within is None or r.days <= within]


def median_recovery_days(recovered: Sequence[Recovery]) -> float | None:
    return float(statistics.median(r.days for r in recovered)) if recovered else None


def commitment_summary(h: CommitmentHistory, today: dt.date) -> CommitmentSummary:
    """Everything the plan page shows for one commitment, from one walk."""
    t = _track(h, today, today)
    live = bool(t.states)
    kept7, total7 = _rate(t, today, 7)
    kept30, total30 = _rate(t, today, 30)
    recovered = _within(t.comebacks, RECOVERY_WINDOW_DAYS)
    return CommitmentSummary(
        id=h.id,
        today_state=(t.states[-1] if live else OFF) if h.is_live(today) else OFF,
        net_steps=t.net[-1] if live else 0,
        strength=t.score[-1] if live else 0.0,
        rate_7=kept7 / total7 if total7 else None,
        rate_30=kept30 / total30 if total30 else None,
        streak=Streaks(t.streak, t.best),
        recoveries=tuple(recovered),
        median_recovery_days=median_recovery_days(recovered),
    )


# --- over many commitments (a goal, or the whole plan) ----------------------------------------


def completion_rate(
    histories: Iterable[CommitmentHistory], today: dt.date, days: int = 7
) -> float | None:
    """kept / (kept + slipped + unrecorded) over the `days` days ending today; None if empty."""
    if days < 1:
        raise ValueError("A rate needs a window of at least one day.")
    kept = total = 0
    for h in histories:
        k, n = _rate(_track(h, today, today), today, days)
        kept += k
        total += n
    return kept / total if total else None


def goal_strength(histories: Iterable[CommitmentHistory], today: dt.date) -> float | None:
    """Mean strength of the commitments live today; None when none is."""
    scores = [strength(h, today) for h in histories if h.is_live(today)]
    return sum(scores) / len(scores) if scores else None


def daily_series(
    histories: Iterable[CommitmentHistory], start: dt.date, end: dt.date, today: dt.date
) -> DailySeries:
    """Per-day kept and slipped counts, summed net steps and mean strength, start..end."""
    n = max(0, (end - start).days + 1)
    days = [start + dt.timedelta(days=i) for i in range(n)]
    known = max(0, min(n, (today - start).days + 1))  # days up to today
    kept = [0] * n
    slipped = [0] * n
    net = [0] * known
    score_sum = [0.0] * known
    live = [0] * known
    for h in histories:
        # Whole-slice sums: one comprehension per list is much cheaper than indexing per day.
        lo = max(0, (h.start - start).days)  # the range's first index this commitment covers
        if lo >= known:
            continue
        t = _track(h, today, end)
        j0, j1 = t.index(start) + lo, t.index(start) + known
        states = t.states[j0:j1]
        _add_into(kept, lo, [s is KEPT for s in states])
        _add_into(slipped, lo, [s is SLIPPED for s in states])
        _add_into(net, lo, t.net[j0:j1])
        stop = min(known, (h.end - start).days + 1) if h.end is not None else known
        if lo < stop:  # strength is averaged over the commitments live that day
            _add_into(score_sum, lo, t.score[j0 : j0 + stop - lo])
            _add_into(live, lo, [1] * (stop - lo))
    strength_out: list[float | None] = [
        score_sum[i] / live[i] if live[i] else None for i in range(known)
    ]
    strength_out += [None] * (n - known)
    net_out: list[int | None] = [*net, *[None] * (n - known)]
    return DailySeries(days, kept, slipped, net_out, strength_out)


def _add_into(acc: list, lo: int, values: list) -> None:
    hi = lo + len(values)
    acc[lo:hi] = [a + b for a, b in zip(acc[lo:hi], values, strict=True)]


def weekly_review(
    histories: Iterable[CommitmentHistory], week_of: dt.date, today: dt.date
) -> WeeklyReview:
    """The Monday-to-Sunday week containing `week_of`, over all the given commitments."""
    monday = week_of - dt.timedelta(days=week_of.weekday())
    sunday = monday + dt.timedelta(days=6)
    kept_by_day = [0] * 7
    slips_by_day = [0] * 7
    unrecorded = missed = 0
    recovered: list[Recovery] = []
    for h in histories:
        t = _track(h, today, sunday)
        for k in range(7):
            j = t.index(monday) + k
            if 0 <= j < len(t.states):
                state = t.states[j]
                kept_by_day[k] += state == KEPT
                slips_by_day[k] += state == SLIPPED
                unrecorded += state == UNRECORDED
        missed += t.missed.get(monday, 0)
        recovered += [r for r in _within(t.comebacks, RECOVERY_WINDOW_DAYS) if r.kept_day >= monday]
    kept, slipped = sum(kept_by_day), sum(slips_by_day)
    total = kept + slipped + unrecorded + missed
    best = max(range(7), key=lambda k: (kept_by_day[k], -slips_by_day[k], -k))
    return WeeklyReview(
        week_start=monday,
        kept=kept,
        slipped=slipped,
        unrecorded=unrecorded,
        missed=missed,
        kept_rate=kept / total if total else None,
        recoveries=tuple(sorted(recovered, key=lambda r: (r.kept_day, r.commitment_id))),
        kept_by_day=tuple(kept_by_day),
        best_day=monday + dt.timedelta(days=best) if kept_by_day[best] else None,
    )
