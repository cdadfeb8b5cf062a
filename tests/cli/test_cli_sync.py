"""`reconcile sync status|now|join|leave` as a user meets them: real processes, the real KDF,
two data folders standing for two computers and one folder standing for what they sync.

Each command unlocks a journal (about a second), so each test strings several steps together.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.cli.test_cli import assert_one_line_error
from tests.processes import PASSPHRASE

MARKER = "lanternfish"  # a word no generated text uses, to find the entry by


@pytest.fixture
def desk(tmp_path, template) -> Path:
    """The first computer: a journal of its own (a copy of the module's template)."""
    folder = tmp_path / "desk"
    shutil.copytree(template, folder)
    return folder


@pytest.fixture
def on(run_cli):
    """on(data, *args, passphrase=PASSPHRASE): one command against that computer's journal."""

    def run(data: Path, *args: str, passphrase: str | None = PASSPHRASE):
        result = run_cli("--data-dir", str(data), *args, passphrase=passphrase)
        assert "Traceback" not in result.stderr
        assert PASSPHRASE not in result.stdout + result.stderr
        return result

    return run


def ok(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 0, result.stderr
    return result.stdout


def write_entry(on, data: Path, tmp_path: Path, title: str) -> None:
    body = tmp_path / f"{title}.txt"
    body.write_text(f"A long walk by the {MARKER} pond, and a calm evening after.", "utf-8")
    ok(on(data, "add", "--title", title, "--file", str(body)))


def files_of(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def test_an_entry_written_on_one_computer_is_found_on_the_other(on, desk, tmp_path):
    shared, laptop = tmp_path / "shared", tmp_path / "laptop"

    said = ok(on(desk, "sync", "join", str(shared), "--name", "Desk"))
    assert f"now syncs through {shared}" in said
    assert (shared / "vault.key").is_file()
    write_entry(on, desk, tmp_path, "Evening by the water")
    assert "Wrote" in ok(on(desk, "sync", "now"))
    written = files_of(shared)
    assert "already syncs" in ok(on(desk, "sync", "join", str(shared)))
    assert files_of(shared) == written  # no second snapshot

    joined = json.loads(ok(on(laptop, "sync", "join", str(shared), "--name", "Laptop", "--json")))
    assert joined["created_journal"] is True
    assert joined["data_dir"] == str(laptop)
    assert joined["sync"]["enabled"] is True

    hits = json.loads(ok(on(laptop, "search", MARKER, "--json")))["hits"]
    assert [hit["title"] for hit in hits] == ["Evening by the water"]
    for secret in (MARKER, "Evening by the water", PASSPHRASE):
        assert not [name for name, data in files_of(shared).items() if secret.encode() in data]

    # The desk hears of the laptop at its next sync, and both name each other.
    ok(on(desk, "sync", "now"))
    text = ok(on(desk, "sync", "status"))
    assert "Laptop" in text and str(shared) in text
    for data, this, other in ((desk, "Desk", "Laptop"), (laptop, "Laptop", "Desk")):
        status = json.loads(ok(on(data, "sync", "status", "--json")))
        assert status["enabled"] is True
        assert status["folder"] == str(shared)
        assert status["device"]["name"] == this
        assert status["problem"] is None
        assert [(d["name"], d["this"]) for d in status["devices"]] == [(this, True), (other, False)]


def test_sync_now_and_status_say_plainly_when_sync_is_off(on, desk):
    report = json.loads(ok(on(desk, "sync", "now", "--json")))
    assert (report["written"], report["applied"], report["conflicts"]) == (0, 0, 0)
    assert report["sync"]["enabled"] is False
    assert json.loads(ok(on(desk, "sync", "status", "--json")))["enabled"] is False
    assert "reconcile sync join FOLDER" in ok(on(desk, "sync", "status"))


def test_after_leave_the_journal_stays_whole_and_sync_is_off(on, desk, tmp_path):
    shared = tmp_path / "shared"
    write_entry(on, desk, tmp_path, "Before leaving")
    ok(on(desk, "sync", "join", str(shared)))
    written = files_of(shared)

    assert "no longer syncs" in ok(on(desk, "sync", "leave"))
    assert json.loads(ok(on(desk, "sync", "status", "--json")))["enabled"] is False
    assert json.loads(ok(on(desk, "sync", "now", "--json")))["written"] == 0
    assert [h["title"] for h in json.loads(ok(on(desk, "search", MARKER, "--json")))["hits"]] == [
        "Before leaving"
    ]
    assert files_of(shared).keys() >= written.keys()  # what the others may still need stays
    assert "nothing changed" in ok(on(desk, "sync", "leave"))


def test_a_missing_folder_is_one_calm_sentence_and_the_next_sync_picks_up(on, desk, tmp_path):
    shared, away = tmp_path / "shared", tmp_path / "away"
    ok(on(desk, "sync", "join", str(shared)))
    shared.rename(away)  # a USB stick taken out

    write_entry(on, desk, tmp_path, "While the stick was out")
    said = ok(on(desk, "sync", "now"))
    assert "cannot be found" in said and "nothing is lost" in said
    status = json.loads(ok(on(desk, "sync", "status", "--json")))
    assert status["enabled"] is True and "cannot be found" in status["problem"]

    away.rename(shared)
    report = json.loads(ok(on(desk, "sync", "now", "--json")))
    assert report["written"] >= 1 and report["sync"]["problem"] is None


def _refuse_writes(folder: Path) -> None:
    if os.geteuid() != 0:
        folder.chmod(0o500)
        return
    # Root ignores modes; the immutable attribute refuses new files to root as well.
    done = subprocess.run(["chattr", "+i", str(folder)], capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"root ignores chmod and chattr +i is not permitted here ({done.stderr})")


def _allow_writes(folder: Path) -> None:
    if os.geteuid() != 0:
        folder.chmod(0o700)
    else:
        subprocess.run(["chattr", "-i", str(folder)], check=False)


def test_a_folder_that_is_a_file_or_cannot_be_written_is_one_sentence(on, desk, tmp_path):
    a_file = tmp_path / "notes.txt"
    a_file.write_text("not a folder", "utf-8")
    sealed = tmp_path / "read-only"
    sealed.mkdir()
    _refuse_writes(sealed)
    try:
        for target in (a_file, sealed):
            # With a journal here, it cannot be started there (6, a folder that cannot be
            # written); without one, there is no journal there to join (4).
            for data, code in ((desk, 6), (tmp_path / "empty", 4)):
                result = on(data, "sync", "join", str(target))
                assert_one_line_error(result, code)
                assert result.stdout == ""
        assert list(sealed.iterdir()) == []
    finally:
        _allow_writes(sealed)
    assert a_file.read_text("utf-8") == "not a folder"
    assert not (tmp_path / "empty").exists()
    assert json.loads(ok(on(desk, "sync", "status", "--json")))["enabled"] is False


def test_joining_from_a_folder_without_a_journal_says_so_before_the_passphrase(on, tmp_path):
    laptop = tmp_path / "laptop"
    for folder in (tmp_path / "nowhere", tmp_path):
        result = on(laptop, "sync", "join", str(folder), passphrase=None)
        assert "no Reconcile journal in that folder" in assert_one_line_error(result, 4)
    assert not laptop.exists()


def test_a_wrong_passphrase_on_join_writes_nothing(on, desk, tmp_path):
    shared, laptop = tmp_path / "shared", tmp_path / "laptop"
    ok(on(desk, "sync", "join", str(shared)))
    before = files_of(shared)

    result = on(laptop, "sync", "join", str(shared), passphrase="not the one we use")
    assert_one_line_error(result, 3)
    assert not laptop.exists() or list(laptop.iterdir()) == []
    assert files_of(shared) == before


def test_a_folder_holding_another_journal_is_refused_in_one_sentence(on, desk, tmp_path):
    shared, other = tmp_path / "shared", tmp_path / "other"
    ok(on(desk, "sync", "join", str(shared)))
    before = files_of(shared)
    ok(on(other, "init"))

    result = on(other, "sync", "join", str(shared))
    assert "another journal" in assert_one_line_error(result, 6)
    assert files_of(shared) == before
    assert json.loads(ok(on(other, "sync", "status", "--json")))["enabled"] is False
