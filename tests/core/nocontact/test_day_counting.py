"""No-contact streak math: hand-worked cases, time-zone cases and properties."""

from __future__ import annotations

import dataclasses
import datetime as dt
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reconcile_desktop.core.nocontact import day_counting as s
from reconcile_desktop.core.nocontact.day_counting import Attempt, Event, Period

UTC = dt.UTC
D = dt.date


def ev(kind, day, hour=12, *, id=None, intensity=None):
    occurred = dt.datetime.combine(day, dt.time(hour), tzinfo=UTC)
    return Event(id, kind, occurred, day, intensity)


def period(start, target=45, ended=None, hour=8):
    return Period(dt.datetime.combine(start, dt.time(hour), tzinfo=UTC), start, target, ended)


def at(year, month, day, hour, minute=0):
    return dt.datetime(year, month, day, hour, minute, tzinfo=UTC)


# --- hand-worked cases ------------------------------------------------------------------------


def test_fresh_period_on_its_first_day_is_day_zero():
    sm = s.summarize(period(D(2026, 4, 1)), [], D(2026, 4, 1))
    assert (sm.direct_days, sm.social_days, sm.best_direct) == (0, 0, 0)
    assert sm.progress == 0.0
    assert sm.milestone_reached is None and sm.next_milestone == 1
    assert sm.attempts == (Attempt(D(2026, 4, 1), None, 0, None),)
    assert sm.attempts_count == 1
    assert sm.giving_space_days is None and not sm.target_reached
    assert s.status_line(sm) == "No contact: a fresh start today · target 45 days"


def test_day_23_of_45_with_urges_this_week():
    # 2026-04-24 is a Friday; its week runs Mon 20 to Sun 26 April.
    events = [
        ev(s.URGE_RESISTED, D(2026, 4, 19), intensity=2),  # Sunday of the week before
        ev(s.URGE_RESISTED, D(2026, 4, 20), intensity=4),
        ev(s.URGE_RESISTED, D(2026, 4, 22)),
        ev(s.URGE_RESISTED, D(2026, 4, 24), 9, intensity=5),
        ev(s.URGE_RESISTED, D(2026, 4, 24), 20, intensity=1),
        ev(s.THEY_CONTACTED_IGNORED, D(2026, 4, 23)),
    ]
    sm = s.summarize(period(D(2026, 4, 1)), events, D(2026, 4, 24))
    assert sm.direct_days == 23 and sm.social_days == 23 and sm.best_direct == 23
    assert sm.progress == pytest.approx(23 / 45)
    assert (sm.milestone_reached, sm.next_milestone) == (21, 30)
    assert (sm.urges_this_week, sm.urges_total) == (4, 5)
    assert s.status_line(sm) == "No contact: day 23 of 45 · best 23 · 4 urges resisted this week"


def test_resets_close_attempts_and_same_day_resets_count_once():
    events = [
        ev(s.I_CONTACTED, D(2026, 4, 5)),
        ev(s.THEY_CONTACTED_IGNORED, D(2026, 4, 8)),  # no reset
        ev(s.THEY_CONTACTED_ENGAGED, D(2026, 4, 10), 9),
        ev(s.I_CONTACTED, D(2026, 4, 10), 15),
        ev(s.THEY_CONTACTED_ENGAGED, D(2026, 4, 10), 21),
        ev(s.LOOKED_SOCIAL, D(2026, 4, 12)),
    ]
    sm = s.summarize(period(D(2026, 4, 1)), events, D(2026, 4, 20))
    assert sm.attempts == (
        Attempt(D(2026, 4, 1), D(2026, 4, 5), 4, s.I_CONTACTED),
        Attempt(D(2026, 4, 5), D(2026, 4, 10), 5, s.THEY_CONTACTED_ENGAGED),
        Attempt(D(2026, 4, 10), None, 10, None),
    )
    assert sm.attempts_count == 3
    assert (sm.direct_days, sm.social_days) == (10, 8)
    assert (sm.direct_start, sm.social_start) == (D(2026, 4, 10), D(2026, 4, 12))
    assert sm.best_direct == 10 and sm.best_social == 11


def test_slip_on_the_start_day_is_a_zero_day_attempt():
    events = [ev(s.I_CONTACTED, D(2026, 4, 1), 18)]
    sm = s.summarize(period(D(2026, 4, 1)), events, D(2026, 4, 3))
    assert sm.attempts[0] == Attempt(D(2026, 4, 1), D(2026, 4, 1), 0, s.I_CONTACTED)
    assert sm.direct_days == 2


