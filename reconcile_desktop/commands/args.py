"""Argument types and output helpers shared by the command modules (no storage imports).

datetime and json are imported where used: these modules load before the KDF, and all that is
loaded then adds to a command's peak memory (see cli.py).
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import datetime as dt

    from reconcile_desktop.core.vault import Vault

# What a passphrase file's first line keeps (commands/passphrase.py reads it this way).
FILE_RULE = (
    "A byte order mark at its start and the line ending are dropped; spaces, even at the end "
    "of the line, are part of the passphrase."
)
BAD_DATE = "give the date as YYYY-MM-DD, or as today or yesterday"
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
    import sys

    try:
        print(question, end="", file=sys.stderr, flush=True)
        answer = sys.stdin.readline()
    except (OSError, ValueError):
        return False
    return answer.strip().lower() in ("y", "yes")
