"""An optional tray icon whose tooltip says only "Reconcile · day N".

Off by default: a tray icon is visible to anyone glancing at the screen, so the user opts in
(QSettings "privacy/tray_icon"). Nothing but the day count ever reaches the tooltip.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, QSettings, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QSystemTrayIcon

from reconcile_desktop.ui import theme

SETTINGS_KEY = "privacy/tray_icon"


def tooltip_text(days: int | None) -> str:
    if days is None:
        return QCoreApplication.translate("TrayIcon", "Reconcile")
    return QCoreApplication.translate("TrayIcon", "Reconcile · day {n}").format(n=int(days))


def tray_enabled(settings: QSettings) -> bool:
    """The user's choice (off by default)."""
    return _as_bool(settings.value(SETTINGS_KEY, False))


def _as_bool(value: object) -> bool:
    # An ini file gives back "true"/"false" strings.
    if isinstance(value, str):
        return value.strip().lower() in ("1", "true", "yes", "on")
    return bool(value)


class TrayIcon(QObject):
    """enable(bool) stores the choice and shows or hides the icon; update(days | None) sets the
    tooltip (None on lock or when not counting). `activated` fires when the icon is clicked."""

    activated = Signal()

    def __init__(
        self, settings: QSettings, icon: QIcon | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.settings = settings
        self._icon = icon
        self._days: int | None = None
        self._tray: QSystemTrayIcon | None = None
        if self.enabled:
            self._show()

    @staticmethod
    def available() -> bool:
        return QSystemTrayIcon.isSystemTrayAvailable()

    @property
    def enabled(self) -> bool:
        return tray_enabled(self.settings)

    @property
    def visible(self) -> bool:
        return self._tray is not None and self._tray.isVisible()

    @property
    def tooltip(self) -> str:
        return tooltip_text(self._days)

    def enable(self, on: bool) -> None:
        self.settings.setValue(SETTINGS_KEY, bool(on))
        if on:
            self._show()
        else:
            self._hide()

    def update(self, days: int | None) -> None:
        self._days = None if days is None else max(0, int(days))
        if self._tray is not None:
            self._tray.setToolTip(self.tooltip)

    def _show(self) -> None:
        if not self.available():
            return
        if self._tray is None:
            icon = self._icon if self._icon is not None else theme.app_icon()
            self._tray = QSystemTrayIcon(icon, self)
            self._tray.activated.connect(self._clicked)
        self._tray.setToolTip(self.tooltip)
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
