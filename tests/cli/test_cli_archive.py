"""The archive and CSV exports from the command line: a restore into a new journal prints the
same --json for progress, status, today, search and the plan; bad archives are one sentence."""

from __future__ import annotations

import json
import zipfile

import pytest

from reconcile_desktop.commands import archive as archive_cli
from reconcile_desktop.core.archive import sealed

ARCHIVE_PASSPHRASE = "the archive has its own words"
SEALED_ENV = {archive_cli.ENV_ARCHIVE_PASSPHRASE: ARCHIVE_PASSPHRASE}


def _json(run_cli, *args, env=None) -> dict:
    done = run_cli(*args, "--json", env=env)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def _fill(run_cli, tmp_path) -> None:
    for argv in (
        ["init"],
        ["plan", "add", "Listen first", "--commitment", "Ask before answering",
         "--commitment", "Walk", "--days", "mon,wed,fri", "--start", "2026-01-01"],
        ["mark", "1", "kept"],
        ["mark", "1", "slipped", "--date", "yesterday", "--note", "tired"],
        ["nocontact", "start", "--target", "45"],
        ["urge", "--trigger", "a song", "--intensity", "3"],
        ["nocontact", "boundary", "set", "blocked"],
    ):  # fmt: skip
        done = run_cli(*argv)
        assert done.returncode == 0, (argv, done.stderr)
    words = tmp_path / "words.txt"
    words.write_text("calm words", encoding="utf-8")
    for title in ("A calm evening", "After the walk"):
        done = run_cli("add", "--title", title, "--tag", "hope", "--file", str(words))
        assert done.returncode == 0, done.stderr


def _pages(run_cli, env=None) -> list[dict]:
    return [
        _json(run_cli, *argv, env=env)
        for argv in (["progress"], ["status"], ["today"], ["search", "calm"], ["plan", "list"])
    ]


@pytest.mark.slow
def test_an_archive_plain_or_encrypted_restores_every_json_output(run_cli, tmp_path):
    _fill(run_cli, tmp_path)
    before = _pages(run_cli)
    plain, locked = tmp_path / "everything.zip", tmp_path / "sealed.zip"
    done = run_cli("export", "--format", "archive", "--out", str(plain))
    assert done.returncode == 0, done.stderr
    assert "not encrypted" in done.stderr and "2 entries" in done.stdout
    done = run_cli(
        "export", "--format", "archive", "--encrypt", "--out", str(locked), env=SEALED_ENV
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == "" and "encrypted" in done.stdout
    assert locked.read_bytes().startswith(sealed.MAGIC) and b"calm" not in locked.read_bytes()

    for n, (path, env) in enumerate(((plain, {}), (locked, SEALED_ENV))):
        other = {"RECONCILE_DATA_DIR": str(tmp_path / f"restored-{n}")}
        assert run_cli("init", env=other).returncode == 0
        done = run_cli("import", str(path), "--yes", env=other | env)
        assert done.returncode == 0, done.stderr
        assert "New: 2 entries" in done.stdout and "Imported 2 entries" in done.stdout
        assert _pages(run_cli, env=other) == before

    again = run_cli("import", str(plain), "--yes")
    assert "nothing new" in again.stdout and "Already here" in again.stdout
    wrong = {archive_cli.ENV_ARCHIVE_PASSPHRASE: "not the archive's words"}
    done = run_cli("import", str(locked), "--yes", env=wrong)
    assert done.returncode == 3
    assert done.stderr == f"reconcile: {sealed.ArchivePassphraseWrong.message}\n"
    missing = run_cli("import", str(locked), "--yes")
    assert missing.returncode == 2 and archive_cli.ENV_ARCHIVE_PASSPHRASE in missing.stderr


def test_a_damaged_archive_is_one_sentence_and_changes_nothing(run_cli, tmp_path):
    assert run_cli("init").returncode == 0
    before = _json(run_cli, "search", "calm")
    bad = tmp_path / "bad.zip"
    doc = {"format": "reconcile-archive", "version": 1, "exported": "", "tables": {}}
    doc["tables"]["entry"] = [{"id": 1, "title": "calm"}]
    with zipfile.ZipFile(bad, "w") as zf:
        zf.writestr("reconcile-archive.json", json.dumps(doc))
    done = run_cli("import", str(bad), "--yes")
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "damaged" in done.stderr
    assert _json(run_cli, "search", "calm") == before


def test_csv_export_writes_loops_layout(run_cli, tmp_path):
    assert run_cli("init").returncode == 0
    assert run_cli("plan", "add", "Listen", "--commitment", "Ask", "--commitment", "Walk")
    assert run_cli("mark", "1", "kept").returncode == 0
    done = run_cli("export", "--format", "csv", "--out", str(tmp_path / "csv"))
    assert done.returncode == 0, done.stderr
    assert "not encrypted" in done.stderr
    lines = (tmp_path / "csv" / "checkins.csv").read_text().splitlines()
    assert lines[0] == "Date,Ask,Walk" and lines[1].endswith(",2,-1")


def test_encrypt_only_goes_with_the_archive(run_cli, tmp_path):
    done = run_cli("export", "--encrypt", "--out", str(tmp_path / "x.json"))
    assert done.returncode == 2 and "--format archive" in done.stderr


def test_the_command_line_knows_the_sealed_archives_mark():
    assert archive_cli.SEALED_MAGIC == sealed.MAGIC
