"""Core's read models: the numbers the window and the command line both show."""

from __future__ import annotations

import datetime as dt

from reconcile_desktop.core import summaries
from reconcile_desktop.core.clock import Clock
from reconcile_desktop.core.journal import entries as journal
from reconcile_desktop.core.nocontact import day_counting as streaks
from reconcile_desktop.core.nocontact import store as nocontact
from reconcile_desktop.core.plans import store as plans
from reconcile_desktop.core.plans.progress import CommitmentHistory, Schedule
from tests.conftest import PASSPHRASE

MON = dt.date(2024, 1, 1)


def D(n: int) -> dt.date:
    return MON + dt.timedelta(days=n)


def test_daily_completion_counts_kept_over_everything_due():
    today = D(3)
    first = CommitmentHistory(
        1, D(0), schedules=(Schedule(D(0)),), checkins={D(0): "kept", D(1): "slipped"}
    )
    second = CommitmentHistory(2, D(2), schedules=(Schedule(D(2)),), checkins={D(2): "kept"})
    days, rates = summaries.daily_completion([first, second], D(0), D(4), today)
    assert days == [D(i) for i in range(5)]
    # Tue slipped, Wed: first unrecorded + second kept, Thu pending, Fri ahead.
    assert rates == [1.0, 0.0, 0.5, None, None]
    assert summaries.daily_completion([], D(0), D(1), today) == ([D(0), D(1)], [None, None])


def _vault_on(make_vault, day: dt.date):
    clock = Clock(fixed=dt.datetime.combine(day, dt.time(12), dt.UTC), zone="UTC")
    vault = make_vault(clock=clock)
    vault.create(PASSPHRASE)
    return vault, clock


def test_a_goal_summary_counts_slips_apart_from_paused_days_and_knows_what_is_due(make_vault):
    vault, clock = _vault_on(make_vault, D(20))
    stop = plans.add_goal(vault, "Stop shouting", must_stop=True, start=D(0))
    walk = plans.add_commitment(vault, stop.id, "Walk away", "mon,wed,fri", start=D(0))
    for day, state in ((D(14), "slipped"), (D(16), "kept"), (D(18), "slipped")):
        plans.check_in(vault, walk.id, state, day=day)
    plans.add_pause(vault, D(18), D(18), goal_id=stop.id)  # a paused day's slip does not count

    (g,) = summaries.goal_summaries(vault)
    assert g.goal.id == stop.id and g.slips_30 == 1 and g.days_running == 20
    assert g.due_today == 0 and g.next_due == D(21)  # D(20) is a Sunday: Monday is next
    (line,) = g.commitments
    assert (line.kept_days, line.next_due) == (1, D(21))


def test_the_week_review_counts_urges_of_that_week_only(make_vault):
    vault, clock = _vault_on(make_vault, D(7))  # a Monday: last week is D(0)..D(6)
    nocontact.start_period(vault, target_days=30, start=D(0))
    for day in (D(1), D(3), D(7)):
        when = dt.datetime.combine(day, dt.time(9), dt.UTC)
        nocontact.log_event(vault, streaks.URGE_RESISTED, when=when)
    week = summaries.week_review(vault, D(0))
    assert week.review.week_start == D(0) and week.urges_resisted == 2
    assert journal.count_entries(vault) == 0
