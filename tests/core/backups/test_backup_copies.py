"""Two copies of one journal (a data folder copied to a second computer, or restored
elsewhere) share its vault id. Backing up into one folder, each must still get its own daily
copy and never prune the other's: backup.json names the copy too (copy_id.py)."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from reconcile_desktop.core.backups import automatic as backups
from reconcile_desktop.core.backups.automatic import BackupSettings
from reconcile_desktop.core.backups.copy_id import COPY_NAME, copy_id
from reconcile_desktop.core.clock import Clock
from reconcile_desktop.core.journal import entries as journal
from reconcile_desktop.core.storage.vault_settings import vault_id
from tests.conftest import PASSPHRASE

START = dt.datetime(2025, 3, 3, 18, 0, tzinfo=dt.UTC)  # a Monday


@pytest.fixture
def clock():
    return Clock(fixed=START, zone="UTC")


def _copied(make_vault, clock, source: Path, target: Path):
    shutil.copytree(source, target)  # vault.copy and backups/ come along, as with any copy
    copy = make_vault(target, clock=clock)
    copy.unlock(PASSPHRASE)
    return copy


def test_two_copies_of_one_journal_sharing_a_folder_each_keep_their_own_dailies(
    make_vault, clock, tmp_path
):
    shared = tmp_path / "usb"
    a = make_vault(tmp_path / "a", clock=clock)
    a.create(PASSPHRASE)
    journal.add_entry(a, "written before the copy")
    backups.save_settings(a, BackupSettings(location=str(shared), keep_daily=3, keep_weekly=1))
    clock.fixed = START - dt.timedelta(days=1)
    first = backups.run_daily_backup(a).made  # so vault.copy exists before the copy is taken
    a.close()
    b = _copied(make_vault, clock, tmp_path / "a", tmp_path / "b")
    a.unlock(PASSPHRASE)
    assert vault_id(a) == vault_id(b) and copy_id(a) != copy_id(b)

    made = {"a": {first}, "b": set()}
    for day in range(16):  # past the daily and the weekly limits
        for name, v, hour in (("a", a, 0), ("b", b, 1)):
            clock.fixed = START + dt.timedelta(days=day, hours=hour)
            result = backups.run_daily_backup(v)
            assert result.made is not None, f"{name} had no backup on day {day}"
            made[name].add(result.made)
            assert set(result.deleted) <= made[name], f"{name} pruned the other's copy"
        clock.fixed = START + dt.timedelta(days=day, hours=2)
        assert backups.run_daily_backup(a).made is None  # still one a day for each
        assert backups.run_daily_backup(b).made is None

    left = {p for p in shared.iterdir()}
    assert len(left & made["a"]) == 3 + 1 and len(left & made["b"]) == 3 + 1
    assert left == (left & made["a"]) | (left & made["b"])


def test_a_journal_restored_elsewhere_is_a_copy_of_its_own(make_vault, clock, tmp_path):
    from reconcile_desktop.core.backups.restore import restore_backup

    shared = tmp_path / "shared"
    a = make_vault(tmp_path / "a", clock=clock)
    a.create(PASSPHRASE)
    backups.save_settings(a, BackupSettings(location=str(shared)))
    made_a = backups.run_daily_backup(a).made

    elsewhere = make_vault(tmp_path / "new-computer", clock=clock)
    restore_backup(elsewhere, made_a, PASSPHRASE)
    assert vault_id(elsewhere) == vault_id(a)
    clock.fixed = START + dt.timedelta(hours=1)
    made_there = backups.run_daily_backup(elsewhere).made
    assert made_there is not None and made_there != made_a
    assert backups.made_today(a, shared).path == made_a


def test_after_an_upgrade_older_copies_are_never_pruned_wrongly_and_todays_backup_happens(
    make_vault, clock, tmp_path
):
    """Copies from before copy ids (backup.json with only the vault id) cannot be told apart
    from another copy's. In a shared folder they are neither counted nor removed, so the first
    day after the upgrade still gets its own backup; in the journal's own backups folder, where
    no other copy writes, they count and are pruned as before."""
    vault = make_vault(clock=clock)
    vault.create(PASSPHRASE)
    own, shared = vault.dir / "backups", tmp_path / "shared"

    def from_before(folder: Path, days_ago: int) -> Path:
        made = vault.backup(folder, label="daily")
        marker_path = made / backups.MARKER_NAME
        marker = json.loads(marker_path.read_text(encoding="utf-8"))
        del marker["copy_id"]
        marker_path.write_text(json.dumps(marker), encoding="utf-8")
        return made.rename(
            folder / f"reconcile-daily-{START - dt.timedelta(days=days_ago):%Y%m%d-%H%M%S}"
        )

    shared_old = [from_before(shared, d) for d in range(0, 40, 3)]  # one of them today's
    own_old = [from_before(own, d) for d in range(1, 40, 3)]
    assert backups.read_backup(shared_old[0]).vault_id == vault_id(vault)

    backups.save_settings(vault, BackupSettings(location=str(shared), keep_daily=1, keep_weekly=0))
    result = backups.run_daily_backup(vault)
    assert result.made is not None  # today's older copy may be another copy's
    assert result.deleted == [] and all(p.exists() for p in shared_old)

    backups.save_settings(vault, BackupSettings(keep_daily=1, keep_weekly=0))
    clock.fixed = START + dt.timedelta(hours=1)
    result = backups.run_daily_backup(vault)
    assert result.made is not None and sorted(result.deleted) == sorted(own_old)
    assert all(p.exists() for p in shared_old)


def test_the_copy_id_is_steady_in_its_folder_and_new_in_a_copied_one(make_vault, clock, tmp_path):
    a = make_vault(tmp_path / "a", clock=clock)
    a.create(PASSPHRASE)
    first = copy_id(a)
    assert first == copy_id(a)
    a.close()
    again = make_vault(tmp_path / "a", clock=clock)
    again.unlock(PASSPHRASE)
    assert copy_id(again) == first  # a new process, the same folder
    again.close()

    b = _copied(make_vault, clock, tmp_path / "a", tmp_path / "b")
    second = copy_id(b)
    assert second != first
    # A folder synced both ways keeps each place's id, rather than a new one at every switch.
    shutil.copyfile(b.dir / COPY_NAME, tmp_path / "a" / COPY_NAME)
    a = make_vault(tmp_path / "a", clock=clock)
    a.unlock(PASSPHRASE)
    assert copy_id(a) == first and copy_id(b) == second
    text = (tmp_path / "a" / COPY_NAME).read_text(encoding="ascii")
    assert PASSPHRASE not in text and str(tmp_path) not in text
