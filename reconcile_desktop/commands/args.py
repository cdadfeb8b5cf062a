"""Argument types and output helpers shared by the command modules (no storage imports).

datetime and json are imported where used: these modules load before the KDF, and all that is
loaded then adds to a command's peak memory (see cli.py).
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import datetime as dt
    from pathlib import Path

    from reconcile_desktop.core.storage.vault import Vault

# What a passphrase file's first line keeps (commands/passphrase.py reads it this way).
FILE_RULE = (
    "A byte order mark at its start and the line ending are dropped; spaces, even at the end "
    "of the line, are part of the passphrase."
)
BAD_DATE = "give the date as YYYY-MM-DD, or as today or yesterday"
# Enough for the longest entry (5 million characters of UTF-8), while /dev/zero, which never
# ends, is refused after 20 MB instead of filling the memory.
MAX_STDIN_BYTES = 20 * 1024 * 1024
TOO_LONG = "The text is longer than 20 MB, so nothing was saved."
NOT_UTF8_ARG = (
    "Part of the command line is not UTF-8 text (check your terminal's character set), "
    "so nothing was done."
)
# Arguments that name files: a file name may be any bytes, so these are not checked.
PATH_ARGS = frozenset(
    {"data_dir", "passphrase_file", "new_passphrase_file", "out", "file", "folder", "backup"}
    | {"archive_passphrase_file"}
)
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def date_arg(text: str) -> dt.date | str:
    """Checked as the command line is read, so a typo is reported before any passphrase is
    asked for; today/yesterday wait for the vault's clock (see day_of)."""
    value = text.strip().lower()
    if value in ("today", "yesterday"):
        return value
    if _ISO_DATE.fullmatch(value):
        import datetime as dt

        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise argparse.ArgumentTypeError(BAD_DATE)


def day_of(vault: Vault, spec: dt.date | str | None) -> dt.date:
    """A date_arg value as a local calendar day; today when not given."""
    import datetime as dt

    today = vault.clock.today()
    if spec is None or spec == "today":
        return today
    return today - dt.timedelta(days=1) if spec == "yesterday" else spec


def whole_number(low: int, high: int, message: str) -> Callable[[str], int]:
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            value = low - 1
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(message)
        return value

    return parse


def print_json(doc: dict) -> None:
    import json

    print(json.dumps(doc, ensure_ascii=False, sort_keys=True))


def confirm(question: str) -> bool:
    """Ask a yes/no question on the terminal (stderr, so stdout stays data); no is the default."""
    try:
        print(question, end="", file=sys.stderr, flush=True)
        answer = sys.stdin.readline()
    except (OSError, ValueError):
        return False
    return answer.strip().lower() in ("y", "yes")


def blocked_by_a_file(path: Path) -> Path | None:
    """The file standing where `path`, or a folder on the way to it, would have to be made
    (None when the way is clear)."""
    probe = path
    while not probe.exists() and probe != probe.parent:
        probe = probe.parent
    return None if probe.is_dir() else probe


def read_stdin(limit: int = MAX_STDIN_BYTES) -> bytes:
    """Standard input as bytes, refused (InvalidInput) beyond `limit`."""
    from reconcile_desktop.core.errors import InvalidInput

    if sys.stdin is None:
        return b""
    data = sys.stdin.buffer.read(limit + 1)
    if len(data) > limit:
        raise InvalidInput(TOO_LONG)
    return data


def refuse_undecodable(args: argparse.Namespace) -> None:
    """UsageError when a text argument holds bytes that were not UTF-8. Python keeps them as
    lone surrogates, which no database, file or terminal can take, so refuse them up front."""
    from reconcile_desktop.core.errors import UsageError

    for name, value in vars(args).items():
        if name in PATH_ARGS:
            continue
        for text in value if isinstance(value, list) else [value]:
            if isinstance(text, str) and _has_surrogate(text):
                raise UsageError(NOT_UTF8_ARG)


def _has_surrogate(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False
