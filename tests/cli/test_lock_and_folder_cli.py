"""The same guarantees across processes: a real `reconcile rotate-key` run after vault.lock was
deleted under an open journal, and the one sentence for a folder others can write to, on the
command line and in the window."""

from __future__ import annotations

import os

import pytest

from reconcile_desktop.core.errors import FolderNotPrivate, LockLost
from reconcile_desktop.core.journal import entries as journal
from reconcile_desktop.core.storage.vault import Vault
from tests.conftest import FAST_KDF, TEST_BOUNDS
from tests.processes import PASSPHRASE
from tests.system.fault_tools import (
    assert_one_line_error,
    cli,
    fingerprint,
    make_real_vault,
    titles_in,
)
from tests.ui import conftest as gui

pytestmark = pytest.mark.skipif(os.name != "posix", reason="Unix locks and permissions")

make_app = gui.make_app
settings = gui.settings
settings_path = gui.settings_path
messages = gui.messages


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


@pytest.mark.qt_log_ignore(gui.OFFSCREEN_NOISE)
def test_a_folder_others_can_write_to_is_one_sentence_in_the_cli_and_the_window(
    tmp_path, make_app, messages
):
    folder = tmp_path / "data"
    make_real_vault(folder, ["mine"])
    folder.chmod(0o777)
    before = fingerprint(folder)
    assert_one_line_error(cli(folder, "backups"), FolderNotPrivate())
    assert_one_line_error(cli(folder, "add", "--title", "x", stdin="words\n"), FolderNotPrivate())
    app = make_app(Vault(folder, kdf_params=FAST_KDF, kdf_bounds=TEST_BOUNDS))
    assert app.start() == FolderNotPrivate.exit_code
    assert messages == [FolderNotPrivate.message]
    assert app.window is None
    assert fingerprint(folder) == before
