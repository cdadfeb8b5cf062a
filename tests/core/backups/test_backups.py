"""Automatic backups: once a day, 7 days and 4 more weeks kept, each new copy checked first."""

from __future__ import annotations

import datetime as dt
import json
import re
import stat
from pathlib import Path

import pytest

from reconcile_desktop.core.backups import automatic as backups
from reconcile_desktop.core.backups.automatic import BackupInfo, BackupSettings
from reconcile_desktop.core.backups.copy_id import copy_id
from reconcile_desktop.core.backups.restore import check_backup
from reconcile_desktop.core.clock import Clock
from reconcile_desktop.core.errors import ReconcileError, VaultLocked
from reconcile_desktop.core.journal import entries as journal
from reconcile_desktop.core.storage.vault_settings import vault_id
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
    assert {p.name for p in first.made.iterdir()} == {"vault.db", "vault.key", "backup.json"}
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
    vault.backup(folder, label=backups.migration_label("0001"))
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


def test_a_backup_cut_short_leaves_no_folder_behind(timed_vault, monkeypatch):
    from reconcile_desktop.core.storage import encrypted_copy as rekey

    vault, _clock = timed_vault

    def boom(raw, dest, key, *_salt):
        dest.write_bytes(b"half")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(rekey, "export_copy", boom)
    with pytest.raises(ReconcileError):
        vault.backup(vault.dir / "backups")
    with pytest.raises(ReconcileError):
        backups.run_daily_backup(vault)
    assert list((vault.dir / "backups").iterdir()) == []


def test_a_daily_copy_whose_check_cannot_run_is_removed(timed_vault, monkeypatch):
    vault, _clock = timed_vault

    def locked(folder):
        raise VaultLocked()

    monkeypatch.setattr(vault, "check_copy", locked)
    with pytest.raises(VaultLocked):
        backups.run_daily_backup(vault)
    assert list((vault.dir / "backups").iterdir()) == []
    assert backups.made_today(vault, vault.dir / "backups") is None


# -- one backup folder shared by two journals ---------------------------------------------------


def _owners(folder: Path, *vaults) -> dict[str, list[str]]:
    """Backup folder names by the journal whose key file they hold."""
    keys = {v.key_path.read_bytes(): name for name, v in vaults}
    found: dict[str, list[str]] = {name: [] for name, _ in vaults}
    for b in backups.list_backups(folder):
        found[keys[(b.path / "vault.key").read_bytes()]].append(b.path.name)
    return found


def test_two_journals_sharing_a_folder_each_keep_their_own_copies(make_vault, tmp_path):
    shared = tmp_path / "usb"
    clock = Clock(fixed=START, zone="UTC")
    a = make_vault(tmp_path / "a", clock=clock)
    b = make_vault(tmp_path / "b", clock=clock)
    for v in (a, b):
        v.create(PASSPHRASE)
        backups.save_settings(v, BackupSettings(location=str(shared)))
    a_manual = a.backup(shared)
    for day in range(35):  # five whole weeks, Monday to Sunday
        clock.fixed = START + dt.timedelta(days=day)
        made_a = backups.run_daily_backup(a)
        clock.fixed = START + dt.timedelta(days=day, hours=1)
        made_b = backups.run_daily_backup(b)  # A's copy of today is not B's
        assert made_a.made is not None and made_b.made is not None
        assert all(p.name.startswith("reconcile-daily-") for p in made_b.deleted)
        owners = _owners(shared, ("A", a), ("B", b))
        assert not set(made_a.deleted) & {shared / n for n in owners["B"]}
        assert not set(made_b.deleted) & {shared / n for n in owners["A"]}

    owners = _owners(shared, ("A", a), ("B", b))
    assert a_manual.name in owners["A"]
    assert len(owners["A"]) == 7 + 4 + 1 and len(owners["B"]) == 7 + 4
    listed = backups.list_backups(shared)
    assert {x.vault_id for x in listed} == {vault_id(a), vault_id(b)}
    assert vault_id(a) != vault_id(b)


def test_the_marker_names_the_journal_and_nothing_private(timed_vault):
    vault, _clock = timed_vault
    made = backups.run_daily_backup(vault).made
    marker = json.loads((made / backups.MARKER_NAME).read_text(encoding="utf-8"))
    assert marker == {
        "vault_id": vault_id(vault),
        "copy_id": copy_id(vault),
        "kind": "daily",
        "made_utc": "2025-03-03T18:00:00+00:00",
    }
    assert re.fullmatch(r"[0-9a-f]{32}", marker["vault_id"])
    assert re.fullmatch(r"[0-9a-f]{32}", marker["copy_id"])
    # Stable across lock and unlock, stored inside the journal (so a backup carries it too).
    first = vault_id(vault)
    vault.lock()
    vault.unlock(PASSPHRASE)
    assert vault_id(vault) == first
    assert backups.read_backup(made).vault_id == first
    backups._remove_backup(made)  # the marker does not stop the removal of an own copy
    assert not made.exists()


