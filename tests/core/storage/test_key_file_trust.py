"""The key file names its own trouble: damaged, from another journal or from before a key
rotation, unreadable, or from an older release (upgraded at the next unlock), before the KDF
runs, so none of these is ever taken for a forgotten passphrase."""

from __future__ import annotations

import json
import os
import shutil

import pytest

from reconcile_desktop.core.backups import restore
from reconcile_desktop.core.errors import (
    KeyFileForeign,
    KeyFileUnreadable,
    WrongPassphrase,
)
from reconcile_desktop.core.journal import entries as journal
from reconcile_desktop.core.storage import keyfile
from tests.conftest import PASSPHRASE, version_1_keyfile
from tests.system.fault_tools import fingerprint


def _data_key(vault) -> bytearray:
    return keyfile.unwrap(keyfile.read(vault.key_path, vault.kdf_bounds), PASSPHRASE)


def _no_kdf(monkeypatch) -> None:
    monkeypatch.setattr(keyfile, "_derive", lambda *a: pytest.fail("Argon2 ran"))


def test_a_new_key_file_records_its_databases_salt(vault):
    kf = keyfile.read(vault.key_path, vault.kdf_bounds)
    assert kf.version == keyfile.VERSION
    assert kf.db_salt == vault.db_path.read_bytes()[:16]
    assert "check" in json.loads(vault.key_path.read_bytes())


def test_a_version_1_key_file_is_upgraded_at_the_next_unlock(vault, make_vault):
    journal.add_entry(vault, "kept words", title="kept")
    key = _data_key(vault)
    vault.close()
    vault.key_path.write_bytes(version_1_keyfile(key, PASSPHRASE))

    later = make_vault(vault.dir)
    with pytest.raises(WrongPassphrase):  # a failed unlock rewrites nothing
        later.unlock("not the passphrase")
    assert keyfile.read(vault.key_path, vault.kdf_bounds).version == 1
    later.unlock(PASSPHRASE)
    upgraded = keyfile.read(vault.key_path, vault.kdf_bounds)
    assert upgraded.version == keyfile.VERSION
    assert upgraded.db_salt == vault.db_path.read_bytes()[:16]
    assert keyfile.unwrap(upgraded, PASSPHRASE) == key
    assert [e.title for e in journal.iter_entries(later)] == ["kept"]
    assert not [p.name for p in vault.dir.iterdir() if p.name.endswith(".tmp")]
    later.close()

    upgraded_bytes = vault.key_path.read_bytes()
    again = make_vault(vault.dir)
    again.unlock(PASSPHRASE)  # already current: not rewritten
    assert vault.key_path.read_bytes() == upgraded_bytes


def test_another_journals_key_file_is_named_before_the_kdf(make_vault, tmp_path, monkeypatch):
    mine = make_vault(tmp_path / "mine")
    mine.create(PASSPHRASE)
    theirs = make_vault(tmp_path / "theirs")
    theirs.create(PASSPHRASE)
    mine.close()
    theirs.close()
    shutil.copyfile(theirs.key_path, mine.key_path)
    before = fingerprint(mine.dir)

    _no_kdf(monkeypatch)
    opener = make_vault(mine.dir)
    with pytest.raises(KeyFileForeign) as raised:
        opener.state()
    with pytest.raises(KeyFileForeign):
        opener.unlock(PASSPHRASE)
    assert "does not belong to this journal file" in str(raised.value)
    assert fingerprint(mine.dir) == before


def test_a_key_file_from_before_rotate_key_is_named(vault, make_vault, tmp_path, monkeypatch):
    journal.add_entry(vault, "words", title="words")
    old_key_file = vault.key_path.read_bytes()
    vault.rotate_key(PASSPHRASE)
    kf = keyfile.read(vault.key_path, vault.kdf_bounds)
    assert kf.db_salt == vault.db_path.read_bytes()[:16]  # the new database's salt
    vault.close()
    vault.key_path.write_bytes(old_key_file)

    _no_kdf(monkeypatch)
    with pytest.raises(KeyFileForeign):
        make_vault(vault.dir).unlock(PASSPHRASE)


def test_a_backups_key_file_matches_its_copy_and_a_mixed_pair_is_refused(vault, tmp_path):
    journal.add_entry(vault, "in the backup", title="backed up")
    made = vault.backup(tmp_path / "usb")
    kf = keyfile.read(made / "vault.key", vault.kdf_bounds)
    assert kf.db_salt == (made / "vault.db").read_bytes()[:16]
    assert vault.check_copy(made) == []
    assert restore.check_backup(vault, made, PASSPHRASE) == []

    vault.rotate_key(PASSPHRASE)
    shutil.copyfile(vault.key_path, made / "vault.key")  # today's key beside an old copy
    assert vault.check_copy(made) != []
    with pytest.raises(restore.BackupKeyForeign):
        restore.restore_backup(vault, made, PASSPHRASE)
    assert [e.title for e in journal.iter_entries(vault)] == ["backed up"]


def test_change_passphrase_keeps_the_record_of_the_database(vault, make_vault):
    salt = keyfile.read(vault.key_path, vault.kdf_bounds).db_salt
    vault.change_passphrase(PASSPHRASE, "a gentler passphrase for later")
    assert keyfile.read(vault.key_path, vault.kdf_bounds).db_salt == salt
    vault.close()
    make_vault(vault.dir).unlock("a gentler passphrase for later")


def test_an_unreadable_key_file_gives_the_permissions_sentence(
    closed_vault, make_vault, monkeypatch, capsys
):
    from reconcile_desktop import cli

    if os.geteuid() == 0:  # root reads any file: have the OS answer as it would to a user
        real_read = keyfile.read

        def refused(path, bounds=None):
            if path.name == "vault.key":
                raise PermissionError(13, "Permission denied")
            return real_read(path, bounds)

        monkeypatch.setattr(keyfile, "read", refused)
    else:
        closed_vault.key_path.chmod(0)
    monkeypatch.setenv("RECONCILE_PASSPHRASE", PASSPHRASE)
    try:
        opener = make_vault(closed_vault.dir)
        with pytest.raises(KeyFileUnreadable) as raised:
            opener.unlock(PASSPHRASE)
        opener.close()
        assert cli.main(["--data-dir", str(closed_vault.dir), "check"]) == 6
    finally:
        closed_vault.key_path.chmod(0o600)
    assert "permissions" in str(raised.value)
    assert capsys.readouterr().err == f"reconcile: {raised.value.cli_sentence}\n"


@pytest.fixture
def closed_vault(vault):
    vault.close()
    return vault


def test_an_unreadable_database_is_not_blamed_on_the_key_file(
    closed_vault, make_vault, monkeypatch
):
    def refused(path):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(keyfile, "db_salt_of", refused)
    # The salt comparison is skipped; opening vault.db itself says what is wrong with it.
    assert make_vault(closed_vault.dir).state().value == "present"
