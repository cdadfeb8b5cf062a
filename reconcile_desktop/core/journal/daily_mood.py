"""The one-line daily mood check-in on the Today page (separate from an entry's mood)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from reconcile_desktop.core.changes import MOOD, writes
from reconcile_desktop.core.errors import InvalidInput
from reconcile_desktop.core.storage.models import MoodCheckIn
from reconcile_desktop.core.storage.vault import Vault


@dataclass(frozen=True)
class DayMood:
    day: dt.date
    mood: int
    note: str


@writes(MOOD)
def set_mood(vault: Vault, mood: int, note: str = "", day: dt.date | None = None) -> DayMood:
    if not 1 <= mood <= 5:
        raise InvalidInput("Mood is a number from 1 (heavy) to 5 (light).")
    day = day or vault.clock.today()
    if day > vault.clock.today():
        raise InvalidInput("A mood can only be noted for a day that has come.")
    with vault.transaction() as s:
        row = s.get(MoodCheckIn, day)
        if row is None:
            row = MoodCheckIn(day=day, mood=mood, recorded_utc=vault.clock.now())
            s.add(row)
        row.mood, row.note, row.recorded_utc = mood, note.strip()[:500], vault.clock.now()
        return DayMood(day, row.mood, row.note)


def get_mood(vault: Vault, day: dt.date | None = None) -> DayMood | None:
    with vault.session() as s:
        row = s.get(MoodCheckIn, day or vault.clock.today())
        return DayMood(row.day, row.mood, row.note) if row else None
