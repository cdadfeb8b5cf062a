"""Every importer fuzzed: malformed JSON, wrong types, huge fields, impossible dates, deep
nesting. The only allowed failure is a ReconcileError (InvalidInput) with one sentence, and a
refused file writes nothing: the entry count and the database's bytes stay as they were.

make test runs a few dozen examples a shape; the soak variant
(tests/system/test_fault_import_soak.py, make soak) runs many more.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reconcile_desktop.core.clock import Clock
from reconcile_desktop.core.errors import InvalidInput
from reconcile_desktop.core.journal import entries as journal
from reconcile_desktop.core.journal import exchange
from reconcile_desktop.core.journal.entries import Filters
from tests.conftest import PASSPHRASE

FAST = settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
SOAK = settings(FAST, max_examples=1500, derandomize=False)

SCALAR = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**30), max_value=10**30)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=30)
)
JSON = st.recursive(
    SCALAR,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=15,
)
DATES = st.sampled_from(
    [
        "2024-02-30T10:00:00+00:00",
        "0000-01-01T00:00:00Z",
        "9999-12-31T23:59:59-23:59",
        "0001-01-01T00:00:00+14:00",
        "2024-13-01",
        "24:61",
        "2024-01-01T10:00:00+25:00",
        "2024-03-31T02:30:00",
        "１２３４-01-01",  # full-width digits
        "2024-01-01T10:00:00.123456789+00:00",
        "",
        "2024-01-01",
    ]
)
HUGE = st.sampled_from(["x" * 2_000_000, "tag " * 50_000, "\u0000" * 1000, "\ud800"])
ANY_VALUE = JSON | DATES | HUGE | st.just([["a"]] * 3)
KEYS = st.sampled_from(
    [
        *("occurred", "tz", "title", "body", "tags", "mood", "principle", "kind", "prompt_id"),
        *("created", "updated", "deleted", "commitment_id", "date", "time", "starred"),
        *("creationDate", "modifiedDate", "timeZone", "text"),
    ]
)
ENTRY = st.dictionaries(KEYS, ANY_VALUE, max_size=9)


def _wrap(source: str, entries: list) -> dict:
    if source == "reconcile":
        return {"format": exchange.FORMAT, "version": exchange.VERSION, "entries": entries}
    return {"entries": entries}


def _nested(depth: int) -> str:
    return "[" * depth + "]" * depth


TEXT_FILES = (
    st.binary(max_size=200).map(lambda b: b.decode("latin-1"))
    | st.text(max_size=200)
    | st.integers(10, 200_000).map(_nested)
    | st.integers(10, 200_000).map(lambda d: '{"entries": ' + _nested(d) + "}")
    | st.just('{"entries": [' + "{" * 5000)
    | st.just("\ufeff{}")
    | st.just('{"format": "reconcile-journal", "version": 1.0, "entries": []}')
    | st.just('{"format": "reconcile-journal", "version": true, "entries": []}')
    | st.just('{"entries": [{"occurred": 1e999}]}')
)


@pytest.fixture
def target(make_vault, tmp_path):
    v = make_vault(tmp_path / "v", clock=Clock(fixed=dt.datetime(2025, 1, 1, tzinfo=dt.UTC)))
    v.create(PASSPHRASE)
    journal.add_entry(v, "already here", title="kept", tags=["kept"])
    return v


def _state(vault) -> tuple[int, str]:
    count = journal.count_entries(vault, Filters(include_deleted=True))
    digest = hashlib.sha256()
    for name in ("vault.db", "vault.db-wal"):
        path = vault.dir / name
        digest.update(path.read_bytes() if path.exists() else b"-")
    return count, digest.hexdigest()


def _attempt(vault, path, source: str) -> None:
    before = _state(vault)
    try:
        exchange.preview_import(vault, path, source)
    except InvalidInput as exc:
        _assert_sentence(exc)
        assert _state(vault) == before
    try:
        added = exchange.import_file(vault, path, source)
    except InvalidInput as exc:  # any other exception fails the test: that is the point
        _assert_sentence(exc)
        assert _state(vault) == before
    else:
        assert _state(vault)[0] == before[0] + added
        assert vault.check() == []


def _assert_sentence(exc: InvalidInput) -> None:
    text = str(exc)
    assert text and "\n" not in text and len(text) < 300


def _write_text(tmp_path, text: str):
    path = tmp_path / "fuzz.json"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    return path


def _write_doc(tmp_path, doc):
    # surrogates and NaN go out as JSON allows them to be written by other tools
    return _write_text(tmp_path, json.dumps(doc))


SOURCES = st.sampled_from(exchange.SOURCES)


@FAST
@given(source=SOURCES, entries=st.lists(ENTRY, max_size=4))
def test_wrong_types_huge_fields_and_bad_dates_raise_invalid_input(
    target, tmp_path, source, entries
):
    _attempt(target, _write_doc(tmp_path, _wrap(source, entries)), source)


@FAST
@given(source=SOURCES, doc=JSON)
def test_any_json_document_raises_invalid_input_or_imports(target, tmp_path, source, doc):
    _attempt(target, _write_doc(tmp_path, doc), source)


@FAST
@given(source=SOURCES, text=TEXT_FILES)
def test_malformed_and_deeply_nested_text_raises_invalid_input(target, tmp_path, source, text):
    _attempt(target, _write_text(tmp_path, text), source)
