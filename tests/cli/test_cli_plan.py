"""The change-plan commands as a user meets them: real processes, real KDF, the zone pinned to UTC.

Histories are made deterministic by starting goals yesterday and marking yesterday and today.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil

import pytest

from reconcile_desktop.commands import plan_cmds
from reconcile_desktop.core.plans import store as plans
from reconcile_desktop.core.storage import models
from tests.cli.test_cli import assert_one_line_error

SHAMING = ("fail", "shame", "ruin", "weak", "should have", "again?")


def today() -> dt.date:
    return dt.datetime.now(dt.UTC).date()


def days_ago(n: int) -> str:
    return (today() - dt.timedelta(days=n)).isoformat()


@pytest.fixture
def rc(run_cli, data_dir, template):
    """run_cli with an initialised journal and the user's zone pinned to UTC."""
    shutil.copytree(template, data_dir)

    def run(*args: str, **kwargs):
        result = run_cli(*args, env={"TZ": "UTC"}, **kwargs)
        assert "Traceback" not in result.stderr
        return result

    return run


def ok(result) -> str:
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    return result.stdout


def as_json(rc, *args: str) -> dict:
    return json.loads(ok(rc(*args, "--json")))


def states(rc, *args: str) -> dict[int, str]:
    return {i["commitment_id"]: i["state"] for i in as_json(rc, "today", *args)["items"]}


def add_two_daily(rc, *extra: str) -> None:
    """Goal 1 with commitments 1 and 2, both daily, running since yesterday."""
    ok(rc("plan", "add", "Listen first", "--commitment", "Ask one question first",
          "--commitment", "Evening walk", "--start", "yesterday", *extra))  # fmt: skip


def test_plan_add_with_schedules_then_list_json(rc):
    out = ok(rc("plan", "add", "Listen before answering", "--why", "I talked over her",
                "--principle", "empathy",
                "--commitment", "Ask one question first", "--days", "mon,wed,fri",
                "--commitment", "Evening walk", "--days", "3/week",
                "--commitment", "Write down what I heard"))  # fmt: skip
    assert "Goal 1 added: Listen before answering" in out
    assert "Ask one question first (Mon, Wed, Fri)" in out
    assert "Evening walk (3 times a week)" in out
    assert "Write down what I heard (every day)" in out
    (goal,) = as_json(rc, "plan", "list")["goals"]
    assert {k: goal[k] for k in ("id", "title", "why", "principle", "status", "must_stop")} == {
        "id": 1,
        "title": "Listen before answering",
        "why": "I talked over her",
        "principle": "empathy",
        "status": "active",
        "must_stop": False,
    }
    assert goal["start_date"] == today().isoformat()
    assert [(c["id"], c["action"], c["schedule"], c["status"]) for c in goal["commitments"]] == [
        (1, "Ask one question first", "Mon, Wed, Fri", "active"),
        (2, "Evening walk", "3 times a week", "active"),
        (3, "Write down what I heard", "every day", "active"),
    ]


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--days", "daily", "--commitment", "Walk"], "--days goes after"),
        (["--commitment", "Walk", "--days", "fortnightly"], "3/week"),
        (["--commitment", "Walk", "--days", "9/week"], "1 to 7"),
        (["--commitment", "Walk", "--days", "daily", "--days", "mon"], "once for each"),
        (["--why", "no commitment given"], "--commitment"),
    ],
)
def test_bad_plan_add_exits_2_before_any_journal_is_needed(run_cli, data_dir, args, words):
    line = assert_one_line_error(run_cli("plan", "add", "Be kinder", *args), 2)
    assert words in line
    assert not data_dir.exists()


def test_must_stop_goal_gets_a_plain_note_and_plain_slip_line(rc):
    out = ok(rc("plan", "add", "Stop shouting", "--commitment", "No shouting", "--must-stop",
                "--support", "Thursday group with Anna"))  # fmt: skip
    assert "stop completely" in out and "professional" in out
    assert "Your support: Thursday group with Anna" in out
    out = ok(rc("mark", "shouting", "slipped"))
    assert "Noted: No shouting, slipped today." in out
    assert "stop completely" in out and "Thursday group with Anna" in out
    assert "next time" not in out
    assert not any(word in out.lower() for word in SHAMING)
    assert as_json(rc, "plan", "list")["goals"][0]["must_stop"] is True


