"""The vault: create, unlock, lock, passphrase change, backup, check and every error case."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import tempfile
from pathlib import Path

import pytest
from sqlmodel import select

from reconcile_desktop.core.errors import (
    DatabaseDamaged,
    DatabaseEmpty,
    DatabaseMissing,
    KeyFileDamaged,
    KeyFileForeign,
    KeyFileMissing,
    VaultExists,
    VaultInUse,
    VaultLocked,
    VaultNotFound,
    WrongPassphrase,
)
from reconcile_desktop.core.storage import models
from reconcile_desktop.core.storage.vault import Vault, VaultState
from tests.conftest import PASSPHRASE

MARKER = "PLAINTEXT-MARKER-7f3a9c"


def _add(vault: Vault, title: str = "t", body: str = "b") -> int:
    now = dt.datetime.now(dt.UTC)
    with vault.transaction() as s:
        e = models.Entry(
            title=title,
            body=body,
            occurred_utc=now,
            local_date=now.date(),
            tz="UTC",
            created_utc=now,
            updated_utc=now,
        )
        s.add(e)
        s.flush()
        return e.id


def _titles(vault: Vault) -> list[str]:
    with vault.session() as s:
        return [e.title for e in s.exec(select(models.Entry).order_by(models.Entry.id))]


def _digest(*paths: Path) -> list[str]:
    return [hashlib.sha256(p.read_bytes()).hexdigest() for p in paths]


def test_create_makes_private_files_and_leaves_the_vault_unlocked(vault):
    assert vault.is_unlocked
    assert vault.state() is VaultState.PRESENT
    assert vault.dir.stat().st_mode & 0o777 == 0o700
    for f in (vault.db_path, vault.key_path):
        assert f.stat().st_mode & 0o777 == 0o600
    _add(vault, "first")
    assert _titles(vault) == ["first"]


def test_data_survives_lock_and_unlock(vault):
    _add(vault, "kept")
    vault.lock()
    assert not vault.is_unlocked
    with pytest.raises(VaultLocked):
        vault.session()
    vault.unlock(PASSPHRASE)
    assert _titles(vault) == ["kept"]


def test_lock_checkpoints_the_wal(vault):
    _add(vault, "x" * 5000)
    vault.lock()
    wal = Path(f"{vault.db_path}-wal")
    assert not wal.exists() or wal.stat().st_size == 0


def test_create_refuses_to_overwrite(vault, make_vault):
    other = make_vault(vault.dir.parent / "elsewhere")
    other.create("x" * 8)
    other.close()
    before = _digest(other.db_path, other.key_path)
    again = make_vault(other.dir)
    with pytest.raises(VaultExists):
        again.create("another passphrase")
    assert _digest(other.db_path, other.key_path) == before


def test_unlock_without_a_vault_says_so(make_vault):
    with pytest.raises(VaultNotFound):
        make_vault().unlock("anything")


def test_no_plaintext_in_any_file(make_vault, tmp_path):
    import time

    started = time.time() - 1
    v = make_vault()
    v.create(PASSPHRASE)
    _add(v, MARKER, f"{MARKER} body with {MARKER}")
    v.backup(v.dir / "backups")
    v.close()
    for root in (v.dir, Path(tempfile.gettempdir())):
        for dirpath, _dirs, files in os.walk(root):
            for name in files:
                path = Path(dirpath) / name
                try:
                    if root != v.dir and path.stat().st_mtime < started:
                        continue  # other programs' older temp files are not ours to judge
                    data = path.read_bytes()
                except OSError:
                    continue
                assert MARKER.encode() not in data, path
                assert PASSPHRASE.encode() not in data, path


def test_wrong_passphrase_100_times_changes_nothing(vault, make_vault):
    _add(vault, "precious")
    vault.close()
    before = _digest(vault.db_path, vault.key_path)
    mtimes = [vault.db_path.stat().st_mtime_ns, vault.key_path.stat().st_mtime_ns]
    v = make_vault(vault.dir)
    for i in range(100):
        with pytest.raises(WrongPassphrase):
            v.unlock(f"wrong {i}")
    assert _digest(vault.db_path, vault.key_path) == before
    assert [vault.db_path.stat().st_mtime_ns, vault.key_path.stat().st_mtime_ns] == mtimes
    v.unlock(PASSPHRASE)
    assert _titles(v) == ["precious"]


def test_change_passphrase_rewraps_only_the_key_file(vault, make_vault):
    _add(vault, "mine")
    vault.lock()
    db_before = _digest(vault.db_path)
    vault.change_passphrase(PASSPHRASE, "a brand new passphrase")
    assert _digest(vault.db_path) == db_before
    vault.close()
    v = make_vault(vault.dir)
    with pytest.raises(WrongPassphrase):
        v.unlock(PASSPHRASE)
    v.unlock("a brand new passphrase")
    assert _titles(v) == ["mine"]


def test_change_passphrase_needs_the_old_one(vault):
    before = _digest(vault.key_path)
    with pytest.raises(WrongPassphrase):
        vault.change_passphrase("not it", "new one here")
    assert _digest(vault.key_path) == before


def test_backup_opens_with_the_passphrase_current_when_made(vault, make_vault, tmp_path):
    _add(vault, "before backup")
    with vault.engine.begin() as conn:
        conn.exec_driver_sql("PRAGMA user_version = 7")
    folder = vault.backup(tmp_path / "out")
    _add(vault, "after backup")
    vault.change_passphrase(PASSPHRASE, "later passphrase")
    vault.close()
    assert sorted(p.name for p in folder.iterdir()) == ["backup.json", "vault.db", "vault.key"]
    b = make_vault(folder)
    with pytest.raises(WrongPassphrase):
        b.unlock("later passphrase")
    b.unlock(PASSPHRASE)
    assert _titles(b) == ["before backup"]
    assert b.check() == []
    with b.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA user_version").scalar() == 7
        hits = conn.exec_driver_sql(
            "SELECT count(*) FROM entry_fts WHERE entry_fts MATCH 'backup'"
        ).scalar()
    assert hits == 1


def test_check_is_clean_on_a_healthy_vault(vault):
    for i in range(20):
        _add(vault, f"entry {i}", "words " * 200)
    assert vault.check() == []


# -- damaged and missing files: each its own error, and nothing is modified -----------------


@pytest.fixture
def closed_vault(vault):
    _add(vault, "keep me")
    vault.close()
    return vault


def test_missing_key_file(closed_vault, make_vault):
    closed_vault.key_path.unlink()
    before = _digest(closed_vault.db_path)
    with pytest.raises(KeyFileMissing):
        make_vault(closed_vault.dir).unlock(PASSPHRASE)
    assert _digest(closed_vault.db_path) == before


@pytest.mark.parametrize("damage", [b"", b"{not json", b"\x00" * 100, b"x" * 10_000])
def test_damaged_key_file(closed_vault, make_vault, damage):
    closed_vault.key_path.write_bytes(damage)
    before = _digest(closed_vault.db_path)
    with pytest.raises(KeyFileDamaged):
        make_vault(closed_vault.dir).unlock(PASSPHRASE)
    assert _digest(closed_vault.db_path) == before


def test_missing_database(closed_vault, make_vault):
    closed_vault.db_path.unlink()
    v = make_vault(closed_vault.dir)
    with pytest.raises(DatabaseMissing):
        v.unlock(PASSPHRASE)
    assert not closed_vault.db_path.exists()
    with pytest.raises(DatabaseMissing):
        v.create("new passphrase")  # a half vault is never treated as a first run


def test_empty_database_is_not_a_first_run(closed_vault, make_vault):
    closed_vault.db_path.write_bytes(b"")
    v = make_vault(closed_vault.dir)
    with pytest.raises(DatabaseEmpty):
        v.unlock(PASSPHRASE)
    with pytest.raises(DatabaseEmpty):
        v.create("new passphrase")
    assert closed_vault.db_path.stat().st_size == 0


@pytest.mark.parametrize("how", ["truncate", "garbage", "flip-header"])
def test_damaged_database(closed_vault, make_vault, how):
    data = bytearray(closed_vault.db_path.read_bytes())
    if how == "truncate":
        data = data[:1000]
    elif how == "garbage":
        data = bytearray(os.urandom(len(data)))
    else:
        for i in range(16, 64):
            data[i] ^= 0xFF
    closed_vault.db_path.write_bytes(bytes(data))
    before = _digest(closed_vault.db_path, closed_vault.key_path)
    v = make_vault(closed_vault.dir)
    # Random bytes over the whole file also replace its salt, which the key file records:
    # that cannot be told apart from another journal's vault.db, and the sentence says both.
    with pytest.raises(KeyFileForeign if how == "garbage" else DatabaseDamaged):
        v.unlock(PASSPHRASE)
    assert not v.is_unlocked
    assert _digest(closed_vault.db_path, closed_vault.key_path) == before


def test_bit_flip_in_a_data_page_is_found_by_check(closed_vault, make_vault):
    data = bytearray(closed_vault.db_path.read_bytes())
    data[len(data) - 2000] ^= 0x01  # inside the last page: the HMAC no longer matches
    closed_vault.db_path.write_bytes(bytes(data))
    v = make_vault(closed_vault.dir)
    try:
        v.unlock(PASSPHRASE)
    except DatabaseDamaged:
        return  # found at unlock: also a correct outcome
    assert v.check() != []


# -- one instance per data folder -------------------------------------------------------------


def test_second_instance_is_refused_until_the_first_closes(vault, make_vault):
    second = make_vault(vault.dir)
    with pytest.raises(VaultInUse):
        second.unlock(PASSPHRASE)
    vault.close()
    second.unlock(PASSPHRASE)
    assert second.is_unlocked


def test_a_stale_lock_file_is_taken_over(closed_vault, make_vault):
    (closed_vault.dir / "vault.lock").write_text("99999999\n")  # left by a killed process
    v = make_vault(closed_vault.dir)
    v.unlock(PASSPHRASE)
    assert _titles(v) == ["keep me"]
