"""`reconcile add` in an editor: words are never removed before they are saved, a closed terminal
or SIGTERM saves what the editor wrote and leaves nothing behind, and the editor never sees the
passphrase. Real processes on a pseudo-terminal; TMPDIR is private to each test, so every
folder the command leaves can be seen."""

from __future__ import annotations

import json
import os
import shlex
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from reconcile_desktop.commands import editor
from reconcile_desktop.core.journal.entries import MAX_BODY_CHARS
from tests.cli.test_cli_journal import cli, hits, ok  # noqa: F401
from tests.processes import CHILD_TIMEOUT, PASSPHRASE, REPO, child_env

pytestmark = pytest.mark.skipif(os.name != "posix", reason="pseudo-terminals and signals")


@pytest.fixture
def tmp_dir(tmp_path) -> Path:
    folder = tmp_path / "tmp"
    folder.mkdir(mode=0o700)
    return folder


def _editor(tmp_path: Path, body: str) -> str:
    """An $EDITOR that records what it saw, then runs `body` (python) with `path` set."""
    script = tmp_path / "editor.py"
    trace = tmp_path / "trace.json"
    script.write_text(
        "import json, os, sys, time\n"
        "path = sys.argv[-1]\n"
        "seen = {'path': path, 'env': sorted(k for k in os.environ if 'PASSPHRASE' in k)}\n"
        f"json.dump(seen, open({str(trace)!r}, 'w'))\n" + body,
        encoding="utf-8",
    )
    return f"{shlex.quote(sys.executable)} {shlex.quote(str(script))}"


def _trace(tmp_path: Path) -> dict:
    return json.loads((tmp_path / "trace.json").read_text(encoding="utf-8"))


def _add_at_terminal(cli, tmp_dir, command, *args, answer: bytes = b""):  # noqa: F811
    leader, follower = os.openpty()
    try:
        if answer:
            os.write(leader, answer)
        return cli("add", *args, stdin=follower, env={"EDITOR": command, "TMPDIR": str(tmp_dir)})
    finally:
        os.close(follower)
        os.close(leader)


def _drafts(tmp_dir: Path) -> list[Path]:
    return sorted(tmp_dir.glob(f"{editor.PREFIX}*"))


def test_text_that_is_not_utf8_is_kept_and_can_be_saved_later(cli, tmp_path, tmp_dir):  # noqa: F811
    command = _editor(
        tmp_path, "open(path, 'wb').write('Café au lait, crème.\\n'.encode('cp1252'))\n"
    )

    result = _add_at_terminal(cli, tmp_dir, command, answer=b"n\n")

    assert result.returncode == 2 and "Traceback" not in result.stderr
    kept = Path(_trace(tmp_path)["path"])
    assert kept.read_bytes() == "Café au lait, crème.\n".encode("cp1252")  # nothing thrown away
    last = result.stderr.strip().splitlines()[-1]
    assert "not UTF-8" in last and f"reconcile add --file {kept}" in last
    assert hits(cli, "crème") == []

    kept.write_text("Café au lait, crème.\n", encoding="utf-8")  # converted by the user
    assert ok(cli("add", "--file", str(kept), env={"TMPDIR": str(tmp_dir)})).startswith("Saved")
    assert [h["snippet"] for h in hits(cli, "crème")] == ["Café au lait, crème."]
    assert _drafts(tmp_dir) == []  # saved, so the kept folder went


def test_windows_1252_text_is_saved_once_the_user_agrees(cli, tmp_path, tmp_dir):  # noqa: F811
    command = _editor(tmp_path, "open(path, 'wb').write('Un café “calme”.'.encode('cp1252'))\n")

    result = _add_at_terminal(cli, tmp_dir, command, answer=b"y\n")

    assert result.returncode == 0, result.stderr
    assert "Windows-1252" in result.stderr and "Un café “calme”." in result.stderr
    assert [h["snippet"] for h in hits(cli, "café")] == ["Un café “calme”."]
    assert _drafts(tmp_dir) == []


