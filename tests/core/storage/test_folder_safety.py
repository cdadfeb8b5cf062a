"""A data folder others can change is refused; planted links are never followed; a vault.swap
naming anything but the known pair of renames is never acted on."""

from __future__ import annotations

import json
import os

import pytest

from reconcile_desktop.core.errors import FolderNotPrivate, LinkedFile
from reconcile_desktop.core.journal import entries as journal
from reconcile_desktop.core.storage import pair_swap as pairswap
from tests.conftest import PASSPHRASE
from tests.system.fault_tools import fingerprint

pytestmark = pytest.mark.skipif(os.name != "posix", reason="Unix permissions and links")


@pytest.fixture
def closed(vault):
    journal.add_entry(vault, "words to keep")
    vault.close()
    return vault


def _opens(make_vault, folder) -> list[str]:
    v = make_vault(folder)
    v.unlock(PASSPHRASE)
    try:
        return [e.body for e in journal.iter_entries(v)]
    finally:
        v.close()


@pytest.mark.parametrize("mode", [0o777, 0o770, 0o720, 0o702], ids=oct)
def test_a_folder_others_can_write_to_is_refused_in_one_sentence(closed, make_vault, mode):
    closed.dir.chmod(mode)
    before = fingerprint(closed.dir)
    with pytest.raises(FolderNotPrivate) as refused:
        make_vault(closed.dir).unlock(PASSPHRASE)
    sentence = refused.value.sentence
    assert sentence == FolderNotPrivate.message and "\n" not in sentence
    assert sentence.count(".") == 1 and sentence.endswith(".")
    assert fingerprint(closed.dir) == before
    with pytest.raises(FolderNotPrivate):
        make_vault(closed.dir).create(PASSPHRASE)

    closed.dir.chmod(0o700)
    assert _opens(make_vault, closed.dir) == ["words to keep"]


def test_a_new_journal_in_a_shared_folder_is_refused_before_any_file_exists(make_vault, tmp_path):
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o777)
    with pytest.raises(FolderNotPrivate):
        make_vault(shared).create(PASSPHRASE)
    assert list(shared.iterdir()) == []


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs chown")
def test_a_folder_that_belongs_to_another_user_is_refused(closed, make_vault):
    os.chown(closed.dir, 12345, -1)
    try:
        with pytest.raises(FolderNotPrivate):
            make_vault(closed.dir).unlock(PASSPHRASE)
    finally:
        os.chown(closed.dir, os.geteuid(), -1)


def test_a_private_folder_inside_a_sticky_shared_one_is_fine(make_vault, tmp_path):
    sticky = tmp_path / "tmp"
    sticky.mkdir()
    sticky.chmod(0o1777)  # like /tmp
    v = make_vault(sticky / "reconcile")
    v.create(PASSPHRASE)
    journal.add_entry(v, "fine here")
    assert (sticky / "reconcile").stat().st_mode & 0o777 == 0o700
    v.close()
    assert _opens(make_vault, sticky / "reconcile") == ["fine here"]


def test_a_planted_vault_lock_link_is_not_followed_nor_truncated(closed, make_vault, tmp_path):
    victim = tmp_path / "someone_elses_file"
    victim.write_text("not Reconcile's to truncate\n")
    (closed.dir / "vault.lock").unlink()
    (closed.dir / "vault.lock").symlink_to(victim)
    with pytest.raises(LinkedFile) as refused:
        make_vault(closed.dir).unlock(PASSPHRASE)
    assert "\n" not in refused.value.sentence
    assert victim.read_text() == "not Reconcile's to truncate\n"

    (closed.dir / "vault.lock").unlink()
    assert _opens(make_vault, closed.dir) == ["words to keep"]


def test_a_key_file_that_is_a_link_is_not_read(closed, make_vault, tmp_path):
    moved = tmp_path / "vault.key.elsewhere"
    closed.key_path.rename(moved)
    closed.key_path.symlink_to(moved)
    refused = make_vault(closed.dir)
    with pytest.raises(LinkedFile):
        refused.unlock(PASSPHRASE)
    refused.close()
    closed.key_path.unlink()
    moved.rename(closed.key_path)
    assert _opens(make_vault, closed.dir) == ["words to keep"]


@pytest.mark.parametrize(
    "renames",
    [
        [("vault.key", "vault.db")],  # the key file over the journal
        [("vault.db", "vault.key")],
        [(".vault.key.incoming", "vault.db"), (".vault.db.incoming", "vault.key")],  # crossed
        [("backups", "vault.db")],
    ],
)
def test_a_crafted_swap_journal_is_ignored_and_both_files_stay(closed, make_vault, renames):
    folder = closed.dir
    for name in (".vault.key.incoming", ".vault.db.incoming"):
        (folder / name).write_bytes(b"planted")
    (folder / "backups").mkdir(exist_ok=True)
    files = [
        {"from": src, "to": dst, "size": (folder / src).stat().st_size} for src, dst in renames
    ]
    (folder / pairswap.JOURNAL_NAME).write_text(json.dumps({"files": files}))
    db, key = closed.db_path.read_bytes(), closed.key_path.read_bytes()

    claimed = make_vault(folder)
    claimed.claim()  # where an interrupted swap is finished
    assert closed.db_path.read_bytes() == db and closed.key_path.read_bytes() == key
    assert not (folder / pairswap.JOURNAL_NAME).exists()
    claimed.close()
    assert _opens(make_vault, folder) == ["words to keep"]


@pytest.mark.parametrize("how", ["write_new", "copy_new", "read_nofollow"])
def test_the_file_helpers_never_go_through_a_link(tmp_path, how):
    from reconcile_desktop import paths

    victim = tmp_path / "victim"
    victim.write_bytes(b"untouched")
    source = tmp_path / "source"
    source.write_bytes(b"new bytes")
    link = tmp_path / ".vault.db.incoming"
    link.symlink_to(victim)
    with pytest.raises(OSError):
        if how == "write_new":
            paths.write_new(link, b"new bytes")
        elif how == "copy_new":
            paths.copy_new(source, link)
        else:
            paths.read_nofollow(link)
    assert victim.read_bytes() == b"untouched"
