"""No-contact periods and events stored in the vault, counted with a frozen clock."""

from __future__ import annotations

import datetime as dt

import pytest

from reconcile_desktop.core import nocontact, streaks
from reconcile_desktop.core.clock import Clock
from reconcile_desktop.core.errors import InvalidInput
from tests.conftest import PASSPHRASE


def at(y, m, d, h=12, mi=0, zone="Europe/Berlin") -> dt.datetime:
    from zoneinfo import ZoneInfo

    return dt.datetime(y, m, d, h, mi, tzinfo=ZoneInfo(zone))


@pytest.fixture
def clock():
    return Clock(fixed=at(2026, 10, 1), zone="Europe/Berlin")


@pytest.fixture
def nc_vault(make_vault, clock):
    v = make_vault(clock=clock)
    v.create(PASSPHRASE)
    return v


def test_no_period_means_not_tracking(nc_vault):
    assert nocontact.summary(nc_vault) is None
    assert nocontact.status_json(nc_vault) == {"tracking": False}
    with pytest.raises(InvalidInput):
        nocontact.log_event(nc_vault, streaks.URGE_RESISTED)


def test_days_count_local_calendar_days_across_the_berlin_dst_change(nc_vault, clock):
    nocontact.start_period(nc_vault, target_days=30)
    clock.fixed = at(2026, 10, 26, 0, 30)  # 25 calendar days later; Oct 25 had 25 hours
    s = nocontact.summary(nc_vault)
    assert s.direct_days == 25 and s.social_days == 25
    assert nocontact.status_json(nc_vault)["days"] == 25


def test_slip_resets_direct_only_and_keeps_history(nc_vault, clock):
    nocontact.start_period(nc_vault, target_days=45)
    clock.fixed = at(2026, 10, 11)
    nocontact.log_event(nc_vault, streaks.URGE_RESISTED, intensity=4, trigger="a song")
    nocontact.log_event(nc_vault, streaks.LOOKED_SOCIAL)
    clock.fixed = at(2026, 10, 15)
    nocontact.log_event(nc_vault, streaks.I_CONTACTED, note="sent a text")
    clock.fixed = at(2026, 10, 20)
    s = nocontact.summary(nc_vault)
    assert (s.direct_days, s.social_days, s.best_direct) == (5, 9, 14)
    assert s.attempts_count == 2 and s.urges_total == 1
    line = nocontact.status_line(nc_vault)
    assert "day 5 of 45" in line and "best 14" in line


def test_a_move_to_tokyo_counts_each_calendar_day_once(nc_vault, clock):
    nocontact.start_period(nc_vault, target_days=30)
    clock.fixed = at(2026, 10, 10, 22, 0)
    clock.zone = "Asia/Tokyo"  # the user flew east; it is already the 11th there
    assert nocontact.summary(nc_vault).direct_days == 10
    nocontact.log_event(nc_vault, streaks.URGE_RESISTED)
    events = nocontact.events(nc_vault, nocontact.current_period(nc_vault).id)
    assert events[0].local_date == dt.date(2026, 10, 11) and events[0].tz == "Asia/Tokyo"


def test_future_event_is_flagged_then_corrected(nc_vault, clock):
    nocontact.start_period(nc_vault, target_days=30)
    clock.fixed = at(2026, 10, 20)  # the computer's clock ran ten days ahead...
    future = nocontact.log_event(nc_vault, streaks.I_CONTACTED)
    clock.fixed = at(2026, 10, 10)  # ...and was put right afterwards
    s = nocontact.summary(nc_vault)
    assert s.direct_days == 9 and [e.id for e in s.flagged] == [future.id]
    nocontact.correct_event(nc_vault, future.id, when=dt.date(2026, 10, 8))
    s = nocontact.summary(nc_vault)
    assert s.flagged == () and s.direct_days == 2


def test_clock_moved_backwards_never_goes_negative(nc_vault, clock):
    nocontact.start_period(nc_vault, target_days=30)
    clock.fixed = at(2026, 9, 1)
    assert nocontact.summary(nc_vault).direct_days == 0


def test_ending_is_explicit_and_one_period_runs_at_a_time(nc_vault, clock):
    nocontact.start_period(nc_vault, target_days=30)
    with pytest.raises(InvalidInput):
        nocontact.start_period(nc_vault)
    clock.fixed = at(2026, 11, 5)
    ended = nocontact.end_period(nc_vault, "target")
    assert ended.end_date == dt.date(2026, 11, 5) and nocontact.current_period(nc_vault) is None
    again = nocontact.start_period(nc_vault, target_days=60)
    assert [p.id for p in nocontact.periods(nc_vault)] == [ended.id, again.id]


def test_events_survive_lock_and_unlock(nc_vault, clock):
    nocontact.start_period(nc_vault, target_days=30)
    nocontact.log_event(nc_vault, streaks.URGE_RESISTED, intensity=2, note="walked instead")
    nc_vault.lock()
    nc_vault.unlock(PASSPHRASE)
    (event,) = nocontact.events(nc_vault, nocontact.current_period(nc_vault).id)
    assert (event.intensity, event.note) == (2, "walked instead")


@pytest.mark.parametrize("bad", [0, -3, 5000])
def test_bad_targets_get_one_sentence(nc_vault, bad):
    with pytest.raises(InvalidInput, match="number of days"):
        nocontact.start_period(nc_vault, target_days=bad)


def test_explicit_future_or_pre_period_dates_are_refused(nc_vault, clock):
    nocontact.start_period(nc_vault, target_days=30)
    clock.fixed = at(2026, 10, 10)
    with pytest.raises(InvalidInput, match="not come yet"):
        nocontact.log_event(nc_vault, streaks.URGE_RESISTED, when=dt.date(2026, 10, 11))
    with pytest.raises(InvalidInput, match="before this no-contact period"):
        nocontact.log_event(nc_vault, streaks.I_CONTACTED, when=dt.date(2026, 9, 30))


def test_a_date_only_slip_on_the_start_day_is_counted(nc_vault, clock):
    clock.fixed = at(2026, 10, 1, 15, 0)
    nocontact.start_period(nc_vault, target_days=30)
    clock.fixed = at(2026, 10, 2, 8, 0)  # next morning: "yesterday I texted them"
    nocontact.log_event(nc_vault, streaks.I_CONTACTED, when=dt.date(2026, 10, 1))
    s = nocontact.summary(nc_vault)
    assert s.attempts_count == 2 and s.direct_days == 1