def test_today_json_states_for_today_and_yesterday(rc):
    add_two_daily(rc)
    # Due only tomorrow's weekday, so not on today's list.
    tomorrow = (today() + dt.timedelta(days=1)).strftime("%a").lower()
    ok(rc("plan", "add", "Patience", "--commitment", "Weekly call", "--days", tomorrow))
    ok(rc("mark", "1", "kept"))
    ok(rc("mark", "2", "slipped", "--date", "yesterday", "--note", "rained"))
    doc = as_json(rc, "today")
    assert (doc["date"], doc["editable"]) == (today().isoformat(), True)
    assert states(rc) == {1: "kept", 2: "not_marked"}
    yesterday = as_json(rc, "today", "--date", "yesterday")
    assert {i["commitment_id"]: (i["state"], i["note"]) for i in yesterday["items"]} == {
        1: ("not_recorded", ""),
        2: ("slipped", "rained"),
    }
    text = ok(rc("today"))
    assert "not marked yet" in text and "kept" in text and "Weekly call" not in text


def test_a_day_more_than_a_week_back_is_read_only(rc):
    ok(rc("plan", "add", "Listen first", "--commitment", "Ask first", "--start", days_ago(10)))
    text = ok(rc("today", "--date", days_ago(8)))
    assert "not recorded" in text and "up to 7 days back" in text
    assert "reconcile mark" not in text
    assert as_json(rc, "today", "--date", days_ago(8))["editable"] is False
    line = assert_one_line_error(rc("mark", "1", "kept", "--date", days_ago(8)), 2)
    assert "7 days back" in line
    assert states(rc, "--date", days_ago(7)) == {1: "not_recorded"}
    ok(rc("mark", "1", "kept", "--date", days_ago(7)))  # a week back is still open
    assert states(rc, "--date", days_ago(7)) == {1: "kept"}


def test_mark_kept_slipped_and_clear_by_number_and_by_text(rc):
    add_two_daily(rc)
    assert "Marked kept today: Ask one question first." in ok(rc("mark", "QUESTION", "kept"))
    out = ok(rc("mark", "1", "slipped"))  # a correction of the same day
    assert "Noted: Ask one question first, slipped today." in out
    assert "one step back" in out and "next time" in out
    assert not any(word in out.lower() for word in SHAMING)
    assert states(rc) == {1: "slipped", 2: "not_marked"}
    assert "was cleared" in ok(rc("mark", "question", "clear"))
    assert states(rc) == {1: "not_marked", 2: "not_marked"}
    assert "nothing changed" in ok(rc("mark", "1", "clear"))
    ok(rc("mark", "walk", "kept", "--date", "yesterday"))
    assert states(rc, "--date", "yesterday") == {1: "not_recorded", 2: "kept"}


def test_check_with_a_commitment_is_the_same_as_mark(rc):
    add_two_daily(rc)
    out = ok(rc("check", "walk", "slipped", "--date", "yesterday", "--note", "rain"))
    assert "slipped yesterday" in out and "one step back" in out
    assert states(rc, "--date", "yesterday") == {1: "not_recorded", 2: "slipped"}
    assert "All good" in ok(rc("check"))  # with no commitment it is still the integrity check
    assert "how it went" in assert_one_line_error(rc("check", "walk"), 2)


def test_unclear_or_unknown_commitment_text_exits_2_with_one_line(rc):
    add_two_daily(rc)
    ok(rc("plan", "add", "Grow", "--commitment", "Walk to the pool"))
    line = assert_one_line_error(rc("mark", "walk", "kept"), 2)
    assert "More than one" in line
    assert "No active commitment" in assert_one_line_error(rc("mark", "juggling", "kept"), 2)
    assert "No active commitment" in assert_one_line_error(rc("mark", "9", "kept"), 2)
    assert states(rc) == {1: "not_marked", 2: "not_marked", 3: "not_marked"}


def test_future_or_malformed_dates_and_a_note_on_clear_exit_2(rc):
    add_two_daily(rc)
    tomorrow = (today() + dt.timedelta(days=1)).isoformat()
    assert "future" in assert_one_line_error(rc("mark", "1", "kept", "--date", tomorrow), 2)
    line = assert_one_line_error(rc("mark", "1", "kept", "--date", "2024-02-30"), 2)
    assert "YYYY-MM-DD" in line
    assert_one_line_error(rc("mark", "1", "clear", "--note", "why"), 2)
    assert_one_line_error(rc("mark", "1", "maybe"), 2)
    assert states(rc) == {1: "not_marked", 2: "not_marked"}