def test_a_restored_journal_keeps_the_id_of_its_backup(timed_vault):
    from reconcile_desktop.core.backups.restore import restore_backup

    vault, _clock = timed_vault
    made = vault.backup(vault.dir / "backups")
    before = vault_id(vault)
    restore_backup(vault, made, PASSPHRASE)
    assert vault_id(vault) == before


def test_unmarked_copies_count_only_in_the_journals_own_folder(timed_vault, tmp_path):
    vault, clock = timed_vault
    own, shared = vault.dir / "backups", tmp_path / "shared"

    def unmarked(folder: Path, day: int) -> Path:
        made = vault.backup(folder, label="daily")
        (made / backups.MARKER_NAME).unlink()  # as made before markers existed
        old = folder / f"reconcile-daily-{START - dt.timedelta(days=day):%Y%m%d-%H%M%S}"
        return made.rename(old)

    own_old = [unmarked(own, d) for d in range(1, 40, 3)]
    shared_old = [unmarked(shared, d) for d in range(1, 40, 3)]
    today_elsewhere = unmarked(shared, 0)

    assert backups.made_today(vault, shared) is None  # an unmarked copy in a shared folder
    backups.save_settings(vault, BackupSettings(location=str(shared), keep_daily=1, keep_weekly=0))
    result = backups.run_daily_backup(vault)
    assert result.made is not None and result.deleted == []
    assert all(p.exists() for p in [*shared_old, today_elsewhere])

    backups.save_settings(vault, BackupSettings(keep_daily=1, keep_weekly=0))
    clock.fixed = START + dt.timedelta(hours=1)
    assert backups.made_today(vault, own) is None
    result = backups.run_daily_backup(vault)
    assert sorted(result.deleted) == sorted(own_old)  # the journal's own old copies go


def test_backup_folder_names_never_collide(tmp_path):
    now = dt.datetime(2025, 3, 3, 18, 0, 5, tzinfo=UTC)
    first = backups.new_backup_folder(tmp_path, "daily", now)
    second = backups.new_backup_folder(tmp_path, "daily", now)
    third = backups.new_backup_folder(tmp_path, "daily", now, vault_id="ab" * 16)
    assert [first.name, second.name, third.name] == [
        "reconcile-daily-20250303-180005",
        "reconcile-daily-20250303-180005-2",
        "reconcile-daily-20250303-180005-3",
    ]
    assert stat.S_IMODE(first.stat().st_mode) == 0o700
    assert list(first.iterdir()) == [] and (third / backups.MARKER_NAME).is_file()


# -- folders the user chose ---------------------------------------------------------------------


def test_an_existing_folder_keeps_its_permissions(timed_vault, tmp_path):
    vault, _clock = timed_vault
    home = tmp_path / "home"
    home.mkdir(mode=0o755)
    home.chmod(0o755)
    made = vault.backup(home)
    assert stat.S_IMODE(home.stat().st_mode) == 0o755
    assert stat.S_IMODE(made.stat().st_mode) == 0o700
    assert stat.S_IMODE((made / "vault.key").stat().st_mode) == 0o600
    fresh = vault.backup(tmp_path / "new" / "deeper")
    assert stat.S_IMODE((tmp_path / "new").stat().st_mode) == 0o700
    assert stat.S_IMODE(fresh.parent.stat().st_mode) == 0o700


def test_a_folder_without_unix_permissions_still_takes_backups(timed_vault, tmp_path, monkeypatch):
    import errno
    import os

    vault, _clock = timed_vault

    def no_chmod(*args, **kwargs):  # what FAT and exFAT answer
        raise PermissionError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(os, "chmod", no_chmod)
    made = vault.backup(tmp_path / "stick" / "journal")
    monkeypatch.undo()
    assert vault.check_copy(made) == []
    assert check_backup(vault, made, PASSPHRASE) == []


def test_a_label_alone_never_drops_the_journals_id(timed_vault):
    # Only the copy Vault._migrate makes goes without ids, whatever a caller names a backup.
    vault, _clock = timed_vault
    made = vault.backup(vault.dir / "backups", label=backups.migration_label("0001"))
    marker = json.loads((made / backups.MARKER_NAME).read_text(encoding="utf-8"))
    assert (marker["vault_id"], marker["copy_id"]) == (vault_id(vault), copy_id(vault))
    assert marker["kind"] == "before-migration"
