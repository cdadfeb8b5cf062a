"""Dates as the user's locale writes them, readable under the C locale too (issue 14: the
trash said "Written 3 12 2026")."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale

import reconcile_desktop
from reconcile_desktop.core.journal import entries as journal
from reconcile_desktop.ui.widgets import dates
from tests.conftest import PASSPHRASE

DAY = dt.date(2026, 12, 3)
AT = dt.datetime(2026, 12, 3, 14, 5)


@pytest.fixture
def as_locale():
    """Run with QLocale's default set to a locale, as LANG would; restored after."""
    before = QLocale()

    def use(name: str) -> None:
        QLocale.setDefault(QLocale.c() if name == "C" else QLocale(name))

    yield use
    QLocale.setDefault(before)


@pytest.mark.parametrize(
    ("name", "short", "medium", "long", "when"),
    [
        ("C", "3 Dec 2026", "3 December 2026", "Thursday, 3 December 2026", "3 Dec 2026 14:05"),
        (
            "en_GB",
            "03/12/2026",
            "3 December 2026",
            "Thursday, 3 December 2026",
            "03/12/2026 14:05",
        ),
        (
            "de_DE",
            "03.12.2026",
            "3. Dezember 2026",
            "Donnerstag, 3. Dezember 2026",
            "03.12.2026 14:05",
        ),
        ("en_US", "12/3/2026", "December 3, 2026", "Thursday, December 3, 2026", None),
    ],
)
def test_dates_follow_the_locale_and_read_well_under_c(as_locale, name, short, medium, long, when):
    as_locale(name)
    assert dates.short_date(DAY) == short
    assert dates.medium_date(DAY) == medium
    assert dates.long_date(DAY) == long
    if when is not None:
        assert dates.date_time(AT) == when
    assert dates.month_year(DAY).endswith("2026")


def test_a_two_digit_year_is_written_in_full(as_locale):
    as_locale("de_DE")  # its short format is dd.MM.yy
    assert dates.edit_format() == "dd.MM.yyyy"
    assert dates.edit_format(with_time=True).startswith("dd.MM.yyyy  ")


def test_the_trash_writes_a_readable_date_under_the_c_locale(qtbot, as_locale, make_vault, ops):
    from reconcile_desktop.core.clock import Clock
    from reconcile_desktop.ui.pages.journal.trash_dialog import TrashDialog

    vault = make_vault(clock=Clock(fixed=dt.datetime(2026, 12, 5, 9, 0, tzinfo=dt.UTC)))
    vault.create(PASSPHRASE)
    entry = journal.add_entry(vault, "Gone", occurred=dt.datetime(2026, 12, 3, 9, tzinfo=dt.UTC))
    journal.trash_entry(vault, entry.id)
    for name, shown in (("C", "Written 3 Dec 2026"), ("de_DE", "Written 03.12.2026")):
        as_locale(name)
        dialog = TrashDialog(vault, ops)
        qtbot.addWidget(dialog)
        dialog.reload()
        texts = [dialog.list.item(i).text() for i in range(dialog.list.count())]
        assert any(t.endswith(shown) for t in texts), texts
        dialog.reject()


# Formatting a date by hand shows "3 12 2026" under C, or English names in a German window.
_BY_HAND = re.compile(
    r"strftime\(|\{[^}]*:%[aAbBdYmy]|QLocale\(\)\.toString\(|setDisplayFormat\(\"[^\"]*(?:yyyy|MMM)"
    r"|local_date\.isoformat\(\)|_date\.isoformat\(\)"
)
_ALLOWED = {"widgets/dates.py", "preferences.py"}  # the reminder's "HH:MM" kept in QSettings


def test_the_window_formats_dates_only_through_the_dates_module():
    ui = Path(reconcile_desktop.__file__).parent / "ui"
    found = []
    for path in sorted(ui.rglob("*.py")):
        rel = path.relative_to(ui).as_posix()
        if rel in _ALLOWED:
            continue
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if _BY_HAND.search(line):
                found.append(f"{rel}:{n}: {line.strip()}")
    assert found == []
