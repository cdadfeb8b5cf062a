"""What each chart shows, as data and as one paragraph of words: the text alternative a screen
reader reads for a chart, and what `reconcile progress` prints. Pure: the window and the command
line call these same functions, so the picture, its description and the terminal agree.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from reconcile_desktop.core.plans import progress
from reconcile_desktop.core.summaries import daily_completion

if TYPE_CHECKING:
    from reconcile_desktop.core.nocontact.day_counting import Attempt, WeekCount
    from reconcile_desktop.core.plans.progress import CommitmentHistory, DailySeries
    from reconcile_desktop.core.plans.store import CommitmentData, GoalData

# A plan begun this week still shows a week, so one day is not one wide bar; the days of that
# week before the start are marked as such, never drawn as zeros.
MIN_SHOWN_DAYS = 7


@dataclass(frozen=True)
class ChartInputs:
    """The commitments one view of the charts covers: one goal, or every goal not archived."""

    histories: list[CommitmentHistory]
    commitments: list[CommitmentData]
    must_stop_ids: frozenset[int]  # commitments of goals that must stop completely


def chart_inputs(
    goal: GoalData | None,
    goals: Sequence[GoalData],
    commitments: Sequence[CommitmentData],
    histories: Sequence[CommitmentHistory],
) -> ChartInputs:
    """`goals`: every goal (archived too); `commitments`: every commitment (archived too)."""
    shown = [goal] if goal else [g for g in goals if g.status != "archived"]
    ids = {g.id for g in shown}
    stop = {g.id for g in shown if g.must_stop}
    cs = [c for c in commitments if c.goal_id in ids]
    wanted = {c.id for c in cs}
    hs = [h for h in histories if h.id in wanted]
    return ChartInputs(hs, cs, frozenset(c.id for c in cs if c.goal_id in stop))


def first_start(histories: Sequence[CommitmentHistory], today: dt.date) -> dt.date:
    return min((h.start for h in histories), default=today)


def span(
    histories: Sequence[CommitmentHistory], today: dt.date, days: int | None
) -> tuple[dt.date, dt.date]:
    """The days the charts show: the last `days` days (None: since the start), but never
    before the first day that counts, unless that leaves less than a week."""
    first = first_start(histories, today)
    start = first if days is None else max(today - dt.timedelta(days=days - 1), first)
    return min(start, today - dt.timedelta(days=MIN_SHOWN_DAYS - 1)), today


def first_counted(series: DailySeries) -> int | None:
    """The index of the first day a commitment was running, or None if none was."""
    return next((i for i, s in enumerate(series.strength) if s is not None), None)


def _slips(n: int) -> str:
    return "no slips" if n == 0 else _n(n, "slip", "slips")


def _n(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def _pct(x: float) -> str:
    return f"{round(x * 100)}%"


def _when(days: Sequence[dt.date], today: dt.date, first: int = 0) -> str:
    """How the paragraph names its stretch of days."""
    shown = days[first:]
    if not shown:
        return "In this range"
    if shown[0] == today:
        return "Today, its first day"
    if first > 0:
        return f"In its first {len(shown)} days"
    return f"Over the last {_n(len(shown), 'day', 'days')}"


# -- steps ---------------------------------------------------------------------------------------


def steps_text(series: DailySeries, today: dt.date, *, must_stop: bool = False) -> str:
    """The steps chart (kept and slipped days, and strength) in one paragraph."""
    first = first_counted(series)
    if first is None:
        return "Nothing to show yet: no commitment was running in this range."
    when = _when(series.days, today, first)
    kept, slipped = sum(series.kept[first:]), sum(series.slipped[first:])
    if must_stop:
        slips = "no slips" if slipped == 0 else _n(slipped, "slip", "slips")
        marked = (
            "nothing marked kept yet" if kept == 0 else f"kept marked {_n(kept, 'time', 'times')}"
        )
        return f"{when}: {slips}; {marked}."
    parts = [f"{_n(kept, 'step', 'steps')} kept", _n(slipped, "slip", "slips")]
    scores = [s for s in series.strength[first:] if s is not None]
    if scores:
        now, then = round(scores[-1] * 100), round(scores[0] * 100)
        trend = (
            ""
            if len(scores) == 1
            else f", up from {then}%"
            if now > then
            else f", down from {then}%"
            if now < then
            else ", level"
        )
        parts.append(f"strength {now}%{trend}")
    return f"{when}: " + ", ".join(parts) + "."


# -- the calendar --------------------------------------------------------------------------------


def calendar_text(
    days: Sequence[dt.date],
    rates: Sequence[float | None],
    slips: Sequence[int],
    today: dt.date,
    *,
    must_stop: bool = False,
) -> str:
    """The calendar of days in one paragraph: how many days all, some or none were kept."""
    counted = [(r, s) for r, s in zip(rates, slips, strict=True) if r is not None]
    if not counted:
        return "Nothing to show yet: nothing was due in this range."
    first = next(i for i, r in enumerate(rates) if r is not None)
    when = _when(days, today, first)
    slip_days = sum(1 for _r, s in counted if s)
    if must_stop:
        clear = len(counted) - slip_days
        slipped = "no day with a slip" if slip_days == 0 else _n(slip_days, "day", "days")
        return (
            f"{when}: {_n(clear, 'day', 'days')} without a slip; "
            f"{slipped}{' with a slip' if slip_days else ''}."
        )
    all_kept = sum(1 for r, _s in counted if r >= 1.0)
    none_kept = sum(1 for r, _s in counted if r == 0.0)
    some = len(counted) - all_kept - none_kept
    parts = [
        f"{label} on {_n(count, 'day', 'days')}"
        for label, count in (("everything kept", all_kept), ("some", some), ("none", none_kept))
        if count
    ]
    tail = f"; a slip on {_n(slip_days, 'day', 'days')}" if slip_days else ""
    return f"{when}: " + ", ".join(parts) + tail + "."


def daily_slips(
    histories: Sequence[CommitmentHistory], start: dt.date, end: dt.date, today: dt.date
) -> list[int]:
    """Slips marked on each day from `start` to `end`."""
    n = max(0, (end - start).days + 1)
    out = [0] * n
    for h in histories:
        for i, state in enumerate(progress.day_states(h, start, end, today)):
            out[i] += state == progress.SLIPPED
    return out


# -- each commitment -----------------------------------------------------------------------------


@dataclass(frozen=True)
class RateRow:
    label: str
    rate: float | None  # kept share over the range, None when no day counted yet
    note: str  # what to write when there is no rate


def rate_rows(
    commitments: Sequence[CommitmentData],
    histories: Sequence[CommitmentHistory],
    start: dt.date,
    today: dt.date,
    *,
    must_stop: bool = False,
    stop_ids: Collection[int] = (),
) -> list[RateRow]:
    """One row per commitment running at some point in the range, in the plan's order. For a
    goal that must stop completely (all, or those in `stop_ids`), no share (fewer slips is not
    the aim): its slips, plainly."""
    window = (today - start).days + 1
    by_id = {h.id: h for h in histories}
    rows = []
    for c in commitments:
        h = by_id.get(c.id)
        if h is None or h.start > today or (h.end is not None and h.end < start):
            continue
        label = f"{c.action} (archived)" if c.archived_date else c.action
        if must_stop or c.id in stop_ids:
            states = progress.day_states(h, start, today, today)
            slips = states.count(progress.SLIPPED)
            rows.append(RateRow(label, None, f"{_slips(slips)} in this range"))
            continue
        rate = progress.completion_rate([h], today, window)
        state = progress.day_states(h, today, today, today)[0]
        note = (
            ""
            if rate is not None
            else "due today, not marked yet"
            if state == progress.PENDING
            else "nothing due yet"
        )
        rows.append(RateRow(label, rate, note))
    return rows


def rates_text(
    rows: Sequence[RateRow],
    days: Sequence[dt.date],
    today: dt.date,
    first_day: dt.date,
    *,
    must_stop: bool = False,
) -> str:
    """Each commitment's kept share; `first_day`, the earliest start among them."""
    if not rows:
        return "No commitments in this range yet."
    first = max(0, (first_day - days[0]).days) if days else 0
    shown = [f"{r.label}, {_pct(r.rate) if r.rate is not None else r.note}" for r in rows]
    when = _when(days, today, first)
    if must_stop:
        return f"{when}, each commitment: " + "; ".join(shown) + "."
    return f"{when}, how often each commitment was kept: " + "; ".join(shown) + "."


