"""The harness itself: two real Syncthing daemons on loopback carry a plain file both ways,
the link goes down and up on request, and nothing of theirs outlives the test."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys

import pytest

from tests.processes import REPO, child_env
from tests.system.sync.syncthing_pair import syncthing_pair, wait_until, why_not_available

pytestmark = pytest.mark.slow


def test_a_plain_file_crosses_both_ways_and_the_daemons_stop(tmp_path):
    with syncthing_pair(tmp_path) as pair:
        (pair.folder_a / "from-a.txt").write_text("written on A")
        pair.wait_in_sync()
        assert (pair.folder_b / "from-a.txt").read_text() == "written on A"

        (pair.folder_b / "from-b.txt").write_text("written on B")
        pair.wait_in_sync()
        assert (pair.folder_a / "from-b.txt").read_text() == "written on B"

        pair.link_down()
        (pair.folder_a / "apart-a.txt").write_text("A alone")
        (pair.folder_b / "apart-b.txt").write_text("B alone")
        started = pair.namespace.members()  # both daemons (and their monitors) run in it
        assert len(started) >= 2
        links = subprocess.run(
            pair.namespace.command("ip", "-o", "link"), capture_output=True, text=True, check=True
        )
        assert [line.split(":")[1].strip() for line in links.stdout.splitlines()] == ["lo"]
        pair.link_up()
        pair.wait_in_sync()
        assert (pair.folder_b / "apart-a.txt").read_text() == "A alone"
        assert (pair.folder_a / "apart-b.txt").read_text() == "B alone"
        assert pair.conflict_files() == []
        holder = pair.namespace.holder

    assert holder.poll() is not None
    assert [pid for pid in started if os.path.exists(f"/proc/{pid}")] == []


HOLD_A_PAIR = """
import pathlib, sys, time
from tests.system.sync.syncthing_pair import syncthing_pair
with syncthing_pair(pathlib.Path(sys.argv[1])) as pair:
    print(*[pair.namespace.holder.pid, *pair.namespace.members()], flush=True)
    time.sleep(300)
"""


def test_the_daemons_stop_even_when_the_test_process_is_killed(tmp_path):
    if why_not_available():
        pytest.skip(why_not_available())
    child = subprocess.Popen(
        [sys.executable, "-c", HOLD_A_PAIR, str(tmp_path)],
        cwd=REPO,
        env=child_env(tmp_path / "unused"),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        started = [int(pid) for pid in child.stdout.readline().split()]
    finally:
        child.kill()  # SIGKILL: no finally, no atexit runs in it
        child.wait(timeout=30)
        child.stdout.close()
    assert len(started) >= 3  # the namespace's holder and both daemons

    def alive() -> list[int]:
        return [pid for pid in started if os.path.exists(f"/proc/{pid}")]

    try:
        wait_until(lambda: not alive(), 30, "the daemons and the namespace to go with it")
    finally:
        for pid in alive():  # only when the test fails: leave nothing running
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
