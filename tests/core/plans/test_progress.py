"""Change-plan measures: hand-worked cases, then properties over generated histories.

Dates are in January 2024; 1 January 2024 is a Monday, so `D(n)` is Monday + n days.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import replace

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from reconcile_desktop.core.plans import progress as p
from reconcile_desktop.core.plans.progress import CommitmentHistory, Schedule

MON = dt.date(2024, 1, 1)
M1 = 0.5 ** (1 / 13)  # daily multiplier, 0.948078...


def D(n: int) -> dt.date:
    return MON + dt.timedelta(days=n)


def daily(n: int = 0) -> tuple[Schedule, ...]:
    return (Schedule(D(n)),)


def hist(cid=1, start=0, end=None, schedules=None, checkins=None, paused=()):
    return CommitmentHistory(
        id=cid,
        start=D(start),
        end=None if end is None else D(end),
        schedules=daily(start) if schedules is None else schedules,
        checkins={D(k): v for k, v in (checkins or {}).items()},
        paused=frozenset(D(k) for k in paused),
    )


K, S = "kept", "slipped"


# --- validation -------------------------------------------------------------------------------


def test_schedules_and_histories_refuse_nonsense():
    with pytest.raises(ValueError):
        Schedule(MON, "monthly")
    with pytest.raises(ValueError):
        Schedule(MON, "weekdays", frozenset())
    with pytest.raises(ValueError):
        Schedule(MON, "weekdays", frozenset({7}))
    with pytest.raises(ValueError):
        Schedule(MON, "per_week", per_week=8)
    with pytest.raises(ValueError):
        hist(start=3, end=2)
    with pytest.raises(ValueError):
        hist(schedules=(Schedule(D(2)), Schedule(D(1))))
    with pytest.raises(ValueError):
        hist(checkins={0: "done"})


# --- day states -------------------------------------------------------------------------------


def test_day_states_cover_every_state():
    # Mon kept, Tue slipped, Wed nothing (past: unrecorded), Thu paused although marked kept,
    # Fri is today and unmarked (pending), Sat is after today; Sun 31 Dec is before the start.
    h = hist(checkins={0: K, 1: S, 3: K}, paused=[3])
    states = p.day_states(h, D(-1), D(5), today=D(4))
    assert states == ["off", "kept", "slipped", "unrecorded", "paused", "pending", "future"]


def test_after_the_end_is_off_and_its_checkins_are_ignored():
    h = hist(end=1, checkins={0: K, 2: K, -1: K})
    assert p.day_states(h, D(-1), D(2), today=D(5)) == ["off", "kept", "unrecorded", "off"]
    assert p.net_steps(h, D(5)) == 1  # only Monday's


def test_weekdays_schedule_offdays_and_an_offday_checkin():
    # Mon/Wed/Fri. Tue marked kept counts; Thu unmarked is off; Wed unmarked is unrecorded.
    h = hist(schedules=(Schedule(MON, "weekdays", frozenset({0, 2, 4})),), checkins={0: K, 1: K})
    assert p.day_states(h, D(0), D(4), today=D(5)) == [
        "kept",
        "kept",
        "unrecorded",
        "off",
        "unrecorded",
    ]


def test_per_week_unmarked_days_are_off_and_today_pending_until_the_target():
    h = hist(schedules=(Schedule(MON, "per_week", per_week=2),), checkins={0: K})
    # Tuesday unmarked is off, not unrecorded; Wednesday (today) is pending: 1 kept < 2.
    assert p.day_states(h, D(0), D(2), today=D(2)) == ["kept", "off", "pending"]
    met = hist(schedules=(Schedule(MON, "per_week", per_week=2),), checkins={0: K, 1: K})
    assert p.day_states(met, D(2), D(2), today=D(2)) == ["off"]


def test_a_schedule_edit_keeps_past_days_as_they_were_judged():
    # Daily until Wednesday, then Mondays only from Thursday.
    h = hist(schedules=(Schedule(D(0)), Schedule(D(3), "weekdays", frozenset({0}))))
    assert p.day_states(h, D(0), D(7), today=D(8)) == ["unrecorded"] * 3 + ["off"] * 4 + [
        "unrecorded"
    ]


def test_days_before_the_first_schedule_version_are_off():
    h = hist(schedules=(Schedule(D(2)),), checkins={1: K})
    # Tuesday has no schedule, but its check-in still counts.
    assert p.day_states(h, D(0), D(3), today=D(3)) == ["off", "kept", "unrecorded", "pending"]


def test_is_scheduled_follows_the_version_in_force_pauses_and_the_commitment_life():
    h = hist(
        start=1,
        end=20,
        schedules=(
            Schedule(D(2)),
            Schedule(D(7), "weekdays", frozenset({0, 2})),
            Schedule(D(14), "per_week", per_week=2),
        ),
        paused=[3],
    )
    due = [d for d in range(0, 23) if p.is_scheduled(h, D(d))]
    # Day 1: no version yet; 3 paused; Mon 7 and Wed 9 only; every per_week day to the end (20).
    assert due == [2, 4, 5, 6, 7, 9, 14, 15, 16, 17, 18, 19, 20]


def test_checkin_strings_from_elsewhere_compare_by_value():
    h = CommitmentHistory(1, MON, None, daily(), {MON: "".join(["ke", "pt"])})
    assert p.day_states(h, MON, MON, today=MON) == ["kept"]


# --- net steps and rates ----------------------------------------------------------------------


def test_net_steps_series_counts_kept_minus_slipped():
    # K K S (unrecorded) K -> 1 2 1 1 2; an unrecorded day is not a slip.
    h = hist(checkins={0: K, 1: K, 2: S, 4: K})
    assert p.daily_series([h], D(0), D(4), today=D(4)).net_steps == [1, 2, 1, 1, 2]
    assert p.net_steps(h, D(4)) == 2


def test_completion_rate_over_seven_and_thirty_days():
    # Days 0..9 daily; today is day 9 and pending (left out).
    # Window of 7 = days 3..9: kept 3,5,6,8 (4), slipped 4, unrecorded 7 -> 4 / 6.
    # Window of 30 = all: kept 0,1,3,5,6,8 (6), slipped 2,4 (2), unrecorded 7 -> 6 / 9.
    h = hist(checkins={0: K, 1: K, 2: S, 3: K, 4: S, 5: K, 6: K, 8: K})
    assert p.completion_rate([h], D(9), 7) == pytest.approx(4 / 6)
    assert p.completion_rate([h], D(9), 30) == pytest.approx(6 / 9)
    summary = p.commitment_summary(h, D(9))
    assert (summary.rate_7, summary.rate_30) == (pytest.approx(4 / 6), pytest.approx(6 / 9))


def test_completion_rate_is_none_when_nothing_counts():
    assert p.completion_rate([hist(start=5)], D(5), 7) is None  # only today, pending
    assert p.completion_rate([], D(5), 30) is None
    with pytest.raises(ValueError):
        p.completion_rate([hist()], D(5), 0)


def test_completion_rate_sums_over_commitments():
    # a: kept 0, slipped 1 ; b: unrecorded 0, kept 1 -> 2 kept of 4.
    a = hist(1, checkins={0: K, 1: S})
    b = hist(2, checkins={1: K})
    assert p.completion_rate([a, b], D(2), 7) == 0.5


# --- strength ---------------------------------------------------------------------------------


def test_strength_rises_like_loop_and_a_slip_only_dips():
    # From 0: n kept days give 1 - M1**n. Two kept: 1 - M1**2 = 0.101148; a slip multiplies by
    # M1: 0.095897; paused and off-schedule days leave it alone.
    h = hist(checkins={0: K, 1: K, 2: S}, paused=[3])
    assert p.strength(hist(checkins={0: K, 1: K}), D(1)) == pytest.approx(1 - M1**2)
    assert p.strength(h, D(2)) == pytest.approx((1 - M1**2) * M1)
    assert p.strength(h, D(3)) == p.strength(h, D(2))
    assert p.strength(h, D(4)) == p.strength(h, D(3))  # today, pending
    # Thirteen kept days is Loop's half-life for a daily habit.
    assert p.strength(hist(checkins=dict.fromkeys(range(13), K)), D(12)) == pytest.approx(0.5)


def test_unrecorded_days_count_as_zero_for_the_score():
    marked = hist(checkins={0: K, 1: S})
    unmarked = hist(checkins={0: K})
    assert p.strength(unmarked, D(2)) == p.strength(marked, D(2))


def test_less_frequent_commitments_keep_loops_half_life_in_days():
    # Mondays only: f = 1/7, m = 0.5 ** (1 / (13 * sqrt(1/7))) = 0.5 ** (sqrt(7) / 13) = 0.8684.
    # One kept Monday: 1 - 0.8684 = 0.1316; the off days in between change nothing.
    m = 0.5 ** (math.sqrt(7) / 13)
    h = hist(schedules=(Schedule(MON, "weekdays", frozenset({0})),), checkins={0: K})
    assert Schedule(MON, "weekdays", frozenset({0})).multiplier == pytest.approx(m)
    assert p.strength(h, D(6)) == pytest.approx(1 - m)
    # 13 / sqrt(7) = 4.91 Mondays, i.e. about 34 days, halve the score, as in Loop.
    assert m ** (13 / math.sqrt(7)) == pytest.approx(0.5)


def test_a_per_week_shortfall_is_settled_after_sunday():
    # Three times a week, kept only on Monday. Settled on Sunday 7 Jan once today is later:
    # target 3 over 7 active days, 1 marked -> missed 2, scored as two zeros on Sunday.
    m3 = p.multiplier(3 / 7)
    h = hist(schedules=(Schedule(MON, "per_week", per_week=3),), checkins={0: K})
    assert p.strength(h, D(6)) == pytest.approx(1 - m3)  # Sunday is today: not settled yet
    assert p.strength(h, D(7)) == pytest.approx((1 - m3) * m3**2)
    open_week = p.weekly_review([h], D(3), today=D(6))
    assert (open_week.missed, open_week.kept_rate) == (0, 1.0)
    closed = p.weekly_review([h], D(3), today=D(7))
    assert (closed.kept, closed.missed, closed.kept_rate) == (1, 2, pytest.approx(1 / 3))
    assert p.streaks(h, D(7)) == p.Streaks(current=0, best=1)
    # The rolling rate counts the check-ins as they are.
    assert p.completion_rate([h], D(6), 7) == 1.0


def test_a_per_week_target_is_pro_rated_to_the_active_days():
    # Starts Thursday: 4 active days, 3 * 4 / 7 = 1.71 -> 2; kept once -> missed 1.
    late = hist(start=3, schedules=(Schedule(D(3), "per_week", per_week=3),), checkins={3: K})
    assert p.weekly_review([late], D(0), today=D(7)).missed == 1
    # Once a week, paused all but Monday: 1 * 1 / 7 rounds to 0, nothing is asked.
    paused = hist(schedules=(Schedule(MON, "per_week", per_week=1),), paused=range(1, 7))
    assert p.weekly_review([paused], D(0), today=D(7)).missed == 0
    # Going over the target never gives a negative shortfall.
    over = hist(schedules=(Schedule(MON, "per_week", per_week=1),), checkins={0: K, 1: K})
    assert p.weekly_review([over], D(0), today=D(7)).missed == 0


def _days_to_99(h: CommitmentHistory) -> int:
    return next(n for n in range(1000) if p.strength(h, D(n)) >= 0.99) + 1


def test_ticking_more_than_the_schedule_asks_does_not_speed_strength():
    # Loop Habit Tracker scores a once-a-week habit every day, each day's value capped at 1
    # (its week's quota met), with m = 0.5 ** (sqrt(1/7) / 13): about 230 days to reach 99 %.
    loop_m = 0.5 ** (math.sqrt(1 / 7) / 13)
    loop_days = math.ceil(math.log(0.01) / math.log(loop_m))
    assert loop_days == 229
    every_day = dict.fromkeys(range(300), K)
    once_a_week = hist(schedules=(Schedule(MON, "per_week", per_week=1),), checkins=every_day)
    mondays = hist(schedules=(Schedule(MON, "weekdays", frozenset({0})),), checkins=every_day)
    for h in (once_a_week, mondays):
        # One credit a week: the 33rd week, within its first day of Loop's count.
        assert abs(_days_to_99(h) - loop_days) <= 7
    # Three times a week ticked daily scores exactly like three ticks a week.
    thrice = Schedule(MON, "per_week", per_week=3)
    daily_ticks = hist(schedules=(thrice,), checkins=dict.fromkeys(range(70), K))
    three_ticks = hist(
        schedules=(thrice,), checkins={7 * w + d: K for w in range(10) for d in (0, 2, 4)}
    )
    assert p.strength(daily_ticks, D(69)) == pytest.approx(p.strength(three_ticks, D(69)))
    # The extra days are still welcome: they count as kept steps and in the streak.
    summary = p.commitment_summary(daily_ticks, D(69))
    assert summary.net_steps == 70 and summary.streak.current == 70


def test_a_per_week_slip_is_counted_when_its_week_settles():
    m3 = p.multiplier(3 / 7)
    h = hist(schedules=(Schedule(MON, "per_week", per_week=3),), checkins={0: K, 1: S, 2: K})
    assert p.strength(h, D(3)) == pytest.approx(1 - m3**2)  # the week is still open
    # Settled: the slip and the one missing day (3 asked, 3 marked: none missing) -> one m3.
    assert p.strength(h, D(7)) == pytest.approx((1 - m3**2) * m3)


def test_goal_strength_is_the_mean_of_live_commitments():
    a = hist(1, checkins={0: K})  # 1 - M1
    b = hist(2, checkins={0: S})  # 0
    ended = hist(3, end=0, checkins={0: K})
    later = hist(4, start=9)
    assert p.goal_strength([a, b, ended, later], D(1)) == pytest.approx((1 - M1) / 2)
    assert p.goal_strength([ended, later], D(1)) is None


# --- streaks and recoveries -------------------------------------------------------------------


def test_streaks_count_kept_days():
    # K K S K K K (unrecorded) K, today pending: current 1, best 3.
    h = hist(checkins={0: K, 1: K, 2: S, 3: K, 4: K, 5: K, 7: K})
    assert p.streaks(h, D(8)) == p.Streaks(current=1, best=3)
    # Marking today extends it.
    h2 = hist(checkins={0: K, 1: K, 2: S, 3: K, 4: K, 5: K, 7: K, 8: K})
    assert p.streaks(h2, D(8)) == p.Streaks(current=2, best=3)


def test_paused_and_off_days_neither_break_nor_extend_a_streak():
    assert p.streaks(hist(checkins={0: K, 2: K}, paused=[1]), D(2)).current == 2
    mwf = (Schedule(MON, "weekdays", frozenset({0, 2, 4})),)
    assert p.streaks(hist(schedules=mwf, checkins={0: K, 2: K}), D(3)).current == 2


def test_recoveries_within_two_days_and_their_median():
    # Slip Mon 0 -> kept 1 (1 day). Slips 4 and 5 -> kept 6: one recovery from the last slip
    # (1 day). Slip 8, unrecorded 9 -> kept 10 (2 days). Slip 12 -> kept 15 (3 days: too late).
    marks = {0: S, 1: K, 4: S, 5: S, 6: K, 8: S, 10: K, 12: S, 15: K}
    h = hist(checkins=marks, schedules=(Schedule(MON, "weekdays", frozenset(range(7))),))
    quick = p.recoveries(h, D(15))
    assert [(r.slip_day, r.kept_day, r.days) for r in quick] == [
        (D(0), D(1), 1),
        (D(5), D(6), 1),
        (D(8), D(10), 2),
    ]
    assert p.median_recovery_days(quick) == 1.0  # of 1, 1, 2
    assert [r.days for r in p.recoveries(h, D(15), within=None)] == [1, 1, 2, 3]
    assert p.median_recovery_days(p.recoveries(h, D(15), within=None)) == 1.5
    assert p.median_recovery_days([]) is None
    assert p.commitment_summary(h, D(15)).median_recovery_days == 1.0


# --- over several commitments -----------------------------------------------------------------


def test_weekly_review_over_two_commitments():
    # Week of Mon 8 Jan (D7..D13), today Wed 17 Jan.
    # a: daily; kept Mon..Thu, slipped Fri, kept Sat, Sun unrecorded.
    # b: Mon/Wed; slipped the Sunday before (D6), kept Mon (recovery of 1 day), Wed kept.
    a = hist(1, checkins={7: K, 8: K, 9: K, 10: K, 11: S, 12: K})
    mon_wed = (Schedule(MON, "weekdays", frozenset({0, 2})),)
    b = hist(2, schedules=mon_wed, checkins={6: S, 7: K, 9: K})
    review = p.weekly_review([a, b], D(10), today=D(16))
    assert review.week_start == D(7)
    assert review.kept_by_day == (2, 1, 2, 1, 0, 1, 0)
    # kept 7, slipped 1 (Fri), unrecorded 1 (a's Sunday) -> 7 / 9.
    assert (review.kept, review.slipped, review.unrecorded) == (7, 1, 1)
    assert review.kept_rate == pytest.approx(7 / 9)
    # a's slip on Fri recovered Sat (1 day); b's Sunday slip recovered Monday.
    assert [(r.commitment_id, r.kept_day) for r in review.recoveries] == [(2, D(7)), (1, D(12))]
    assert review.best_day == D(7)  # Mon and Wed tie at 2 kept, no slips: the earlier one


def test_weekly_review_of_an_empty_week():
    review = p.weekly_review([hist(start=30)], D(0), today=D(40))
    assert (review.kept_rate, review.best_day, review.recoveries) == (None, None, ())


def test_daily_series_for_a_goal():
    # a from Mon: K S K ; b from Tue: K K. Range Sun..Fri, today Wed (D2).
    a = hist(1, checkins={0: K, 1: S, 2: K})
    b = hist(2, start=1, checkins={1: K, 2: K})
    s = p.daily_series([a, b], D(-1), D(4), today=D(2))
    assert s.days == [D(i) for i in range(-1, 5)]
    assert s.kept == [0, 1, 1, 2, 0, 0]
    assert s.slipped == [0, 0, 1, 0, 0, 0]
    assert s.net_steps == [0, 1, 1, 3, None, None]  # a: 1 0 1, b: - 1 2
    sa, sb = 1 - M1, (1 - M1) * M1  # Mon; Tue (a's slip)
    assert s.strength[0] is None and s.strength[4:] == [None, None]
    assert s.strength[1] == pytest.approx(sa)  # only a is live
    assert s.strength[2] == pytest.approx((sb + (1 - M1)) / 2)
    assert s.strength[3] == pytest.approx((sb * M1 + 1 - M1 + 1 - M1**2) / 2)


def test_daily_series_of_a_range_inside_the_history_keeps_the_running_total():
    h = hist(checkins={0: K, 1: K, 2: K})
    assert p.daily_series([h], D(2), D(2), today=D(2)).net_steps == [3]
    assert p.daily_series([h], D(3), D(2), today=D(2)).days == []


def test_two_years_of_eight_commitments_is_one_linear_pass():
    # Not timed: checks the shape and a value at the far end of a long history.
    hs = [hist(i, checkins={k: K for k in range(0, 730, 2)}) for i in range(8)]
    s = p.daily_series(hs, D(0), D(729), today=D(729))
    assert len(s.net_steps) == 730 and s.net_steps[-1] == 8 * 365
    assert 0 < s.strength[-1] < 1


# --- properties -------------------------------------------------------------------------------

HORIZON = 40


@st.composite
def schedules(draw, first: int = -3):
    kind = draw(st.sampled_from(p.SCHEDULE_KINDS))
    start = draw(st.integers(first, HORIZON))
    if kind == "weekdays":
        days = draw(st.frozensets(st.integers(0, 6), min_size=1))
        return Schedule(D(start), kind, days)
    if kind == "per_week":
        return Schedule(D(start), kind, per_week=draw(st.integers(1, 7)))
    return Schedule(D(start))


@st.composite
def histories(draw):
    start = draw(st.integers(0, 10))
    end = draw(st.none() | st.integers(start, HORIZON + 5))
    versions = draw(st.lists(schedules(), min_size=0, max_size=3, unique_by=lambda s: s.valid_from))
    marks = draw(st.dictionaries(st.integers(-3, HORIZON + 3), st.sampled_from([K, S])))
    paused = draw(st.frozensets(st.integers(-3, HORIZON + 3), max_size=8))
    return hist(
        start=start,
        end=end,
        schedules=tuple(sorted(versions, key=lambda s: s.valid_from)),
        checkins=marks,
        paused=paused,
    )


def _series(h: CommitmentHistory, today: dt.date) -> p.DailySeries:
    return p.daily_series([h], D(-3), D(HORIZON + 3), today)


todays = st.integers(0, HORIZON).map(D)
days = st.integers(0, HORIZON)


def _with(h: CommitmentHistory, **changes) -> CommitmentHistory:
    fields = {f: getattr(h, f) for f in ("id", "start", "end", "schedules", "checkins", "paused")}
    return CommitmentHistory(**(fields | changes))


def _m(h: CommitmentHistory, day: dt.date) -> float:
    version = h.schedule_on(day)
    return version.multiplier if version is not None else M1


@settings(max_examples=150)
@given(histories(), todays)
def test_net_steps_move_by_at_most_one_a_day(h, today):
    net = [n for n in _series(h, today).net_steps if n is not None]
    assert all(abs(b - a) <= 1 for a, b in zip(net, net[1:], strict=False))


@settings(max_examples=150)
@given(histories(), todays, st.data())
def test_a_single_slip_costs_at_most_one_step_and_one_multiplier(h, today, data):
    # The slipped day is drawn from the judged days, not filtered: most random days are not.
    judged = [D(n) for n in range(HORIZON + 1) if h.is_live(D(n)) and D(n) <= today]
    judged = [d for d in judged if d not in h.paused]
    assume(judged)
    day = data.draw(st.sampled_from(judged))
    slipped = _with(h, checkins={**h.checkins, day: S})
    before, after = _series(h, today), _series(slipped, today)
    bound = 1 - _m(h, day)
    for i, when in enumerate(before.days):
        if when > today:
            break
        if before.strength[i] is not None:
            assert after.strength[i] >= before.strength[i] - bound - 1e-12
        if day not in h.checkins:
            assert after.net_steps[i] == before.net_steps[i] - (when >= day)


@settings(max_examples=150)
@given(histories(), todays, days)
def test_a_kept_day_never_lowers_strength(h, today, d):
    kept = _with(h, checkins={**h.checkins, D(d): K})
    before, after = _series(h, today), _series(kept, today)
    for a, b in zip(before.strength, after.strength, strict=True):
        assert (a is None) == (b is None)
        assert a is None or b >= a - 1e-12
    assert p.strength(kept, today) >= p.strength(h, today) - 1e-12


@settings(max_examples=150)
@given(histories(), todays, schedules(first=-3))
def test_a_schedule_edit_leaves_earlier_days_alone(h, today, version):
    assume(all(s.valid_from != version.valid_from for s in h.schedules))
    edited = _with(h, schedules=tuple(sorted((*h.schedules, version), key=lambda s: s.valid_from)))
    cut = (version.valid_from - D(-3)).days
    before, after = _series(h, today), _series(edited, today)
    for name in ("kept", "slipped", "net_steps", "strength"):
        assert getattr(before, name)[:cut] == getattr(after, name)[:cut]
    span = (D(-3), version.valid_from - dt.timedelta(days=1))
    assert p.day_states(h, *span, today) == p.day_states(edited, *span, today)
    if today < version.valid_from:
        assert p.commitment_summary(h, today) == p.commitment_summary(edited, today)
        assert p.weekly_review([h], today, today) == p.weekly_review([edited], today, today)


@settings(max_examples=150)
@given(histories(), todays, days)
def test_a_paused_day_changes_nothing_on_that_day(h, today, d):
    day = D(d)
    assume(h.is_live(day) and day <= today)
    paused = _with(h, paused=h.paused | {day})
    before, after = _series(h, today), _series(paused, today)
    i = (day - D(-3)).days
    assert before.net_steps[:i] == after.net_steps[:i]
    assert before.strength[:i] == after.strength[:i]
    assert p.day_states(paused, day, day, today) == ["paused"]
    previous_net = after.net_steps[i - 1] if day > h.start else 0
    assert after.net_steps[i] == previous_net
    week_settles = day.weekday() == 6 and day < today  # a per_week shortfall lands on Sunday
    if not week_settles:
        assert after.strength[i] == (after.strength[i - 1] if day > h.start else 0.0)


@settings(max_examples=150)
@given(histories(), todays, days)
def test_pausing_an_empty_off_day_changes_nothing_at_all(h, today, d):
    day = D(d)
    version = h.schedule_on(day)
    assume(p.day_states(h, day, day, today) == ["off"] and day not in h.checkins)
    assume(version is None or version.kind != "per_week")
    paused = _with(h, paused=h.paused | {day})
    assert _series(h, today) == _series(paused, today)
    # Only today's own label may change, from off to paused.
    assert replace(p.commitment_summary(h, today), today_state="") == replace(
        p.commitment_summary(paused, today), today_state=""
    )


@settings(max_examples=150)
@given(st.lists(histories(), min_size=1, max_size=3), todays)
def test_rates_and_scores_stay_in_range(hs, today):
    for days_back in (7, 30):
        rate = p.completion_rate(hs, today, days_back)
        assert rate is None or 0 <= rate <= 1
    review = p.weekly_review(hs, today, today)
    assert review.kept_rate is None or 0 <= review.kept_rate <= 1
    for value in p.daily_series(hs, D(-3), D(HORIZON + 3), today).strength:
        assert value is None or 0 <= value <= 1


@settings(max_examples=150)
@given(histories(), todays)
def test_a_streak_never_exceeds_the_kept_days(h, today):
    kept = p.day_states(h, h.start, today, today).count("kept") if h.start <= today else 0
    streak = p.streaks(h, today)
    assert streak.current <= streak.best <= kept
