"""A row's values as JSON and back, by each column's type (the schema's types, in one place).

Instants are ISO 8601 in UTC with their offset, days YYYY-MM-DD, blobs the SHA-256 of their
bytes (the bytes are a file in attachments/). Reading checks every value against its column,
so a damaged archive is refused before anything is written.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from typing import Any

import sqlalchemy as sa

from reconcile_desktop.core.errors import InvalidInput
from reconcile_desktop.core.storage.tables import UTCDateTime

SHA256 = re.compile(r"[0-9a-f]{64}")


def kind_of(column: sa.Column) -> str:
    """One of: instant, day, flag, number, text, blob (what the JSON Schema says too)."""
    t = column.type
    if isinstance(t, UTCDateTime):
        return "instant"
    if isinstance(t, sa.Date):
        return "day"
    if isinstance(t, sa.Boolean):
        return "flag"
    if isinstance(t, sa.Integer):
        return "number"
    if isinstance(t, sa.String):
        return "text"
    if isinstance(t, sa.LargeBinary):
        return "blob"
    raise TypeError(f"column {column} has a type the archive does not know")


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def encode(column: sa.Column, value: Any) -> Any:
    if value is None:
        return None
    kind = kind_of(column)
    if kind == "instant":
        return value.astimezone(dt.UTC).isoformat()
    if kind == "day":
        return value.isoformat()
    if kind == "blob":
        return sha256_hex(bytes(value))
    return value


class Unreadable(ValueError):
    """A value that does not fit its column (the caller names where)."""


def decode(column: sa.Column, value: Any) -> Any:
    if value is None:
        if not column.nullable and not column.primary_key:
            raise Unreadable
        return None
    kind = kind_of(column)
    try:
        if kind == "instant" and isinstance(value, str):
            parsed = dt.datetime.fromisoformat(value)
            if parsed.utcoffset() is None:
                raise Unreadable
            return parsed.astimezone(dt.UTC)
        if kind == "day" and isinstance(value, str) and len(value) == 10:
            return dt.date.fromisoformat(value)
        if kind == "flag" and type(value) is bool:
            return value
        if kind == "number" and type(value) is int and -(2**63) <= value < 2**63:
            return value
        if kind == "text" and isinstance(value, str):
            value.encode("utf-8")  # lone surrogates cannot be stored
            return value
        if kind == "blob" and isinstance(value, str) and SHA256.fullmatch(value):
            return value  # replaced by the file's bytes when the row is written
    except (ValueError, OverflowError, UnicodeEncodeError):
        pass
    raise Unreadable


def damaged(table: str, n: int, column: str) -> InvalidInput:
    return InvalidInput(
        f"This archive is damaged: row {n} of “{table}” has a {column} that could not be read, "
        "so nothing was imported."
    )
