"""A world of computers syncing through simulated folders (sync_world.py)."""

from __future__ import annotations

import pytest

from tests.core.sync.sync_world import World


@pytest.fixture
def world(tmp_path):
    w = World(tmp_path)
    yield w
    w.close()


@pytest.fixture
def pair(world):
    """A started syncing, B joined from a whole copy of A's folder, and each has seen the other."""
    world.first("A")
    world.sync("A")
    world.join("B", source="A")
    world.settle(rounds=1)  # each has the other's device file: they know each other
    return world
