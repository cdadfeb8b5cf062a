"""Shared pieces for the fault, attack and instance tests: a real-KDF vault the CLI can open,
file fingerprints, the one-line CLI error check, and the privileged tricks (small tmpfs,
immutable folder) with the precise reason when they are not available."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from reconcile_desktop.core.errors import ReconcileError
from reconcile_desktop.core.journal import entries as journal
from reconcile_desktop.core.storage.vault import Vault
from tests.processes import CHILD_TIMEOUT, PASSPHRASE, REPO, child_env

# Files whose bytes belong to the user. vault.lock only ever holds the PID of its holder.
USER_FILES = ("vault.db", "vault.key", "vault.db-wal")


def fingerprint(folder: Path) -> dict[str, str]:
    """sha256 of every file in the folder except the lock file (it holds a PID)."""
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.iterdir())
        if p.is_file() and p.name != "vault.lock"
    }


def make_real_vault(folder: Path, titles: list[str]) -> None:
    """A vault with the default (real) KDF, so the CLI's default bounds accept it."""
    vault = Vault(folder)
    vault.create(PASSPHRASE)
    try:
        for title in titles:
            journal.add_entry(vault, f"body of {title}", title=title)
    finally:
        vault.close()


def titles_in(folder: Path, **vault_kwargs) -> list[str]:
    vault = Vault(folder, **vault_kwargs)
    try:
        vault.unlock(PASSPHRASE)
        assert vault.check() == []
        return sorted(e.title for e in journal.iter_entries(vault, include_deleted=True))
    finally:
        vault.close()


def cli(
    data_dir: Path, *args: str, stdin: str | None = None, passphrase: str | None = PASSPHRASE, **kw
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "reconcile_desktop", "--data-dir", str(data_dir), *args],
        cwd=REPO,
        env=child_env(data_dir, RECONCILE_PASSPHRASE=passphrase),
        input=stdin,
        stdin=None if stdin is not None else subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=CHILD_TIMEOUT,
        **kw,
    )


def assert_one_line_error(result: subprocess.CompletedProcess[str], error: ReconcileError) -> None:
    """Exit code from errors.py, exactly one stderr line with the sentence, no traceback."""
    assert result.returncode == error.exit_code, result.stderr
    assert result.stderr == f"reconcile: {error.cli_sentence}\n"
    assert "Traceback" not in result.stdout


# -- privileged tricks ------------------------------------------------------------------------


def mount_tmpfs(where: Path, size_bytes: int) -> None:
    """A small tmpfs (a real ENOSPC), or skip with the reason. Needs root and CAP_SYS_ADMIN:
    true on this development container, usually false in an unprivileged CI container."""
    if os.name != "posix" or shutil.which("mount") is None:
        pytest.skip("no mount(8) here")
    if os.geteuid() != 0:
        pytest.skip("a small tmpfs needs root; the RLIMIT_FSIZE test covers this case")
    where.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size_bytes},mode=0700", "tmpfs", str(where)],
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        pytest.skip(f"mounting a tmpfs is not permitted here ({done.stderr.strip()})")


def resize_tmpfs(where: Path, size_bytes: int) -> None:
    subprocess.run(["mount", "-o", f"remount,size={size_bytes}", str(where)], check=True)


def umount(where: Path) -> None:
    subprocess.run(["umount", "-l", str(where)], check=False, capture_output=True)


def make_read_only(folder: Path) -> None:
    """Make a folder unwritable for this process, or skip with the reason.

    As a normal user chmod 0500 does it. Root ignores permissions, so root uses the immutable
    attribute (chattr +i, needs CAP_LINUX_IMMUTABLE and ext4/xfs/btrfs)."""
    if os.name != "posix":
        pytest.skip("POSIX permissions only")
    if os.geteuid() != 0:
        folder.chmod(0o500)
        return
    done = subprocess.run(["chattr", "+i", str(folder)], capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(
            "running as root, which ignores chmod, and chattr +i is not permitted here "
            f"({done.stderr.strip() or 'no chattr'})"
        )


def make_writable(folder: Path) -> None:
    if os.geteuid() == 0:
        subprocess.run(["chattr", "-i", str(folder)], check=False, capture_output=True)
    folder.chmod(0o700)
