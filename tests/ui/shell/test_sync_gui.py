"""Sync in the window, over the real engine and a temporary folder: Settings > Sync starts and
stops it, the status bar says how it stands, a second computer joins from the create dialog,
a sync after a write runs on the runner and announces what it merged, and a conflict copy
says so in the journal."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtWidgets import QMessageBox

from reconcile_desktop.core.changes import ENTRIES, Changes
from reconcile_desktop.core.journal import entries as journal
from reconcile_desktop.core.sync import service as sync
from reconcile_desktop.ui.shell.app import window_for
from reconcile_desktop.ui.shell.dialogs.join_sync import JoinDialog
from reconcile_desktop.ui.shell.dialogs.settings import SettingsDialog
from reconcile_desktop.ui.shell.main_window import MINIMUM_SIZE
from reconcile_desktop.ui.workers import Runner
from tests.conftest import PASSPHRASE, TEST_BOUNDS
from tests.ui.conftest import click, type_into, window_up


@pytest.fixture
def folder(tmp_path):
    return tmp_path / "Sync"


@pytest.fixture
def synced(vault, folder):
    """This computer ("Desk") syncing into `folder`, with one entry written there."""
    journal.add_entry(vault, "Words written at the desk.", title="From the desk")
    sync.start(vault, folder, device_name="Desk")
    sync.sync_now(vault)
    return vault


def join_second(folder, tmp_path, name: str = "Laptop"):
    return sync.join(tmp_path / name, folder, PASSPHRASE, device_name=name, kdf_bounds=TEST_BOUNDS)


@pytest.fixture
def window(qtbot, settings, tmp_path):
    """The real window over a vault, made by the test; its runner is drained at the end."""
    made = []

    def factory(vault, **timer):
        runner = Runner()
        win = window_for(vault, settings, backup_dir=tmp_path / "backups", runner=runner)
        for key, value in timer.items():
            setattr(win.sync, key, value)
        qtbot.addWidget(win)
        win.show()
        win.refresh_pages()
        made.append((win, runner))
        return win

    yield factory
    for win, runner in made:
        win.close_dialogs()
        win.clear_sensitive()
        runner.wait()


def confirm_yes(qtbot, box: QMessageBox) -> None:
    qtbot.waitUntil(box.isVisible)
    yes = next(b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.AcceptRole)
    click(qtbot, yes)


# -- Settings > Sync ---------------------------------------------------------------------------


def test_settings_starts_and_stops_sync_through_a_folder(qtbot, vault, ops, settings, folder):
    journal.add_entry(vault, "Kept whole, whatever sync does.")
    dialog = SettingsDialog(vault, settings, ops, folder.parent / "backups")
    qtbot.addWidget(dialog)
    dialog.show()
    tab = dialog.sync_settings
    dialog.show_tab("sync")
    qtbot.waitUntil(lambda: tab.sync.status is not None)
    assert not tab.sync.status.enabled
    assert tab.choose_button.isVisible() and not tab.leave_button.isVisible()

    type_into(qtbot, tab.name, "Desk")
    picker = tab.choose_folder()  # the user picks the folder in the file dialog
    picker.fileSelected.emit(str(folder))
    picker.reject()
    qtbot.waitUntil(lambda: tab.sync.status is not None and tab.sync.status.enabled)
    qtbot.waitUntil(lambda: not tab.sync.running)
    assert (folder / "vault.key").exists()
    assert sync.status(vault).device_name == "Desk"
    assert tab.sync_button.isVisible() and tab.leave_button.isVisible()
    assert not tab.choose_button.isVisible()
    assert tab.folder_label.text() == f"Syncing through {folder}"
    assert not tab.message.problem

    with qtbot.waitSignal(tab.sync.synced):
        click(qtbot, tab.sync_button)
    assert tab.message.text() == "Synced."

    confirm_yes(qtbot, tab.ask_leave())
    qtbot.waitUntil(lambda: tab.sync.status is not None and not tab.sync.status.enabled)
    assert not sync.status(vault).enabled
    assert "Your journal is all still here" in tab.message.text()
    assert journal.count_entries(vault) == 1
    dialog.close()


def test_another_computer_is_listed_and_can_be_forgotten(
    qtbot, synced, ops, settings, folder, tmp_path
):
    laptop = join_second(folder, tmp_path)
    sync.sync_now(laptop)
    laptop_id = sync.status(laptop).device_id
    laptop.close()
    sync.sync_now(synced)
    dialog = SettingsDialog(synced, settings, ops, tmp_path / "backups")
    qtbot.addWidget(dialog)
    dialog.show()
    tab = dialog.sync_settings
    dialog.show_tab("sync")
    qtbot.waitUntil(lambda: laptop_id in tab.forget_buttons)
    names = [d.name for d in tab.sync.status.devices]
    assert names[:1] == ["Desk"] and "Laptop" in names

    confirm_yes(qtbot, tab.ask_forget(tab.sync.status.devices[1]))
    qtbot.waitUntil(lambda: laptop_id not in tab.forget_buttons)
    assert not tab.message.problem
    dialog.close()


def test_a_clock_far_ahead_is_named(qtbot, synced, ops, settings, tmp_path):
    from reconcile_desktop.ui.shell.dialogs.settings_sync import clock_words, seen_words

    assert clock_words(3 * 86_400 + 60) == "its clock seems about 3 days ahead"
    assert clock_words(2 * 3_600) == "its clock seems about 2 hours ahead"
    assert clock_words(86_400) == "its clock seems about a day ahead"
    now = synced.clock.now()
    assert seen_words(None, now) == "not seen yet"
    assert seen_words(now, now) == "last seen just now"


# -- the status bar ----------------------------------------------------------------------------


def test_the_status_bar_says_how_sync_stands(qtbot, synced, window, folder):
    win = window(synced)
    note = win.sync_note
    assert note.accessibleName() == "Sync"
    win.sync.start()
    with qtbot.waitSignal(win.sync.synced):
        win.sync.run_now()
    expected = sync.describe(sync.status(synced), synced.clock.now())
    assert note.sentence() == expected
    assert note.label.accessibleDescription() == expected
    assert win.minimumSizeHint().width() <= MINIMUM_SIZE.width()  # a long one ends in "…"

    folder.rename(folder.with_name("Gone"))  # the sync tool's folder went away
    with qtbot.waitSignal(win.sync.synced):
        win.sync.run_now()
    calm = sync.describe(sync.status(synced), synced.clock.now())
    assert note.sentence() == calm and calm != expected

    win.sync.stop()  # locking: nothing shown
    assert note.sentence() == ""


def test_nothing_is_shown_while_sync_is_off(qtbot, vault, window):
    win = window(vault, first_delay_ms=0)
    # Nothing known yet: nothing in the status bar, not even a hidden note's height.
    assert win.sync_note.isHidden() and win.sync_note.ask.isHidden()
    assert win.sync_note.sizeHint().height() <= win.autolock_label.sizeHint().height()
    win.sync.start()
    qtbot.waitUntil(lambda: win.sync.status is not None)
    assert not win.sync.status.enabled
    assert win.sync_note.sentence() == ""
    assert win.sync_note.isHidden()


# -- sync after a write ------------------------------------------------------------------------


def test_a_write_brings_a_sync_on_the_runner_that_announces_its_changes(
    qtbot, synced, window, folder, tmp_path, monkeypatch
):
    laptop = join_second(folder, tmp_path)
    win = window(laptop, first_delay_ms=60_000, after_write_ms=10)
    page = win.page("journal")
    win.show_page_key("journal")
    win.sync.start()

    journal.add_entry(synced, "A second thought, written at the desk.", title="Desk again")
    sync.sync_now(synced)

    threads: list[threading.Thread] = []
    real = sync.sync_now

    def spy(vault):
        threads.append(threading.current_thread())
        return real(vault)

    monkeypatch.setattr(sync, "sync_now", spy)
    heard: list[Changes] = []
    win.ops.changed.connect(heard.append)

    with qtbot.waitSignal(win.sync.synced, timeout=10_000) as report:
        win.ops.mutate(journal.add_entry, laptop, "Written on the laptop.", title="Laptop")
    assert threads and all(t is not threading.main_thread() for t in threads)
    assert report.args[0].changes.touches(ENTRIES)
    assert report.args[0].changes in heard  # announced: every page hears what it merged
    qtbot.waitUntil(
        lambda: "Desk again" in {page.model.entry_at(r).title for r in range(page.model.rowCount())}
    )


def test_no_sync_runs_while_locked(qtbot, synced, window):
    win = window(synced, first_delay_ms=0)
    win.sync.start()
    win.sync.stop()  # what locking does
    assert win.sync.run_now() is None
    assert not win.sync.due


# -- joining from the create dialog ------------------------------------------------------------


def test_a_second_computer_joins_from_the_create_dialog(
    qtbot, synced, folder, make_app, make_vault, tmp_path
):
    app = make_app(make_vault(tmp_path / "laptop"), page_factory=None)
    app.start()
    click(qtbot, app.dialog.join_button)
    dialog = app.dialog
    assert isinstance(dialog, JoinDialog)

    type_into(qtbot, dialog.folder, str(folder))
    type_into(qtbot, dialog.passphrase, "not the passphrase at all")
    click(qtbot, dialog.join_button)
    qtbot.waitUntil(lambda: not dialog.busy)
    assert dialog.error_text() == "That passphrase does not open this journal. Please try again."
    assert dialog.passphrase.text() == ""

    type_into(qtbot, dialog.passphrase, PASSPHRASE)
    click(qtbot, dialog.join_button)
    qtbot.waitUntil(lambda: window_up(app), timeout=20_000)
    page = app.window.page("journal")
    app.window.show_page_key("journal")
    qtbot.waitUntil(lambda: page.model.rowCount() > 0)
    assert page.model.entry_at(0).title == "From the desk"


def test_back_from_the_join_dialog_returns_to_create(qtbot, make_app, make_vault, tmp_path):
    from reconcile_desktop.ui.shell.dialogs.create_and_unlock import CreateVaultDialog

    app = make_app(make_vault(tmp_path / "laptop"))
    app.start()
    click(qtbot, app.dialog.join_button)
    app.dialog.reject()
    assert isinstance(app.dialog, CreateVaultDialog)
    assert app.quits == []


# -- a key renewed on another computer ---------------------------------------------------------


def test_a_renewed_key_asks_for_the_passphrase_once(qtbot, synced, window, folder, tmp_path):
    laptop = join_second(folder, tmp_path)
    sync.sync_now(laptop)
    synced.rotate_key(PASSPHRASE)
    sync.sync_now(synced)
    win = window(laptop)
    plain_height = win.statusBar().sizeHint().height()
    win.sync.start()
    with qtbot.waitSignal(win.sync.synced):
        win.sync.run_now()
    assert win.sync.status.needs_passphrase
    assert win.sync_note.ask.isVisible()
    assert win.statusBar().sizeHint().height() == plain_height  # no page loses room to it

    click(qtbot, win.sync_note.ask)
    dialog = win.open_settings()
    tab = dialog.sync_settings
    assert dialog.current_tab() == "sync"
    qtbot.waitUntil(tab.renewed.isVisible)
    type_into(qtbot, tab.renewed_passphrase, "not the passphrase at all")
    click(qtbot, tab.adopt_button)
    qtbot.waitUntil(lambda: tab.message.problem)
    assert tab.message.text() == "That passphrase did not open the new key. Please try again."

    type_into(qtbot, tab.renewed_passphrase, PASSPHRASE)
    click(qtbot, tab.adopt_button)
    # Read only once it is done: taking up a new key closes the journal for a moment.
    qtbot.waitUntil(lambda: not tab.renewed.isVisible(), timeout=10_000)
    win.runner.wait()
    assert not sync.status(laptop).needs_passphrase
    assert tab.message.text() == "Thank you. Syncing carries on with the new key."


def test_the_app_syncs_soon_after_unlock_and_stops_when_locked(qtbot, make_app, synced):
    from tests.ui.conftest import unlock

    synced.lock()
    app = make_app(synced, sync_delay_ms=0)
    app.start()
    unlock(qtbot, app)
    timer = app.window.sync
    assert timer.active
    qtbot.waitUntil(lambda: timer.status is not None and timer.status.enabled)
    assert app.window.sync_note.sentence().startswith("Synced")

    app.lock()
    assert not timer.active and not timer.due
    assert timer.run_now() is None
    assert app.window.sync_note.sentence() == ""


def test_the_sentence_grows_older_by_the_minute(qtbot, make_vault, window, folder):
    import datetime as dt

    from reconcile_desktop.core.clock import Clock

    clock = Clock(fixed=dt.datetime(2026, 11, 23, 8, 30, tzinfo=dt.UTC))
    vault = make_vault(clock=clock)
    vault.create(PASSPHRASE)
    sync.start(vault, folder, device_name="Desk")
    win = window(vault)
    win.sync.start()
    with qtbot.waitSignal(win.sync.synced):
        win.sync.run_now()
    assert win.sync_note.sentence() == sync.describe(sync.status(vault), clock.now())

    clock.fixed += dt.timedelta(minutes=5)
    win.sync_note._ticker.timeout.emit()  # the minute has passed
    assert win.sync_note.sentence() == sync.describe(sync.status(vault), clock.now())
    assert "5 min" in win.sync_note.sentence()


def test_this_computer_can_be_renamed_while_syncing(qtbot, synced, ops, settings, tmp_path):
    dialog = SettingsDialog(synced, settings, ops, tmp_path / "backups")
    qtbot.addWidget(dialog)
    dialog.show()
    tab = dialog.sync_settings
    dialog.show_tab("sync")
    qtbot.waitUntil(lambda: tab.sync.status is not None and tab.sync.status.enabled)
    assert tab.name.text() == "Desk"

    type_into(qtbot, tab.name, "Study desk")
    tab.name.editingFinished.emit()
    qtbot.waitUntil(lambda: tab.sync.status.device_name == "Study desk")
    assert tab.message.text() == "This computer is now called Study desk."
    dialog.runner.wait()
    assert sync.status(synced).device_name == "Study desk"
    dialog.close()