def test_target_reached_stays_reached_after_a_later_slip():
    events = [ev(s.I_CONTACTED, D(2026, 4, 15))]
    sm = s.summarize(period(D(2026, 3, 1), target=45), events, D(2026, 4, 20))
    assert sm.best_direct == 45 and sm.direct_days == 5
    assert sm.target_reached
    assert sm.progress == pytest.approx(5 / 45)
    assert s.status_line(sm) == (
        "No contact: day 5 of 45 · you have reached 45 days before · best 45"
    )


def test_target_reached_now_caps_progress():
    sm = s.summarize(period(D(2026, 1, 1), target=30), [], D(2026, 2, 5))
    assert sm.direct_days == 35 and sm.progress == 1.0 and sm.target_reached
    assert s.status_line(sm) == "No contact: day 35 · target of 30 days reached · best 35"


def test_reached_out_does_not_reset_and_starts_giving_space():
    events = [ev(s.REACHED_OUT, D(2026, 2, 2))]
    sm = s.summarize(period(D(2026, 1, 1), target=30), events, D(2026, 2, 9))
    assert sm.direct_days == 39 and sm.attempts_count == 1
    assert sm.giving_space_days == 7
    assert "giving space: day 7" in s.status_line(sm)
    today = s.summarize(period(D(2026, 1, 1), target=30), events, D(2026, 2, 2))
    assert today.giving_space_days == 0
    assert "giving space from today" in s.status_line(today)


def test_writing_again_after_reaching_out_restarts_giving_space():
    events = [ev(s.REACHED_OUT, D(2026, 2, 2)), ev(s.I_CONTACTED, D(2026, 2, 5))]
    sm = s.summarize(period(D(2026, 1, 1), target=30), events, D(2026, 2, 9))
    assert sm.giving_space_days == 4
    assert sm.direct_days == 4 and sm.best_direct == 35


def test_their_message_after_reaching_out_does_not_touch_giving_space():
    events = [ev(s.REACHED_OUT, D(2026, 2, 2)), ev(s.THEY_CONTACTED_ENGAGED, D(2026, 2, 6))]
    sm = s.summarize(period(D(2026, 1, 1), target=30), events, D(2026, 2, 9))
    assert sm.giving_space_days == 7 and sm.direct_days == 3


def test_clock_moved_backwards_gives_zero_and_flags_everything_later():
    events = [ev(s.URGE_RESISTED, D(2026, 4, 2)), ev(s.I_CONTACTED, D(2026, 4, 3))]
    sm = s.summarize(period(D(2026, 4, 1)), events, D(2026, 3, 20))
    assert sm.direct_days == 0 and sm.social_days == 0 and sm.best_direct == 0
    assert sm.attempts == (Attempt(D(2026, 4, 1), None, 0, None),)
    assert sm.flagged == tuple(events) and sm.urges_total == 0


def test_future_dated_events_are_flagged_not_counted():
    slip = ev(s.I_CONTACTED, D(2026, 4, 21), id=7)
    urge = ev(s.URGE_RESISTED, D(2026, 4, 25), id=8)
    sm = s.summarize(period(D(2026, 4, 1)), [urge, slip], D(2026, 4, 20))
    assert sm.direct_days == 19 and sm.attempts_count == 1 and sm.urges_total == 0
    assert sm.flagged == (slip, urge)


def test_event_before_the_start_instant_is_outside():
    # Contact in the morning, the period started at noon the same day: not a slip.
    early = Event(1, s.I_CONTACTED, at(2026, 4, 1, 7), D(2026, 4, 1), None)
    sm = s.summarize(period(D(2026, 4, 1), hour=12), [early], D(2026, 4, 10))
    assert sm.direct_days == 9 and sm.attempts_count == 1
    assert sm.outside == (early,)


def test_ended_period_counts_to_its_end():
    events = [ev(s.URGE_RESISTED, D(2026, 2, 1)), ev(s.I_CONTACTED, D(2026, 3, 10))]
    p = period(D(2026, 1, 1), target=30, ended=D(2026, 2, 15))
    sm = s.summarize(p, events, D(2026, 3, 20))
    assert sm.ended and sm.as_of == D(2026, 2, 15)
    assert sm.direct_days == 45 and sm.urges_total == 1
    assert sm.attempts == (Attempt(D(2026, 1, 1), D(2026, 2, 15), 45, None),)
    assert sm.outside == (events[1],)
    assert s.status_line(sm) == "No-contact period complete · best 45 days"


