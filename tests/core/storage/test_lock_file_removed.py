"""vault.lock deleted by another program while a journal is open: a second Reconcile can then
lock a new vault.lock and rotate the key or restore under the first. The first one's next
save must be refused in one sentence, never acknowledged and then lost."""

from __future__ import annotations

import pytest

from reconcile_desktop.core.backups.restore import restore_backup
from reconcile_desktop.core.errors import LockLost, VaultInUse
from reconcile_desktop.core.journal import entries as journal
from tests.conftest import PASSPHRASE


def _bodies(vault) -> list[str]:
    return sorted(e.body for e in journal.iter_entries(vault))


def _reopened(make_vault, folder) -> list[str]:
    fresh = make_vault(folder)
    fresh.unlock(PASSPHRASE)
    try:
        return _bodies(fresh)
    finally:
        fresh.close()


@pytest.mark.parametrize("second_does", ["rotate", "restore"])
def test_a_save_after_another_instance_took_a_deleted_lock_is_refused_not_lost(
    vault, make_vault, second_does
):
    journal.add_entry(vault, "written before")
    made = vault.backup(vault.dir / "backups")
    (vault.dir / "vault.lock").unlink()

    second = make_vault(vault.dir)
    if second_does == "rotate":
        second.unlock(PASSPHRASE)
        second.rotate_key(PASSPHRASE)
    else:
        restore_backup(second, made, PASSPHRASE)

    with pytest.raises(LockLost) as refused:
        journal.add_entry(vault, "typed while the other one held the journal")
    assert refused.value.sentence == LockLost.message
    assert "vault.lock" in refused.value.sentence and "\n" not in refused.value.sentence
    with pytest.raises(LockLost):  # and it stays stopped: no later write slips through
        journal.add_entry(vault, "typed a moment later")
    with pytest.raises(LockLost):  # nor a key-file write
        vault.change_passphrase(PASSPHRASE, "another calm passphrase")

    second.close()
    # Every save that was acknowledged is there; nothing was acknowledged and then lost.
    assert _reopened(make_vault, vault.dir) == ["written before"]


def test_with_nobody_else_a_deleted_lock_stops_saving_until_closed_and_opened_again(
    vault, make_vault
):
    journal.add_entry(vault, "kept")
    (vault.dir / "vault.lock").unlink()
    with pytest.raises(LockLost):
        journal.add_entry(vault, "refused")
    with pytest.raises(LockLost):  # reads stop too: after a restore they would meet another key
        _bodies(vault)

    vault.lock()  # closing and opening again takes the lock afresh
    vault.unlock(PASSPHRASE)
    assert (vault.dir / "vault.lock").exists()
    journal.add_entry(vault, "saved again")
    with pytest.raises(VaultInUse):  # and it is a real lock again
        make_vault(vault.dir).unlock(PASSPHRASE)
    assert _bodies(vault) == ["kept", "saved again"]


def test_reopening_while_the_other_instance_holds_the_new_lock_is_refused(vault, make_vault):
    (vault.dir / "vault.lock").unlink()
    second = make_vault(vault.dir)
    second.unlock(PASSPHRASE)
    vault.lock()
    with pytest.raises(VaultInUse):
        vault.unlock(PASSPHRASE)
    second.close()
    vault.unlock(PASSPHRASE)
    journal.add_entry(vault, "mine again")
    assert _bodies(vault) == ["mine again"]


def test_a_lock_file_replaced_by_another_file_counts_as_removed(vault):
    lock = vault.dir / "vault.lock"
    lock.unlink()
    lock.write_text("1\n")  # same name, another file: someone else may hold it
    with pytest.raises(LockLost):
        journal.add_entry(vault, "refused")
