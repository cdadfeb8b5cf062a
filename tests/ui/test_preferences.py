"""Every QSettings key is declared once, in ui/preferences.py, and read through it."""

from __future__ import annotations

import ast
import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

import reconcile_desktop
from reconcile_desktop.ui import preferences

UI = Path(reconcile_desktop.__file__).parent / "ui"


@pytest.fixture
def ini(tmp_path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


def test_each_key_is_declared_once():
    keys = [p.key for p in preferences.ALL]
    assert len(keys) == len(set(keys))
    declared = {
        name
        for name, value in vars(preferences).items()
        if isinstance(value, preferences.Preference)
    }
    assert len(declared) == len(preferences.ALL)


def test_no_module_reads_or_writes_a_key_of_its_own():
    """settings.value(...) and settings.setValue(...) appear only in the registry."""
    offenders = []
    for path in UI.rglob("*.py"):
        if path.name == "preferences.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in ("value", "setValue")
                and isinstance(node.func.value, ast.Attribute | ast.Name)
                and "settings" in ast.unparse(node.func.value)
            ):
                offenders.append(f"{path.relative_to(UI)}:{node.lineno}")
    assert offenders == []


def test_an_empty_file_gives_every_default(ini):
    assert [p.read(ini) for p in preferences.ALL] == [p.default for p in preferences.ALL]


@pytest.mark.parametrize(
    ("preference", "value"),
    [
        (preferences.THEME, "dark"),
        (preferences.AUTOLOCK_MINUTES, 15),
        (preferences.TRAY_ICON, True),
        (preferences.REMINDER_ON, True),
        (preferences.REMINDER_TIME, dt.time(7, 5)),
        (preferences.BACKUP_FOLDER_HINT, "/media/usb/backups"),
        (preferences.SUPPORT_COUNTRY, "FR"),
        (preferences.LAST_PAGE, "plan"),
    ],
)
def test_a_value_survives_the_ini_file(tmp_path, preference, value):
    path = str(tmp_path / "settings.ini")
    written = QSettings(path, QSettings.Format.IniFormat)
    preference.write(written, value)
    written.sync()
    assert preference.read(QSettings(path, QSettings.Format.IniFormat)) == value


@pytest.mark.parametrize(
    ("preference", "stored", "read"),
    [
        (preferences.THEME, "purple", "system"),
        (preferences.THEME, " Dark ", "dark"),
        (preferences.AUTOLOCK_MINUTES, "soon", 5),
        (preferences.AUTOLOCK_MINUTES, "0", 1),
        (preferences.AUTOLOCK_MINUTES, "9999", 120),
        (preferences.TRAY_ICON, "false", False),
        (preferences.TRAY_ICON, "maybe", False),
        (preferences.REMINDER_TIME, "25:99", dt.time(20, 0)),
        (preferences.REMINDER_TIME, "noon", dt.time(20, 0)),
    ],
)
def test_an_odd_stored_value_reads_as_something_safe(ini, preference, stored, read):
    ini.setValue(preference.key, stored)
    assert preference.read(ini) == read