def test_input_order_does_not_matter():
    events = [
        ev(s.I_CONTACTED, D(2026, 4, 5), 9, id=1),
        ev(s.THEY_CONTACTED_ENGAGED, D(2026, 4, 5), 9, id=2),  # same instant: tie broken
        ev(s.LOOKED_SOCIAL, D(2026, 4, 7), id=3),
        ev(s.URGE_RESISTED, D(2026, 4, 8), intensity=3, id=4),
        ev(s.REACHED_OUT, D(2026, 4, 9), id=5),
    ]
    expected = s.summarize(period(D(2026, 4, 1)), events, D(2026, 4, 12))
    rng = random.Random(20260401)
    for _ in range(20):
        shuffled = events[:]
        rng.shuffle(shuffled)
        assert s.summarize(period(D(2026, 4, 1)), shuffled, D(2026, 4, 12)) == expected


def test_status_line_wording_for_one_urge_and_no_urges():
    sm = s.summarize(period(D(2026, 4, 1)), [ev(s.URGE_RESISTED, D(2026, 4, 2))], D(2026, 4, 2))
    assert s.status_line(sm) == "No contact: day 1 of 45 · best 1 · 1 urge resisted this week"
    sm = s.summarize(period(D(2026, 4, 1)), [], D(2026, 4, 2))
    assert s.status_line(sm) == "No contact: day 1 of 45 · best 1"


def test_invalid_inputs_are_refused():
    with pytest.raises(ValueError):
        Event(None, "texted_a_friend", at(2026, 1, 1, 0), D(2026, 1, 1))
    with pytest.raises(ValueError):
        ev(s.URGE_RESISTED, D(2026, 1, 1), intensity=6)
    with pytest.raises(ValueError):
        period(D(2026, 1, 1), target=0)


def test_milestones():
    assert s.milestones_up_to(0) == []
    assert s.milestones_up_to(100) == [1, 3, 7, 14, 21, 30, 45, 60, 90]
    assert s.milestones_up_to(180)[-4:] == [90, 120, 150, 180]
    days = (-3, 0, 1, 2, 7, 89, 90, 119, 120)
    assert [s.next_milestone(d) for d in days] == [1, 1, 3, 3, 14, 90, 120, 120, 150]
    assert (s.last_milestone(0), s.last_milestone(13), s.last_milestone(125)) == (None, 7, 120)


def test_weekly_counts():
    events = [
        ev(s.URGE_RESISTED, D(2026, 4, 1)),  # Wed, week of Mon 30 March
        ev(s.URGE_RESISTED, D(2026, 4, 5)),  # Sun, same week
        ev(s.I_CONTACTED, D(2026, 4, 5), 9),
        ev(s.THEY_CONTACTED_ENGAGED, D(2026, 4, 5), 10),  # same day, same channel: one slip
        ev(s.LOOKED_SOCIAL, D(2026, 4, 5)),  # other channel: a second slip
        ev(s.THEY_CONTACTED_IGNORED, D(2026, 4, 14)),  # not a slip
        ev(s.URGE_RESISTED, D(2026, 4, 20)),  # Mon
        ev(s.URGE_RESISTED, D(2026, 4, 30)),  # after `end`: left out
    ]
    assert s.weekly_counts(events, D(2026, 4, 1), D(2026, 4, 22)) == [
        (D(2026, 3, 30), 2, 2),
        (D(2026, 4, 6), 0, 0),
        (D(2026, 4, 13), 0, 0),
        (D(2026, 4, 20), 1, 0),
    ]
    assert s.weekly_counts(events, D(2026, 4, 22), D(2026, 4, 1)) == []


# --- time zones -------------------------------------------------------------------------------


def test_local_date_across_new_york_dst_start():
    ny = "America/New_York"
    assert s.local_date_of(at(2026, 3, 8, 4, 30), ny) == D(2026, 3, 7)  # 23:30 EST
    assert s.local_date_of(at(2026, 3, 8, 7, 30), ny) == D(2026, 3, 8)  # 03:30 EDT
    # 00:30 EDT on the 9th; a fixed EST offset would still say the 8th.
    assert s.local_date_of(at(2026, 3, 9, 4, 30), ny) == D(2026, 3, 9)
    # Started 23:30 EST on the 7th; 23 h 45 min later it is already the 9th: two days.
    started = at(2026, 3, 8, 4, 30)
    now = at(2026, 3, 9, 4, 15)
    p = Period(started, s.local_date_of(started, ny), 30)
    sm = s.summarize(p, [], s.local_date_of(now, ny))
    assert now - started < dt.timedelta(days=1)
    assert sm.direct_days == 2


