"""Run work that takes longer than a frame (KDF, backup, imports) off the GUI thread.

A Task is a QObject living on the GUI thread; its runnable emits from a pool thread and the
queued connections bring the result back to the GUI thread, where the callbacks run.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal, Slot
from PySide6.QtWidgets import QProgressBar

from reconcile_desktop.core.errors import ReconcileError

log = logging.getLogger(__name__)

GENERIC_SENTENCE = "Something unexpected went wrong. Nothing you wrote was lost; please try again."


class Task(QObject):
    """One piece of background work. Emits succeeded(result) or failed(ReconcileError)."""

    succeeded = Signal(object)
    failed = Signal(object)
    finished = Signal()
    _done = Signal(bool, object)  # emitted from the pool thread

    def __init__(
        self,
        fn: Callable[[], Any],
        on_result: Callable[[Any], None] | None = None,
        on_error: Callable[[ReconcileError], None] | None = None,
    ) -> None:
        super().__init__()
        self._fn = fn
        if on_result is not None:
            self.succeeded.connect(on_result)
        if on_error is not None:
            self.failed.connect(on_error)
        # Queued, so the callbacks always run on the thread that owns this object (GUI).
        self._done.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    def run(self) -> None:
        """Runs on a pool thread. Never lets an exception (or its text) escape."""
        try:
            result = self._fn()
        except ReconcileError as exc:
            self._done.emit(False, exc)
        except Exception as exc:  # a bug, not a user error: a generic sentence, no traceback
            # Only the type: a message could quote data (or, in a bad case, a secret).
            log.error("Background work failed with %s", type(exc).__name__)
            self._done.emit(False, ReconcileError(GENERIC_SENTENCE))
        else:
            self._done.emit(True, result)
        finally:
            self._fn = None  # drop closures that may hold a passphrase

    @Slot(bool, object)
    def _deliver(self, ok: bool, value: object) -> None:
        if ok:
            self.succeeded.emit(value)
        else:
            self.failed.emit(value)
        self.finished.emit()


class _Runnable(QRunnable):
    def __init__(self, task: Task) -> None:
        super().__init__()
        self._task = task

    def run(self) -> None:
        self._task.run()


class Runner(QObject):
    """The app's one runner for work slower than a frame. Two lanes: `serial` tasks (every
    write and slow read of the window, through ui/ops.py) run one at a time in the order they
    came; the others (the KDF, a backup, an import, warm-ups) run beside them. wait() covers
    both, so "finish the writes, then lock" is one call."""

    def __init__(self, parent: QObject | None = None, max_threads: int = 2) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(max_threads)
        self._serial = QThreadPool(self)  # one thread: FIFO, so writes land in order
        self._serial.setMaxThreadCount(1)
        self._tasks: set[Task] = set()

    def submit(
        self,
        fn: Callable[[], Any],
        *,
        on_result: Callable[[Any], None] | None = None,
        on_error: Callable[[ReconcileError], None] | None = None,
        serial: bool = False,
    ) -> Task:
        task = Task(fn, on_result, on_error)
        self._tasks.add(task)
        task.finished.connect(lambda: self._tasks.discard(task))
        (self._serial if serial else self._pool).start(_Runnable(task))
        return task

    @property
    def busy(self) -> bool:
        """True while a task runs or its result has not been delivered yet."""
        return bool(self._tasks)

    def wait_serial(self, msecs: int = -1) -> bool:
        """Block until the serial lane is done (its results are still delivered later)."""
        return self._serial.waitForDone(msecs)

    def wait(self, msecs: int = -1) -> bool:
        """Block until both lanes are done (results are still delivered later)."""
        serial_done = self._serial.waitForDone(msecs)
        return self._pool.waitForDone(msecs) and serial_done


def busy_bar(accessible_name: str) -> QProgressBar:
    """A slim indeterminate bar for work that reports no progress (the KDF, a backup)."""
    bar = QProgressBar()
    bar.setRange(0, 0)
    bar.setTextVisible(False)
    bar.setMaximumHeight(8)
    bar.setAccessibleName(accessible_name)
    bar.hide()
    return bar
