"""The harness itself: two real Syncthing daemons on loopback carry a plain file both ways,
the link goes down and up on request, and nothing of theirs outlives the test."""

from __future__ import annotations

import os
import subprocess

import pytest

from tests.system.sync.syncthing_pair import syncthing_pair

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