def test_local_date_across_berlin_dst_end():
    be = "Europe/Berlin"
    assert s.local_date_of(at(2026, 10, 25, 0, 30), be) == D(2026, 10, 25)  # 02:30 CEST
    assert s.local_date_of(at(2026, 10, 25, 1, 30), be) == D(2026, 10, 25)  # 02:30 CET
    # 23:30 CET; the summer offset would already say the 26th.
    assert s.local_date_of(at(2026, 10, 25, 22, 30), be) == D(2026, 10, 25)
    # The 25th lasts 25 hours; an urge logged every hour of it lands on it 25 times.
    first = at(2026, 10, 24, 22, 0)  # 00:00 CEST on the 25th
    instants = [first + dt.timedelta(hours=h) for h in range(30)]
    on_25th = [i for i in instants if s.local_date_of(i, be) == D(2026, 10, 25)]
    assert len(on_25th) == 25
    # More than 24 hours pass inside that one day, and it is still day 0.
    p = Period(first, D(2026, 10, 25), 30)
    sm = s.summarize(p, [], s.local_date_of(at(2026, 10, 25, 22, 59), be))
    assert sm.direct_days == 0


def _log(kind, instant, zone):
    return Event(None, kind, instant, s.local_date_of(instant, zone), None)


def test_moving_from_berlin_to_tokyo_counts_calendar_days_in_tokyo():
    be, tk = "Europe/Berlin", "Asia/Tokyo"
    started = at(2026, 5, 4, 7)  # Mon 09:00 CEST
    p = Period(started, s.local_date_of(started, be), 30)
    # An urge every evening at 21:00 local: in Berlin to the 10th, then on the plane (zone
    # still Berlin) on the 11th, then in Tokyo from the 12th.
    berlin = [at(2026, 5, d, 19) for d in range(4, 12)]
    tokyo = [at(2026, 5, d, 12) for d in range(12, 20)]
    events = [_log(s.URGE_RESISTED, i, be) for i in berlin]
    events += [_log(s.URGE_RESISTED, i, tk) for i in tokyo]
    dates = [e.local_date for e in events]
    assert dates == [D(2026, 5, 4) + dt.timedelta(days=k) for k in range(16)]

    now = at(2026, 5, 19, 23)  # 08:00 on the 20th in Tokyo
    p_tk, seen = s.in_zone(p, events, tk)
    sm = s.summarize(p_tk, seen, s.local_date_of(now, tk), now)
    assert p_tk.start_date == D(2026, 5, 4)  # 16:00 on the 4th in Tokyo
    assert sm.direct_days == 16  # 4 May to 20 May, one calendar day at a time
    assert (now - started).days == 15  # what dividing seconds would wrongly give
    assert sm.urges_total == 16 and sm.flagged == ()
    # Read in Tokyo, the last Berlin evening (04:00 on the 12th there) and the first Tokyo
    # evening share a date: in the calendar the user now lives by, two urges came that day.
    assert [e.local_date for e in seen].count(D(2026, 5, 12)) == 2
    weeks = s.weekly_counts(seen, p_tk.start_date, D(2026, 5, 20))
    assert [w.urges for w in weeks] == [6, 8, 2]


def test_westward_move_lives_one_date_twice_but_counts_it_once():
    tk, be = "Asia/Tokyo", "Europe/Berlin"
    started = at(2026, 6, 1, 0)  # 09:00 in Tokyo
    p = Period(started, s.local_date_of(started, tk), 30)
    before = _log(s.URGE_RESISTED, at(2026, 6, 10, 12), tk)  # 21:00 on the 10th in Tokyo
    after = _log(s.URGE_RESISTED, at(2026, 6, 10, 19), be)  # 21:00 on the 10th in Berlin
    sm = s.summarize(p, [after, before], s.local_date_of(at(2026, 6, 10, 21), be))
    assert before.local_date == after.local_date == D(2026, 6, 10)
    assert sm.direct_days == 9 and sm.urges_this_week == 2
    assert sum(a.days for a in sm.attempts) == 9


# --- properties -------------------------------------------------------------------------------

START = D(2026, 4, 1)
PROP = settings(max_examples=200, deadline=None)


@st.composite
def events_st(draw, lo=-5, hi=150):
    offset = draw(st.integers(lo, hi))
    day = START + dt.timedelta(days=offset)
    kind = draw(st.sampled_from(s.ALL_KINDS))
    intensity = draw(st.none() | st.integers(1, 5)) if kind == s.URGE_RESISTED else None
    occurred = dt.datetime.combine(day, dt.time(draw(st.integers(0, 23))), tzinfo=UTC)
    return Event(draw(st.none() | st.integers(1, 50)), kind, occurred, day, intensity)


