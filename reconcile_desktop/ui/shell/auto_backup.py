"""The daily automatic backup, run off the GUI thread after unlock and then hourly while the
window stays open (core.backups decides whether today's copy is still missing)."""

from __future__ import annotations

import weakref
from typing import TYPE_CHECKING, ClassVar

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal

from reconcile_desktop.core.errors import ReconcileError

if TYPE_CHECKING:
    from reconcile_desktop.core.backups.automatic import DailyResult
    from reconcile_desktop.core.storage.vault import Vault
    from reconcile_desktop.ui.workers import Runner, Task

FIRST_DELAY_MS = 5_000  # after unlock, once the journal is on screen
CHECK_EVERY_MS = 60 * 60_000


def tr(text: str) -> str:
    return QCoreApplication.translate("DailyBackup", text)


class DailyBackup(QObject):
    """`saved(sentence)` after a new copy was made and checked; `failed(sentence)` when it
    could not be (the older copies are then all kept)."""

    saved = Signal(str)
    failed = Signal(str)
    _every: ClassVar[weakref.WeakSet[DailyBackup]] = weakref.WeakSet()

    def __init__(
        self,
        vault: Vault,
        runner: Runner,
        parent: QObject | None = None,
        *,
        first_delay_ms: int = FIRST_DELAY_MS,
        every_ms: int = CHECK_EVERY_MS,
    ) -> None:
        super().__init__(parent)
        self.vault = vault
        self.runner = runner
        self.first_delay_ms = first_delay_ms
        self._task: Task | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._tick)
        self._every_ms = every_ms
        self.last_result: DailyResult | None = None
        self._held = False
        self._resume = False  # whether the timer runs again when the hold ends
        DailyBackup._every.add(self)

    @property
    def running(self) -> bool:
        return self._task is not None

    @property
    def waiting(self) -> bool:
        """The timer is set: a backup will be tried when it fires."""
        return self._timer.isActive()

    def start(self) -> None:
        if self._held:
            self._resume = True
            return
        self._timer.start(self.first_delay_ms)

    def stop(self) -> None:
        self._resume = False
        self._timer.stop()

    def hold(self, still: bool) -> None:
        """Pause (True) or resume (False) around a key rotation, restore or passphrase change:
        a copy made meanwhile could pair the new key file with the old database."""
        if still and not self._held:
            self._held, self._resume = True, self._timer.isActive()
            self._timer.stop()
        elif not still and self._held:
            self._held = False
            if self._resume:
                self._timer.start(self.first_delay_ms)

    def _tick(self) -> None:
        self.run_now()
        self._timer.start(self._every_ms)

    def run_now(self, *, force: bool = False) -> Task | None:
        from reconcile_desktop.core.backups.automatic import run_daily_backup

        if self._task is not None or self._held or not self.vault.is_unlocked:
            return None
        vault = self.vault
        self._task = self.runner.submit(
            lambda: run_daily_backup(vault, force=force),
            on_result=self._done,
            on_error=self._failed,
        )
        return self._task

    def _done(self, result: DailyResult) -> None:
        self._task = None
        self.last_result = result
        if result.made is not None:
            self.saved.emit(tr("Today's backup is saved and checked."))

    def _failed(self, error: ReconcileError) -> None:
        self._task = None
        self.failed.emit(
            tr("Today's automatic backup could not be made. {reason}").format(reason=error.sentence)
        )


def hold_daily_backup(vault: Vault, still: bool) -> None:
    """Pause or resume every daily backup of `vault` (dialogs know the vault, not the app)."""
    for daily in list(DailyBackup._every):
        if daily.vault is vault:
            daily.hold(still)