def test_progress_json_numbers_on_a_two_day_history(rc):
    add_two_daily(rc)
    ok(rc("mark", "1", "kept", "--date", "yesterday"))
    ok(rc("mark", "1", "kept"))
    ok(rc("mark", "2", "slipped", "--date", "yesterday"))
    ok(rc("mark", "2", "kept"))
    doc = as_json(rc, "progress", "--days", "7")
    assert (doc["date"], doc["days"]) == (today().isoformat(), 7)
    (goal,) = doc["goals"]
    one, two = goal.pop("commitments")
    m = 0.5 ** (1 / 13)  # a daily commitment's score keeps this share each counted day
    charts = goal.pop("charts")
    # Each chart in words, as the window's charts describe themselves to a screen reader.
    assert charts["steps"].startswith("In its first 2 days: 3 steps kept, 1 slip, strength")
    assert charts["commitments"].endswith("Ask one question first, 100%; Evening walk, 50%.")
    assert goal.pop("note") == f"strength {round((1 - m * m + 1 - m) / 2 * 100)}%"
    assert doc["charts"]["all_goals"]["steps"] == charts["steps"]
    assert doc["charts"]["no_contact_history"] is None
    assert one == {
        "id": 1,
        "action": "Ask one question first",
        "schedule": "every day",
        "net_steps": 2,
        "rate_7": 1.0,
        "rate_30": 1.0,
        "strength": round((1 - m * m) * 100),  # 10
        "streak_current": 2,
        "streak_best": 2,
        "recoveries": 0,
        "median_recovery_days": None,
        "kept_days": 2,
        "slipped_days": 0,
        "today_state": "kept",
    }
    assert (two["net_steps"], two["rate_7"], two["strength"]) == (0, 0.5, round((1 - m) * 100))
    assert (two["streak_current"], two["streak_best"]) == (1, 1)
    assert (two["recoveries"], two["median_recovery_days"]) == (1, 1.0)
    assert (two["kept_days"], two["slipped_days"]) == (1, 1)
    assert goal == {
        "id": 1,
        "title": "Listen first",
        "must_stop": False,
        "status": "active",
        "net_steps": 2,
        "rate_7": 0.75,
        "rate_30": 0.75,
        "strength": round((1 - m * m + 1 - m) / 2 * 100),  # 8
        "slips_30_days": 1,
        "recoveries": 1,
        "median_recovery_days": 1.0,
        "kept_days": 3,
        "slipped_days": 1,
    }


def test_progress_text_is_aligned_and_shows_must_stop_slips_plainly(rc):
    add_two_daily(rc)
    ok(rc("plan", "add", "Stop shouting", "--commitment", "No shouting", "--must-stop",
          "--start", "yesterday"))  # fmt: skip
    ok(rc("mark", "1", "kept"))
    ok(rc("mark", "shouting", "kept", "--date", "yesterday"))
    ok(rc("mark", "shouting", "slipped"))
    text = ok(rc("progress"))
    listen, stop = text.split("Goal 1: Listen first\n")[1].split("Goal 2: Stop shouting")
    stop, together = stop.split("All goals together:")
    note, *table = listen.strip("\n").split("  About its charts:")[0].strip("\n").splitlines()
    assert note.strip().startswith("Strength ")
    assert table[0].split() == ["#", "commitment", "net", "7-day", "30-day", "strength",
                                "streak", "best", "recoveries", "median"]  # fmt: skip
    assert len(table) == 4 and len({len(line) for line in table}) == 1  # right edges line up
    assert "whole goal" in table[-1]
    assert "Slipped on 1 day in the last 30 days." in stop
    assert "%" not in stop and "strength" not in stop  # no rate dressing up the slip
    assert "1 slip in its 2 days so far." in stop
    assert "No shouting, 1 slip in this range" in stop.replace("\n    ", " ")
    assert "No shouting, 1 slip in this range" in together.replace("\n    ", " ")


def test_progress_days_must_be_a_sensible_number(run_cli, data_dir):
    # The command module spells these out so --help stays light; they must match core.
    assert plan_cmds.CORRECTION_DAYS == plans.CORRECTION_DAYS
    assert plan_cmds.PRINCIPLES == models.PRINCIPLES
    for bad in ("0", "-3", "week", "4000"):
        line = assert_one_line_error(run_cli("progress", "--days", bad), 2)
        assert "1 to 3650" in line
    assert not data_dir.exists()


def test_plan_commands_without_a_journal_exit_4(run_cli, data_dir):
    for command in (["plan", "list"], ["today"], ["mark", "1", "kept"], ["progress"]):
        assert_one_line_error(run_cli(*command), 4)
    assert not (data_dir / "vault.db").exists()
