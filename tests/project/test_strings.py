"""The catalogue of every sentence (make strings) is current, and none of it says what the app
must never say (packaging/strings/never_say.json, each rule with its reason)."""

from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
STRINGS = ROOT / "packaging" / "strings"


def _tool():
    spec = importlib.util.spec_from_file_location("strings_tool", ROOT / "packaging/strings.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def rendered() -> dict[str, str]:
    return _tool().render()


def test_the_catalogue_and_the_ts_file_are_current(rendered):
    for name, text in rendered.items():
        committed = (STRINGS / name).read_text(encoding="utf-8")
        assert committed == text, f"packaging/strings/{name} is out of date: run `make strings`"


def test_the_catalogue_holds_the_window_the_cli_and_the_prompts(rendered):
    text = rendered["catalogue.md"]
    for sentence in (
        "Save my answers",  # the window, through tr()
        "The entry is empty, so nothing was saved.",  # the command line
        "That passphrase does not open this journal. Please try again.",  # core's messages
        "My part, listed:",  # a prompt
    ):
        assert sentence in text


def _lines(text: str) -> list[str]:
    return [line[2:] for line in text.splitlines() if line.startswith("- ")]


def test_nothing_says_what_the_app_must_never_say(rendered):
    rules = json.loads((STRINGS / "never_say.json").read_text(encoding="utf-8"))["rules"]
    lines = _lines(rendered["catalogue.md"])
    found = []
    for rule in rules:
        assert rule["why"].strip() and rule["patterns"]
        allowed = {a["line"] for a in rule["allow"]}
        assert all(a["why"].strip() for a in rule["allow"])
        assert allowed <= set(lines), "an allowed line is no longer in the catalogue: drop it"
        for pattern in rule["patterns"]:
            found += [
                (rule["name"], line)
                for line in lines
                if re.search(pattern, line, re.I) and line not in allowed
            ]
    assert found == []


def test_the_rules_catch_what_they_are_for():
    rules = json.loads((STRINGS / "never_say.json").read_text(encoding="utf-8"))["rules"]
    samples = {
        "promising that the ex will come back": "Keep going and they will come back.",
        "telling the user to check on the ex": "Check up on them once a week.",
        "calling the user a failure": "You failed your plan.",
        "guilt-tripping or shaming": "You should have known better.",
    }
    for rule in rules:
        assert any(re.search(p, samples[rule["name"]], re.I) for p in rule["patterns"])
