"""Where a command gets its passphrase, and the shared way to open the vault.

Order: a passphrase file, then an environment variable, then a hidden prompt when someone is
at a terminal. Never the command line itself: arguments show up in `ps` and shell history.
Nothing here imports the database layers at import time (see cli.py).
"""

from __future__ import annotations

import contextlib
import getpass
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from reconcile_desktop.core.errors import UsageError, WrongPassphrase
from reconcile_desktop.core.storage.keyfile import new_passphrase_problem

if TYPE_CHECKING:
    import argparse

    from reconcile_desktop.core.storage.vault import Vault

ENV_PASSPHRASE = "RECONCILE_PASSPHRASE"
ENV_NEW_PASSPHRASE = "RECONCILE_NEW_PASSPHRASE"
# A little over core's 64 KB passphrase limit, so an over-long line still reaches core's message.
_MAX_FILE_BYTES = 64 * 1024 + 2
PROMPT_ATTEMPTS = 3
BOM = "\ufeff"

NO_PASSPHRASE = (
    "No passphrase given: use --passphrase-file or RECONCILE_PASSPHRASE when not at a terminal."
)
NO_NEW_PASSPHRASE = (
    "No new passphrase given: use --new-passphrase-file or RECONCILE_NEW_PASSPHRASE "
    "when not at a terminal."
)


def _read_text(path: str | os.PathLike[str]) -> str:
    try:
        with open(path, "rb") as fh:
            data = fh.read(_MAX_FILE_BYTES)
    except OSError:
        raise UsageError(f"The passphrase file {os.fspath(path)} could not be read.") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise UsageError(
            f"The passphrase file {os.fspath(path)} is not UTF-8 text, so it was not used."
        ) from None


def read_passphrase_file(path: str | os.PathLike[str]) -> str:
    """The file's first line, without its line ending ("\\n", "\\r\\n" or a lone "\\r") and
    without a leading byte order mark (Notepad and PowerShell 5.1 write one; it cannot be
    typed). Nothing else is stripped, because spaces can be part of a passphrase."""
    text = _read_text(path).removeprefix(BOM)
    ends = [i for i in (text.find("\n"), text.find("\r")) if i >= 0]
    line = text[: min(ends)] if ends else text
    if not line:
        raise UsageError(f"The first line of the passphrase file {os.fspath(path)} is empty.")
    return line


def earlier_reading(path: str | os.PathLike[str]) -> str | None:
    """The file's first line as releases before this one read it (a byte order mark kept, a
    lone "\\r" kept), when that differs from read_passphrase_file(): a journal made from such
    a file has that passphrase."""
    text = _read_text(path)
    line, newline, _rest = text.partition("\n")
    if newline and line.endswith("\r"):
        line = line[:-1]
    return line if line and line != read_passphrase_file(path) else None


def _from_environment(name: str) -> str | None:
    """The variable's value; UsageError when it is not UTF-8 (Python keeps such bytes as lone
    surrogates, which no key derivation can take)."""
    value = os.environ.get(name)
    try:
        (value or "").encode("utf-8")
    except UnicodeEncodeError:
        raise UsageError(f"{name} is not UTF-8 text, so it was not used.") from None
    return value


def _stdin_is_terminal() -> bool:
    try:
        return sys.stdin is not None and sys.stdin.isatty()
    except (AttributeError, ValueError):  # closed or replaced stdin
        return False


def _ask(prompt: str) -> str:
    return getpass.getpass(prompt)


def get_passphrase(
    file: str | os.PathLike[str] | None,
    *,
    prompt: str = "Passphrase: ",
    env_var: str = ENV_PASSPHRASE,
    missing: str = NO_PASSPHRASE,
) -> str:
    """The passphrase that opens the journal (or, with another env_var, an archive): file,
    then the environment variable, then a prompt."""
    if file:
        return read_passphrase_file(file)
    env = _from_environment(env_var)
    if env:
        return env
    if not _stdin_is_terminal():
        raise UsageError(missing)
    for _ in range(PROMPT_ATTEMPTS):
        answer = _ask(prompt)
        if answer:
            return answer
        print("The passphrase cannot be empty.", file=sys.stderr)
    raise UsageError("No passphrase was typed, so nothing was opened.")


def get_new_passphrase(
    file: str | os.PathLike[str] | None,
    *,
    env_var: str = ENV_NEW_PASSPHRASE,
    missing: str = NO_NEW_PASSPHRASE,
    prompt: str = "New passphrase: ",
) -> str:
    """A passphrase to set: from a file or env var as given, or typed twice at a terminal."""
    if file:
        return read_passphrase_file(file)
    env = _from_environment(env_var)
    if env:
        return env
    if not _stdin_is_terminal():
        raise UsageError(missing)
    for _ in range(PROMPT_ATTEMPTS):
        first = _ask(prompt)
        problem = new_passphrase_problem(first)  # core's rule, as in the window
        if problem:
            print(problem, file=sys.stderr)
            continue
        if _ask("The same passphrase again: ") == first:
            return first
        print("Those two did not match. Please type it again.", file=sys.stderr)
    raise UsageError("The new passphrase was not confirmed, so nothing was changed.")


def data_dir_of(args: argparse.Namespace) -> Path:
    """--data-dir, then $RECONCILE_DATA_DIR, then the platform's data folder."""
    from reconcile_desktop.paths import data_dir

    return data_dir(getattr(args, "data_dir", None))


def claimed_vault(args: argparse.Namespace) -> Vault:
    """A Vault for the chosen folder, its single-instance lock taken (VaultInUse if not)."""
    from reconcile_desktop.core.storage.vault import Vault

    vault = Vault(data_dir_of(args))
    vault.claim()
    return vault


def open_vault(args: argparse.Namespace) -> Vault:
    """Claim and unlock the vault; on any failure the lock is let go again.

    The files are checked before the passphrase is asked for, so nobody types a passphrase
    for a journal that is not there.
    """
    from reconcile_desktop.core.errors import VaultNotFound
    from reconcile_desktop.core.storage.vault import VaultState

    vault = claimed_vault(args)
    try:
        if vault.state() is VaultState.NEW:
            raise VaultNotFound()
        file = getattr(args, "passphrase_file", None)
        passphrase = get_passphrase(file)
        try:
            vault.unlock(passphrase)
        except WrongPassphrase:
            earlier = earlier_reading(file) if file else None
            if earlier is None:
                raise
            vault.unlock(earlier)
            _drop_invisible_characters(vault, earlier, passphrase)
    except BaseException:
        vault.close()
        raise
    return vault


def _drop_invisible_characters(vault: Vault, earlier: str, passphrase: str) -> None:
    """A journal made from a file with a byte order mark (or a lone "\\r") has that invisible
    character in its passphrase, so typing never opened it. Set it to what the file shows."""

    if new_passphrase_problem(passphrase):
        return  # an older, shorter passphrase: left as it was rather than refused
    vault.change_passphrase(earlier, passphrase)
    print(
        "Your passphrase file has an invisible character (a byte order mark or a line ending) "
        "that earlier versions of Reconcile kept as part of the passphrase. The journal now "
        "opens with the passphrase as it reads, whether typed or from the file.",
        file=sys.stderr,
    )


@contextlib.contextmanager
def opened_vault(args: argparse.Namespace) -> Iterator[Vault]:
    """open_vault() for a `with` block: locked, closed and released at the end."""
    vault = open_vault(args)
    try:
        yield vault
    finally:
        vault.close()
