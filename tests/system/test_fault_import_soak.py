"""The importer fuzzing of tests/core/journal/test_import_fuzz.py with many more examples
(make soak)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.core.journal.test_import_fuzz import (  # noqa: F401
    ENTRY,
    FAST,
    JSON,
    SOURCES,
    TEXT_FILES,
    _attempt,
    _wrap,
    _write_doc,
    _write_text,
    target,
)

SOAK = settings(FAST, max_examples=1500, derandomize=False)


@pytest.mark.soak
@SOAK
@given(source=SOURCES, entries=st.lists(ENTRY, max_size=6), doc=JSON, text=TEXT_FILES)
def test_importers_soak(target, tmp_path, source, entries, doc, text):  # noqa: F811
    _attempt(target, _write_doc(tmp_path, _wrap(source, entries)), source)
    _attempt(target, _write_doc(tmp_path, doc), source)
    _attempt(target, _write_text(tmp_path, text), source)
