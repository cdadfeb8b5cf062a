"""The Settings dialog in four tabs: each part sits on its own tab, the keyboard moves between
them, the dialog stays well inside a 1024x700 screen, and work in progress on a tab that is not
in front is still guarded."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QWidget

from reconcile_desktop.ui.shell.dialogs.settings import SettingsDialog
from reconcile_desktop.ui.shell.dialogs.settings_general import AppearanceBox, ReminderBox
from tests.conftest import PASSPHRASE

NEW_PASSPHRASE = "a second passphrase, just as calm"


@pytest.fixture
def dialog(qtbot, vault, tmp_path, ops):
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    d = SettingsDialog(vault, settings, ops, tmp_path / "b")
    qtbot.addWidget(d)
    d.show()
    qtbot.waitExposed(d)
    yield d
    d.close()


def tab_of(dialog: SettingsDialog, widget: QWidget) -> str:
    for index in range(dialog.tabs.count()):
        page = dialog.tabs.widget(index)
        if page is widget or page.isAncestorOf(widget):
            return dialog._tab_keys[index]
    raise AssertionError(f"{widget} is on no tab")


def test_each_part_sits_on_its_own_tab(dialog):
    assert [dialog.tabs.tabText(i) for i in range(3)] == ["&General", "&Passphrase", "&Backups"]
    assert dialog.current_tab() == "general"
    general = [dialog.autolock, dialog.tray_box, dialog.findChild(AppearanceBox)]
    general.append(dialog.findChild(ReminderBox))
    assert {tab_of(dialog, w) for w in general} == {"general"}
    passphrase = [dialog.old_passphrase, dialog.change_button, dialog.rotate_offer]
    assert {tab_of(dialog, w) for w in passphrase} == {"passphrase"}
    backups = [dialog.auto_backups, dialog.backup_button, dialog.restore_button]
    assert {tab_of(dialog, w) for w in backups} == {"backups"}

    assert dialog.autolock.isVisible() and not dialog.backup_button.isVisible()
    page = dialog.show_tab("backups")
    assert dialog.current_tab() == "backups" and page.isAncestorOf(dialog.backup_button)
    assert dialog.backup_button.isVisible() and not dialog.autolock.isVisible()


def test_tabs_have_accessible_names(dialog):
    bar = dialog.tabs.tabBar()
    names = [bar.accessibleTabName(i) for i in range(bar.count())]
    assert names == ["General settings", "Passphrase settings", "Backup settings", "Sync settings"]
    assert [dialog.tabs.widget(i).accessibleName() for i in range(4)] == names


def test_ctrl_tab_moves_between_tabs(qtbot, dialog):
    dialog.autolock.setFocus()
    qtbot.keyClick(dialog.autolock, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert dialog.current_tab() == "passphrase"
    qtbot.keyClick(dialog.tabs, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert dialog.current_tab() == "backups"
    qtbot.keyClick(
        dialog.tabs,
        Qt.Key.Key_Backtab,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert dialog.current_tab() == "passphrase"


def tab_stops(qtbot, start: QWidget, count: int) -> list[QWidget]:
    """The next `count` widgets the Tab key reaches from `start` (a spin box counts as one)."""
    start.window().activateWindow()
    qtbot.waitUntil(start.window().isActiveWindow)
    start.setFocus()
    stops = []
    for _ in range(count):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        focused = QApplication.focusWidget()
        owner = focused.parentWidget() if focused.objectName() == "qt_spinbox_lineedit" else None
        stops.append(owner or focused)
    return stops


def test_tab_order_follows_the_passphrase_form(qtbot, dialog):
    dialog.show_tab("passphrase")
    assert tab_stops(qtbot, dialog.old_passphrase, 3) == [
        dialog.new_passphrase,
        dialog.new_again,
        dialog.change_button,
    ]


def test_the_backups_tab_is_walked_top_to_bottom(qtbot, dialog):
    dialog.show_tab("backups")
    controls = dialog.auto_backups
    assert tab_stops(qtbot, controls.automatic, 5) == [
        controls.keep_daily,
        controls.keep_weekly,
        controls.change_folder,
        dialog.restore_button,
        dialog.backup_button,
    ]


def test_the_dialog_stays_short_even_with_every_message_showing(qtbot, dialog):
    dialog.show_tab("passphrase")
    dialog.rotate_offer.show()
    dialog.passphrase_busy.show()
    dialog.passphrase_status.say(
        "Your passphrase is changed. Use the new one from now on; older backups still open "
        "with the passphrase they were made with."
    )
    qtbot.waitUntil(lambda: dialog.height() >= dialog.sizeHint().height())
    dialog.show_tab("backups")
    dialog.backup_busy.show()
    dialog.backup_status.say("Backup saved in /a/rather/long/folder/name. It opens with it.")
    qtbot.waitUntil(lambda: dialog.height() >= dialog.sizeHint().height())
    assert dialog.height() < 560 and dialog.width() < 800
    # Nothing is squeezed: every tab has at least the room it asks for.
    for index in range(dialog.tabs.count()):
        page = dialog.tabs.widget(index)
        assert page.height() >= page.minimumSizeHint().height()


def test_a_second_backup_waits_while_the_first_runs_on_a_tab_not_in_front(qtbot, dialog, tmp_path):
    assert dialog.current_tab() == "general"
    dialog.back_up_to(tmp_path / "usb")
    dialog.back_up_to(tmp_path / "usb")
    qtbot.waitUntil(dialog.backup_button.isEnabled)
    assert len(list((tmp_path / "usb").iterdir())) == 1


def test_typed_passphrases_are_gone_when_the_dialog_closes(qtbot, dialog):
    dialog.show_tab("passphrase")
    qtbot.keyClicks(dialog.old_passphrase, PASSPHRASE)
    dialog.show_tab("general")
    dialog.reject()
    assert dialog.old_passphrase.text() == ""
    assert all(PASSPHRASE not in str(dialog.settings.value(k)) for k in dialog.settings.allKeys())


def test_the_passphrase_outcome_comes_to_the_front(qtbot, dialog):
    dialog.show_tab("passphrase")
    qtbot.keyClicks(dialog.old_passphrase, PASSPHRASE)
    qtbot.keyClicks(dialog.new_passphrase, NEW_PASSPHRASE)
    qtbot.keyClicks(dialog.new_again, NEW_PASSPHRASE)
    dialog.change_button.click()
    dialog.show_tab("backups")  # the person looks elsewhere while it runs
    qtbot.waitUntil(dialog.change_button.isEnabled)
    assert dialog.current_tab() == "passphrase"
    assert dialog.rotate_offer.isVisible()
    assert dialog.passphrase_status.text().startswith("Your passphrase is changed")


def test_a_failed_backup_comes_to_the_front(qtbot, dialog, tmp_path):
    blocked = tmp_path / "a file, not a folder"
    blocked.write_text("")
    dialog.back_up_to(blocked)
    qtbot.waitUntil(dialog.backup_button.isEnabled)
    assert dialog.current_tab() == "backups"
    assert dialog.backup_status.isVisible() and dialog.backup_status.problem


# NFD "é" is two code points: eight of them are only four characters.
SHORT_BUT_LONG_IN_CODE_POINTS = "e\u0301" * 4


@pytest.mark.parametrize("short", ["a", " ", "seven77", SHORT_BUT_LONG_IN_CODE_POINTS])
def test_both_passphrase_dialogs_use_cores_rule_and_sentence(
    qtbot, dialog, make_app, make_vault, tmp_path, short
):
    from reconcile_desktop.core.storage import keyfile

    dialog.show_tab("passphrase")
    dialog.old_passphrase.setText(PASSPHRASE)
    dialog.new_passphrase.setText(short)
    dialog.new_again.setText(short)
    before = dialog.vault.key_path.read_bytes()
    dialog.change_button.click()
    assert dialog.passphrase_status.text() == keyfile.TOO_SHORT
    assert dialog.change_button.isEnabled() and dialog.vault.key_path.read_bytes() == before

    app = make_app(make_vault(tmp_path / "first run"))
    app.start()
    app.dialog.passphrase.setText(short)
    app.dialog.confirm.setText(short)
    app.dialog.create_button.click()
    assert app.dialog.error_text() == keyfile.TOO_SHORT
    assert not (app.vault.dir / "vault.key").exists()
