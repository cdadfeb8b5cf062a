"""No-contact periods and events stored in the vault, counted with a frozen clock."""

from __future__ import annotations

import datetime as dt

import pytest

from reconcile_desktop.core.clock import Clock
from reconcile_desktop.core.errors import InvalidInput
from reconcile_desktop.core.nocontact import day_counting as streaks
from reconcile_desktop.core.nocontact import store as nocontact
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


# --- travel: every date is read where the user is now, from the instant --------------------


def _traveller(make_vault, zone: str, y, m, d, h) -> tuple:
    clock = Clock(fixed=at(y, m, d, h, zone=zone), zone=zone)
    vault = make_vault(clock=clock)
    vault.create(PASSPHRASE)
    return vault, clock


def _go(clock: Clock, zone: str, y, m, d, h) -> None:
    clock.zone = zone
    clock.fixed = at(y, m, d, h, zone=zone)


def test_sydney_to_new_york_a_contact_logged_before_the_flight_counts(make_vault):
    vault, clock = _traveller(make_vault, "Australia/Sydney", 2026, 6, 1, 20)  # 06:00 in NY
    nocontact.start_period(vault, target_days=45)
    _go(clock, "Australia/Sydney", 2026, 6, 15, 8)  # 22:00 UTC on the 14th
    nocontact.log_event(vault, streaks.I_CONTACTED)
    _go(clock, "America/New_York", 2026, 6, 14, 20)  # two hours later, still the 14th there
    s = nocontact.summary(vault)
    assert s.flagged == () and s.direct_days == 0 and s.best_direct == 13
    assert nocontact.status_line(vault) == (
        "No contact: a fresh start today · target 45 days · best 13"
    )
    nocontact.log_event(vault, streaks.I_CONTACTED)  # a second slip, later, the same day there
    _go(clock, "America/New_York", 2026, 6, 15, 20)
    s = nocontact.summary(vault)
    # The stretches run in the order things happened, one slip day for both contacts.
    assert [(a.start_date, a.end_date, a.days) for a in s.attempts] == [
        (dt.date(2026, 6, 1), dt.date(2026, 6, 14), 13),
        (dt.date(2026, 6, 14), None, 1),
    ]


def test_new_york_to_london_a_late_contact_is_this_morning_in_london(make_vault):
    vault, clock = _traveller(make_vault, "America/New_York", 2026, 6, 1, 9)
    nocontact.start_period(vault, target_days=30)
    _go(clock, "America/New_York", 2026, 6, 10, 23)  # 04:00 on the 11th in London
    nocontact.log_event(vault, streaks.I_CONTACTED)
    _go(clock, "Europe/London", 2026, 6, 11, 12)
    s = nocontact.summary(vault)
    assert (s.direct_days, s.best_direct, s.flagged) == (0, 10, ())
    assert s.attempts[0].end_date == dt.date(2026, 6, 11)
    # The row keeps the date it was logged under, as a record.
    assert nocontact.events(vault, nocontact.current_period(vault).id)[0].local_date == (
        dt.date(2026, 6, 10)
    )


def test_tokyo_to_los_angeles_monday_morning_is_sunday_afternoon(make_vault):
    vault, clock = _traveller(make_vault, "Asia/Tokyo", 2026, 6, 1, 20)  # 04:00 in LA
    nocontact.start_period(vault, target_days=30)
    _go(clock, "Asia/Tokyo", 2026, 6, 15, 8)  # Monday; 16:00 on Sunday the 14th in LA
    nocontact.log_event(vault, streaks.URGE_RESISTED, intensity=3)
    _go(clock, "Asia/Tokyo", 2026, 6, 15, 9)
    nocontact.log_event(vault, streaks.LOOKED_SOCIAL)
    _go(clock, "America/Los_Angeles", 2026, 6, 14, 18)
    s = nocontact.summary(vault)
    assert s.flagged == () and s.urges_total == 1 and s.urges_this_week == 1
    assert (s.social_days, s.direct_days, s.best_social) == (0, 13, 13)
    assert nocontact.status_json(vault)["flagged_events"] == 0
    week = nocontact.weekly_history(vault)[-1]
    assert (week.week_start, week.urges, week.slips) == (dt.date(2026, 6, 8), 1, 1)
    assert nocontact.urges_resisted(vault, dt.date(2026, 6, 8), dt.date(2026, 6, 14)) == 1


def test_flagged_means_the_time_is_still_ahead_even_on_the_same_day(nc_vault, clock):
    nocontact.start_period(nc_vault, target_days=30)
    clock.fixed = at(2026, 10, 5, 18)  # the clock ran three hours fast...
    ahead = nocontact.log_event(nc_vault, streaks.I_CONTACTED)
    clock.fixed = at(2026, 10, 5, 15)  # ...and was put right, the same afternoon
    s = nocontact.summary(nc_vault)
    assert [e.id for e in s.flagged] == [ahead.id] and s.direct_days == 4
    with pytest.raises(InvalidInput):  # a time later today has not happened yet either
        nocontact.log_event(nc_vault, streaks.URGE_RESISTED, when=at(2026, 10, 5, 16))
    clock.fixed = at(2026, 10, 5, 19)
    s = nocontact.summary(nc_vault)
    assert s.flagged == () and s.direct_days == 0


def test_a_letter_already_counted_as_an_urge_is_not_counted_again(nc_vault, clock):
    from reconcile_desktop.core.journal import entries as journal

    nocontact.start_period(nc_vault, target_days=30, start=at(2026, 9, 28))
    letter = journal.add_entry(nc_vault, "Not sending this.", kind="letter")
    assert nocontact.urge_for_entry(nc_vault, letter.id) is None
    first = nocontact.log_event(nc_vault, streaks.URGE_RESISTED, entry_id=letter.id)
    again = nocontact.log_event(nc_vault, streaks.URGE_RESISTED, entry_id=letter.id)
    assert again == first == nocontact.urge_for_entry(nc_vault, letter.id)
    assert nocontact.summary(nc_vault).urges_total == 1
    nocontact.log_event(nc_vault, streaks.URGE_RESISTED)  # urges without a letter still add up
    assert nocontact.summary(nc_vault).urges_total == 2
