"""Support lines: the shipped data's shape, choosing a country, and the user's own people
kept encrypted in the journal."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

from reconcile_desktop.core import support
from reconcile_desktop.core.errors import InvalidInput

LINES_FILE = Path(__file__).parents[2] / "resources" / "support" / "lines.json"
REQUIRED = {"US", "CA", "GB", "IE", "AU", "NZ", "DE", "FR", "ES", "IN"}
URL = re.compile(r"https?://[^\s/]+\.[^\s]+")


@pytest.fixture(scope="module")
def doc():
    return json.loads(LINES_FILE.read_text(encoding="utf-8"))


# -- the data file -----------------------------------------------------------------------------


def test_every_line_names_its_source_page_and_the_day_it_was_checked(doc):
    assert doc["lines"]
    for line in doc["lines"]:
        assert URL.fullmatch(line["source"]), line["organisation"]
        assert dt.date.fromisoformat(line["checked"]) <= dt.date(2026, 12, 3)
        assert line["checked_how"].strip(), line["organisation"]
        assert line["kind"] in support.KINDS
        assert line["phone"] or line["text"] or line["web"], line["organisation"]


def test_every_required_country_has_a_crisis_and_an_abuse_line_or_a_reason(doc):
    assert set(doc["required_countries"]) == REQUIRED
    have = {(line["country"], line["kind"]) for line in doc["lines"]}
    explained = {(gap["country"], gap["kind"]) for gap in doc["gaps"] if gap["reason"].strip()}
    for country in REQUIRED:
        assert country in doc["countries"]
        for kind in ("crisis", "abuse"):
            assert (country, kind) in have | explained, (country, kind)


def test_the_international_directory_is_there_with_its_source(doc):
    directory = doc["directory"]
    assert URL.fullmatch(directory["web"]) and URL.fullmatch(directory["source"])
    assert dt.date.fromisoformat(directory["checked"])
    assert support.load().directory.web == directory["web"]


def test_the_file_loads_and_a_line_without_a_source_is_refused(doc):
    assert len(support.load().lines) == len(doc["lines"])
    broken = json.loads(json.dumps(doc))
    broken["lines"][0]["source"] = ""
    with pytest.raises(ValueError):
        support.parse(broken)


# -- choosing the country ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "expected"),
    [("gb", "GB"), (" UK ", "GB"), ("us", "US"), ("it", "IT"), ("", None), (None, None)],
)
def test_country_codes_are_read_kindly(given, expected):
    assert support.normalize_country(given) == expected


@pytest.mark.parametrize("given", ["XX", "ZZ", "GBR", "1", "united kingdom"])
def test_an_unknown_country_code_is_one_clear_sentence(given):
    with pytest.raises(support.UnknownCountry) as caught:
        support.normalize_country(given)
    assert caught.value.exit_code == 2
    assert "two letters" in caught.value.sentence


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"LANG": "en_GB.UTF-8"}, "GB"),
        ({"LANG": "de_DE.UTF-8@euro"}, "DE"),
        ({"LANG": "fr-CA"}, "CA"),
        ({"LC_ALL": "en_IN.UTF-8", "LANG": "en_US.UTF-8"}, "IN"),
        ({"LC_MESSAGES": "es_ES.UTF-8", "LANG": "en_US.UTF-8"}, "ES"),
        ({"LANG": "C.UTF-8"}, None),
        ({"LANG": "POSIX"}, None),
        ({"LANG": "en"}, None),
        ({}, None),
    ],
)
def test_the_default_country_comes_from_the_locale(environ, expected):
    assert support.default_country(environ) == expected


def test_without_locale_variables_the_process_locale_is_read(monkeypatch):
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setattr(support.locale, "getlocale", lambda: ("en_NZ", "UTF-8"))
    assert support.default_country() == "NZ"


def test_a_country_gets_its_own_lines_crisis_first():
    lines = support.lines_for("GB")
    assert {line.country for line in lines} == {"GB"}
    kinds = [line.kind for line in lines]
    assert kinds == sorted(kinds, key=support.KINDS.index)
    assert kinds[0] == "crisis" and "abuse" in kinds


def test_a_country_without_lines_still_gets_the_directory():
    doc = support.as_document("IT", None)
    assert doc["lines"] == [] and doc["directory"]["web"]
    assert doc["people"] is None and "change" in doc["note"]


# -- the user's own people, encrypted ------------------------------------------------------------


def test_own_people_round_trip_and_never_reach_the_files_in_the_clear(vault):
    sam = support.Person("Samira Quillfeather", "07700 900123", "Call after six")
    dr = support.Person("Dr Okonkwo-Vance", "Tuesdays", "")
    support.add_person(vault, sam)
    support.add_person(vault, dr)
    assert support.people(vault) == [sam, dr]

    edited = support.Person("Samira Quillfeather", "07700 900999", "Any time")
    assert support.replace_person(vault, 0, edited) == [edited, dr]
    assert support.remove_person(vault, 1) == [edited]

    vault.lock()
    stored = b"".join(p.read_bytes() for p in vault.dir.iterdir() if p.is_file())
    for secret in (b"Samira", b"Quillfeather", b"07700", b"Okonkwo"):
        assert secret not in stored


def test_a_person_needs_a_name_and_a_bad_one_changes_nothing(vault):
    kept = support.add_person(vault, support.Person("Ana"))
    with pytest.raises(InvalidInput, match="name"):
        support.add_person(vault, support.Person("   ", "somewhere"))
    with pytest.raises(InvalidInput):
        support.add_person(vault, support.Person("x" * (support.MAX_NAME + 1)))
    assert support.people(vault) == kept


def test_a_damaged_people_setting_reads_as_no_people(vault):
    from reconcile_desktop.core.storage.vault_settings import set_setting

    set_setting(vault, support.PEOPLE_SETTING, {"not": "a list"})
    assert support.people(vault) == []
    set_setting(vault, support.PEOPLE_SETTING, [{"name": "Bo"}, 3, {"reach": "no name"}])
    assert support.people(vault) == [support.Person("Bo")]
