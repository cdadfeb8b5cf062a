"""CSV export: check-ins in Loop Habit Tracker's layout, moods, no-contact events and urges."""

from __future__ import annotations

import csv
import datetime as dt

import pytest

from reconcile_desktop.core.archive import spreadsheets
from reconcile_desktop.core.errors import InvalidInput
from reconcile_desktop.core.journal import daily_mood
from reconcile_desktop.core.journal import entries as journal
from reconcile_desktop.core.nocontact import store as nocontact
from reconcile_desktop.core.plans import store as plans
from tests.conftest import PASSPHRASE
from tests.core.archive.archive_data import clock


def _rows(path):
    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.reader(fh))


def test_csv_files_hold_checkins_moods_events_and_urges(make_vault, tmp_path):
    v = make_vault(tmp_path / "data", clock=clock())
    v.create(PASSPHRASE)
    today = v.clock.today()
    goal = plans.add_goal(v, "Listen more", start=today - dt.timedelta(days=3))
    walk = plans.add_commitment(v, goal.id, "=Walk", start=today - dt.timedelta(days=3))
    ask = plans.add_commitment(v, goal.id, "Ask, then listen", start=today - dt.timedelta(days=3))
    plans.check_in(v, walk.id, "kept", day=today)
    plans.check_in(v, ask.id, "slipped", day=today - dt.timedelta(days=1))
    plans.add_pause(v, today - dt.timedelta(days=2), today - dt.timedelta(days=2))
    daily_mood.set_mood(v, 4, "lighter today")
    nocontact.start_period(v, start=today - dt.timedelta(days=5))
    letter = journal.add_entry(v, "Dear you", kind="letter")
    nocontact.log_event(v, "urge_resisted", intensity=4, trigger="a song", entry_id=letter.id)
    nocontact.log_event(v, "looked_social", note="just once")

    counts = spreadsheets.export_csv(v, tmp_path / "csv")

    assert counts == {"checkins.csv": 4, "commitments.csv": 2, "moods.csv": 1,
                      "nocontact_events.csv": 1, "urges.csv": 1}  # fmt: skip
    checkins = _rows(tmp_path / "csv" / "checkins.csv")
    assert checkins[0] == ["Date", "'=Walk", "Ask, then listen"]  # no formula runs in a sheet
    assert checkins[1] == [today.isoformat(), "2", "-1"]
    assert checkins[2] == [(today - dt.timedelta(days=1)).isoformat(), "-1", "0"]
    assert checkins[3][1:] == ["3", "3"]  # the paused day
    assert _rows(tmp_path / "csv" / "moods.csv") == [
        ["Date", "Mood", "Note"],
        [today.isoformat(), "4", "lighter today"],
    ]
    urges = _rows(tmp_path / "csv" / "urges.csv")
    assert urges[0] == ["Date", "Time", "Time zone", "Intensity", "Trigger", "Note", "Letter entry"]
    assert urges[1][3:] == ["4", "a song", "", str(letter.id)]
    events = _rows(tmp_path / "csv" / "nocontact_events.csv")
    assert events[1][3:] == ["looked_social", "", "", "just once"]


def test_csv_export_never_replaces_a_file(vault, tmp_path):
    folder = tmp_path / "csv"
    folder.mkdir()
    (folder / "moods.csv").write_text("mine")
    with pytest.raises(InvalidInput, match="already exists"):
        spreadsheets.export_csv(vault, folder)
    assert (folder / "moods.csv").read_text() == "mine"
    assert sorted(p.name for p in folder.iterdir()) == ["moods.csv"]
