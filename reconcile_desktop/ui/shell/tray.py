"""An optional tray icon whose tooltip says only "Reconcile · day N", and which carries the
daily reminder's notification.

Off by default: a tray icon is visible to anyone glancing at the screen, so the user opts in
(QSettings "privacy/tray_icon" for the day count; the reminder, ui/shell/reminders.py, needs
the icon too). Nothing but the day count ever reaches the tooltip, and a notification is one fixed
sentence that never holds anything the user wrote.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, QSettings, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QSystemTrayIcon

from reconcile_desktop.ui import preferences
from reconcile_desktop.ui.widgets import theme


def tooltip_text(days: int | None) -> str:
    if days is None:
        return QCoreApplication.translate("TrayIcon", "Reconcile")
    return QCoreApplication.translate("TrayIcon", "Reconcile · day {n}").format(n=int(days))


class TrayIcon(QObject):
    """enable(bool) stores the day-count choice and shows or hides the icon; update(days | None)
    sets the tooltip (None on lock or when not counting); set_reminders(bool) keeps the icon up
    for notifications; notify() shows one. `activated` fires when the icon is clicked."""

    activated = Signal()

    def __init__(
        self, settings: QSettings, icon: QIcon | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.settings = settings
        self._icon = icon
        self._days: int | None = None
        self._reminders = False
        self._tray: QSystemTrayIcon | None = None
        if self.enabled:
            self._show()

    @staticmethod
    def available() -> bool:
        return QSystemTrayIcon.isSystemTrayAvailable()

    @property
    def enabled(self) -> bool:
        return preferences.TRAY_ICON.read(self.settings)

    @property
    def visible(self) -> bool:
        return self._tray is not None and self._tray.isVisible()

    @property
    def tooltip(self) -> str:
        return tooltip_text(self._days)

    def _shown_tooltip(self) -> str:
        # Up only for reminders: the day count stays private unless the user chose to show it.
        return tooltip_text(self._days if self.enabled else None)

    def enable(self, on: bool) -> None:
        preferences.TRAY_ICON.write(self.settings, bool(on))
        self._sync()

    def set_reminders(self, on: bool) -> None:
        """Reminders need the icon to show their notification, even without the day count."""
        self._reminders = bool(on)
        self._sync()

    def notify(self, title: str, text: str) -> bool:
        """Show a notification; False when this desktop has no tray to show it in."""
        self._show()
        if self._tray is None or not QSystemTrayIcon.supportsMessages():
            return False
        self._tray.showMessage(title, text, self._icon or theme.app_icon(), 10_000)
        return True

    def _sync(self) -> None:
        if self.enabled or self._reminders:
            self._show()
        else:
            self._hide()

    def update(self, days: int | None) -> None:
        self._days = None if days is None else max(0, int(days))
        if self._tray is not None:
            self._tray.setToolTip(self._shown_tooltip())

    def _show(self) -> None:
        if not self.available():
            return
        if self._tray is None:
            icon = self._icon if self._icon is not None else theme.app_icon()
            self._tray = QSystemTrayIcon(icon, self)
            self._tray.activated.connect(self._clicked)
        self._tray.setToolTip(self._shown_tooltip())
        self._tray.show()

    def _hide(self) -> None:
        if self._tray is not None:
            self._tray.hide()
            self._tray.deleteLater()
            self._tray = None

    def _clicked(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason in (
            QSystemTrayIcon.ActivationReason.Trigger,
            QSystemTrayIcon.ActivationReason.DoubleClick,
        ):
            self.activated.emit()
