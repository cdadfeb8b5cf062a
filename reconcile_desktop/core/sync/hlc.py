"""The hybrid logical clock that stamps this device's changes.

A stamp is `'%016x' % hlc + ':' + device`: the clock's high bits are milliseconds, the low 16
bits a counter, so stamps never go backwards even when the wall clock does, and comparing two
stamps as strings orders them by clock and then by device, the same on every computer.

The clock lives in Python and is handed to SQLite as the function rc_stamp(), which the sync
triggers call: a lookup of sync_state inside every trigger cost about 0.2 ms a row under
SQLCipher's memory security (each table a trigger touches allocates locked memory). One
Reconcile process at a time opens a vault (instance lock), so the process holds the clock;
it is loaded from sync_state when the vault opens and written back when a sync or a merge
records it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

COUNTER_BITS = 16


class HybridClock:
    def __init__(self, now_ms: Callable[[], int]) -> None:
        self.now_ms = now_ms
        self.device = ""
        self.last = 0
        self._lock = threading.Lock()

    def load(self, device: str, last: int) -> None:
        with self._lock:
            self.device = device
            self.last = max(self.last, int(last))

    def tick(self) -> int:
        with self._lock:
            self.last = max(self.now_ms() << COUNTER_BITS, self.last + 1)
            return self.last

    def stamp(self) -> str:
        value = self.tick()
        return f"{value:016x}:{self.device}"

    def receive(self, newest: int) -> None:
        """Never stamp below what was read from another device."""
        with self._lock:
            self.last = max(self.last, int(newest))


def physical_ms(hlc: int) -> int:
    return hlc >> COUNTER_BITS
