"""`reconcile support` as a user meets it: real processes, with and without a journal.

Support must be one step away, so the public lines print whatever state the journal is in;
the user's own people are added only when the journal opens.
"""

from __future__ import annotations

import json
import shutil

import pytest

from reconcile_desktop.core import support
from reconcile_desktop.core.storage.vault import Vault
from tests.cli.test_cli import assert_one_line_error
from tests.processes import PASSPHRASE

NO_LOCALE = {"LC_ALL": "", "LC_MESSAGES": ""}
DOC_KEYS = {"country", "country_name", "lines", "directory", "people", "note"}
LINE_KEYS = {
    "country",
    "kind",
    "organisation",
    "phone",
    "text",
    "web",
    "hours",
    "source",
    "checked",
    "checked_how",
}


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    """One real-KDF journal holding two of the user's own people."""
    folder = tmp_path_factory.mktemp("template") / "data"
    vault = Vault(folder)
    try:
        vault.claim()
        vault.create(PASSPHRASE)
        support.add_person(vault, support.Person("Marguerite", "07700 900456", "my sister"))
        support.add_person(vault, support.Person("Dr Adeyemi"))
    finally:
        vault.close()
    return folder


@pytest.fixture
def journal(data_dir, template):
    shutil.copytree(template, data_dir)
    return data_dir


def run(run_cli, *args: str, **kwargs):
    env = {**NO_LOCALE, **kwargs.pop("env", {})}
    result = run_cli("support", *args, env=env, **kwargs)
    assert "Traceback" not in result.stderr
    return result


def test_without_a_journal_or_passphrase_the_lines_are_shown(run_cli, data_dir):
    result = run(run_cli, "--country", "gb", passphrase=None)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Samaritans" in out and "116 123" in out and "0808 2000 247" in out
    assert "Checked on 2026-12-03" in out and "Numbers can change" in out
    assert "findahelpline.com" in out
    assert not data_dir.exists()  # looking for support creates nothing


def test_the_country_defaults_to_the_locale(run_cli):
    result = run(run_cli, passphrase=None, env={"LANG": "en_AU.UTF-8"})
    assert result.returncode == 0
    assert "Support in Australia" in result.stdout and "13 11 14" in result.stdout


def test_json_has_stable_keys_and_no_people_without_a_journal(run_cli):
    result = run(run_cli, "--country", "NZ", "--json", passphrase=None)
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    assert set(doc) == DOC_KEYS
    assert doc["country"] == "NZ" and doc["people"] is None
    assert doc["lines"] and all(set(line) == LINE_KEYS for line in doc["lines"])
    assert {line["kind"] for line in doc["lines"]} >= {"crisis", "abuse"}
    assert doc["directory"]["web"].startswith("https://")


def test_an_unknown_country_is_one_sentence_and_exit_2(run_cli):
    line = assert_one_line_error(run(run_cli, "--country", "XX", passphrase=None), 2)
    assert "country code" in line


def test_with_the_journal_open_the_own_people_are_added(run_cli, journal):
    result = run(run_cli, "--country", "IE")
    assert result.returncode == 0, result.stderr
    assert "Samaritans Ireland" in result.stdout
    assert "Marguerite: 07700 900456" in result.stdout and "Dr Adeyemi" in result.stdout

    doc = json.loads(run(run_cli, "--country", "IE", "--json").stdout)
    assert doc["people"] == [
        {"name": "Marguerite", "reach": "07700 900456", "note": "my sister"},
        {"name": "Dr Adeyemi", "reach": "", "note": ""},
    ]


def test_a_journal_without_its_passphrase_still_shows_the_lines(run_cli, journal):
    result = run(run_cli, "--country", "US", passphrase=None)
    assert result.returncode == 0, result.stderr
    assert "988" in result.stdout and "RECONCILE_PASSPHRASE" in result.stdout
    assert "Marguerite" not in result.stdout


def test_a_wrong_passphrase_never_fails_the_command(run_cli, journal):
    result = run(run_cli, "--country", "DE", passphrase="not the right one")
    assert result.returncode == 0, result.stderr
    assert "116 016" in result.stdout
    assert "could not be added" in result.stdout and "Marguerite" not in result.stdout
    assert "not the right one" not in result.stdout + result.stderr
