"""Every QSettings key the window keeps, each declared once with its type and default.

QSettings is a plain file outside the vault, so it holds only choices about the window (colours,
geometry, auto-lock minutes, the tray, the reminder, the backup folder, the support country),
never anything the user wrote. Each value is parsed here, once: an ini file gives back strings,
an older version may have stored something odd, and either way a default is safer than a crash.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Generic, TypeVar

if TYPE_CHECKING:
    from PySide6.QtCore import QSettings

T = TypeVar("T")


@dataclass(frozen=True)
class Preference(Generic[T]):
    key: str
    default: T
    parse: Callable[[object, T], T]
    # How the value is written; None keeps the value as it is.
    dump: Callable[[T], object] | None = None

    def read(self, settings: QSettings) -> T:
        value = settings.value(self.key)
        return self.default if value is None else self.parse(value, self.default)

    def write(self, settings: QSettings, value: T) -> None:
        settings.setValue(self.key, self.dump(value) if self.dump else value)


def _flag(value: object, default: bool) -> bool:
    if isinstance(value, str):  # an ini file gives back "true"/"false"
        word = value.strip().lower()
        if word in ("1", "true", "yes", "on"):
            return True
        return False if word in ("0", "false", "no", "off") else default
    return bool(value)


def _text(value: object, default: str | None) -> str | None:
    return value.strip() if isinstance(value, str) else default


def _one_of(*choices: str) -> Callable[[object, str], str]:
    def parse(value: object, default: str) -> str:
        word = str(value).strip().lower()
        return word if word in choices else default

    return parse


def _whole_number(low: int, high: int) -> Callable[[object, int], int]:
    def parse(value: object, default: int) -> int:
        try:
            number = int(value)  # type: ignore[call-overload]
        except (TypeError, ValueError):
            return default
        return max(low, min(high, number))

    return parse


def _clock_time(value: object, default: dt.time) -> dt.time:
    try:
        hour, minute = str(value).strip().split(":")[:2]
        return dt.time(int(hour), int(minute))
    except (ValueError, TypeError):
        return default


def _as_is(value: object, default: object) -> object:
    return value


SCHEMES = ("system", "light", "dark")
AUTOLOCK_RANGE = (1, 120)

THEME: Preference[str] = Preference("appearance/theme", "system", _one_of(*SCHEMES))
AUTOLOCK_MINUTES: Preference[int] = Preference(
    "security/autolock_minutes", 5, _whole_number(*AUTOLOCK_RANGE)
)
TRAY_ICON: Preference[bool] = Preference("privacy/tray_icon", False, _flag)
REMINDER_ON: Preference[bool] = Preference("reminders/daily", False, _flag)
REMINDER_TIME: Preference[dt.time] = Preference(
    "reminders/daily_time", dt.time(20, 0), _clock_time, lambda t: t.strftime("%H:%M")
)
# Where backups went last, so Restore can find them while the journal cannot be opened.
BACKUP_FOLDER_HINT: Preference[str] = Preference("backups/last_folder", "", _text, str)
# None until the user picks one: then the country of the system's locale is offered.
SUPPORT_COUNTRY: Preference[str | None] = Preference("support/country", None, _text)
WINDOW_GEOMETRY: Preference[object] = Preference("window/geometry", None, _as_is)
LAST_PAGE: Preference[str] = Preference("window/last_page", "", _text)
# Where the journal's list/editor split was left (sizes only).
JOURNAL_SPLIT: Preference[object] = Preference("journal/split", None, _as_is)

ALL: tuple[Preference, ...] = (
    THEME,
    AUTOLOCK_MINUTES,
    TRAY_ICON,
    REMINDER_ON,
    REMINDER_TIME,
    BACKUP_FOLDER_HINT,
    SUPPORT_COUNTRY,
    WINDOW_GEOMETRY,
    LAST_PAGE,
    JOURNAL_SPLIT,
)
