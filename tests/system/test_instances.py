"""Two Reconciles on one vault: while another process holds it, the core API, the CLI and the
window all refuse with the same sentence and touch nothing; once that process is killed with
SIGKILL (no chance to clean up), its lock is simply taken over."""

from __future__ import annotations

import os
import subprocess
import sys
import threading

import pytest

from reconcile_desktop.core.errors import VaultInUse
from reconcile_desktop.core.storage.vault import Vault
from reconcile_desktop.ui.shell.dialogs.create_and_unlock import UnlockDialog
from tests.conftest import FAST_KDF, TEST_BOUNDS
from tests.processes import CHILD_TIMEOUT, PASSPHRASE, REPO, child_env
from tests.system.fault_tools import (
    assert_one_line_error,
    cli,
    fingerprint,
    make_real_vault,
    titles_in,
)
from tests.ui import conftest as gui

pytestmark = pytest.mark.skipif(os.name != "posix", reason="SIGKILL semantics are POSIX")

make_app = gui.make_app
settings = gui.settings
settings_path = gui.settings_path
messages = gui.messages

HOLDER = """
import os
import sys
from pathlib import Path
from reconcile_desktop.core.storage.vault import Vault
vault = Vault(Path(sys.argv[1]))
vault.{how}
print("held", flush=True)
sys.stdin.read()  # until the parent kills us
"""


@pytest.fixture
def folder(tmp_path):
    data = tmp_path / "data"
    make_real_vault(data, ["mine"])
    return data


def _holder(folder, how: str) -> subprocess.Popen[str]:
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLDER.format(how=how), str(folder)],
        cwd=REPO,
        env=child_env(folder, RECONCILE_PASSPHRASE=PASSPHRASE),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    watchdog = threading.Timer(CHILD_TIMEOUT, proc.kill)
    watchdog.start()
    try:
        assert proc.stdout.readline() == "held\n", proc.stderr.read()
    finally:
        watchdog.cancel()
    return proc


def _kill(proc: subprocess.Popen[str]) -> None:
    proc.kill()
    proc.wait()
    for stream in (proc.stdin, proc.stdout, proc.stderr):
        stream.close()
    assert proc.returncode == -9


@pytest.mark.qt_log_ignore(gui.OFFSCREEN_NOISE)
@pytest.mark.parametrize(
    "how", ["claim()", "unlock(os.environ['RECONCILE_PASSPHRASE'])"], ids=["claimed", "unlocked"]
)
def test_a_second_instance_is_refused_everywhere_then_a_killed_ones_lock_is_taken_over(
    qtbot, make_app, messages, folder, how
):
    holder = _holder(folder, how)
    try:
        before = fingerprint(folder)
        second = Vault(folder)
        with pytest.raises(VaultInUse) as raised:
            second.unlock(PASSPHRASE)
        assert str(raised.value) == VaultInUse.message
        assert not second.is_unlocked
        assert_one_line_error(cli(folder, "check"), VaultInUse())
        assert_one_line_error(cli(folder, "add", stdin="second words"), VaultInUse())
        app = make_app(Vault(folder, kdf_params=FAST_KDF, kdf_bounds=TEST_BOUNDS))
        assert app.start() == VaultInUse.exit_code
        assert messages == [VaultInUse.message]
        assert app.dialog is None and app.window is None
        assert fingerprint(folder) == before
    finally:
        _kill(holder)

    # The kernel dropped the dead process's lock; its PID is still written in vault.lock.
    assert (folder / "vault.lock").read_text().strip() == str(holder.pid)
    result = cli(folder, "add", "--title", "after", stdin="written after the takeover")
    assert result.returncode == 0, result.stderr
    assert titles_in(folder) == ["after", "mine"]
    app = make_app(Vault(folder))
    assert app.start() is None
    assert isinstance(app.dialog, UnlockDialog)
    assert messages == [VaultInUse.message]  # nothing more was said
