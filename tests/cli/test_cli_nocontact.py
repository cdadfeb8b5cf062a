"""The no-contact commands as a user meets them: real processes, real KDF, the zone pinned to UTC.

Day counts are made deterministic by starting a period a known number of days before today.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil

import pytest

from tests.cli.test_cli import assert_one_line_error

STATUS_KEYS = {
    "tracking",
    "days",
    "target_days",
    "best_days",
    "attempts",
    "social_media_days",
    "urges_this_week",
    "target_reached",
    "milestone_reached",
    "next_milestone",
    "giving_space_days",
    "flagged_events",
    "boundaries",
}


def today() -> dt.date:
    return dt.datetime.now(dt.UTC).date()


def days_ago(n: int) -> str:
    return (today() - dt.timedelta(days=n)).isoformat()


@pytest.fixture
def nc(run_cli, data_dir, template):
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


def status_json(nc) -> dict:
    return json.loads(ok(nc("status", "--json")))


def test_status_without_a_period_says_not_tracking(nc):
    line = ok(nc("status"))
    assert line.count("\n") == 1 and "not tracking" in line
    assert status_json(nc) == {"tracking": False}


def test_start_today_then_status_line_and_json_keys(nc):
    out = ok(nc("nocontact", "start"))
    assert "today" in out and "45 days" in out
    assert "usual minimum" not in out
    line = ok(nc("status"))
    assert line.count("\n") == 1 and "fresh start today" in line
    doc = status_json(nc)
    assert set(doc) == STATUS_KEYS
    assert (doc["tracking"], doc["days"], doc["target_days"], doc["attempts"]) == (True, 0, 45, 1)


def test_backdated_start_counts_days_and_a_contact_starts_again(nc):
    out = ok(nc("nocontact", "start", "--date", days_ago(10), "--target", "20"))
    assert "day 10" in out
    assert "30 to 60 days is the usual minimum" in out  # said kindly, and still started
    out = ok(nc("contact", "--note", "sent a text"))
    assert "starts again today" in out
    assert not any(word in out.lower() for word in ("fail", "broke", "ruin", "shame"))
    doc = status_json(nc)
    assert (doc["days"], doc["best_days"], doc["attempts"]) == (0, 10, 2)
    assert "fresh start today" in ok(nc("status"))


def test_ignored_contact_does_not_reset_and_urges_are_counted(nc):
    ok(nc("nocontact", "start", "--date", days_ago(10)))
    out = ok(nc("contact", "--kind", "they-contacted-ignored", "--date", "yesterday"))
    assert "does not reset" in out and "day 10" in out
    out = ok(nc("urge", "--intensity", "4", "--trigger", "our song"))
    assert "this week: 1" in out
    doc = status_json(nc)
    assert (doc["days"], doc["attempts"], doc["urges_this_week"]) == (10, 1, 1)


@pytest.mark.parametrize("bad", ["2024-02-30", "20240101", "next week", ""])
def test_malformed_dates_exit_2_before_any_vault_is_needed(run_cli, data_dir, bad):
    line = assert_one_line_error(run_cli("contact", "--date", bad), 2)
    assert "YYYY-MM-DD" in line
    assert not data_dir.exists()


def test_future_dates_and_dates_before_the_period_are_refused(nc):
    tomorrow = (today() + dt.timedelta(days=1)).isoformat()
    line = assert_one_line_error(nc("nocontact", "start", "--date", tomorrow), 2)
    assert "future" in line
    assert status_json(nc) == {"tracking": False}  # nothing was started
    ok(nc("nocontact", "start", "--date", days_ago(3)))
    assert "future" in assert_one_line_error(nc("urge", "--date", tomorrow), 2)
    assert "before" in assert_one_line_error(nc("contact", "--date", days_ago(4)), 2)
    doc = status_json(nc)
    assert (doc["days"], doc["attempts"], doc["urges_this_week"]) == (3, 1, 0)


def test_reach_out_end_and_history(nc, data_dir):
    ok(nc("nocontact", "start", "--date", days_ago(10), "--target", "7"))
    out = ok(nc("reached-out", "--note", "one short message"))
    assert "not reached" not in out and "giving space" in out
    out = ok(nc("nocontact", "end"))
    assert "target of 7 days" in out
    # Shared options also work after the second-level command name.
    doc = json.loads(ok(nc("nocontact", "history", "--json", "--data-dir", str(data_dir))))
    (period,) = doc["periods"]
    assert period["end_reason"] == "target" and period["running"] is False
    assert period["start_date"] == days_ago(10) and period["end_date"] == today().isoformat()
    assert period["attempts"] == [
        {"start_date": days_ago(10), "end_date": today().isoformat(), "days": 10, "ended_by": None}
    ]


def test_nocontact_commands_without_a_journal_exit_4(run_cli, data_dir):
    for command in (["status"], ["nocontact", "start"], ["urge"]):
        assert_one_line_error(run_cli(*command), 4)
    assert not (data_dir / "vault.db").exists()


def test_with_any_boundary_reached_out_is_refused_kindly_and_nothing_is_recorded(nc):
    ok(nc("nocontact", "start", "--date", days_ago(40), "--target", "30"))
    listed = json.loads(ok(nc("nocontact", "boundary", "list", "--json")))
    assert listed == {"answered": False, "boundaries": [], "reach_out_offered": False}
    for name in ("asked-no-contact", "blocked", "court-order", "safety"):
        assert "not offered" in ok(nc("nocontact", "boundary", "set", name))
        refused = nc("reached-out")
        assert refused.returncode == 2 and refused.stdout == ""
        (line,) = refused.stderr.splitlines()
        assert line.startswith("reconcile: The reach-out step is not offered")
        assert "the kind thing to do" in line and "reconcile contact" in line
        assert status_json(nc)["giving_space_days"] is None  # nothing was recorded
        assert status_json(nc)["boundaries"] == [name]
        ok(nc("nocontact", "boundary", "clear", name))
    ok(nc("nocontact", "boundary", "set", "blocked"))
    ok(nc("nocontact", "boundary", "set", "safety"))
    listed = json.loads(ok(nc("nocontact", "boundary", "list", "--json")))
    assert listed == {
        "answered": True,
        "boundaries": ["blocked", "safety"],
        "reach_out_offered": False,
    }
    text = ok(nc("nocontact", "boundary", "list"))
    assert "blocked           yes" in text and "court-order       no" in text

    ok(nc("nocontact", "boundary", "clear", "blocked"))
    ok(nc("nocontact", "boundary", "clear", "safety"))
    assert "once, as you planned" in ok(nc("reached-out"))
    assert status_json(nc)["giving_space_days"] == 0


def test_an_unknown_boundary_is_a_usage_error(nc):
    result = nc("nocontact", "boundary", "set", "ghosted")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert len(result.stderr.splitlines()) == 1


def test_a_contact_logged_in_sydney_counts_at_once_in_new_york(nc, run_cli):
    """The same rule as the window: dates are read where you are now, from when it happened."""
    from zoneinfo import ZoneInfo

    sydney, new_york = {"TZ": "Australia/Sydney"}, {"TZ": "America/New_York"}
    ok(run_cli("nocontact", "start", "--date", days_ago(10), env=sydney))
    ok(run_cli("contact", "--note", "a call before the flight", env=sydney))
    doc = json.loads(ok(run_cli("status", "--json", env=new_york)))
    assert (doc["days"], doc["attempts"], doc["flagged_events"]) == (0, 2, 0)
    history = json.loads(ok(run_cli("nocontact", "history", "--json", env=new_york)))
    stretches = history["periods"][0]["attempts"]
    here = dt.datetime.now(ZoneInfo("America/New_York")).date().isoformat()
    assert stretches[0]["end_date"] == stretches[1]["start_date"] == here


def test_the_boundary_names_spelled_out_for_help_match_core():
    from reconcile_desktop.commands import nocontact_cmds
    from reconcile_desktop.core.nocontact import boundaries

    assert nocontact_cmds.BOUNDARIES == boundaries.NAMES
