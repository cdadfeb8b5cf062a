"""An injectable clock so tests can freeze time and move between time zones."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


def _system_zone_name() -> str:
    tz = os.environ.get("TZ")
    if tz:
        try:
            ZoneInfo(tz)
            return tz
        except (ZoneInfoNotFoundError, ValueError):
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


@dataclass
class Clock:
    """Now in UTC and the user's zone. `fixed` freezes time; `zone` overrides the system zone."""

    fixed: dt.datetime | None = None
    zone: str | None = None
    _zone_cache: str | None = field(default=None, repr=False)

    def now(self) -> dt.datetime:
        """The current instant, timezone-aware UTC."""
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
    if instant.tzinfo is None:
        return instant.replace(tzinfo=dt.UTC)
    return instant.astimezone(dt.UTC)
