"""The window's one way to change the journal: ops.mutate(core_fn, ...) runs a core write on
the runner's serial lane, then broadcasts the Changes it declared (core/changes.py) to every
page, the tray and the status bar. ops.query(...) runs a slow read on the same lane.

Nothing here knows pages or widgets; the window connects `changed` to them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

from reconcile_desktop.core.changes import Changes, changes_of
from reconcile_desktop.core.errors import ReconcileError
from reconcile_desktop.ui.workers import Runner, Task

Done = Callable[[Any], None] | None
Failed = Callable[[ReconcileError], None] | None


class Ops(QObject):
    changed = Signal(object)  # Changes, on the GUI thread, once a write has finished

    def __init__(self, runner: Runner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.runner = runner

    def mutate(
        self, fn: Callable, *args: Any, on_done: Done = None, on_error: Failed = None, **kwargs
    ) -> Task:
        """Run a core write marked @writes off the GUI thread; every view hears what changed
        before on_done runs, so on_done sees fresh pages. A failed write changed nothing."""
        return self._run(
            changes_of(fn), lambda: fn(*args, **kwargs), on_done, on_error, partial=False
        )

    def mutate_many(
        self,
        changes: Changes,
        work: Callable[[], Any],
        *,
        on_done: Done = None,
        on_error: Failed = None,
    ) -> Task:
        """A dialog's several writes as one task (for example a letter and its urge). Some may
        have landed before one failed, so the views read again after a failure too."""
        return self._run(changes, work, on_done, on_error, partial=True)

    def _run(
        self, changes: Changes, work: Callable[[], Any], on_done: Done, on_error: Failed, *,
        partial: bool,
    ) -> Task:  # fmt: skip
        def finished(result: Any) -> None:
            self.changed.emit(changes)
            if on_done is not None:
                on_done(result)

        def failed(error: ReconcileError) -> None:
            if partial:
                self.changed.emit(changes)
            if on_error is not None:
                on_error(error)

        return self.runner.submit(work, on_result=finished, on_error=failed, serial=True)

    def mutate_now(self, fn: Callable, *args: Any, **kwargs: Any) -> Any:
        """The same write, run here and now, after every write queued before it: only for
        writes well under a frame whose caller needs the result at once (the editor's save,
        2-3 ms, whose next save depends on the new entry's id; saving before a lock). Errors
        are raised to the caller; every view hears what changed."""
        changes = changes_of(fn)
        self.runner.wait_serial()
        result = fn(*args, **kwargs)
        self.changed.emit(changes)
        return result

    def query(
        self, fn: Callable, *args: Any, on_done: Done, on_error: Failed = None, **kwargs
    ) -> Task:
        """A read slower than a frame, in order with the writes before it."""
        return self.runner.submit(
            lambda: fn(*args, **kwargs), on_result=on_done, on_error=on_error, serial=True
        )

    def announce(self, changes: Changes) -> None:
        """Tell every view about a change made outside mutate (a restore, a theme switch)."""
        self.changed.emit(changes)
