"""Faults: damaged, missing or tampered files, a deleted WAL, a full disk, a read-only folder.

Each fault gives its own ReconcileError through the core API and the same sentence as one
stderr line (with the exit code from errors.py) through the CLI; the failed attempt changes
no byte of the user's files, and once the fault is repaired everything written is there.
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import signal
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from reconcile_desktop.core.errors import (
    DatabaseDamaged,
    DatabaseEmpty,
    DiskFull,
    KdfTooCostly,
    KeyFileDamaged,
    KeyFileForeign,
    KeyFileMissing,
    NotWritable,
    ReconcileError,
)
from reconcile_desktop.core.journal import entries as journal
from reconcile_desktop.core.journal import exchange
from reconcile_desktop.core.storage import keyfile
from reconcile_desktop.core.storage.vault import Vault
from tests.processes import PASSPHRASE
from tests.system.fault_tools import (
    assert_one_line_error,
    cli,
    fingerprint,
    make_read_only,
    make_real_vault,
    make_writable,
    mount_tmpfs,
    resize_tmpfs,
    titles_in,
    umount,
)

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX file semantics")

TITLES = [f"entry {i}" for i in range(5)]


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("template") / "data"
    make_real_vault(folder, TITLES)
    return folder


@pytest.fixture
def copy(template, tmp_path) -> Path:
    folder = tmp_path / "data"
    shutil.copytree(template, folder)
    return folder


def _edit_key(folder: Path, **changes) -> None:
    doc = json.loads((folder / "vault.key").read_text())
    doc.update(changes)
    (folder / "vault.key").write_text(json.dumps(doc))


def _flip_wrapped(folder: Path) -> None:
    doc = json.loads((folder / "vault.key").read_text())
    raw = bytearray(keyfile.base64.b64decode(doc["wrapped"]))
    raw[5] ^= 0x01
    _edit_key(folder, wrapped=keyfile.base64.b64encode(bytes(raw)).decode())


def _truncate_db(folder: Path) -> None:
    db = folder / "vault.db"
    db.write_bytes(db.read_bytes()[:3000])


def _flip_db_first_page(folder: Path) -> None:
    db = folder / "vault.db"
    data = bytearray(db.read_bytes())
    data[100] ^= 0x04  # inside page 1: its HMAC fails before anything is read
    db.write_bytes(bytes(data))


def _other_journals_key(folder: Path) -> None:
    other = folder.parent / "other journal"
    make_real_vault(other, [])
    shutil.copyfile(other / "vault.key", folder / "vault.key")


FAULTS: dict[str, tuple[Callable[[Path], None], type[ReconcileError]]] = {
    "missing key file": (lambda d: (d / "vault.key").unlink(), KeyFileMissing),
    "key file not JSON": (lambda d: (d / "vault.key").write_bytes(b"\x00garbage"), KeyFileDamaged),
    "key file wrapped key flipped": (_flip_wrapped, KeyFileDamaged),
    "key file asks for a huge KDF": (lambda d: _edit_key(d, m=2**40, t=10**6), KdfTooCostly),
    "key file asks for 4 GiB and 64 passes": (
        lambda d: _edit_key(d, m=4 * 2**20, t=64),
        KdfTooCostly,
    ),
    "key file asks for a tiny KDF": (lambda d: _edit_key(d, m=8, t=1, p=1), KeyFileDamaged),
    "key file salt removed": (lambda d: _edit_key(d, salt=None), KeyFileDamaged),
    "another journal's key file": (_other_journals_key, KeyFileForeign),
    "0-byte database": (lambda d: (d / "vault.db").write_bytes(b""), DatabaseEmpty),
    "truncated database": (_truncate_db, DatabaseDamaged),
    "bit flipped in the first page": (_flip_db_first_page, DatabaseDamaged),
}


def _repair(template: Path, folder: Path) -> None:
    for name in ("vault.db", "vault.key"):
        shutil.copyfile(template / name, folder / name)


@pytest.mark.parametrize("fault", FAULTS)
def test_each_fault_is_one_sentence_in_core_and_cli_and_changes_nothing(
    template, copy, fault, monkeypatch
):
    damage, error = FAULTS[fault]
    damage(copy)
    before = fingerprint(copy)

    if fault.startswith("key file asks for a huge") or fault.startswith("key file asks for 4"):
        # Refused before Argon2 ever runs: a tampered file cannot make us allocate terabytes.
        monkeypatch.setattr(keyfile, "_derive", lambda *a: pytest.fail("Argon2 ran"))
    vault = Vault(copy)
    with pytest.raises(error) as raised:
        vault.unlock(PASSPHRASE)
    vault.close()
    sentence = str(raised.value)
    assert sentence == error.message
    assert "\n" not in sentence and PASSPHRASE not in sentence
    assert fingerprint(copy) == before

    for command in (["check"], ["add", "--title", "new"]):
        result = cli(copy, *command, stdin="a new entry")
        assert_one_line_error(result, raised.value)
        assert fingerprint(copy) == before

    monkeypatch.undo()
    _repair(template, copy)
    assert titles_in(copy) == TITLES


def _page_of_the_text(folder) -> int:
    """The page where the journal's search index keeps its words (the newest pages of a small
    journal now belong to the empty photo tables, which nothing reads)."""
    vault = Vault(folder)
    try:
        vault.unlock(PASSPHRASE)
        with vault.engine.connect() as conn:
            sql = "SELECT rootpage FROM sqlite_master WHERE name = 'entry_fts_data'"
            return int(conn.exec_driver_sql(sql).scalar_one())
    finally:
        vault.close()


def test_a_bit_flip_deep_in_the_file_is_found_by_check_and_reported_by_the_cli(template, copy):
    db = copy / "vault.db"
    page = _page_of_the_text(copy)
    data = bytearray(db.read_bytes())
    data[(page - 1) * 4096 + 2596] ^= 0x10  # inside the page, past its header
    db.write_bytes(bytes(data))
    before = fingerprint(copy)
    vault = Vault(copy)
    try:
        vault.unlock(PASSPHRASE)
        assert vault.check() != []
    except DatabaseDamaged:
        pass  # noticed at unlock already: also one clear error
    finally:
        vault.close()
    result = cli(copy, "check")
    assert result.returncode == DatabaseDamaged.exit_code
    assert "Traceback" not in result.stderr + result.stdout
    assert fingerprint(copy) == before


# -- the WAL deleted under a running vault ------------------------------------------------------


def test_a_wal_deleted_while_open_loses_nothing(make_vault):
    """A cleaner or sync tool removing vault.db-wal while Reconcile runs: every entry written
    before and after survives, even when new connections open (the GUI's worker threads)."""
    import threading

    vault = make_vault()
    vault.create(PASSPHRASE)
    for i in range(5):
        journal.add_entry(vault, "before", title=f"before {i}")
    (vault.dir / "vault.db-wal").unlink(missing_ok=True)
    for i in range(5):
        journal.add_entry(vault, "after", title=f"after {i}")
    counts: list[int] = []
    readers = [
        threading.Thread(target=lambda: counts.append(journal.count_entries(vault)))
        for _ in range(3)
    ]
    for t in readers:
        t.start()
    for t in readers:
        t.join()
    assert counts == [10, 10, 10]
    journal.add_entry(vault, "late", title="late")
    vault.close()
    again = make_vault(vault.dir)
    again.unlock(PASSPHRASE)
    assert again.check() == []
    assert journal.count_entries(again) == 11


def test_a_wal_deleted_after_a_crash_opens_cleanly_with_every_entry(make_vault, tmp_path):
    """Killed, then the leftover WAL deleted: committed entries are already in vault.db."""
    import random

    from tests.system.test_crash import _kill_round

    vault = make_vault(tmp_path / "data")
    vault.create(PASSPHRASE)
    vault.close()
    acked = _kill_round(vault.dir, random.Random(7), tmp_path / "child.err", at_least=5)
    (vault.dir / "vault.db-wal").unlink(missing_ok=True)
    again = make_vault(vault.dir)
    again.unlock(PASSPHRASE)
    assert again.check() == []
    stored = {e.id: e.title for e in journal.iter_entries(again, include_deleted=True)}
    assert [stored.get(i) for i, _ in acked] == [t for _, t in acked]


# -- a full disk -------------------------------------------------------------------------------


@pytest.fixture
def small_disk(tmp_path):
    where = tmp_path / "disk"
    mount_tmpfs(where, 1024 * 1024)
    yield where
    umount(where)


def test_a_full_disk_is_one_sentence_and_loses_nothing(make_vault, small_disk):
    vault = make_vault(small_disk / "data")
    vault.create(PASSPHRASE)
    saved: list[str] = []
    with pytest.raises(DiskFull):
        for i in range(1000):
            journal.add_entry(vault, os.urandom(4000).hex(), title=f"n{i}")
            saved.append(f"n{i}")
    assert saved  # some entries fitted before the disk filled
    db_and_key = {k: v for k, v in fingerprint(vault.dir).items() if k != "vault.db-wal"}
    with pytest.raises(DiskFull):
        journal.add_entry(vault, os.urandom(40000).hex(), title="too much")
    assert {k: v for k, v in fingerprint(vault.dir).items() if k != "vault.db-wal"} == db_and_key
    assert sorted(e.title for e in journal.iter_entries(vault)) == sorted(saved)

    resize_tmpfs(small_disk, 8 * 1024 * 1024)  # the user made room
    journal.add_entry(vault, "room again", title="after")
    vault.close()
    again = make_vault(vault.dir)
    again.unlock(PASSPHRASE)
    assert again.check() == []
    assert sorted(e.title for e in journal.iter_entries(again)) == sorted([*saved, "after"])


def test_a_full_disk_through_the_cli(template, small_disk):
    folder = small_disk / "data"
    shutil.copytree(template, folder)
    filler = small_disk / "filler"
    free = shutil.disk_usage(small_disk).free
    filler.write_bytes(b"\0" * max(0, free - 64 * 1024))  # leave a sliver
    result = cli(folder, "add", "--title", "big", stdin="words " * 200_000)
    assert_one_line_error(result, DiskFull())
    filler.unlink()
    assert titles_in(folder) == TITLES


def _limit_file_size(limit: int) -> Callable[[], None]:
    def apply() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # EFBIG instead of a killed process
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply


def test_a_file_size_limit_during_export_is_disk_full_and_leaves_no_half_file(make_vault, tmp_path):
    """Works without root anywhere: RLIMIT_FSIZE makes the export's write fail with EFBIG
    (the same path as ENOSPC or a full quota). Set after unlock, reset at once."""
    vault = make_vault()
    vault.create(PASSPHRASE)
    for i in range(10):
        journal.add_entry(vault, "long words " * 2000, title=f"long {i}")
    out = tmp_path / "out"
    out.mkdir()
    old_handler = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    old_limit = resource.getrlimit(resource.RLIMIT_FSIZE)
    resource.setrlimit(resource.RLIMIT_FSIZE, (64 * 1024, old_limit[1]))
    try:
        with pytest.raises(DiskFull):
            exchange.export_json(vault, out / "all.json")
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, old_limit)
        signal.signal(signal.SIGXFSZ, old_handler)
    assert list(out.iterdir()) == []  # no half export, not even the hidden temp file
    assert journal.count_entries(vault) == 10
    assert vault.check() == []


