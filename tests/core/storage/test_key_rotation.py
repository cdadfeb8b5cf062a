"""Key rotation: a new data key for the database and key file, switched together, and safe to
interrupt at every step of the swap."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from reconcile_desktop.core.errors import ReconcileError, VaultLocked, WrongPassphrase
from reconcile_desktop.core.journal import entries as journal
from reconcile_desktop.core.storage import encrypted_copy as rekey
from reconcile_desktop.core.storage import keyfile
from reconcile_desktop.core.storage import pair_swap as pairswap
from tests.conftest import PASSPHRASE, fail_db_replace


def _bodies(vault) -> list[str]:
    return [e.body for e in journal.iter_entries(vault)]


def _reopened(make_vault, vault) -> list[str]:
    """Close this Vault, open the folder afresh and read every body."""
    vault.close()
    again = make_vault(vault.dir)
    again.unlock(PASSPHRASE)
    return _bodies(again)


def _digests(folder: Path) -> dict[str, str]:
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in folder.iterdir()
        if p.is_file() and p.name != "vault.lock"
    }


def _data_key(vault) -> bytes:
    return bytes(keyfile.unwrap(keyfile.read(vault.key_path, vault.kdf_bounds), PASSPHRASE))


def test_rotation_changes_the_key_keeps_the_words_and_stays_open(vault, make_vault):
    journal.add_entry(vault, "before the new key", title="one")
    old_key = bytearray(_data_key(vault))
    old_db = vault.db_path.read_bytes()

    vault.rotate_key(PASSPHRASE)

    assert vault.is_unlocked
    new_key = _data_key(vault)
    assert new_key != bytes(old_key) and len(new_key) == 32
    assert vault.db_path.read_bytes()[:4096] != old_db[:4096]
    # The old key no longer opens the database; the new one does and it is whole.
    assert rekey.check_file(vault.db_path, old_key) != []
    assert rekey.check_file(vault.db_path, bytearray(new_key)) == []
    journal.add_entry(vault, "after the new key")
    assert _bodies(vault) == ["before the new key", "after the new key"]
    assert vault.check() == []
    assert not (vault.dir / pairswap.JOURNAL_NAME).exists()
    assert sorted(p.name for p in vault.dir.iterdir() if ".incoming" in p.name) == []
    for f in (vault.db_path, vault.key_path):
        assert f.stat().st_mode & 0o777 == 0o600

    assert _reopened(make_vault, vault) == ["before the new key", "after the new key"]


def test_rotation_of_a_locked_vault_leaves_it_locked(vault, make_vault):
    journal.add_entry(vault, "quiet")
    vault.lock()
    vault.rotate_key(PASSPHRASE)
    assert not vault.is_unlocked
    vault.unlock(PASSPHRASE)
    assert _bodies(vault) == ["quiet"]


def test_a_wrong_passphrase_changes_nothing(vault):
    journal.add_entry(vault, "unchanged")
    vault.lock()
    before = _digests(vault.dir)
    with pytest.raises(WrongPassphrase):
        vault.rotate_key("not the passphrase")
    assert _digests(vault.dir) == before


def test_a_copy_that_fails_its_checks_is_dropped_and_the_old_pair_reopened(vault, monkeypatch):
    journal.add_entry(vault, "still here")
    monkeypatch.setattr(rekey, "check_file", lambda path, key: ["Page check: bad"])
    with pytest.raises(ReconcileError, match="key was not replaced"):
        vault.rotate_key(PASSPHRASE)
    assert vault.is_unlocked and _bodies(vault) == ["still here"]
    assert not any(".incoming" in p.name for p in vault.dir.iterdir())


class Crash(BaseException):
    """Stands for the process dying: nothing after the cut point runs."""


def _cut(monkeypatch, name: str, at: int) -> None:
    """Make the `at`-th call (1-based) of pairswap's os.replace or fsync_dir raise Crash."""
    target = pairswap.os if name == "replace" else pairswap.keyfile
    attr = "replace" if name == "replace" else "fsync_dir"
    real = getattr(target, attr)
    calls = {"n": 0}

    def cut(*args):
        calls["n"] += 1
        if calls["n"] == at:
            raise Crash()
        return real(*args)

    monkeypatch.setattr(target, attr, cut)


# replace #1 writes vault.swap (the commit point), #2 the key file, #3 the database;
# fsync_dir #3 runs after both renames while vault.swap is still there.
CUT_POINTS = [
    ("replace", 1, "old"),
    ("replace", 2, "new"),
    ("replace", 3, "new"),
    ("fsync_dir", 3, "new"),
    ("fsync_dir", 4, "new"),
]


