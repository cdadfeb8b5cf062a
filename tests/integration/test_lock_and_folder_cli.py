"""The same guarantees across processes: a real `reconcile rotate-key` run after vault.lock was
deleted under an open journal, and the CLI's one sentence for a folder others can write to."""

from __future__ import annotations

import os

import pytest

from reconcile_desktop.core import journal
from reconcile_desktop.core.errors import FolderNotPrivate, LockLost
from reconcile_desktop.core.vault import Vault
from tests.integration.conftest import PASSPHRASE
from tests.integration.fault_tools import (
    assert_one_line_error,
    cli,
    fingerprint,
    make_real_vault,
    titles_in,
)

pytestmark = pytest.mark.skipif(os.name != "posix", reason="Unix locks and permissions")


def test_a_cli_rotation_after_the_lock_file_was_deleted_stops_the_open_journal(tmp_path):
    folder = tmp_path / "data"
    make_real_vault(folder, ["before"])
    window = Vault(folder)
    window.unlock(PASSPHRASE)
    try:
        (folder / "vault.lock").unlink()  # "cleaned up" by another program
        rotated = cli(folder, "rotate-key")
        assert rotated.returncode == 0, rotated.stderr

        with pytest.raises(LockLost):
            journal.add_entry(window, "body of lost?", title="typed meanwhile")
    finally:
        window.close()
    assert titles_in(folder) == ["before"]  # and nothing was acknowledged that is not there


def test_the_cli_refuses_a_folder_others_can_write_to_in_one_sentence(tmp_path):
    folder = tmp_path / "data"
    make_real_vault(folder, ["mine"])
    folder.chmod(0o777)
    before = fingerprint(folder)
    assert_one_line_error(cli(folder, "backups"), FolderNotPrivate())
    assert_one_line_error(cli(folder, "add", "--title", "x", stdin="words\n"), FolderNotPrivate())
    assert fingerprint(folder) == before
