"""The system clock jumping days forwards and back while Reconcile is open (a wrong BIOS clock,
a manual change, NTP catching up): no exception anywhere, no check-in or event lost, and streaks
follow whatever day it is now. Events written while the clock ran ahead show up as flagged
(dated in the future, not counted) and can be corrected."""

from __future__ import annotations

import datetime as dt

import pytest

from reconcile_desktop.core.clock import Clock
from reconcile_desktop.core.errors import InvalidInput
from reconcile_desktop.core.nocontact import day_counting as streaks
from reconcile_desktop.core.nocontact import store as nocontact
from reconcile_desktop.core.plans import progress
from reconcile_desktop.core.plans import store as plans
from reconcile_desktop.core.storage.models import CheckIn
from tests.conftest import PASSPHRASE

T0 = dt.datetime(2026, 3, 20, 9, 0, tzinfo=dt.UTC)  # 10:00 in Berlin
DAY = dt.timedelta(days=1)


@pytest.fixture
def clock() -> Clock:
    return Clock(fixed=T0, zone="Europe/Berlin")


@pytest.fixture
def open_vault(make_vault, clock):
    vault = make_vault(clock=clock)
    vault.create(PASSPHRASE)
    return vault


def _all_checkins(vault) -> dict[dt.date, str]:
    from sqlmodel import select

    with vault.session() as s:
        return {r.day: r.state for r in s.exec(select(CheckIn))}


def _everything_reads(vault) -> streaks.Summary:
    """What the pages read on every refresh; none of it may raise whatever the date."""
    summary = nocontact.summary(vault)
    nocontact.status_line(vault)
    nocontact.status_json(vault)
    nocontact.weekly_history(vault)
    today = vault.clock.today()
    for h in plans.histories_for(vault):
        progress.commitment_summary(h, today)
    plans.day_items(vault)
    return summary


def test_jumps_both_ways_keep_streaks_and_check_ins(open_vault, clock):
    vault = open_vault
    start = T0.date() - 10 * DAY
    nocontact.start_period(vault, target_days=30, start=start)
    goal = plans.add_goal(vault, "Listen before answering", start=start)
    commitment = plans.add_commitment(vault, goal.id, "ten quiet minutes", "daily", start=start)
    marked: dict[dt.date, str] = {}
    for back in range(0, 7):
        day = T0.date() - back * DAY
        plans.check_in(vault, commitment.id, "kept", day=day)
        marked[day] = "kept"
    assert _everything_reads(vault).direct_days == 10

    # Forward five days (a wrong clock): the user writes as usual.
    clock.fixed = T0 + 5 * DAY
    ahead = nocontact.log_event(vault, streaks.URGE_RESISTED, note="written while ahead")
    plans.check_in(vault, commitment.id, "kept")
    marked[clock.today()] = "kept"
    assert _everything_reads(vault).direct_days == 15

    # Back seven days (the clock corrected, and then some): nothing raises, nothing is lost.
    clock.fixed = T0 - 2 * DAY
    summary = _everything_reads(vault)
    assert summary.direct_days == 8
    assert [e.id for e in summary.flagged] == [ahead.id]  # offered for correction
    assert summary.urges_total == 0  # a future-dated event is not counted
    assert _all_checkins(vault) == marked  # the future check-ins are kept, not dropped
    with pytest.raises(InvalidInput):  # one sentence, not a crash
        plans.check_in(vault, commitment.id, "kept", day=T0.date() + 5 * DAY)

    # Written after the backward jump: counted today, and correctable later.
    slip = nocontact.log_event(vault, streaks.I_CONTACTED, note="a slip")
    plans.check_in(vault, commitment.id, "slipped")
    marked[clock.today()] = "slipped"
    fixed = nocontact.correct_event(vault, ahead.id, when=clock.today())
    assert fixed.local_date == clock.today()
    summary = _everything_reads(vault)
    assert summary.flagged == () and summary.urges_total == 1
    assert summary.direct_days == 0 and summary.attempts_count == 2

    # Forward again, past where it was: the slip stays where it was written.
    clock.fixed = T0 + 6 * DAY
    summary = _everything_reads(vault)
    assert summary.direct_days == 8
    assert summary.best_direct == 8
    assert _all_checkins(vault) == marked
    assert [e.id for e in nocontact.events(vault, summary_period(vault))] == [ahead.id, slip.id]


def summary_period(vault) -> int:
    period = nocontact.current_period(vault)
    assert period is not None
    return period.id


def test_a_jump_before_the_period_began_is_calm(open_vault, clock):
    vault = open_vault
    nocontact.start_period(vault, target_days=30)
    goal = plans.add_goal(vault, "Patience")
    commitment = plans.add_commitment(vault, goal.id, "no checking their profile", "daily")
    plans.check_in(vault, commitment.id, "kept")
    clock.fixed = T0 - 20 * DAY
    summary = _everything_reads(vault)
    assert summary.direct_days == 0  # never negative
    with pytest.raises(InvalidInput):
        nocontact.log_event(vault, streaks.URGE_RESISTED)  # before the period began
    with pytest.raises(InvalidInput):
        plans.check_in(vault, commitment.id, "kept")  # before the commitment started
    clock.fixed = T0 + 3 * DAY
    assert _everything_reads(vault).direct_days == 3
    assert _all_checkins(vault) == {T0.date(): "kept"}
