"""Shared fixtures. Qt runs offscreen; the KDF is made cheap for everything but the tests
that measure the real parameters (their Vaults use the defaults)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before any QApplication exists
os.environ.pop("RECONCILE_DATA_DIR", None)
os.environ.pop("RECONCILE_PASSPHRASE", None)
os.environ.pop("RECONCILE_NEW_PASSPHRASE", None)

import pytest  # noqa: E402

from reconcile_desktop.core.clock import Clock  # noqa: E402
from reconcile_desktop.core.storage import keyfile  # noqa: E402
from reconcile_desktop.core.storage.vault import Vault  # noqa: E402

FAST_KDF = keyfile.KdfParams(t=1, m=8, p=1)
# A low floor for the cheap test KDF; the ceiling stays the real one (no bounds can exceed it).
TEST_BOUNDS = keyfile.KdfBounds(t=(1, keyfile.CEILING.t), m=(8, keyfile.CEILING.m))
PASSPHRASE = "a calm and patient passphrase"


def version_1_keyfile(data_key: bytes, passphrase: str, params=FAST_KDF) -> bytes:
    """A key file as the first release wrote it: no checksum, no record of vault.db's salt."""
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    new = keyfile.wrap(data_key, passphrase, params)
    old = new._replace(version=1, db_salt=None)
    kek = keyfile.derive_kek(passphrase, old.salt, params)
    old = old._replace(wrapped=AESGCM(kek).encrypt(old.nonce, bytes(data_key), old.aad))
    return old.to_bytes()


@pytest.fixture
def make_vault(tmp_path):
    """Vault factory with a cheap KDF; every vault it made is closed at the end."""
    made: list[Vault] = []

    def factory(data_dir=None, clock: Clock | None = None) -> Vault:
        vault = Vault(
            data_dir or tmp_path / "data",
            clock=clock,
            kdf_params=FAST_KDF,
            kdf_bounds=TEST_BOUNDS,
        )
        made.append(vault)
        return vault

    yield factory
    for vault in made:
        vault.close()


@pytest.fixture
def vault(make_vault):
    """A fresh, unlocked vault."""
    v = make_vault()
    v.create(PASSPHRASE)
    return v


def fail_db_replace(monkeypatch, times: int) -> None:
    """The file swap's os.replace of vault.db raises OSError `times` times (after the swap
    journal and the key file are in place), then works again."""
    import os
    from pathlib import Path

    from reconcile_desktop.core.storage import pair_swap as pairswap

    real = os.replace
    left = {"n": times}

    def flaky(src, dst):
        if Path(dst).name == "vault.db" and left["n"] > 0:
            left["n"] -= 1
            raise OSError(5, "I/O error")
        return real(src, dst)

    monkeypatch.setattr(pairswap.os, "replace", flaky)


@pytest.fixture
def plain_vault(make_vault, monkeypatch, tmp_path):
    """A vault whose database is NOT encrypted, so its files show what secure deletion left
    behind (the encryption would hide leftovers from a byte search)."""
    import sqlcipher3

    from reconcile_desktop.core.storage import db

    def connect_plain(path, key, stamp=db.no_stamp):
        conn = sqlcipher3.connect(str(path), isolation_level=None, check_same_thread=False)
        for pragma in ("secure_delete = ON", "journal_mode = WAL", "foreign_keys = ON"):
            conn.execute("PRAGMA " + pragma)
        db.add_sync_functions(conn, stamp)  # the sync triggers need them
        return conn

    monkeypatch.setattr(db, "connect_raw", connect_plain)
    vault = make_vault(tmp_path / "plain")
    vault.create(PASSPHRASE)
    return vault


def pytest_collection_modifyitems(config, items):
    """Soak runs only when asked for with `-m soak` (make soak), never in a plain run."""
    if "soak" in (config.getoption("markexpr") or ""):
        return
    skip = pytest.mark.skip(reason="soak test: run with make soak (-m soak)")
    for item in items:
        if item.get_closest_marker("soak"):
            item.add_marker(skip)