def test_text_too_long_to_save_is_kept(cli, tmp_path, tmp_dir):  # noqa: F811
    command = _editor(tmp_path, f"open(path, 'w').write('a' * {MAX_BODY_CHARS + 1})\n")

    result = _add_at_terminal(cli, tmp_dir, command)

    assert result.returncode == 2
    kept = Path(_trace(tmp_path)["path"])
    assert kept.stat().st_size == MAX_BODY_CHARS + 1
    assert f"--file {kept}" in result.stderr
    assert (kept.parent / editor.KEPT_MARKER).is_file()


def test_the_editor_never_sees_the_passphrase(cli, tmp_path, tmp_dir):  # noqa: F811
    command = _editor(tmp_path, "open(path, 'w').write('A quiet morning.')\n")

    ok(_add_at_terminal(cli, tmp_dir, command))

    assert _trace(tmp_path)["env"] == []  # the test runs with RECONCILE_PASSPHRASE set
    assert _drafts(tmp_dir) == []


def _wait_for(path: Path, proc: subprocess.Popen) -> None:
    deadline = time.monotonic() + CHILD_TIMEOUT
    while not path.exists():
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < deadline, "the editor never started"
        time.sleep(0.02)  # polling for a file another process writes; not a fixed wait


@pytest.mark.parametrize(
    ("signum", "saved_words"),
    [(signal.SIGHUP, True), (signal.SIGTERM, True), (signal.SIGTERM, False)],
    ids=["hangup-with-words", "term-with-words", "term-before-saving"],
)
def test_a_stop_signal_saves_what_the_editor_wrote_and_leaves_nothing(
    cli,  # noqa: F811
    tmp_path,
    tmp_dir,
    signum,
    saved_words,
):
    ready = tmp_path / "ready"
    write = "open(path, 'w').write('Written before the lid closed.')\n" if saved_words else ""
    command = _editor(
        tmp_path, write + f"open({str(ready)!r}, 'w').close()\ntime.sleep({CHILD_TIMEOUT})\n"
    )
    env = child_env(
        tmp_path / "data",
        RECONCILE_PASSPHRASE=PASSPHRASE,
        TZ="America/New_York",
        EDITOR=command,
        TMPDIR=str(tmp_dir),
    )
    leader, follower = os.openpty()
    try:
        proc = subprocess.Popen(
            [sys.executable, "-m", "reconcile_desktop", "add"],
            cwd=REPO,
            env=env,
            stdin=follower,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            _wait_for(ready, proc)
            proc.send_signal(signum)
            out, err = proc.communicate(timeout=CHILD_TIMEOUT)
        finally:
            proc.kill()
    finally:
        os.close(follower)
        os.close(leader)

    assert proc.returncode == 128 + signum, err
    assert "Traceback" not in err
    assert _drafts(tmp_dir) == []  # no plaintext left in the temp folder
    found = hits(cli, "lid")
    assert [h["snippet"] for h in found] == (
        ["Written before the lid closed."] if saved_words else []
    )


def test_folders_left_by_a_killed_run_are_swept_or_named(cli, tmp_path, tmp_dir):  # noqa: F811
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        text=True,
        capture_output=True,
        check=True,
    )
    pid = int(dead.stdout)
    empty = tmp_dir / f"{editor.PREFIX}{pid}-empty"
    words = tmp_dir / f"{editor.PREFIX}{pid}-words"
    for folder in (empty, words):
        folder.mkdir(mode=0o700)
        (folder / editor.FILE_NAME).touch(mode=0o600)
    (words / editor.FILE_NAME).write_text("Half a letter.", encoding="utf-8")
    command = _editor(tmp_path, "open(path, 'w').write('A new morning.')\n")

    result = _add_at_terminal(cli, tmp_dir, command)

    assert result.returncode == 0, result.stderr
    assert not empty.exists()
    assert (words / editor.FILE_NAME).read_text(encoding="utf-8") == "Half a letter."
    assert f"reconcile add --file {words / editor.FILE_NAME}" in result.stderr
    assert _drafts(tmp_dir) == [words]
