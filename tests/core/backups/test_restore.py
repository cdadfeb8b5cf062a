"""Restore: the backup is checked with its own passphrase, the current files are kept as they
are, the pair is swapped in together and opened again."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from reconcile_desktop.core.backups import automatic as backups
from reconcile_desktop.core.backups.restore import (
    BackupDamaged,
    BackupKeyDamaged,
    NotABackup,
    WrongBackupPassphrase,
    check_backup,
    restore_backup,
)
from reconcile_desktop.core.errors import DatabaseDamaged, KeyFileDamaged
from reconcile_desktop.core.journal import entries as journal
from reconcile_desktop.core.storage import pair_swap as pairswap
from tests.conftest import PASSPHRASE, fail_db_replace

NEW_PASSPHRASE = "a different and longer passphrase"


def _bodies(vault) -> list[str]:
    return [e.body for e in journal.iter_entries(vault)]


def _digests(folder: Path) -> dict[str, str]:
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in folder.iterdir()
        if p.is_file() and p.name != "vault.lock"
    }


@pytest.fixture
def backed_up(vault, tmp_path):
    """A vault with one entry in a backup and a second entry written after it."""
    journal.add_entry(vault, "in the backup")
    made = vault.backup(tmp_path / "usb")
    journal.add_entry(vault, "written later")
    return vault, made


def test_restore_brings_the_backup_back_and_keeps_the_current_files(backed_up, make_vault):
    vault, made = backed_up
    vault.lock()
    current = _digests(vault.dir)

    result = restore_backup(vault, made, PASSPHRASE)

    assert vault.is_unlocked and _bodies(vault) == ["in the backup"]
    assert result.problems == [] and result.restored_from == made
    kept = result.previous_saved_in
    assert kept is not None and kept.parent == vault.dir / "backups"
    assert {n: d for n, d in _digests(kept).items()} == {
        n: current[n] for n in ("vault.db", "vault.key")
    }
    assert [b.kind for b in backups.list_backups(kept.parent)] == ["before-restore"]
    # The kept copy is a whole journal of its own: the later entry is still in it.
    assert check_backup(vault, kept, PASSPHRASE) == []
    assert not (vault.dir / pairswap.JOURNAL_NAME).exists()

    vault.close()
    other = make_vault(kept)
    other.unlock(PASSPHRASE)
    assert _bodies(other) == ["in the backup", "written later"]


def test_a_backup_keeps_the_passphrase_of_its_day(backed_up, make_vault):
    vault, made = backed_up
    vault.change_passphrase(PASSPHRASE, NEW_PASSPHRASE)
    vault.lock()
    before = _digests(vault.dir)

    with pytest.raises(WrongBackupPassphrase, match="on the day it was made"):
        restore_backup(vault, made, NEW_PASSPHRASE)
    assert _digests(vault.dir) == before

    restore_backup(vault, made, PASSPHRASE)
    vault.close()
    again = make_vault(vault.dir)
    again.unlock(PASSPHRASE)  # the restored journal opens with the backup's passphrase
    assert _bodies(again) == ["in the backup"]


def test_a_damaged_backup_is_refused_and_nothing_changes(backed_up):
    vault, made = backed_up
    vault.lock()
    before = _digests(vault.dir)
    db = made / "vault.db"
    data = bytearray(db.read_bytes())
    data[4096 + 300] ^= 0x55
    db.write_bytes(bytes(data))

    with pytest.raises(BackupDamaged):
        restore_backup(vault, made, PASSPHRASE)
    assert _digests(vault.dir) == before
    assert not (vault.dir / "backups").exists()

    (made / "vault.key").write_text("not a key file")
    with pytest.raises(BackupKeyDamaged):
        check_backup(vault, made, PASSPHRASE)


def test_a_folder_that_is_not_a_backup_is_refused(vault, tmp_path):
    (tmp_path / "empty").mkdir()
    with pytest.raises(NotABackup):
        restore_backup(vault, tmp_path / "empty", PASSPHRASE)
    with pytest.raises(NotABackup):
        restore_backup(vault, vault.dir, PASSPHRASE)


@pytest.mark.parametrize("broken", ["vault.key", "vault.db"])
def test_a_damaged_journal_is_kept_byte_for_byte_and_replaced(backed_up, make_vault, broken):
    vault, made = backed_up
    vault.close()
    target = vault.dir / broken
    target.write_bytes(b"\x00" * 100 + target.read_bytes()[100:])
    damaged = _digests(vault.dir)
    later = make_vault(vault.dir)
    with pytest.raises(KeyFileDamaged if broken == "vault.key" else DatabaseDamaged):
        later.unlock(PASSPHRASE)

    result = restore_backup(later, made, PASSPHRASE)

    assert _bodies(later) == ["in the backup"]
    kept = _digests(result.previous_saved_in)
    assert kept["vault.db"] == damaged["vault.db"] and kept["vault.key"] == damaged["vault.key"]


def test_restore_into_an_empty_folder_sets_up_the_journal(backed_up, make_vault, tmp_path):
    _vault, made = backed_up
    fresh = make_vault(tmp_path / "new computer")
    result = restore_backup(fresh, made, PASSPHRASE)
    assert result.previous_saved_in is None
    assert _bodies(fresh) == ["in the backup"]


def test_a_backup_from_before_a_key_rotation_still_restores(backed_up):
    vault, made = backed_up
    vault.rotate_key(PASSPHRASE)
    vault.lock()
    restore_backup(vault, made, PASSPHRASE)
    assert _bodies(vault) == ["in the backup"]
    assert vault.check() == []


def test_the_restore_command_is_named_only_on_the_command_line():
    from reconcile_desktop.core import errors

    damaged = errors.DatabaseDamaged()
    assert "reconcile restore" not in damaged.sentence  # what the window shows
    assert damaged.cli_sentence.startswith(damaged.sentence)
    assert damaged.cli_sentence.endswith("reconcile restore BACKUP_FOLDER")
    assert errors.WrongPassphrase().cli_sentence == errors.WrongPassphrase().sentence


@pytest.mark.parametrize("times", [1, 10**6])
def test_a_restore_failing_after_its_commit_point_finishes_with_the_backups_passphrase(
    backed_up, make_vault, monkeypatch, times
):

    from reconcile_desktop.core.errors import VaultLocked, WrongPassphrase

    vault, made = backed_up
    vault.change_passphrase(PASSPHRASE, NEW_PASSPHRASE)
    with monkeypatch.context() as m:
        fail_db_replace(m, times)
        if times == 1:
            restore_backup(vault, made, PASSPHRASE)  # the second try of the swap works
        else:
            with pytest.raises(pairswap.SwapUnfinished, match="passphrase of the backup"):
                restore_backup(vault, made, PASSPHRASE)
            assert not vault.is_unlocked
            with pytest.raises(VaultLocked):
                journal.add_entry(vault, "would be lost")
    if times != 1:
        with pytest.raises(WrongPassphrase):
            vault.unlock(NEW_PASSPHRASE)  # the backup's key file is already in place
        vault.unlock(PASSPHRASE)  # finishes the swap
    assert _bodies(vault) == ["in the backup"] and vault.check() == []
    assert not (vault.dir / pairswap.JOURNAL_NAME).exists()
    kept = backups.list_backups(vault.dir / "backups")
    assert [b.kind for b in kept] == ["before-restore"]
    vault.close()
    other = make_vault(kept[0].path)
    other.unlock(NEW_PASSPHRASE)  # the journal as it was, a whole pair
    assert _bodies(other) == ["in the backup", "written later"]


def _copy_as_after_a_crash(vault, folder: Path) -> Path:
    """vault.db, vault.db-wal and vault.key copied while the newest entry is only in the -wal,
    as a crash leaves them (and as a before-restore copy keeps them)."""
    import shutil

    journal.add_entry(vault, "checkpointed long ago")
    reader = vault.engine.connect()  # an open read (begun by SQLAlchemy) holds back checkpoints
    reader.exec_driver_sql("SELECT count(*) FROM entry").fetchone()
    try:
        journal.add_entry(vault, "only in the wal")
        folder.mkdir()
        for name in ("vault.db", "vault.db-wal", "vault.key"):
            shutil.copyfile(vault.dir / name, folder / name)
    finally:
        reader.rollback()
        reader.close()
    assert (folder / "vault.db-wal").stat().st_size > 0
    return folder


def test_restore_carries_the_wal_of_a_copy_made_after_a_crash(vault, tmp_path, make_vault):
    crashed = _copy_as_after_a_crash(vault, tmp_path / "crashed")
    without_wal = tmp_path / "db-only"
    without_wal.mkdir()
    for name in ("vault.db", "vault.key"):
        (without_wal / name).write_bytes((crashed / name).read_bytes())
    bare = make_vault(without_wal)
    bare.unlock(PASSPHRASE)
    assert "only in the wal" not in _bodies(bare)  # the premise: vault.db alone lacks it
    bare.close()
    journal.add_entry(vault, "after the copy")
    vault.lock()
    before = _digests(crashed)

    assert check_backup(vault, crashed, PASSPHRASE) == []
    result = restore_backup(vault, crashed, PASSPHRASE)

    assert result.problems == []
    assert _bodies(vault) == ["checkpointed long ago", "only in the wal"]
    assert _digests(crashed) == before  # the backup folder is only read
    assert not list(vault.dir.glob(".*.incoming*")) and not list(vault.dir.glob(".backup-check*"))
    vault.close()
    # What the journal now holds needs no -wal of its own to be whole.
    for extra in ("-wal", "-shm"):
        Path(f"{vault.db_path}{extra}").unlink(missing_ok=True)
    again = make_vault(vault.dir)
    again.unlock(PASSPHRASE)
    assert _bodies(again) == ["checkpointed long ago", "only in the wal"]


def test_a_before_restore_copy_with_a_wal_restores_whole(vault, tmp_path, make_vault):
    crashed = _copy_as_after_a_crash(vault, tmp_path / "crashed")
    vault.close()
    # A journal folder left by a crash: its newest entry is only in vault.db-wal.
    other = make_vault(tmp_path / "left-by-a-crash")
    other.dir.mkdir(parents=True)
    for name in ("vault.db", "vault.db-wal", "vault.key"):
        (other.dir / name).write_bytes((crashed / name).read_bytes())
    older = make_vault(tmp_path / "older")
    older.create(PASSPHRASE)
    journal.add_entry(older, "an older backup")
    made = older.backup(tmp_path / "usb")
    older.close()

    kept = restore_backup(other, made, PASSPHRASE).previous_saved_in
    assert kept is not None and (kept / "vault.db-wal").is_file()
    as_kept = _digests(kept)
    assert check_backup(other, kept, PASSPHRASE) == []
    assert _digests(kept) == as_kept  # checking folds nothing into the kept copy itself
    restore_backup(other, kept, PASSPHRASE)
    assert _bodies(other) == ["checkpointed long ago", "only in the wal"]
