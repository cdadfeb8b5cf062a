"""Lock when the screen locks or the computer goes to sleep.

On Linux the desktop announces both over D-Bus: logind's PrepareForSleep(true) on the system
bus, and the screen saver's ActiveChanged(true) on the session bus (freedesktop and GNOME
names). Where there is no bus (another OS, a container, a test) nothing is connected and
nothing is said above debug level: the idle auto-lock still works everywhere.
"""

from __future__ import annotations

import logging
import sys

from PySide6.QtCore import SLOT, QObject, Signal, Slot

log = logging.getLogger(__name__)

# (bus, path, interface, signal). Any sender: a stranger sending one only locks us.
SIGNALS = (
    ("system", "/org/freedesktop/login1", "org.freedesktop.login1.Manager", "PrepareForSleep"),
    ("session", "/org/freedesktop/ScreenSaver", "org.freedesktop.ScreenSaver", "ActiveChanged"),
    ("session", "/ScreenSaver", "org.freedesktop.ScreenSaver", "ActiveChanged"),
    ("session", "/org/gnome/ScreenSaver", "org.gnome.ScreenSaver", "ActiveChanged"),
)


class SessionWatch(QObject):
    """Emits `lock_now` when the session is about to be left alone (screen lock, suspend).

    `buses` maps "system"/"session" to a QDBusConnection (tests pass a private bus); by
    default the real ones are used on Linux and none elsewhere."""

    lock_now = Signal(str)  # why: "sleep" or "screen locked"

    def __init__(self, parent: QObject | None = None, buses: dict | None = None) -> None:
        super().__init__(parent)
        self.connected: list[str] = []  # "bus:interface.signal", for tests and diagnostics
        if buses is None:
            buses = _default_buses()
        for bus_name, path, interface, signal in SIGNALS:
            bus = buses.get(bus_name)
            if bus is None or not bus.isConnected():
                continue
            slot = (
                "preparing_for_sleep(bool)" if signal == "PrepareForSleep" else "screen_saver(bool)"
            )
            if bus.connect("", path, interface, signal, self, SLOT(slot)):
                self.connected.append(f"{bus_name}:{interface}.{signal}")
            else:
                log.debug("Could not listen for %s.%s", interface, signal)

    @Slot(bool)
    def preparing_for_sleep(self, starting: bool) -> None:
        if starting:
            self.lock_now.emit("sleep")

    @Slot(bool)
    def screen_saver(self, active: bool) -> None:
        if active:
            self.lock_now.emit("screen locked")


def _default_buses() -> dict:
    if not sys.platform.startswith("linux"):
        return {}
    try:
        from PySide6.QtDBus import QDBusConnection
    except ImportError:  # a Qt build without D-Bus
        log.debug("QtDBus is not available; locking on screen lock is off")
        return {}
    buses = {"system": QDBusConnection.systemBus(), "session": QDBusConnection.sessionBus()}
    for name, bus in buses.items():
        if not bus.isConnected():
            log.debug("No %s bus: %s", name, bus.lastError().name())
    return buses
