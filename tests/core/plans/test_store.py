"""The change plan stored in the vault: goals, commitments, schedule versions, check-ins."""

from __future__ import annotations

import datetime as dt

import pytest

from reconcile_desktop.core.clock import Clock
from reconcile_desktop.core.errors import InvalidInput
from reconcile_desktop.core.plans import progress
from reconcile_desktop.core.plans import store as plans
from tests.conftest import PASSPHRASE

D = dt.date


@pytest.fixture
def clock():
    return Clock(fixed=dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC), zone="Europe/Berlin")


@pytest.fixture
def pv(make_vault, clock):
    v = make_vault(clock=clock)
    v.create(PASSPHRASE)
    return v


def _goal_with(pv, *schedules: str):
    g = plans.add_goal(
        pv,
        "Stay calm in arguments",
        why="I shouted; I own that.",
        principle="change",
        start=D(2026, 3, 2),
    )
    cs = [plans.add_commitment(pv, g.id, f"action {i}", s) for i, s in enumerate(schedules)]
    return g, cs


@pytest.mark.parametrize(
    "text,kind,days,n",
    [
        ("daily", "daily", set(), 0),
        ("mon,wed,fri", "weekdays", {0, 2, 4}, 0),
        ("Tuesday, Thursday", "weekdays", {1, 3}, 0),
        ("3/week", "per_week", set(), 3),
    ],
)
def test_parse_schedule(text, kind, days, n):
    s = plans.parse_schedule(text, D(2026, 1, 1))
    assert (s.kind, set(s.weekdays), s.per_week) == (kind, days, n)


@pytest.mark.parametrize("bad", ["", "sometimes", "9/week", "0/week", "mon,funday"])
def test_bad_schedules_get_one_sentence(bad):
    with pytest.raises(InvalidInput):
        plans.parse_schedule(bad, D(2026, 1, 1))


def test_today_lists_due_commitments_with_their_state(pv):
    _, (daily, mwf) = _goal_with(pv, "daily", "mon,wed,fri")
    plans.check_in(pv, daily.id, "kept", note="walked away twice")
    items = {i.commitment.id: i for i in plans.day_items(pv)}  # 2026-03-02 is a Monday
    assert items[daily.id].state == "kept" and items[daily.id].note == "walked away twice"
    assert items[mwf.id].state is None
    tuesday = plans.day_items(pv, D(2026, 3, 3))
    assert [i.commitment.id for i in tuesday] == [daily.id]  # Mon/Wed/Fri is not due
    assert tuesday[0].state is None


def test_check_in_window_and_future_days(pv, clock):
    _, (c,) = _goal_with(pv, "daily")
    clock.fixed = dt.datetime(2026, 3, 12, 9, 0, tzinfo=dt.UTC)
    plans.check_in(pv, c.id, "slipped", day=D(2026, 3, 5))  # seven days back: allowed
    with pytest.raises(InvalidInput, match="7 days back"):
        plans.check_in(pv, c.id, "kept", day=D(2026, 3, 4))
    with pytest.raises(InvalidInput, match="once it has come"):
        plans.check_in(pv, c.id, "kept", day=D(2026, 3, 13))
    plans.check_in(pv, c.id, "kept", day=D(2026, 3, 5))  # a correction replaces the mark
    (h,) = plans.histories_for(pv)
    assert h.checkins == {D(2026, 3, 5): "kept"}
    plans.check_in(pv, c.id, None, day=D(2026, 3, 5))
    assert plans.histories_for(pv)[0].checkins == {}


def test_schedule_edit_keeps_past_days_judged_by_the_old_schedule(pv, clock):
    _, (c,) = _goal_with(pv, "daily")
    clock.fixed = dt.datetime(2026, 3, 9, 9, 0, tzinfo=dt.UTC)
    (before,) = plans.histories_for(pv)
    past = progress.day_states(before, D(2026, 3, 2), D(2026, 3, 8), clock.today())
    plans.change_schedule(pv, c.id, "sat")
    (after,) = plans.histories_for(pv)
    assert progress.day_states(after, D(2026, 3, 2), D(2026, 3, 8), clock.today()) == past
    assert plans.commitments(pv)[0].schedule.kind == "weekdays"
    assert not progress.is_scheduled(after, D(2026, 3, 10))


