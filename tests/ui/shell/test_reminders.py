"""The daily check-in reminder: off by default, due at the chosen local time, one fixed kind
sentence. Time is moved on a fixed clock; nothing waits."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from reconcile_desktop.core.clock import Clock
from reconcile_desktop.ui import preferences
from reconcile_desktop.ui.shell import reminders
from reconcile_desktop.ui.shell.dialogs.settings_general import ReminderBox
from reconcile_desktop.ui.shell.tray import TrayIcon
from tests.ui.conftest import unlock

ZONE = "Europe/Berlin"


def berlin(day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2026, 3, day, hour, minute, tzinfo=ZoneInfo(ZONE))


def test_next_due_is_the_next_local_wall_clock_time():
    zone = ZoneInfo(ZONE)
    at = dt.time(20, 0)
    assert reminders.next_due(berlin(10, 19, 30), at, zone) == berlin(10, 20)
    assert reminders.next_due(berlin(10, 20, 0), at, zone) == berlin(11, 20)
    # Across the spring clock change (29 March 2026) it is still 20:00 local time.
    assert reminders.next_due(berlin(28, 21), at, zone).astimezone(zone).hour == 20
    assert reminders.next_due(berlin(28, 21), at, zone) == berlin(29, 20)


def test_it_is_off_by_default_and_fires_once_a_day_with_fixed_words(qtbot, settings):
    clock = Clock(fixed=berlin(10, 19, 30), zone=ZONE)
    said: list[tuple[str, str]] = []
    reminder = reminders.DailyReminder(settings, clock, lambda *m: said.append(m))
    assert not reminder.enabled and reminder.due is None and not reminder.timer.isActive()

    preferences.REMINDER_ON.write(settings, True)
    preferences.REMINDER_TIME.write(settings, dt.time(20, 0))
    with qtbot.waitSignal(reminder.enabled_changed) as changed:
        reminder.reload()
    assert changed.args == [True]
    assert reminder.due == berlin(10, 20) and reminder.timer.isActive()
    assert reminder.timer.interval() == reminders.CHECK_MS  # 30 minutes away: look again later

    reminder.timer.timeout.emit()  # an early wake-up says nothing
    assert said == [] and reminder.due == berlin(10, 20)

    clock.fixed = berlin(10, 20, 0)
    with qtbot.waitSignal(reminder.fired):
        reminder.timer.timeout.emit()
    assert said == [reminders.reminder_message()]
    title, text = said[0]
    assert title == "Reconcile" and "check-in" in text
    assert reminder.due == berlin(11, 20)

    clock.fixed = berlin(12, 9)  # the laptop slept through yesterday's time: no stale nudge
    reminder.timer.timeout.emit()
    assert len(said) == 1 and reminder.due == berlin(12, 20)

    preferences.REMINDER_ON.write(settings, False)
    preferences.REMINDER_TIME.write(settings, dt.time(20, 0))
    reminder.reload()
    assert reminder.due is None and not reminder.timer.isActive()


def test_the_settings_box_stores_the_choice_and_the_window_follows(
    qtbot, make_app, existing_vault_dir, make_vault
):
    app = make_app(make_vault(existing_vault_dir, clock=Clock(fixed=berlin(10, 8), zone=ZONE)))
    app.start()
    unlock(qtbot, app)
    window = app.window
    assert window.reminder.due is None
    dialog = window.open_settings()
    box = dialog.findChild(ReminderBox)
    assert not box.check.isChecked() and not box.time.isEnabled()
    if not TrayIcon.available():
        assert "status bar" in box.note.text()  # said inline where there is no tray
    box.time.setTime(box.time.time().fromString("07:15", "HH:mm"))
    box.check.setChecked(True)
    assert preferences.REMINDER_ON.read(app.settings)
    assert preferences.REMINDER_TIME.read(app.settings) == dt.time(7, 15)
    assert window.reminder.due == berlin(11, 7, 15)

    app.vault.clock.fixed = berlin(11, 7, 15)
    window.reminder.timer.timeout.emit()
    if not TrayIcon.available():
        assert window.statusBar().currentMessage() == reminders.reminder_message()[1]
