"""What each chart shows, in words and data: computed once in core for the window's charts
(their accessible descriptions) and `reconcile progress`."""

from __future__ import annotations

import datetime as dt

from reconcile_desktop.core import chart_summaries as cs
from reconcile_desktop.core import summaries
from reconcile_desktop.core.nocontact.day_counting import Attempt, WeekCount
from reconcile_desktop.core.plans import progress
from reconcile_desktop.core.plans.progress import CommitmentHistory, Schedule
from reconcile_desktop.core.plans.store import CommitmentData, GoalData

TODAY = dt.date(2024, 3, 14)


def ago(n: int) -> dt.date:
    return TODAY - dt.timedelta(days=n)


def history(cid: int, start: dt.date, marks: dict | None = None) -> CommitmentHistory:
    return CommitmentHistory(cid, start, schedules=(Schedule(start),), checkins=marks or {})


def goal(start: dt.date, *, must_stop: bool = False) -> GoalData:
    return GoalData(1, "Goal", "", None, start, "active", "", must_stop)


def commitment(cid: int, start: dt.date) -> CommitmentData:
    return CommitmentData(cid, 1, f"Step {cid}", start, None, None, Schedule(start))


def test_the_charts_start_at_the_first_day_that_counts_with_at_least_a_week():
    # A goal of 4 days: 30 days would be 26 days of zeros before it existed.
    assert cs.span([history(1, ago(3))], TODAY, 30) == (ago(6), TODAY)
    assert cs.span([history(1, ago(20))], TODAY, 30) == (ago(20), TODAY)
    assert cs.span([history(1, ago(200))], TODAY, 30) == (ago(29), TODAY)
    assert cs.span([history(1, ago(200))], TODAY, None) == (ago(200), TODAY)
    assert cs.span([], TODAY, 30) == (ago(6), TODAY)


def test_a_goal_note_is_true_from_its_first_day():
    must = goal(TODAY, must_stop=True)
    assert summaries.goal_note(must, None, 0, TODAY) == "started today"
    assert summaries.goal_note(goal(ago(3), must_stop=True), 0.4, 0, TODAY) == (
        "no slips in its 4 days so far"
    )
    assert summaries.goal_note(goal(ago(3), must_stop=True), 0.4, 1, TODAY) == (
        "1 slip in its 4 days so far"
    )
    assert summaries.goal_note(goal(ago(40), must_stop=True), 0.4, 2, TODAY) == (
        "2 slips in 30 days"
    )
    assert summaries.goal_note(goal(TODAY), 0.0, 0, TODAY) == "started today"
    assert summaries.goal_note(goal(ago(5)), 0.72, 0, TODAY) == "strength 72%"
    assert summaries.goal_note(goal(ago(5)), None, 0, TODAY) == "not started yet"
    assert summaries.goal_note(goal(TODAY + dt.timedelta(days=2)), None, 0, TODAY).startswith(
        "starts on 16 Mar"
    )


def test_a_commitment_due_today_and_not_marked_says_so_not_nothing_due():
    rows = cs.rate_rows([commitment(1, TODAY)], [history(1, TODAY)], ago(6), TODAY)
    assert [(r.rate, r.note) for r in rows] == [(None, "due today, not marked yet")]
    marked = history(1, ago(2), {ago(1): progress.KEPT})
    (row,) = cs.rate_rows([commitment(1, ago(2))], [marked], ago(6), TODAY)
    assert row.rate == 0.5 and row.note == ""  # the day before yesterday went unrecorded


def test_the_steps_paragraph_counts_only_the_days_that_count():
    hs = [history(1, ago(3), {ago(3): "kept", ago(2): "slipped", ago(1): "kept"})]
    start, end = cs.span(hs, TODAY, 30)
    series = progress.daily_series(hs, start, end, TODAY)
    text = cs.steps_text(series, TODAY)
    assert text.startswith("In its first 4 days: 2 steps kept, 1 slip, strength ")
    assert "up from" in text
    stop = cs.steps_text(series, TODAY, must_stop=True)
    assert stop == "In its first 4 days: 1 slip; kept marked 2 times."
    today_only = progress.daily_series([history(1, TODAY)], ago(6), TODAY, TODAY)
    assert cs.steps_text(today_only, TODAY, must_stop=True).startswith("Today, its first day: ")


def test_the_calendar_and_history_paragraphs():
    days = [ago(i) for i in (3, 2, 1, 0)]
    text = cs.calendar_text(days, [1.0, 0.5, 0.0, None], [0, 1, 1, 0], TODAY)
    assert text == (
        "Over the last 4 days: everything kept on 1 day, some on 1 day, none on 1 day; "
        "a slip on 2 days."
    )
    stop = cs.calendar_text(days, [1.0, 0.5, 0.0, None], [0, 1, 1, 0], TODAY, must_stop=True)
    assert stop == "Over the last 4 days: 1 day without a slip; 2 days with a slip."
    attempts = [Attempt(ago(40), ago(30), 10, "contact"), Attempt(ago(30), None, 30, None)]
    weeks = [WeekCount(ago(28), 3, 1), WeekCount(ago(21), 2, 0)]
    assert cs.history_text(attempts, 45, weeks) == (
        "2 stretches so far: the current one is 30 days of your 45-day target; the longest, "
        "30 days. Over 2 weeks: 5 urges resisted and 1 slip."
    )
