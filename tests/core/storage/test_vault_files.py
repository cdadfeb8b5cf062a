"""The files beside the pair: a journal this user may not write is named before SQLite leaves
an unwritable -shm behind, and what a kill leaves (temporary key and swap files, half-written
backup folders) is removed later, as are before-restore copies beyond the newest three.
Nothing the user put there is ever touched."""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from reconcile_desktop.core.backups import automatic as backups
from reconcile_desktop.core.backups.restore import restore_backup
from reconcile_desktop.core.clock import Clock
from reconcile_desktop.core.errors import FileNoAccess
from reconcile_desktop.core.journal import entries as journal
from reconcile_desktop.core.storage import keyfile
from reconcile_desktop.core.storage.vault_files import remove_leftovers
from tests.conftest import PASSPHRASE, TEST_BOUNDS

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX modes and users")

NOBODY = 65534
OLD = 1_000_000_000  # an mtime long before this test run (2001)


# -- a journal this user may not write -------------------------------------------------------


@pytest.fixture
def shared_tmp() -> Iterator[Path]:
    """A folder another user can reach (pytest's own tmp folder is root's alone)."""
    folder = Path(tempfile.mkdtemp(prefix="reconcile-test-"))
    folder.chmod(0o755)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@contextlib.contextmanager
def as_plain_user(folder: Path) -> Iterator[None]:
    """Run the block as a user who is bound by file modes. Root ignores them, so root hands
    the folder to nobody and takes nobody's effective ids for the block."""
    if os.geteuid() != 0:
        yield
        return
    for path in [folder, *folder.rglob("*")]:
        os.chown(path, NOBODY, NOBODY, follow_symlinks=False)
    os.setegid(NOBODY)
    os.seteuid(NOBODY)
    try:
        yield
    finally:
        os.seteuid(0)
        os.setegid(0)


def _journal_with_one_entry(make_vault, folder: Path) -> Path:
    vault = make_vault(folder / "data")
    vault.create(PASSPHRASE)
    journal.add_entry(vault, "A quiet morning.")
    vault.close()
    return folder / "data"


def _unlock(make_vault, data: Path, folder: Path) -> list[str]:
    vault = make_vault(data)
    try:
        with as_plain_user(folder):
            vault.unlock(PASSPHRASE)
        return [e.body for e in journal.iter_entries(vault)]
    finally:
        vault.close()


def test_a_read_only_journal_names_vault_db_and_leaves_no_shm_behind(make_vault, shared_tmp):
    data = _journal_with_one_entry(make_vault, shared_tmp)
    (data / "vault.db").chmod(0o400)

    vault = make_vault(data)
    with as_plain_user(shared_tmp), pytest.raises(FileNoAccess) as raised:
        vault.unlock(PASSPHRASE)
    vault.close()
    assert "vault.db" in raised.value.sentence and "\n" not in raised.value.sentence
    assert not (data / "vault.db-shm").exists() and not (data / "vault.db-wal").exists()

    (data / "vault.db").chmod(0o600)  # the user fixes the mode: nothing else stands in the way
    assert _unlock(make_vault, data, shared_tmp) == ["A quiet morning."]


def test_an_unwritable_shm_left_by_an_earlier_run_is_removed(make_vault, shared_tmp):
    data = _journal_with_one_entry(make_vault, shared_tmp)
    shm = data / "vault.db-shm"
    shm.write_bytes(b"")
    shm.chmod(0o400)  # what SQLite made beside a read-only vault.db before this fix

    assert _unlock(make_vault, data, shared_tmp) == ["A quiet morning."]
    assert not shm.exists() or os.stat(shm).st_mode & 0o200


def test_an_unwritable_log_is_named_not_removed(make_vault, shared_tmp):
    data = _journal_with_one_entry(make_vault, shared_tmp)
    wal = data / "vault.db-wal"
    wal.write_bytes(b"")
    wal.chmod(0o400)
    vault = make_vault(data)
    with as_plain_user(shared_tmp), pytest.raises(FileNoAccess, match="vault.db-wal"):
        vault.unlock(PASSPHRASE)
    vault.close()
    assert wal.exists()


# -- temporary key and swap files ----------------------------------------------------------------


def test_temporary_key_and_swap_files_from_a_kill_go_at_the_next_claim(vault, monkeypatch):
    folder = vault.dir
    # The names are the ones write_atomic really uses: caught as it renames them.
    seen: list[str] = []
    real_replace = os.replace
    monkeypatch.setattr(
        keyfile.os,
        "replace",
        lambda src, dst: (seen.append(Path(src).name), real_replace(src, dst)),
    )
    vault.change_passphrase(PASSPHRASE, "another passphrase")
    keyfile.write_atomic(folder / "vault.swap", b"{}")
    (folder / "vault.swap").unlink()
    monkeypatch.undo()
    vault.close()

    leftovers = [folder / name for name in seen]  # as if killed before the rename
    for path in leftovers:
        path.write_bytes(b"a key file or swap note")
    # A rotation or restore killed before its commit point leaves its incoming pair.
    incoming = [folder / ".vault.db.incoming", folder / ".vault.key.incoming"]
    for path in incoming:
        path.write_bytes(b"an uncommitted new pair")
    keep = [
        folder / "notes.txt",
        folder / ".vault.key.tmp",
        folder / ".vault.key.0123abcd.tmp.mine",
        folder / ".vault.db.0123abcd.tmp",
    ]
    for path in keep:
        path.write_text("mine")

    vault.unlock("another passphrase")

    assert len(leftovers) == 2 and not any(p.exists() for p in leftovers + incoming)
    assert all(p.read_text() == "mine" for p in keep)


