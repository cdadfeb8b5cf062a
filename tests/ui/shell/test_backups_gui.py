"""Backups, restore, key rotation and locking in the window: the daily backup runs off the GUI
thread and reports inline, a damaged journal offers a backup, Settings offers a restore and a
new key, and locking (also on screen lock or sleep) leaves nothing of the journal behind."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QTextEdit,
)

from reconcile_desktop.core.backups import automatic as backups
from reconcile_desktop.core.journal import entries as journal
from reconcile_desktop.core.storage import keyfile
from reconcile_desktop.ui import preferences
from reconcile_desktop.ui.shell.clipboard_guard import ClipboardGuard
from reconcile_desktop.ui.shell.dialogs.create_and_unlock import UnlockDialog
from reconcile_desktop.ui.shell.dialogs.restore_and_key import RestoreDialog
from reconcile_desktop.ui.shell.session_watch import SessionWatch
from tests.conftest import PASSPHRASE
from tests.ui.conftest import click, type_into, unlock, window_up

MARKER = "QUIETMARKER"
NEW_PASSPHRASE = "a second passphrase, just as calm"


@pytest.fixture
def no_modals(monkeypatch):
    """Any QMessageBox shown would fail the test: problems are said inline."""
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "open", lambda self: shown.append(self.text()))
    monkeypatch.setattr(QMessageBox, "exec", lambda self: shown.append(self.text()))
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: shown.append(a[2]))
    return shown


def _open(qtbot, make_app, make_vault, folder, **kwargs):
    app = make_app(make_vault(folder), **kwargs)
    assert app.start() is None
    unlock(qtbot, app)
    return app


# -- the daily backup ----------------------------------------------------------------------------


def test_the_daily_backup_runs_after_unlock_and_says_so_in_the_status_bar(
    qtbot, make_app, make_vault, existing_vault_dir, settings
):
    app = _open(qtbot, make_app, make_vault, existing_vault_dir, backup_delay_ms=0)
    qtbot.waitUntil(lambda: app.care.daily.last_result is not None)

    made = backups.list_backups(existing_vault_dir / "backups")
    assert [b.kind for b in made] == ["daily"]
    assert app.window.statusBar().currentMessage() == "Today's backup is saved and checked."
    assert preferences.BACKUP_FOLDER_HINT.read(settings) == str(existing_vault_dir / "backups")
    # Later the same day: nothing new.
    app.care.daily.run_now()
    qtbot.waitUntil(lambda: not app.care.daily.running)
    assert len(backups.list_backups(existing_vault_dir / "backups")) == 1


def test_a_failed_daily_backup_is_an_inline_note_never_a_modal(
    qtbot, make_app, make_vault, existing_vault_dir, monkeypatch, no_modals
):
    def fail(vault, force=False):
        raise backups.BackupFailed()

    monkeypatch.setattr(backups, "run_daily_backup", fail)
    app = _open(qtbot, make_app, make_vault, existing_vault_dir, backup_delay_ms=0)
    note = app.care.note
    qtbot.waitUntil(note.isVisible)
    assert note.text() == "Today's backup could not be made"
    assert backups.BackupFailed.message in note.toolTip()
    assert no_modals == [] and app.window.isVisible()

    app.window.lock_action.trigger()
    assert not note.isVisible()


# -- settings --------------------------------------------------------------------------------------


def test_settings_store_the_backup_choices_in_the_vault(
    qtbot, make_app, make_vault, existing_vault_dir, tmp_path, settings
):
    app = _open(qtbot, make_app, make_vault, existing_vault_dir, backup_delay_ms=-1)
    dialog = app.window.open_settings()
    dialog.show_tab("backups")
    controls = dialog.auto_backups
    assert controls.automatic.isChecked()
    assert (controls.keep_daily.value(), controls.keep_weekly.value()) == (7, 4)
    assert str(existing_vault_dir / "backups") in controls.folder_label.text()
    assert not controls.default_folder.isVisible()

    controls.keep_daily.setValue(3)
    controls.keep_weekly.setValue(2)
    controls.set_folder(tmp_path / "synced")
    # Saved in order on the runner: the folder's hint is kept once the last save has landed.
    qtbot.waitUntil(
        lambda: preferences.BACKUP_FOLDER_HINT.read(settings) == str(tmp_path / "synced")
    )

    stored = backups.load_settings(app.vault)
    assert stored == backups.BackupSettings(True, str(tmp_path / "synced"), 3, 2)
    assert controls.default_folder.isVisible()
    with qtbot.waitSignal(app.window.ops.changed):
        controls.automatic.setChecked(False)
    assert not backups.load_settings(app.vault).automatic
    assert not controls.keep_daily.isEnabled()
    with qtbot.waitSignal(controls.changed):
        controls.default_folder.click()
    assert backups.load_settings(app.vault).location is None


def test_changing_the_passphrase_offers_a_new_key(qtbot, make_app, make_vault, existing_vault_dir):
    app = _open(qtbot, make_app, make_vault, existing_vault_dir, backup_delay_ms=-1)
    journal.add_entry(app.vault, "kept through the new key")
    dialog = app.window.open_settings()
    dialog.show_tab("passphrase")
    assert not dialog.rotate_offer.isVisible()
    type_into(qtbot, dialog.old_passphrase, PASSPHRASE)
    type_into(qtbot, dialog.new_passphrase, NEW_PASSPHRASE)
    type_into(qtbot, dialog.new_again, NEW_PASSPHRASE)
    click(qtbot, dialog.change_button)
    qtbot.waitUntil(dialog.rotate_offer.isVisible)
    assert "replace the key itself" in dialog.rotate_offer.findChild(QLabel).text()
    old_key = existing_vault_dir.joinpath("vault.key").read_bytes()

    rotate = dialog.open_rotate_key()
    type_into(qtbot, rotate.passphrase, "not it at all")
    click(qtbot, rotate.rotate_button)
    qtbot.waitUntil(lambda: not rotate.busy)
    assert "does not open" in rotate.error_text()
    assert app.window.centralWidget().isEnabled()  # given back after a failure too

    type_into(qtbot, rotate.passphrase, NEW_PASSPHRASE)
    with qtbot.waitSignal(rotate.accepted):
        click(qtbot, rotate.rotate_button)
    assert existing_vault_dir.joinpath("vault.key").read_bytes() != old_key
    assert app.vault.is_unlocked and app.window.centralWidget().isEnabled()
    assert [e.body for e in journal.iter_entries(app.vault)] == ["kept through the new key"]
    assert "new key" in dialog.passphrase_status.text()
    kf = keyfile.read(app.vault.key_path, app.vault.kdf_bounds)
    assert len(keyfile.unwrap(kf, NEW_PASSPHRASE)) == 32


def test_the_daily_backup_waits_while_the_key_is_replaced(
    qtbot, make_app, make_vault, existing_vault_dir, monkeypatch
):
    import threading

    app = _open(qtbot, make_app, make_vault, existing_vault_dir, backup_delay_ms=60_000)
    daily = app.care.daily
    assert daily.waiting
    real = app.vault.rotate_key
    go = threading.Event()

    def slow_rotation(passphrase):
        go.wait()  # the test looks at the timer while the rotation is under way
        return real(passphrase)

    monkeypatch.setattr(app.vault, "rotate_key", slow_rotation)
    dialog = app.window.open_settings()
    rotate = dialog.open_rotate_key()
    type_into(qtbot, rotate.passphrase, PASSPHRASE)
    try:
        click(qtbot, rotate.rotate_button)
        assert rotate.busy
        assert not daily.waiting and daily.run_now(force=True) is None
    finally:
        go.set()
    with qtbot.waitSignal(rotate.accepted):
        pass
    assert daily.waiting  # back on afterwards
    assert backups.list_backups(app.vault.dir / "backups") == []


def test_a_key_switch_that_cannot_finish_locks_and_the_next_unlock_finishes_it(
    qtbot, make_app, make_vault, existing_vault_dir, monkeypatch
):
    from reconcile_desktop.core.storage import pair_swap as pairswap

    app = _open(qtbot, make_app, make_vault, existing_vault_dir, backup_delay_ms=-1)
    journal.add_entry(app.vault, "kept through the switch")
    real = pairswap.os.replace

    def refuse_db(src, dst):
        if str(dst).endswith("vault.db"):
            raise OSError(5, "I/O error")
        return real(src, dst)

    dialog = app.window.open_settings()
    rotate = dialog.open_rotate_key()
    type_into(qtbot, rotate.passphrase, PASSPHRASE)
    with monkeypatch.context() as m:
        m.setattr(pairswap.os, "replace", refuse_db)
        click(qtbot, rotate.rotate_button)
        qtbot.waitUntil(lambda: not rotate.busy)
    assert "next time you unlock" in rotate.error_text()
    assert not app.vault.is_unlocked
    assert not app.window.centralWidget().isEnabled()  # nothing can be typed into a closed one
    rotate.reject()
    qtbot.waitUntil(lambda: isinstance(app.dialog, UnlockDialog))
    unlock(qtbot, app)
    assert app.window.centralWidget().isEnabled()
    assert not (existing_vault_dir / pairswap.JOURNAL_NAME).exists()
    assert [e.body for e in journal.iter_entries(app.vault)] == ["kept through the switch"]


# -- restore ---------------------------------------------------------------------------------------


def _restore(qtbot, dialog: RestoreDialog, passphrase: str) -> None:
    type_into(qtbot, dialog.passphrase, passphrase)
    click(qtbot, dialog.restore_button)
    qtbot.waitUntil(lambda: not dialog.busy)


def test_a_damaged_key_file_offers_the_newest_backup_and_restores_it(
    qtbot, make_app, make_vault, existing_vault_dir, no_modals
):
    vault = make_vault(existing_vault_dir)
    vault.unlock(PASSPHRASE)
    journal.add_entry(vault, "older words")
    vault.backup(existing_vault_dir / "backups")
    journal.add_entry(vault, "newer words")
    newest = vault.backup(existing_vault_dir / "backups")
    vault.close()
    key = existing_vault_dir / "vault.key"
    key.write_text("{ damaged")
    damaged_db = (existing_vault_dir / "vault.db").read_bytes()

    app = make_app(make_vault(existing_vault_dir), backup_delay_ms=-1)
    assert app.start() is None
    unlock_dialog = app.dialog
    assert isinstance(unlock_dialog, UnlockDialog) and unlock_dialog.isVisible()
    assert "key file (vault.key) is damaged" in unlock_dialog.error_text()
    assert "reconcile restore" not in unlock_dialog.error_text()
    assert not unlock_dialog.passphrase.isVisible()
    click(qtbot, unlock_dialog.restore_button)

    dialog = app.dialog
    assert isinstance(dialog, RestoreDialog) and dialog.isVisible()
    assert "vault.key" in dialog.error_text()  # the reason stays in view
    assert dialog.table.topLevelItemCount() == 2 and dialog.selected() == newest
    assert dialog.table.topLevelItem(0).text(1) == "Made by hand"

    _restore(qtbot, dialog, "a wrong passphrase")
    assert "on the day it was made" in dialog.error_text()
    assert dialog.passphrase.text() == ""

    _restore(qtbot, dialog, PASSPHRASE)  # first click: checks the backup
    assert dialog.restore_button.text() == "Restore this backup"
    assert "whole" in dialog.confirm_note.text()
    assert key.read_text() == "{ damaged"  # nothing replaced before the second click
    click(qtbot, dialog.restore_button)
    qtbot.waitUntil(lambda: window_up(app))

    assert [e.body for e in journal.iter_entries(app.vault)] == ["older words", "newer words"]
    assert "back in place" in app.window.statusBar().currentMessage()
    kept = [
        b
        for b in backups.list_backups(existing_vault_dir / "backups")
        if b.kind == "before-restore"
    ]
    assert len(kept) == 1
    assert (kept[0].path / "vault.key").read_text() == "{ damaged"
    assert (kept[0].path / "vault.db").read_bytes() == damaged_db
    assert no_modals == []


def test_cancelling_a_restore_from_settings_goes_back_to_the_open_journal(
    qtbot, make_app, make_vault, existing_vault_dir
):
    app = _open(qtbot, make_app, make_vault, existing_vault_dir, backup_delay_ms=-1)
    window = app.window
    window.show_page_key("journal")
    settings_dialog = window.open_settings()
    settings_dialog.show_tab("backups")
    click(qtbot, settings_dialog.restore_button)

    assert not window.isVisible() and not settings_dialog.isVisible()
    dialog = app.dialog
    assert isinstance(dialog, RestoreDialog)
    assert dialog.table.isHidden() and "No backups were found" in dialog.empty_note.text()
    click(qtbot, _cancel(dialog))
    assert not app.locked and app.dialog is None  # no passphrase asked: nothing changed
    qtbot.waitUntil(window.isVisible)
    assert window.current_page().key == "journal" and window.page("journal").loaded


def test_a_lock_while_choosing_a_backup_closes_the_choice_and_locks(
    qtbot, make_app, make_vault, existing_vault_dir
):
    app = _open(qtbot, make_app, make_vault, existing_vault_dir, backup_delay_ms=-1)
    app.window.restore_action.trigger()
    assert isinstance(app.dialog, RestoreDialog) and not app.locked
    app.care.session.screen_saver(True)  # the screen locks before any restore began
    assert app.locked and isinstance(app.dialog, UnlockDialog)


def _cancel(dialog):
    from PySide6.QtWidgets import QDialogButtonBox

    return next(
        b
        for b in dialog.buttons.buttons()
        if dialog.buttons.buttonRole(b) == QDialogButtonBox.ButtonRole.RejectRole
    )


def test_a_backup_folder_elsewhere_can_be_chosen(
    qtbot, make_app, make_vault, existing_vault_dir, tmp_path
):
    vault = make_vault(existing_vault_dir)
    vault.unlock(PASSPHRASE)
    usb = vault.backup(tmp_path / "usb")
    vault.close()
    app = make_app(make_vault(existing_vault_dir), backup_delay_ms=-1)
    app.start()
    app.window = None
    app.care.show_restore()
    dialog = app.dialog
    assert dialog.table.topLevelItemCount() == 0
    dialog.add_folder(usb)  # the backup folder itself
    assert dialog.selected() == usb
    dialog.add_folder(tmp_path / "usb")  # or the folder holding it
    assert dialog.selected() == usb and dialog.table.topLevelItemCount() == 1


# -- lock on screen lock / sleep, and what a lock leaves behind ------------------------------------


def test_sleep_and_screen_lock_lock_the_journal(qtbot, make_app, make_vault, existing_vault_dir):
    app = _open(qtbot, make_app, make_vault, existing_vault_dir, backup_delay_ms=-1)
    app.care.session.screen_saver(False)  # the screen saver going away: nothing to do
    app.care.session.preparing_for_sleep(False)  # waking up: nothing to do
    assert not app.locked
    app.care.session.preparing_for_sleep(True)
    assert app.locked and isinstance(app.dialog, UnlockDialog)
    unlock(qtbot, app)
    app.care.session.screen_saver(True)
    assert app.locked


def test_no_bus_means_no_connection_and_no_warning(qtbot):
    watch = SessionWatch(buses={})
    assert watch.connected == []


@pytest.mark.skipif(shutil.which("dbus-daemon") is None, reason="no dbus-daemon here")
def test_a_real_sleep_signal_on_a_private_bus_is_heard(qtbot, tmp_path):
    from PySide6.QtDBus import QDBusConnection

    daemon = subprocess.Popen(
        ["dbus-daemon", "--session", "--nofork", "--print-address=1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        address = daemon.stdout.readline().strip()
        bus = QDBusConnection.connectToBus(address, "reconcile-test-bus")
        watch = SessionWatch(buses={"session": bus, "system": bus})
        assert "session:org.gnome.ScreenSaver.ActiveChanged" in watch.connected
        assert "system:org.freedesktop.login1.Manager.PrepareForSleep" in watch.connected
        with qtbot.waitSignal(watch.lock_now) as fired:
            subprocess.run(
                [
                    "dbus-send",
                    f"--bus={address}",
                    "--type=signal",
                    "/org/freedesktop/login1",
                    "org.freedesktop.login1.Manager.PrepareForSleep",
                    "boolean:true",
                ],
                check=True,
                timeout=30,
            )
        assert fired.args == ["sleep"]
        QDBusConnection.disconnectFromBus("reconcile-test-bus")
    finally:
        daemon.terminate()
        daemon.wait(timeout=30)
        daemon.stdout.close()


def test_the_clipboard_is_cleared_on_lock_only_while_it_holds_our_copy(qtbot):
    clipboard = QGuiApplication.clipboard()
    ours = {"now": True}
    guard = ClipboardGuard(app_is_source=lambda: ours["now"])
    field = QLineEdit(MARKER)
    qtbot.addWidget(field)
    field.selectAll()
    field.copy()
    assert clipboard.text() == MARKER and guard.holds_ours
    assert guard.clear_if_ours()
    assert clipboard.text() == ""

    field.copy()
    ours["now"] = False
    clipboard.setText("copied in another program")  # replaced since: not ours to clear
    assert not guard.clear_if_ours()
    assert clipboard.text() == "copied in another program"


def _visible_text(widget) -> list[str]:
    texts: list[str] = []
    for w in widget.findChildren(QLineEdit):
        texts.append(w.text())
    for w in widget.findChildren(QTextEdit) + widget.findChildren(QPlainTextEdit):
        texts.append(w.toPlainText())
    for w in widget.findChildren(QLabel):
        texts += [w.text(), w.toolTip(), w.accessibleName()]
    for w in widget.findChildren(QComboBox):
        texts += [w.itemText(i) for i in range(w.count())]
    for view in widget.findChildren(QAbstractItemView):
        model = view.model()
        if model is None:
            continue
        root = view.rootIndex()
        for row in range(model.rowCount(root)):
            for col in range(4):
                index = model.index(row, col, root)
                if index.isValid():
                    texts.append(str(index.data() or ""))
    return texts


def test_a_lock_leaves_no_words_undo_search_or_clipboard_behind(
    qtbot, make_app, make_vault, existing_vault_dir
):
    from reconcile_desktop.ui.shell.app import build_pages

    vault = make_vault(existing_vault_dir)
    vault.unlock(PASSPHRASE)
    entry = journal.add_entry(vault, f"{MARKER} in the body", title=f"{MARKER} title")
    vault.close()
    app = _open(
        qtbot,
        make_app,
        make_vault,
        existing_vault_dir,
        backup_delay_ms=-1,
        page_factory=build_pages,
    )
    window = app.window
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.open_entry(entry.id)
    page = window.page("journal")
    qtbot.keyClicks(page.editor.body, " typed")
    assert page.editor.body.document().isUndoAvailable()
    page.search.field.setText(MARKER)
    page.editor.body.selectAll()
    page.editor.body.copy()
    assert MARKER in QGuiApplication.clipboard().text()
    assert any(MARKER in t for t in _visible_text(window))

    window.lock_action.trigger()

    assert app.locked
    assert not any(MARKER in t for t in _visible_text(window))
    assert not page.editor.body.document().isUndoAvailable()
    assert not page.editor.title.isUndoAvailable()
    assert page.search.field.text() == "" and not page.search.field.isUndoAvailable()
    assert QGuiApplication.clipboard().text() == ""
    # The words were saved before the lock, not lost.
    unlock(qtbot, app)
    assert " typed" in journal.get_entry(app.vault, entry.id).body


def test_an_unexpected_worker_error_in_the_daily_backup_is_generic(
    qtbot, make_app, make_vault, existing_vault_dir, monkeypatch
):
    def boom(vault, force=False):
        raise ValueError("journal words must never show")

    monkeypatch.setattr(backups, "run_daily_backup", boom)
    app = _open(qtbot, make_app, make_vault, existing_vault_dir, backup_delay_ms=0)
    qtbot.waitUntil(app.care.note.isVisible)
    assert "journal words" not in app.care.note.toolTip()
    assert "Nothing you wrote was lost" in app.care.note.toolTip()


def test_restore_waits_while_typed_words_cannot_be_saved(
    qtbot, make_app, make_vault, existing_vault_dir, monkeypatch
):
    from reconcile_desktop.core.errors import DiskFull

    app = _open(qtbot, make_app, make_vault, existing_vault_dir, backup_delay_ms=-1)
    window = app.window
    window.show_page_key("journal")
    editor = window.page("journal").editor

    def full(*_args, **_kwargs):
        raise DiskFull()

    full.changes = journal.add_entry.changes  # a write, like the one it stands in for
    monkeypatch.setattr(journal, "add_entry", full)
    editor.body.setFocus()
    qtbot.keyClicks(editor.body, "words that must not vanish")
    window.restore_action.trigger()
    assert not app.locked and window.isVisible() and app.dialog is None
    assert "not saved yet" in window.statusBar().currentMessage()
    assert editor.body.toPlainText() == "words that must not vanish"

    monkeypatch.undo()  # room again: the words are saved, then the restore may begin
    window.restore_action.trigger()
    assert isinstance(app.dialog, RestoreDialog) and not app.locked
    app.dialog.reject()
    assert not app.locked and window.isVisible()
    assert [e.body for e in journal.iter_entries(app.vault)] == ["words that must not vanish"]


def test_a_screen_lock_during_a_restore_asks_for_the_passphrase_after_it(
    qtbot, make_app, make_vault, existing_vault_dir
):
    vault = make_vault(existing_vault_dir)
    vault.unlock(PASSPHRASE)
    journal.add_entry(vault, "kept safe")
    vault.backup(existing_vault_dir / "backups")
    vault.close()
    app = _open(qtbot, make_app, make_vault, existing_vault_dir, backup_delay_ms=-1)
    app.window.restore_action.trigger()
    dialog = app.dialog
    _restore(qtbot, dialog, PASSPHRASE)  # checked; the second click puts it back
    click(qtbot, dialog.restore_button)
    assert dialog.busy
    app.care.session.screen_saver(True)  # the screen locks while the files are swapped
    qtbot.waitUntil(lambda: isinstance(app.dialog, UnlockDialog))
    assert app.locked and not app.window.isVisible()
    unlock(qtbot, app)
    assert [e.body for e in journal.iter_entries(app.vault)] == ["kept safe"]


def test_a_window_held_still_for_a_key_switch_takes_input_again_after_unlock(
    qtbot, make_app, make_vault, existing_vault_dir
):
    from reconcile_desktop.ui.shell.dialogs.settings import hold_still

    app = _open(qtbot, make_app, make_vault, existing_vault_dir, backup_delay_ms=-1)
    hold_still(app.window, True)
    assert not app.window.centralWidget().isEnabled()
    app.lock()  # e.g. the idle lock while the switch was still running
    unlock(qtbot, app)
    assert app.window.centralWidget().isEnabled() and app.window.menuWidget().isEnabled()