@st.composite
def periods_st(draw):
    ended = draw(st.none() | st.integers(0, 160).map(lambda k: START + dt.timedelta(days=k)))
    return Period(at(2026, 4, 1, draw(st.integers(0, 23))), START, draw(st.integers(1, 120)), ended)


todays = st.integers(-10, 160).map(lambda k: START + dt.timedelta(days=k))
event_lists = st.lists(events_st(), max_size=25)


@PROP
@given(periods_st(), event_lists, todays)
def test_counts_never_negative_and_best_at_least_current(p, events, today):
    sm = s.summarize(p, events, today)
    assert sm.direct_days >= 0 and sm.social_days >= 0
    assert all(a.days >= 0 for a in sm.attempts)
    assert sm.giving_space_days is None or sm.giving_space_days >= 0
    assert 0.0 <= sm.progress <= 1.0
    assert sm.best_direct >= sm.direct_days and sm.best_social >= sm.social_days
    assert sm.attempts_count == len(sm.attempts) >= 1
    assert sm.urges_total >= sm.urges_this_week >= 0


@PROP
@given(periods_st(), event_lists, todays)
def test_attempts_cover_each_day_once(p, events, today):
    sm = s.summarize(p, events, today)
    for prev, nxt in zip(sm.attempts, sm.attempts[1:], strict=False):
        assert prev.end_date == nxt.start_date
    assert sum(a.days for a in sm.attempts) == max(0, (sm.as_of - p.start_date).days)


@PROP
@given(periods_st(), event_lists.flatmap(lambda e: st.tuples(st.just(e), st.permutations(e))))
def test_permutation_gives_the_same_summary(p, pair):
    events, shuffled = pair
    today = START + dt.timedelta(days=70)
    assert s.summarize(p, events, today) == s.summarize(p, shuffled, today)


@PROP
@given(periods_st(), event_lists, todays, events_st())
def test_adding_an_urge_never_changes_streaks(p, events, today, extra):
    urge = dataclasses.replace(extra, kind=s.URGE_RESISTED, intensity=3)
    a = s.summarize(p, events, today)
    b = s.summarize(p, [*events, urge], today)
    streak_fields = ("direct_days", "social_days", "best_direct", "best_social", "attempts")
    for name in (*streak_fields, "target_reached", "giving_space_days", "progress"):
        assert getattr(a, name) == getattr(b, name)


@PROP
@given(periods_st(), event_lists, st.lists(events_st(lo=71, hi=200), min_size=1, max_size=8))
def test_future_events_are_flagged_and_ignored(p, events, future):
    today = START + dt.timedelta(days=70)
    past = [e for e in events if e.local_date <= today]
    with_future = s.summarize(p, [*past, *future], today)
    without = s.summarize(p, past, today)
    assert len(with_future.flagged) == len(future)
    assert set(with_future.flagged) == set(future)
    assert dataclasses.replace(with_future, flagged=()) == without


def test_in_zone_reads_every_date_where_the_user_is_now():
    sydney, new_york = "Australia/Sydney", "America/New_York"
    started, ended = at(2026, 6, 1, 10), at(2026, 6, 20, 23)  # 20:00 / 09:00 in Sydney
    p = Period(started, D(2026, 6, 1), 45, D(2026, 6, 21), ended)
    slip = _log(s.I_CONTACTED, at(2026, 6, 14, 22), sydney)  # 08:00 on the 15th in Sydney
    p_ny, (seen,) = s.in_zone(p, [slip], new_york)
    assert (slip.local_date, seen.local_date) == (D(2026, 6, 15), D(2026, 6, 14))
    assert (p_ny.start_date, p_ny.ended_date) == (D(2026, 6, 1), D(2026, 6, 20))
    assert seen.occurred_utc == slip.occurred_utc and seen.id == slip.id
    sm = s.summarize(p_ny, [seen], D(2026, 6, 14), at(2026, 6, 15, 0))
    assert sm.flagged == () and sm.direct_days == 0 and sm.best_direct == 13


def test_with_now_only_an_instant_still_ahead_is_flagged():
    later_today = Event(1, s.I_CONTACTED, at(2026, 4, 10, 18), D(2026, 4, 10), None)
    sm = s.summarize(period(D(2026, 4, 1)), [later_today], D(2026, 4, 10), at(2026, 4, 10, 15))
    assert sm.flagged == (later_today,) and sm.direct_days == 9
    sm = s.summarize(period(D(2026, 4, 1)), [later_today], D(2026, 4, 10), at(2026, 4, 10, 19))
    assert sm.flagged == () and sm.direct_days == 0
