"""Importing an archive into a journal that has data: only new rows are added, nothing here
changes, and what was skipped is counted."""

from __future__ import annotations

import datetime as dt

from reconcile_desktop.core.archive import exporting, importing
from reconcile_desktop.core.journal import entries as journal
from reconcile_desktop.core.nocontact import store as nocontact
from reconcile_desktop.core.plans import store as plans
from tests.conftest import PASSPHRASE
from tests.core.archive.archive_data import clock, table_rows


def _vault(make_vault, tmp_path, name):
    v = make_vault(tmp_path / name, clock=clock())
    v.create(PASSPHRASE)
    return v


def _shared_start(v):
    today = v.clock.today()
    goal = plans.add_goal(v, "Listen more", start=today - dt.timedelta(days=20))
    c = plans.add_commitment(v, goal.id, "Ask, then listen", start=today - dt.timedelta(days=20))
    plans.check_in(v, c.id, "kept", day=today - dt.timedelta(days=1))
    journal.add_entry(v, "The same words", title="Shared", tags=["hope"],
                      occurred=v.clock.now() - dt.timedelta(days=3))  # fmt: skip
    return c


def test_a_merge_adds_only_what_is_new_and_never_changes_existing_rows(make_vault, tmp_path):
    here = _vault(make_vault, tmp_path, "here")
    there = _vault(make_vault, tmp_path, "there")
    today = here.clock.today()
    mine = _shared_start(here)
    theirs = _shared_start(there)
    # Here: today is marked slipped. In the archive: kept, plus a mark of its own and new rows.
    plans.check_in(here, mine.id, "slipped", day=today, note="here")
    plans.check_in(there, theirs.id, "kept", day=today, note="there")
    plans.check_in(there, theirs.id, "kept", day=today - dt.timedelta(days=2))
    letter = journal.add_entry(there, "Dear you, unsent", kind="letter", tags=["Hope", "new"])
    nocontact.start_period(there, start=today - dt.timedelta(days=10))
    nocontact.log_event(there, "urge_resisted", entry_id=letter.id, intensity=2)
    before = table_rows(here)
    path = tmp_path / "there.zip"
    exporting.export_archive(there, path)

    result = importing.import_archive(here, path)

    after = table_rows(here)
    for name, rows in before.items():  # every row that was here is here, unchanged
        assert set(rows) <= set(after[name]), name
    assert result.count("checkin").present == 1  # the day kept in both
    assert result.count("checkin").new == 1  # the day only the archive had
    assert result.count("checkin").left_out == 1  # today: here it says slipped, and stays so
    assert result.count("goal").present == 0 or result.count("goal").new == 0
    assert result.count("entry").present == 1 and result.count("entry").new == 1
    # The letter and its urge link to each other here too, under the ids they have here.
    urges = nocontact.events(here, nocontact.current_period(here).id)
    new_letter = next(e for e in journal.iter_entries(here) if e.kind == "letter")
    assert [u.entry_id for u in urges] == [new_letter.id]
    assert set(new_letter.tags) == {"hope", "new"}  # "Hope" is the tag already here

    again = importing.import_archive(here, path)
    assert again.new == 0 and table_rows(here) == after


def test_a_second_running_period_is_left_out_and_said(make_vault, tmp_path):
    here = _vault(make_vault, tmp_path, "here")
    there = _vault(make_vault, tmp_path, "there")
    today = here.clock.today()
    nocontact.start_period(here, start=today - dt.timedelta(days=5))
    nocontact.start_period(there, start=today - dt.timedelta(days=9))
    nocontact.log_event(there, "urge_resisted", intensity=2)
    path = tmp_path / "there.zip"
    exporting.export_archive(there, path)
    before = table_rows(here)

    result = importing.import_archive(here, path)

    assert result.count("nocontact_period").left_out == 1
    assert result.count("contact_event").left_out == 1
    assert any("already running" in note for note in result.notes)
    assert table_rows(here) == before


def test_a_preview_says_what_an_import_would_do_and_changes_nothing(make_vault, tmp_path):
    here = _vault(make_vault, tmp_path, "here")
    there = _vault(make_vault, tmp_path, "there")
    _shared_start(there)
    path = tmp_path / "there.zip"
    exporting.export_archive(there, path)
    before = table_rows(here)

    preview = importing.preview_archive(here, path)

    assert table_rows(here) == before
    assert preview == importing.import_archive(here, path)