# -- the no-contact history ----------------------------------------------------------------------


def history_text(attempts: Sequence[Attempt], target_days: int, weeks: Sequence[WeekCount]) -> str:
    """The no-contact history chart: each stretch against the target, urges and slips."""
    if not attempts:
        return "No stretches yet."
    current = attempts[-1]
    running = current.end_date is None
    best = max(a.days for a in attempts)
    now = (
        f"the current one is {_n(current.days, 'day', 'days')} of your {target_days}-day target"
        if running
        else f"the last one lasted {_n(current.days, 'day', 'days')}"
    )
    text = f"{_n(len(attempts), 'stretch', 'stretches')} so far: {now}"
    if len(attempts) > 1:
        text += f"; the longest, {_n(best, 'day', 'days')}"
    text += "."
    if weeks:
        urges = sum(w.urges for w in weeks)
        slips = sum(w.slips for w in weeks)
        text += (
            f" Over {_n(len(weeks), 'week', 'weeks')}: "
            f"{_n(urges, 'urge', 'urges')} resisted and {_n(slips, 'slip', 'slips')}."
        )
    return text


# -- all of a view at once (the command line, and tests) -------------------------------------


@dataclass(frozen=True)
class PlanChartTexts:
    steps: str
    calendar: str
    commitments: str


def plan_chart_texts(
    inputs: ChartInputs, today: dt.date, days: int | None, *, must_stop: bool = False
) -> PlanChartTexts:
    """The three plan charts' paragraphs for one view, as the window's charts describe it.
    With several goals together, those that must stop are left out of the steps (the window
    shows them on their own)."""
    start, end = span(inputs.histories, today, days)
    steps_hs = [h for h in inputs.histories if must_stop or h.id not in inputs.must_stop_ids]
    series = progress.daily_series(steps_hs, start, end, today)
    cal_days, rates = daily_completion(inputs.histories, start, end, today)
    slips = daily_slips(inputs.histories, start, end, today)
    rows = rate_rows(
        inputs.commitments,
        inputs.histories,
        start,
        today,
        must_stop=must_stop,
        stop_ids=inputs.must_stop_ids,
    )
    return PlanChartTexts(
        steps=steps_text(series, today, must_stop=must_stop),
        calendar=calendar_text(cal_days, rates, slips, today, must_stop=must_stop),
        commitments=rates_text(
            rows, cal_days, today, first_start(inputs.histories, today), must_stop=must_stop
        ),
    )
