"""Notice when nobody has touched Reconcile for a while, so it can lock itself."""

from __future__ import annotations

from PySide6.QtCore import QElapsedTimer, QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

from reconcile_desktop.ui import preferences

_INPUT_EVENTS = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.KeyRelease,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonRelease,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.TouchUpdate,
        QEvent.Type.TabletPress,
        QEvent.Type.TabletMove,
        QEvent.Type.InputMethod,
    }
)


class IdleWatcher(QObject):
    """Emits `idle` once after `timeout_ms` without keyboard, mouse or touch input.

    The event filter only stamps the time (it sees every event, so it must be cheap); the
    single-shot timer checks the stamp when it fires and re-arms for the remainder.
    """

    idle = Signal()

    def __init__(self, timeout_ms: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timeout_ms = max(1, int(timeout_ms))
        self._last_input = QElapsedTimer()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._check)
        self._installed = False

    @property
    def timeout_ms(self) -> int:
        return self._timeout_ms

    @property
    def active(self) -> bool:
        return self._installed

    def set_timeout_ms(self, timeout_ms: int) -> None:
        self._timeout_ms = max(1, int(timeout_ms))
        if self._installed:
            self._check()

    def set_timeout_minutes(self, minutes: int) -> None:
        low, high = preferences.AUTOLOCK_RANGE
        self.set_timeout_ms(max(low, min(high, int(minutes))) * 60_000)

    def start(self) -> None:
        app = QApplication.instance()
        if app is not None and not self._installed:
            app.installEventFilter(self)
            self._installed = True
        self._last_input.start()
        self._timer.start(self._timeout_ms)

    def stop(self) -> None:
        self._timer.stop()
        app = QApplication.instance()
        if app is not None and self._installed:
            app.removeEventFilter(self)
        self._installed = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _INPUT_EVENTS:
            self._last_input.restart()
        return False

    def _check(self) -> None:
        if not self._installed:
            return
        remaining = self._timeout_ms - self._last_input.elapsed()
        if remaining > 0:
            self._timer.start(int(remaining))
        else:
            self.stop()
            self.idle.emit()
