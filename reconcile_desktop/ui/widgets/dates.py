"""Dates and times as the user's locale writes them: the one place the window formats them.

QLocale supplies the order and the names. The C locale (LANG=C, common on a minimal system)
writes a short date as "3 12 2026", which reads like three numbers; under it a short date
names its month instead ("3 Dec 2026"). A `locale` argument exists for tests.
"""

from __future__ import annotations

import datetime as dt
import re

from PySide6.QtCore import QDate, QDateTime, QLocale, QTime

_C_SHORT = "d MMM yyyy"  # readable in every language: the month by name
_WEEKDAY = re.compile(r"\s*dddd[\s,.،、]*|[\s,]*dddd")  # the weekday, with what ties it on


def _locale(locale: QLocale | None) -> QLocale:
    return locale if locale is not None else QLocale()


def _is_c(locale: QLocale) -> bool:
    return locale.language() == QLocale.Language.C


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def short_format(locale: QLocale | None = None) -> str:
    """The locale's short date format with a four-digit year, for lists and date fields."""
    loc = _locale(locale)
    if _is_c(loc):
        return _C_SHORT
    fmt = loc.dateFormat(QLocale.FormatType.ShortFormat)
    return re.sub(r"(?<!y)yy(?!y)", "yyyy", fmt)  # "03.12.26" can be read two ways


def medium_format(locale: QLocale | None = None) -> str:
    """The locale's long format without the weekday: "3 December 2026", "3. Dezember 2026"."""
    loc = _locale(locale)
    return _WEEKDAY.sub("", loc.dateFormat(QLocale.FormatType.LongFormat)).strip(" ,") or _C_SHORT


def short_date(day: dt.date, locale: QLocale | None = None) -> str:
    return _locale(locale).toString(_qdate(day), short_format(locale))


def medium_date(day: dt.date, locale: QLocale | None = None) -> str:
    return _locale(locale).toString(_qdate(day), medium_format(locale))


def long_date(day: dt.date, locale: QLocale | None = None) -> str:
    """With the weekday: "Thursday, 3 December 2026"."""
    return _locale(locale).toString(_qdate(day), QLocale.FormatType.LongFormat)


def month_year(day: dt.date, locale: QLocale | None = None) -> str:
    return _locale(locale).toString(QDate(day.year, day.month, 1), "MMMM yyyy")


def part(day: dt.date, fmt: str, locale: QLocale | None = None) -> str:
    """One piece of a date in the locale's words, e.g. "ddd" for the weekday's short name."""
    return _locale(locale).toString(_qdate(day), fmt)


def time_of_day(moment: dt.time | dt.datetime, locale: QLocale | None = None) -> str:
    t = QTime(moment.hour, moment.minute)
    return _locale(locale).toString(t, QLocale.FormatType.ShortFormat)


def date_time(moment: dt.datetime, locale: QLocale | None = None) -> str:
    """A short date and the time: "03/12/2026 14:05", "3 Dec 2026 14:05" under C."""
    return f"{short_date(moment.date(), locale)} {time_of_day(moment, locale)}"


def edit_format(*, with_time: bool = False, locale: QLocale | None = None) -> str:
    """A display format for a QDateEdit or QDateTimeEdit that follows the locale."""
    loc = _locale(locale)
    fmt = short_format(loc)
    if with_time:
        fmt += "  " + loc.timeFormat(QLocale.FormatType.ShortFormat)
    return fmt


def qdatetime_text(value: QDateTime, locale: QLocale | None = None) -> str:
    """A QDateTime (e.g. a backup's time in the system zone) as date_time() writes it."""
    d, t = value.date(), value.time()
    return date_time(dt.datetime(d.year(), d.month(), d.day(), t.hour(), t.minute()), locale)
