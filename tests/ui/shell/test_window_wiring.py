"""The window connects the pages: Today's prompt opens the journal, the tray shows only a
day count, and a letter written from an urge opens in the journal."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from reconcile_desktop.core.clock import Clock
from reconcile_desktop.core.journal import entries as journal
from reconcile_desktop.core.journal.prompts import get_prompt
from reconcile_desktop.core.nocontact import store as nocontact
from reconcile_desktop.ui import preferences
from reconcile_desktop.ui.shell import tray
from reconcile_desktop.ui.shell.app import build_pages, window_for
from reconcile_desktop.ui.workers import Runner
from tests.conftest import PASSPHRASE


@pytest.fixture
def window(qtbot, make_vault, tmp_path):
    clock = Clock(fixed=dt.datetime(2026, 5, 4, 9, 0, tzinfo=dt.UTC), zone="Europe/Berlin")
    vault = make_vault(clock=clock)
    vault.create(PASSPHRASE)
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    runner = Runner()
    w = window_for(vault, settings, backup_dir=Path(tmp_path / "b"), runner=runner)
    qtbot.addWidget(w)
    w.resize(1024, 700)
    w.show()
    w.refresh_pages()
    yield w
    w.clear_sensitive()
    runner.wait()


def test_todays_prompt_starts_a_journal_entry(qtbot, window):
    today = window.page("today")
    with qtbot.waitSignal(today.write_prompt):
        today.write_button.click()
    assert window.current_page().key == "journal"
    editor = window.page("journal").editor
    prompt = get_prompt(today._prompt_id)
    editor.body.setPlainText("What I noticed today.")
    editor.save_now()
    entry = journal.get_entry(window.vault, editor.current_id())
    assert entry.prompt_id == prompt.id and entry.kind == prompt.kind


def test_tray_tooltip_is_only_the_day_count_and_forgets_it_on_lock(qtbot, window):
    nocontact.start_period(window.vault, target_days=30, start=dt.date(2026, 4, 30))
    window.refresh_pages()
    assert window.tray.tooltip == tray.tooltip_text(4) and "4" in window.tray.tooltip
    assert window.tray.tooltip.replace("4", "") == tray.tooltip_text(None) + " · day "
    window.clear_sensitive()
    assert window.tray.tooltip == tray.tooltip_text(None)


def test_the_tray_setting_is_off_by_default_and_stored(qtbot, window):
    assert not preferences.TRAY_ICON.read(window.settings)
    dialog = window.open_settings()
    dialog.tray_box.setEnabled(True)  # offscreen has no tray; the choice is still stored
    dialog.tray_box.setChecked(True)
    assert preferences.TRAY_ICON.read(window.settings)


def test_a_letter_from_the_no_contact_page_opens_in_the_journal(qtbot, window):
    entry = journal.add_entry(window.vault, "Dear you", kind="letter", title="Unsent letter")
    window.page("nocontact").entry_requested.emit(entry.id)
    assert window.current_page().key == "journal"
    assert window.page("journal").editor.current_id() == entry.id


def test_an_unsent_letter_can_be_counted_as_an_urge_resisted(qtbot, window):
    editor = window.page("journal").editor
    letter = journal.add_entry(
        window.vault, "I miss you, and I am not sending this.", kind="letter"
    )
    editor.load(letter.id)
    assert editor.urge_button.isVisibleTo(editor)
    editor.urge_button.click()  # no period running yet: one sentence, nothing logged
    qtbot.waitUntil(lambda: "no-contact period" in editor.problem.text())
    assert editor.urge_button.isEnabled()
    nocontact.start_period(window.vault, target_days=30)
    with qtbot.waitSignal(window.ops.changed):
        editor.urge_button.click()
    (event,) = nocontact.events(window.vault, nocontact.current_period(window.vault).id)
    assert event.kind == "urge_resisted" and event.entry_id == letter.id
    assert not editor.urge_button.isVisibleTo(editor)
    assert editor.urge_counted.isVisibleTo(editor)
    editor.load(journal.add_entry(window.vault, "an ordinary day").id)
    assert not editor.urge_button.isVisibleTo(editor)
    assert not editor.urge_counted.isVisibleTo(editor)


def test_a_letter_written_from_an_urge_is_not_counted_again(qtbot, window):
    """The issue: an urge logged with "Write an unsent letter instead", then "Count this
    letter as an urge resisted" in that letter, made "Urges resisted this week" 2."""
    from reconcile_desktop.core.nocontact import day_counting as streaks

    vault = window.vault
    nocontact.start_period(vault, target_days=30, start=dt.date(2026, 4, 30))
    # What the urge dialog saves: the letter first, then the urge pointing at it.
    letter = journal.add_entry(vault, "Not sending this.", title="Unsent letter", kind="letter")
    nocontact.log_event(vault, streaks.URGE_RESISTED, entry_id=letter.id)
    window.refresh_pages()
    window.page("nocontact").entry_requested.emit(letter.id)
    editor = window.page("journal").editor
    assert editor.current_id() == letter.id
    assert not editor.urge_button.isVisibleTo(editor)
    assert editor.urge_counted.isVisibleTo(editor)
    assert editor.urge_counted.text() == "Already counted as an urge resisted."
    with qtbot.waitSignal(window.ops.changed):
        editor.log_letter_as_urge()  # even asked directly, it stays one urge
    assert nocontact.summary(vault).urges_this_week == 1


