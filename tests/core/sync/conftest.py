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
    """A started syncing and B joined from a whole copy of A's folder, both synced once."""
    world.first("A")
    world.sync("A")
    world.join("B", source="A")
    world.sync("B")
    return world