def test_a_file_size_limit_during_a_write_is_one_line_and_loses_nothing(copy):
    """SQLite reports EFBIG as a disk I/O error: the sentence is the general one, and
    nothing already saved is touched."""
    before = fingerprint(copy)
    limit = max(p.stat().st_size for p in copy.iterdir()) + 4096
    result = cli(
        copy, "add", "--title", "big", stdin="words " * 100_000, preexec_fn=_limit_file_size(limit)
    )
    assert result.returncode in (1, DiskFull.exit_code)
    assert len(result.stderr.splitlines()) == 1 and "Traceback" not in result.stderr
    assert fingerprint(copy)["vault.key"] == before["vault.key"]
    assert titles_in(copy) == TITLES


# -- a read-only data folder -------------------------------------------------------------------


@pytest.fixture
def read_only(copy):
    make_read_only(copy)
    yield copy
    make_writable(copy)


def test_a_read_only_folder_is_one_sentence_and_changes_nothing(read_only):
    before = fingerprint(read_only)
    vault = Vault(read_only)
    with pytest.raises(NotWritable):
        vault.unlock(PASSPHRASE)
    vault.close()
    for command in (["check"], ["add", "--title", "new"]):
        assert_one_line_error(cli(read_only, *command, stdin="text"), NotWritable())
    assert fingerprint(read_only) == before
    make_writable(read_only)
    assert titles_in(read_only) == TITLES


def test_a_read_only_filesystem_mount(copy, tmp_path):
    """A read-only bind mount (EROFS), as for a locked USB stick: the same sentence."""
    if os.geteuid() != 0:
        pytest.skip("bind mounts need root")
    target = tmp_path / "ro"
    target.mkdir()
    done = subprocess.run(["mount", "--bind", str(copy), str(target)], capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"bind mounts are not permitted here ({done.stderr.decode().strip()})")
    try:
        subprocess.run(["mount", "-o", "remount,bind,ro", str(target)], check=True)
        before = fingerprint(copy)
        vault = Vault(target)
        with pytest.raises(NotWritable):
            vault.unlock(PASSPHRASE)
        vault.close()
        assert_one_line_error(cli(target, "check"), NotWritable())
        assert fingerprint(copy) == before
    finally:
        umount(target)
    assert titles_in(copy) == TITLES
