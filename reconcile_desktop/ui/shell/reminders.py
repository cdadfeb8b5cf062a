"""An optional daily check-in reminder at a time the user picks (off by default).

The due time is computed from the injectable clock in the user's zone, so tests move time
instead of waiting. The QTimer never sleeps longer than CHECK_MS at a stretch: after a suspend
or a clock change the next wake-up simply looks again. The notification is one fixed, kind
sentence: never anything from the journal, never a name.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication, QObject, QSettings, QTimer, Signal

from reconcile_desktop.ui import preferences

if TYPE_CHECKING:
    from reconcile_desktop.core.clock import Clock
    from reconcile_desktop.ui.shell.main_window import MainWindow

CHECK_MS = 15 * 60_000  # the longest single wait; the due time is checked again after it


def reminder_message() -> tuple[str, str]:
    """Title and text of the notification: fixed words, nothing personal."""
    return (
        QCoreApplication.translate("DailyReminder", "Reconcile"),
        QCoreApplication.translate(
            "DailyReminder",
            "A gentle nudge: a few quiet minutes for today's check-in, if you like.",
        ),
    )


def next_due(now: dt.datetime, at: dt.time, zone: ZoneInfo) -> dt.datetime:
    """The next instant (UTC) whose local wall-clock time is `at`, strictly after now."""
    local = now.astimezone(zone)
    day = local.date()
    while True:
        candidate = dt.datetime.combine(day, at, zone).astimezone(dt.UTC)
        if candidate > now:
            return candidate
        day += dt.timedelta(days=1)


class DailyReminder(QObject):
    """Calls notify(title, text) once a day at the chosen time while the app runs.

    reload() re-reads the choice from QSettings (the settings dialog calls it)."""

    enabled_changed = Signal(bool)
    fired = Signal()

    def __init__(
        self,
        settings: QSettings,
        clock: Clock,
        notify: Callable[[str, str], object],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.settings = settings
        self.clock = clock
        self._notify = notify
        self.due: dt.datetime | None = None
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self._wake)
        self.reload()

    @property
    def enabled(self) -> bool:
        return preferences.REMINDER_ON.read(self.settings)

    def reload(self) -> None:
        on, at = (
            preferences.REMINDER_ON.read(self.settings),
            preferences.REMINDER_TIME.read(self.settings),
        )
        self.timer.stop()
        self.due = next_due(self.clock.now(), at, self.clock.tzinfo()) if on else None
        self._arm()
        self.enabled_changed.emit(on)

    def stop(self) -> None:
        self.timer.stop()
        self.due = None

    def _arm(self) -> None:
        if self.due is None:
            return
        wait = (self.due - self.clock.now()).total_seconds() * 1000
        self.timer.start(int(min(max(wait, 0), CHECK_MS)))

    def _wake(self) -> None:
        if self.due is None:
            return
        now = self.clock.now()
        if now >= self.due:
            # Woken long after (a suspended laptop): remind only on the same local day.
            if self.clock.local_date_of(now) == self.clock.local_date_of(self.due):
                self._notify(*reminder_message())
                self.fired.emit()
            at = preferences.REMINDER_TIME.read(self.settings)
            self.due = next_due(now, at, self.clock.tzinfo())
        self._arm()


def install(window: MainWindow) -> DailyReminder:
    """The window's reminder: a tray notification, or the status bar where there is no tray."""

    def notify(title: str, text: str) -> None:
        if not window.tray.notify(title, text):
            window.statusBar().showMessage(text, 60_000)

    reminder = DailyReminder(window.settings, window.vault.clock, notify, window)
    reminder.enabled_changed.connect(window.tray.set_reminders)
    window.tray.set_reminders(reminder.enabled)
    return reminder