def test_a_letter_counted_once_by_a_double_click(qtbot, window):
    vault = window.vault
    nocontact.start_period(vault, target_days=30, start=dt.date(2026, 4, 30))
    editor = window.page("journal").editor
    editor.load(journal.add_entry(vault, "Not sending this either.", kind="letter").id)
    with qtbot.waitSignal(window.ops.changed):
        editor.urge_button.click()
        editor.urge_button.click()  # disabled while the first count is written
    window.ops.runner.wait()
    qtbot.waitUntil(lambda: not window.ops.runner.busy)
    assert nocontact.summary(vault).urges_this_week == 1


def test_a_hidden_page_reads_the_vault_when_it_is_next_shown(qtbot, window):
    journal.add_entry(window.vault, "Written while the journal page was hidden")
    window.refresh_pages()  # as after an unlock: the page on screen reads now, the rest later
    page = window.page("journal")
    assert window.current_page().key == "today" and window.page("today").loaded
    assert not page.loaded and page.model.rowCount() == 0
    window.show_page_key("journal")
    assert page.loaded and page.model.rowCount() == 1
    window.clear_sensitive()  # as on lock: nothing is read again until the next unlock
    window.show_page_key("plan")
    assert not window.page("plan").loaded


def test_today_reads_again_after_a_goal_is_added_elsewhere(qtbot, window):
    from reconcile_desktop.core.plans import store as plans

    window.show_page_key("today")
    today = window.page("today")
    assert today.no_steps.isVisible() and not today.checkins.isVisible()
    window.show_page_key("plan")
    start = window.vault.clock.today()
    goal = plans.add_goal(window.vault, "Answer calmly", principle="change", start=start)
    with qtbot.waitSignal(window.ops.changed):  # the way every page writes
        window.ops.mutate(
            plans.add_commitment, window.vault, goal.id, "Count to ten first", "daily", start=start
        )
    assert not today.checkins.isVisible()  # hidden pages read when they are next shown
    window.show_page_key("today")
    qtbot.waitUntil(lambda: today.checkins.isVisible())
    assert not today.no_steps.isVisible()
    assert [i.commitment.action for i in today.checkins.items] == ["Count to ten first"]


def test_write_the_message_opens_the_prompt_with_the_cursor_in_the_text(
    qtbot, make_app, make_vault, existing_vault_dir
):
    from PySide6.QtWidgets import QApplication

    from reconcile_desktop.core.nocontact import boundaries
    from tests.ui.conftest import active_window

    app = make_app(make_vault(existing_vault_dir), page_factory=build_pages)
    window = active_window(qtbot, app)
    vault = window.vault
    nocontact.start_period(vault, target_days=30, start=vault.clock.today() - dt.timedelta(30))
    boundaries.answer(vault, set())  # asked, and no boundary
    window.refresh_pages()
    window.show_page_key("nocontact")
    page = window.page("nocontact")
    assert page.reach_out.view == "offer"

    page.reach_out.write_button.click()

    editor = window.page("journal").editor
    assert window.current_page().key == "journal"
    assert editor._prompt_id == "ro-one-message" and editor.current_id() is None
    qtbot.waitUntil(lambda: QApplication.focusWidget() is editor.body)
    assert list(journal.iter_entries(vault)) == []  # nothing saved until words are written


def test_a_failed_write_still_tells_every_page_to_read_again(qtbot, window):
    from reconcile_desktop.core.changes import PLANS, Changes
    from reconcile_desktop.core.errors import InvalidInput

    def half_then_fail():
        raise InvalidInput("That could not be saved.")

    errors = []
    with qtbot.waitSignal(window.ops.changed) as heard:
        window.ops.mutate_many(Changes.of(PLANS), half_then_fail, on_error=errors.append)
    assert heard.args == [Changes.of(PLANS)]
    qtbot.waitUntil(lambda: errors != [])
    assert errors[0].sentence == "That could not be saved."


def test_locking_saves_a_note_still_in_its_box(qtbot, make_app, make_vault, existing_vault_dir):
    from reconcile_desktop.core.journal import daily_mood as mood
    from tests.ui.conftest import unlock

    app = make_app(make_vault(existing_vault_dir), page_factory=build_pages)
    app.start()
    unlock(qtbot, app)
    today = app.window.page("today")
    app.window.show_page_key("today")
    with qtbot.waitSignal(app.ops.changed):
        today.mood_group.button(4).click()
    today.mood_note.setText("A slow, kind morning")  # typed, never left the box
    app.lock()
    unlock(qtbot, app)
    assert mood.get_mood(app.vault).note == "A slow, kind morning"
