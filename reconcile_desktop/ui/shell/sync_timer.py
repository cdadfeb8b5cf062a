"""When the window syncs, and what the status bar says about it.

A sync (core.sync.service.sync_now) runs on the runner's serial lane, in order with the
window's writes: shortly after unlock, every minute while unlocked, and a few seconds after a
write (the writes of a busy minute share one sync). Never two at once, never while locked.
Each finished sync announces the areas its merge touched, so every page reads them again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from reconcile_desktop.core.changes import THEME
from reconcile_desktop.core.errors import ReconcileError
from reconcile_desktop.ui.widgets import theme

if TYPE_CHECKING:
    from reconcile_desktop.core.changes import Changes
    from reconcile_desktop.core.storage.vault import Vault
    from reconcile_desktop.core.sync.service import SyncReport, SyncStatus
    from reconcile_desktop.ui.ops import Ops
    from reconcile_desktop.ui.workers import Task

FIRST_DELAY_MS = 3_000  # after unlock, once the journal is on screen
EVERY_MS = 60_000
AFTER_WRITE_MS = 5_000
WORDS_EVERY_MS = 60_000  # "Synced 2 min ago" grows older by itself
MIN_NOTE_WIDTH = 120  # pixels: below this the note ends in "…" rather than widen the window


def tr(text: str) -> str:
    return QCoreApplication.translate("SyncTimer", text)


class SyncTimer(QObject):
    """`status_changed(SyncStatus | None)` whenever what is known about sync changes (None:
    locked, nothing known); `synced(SyncReport)` after each sync; `failed(sentence)` when one
    could not run (the next one tries again)."""

    status_changed = Signal(object)
    synced = Signal(object)
    failed = Signal(str)

    def __init__(
        self,
        vault: Vault,
        ops: Ops,
        parent: QObject | None = None,
        *,
        first_delay_ms: int = FIRST_DELAY_MS,
        every_ms: int = EVERY_MS,
        after_write_ms: int = AFTER_WRITE_MS,
    ) -> None:
        super().__init__(parent)
        self.vault = vault
        self.ops = ops
        self.first_delay_ms = first_delay_ms
        self.after_write_ms = after_write_ms
        self.status: SyncStatus | None = None
        self._task: Task | None = None
        self._active = False  # between start() (unlocked) and stop() (locking)
        self._again = False  # a write landed while a sync ran: one more after it
        self._announcing = False  # our own broadcast is not a write to sync
        self._held = False  # the key is being replaced: the journal closes for a moment
        self._soon = QTimer(self)
        self._soon.setSingleShot(True)
        self._soon.timeout.connect(self.run_now)
        self._every = QTimer(self)
        self._every.setInterval(every_ms)
        self._every.timeout.connect(self.run_now)
        ops.changed.connect(self._wrote)

    # -- called by the app -------------------------------------------------------------------

    def start(self) -> None:
        """After unlock: the first sync soon (it also learns whether sync is on at all)."""
        if self.first_delay_ms < 0:  # the demo never syncs
            return
        self._active = True
        self._soon.start(self.first_delay_ms)
        self._every.start()

    def stop(self) -> None:
        """Before the journal closes: nothing new starts (a running sync is waited for by
        the runner, and its result is dropped)."""
        self._active = False
        self._again = False
        self._soon.stop()
        self._every.stop()
        self.status = None
        self.status_changed.emit(None)

    def hold(self, still: bool) -> None:
        """No sync starts while the key is replaced here (hold_still); one follows after."""
        self._held = still
        if not still and self._active and self._enabled():
            self._soon.start(self.after_write_ms)

    # -- state -------------------------------------------------------------------------------

    @property
    def active(self) -> bool:
        return self._active

    @property
    def running(self) -> bool:
        return self._task is not None

    @property
    def due(self) -> bool:
        """A sync is set to run soon (after unlock or a write)."""
        return self._soon.isActive()

    def set_status(self, status: SyncStatus | None) -> None:
        """What Settings learnt (sync started, left, a computer forgotten)."""
        self.status = status
        if status is not None and not status.enabled:
            self._soon.stop()
        self.status_changed.emit(status)

    def _enabled(self) -> bool:
        # Before the first sync after unlock nothing is known: that sync finds out.
        return self.status is None or self.status.enabled

    # -- running -----------------------------------------------------------------------------

    def _wrote(self, changes: Changes) -> None:
        if self._announcing or not self._active or not self._enabled():
            return
        if not changes.areas - {THEME}:  # a change of colours is not in the journal
            return
        if self.running:
            self._again = True
        else:
            self._soon.start(self.after_write_ms)  # restarted by each write: debounced

    def run_now(self) -> Task | None:
        """Sync now on the serial lane; None when one is running already, sync is off, or
        the journal is locked."""
        from reconcile_desktop.core.sync import service as sync

        if self.running or self._held or not self._enabled() or not self.vault.is_unlocked:
            return None
        if not self._active and self.status is None:
            return None  # locked, or never started: nothing to sync with
        self._soon.stop()
        vault = self.vault
        self._task = self.ops.runner.submit(
            lambda: sync.sync_now(vault), on_result=self._done, on_error=self._failed, serial=True
        )
        return self._task

    def _done(self, report: SyncReport) -> None:
        self._task = None
        if not self.vault.is_unlocked:
            return  # locked meanwhile: what it merged is read at the next unlock
        self.status = report.status
        if report.changes:
            self._announcing = True
            try:
                self.ops.announce(report.changes)
            finally:
                self._announcing = False
        self.synced.emit(report)
        self.status_changed.emit(report.status)
        self._after()

    def _failed(self, error: ReconcileError) -> None:
        self._task = None
        if self.vault.is_unlocked:
            self.failed.emit(error.sentence)
            self._after()

    def _after(self) -> None:
        if self._again and self._active and self._enabled():
            self._soon.start(self.after_write_ms)
        self._again = False


class FittedLabel(theme.MutedLabel):
    """One line that ends in "…" when the status bar is short of room (a narrow window);
    the whole sentence stays in its tooltip and accessible description."""

    def __init__(self) -> None:
        super().__init__()
        self.full = ""

    def say(self, sentence: str) -> None:
        self.full = sentence
        self.setToolTip(sentence)
        self.setAccessibleDescription(sentence)
        self._fit()
        self.updateGeometry()

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        return QSize(self.fontMetrics().horizontalAdvance(self.full) + 4, hint.height())

    def minimumSizeHint(self) -> QSize:
        return QSize(
            min(self.sizeHint().width(), MIN_NOTE_WIDTH), super().minimumSizeHint().height()
        )

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        self.setText(
            self.fontMetrics().elidedText(self.full, Qt.TextElideMode.ElideRight, self.width())
        )


class SyncNote(QWidget):
    """The status bar's word on sync: "Synced 2 min ago", or one calm sentence when the folder
    is missing or a file could not be read; nothing when sync is off. When another computer
    renewed the key, a button asks for the passphrase (in Settings > Sync)."""

    passphrase_requested = Signal()

    def __init__(self, sync: SyncTimer, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sync = sync
        self.setAccessibleName(tr("Sync"))
        self.label = FittedLabel()
        self.label.setAccessibleName(tr("Sync status"))
        self.ask = QPushButton(tr("Enter passphrase…"))
        self.ask.setFlat(True)
        self.ask.setAccessibleName(tr("Enter your passphrase to keep syncing"))
        self.ask.clicked.connect(self.passphrase_requested)
        # No taller than the words beside it: a taller status bar would squeeze every page.
        self.ask.setStyleSheet("QPushButton { padding: 0 6px; }")
        self.ask.setFixedHeight(self.label.sizeHint().height())
        self.ask.hide()  # a hidden note's size still counts in the status bar
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 10, 0)
        row.setSpacing(6)
        row.addWidget(self.label)
        row.addWidget(self.ask)
        self._problem: str | None = None  # a sync that could not run, until the next one
        self._ticker = QTimer(self)
        self._ticker.setInterval(WORDS_EVERY_MS)
        self._ticker.timeout.connect(self.show_status)
        sync.status_changed.connect(self._status)
        sync.synced.connect(lambda _report: self._status(sync.status))
        sync.failed.connect(self._failed)
        self.hide()

    def _status(self, _status: object) -> None:
        self._problem = None
        self.show_status()

    def _failed(self, sentence: str) -> None:
        self._problem = sentence
        self.show_status()

    def sentence(self) -> str:
        """What it says now ("" while hidden)."""
        return "" if self.isHidden() else self.label.full

    def show_status(self) -> None:
        from reconcile_desktop.core.sync import service as sync

        status = self.sync.status
        # Off: silent, unless it went off by itself (removed on another computer).
        if status is None or not (status.enabled or status.problem):
            self._ticker.stop()
            self.label.say("")
            self.hide()
            return
        sentence = self._problem or sync.describe(status, self.sync.vault.clock.now())
        self.label.say(sentence)
        self.ask.setVisible(status.enabled and status.needs_passphrase)
        self.show()
        if not self._ticker.isActive():
            self._ticker.start()
