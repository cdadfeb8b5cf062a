"""Read models: the numbers a user sees, computed once for the window and the command line.

The Plan and Today pages, the charts' data and `reconcile progress --json` call these and do no
arithmetic of their own; the no-contact count is nocontact.summary() / status_json(), which the
No contact page, the Today badge, the tray and `reconcile status` share the same way.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from reconcile_desktop.core.plans import progress
from reconcile_desktop.core.plans import store as plans

if TYPE_CHECKING:
    from reconcile_desktop.core.plans.store import CommitmentData, GoalData
    from reconcile_desktop.core.storage.vault import Vault

SLIP_WINDOW_DAYS = 30  # "n slips in 30 days" for a goal that must stop completely
NEXT_DUE_HORIZON = 31  # days looked ahead for the next due day


@dataclass(frozen=True)
class CommitmentLine:
    commitment: CommitmentData
    summary: progress.CommitmentSummary
    kept_days: int  # in the last `days` days
    slipped_days: int
    due_today: bool
    next_due: dt.date | None  # today while due and unmarked, else the next day it asks for


@dataclass(frozen=True)
class GoalSummary:
    goal: GoalData
    strength: float | None  # mean over its commitments running today; None before any
    slips_30: int  # slips in the last 30 days, paused days not counted
    net_steps: int
    rate_7: float | None
    rate_30: float | None
    recoveries: tuple[progress.Recovery, ...]
    median_recovery_days: float | None
    kept_days: int
    slipped_days: int
    days_running: int  # whole days since the goal's start: 0 on its first day
    due_today: int  # commitments due today
    next_due: dt.date | None
    commitments: tuple[CommitmentLine, ...]
    note: str  # the goal's line in words: "strength 72%", "no slips in its 4 days so far"


@dataclass(frozen=True)
class WeekReview:
    review: progress.WeeklyReview
    urges_resisted: int


def slips_within(histories: Iterable[progress.CommitmentHistory], today: dt.date) -> int:
    since = today - dt.timedelta(days=SLIP_WINDOW_DAYS - 1)
    return sum(
        1
        for h in histories
        for day, state in h.checkins.items()
        if state == progress.SLIPPED and since <= day <= today and day not in h.paused
    )


def next_due(h: progress.CommitmentHistory, today: dt.date) -> dt.date | None:
    for n in range(NEXT_DUE_HORIZON):
        day = today + dt.timedelta(days=n)
        if progress.is_scheduled(h, day) and not (n == 0 and day in h.checkins):
            return day
    return None


def _marked(h: progress.CommitmentHistory, today: dt.date, days: int) -> tuple[int, int]:
    states = progress.day_states(h, today - dt.timedelta(days=days - 1), today, today)
    return states.count(progress.KEPT), states.count(progress.SLIPPED)


def _line(c: CommitmentData, h: progress.CommitmentHistory, today: dt.date, days: int):
    kept, slipped = _marked(h, today, days)
    return CommitmentLine(
        commitment=c,
        summary=progress.commitment_summary(h, today),
        kept_days=kept,
        slipped_days=slipped,
        due_today=progress.is_scheduled(h, today),
        next_due=next_due(h, today),
    )


def _slips_phrase(n: int) -> str:
    return "no slips" if n == 0 else "1 slip" if n == 1 else f"{n} slips"


def goal_note(goal: GoalData, strength: float | None, slips_30: int, today: dt.date) -> str:
    """The goal's progress in a few words, true from its first day: a goal that must stop
    completely gets its slips plainly, never a score; the others their strength."""
    if goal.start_date > today:
        return f"starts on {goal.start_date.day} {goal.start_date:%b %Y}"
    days = (today - goal.start_date).days + 1  # today counts: its first day is day 1
    if goal.must_stop:
        slips = _slips_phrase(slips_30)
        if days >= SLIP_WINDOW_DAYS:
            return f"{slips} in {SLIP_WINDOW_DAYS} days"
        if days == 1:
            return "started today" if slips_30 == 0 else f"started today · {slips} today"
        return f"{slips} in its {days} days so far"
    if strength is None:
        return "not started yet"
    if days == 1:
        return "started today"
    return f"strength {round(strength * 100)}%"


def goal_summaries(
    vault: Vault, *, days: int = 30, include_archived: bool = False
) -> list[GoalSummary]:
    """Every goal with its numbers, in the plan's order (one read of the plan)."""
    today = vault.clock.today()
    every = plans.commitments(vault, include_archived=True)
    by_id = {c.id: c for c in every}
    by_goal: dict[int, list[progress.CommitmentHistory]] = {}
    for h in plans.histories_for(vault):
        by_goal.setdefault(by_id[h.id].goal_id, []).append(h)
    out = []
    for g in plans.goals(vault, include_archived=include_archived):
        hs = by_goal.get(g.id, [])
        lines = tuple(_line(by_id[h.id], h, today, days) for h in hs)
        pooled = tuple(r for line in lines for r in line.summary.recoveries)
        due = [line.next_due for line in lines if line.next_due is not None]
        strength = progress.goal_strength(hs, today)
        slips = slips_within(hs, today)
        out.append(
            GoalSummary(
                goal=g,
                strength=strength,
                slips_30=slips,
                net_steps=sum(line.summary.net_steps for line in lines),
                rate_7=progress.completion_rate(hs, today, 7),
                rate_30=progress.completion_rate(hs, today, 30),
                recoveries=pooled,
                median_recovery_days=progress.median_recovery_days(pooled),
                kept_days=sum(line.kept_days for line in lines),
                slipped_days=sum(line.slipped_days for line in lines),
                days_running=max(0, (today - g.start_date).days),
                due_today=sum(line.due_today for line in lines),
                next_due=min(due) if due else None,
                commitments=lines,
                note=goal_note(g, strength, slips, today),
            )
        )
    return out


def week_review(vault: Vault, week_of: dt.date) -> WeekReview:
    """The Monday-to-Sunday week containing `week_of`: steps kept, slips, recoveries, urges."""
    from reconcile_desktop.core.nocontact import store as nocontact

    today = vault.clock.today()
    review = progress.weekly_review(plans.histories_for(vault), week_of, today)
    last = min(review.week_start + dt.timedelta(days=6), today)
    return WeekReview(review, nocontact.urges_resisted(vault, review.week_start, last))


def daily_completion(
    histories: Iterable[progress.CommitmentHistory],
    start: dt.date,
    end: dt.date,
    today: dt.date,
) -> tuple[list[dt.date], list[float | None]]:
    """Each day's kept / (kept + slipped + unrecorded) over all commitments; None if none."""
    n = max(0, (end - start).days + 1)
    kept, counted = [0] * n, [0] * n
    for h in histories:
        for i, state in enumerate(progress.day_states(h, start, end, today)):
            if state in (progress.KEPT, progress.SLIPPED, progress.UNRECORDED):
                counted[i] += 1
                kept[i] += state == progress.KEPT
    days = [start + dt.timedelta(days=i) for i in range(n)]
    return days, [k / c if c else None for k, c in zip(kept, counted, strict=True)]