@pytest.mark.parametrize(("name", "at", "expect"), CUT_POINTS)
def test_an_interrupted_swap_leaves_a_pair_that_opens(
    vault, make_vault, monkeypatch, name, at, expect
):
    journal.add_entry(vault, "survives any cut")
    vault.lock()
    old_key = _data_key(vault)
    with monkeypatch.context() as m:
        _cut(m, name, at)
        with pytest.raises(Crash):
            vault.rotate_key(PASSPHRASE)
    vault.close()

    later = make_vault(vault.dir)
    later.unlock(PASSPHRASE)  # claim() finishes or discards the interrupted swap first
    assert _bodies(later) == ["survives any cut"]
    assert later.check() == []
    assert (_data_key(later) == old_key) is (expect == "old")
    leftovers = [p.name for p in later.dir.iterdir() if ".incoming" in p.name]
    assert leftovers == [] and not (later.dir / pairswap.JOURNAL_NAME).exists()


def test_a_swap_journal_naming_files_outside_the_folder_is_ignored(vault, tmp_path):
    vault.close()
    outside = tmp_path / "elsewhere.db"
    outside.write_bytes(b"x")
    (vault.dir / pairswap.JOURNAL_NAME).write_text(
        '{"files": [{"from": "../elsewhere.db", "to": "vault.db", "size": 1}]}'
    )
    before = _digests(vault.dir)
    assert pairswap.finish_pending(vault.db_path, vault.key_path) == "finished"
    assert outside.exists()
    after = _digests(vault.dir)
    before.pop(pairswap.JOURNAL_NAME)
    assert after == before


def test_leftovers_of_an_uncommitted_swap_are_removed(vault, make_vault):
    vault.close()
    for path in (pairswap.incoming_path(vault.db_path), pairswap.incoming_path(vault.key_path)):
        path.write_bytes(os.urandom(64))
    later = make_vault(vault.dir)
    later.unlock(PASSPHRASE)
    assert not any(".incoming" in p.name for p in later.dir.iterdir())


def test_a_swap_that_fails_once_after_its_commit_point_is_finished_at_once(vault, make_vault):
    journal.add_entry(vault, "before")
    old_key = _data_key(vault)
    with pytest.MonkeyPatch.context() as m:
        fail_db_replace(m, 1)
        vault.rotate_key(PASSPHRASE)
    assert vault.is_unlocked and _data_key(vault) != old_key
    journal.add_entry(vault, "after")
    assert not (vault.dir / pairswap.JOURNAL_NAME).exists()
    assert _reopened(make_vault, vault) == ["before", "after"]


def test_a_swap_that_keeps_failing_stays_locked_and_the_next_unlock_finishes_it(vault, make_vault):
    journal.add_entry(vault, "before")
    old_key = _data_key(vault)
    with pytest.MonkeyPatch.context() as m:
        fail_db_replace(m, 10**6)
        with pytest.raises(pairswap.SwapUnfinished, match="next time you unlock"):
            vault.rotate_key(PASSPHRASE)
        # Never the old pair again: nothing can be written where it would be lost.
        assert not vault.is_unlocked
        with pytest.raises(VaultLocked):
            journal.add_entry(vault, "would be lost")
        assert (vault.dir / pairswap.JOURNAL_NAME).exists()
        with pytest.raises(pairswap.SwapUnfinished):
            rekey.rotate_files(vault.db_path, vault.key_path, bytearray(32), bytearray(32), b"")
        with pytest.raises(pairswap.SwapUnfinished):
            pairswap.remove_incoming(vault.db_path, vault.key_path)
        assert pairswap.incoming_path(vault.db_path).exists()
    # The same process, the same instance lock: unlock finishes the swap first.
    vault.unlock(PASSPHRASE)
    assert _data_key(vault) != old_key and not (vault.dir / pairswap.JOURNAL_NAME).exists()
    journal.add_entry(vault, "after")
    assert _bodies(vault) == ["before", "after"] and vault.check() == []
    assert _reopened(make_vault, vault) == ["before", "after"]


def test_a_swap_with_a_file_of_the_wrong_size_keeps_its_journal(vault, make_vault):
    journal.add_entry(vault, "before")
    with pytest.MonkeyPatch.context() as m:
        fail_db_replace(m, 10**6)
        with pytest.raises(pairswap.SwapUnfinished):
            vault.rotate_key(PASSPHRASE)
    vault.close()
    incoming = pairswap.incoming_path(vault.db_path)
    with open(incoming, "ab") as fh:
        fh.write(b"\0" * 10)
    before = _digests(vault.dir)
    later = make_vault(vault.dir)
    with pytest.raises(pairswap.SwapNeedsHelp, match="left every file as it is"):
        later.unlock(PASSPHRASE)
    assert _digests(vault.dir) == before  # nothing renamed, nothing deleted, journal kept
    with pytest.raises(pairswap.SwapNeedsHelp):
        later.unlock(PASSPHRASE)  # every try says the same, never a half-swapped pair
    assert _digests(vault.dir) == before
