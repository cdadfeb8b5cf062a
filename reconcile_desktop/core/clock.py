"""An injectable clock so tests can freeze time and move between time zones.

datetime and zoneinfo are imported when first needed, and Clock is a plain class rather
than a dataclass: a CLI command builds its Vault (and so a Clock) before the KDF, and everything
loaded by then adds to the command's peak memory.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import datetime as dt
    from zoneinfo import ZoneInfo


def _system_zone_name() -> str:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    tz = os.environ.get("TZ")
    if tz:
        try:
            ZoneInfo(tz)
            return tz
        except (ZoneInfoNotFoundError, ValueError, OSError):  # TZ=Europe names a folder
            pass
    try:
        link = os.path.realpath("/etc/localtime")
        if "zoneinfo/" in link:
            name = link.split("zoneinfo/", 1)[1]
            ZoneInfo(name)
            return name
    except (OSError, ZoneInfoNotFoundError, ValueError):
        pass
    return "UTC"


class Clock:
    """Now in UTC and the user's zone. `fixed` freezes time; `zone` overrides the system zone."""

    __hash__ = None  # mutable, like the dataclass it was

    def __init__(self, fixed: dt.datetime | None = None, zone: str | None = None) -> None:
        self.fixed = fixed
        self.zone = zone
        self._zone_cache: str | None = None

    def __repr__(self) -> str:
        return f"Clock(fixed={self.fixed!r}, zone={self.zone!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Clock):
            return NotImplemented
        return (self.fixed, self.zone) == (other.fixed, other.zone)

    def now(self) -> dt.datetime:
        """The current instant, timezone-aware UTC."""
        import datetime as dt

        if self.fixed is not None:
            return self.fixed.astimezone(dt.UTC)
        return dt.datetime.now(dt.UTC)

    def zone_name(self) -> str:
        if self.zone:
            return self.zone
        if self._zone_cache is None:
            self._zone_cache = _system_zone_name()
        return self._zone_cache

    def tzinfo(self) -> ZoneInfo:
        from zoneinfo import ZoneInfo

        return ZoneInfo(self.zone_name())

    def local_now(self) -> dt.datetime:
        return self.now().astimezone(self.tzinfo())

    def today(self) -> dt.date:
        """Today's local calendar date in the user's zone."""
        return self.local_now().date()

    def local_date_of(self, instant: dt.datetime) -> dt.date:
        return to_utc(instant).astimezone(self.tzinfo()).date()


def to_utc(instant: dt.datetime) -> dt.datetime:
    """Aware UTC; naive values are taken as UTC."""
    import datetime as dt

    if instant.tzinfo is None:
        return instant.replace(tzinfo=dt.UTC)
    return instant.astimezone(dt.UTC)