def test_paused_goal_days_count_neither_way(pv, clock):
    g, (c,) = _goal_with(pv, "daily")
    clock.fixed = dt.datetime(2026, 3, 4, 9, 0, tzinfo=dt.UTC)
    plans.set_goal_status(pv, g.id, "paused")
    clock.fixed = dt.datetime(2026, 3, 8, 9, 0, tzinfo=dt.UTC)
    assert plans.day_items(pv) == []
    plans.set_goal_status(pv, g.id, "active")
    (h,) = plans.histories_for(pv)
    states = progress.day_states(h, D(2026, 3, 2), D(2026, 3, 8), clock.today())
    assert states == ["unrecorded"] * 2 + ["paused"] * 4 + ["pending"]


def test_archiving_a_commitment_keeps_its_history(pv, clock):
    _, (c,) = _goal_with(pv, "daily")
    plans.check_in(pv, c.id, "kept")
    clock.fixed = dt.datetime(2026, 3, 5, 9, 0, tzinfo=dt.UTC)
    plans.archive_commitment(pv, c.id)
    assert plans.commitments(pv) == []
    (h,) = plans.histories_for(pv)
    assert h.checkins == {D(2026, 3, 2): "kept"} and h.end == D(2026, 3, 4)
    assert plans.day_items(pv) == []


def test_find_commitment_by_number_or_words(pv):
    _, (a, b) = _goal_with(pv, "daily", "daily")
    with pytest.raises(InvalidInput, match="More than one"):
        plans.find_commitment(pv, "action")  # "action 0" and "action 1"
    plans.update_commitment(pv, b.id, action="Breathe for ten minutes when anger rises")
    assert plans.find_commitment(pv, str(a.id)).id == a.id
    assert plans.find_commitment(pv, "ANGER").id == b.id
    with pytest.raises(InvalidInput, match="No active commitment"):
        plans.find_commitment(pv, "juggling")


def test_must_stop_goal_and_support_note_are_kept(pv):
    g = plans.add_goal(pv, "No shoving, ever", must_stop=True, support_note="Dr. Rivera, Tuesdays")
    pv.lock()
    pv.unlock(PASSPHRASE)
    again = plans.get_goal(pv, g.id)
    assert again.must_stop and again.support_note == "Dr. Rivera, Tuesdays"


def test_empty_titles_and_unknown_goals_are_refused(pv):
    with pytest.raises(InvalidInput):
        plans.add_goal(pv, "   ")
    with pytest.raises(InvalidInput):
        plans.add_commitment(pv, 999, "something")


def test_save_goal_writes_a_goal_and_its_commitments_all_together_or_not_at_all(pv, clock):
    fields = {"title": "Keep my word", "why": "", "start_date": D(2026, 3, 2)}
    weekly = plans.parse_schedule("mon,fri", D(2026, 3, 2))
    # The second commitment is refused after the goal and the first were written: none stays.
    with pytest.raises(InvalidInput, match="commitment cannot be empty"):
        plans.save_goal(
            pv,
            None,
            fields,
            "active",
            [
                plans.CommitmentEdit(None, "Do one thing I said", weekly),
                plans.CommitmentEdit(None, " "),
            ],
        )
    assert plans.goals(pv) == [] and plans.commitments(pv) == []

    goal = plans.save_goal(
        pv, None, fields, "active", [plans.CommitmentEdit(None, "Do one thing I said", weekly)]
    )
    (c,) = plans.commitments(pv, goal.id)
    assert (c.action, c.schedule.weekdays, c.start_date) == (
        "Do one thing I said",
        {0, 4},
        D(2026, 3, 2),
    )

    # An edit: new words, a paused goal, a new schedule from today, and an unknown commitment
    # that makes all of it go back.
    clock.fixed += dt.timedelta(days=3)
    edit = {**fields, "title": "Keep every word"}
    with pytest.raises(InvalidInput, match="no longer exists"):
        plans.save_goal(
            pv,
            goal.id,
            edit,
            "paused",
            [plans.CommitmentEdit(c.id, "Do it"), plans.CommitmentEdit(999, archived=True)],
        )
    assert plans.get_goal(pv, goal.id).title == "Keep my word"
    assert plans.commitments(pv, goal.id)[0].action == "Do one thing I said"
    saved = plans.save_goal(
        pv,
        goal.id,
        edit,
        "paused",
        [plans.CommitmentEdit(c.id, "Do it", plans.parse_schedule("daily", D(2026, 3, 5)))],
    )
    assert (saved.title, saved.status) == ("Keep every word", "paused")
    (h,) = plans.histories_for(pv, goal.id)
    assert [(s.valid_from, s.kind) for s in h.schedules] == [
        (D(2026, 3, 2), "weekdays"),
        (D(2026, 3, 5), "daily"),
    ]
