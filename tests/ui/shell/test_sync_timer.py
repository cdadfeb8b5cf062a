"""When the window syncs: a few seconds after writes (one sync for a burst of them), never two
at once, never for a change of colours or for its own announcement, never when sync is off.
The engine is stood in for here, so only the timing is under test (test_sync_gui.py runs the
real one)."""

from __future__ import annotations

import threading

import pytest

from reconcile_desktop.core.changes import ENTRIES, NOTHING, THEME, Changes
from reconcile_desktop.core.sync import service as sync
from reconcile_desktop.ui.shell.sync_timer import SyncTimer


def status(enabled: bool = True) -> sync.SyncStatus:
    return sync.SyncStatus(
        enabled=enabled,
        folder="/somewhere" if enabled else None,
        device_id="this",
        device_name="Desk",
        last_synced_utc=None,
        problem=None,
        devices=(),
        waiting=0,
        needs_passphrase=False,
    )


class FakeEngine:
    """sync_now counted, optionally held until released, merging `changes`."""

    def __init__(self) -> None:
        self.calls = 0
        self.changes: Changes = NOTHING
        self.gate: threading.Event | None = None

    def sync_now(self, _vault) -> sync.SyncReport:
        self.calls += 1
        if self.gate is not None:
            self.gate.wait(10)
        return sync.SyncReport(0, 0, 0, 0, self.changes, status())


@pytest.fixture
def engine(monkeypatch):
    fake = FakeEngine()
    monkeypatch.setattr(sync, "sync_now", fake.sync_now)
    yield fake
    if fake.gate is not None:
        fake.gate.set()


@pytest.fixture
def timer(qtbot, vault, ops, engine):
    made = SyncTimer(vault, ops, first_delay_ms=0, after_write_ms=20)
    with qtbot.waitSignal(made.synced):
        made.start()  # the first sync, soon after unlock
    engine.calls = 0
    yield made
    made.stop()
    ops.runner.wait()


def test_a_burst_of_writes_brings_one_sync(qtbot, timer, ops, engine):
    for _ in range(3):
        ops.changed.emit(Changes.of(ENTRIES))
    assert timer.due
    with qtbot.waitSignal(timer.synced):
        pass
    assert engine.calls == 1
    assert not timer.due


def test_its_own_announcement_brings_no_further_sync(qtbot, timer, ops, engine):
    engine.changes = Changes.of(ENTRIES)  # the merge brought entries in
    heard: list[Changes] = []
    ops.changed.connect(heard.append)
    with qtbot.waitSignal(timer.synced):
        timer.run_now()
    assert heard == [Changes.of(ENTRIES)]
    assert not timer.due


def test_a_change_of_colours_is_no_write(timer, ops):
    ops.changed.emit(Changes.of(THEME))
    assert not timer.due


def test_never_two_at_once_and_a_write_meanwhile_waits_its_turn(qtbot, timer, ops, engine):
    engine.gate = threading.Event()
    assert timer.run_now() is not None
    assert timer.run_now() is None  # one is running
    ops.changed.emit(Changes.of(ENTRIES))
    assert not timer.due  # not while it runs...
    with qtbot.waitSignal(timer.synced):
        engine.gate.set()
    assert timer.due  # ...but after it
    assert engine.calls == 1


def test_nothing_is_scheduled_when_sync_is_off(timer, ops):
    timer.set_status(status(enabled=False))
    ops.changed.emit(Changes.of(ENTRIES))
    assert not timer.due
    assert timer.run_now() is None


def test_nothing_runs_once_stopped(timer, ops):
    timer.stop()  # locking
    ops.changed.emit(Changes.of(ENTRIES))
    assert not timer.due
    assert timer.run_now() is None


def test_no_sync_starts_while_the_key_is_replaced_and_one_follows(timer, ops):
    timer.hold(True)  # hold_still: Settings replaces the key, the journal closes for a moment
    assert timer.run_now() is None
    timer.hold(False)
    assert timer.due