def test_remove_leftovers_leaves_a_folder_or_link_of_that_name(tmp_path):
    (tmp_path / ".vault.key.0123abcd.tmp").mkdir()
    (tmp_path / ".vault.swap.0123abcd.tmp").symlink_to(tmp_path / "elsewhere")
    assert remove_leftovers(tmp_path) == []


# -- half-written backup folders --------------------------------------------------------------


START = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def timed_vault(make_vault):
    vault = make_vault(clock=Clock(fixed=START, zone="UTC"))
    vault.create(PASSPHRASE)
    journal.add_entry(vault, "A day worth keeping.")
    return vault


def _half_backup(folder: Path, owner: str | None, *names: str, label: str = "daily") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    made = backups.new_backup_folder(folder, label, START - dt.timedelta(days=3), owner)
    for name in names:
        (made / name).write_bytes(b"half a copy")
    os.utime(made, (OLD, OLD))  # from a run before this process
    return made


def test_half_written_backups_go_at_the_next_daily_run_and_nothing_else(timed_vault, tmp_path):
    from reconcile_desktop.core.storage.vault_settings import vault_id

    vault = timed_vault
    own = backups.default_folder(vault)
    mine = vault_id(vault)
    complete = vault.backup(own)
    gone = [
        _half_backup(own, mine, ".vault.db.tmp"),
        _half_backup(own, mine, ".vault.db.tmp", ".vault.db.tmp-journal"),
        _half_backup(own, mine, "vault.db"),  # killed between the rename and the key file
        _half_backup(own, None, ".vault.db.tmp", label="before-migration-0001"),
    ]
    stay = [
        _half_backup(own, "another-journal", ".vault.db.tmp"),
        _half_backup(own, mine, ".vault.db.tmp", "notes.txt"),
        _half_backup(own, mine, ".vault.db.tmp", "vault.key"),
    ]
    in_progress = backups.new_backup_folder(own, "daily", START, mine)  # made by this process
    (in_progress / ".vault.db.tmp").write_bytes(b"being written")
    stay.append(in_progress)
    # A journal kept before a restore when its key file was already lost: not a half backup.
    stay.append(_half_backup(own, None, "vault.db", label="before-restore"))
    stay.append(_half_backup(own, None, ".vault.db.tmp", label="backup"))  # no id: not sure
    user_folder = own / "reconcile-notes"
    user_folder.mkdir()
    stay.append(user_folder)

    result = backups.run_daily_backup(vault)

    assert result.made is not None and result.made.exists() and complete.exists()
    assert [p for p in gone if p.exists()] == []
    assert [p for p in stay if not p.exists()] == []


def test_backup_out_dir_removes_what_a_killed_backup_left_there(timed_vault, tmp_path, monkeypatch):
    from reconcile_desktop.commands.vault_cmds import cmd_backup
    from reconcile_desktop.core.storage.vault_settings import vault_id

    vault = timed_vault
    usb = tmp_path / "usb"
    half = _half_backup(usb, vault_id(vault), ".vault.db.tmp")
    vault.close()
    monkeypatch.setattr(keyfile, "BOUNDS", TEST_BOUNDS)  # the CLI's Vault uses the defaults
    monkeypatch.setenv("RECONCILE_PASSPHRASE", PASSPHRASE)
    args = argparse.Namespace(out=str(usb), json=True, data_dir=str(vault.dir))
    args.passphrase_file = None

    assert cmd_backup(args) == 0
    assert not half.exists() and len(backups.list_backups(usb)) == 1


def test_in_a_shared_folder_only_this_journals_half_backups_go(timed_vault, tmp_path):
    from reconcile_desktop.core.storage.vault_settings import vault_id

    vault = timed_vault
    shared = tmp_path / "synced"
    backups.save_settings(vault, backups.BackupSettings(location=str(shared)))
    mine = _half_backup(shared, vault_id(vault), ".vault.db.tmp")
    unmarked = _half_backup(shared, None, ".vault.db.tmp")  # could be another journal's
    theirs = _half_backup(shared, "another-journal", ".vault.db.tmp")

    backups.run_daily_backup(vault)

    assert not mine.exists() and unmarked.exists() and theirs.exists()


# -- before-restore copies ----------------------------------------------------------------------


def test_before_restore_copies_keep_the_newest_three(timed_vault):
    vault = timed_vault
    backup = vault.backup(vault.dir.parent / "usb")
    kept = []
    for n in range(5):
        vault.clock.fixed = START + dt.timedelta(minutes=n)
        vault.lock()
        kept.append(restore_backup(vault, backup, PASSPHRASE).previous_saved_in)
        left = [b.path for b in backups.list_backups(vault.dir / "backups")]
        assert left == list(reversed(kept[-3:])), f"after restore {n + 1}"
    daily = backups.run_daily_backup(vault).made
    assert daily is not None and daily.exists()  # other kinds are not counted or touched


def test_a_before_restore_copy_with_anything_else_inside_is_not_pruned(timed_vault):
    vault = timed_vault
    backup = vault.backup(vault.dir.parent / "usb")
    first = None
    for n in range(4):
        vault.clock.fixed = START + dt.timedelta(minutes=n)
        vault.lock()
        made = restore_backup(vault, backup, PASSPHRASE).previous_saved_in
        if first is None:
            first = made
            (first / "a note I kept here.txt").write_text("mine")
    assert first is not None and (first / "a note I kept here.txt").exists()
