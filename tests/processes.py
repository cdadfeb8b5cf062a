"""Process-level helpers: run `python -m reconcile_desktop` with a private data folder.
The fixtures are imported by tests/cli/conftest.py and tests/system/conftest.py.

The passphrase always travels in the environment, never on the command line, and stdin is
/dev/null so the child never sees a terminal (and so never prompts).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
PASSPHRASE = "quiet evenings and long walks"
# Generous: only there so a hung child fails the test instead of hanging the run.
CHILD_TIMEOUT = 120


def child_env(data_dir: Path, **extra: str | None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("RECONCILE_")}
    env["RECONCILE_DATA_DIR"] = str(data_dir)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    for key, value in extra.items():
        if value is not None:
            env[key] = value
    return env


@pytest.fixture
def data_dir(tmp_path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def run_cli(data_dir):
    """run_cli(*args, passphrase=PASSPHRASE, new_passphrase=None, env=None) -> CompletedProcess.

    passphrase=None leaves RECONCILE_PASSPHRASE unset.
    """

    def run(
        *args: str,
        passphrase: str | None = PASSPHRASE,
        new_passphrase: str | None = None,
        env: dict[str, str] | None = None,
    ) -> subprocess.CompletedProcess[str]:
        full_env = child_env(
            data_dir,
            RECONCILE_PASSPHRASE=passphrase,
            RECONCILE_NEW_PASSPHRASE=new_passphrase,
        )
        full_env.update(env or {})
        return subprocess.run(
            [sys.executable, "-m", "reconcile_desktop", *args],
            cwd=REPO,
            env=full_env,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=CHILD_TIMEOUT,
        )

    return run


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    """One real-KDF journal for the module; each test copies it."""
    from reconcile_desktop.core.storage.vault import Vault

    folder = tmp_path_factory.mktemp("template") / "data"
    vault = Vault(folder)
    try:
        vault.claim()
        vault.create(PASSPHRASE)
    finally:
        vault.close()
    return folder
