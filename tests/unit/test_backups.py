"""Automatic backups: once a day, 7 days and 4 more weeks kept, each new copy checked first."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from reconcile_desktop.core import backups, journal
from reconcile_desktop.core.backups import BackupInfo, BackupSettings
from reconcile_desktop.core.clock import Clock
from reconcile_desktop.core.restore import check_backup
from tests.conftest import PASSPHRASE

UTC = dt.UTC
START = dt.datetime(2025, 3, 3, 18, 0, tzinfo=UTC)  # a Monday


def _info(when: dt.datetime, label: str = "daily") -> BackupInfo:
    name = f"reconcile-{label}-{when:%Y%m%d-%H%M%S}"
    return BackupInfo(Path("/b") / name, when, label, 10)


def test_keep_roles_takes_seven_days_then_four_older_weeks():
    days = [START + dt.timedelta(days=i) for i in range(60)]
    infos = [_info(d) for d in days] + [_info(START + dt.timedelta(days=59, hours=-6))]
    roles = backups.keep_roles(infos, 7, 4, UTC)

    daily = sorted(p.name for p, r in roles.items() if r == "daily")
    weekly = sorted(p.name for p, r in roles.items() if r == "weekly")
    newest = days[-7:]
    assert daily == sorted(f"reconcile-daily-{d:%Y%m%d-%H%M%S}" for d in newest)
    # The newest day had two copies: only its later one counts.
    assert f"reconcile-daily-{days[-1] - dt.timedelta(hours=6):%Y%m%d-%H%M%S}" not in daily
    assert len(weekly) == 4
    weeks = {dt.datetime.strptime(n[16:24], "%Y%m%d").isocalendar()[:2] for n in weekly}
    daily_weeks = {d.isocalendar()[:2] for d in newest}
    assert len(weeks) == 4 and not weeks & daily_weeks
    # Each weekly copy is the newest of its week (a Sunday, since every day has one).
    assert all(dt.datetime.strptime(n[16:24], "%Y%m%d").weekday() == 6 for n in weekly)


def test_keep_roles_ignores_manual_copies_and_honours_zero():
    infos = [_info(START, "backup"), _info(START + dt.timedelta(days=1))]
    assert backups.keep_roles(infos, 0, 0, UTC) == {}
    assert list(backups.keep_roles(infos, 3, 0, UTC).values()) == ["daily"]


def test_a_day_is_the_local_day_not_the_utc_one():
    late = dt.datetime(2025, 3, 3, 23, 30, tzinfo=UTC)  # already 4 March in Berlin
    early = dt.datetime(2025, 3, 4, 6, 0, tzinfo=UTC)
    infos = [_info(late), _info(early)]
    from zoneinfo import ZoneInfo

    assert len(backups.keep_roles(infos, 1, 0, ZoneInfo("Europe/Berlin"))) == 1
    assert len(backups.keep_roles(infos, 2, 0, UTC)) == 2


@pytest.fixture
def timed_vault(make_vault):
    clock = Clock(fixed=START, zone="UTC")
    vault = make_vault(clock=clock)
    vault.create(PASSPHRASE)
    journal.add_entry(vault, "a day worth keeping")
    return vault, clock


def test_one_backup_a_day_checked_and_opening_with_the_passphrase(timed_vault):
    vault, clock = timed_vault
    first = backups.run_daily_backup(vault)
    assert first.made is not None and first.deleted == []
    assert first.made.parent == vault.dir / "backups"
    assert {p.name for p in first.made.iterdir()} == {"vault.db", "vault.key"}
    assert check_backup(vault, first.made, PASSPHRASE) == []

    clock.fixed = START + dt.timedelta(hours=3)
    assert backups.run_daily_backup(vault).made is None  # same day: nothing new
    clock.fixed = START + dt.timedelta(days=1)
    assert backups.run_daily_backup(vault).made is not None


def test_forty_days_keep_eleven_copies_and_never_a_manual_one(timed_vault):
    vault, clock = timed_vault
    manual = vault.backup(vault.dir / "backups")
    for day in range(40):
        clock.fixed = START + dt.timedelta(days=day)
        backups.run_daily_backup(vault)
    found = backups.list_backups(vault.dir / "backups")
    assert sum(b.automatic for b in found) == 7 + 4
    assert manual in [b.path for b in found]
    assert found[0].made == START + dt.timedelta(days=39)


def test_old_copies_stay_when_the_new_one_fails_its_check(timed_vault, monkeypatch):
    vault, clock = timed_vault
    for day in range(9):
        clock.fixed = START + dt.timedelta(days=day)
        backups.run_daily_backup(vault)
    before = [b.path for b in backups.list_backups(vault.dir / "backups")]
    assert len(before) == 7  # two already rotated out (same ISO week as kept days)

    clock.fixed = START + dt.timedelta(days=9)
    monkeypatch.setattr(vault, "check_copy", lambda folder: ["Page check: bad page"])
    with pytest.raises(backups.BackupFailed):
        backups.run_daily_backup(vault)
    assert [b.path for b in backups.list_backups(vault.dir / "backups")] == before


def test_check_copy_finds_a_damaged_backup(timed_vault):
    vault, _clock = timed_vault
    made = vault.backup(vault.dir / "backups")
    assert vault.check_copy(made) == []
    db = made / "vault.db"
    data = bytearray(db.read_bytes())
    data[4096 + 200] ^= 0xFF
    db.write_bytes(bytes(data))
    assert vault.check_copy(made) != []
    (made / "vault.key").write_text("{}")
    assert vault.check_copy(made) == ["Key file: it is missing or damaged."]


def test_settings_live_in_the_vault_and_choose_the_folder(timed_vault, tmp_path):
    vault, clock = timed_vault
    assert backups.load_settings(vault) == BackupSettings()
    cloud = tmp_path / "synced"
    backups.save_settings(vault, BackupSettings(True, str(cloud), 3, 1))
    vault.lock()
    vault.unlock(PASSPHRASE)
    assert backups.load_settings(vault) == BackupSettings(True, str(cloud), 3, 1)
    result = backups.run_daily_backup(vault)
    assert result.made is not None and result.made.parent == cloud

    backups.save_settings(vault, BackupSettings(automatic=False))
    clock.fixed = START + dt.timedelta(days=1)
    assert backups.run_daily_backup(vault).made is None
    assert backups.run_daily_backup(vault, force=True).made is not None


def test_listing_names_kinds_and_skips_what_is_not_a_backup(timed_vault):
    vault, _ = timed_vault
    folder = vault.dir / "backups"
    backups.run_daily_backup(vault)
    vault.backup(folder)
    vault.backup(folder, label="before-migration-0001")
    (folder / "holiday photos").mkdir()
    (folder / "reconcile-daily-20250101-000000").mkdir()  # no files inside
    kinds = sorted(b.kind for b in backups.list_backups(folder, vault.dir / "missing"))
    assert kinds == ["before-migration", "daily", "manual"]


def test_removal_never_touches_a_folder_with_other_files(tmp_path):
    folder = tmp_path / "reconcile-daily-20250101-000000"
    folder.mkdir()
    for name in ("vault.db", "vault.key", "notes.txt"):
        (folder / name).write_text("x")
    backups._remove_backup(folder)
    assert folder.exists()
