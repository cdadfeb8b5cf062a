"""The archive round trip: every area written through core, exported, imported into a new
journal, reads back exactly (every table row, every page's read model, every search)."""

from __future__ import annotations

import json
import zipfile

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings

from reconcile_desktop.core.archive import exporting, importing, schema
from reconcile_desktop.core.archive.package import DOC_NAME
from tests.conftest import PASSPHRASE
from tests.core.archive.archive_data import PHOTOS, clock, fill, journal_data, pages, table_rows

_COUNTER = iter(range(10**6))


def _pair(make_vault, tmp_path):
    n = next(_COUNTER)
    first = make_vault(tmp_path / f"first-{n}", clock=clock())
    first.create(PASSPHRASE)
    second = make_vault(tmp_path / f"second-{n}", clock=clock())
    second.create(PASSPHRASE)
    return first, second, tmp_path / f"archive-{n}.zip"


def _validate(path) -> None:
    with zipfile.ZipFile(path) as zf:
        doc = json.loads(zf.read(DOC_NAME))
    jsonschema.validate(doc, schema.json_schema(), format_checker=jsonschema.FormatChecker())


@settings(
    max_examples=6,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=journal_data)
def test_archive_round_trip_restores_every_area_exactly(make_vault, tmp_path, data):
    first, second, path = _pair(make_vault, tmp_path)
    fill(first, data)
    exported = exporting.export_archive(first, path)
    _validate(path)
    result = importing.import_archive(second, path)
    assert result.left_out == 0 and result.present == 0
    assert result.new == sum(exported.rows.values())
    assert table_rows(second) == table_rows(first)
    assert pages(second) == pages(first)


def test_a_sealed_archive_round_trips_too(make_vault, tmp_path):
    first, second, path = _pair(make_vault, tmp_path)
    fill(first, {
        "entries": [{"body": "calm walk", "title": "", "days_ago": 2, "mood": 3,
                     "principle": None, "kind": "free", "tags": ["hope"], "trashed": False,
                     "photo": 1}],
        "goals": [(False, [{"schedule": "daily", "marks": ["kept"] * 8, "new_schedule": None,
                            "follow_up": False}])],
        "pause": False, "period": 30, "events": [("urge_resisted", 1, True)],
        "moods": [(0, 4)], "boundary": True,
    })  # fmt: skip
    exporting.export_archive(first, path, passphrase="the archive's own passphrase")
    assert b"calm walk" not in path.read_bytes() and PHOTOS[1] not in path.read_bytes()
    importing.import_archive(second, path, "the archive's own passphrase")
    assert table_rows(second) == table_rows(first)
    assert pages(second) == pages(first)


def test_every_export_validates_against_the_published_schema(vault, tmp_path):
    from reconcile_desktop.core import demo

    demo.fill_demo(vault)
    path = tmp_path / "demo.zip"
    exporting.export_archive(vault, path)
    _validate(path)


def test_the_published_schema_file_matches_the_tables():
    assert schema.SCHEMA_PATH.read_text(encoding="utf-8") == schema.schema_text(), (
        "docs/archive-schema.json is stale: run "
        "`python -m reconcile_desktop.core.archive.schema --write`"
    )


@pytest.mark.parametrize("name", ["vault.id"])
def test_the_journals_own_id_stays_out_of_the_archive(vault, tmp_path, name):
    from reconcile_desktop.core.storage.vault_settings import vault_id

    made = vault_id(vault)
    path = tmp_path / "a.zip"
    exporting.export_archive(vault, path)
    with zipfile.ZipFile(path) as zf:
        assert made.encode() not in zf.read(DOC_NAME)
