"""Every dialog with its longest error showing: every label fully visible, nothing squeezed.
And the create-journal dialog's own defects: a warning cut off by an error, an old error left
standing, the same sentence said twice."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QDialog, QLabel

from reconcile_desktop.core.errors import KeyFileForeign
from reconcile_desktop.core.storage import keyfile
from reconcile_desktop.ui.shell.app import window_for
from reconcile_desktop.ui.shell.dialogs.create_and_unlock import CreateVaultDialog, UnlockDialog
from reconcile_desktop.ui.workers import Runner
from tests.ui.conftest import click, type_into
from tests.ui.layout_check import layout_problems, make_vault, settle

# The longest sentence Reconcile has for an error (core/errors.py), said by each dialog.
LONGEST = KeyFileForeign()


@pytest.fixture(scope="module")
def demo_vault(tmp_path_factory):
    vault = make_vault(tmp_path_factory.mktemp("demo"), "demo")
    yield vault
    vault.close()


@pytest.fixture
def window(qtbot, demo_vault, settings, tmp_path):
    runner = Runner()
    window = window_for(demo_vault, settings, backup_dir=tmp_path / "backups", runner=runner)
    qtbot.addWidget(window)
    window.resize(1024, 700)
    window.show()
    window.refresh_pages()
    yield window
    window.close_dialogs()
    window.clear_sensitive()
    runner.wait()


def hidden_labels(dialog: QDialog) -> list[str]:
    """Labels not fully on screen: cut by the dialog's edge, or shorter than their lines."""
    found = []
    for label in dialog.findChildren(QLabel):
        if not label.isVisibleTo(dialog) or not label.text():
            continue
        scrolled = any(isinstance(p, QAbstractScrollArea) for p in _ancestors(label, dialog))
        place = QRect(label.mapTo(dialog, QPoint(0, 0)), label.size())
        if not scrolled and not dialog.rect().contains(place):
            found.append(f"{label.text()[:40]!r} at {place} outside {dialog.rect()}")
        needed = (
            label.heightForWidth(label.width()) if label.wordWrap() else label.sizeHint().height()
        )
        if label.height() < needed:
            found.append(f"{label.text()[:40]!r} {label.height()} px tall, needs {needed}")
    return found


def _ancestors(widget, root):
    parent = widget.parentWidget()
    while parent is not None and parent is not root:
        yield parent
        parent = parent.parentWidget()


def say_longest(dialog: QDialog) -> None:
    """The dialog's own way of showing a failed write or check, with the longest sentence."""
    if callable(
        getattr(dialog, "problems", None)
    ):  # the no-contact dialogs list every sentence they show
        longest = max(dialog.problems(), key=len)
        dialog.status.say(longest if len(longest) > len(LONGEST.sentence) else "", problem=True)
    if hasattr(dialog, "_failed"):
        dialog._failed(LONGEST)
    else:
        dialog.status.say(LONGEST.sentence, problem=True)


def _settings(window):
    dialog = window.open_settings()
    dialog.show_tab("passphrase")
    dialog.change_passphrase()  # nothing typed: its own first error
    dialog.passphrase_status.say(LONGEST.sentence, problem=True)
    dialog.backup_status.say(LONGEST.sentence, problem=True)
    return dialog


def _sync_settings(window):
    """Settings > Sync at its fullest: on, asking for a renewed key, three computers (one with
    a clock far ahead), and the longest error."""
    from reconcile_desktop.core.sync import service as sync

    dialog = window.open_settings()
    tab = dialog.sync_settings
    dialog.show_tab("sync")
    window.runner.wait_serial()
    QApplication.processEvents()  # the tab's own reading of the status has landed
    now = window.vault.clock.now()
    devices = (
        sync.DeviceInfo("a", "Desk", now, None, True, False),
        sync.DeviceInfo("b", "The laptop upstairs", now - dt.timedelta(hours=3), 3e5, False, False),
        sync.DeviceInfo("c", "Old tablet", now - dt.timedelta(days=40), None, False, False),
    )
    tab.sync.set_status(
        sync.SyncStatus(
            True, "/home/someone/Sync/Reconcile", "a", "Desk", now, None, devices, 0, True
        )
    )
    tab.message.say(LONGEST.sentence, problem=True)
    return dialog


def _join(window):
    from reconcile_desktop.ui.shell.dialogs.join_sync import JoinDialog

    dialog = JoinDialog(window.vault, window.runner, window)
    dialog.open()
    dialog.submit()  # no folder chosen
    say_longest(dialog)
    return dialog


def _rotate(window):
    dialog = window.open_settings().open_rotate_key()
    dialog.submit()  # no passphrase typed
    say_longest(dialog)
    return dialog


def _restore(window):
    from reconcile_desktop.ui.shell.dialogs.restore_and_key import RestoreDialog

    dialog = RestoreDialog(window.vault, window.runner, [], window)
    dialog.open()
    dialog.submit()  # no backup chosen
    say_longest(dialog)
    return dialog


def _unlock(window):
    dialog = UnlockDialog(window.vault, window.runner, window, second_ms=60_000)
    dialog.open()
    dialog.failures = 5
    say_longest(dialog)
    dialog._remaining = 30
    dialog._show_countdown()
    return dialog


def _goal(window):
    dialog = window.page("plan").open_goal_dialog()
    dialog.accept()  # no title
    say_longest(dialog)
    return dialog


def _slip(window):
    from reconcile_desktop.core.plans import store as plans

    commitment = plans.commitments(window.vault)[0]
    day = window.vault.clock.today() - dt.timedelta(days=1)
    dialog = window.page("plan").open_slip_dialog(commitment.id, day)
    say_longest(dialog)
    return dialog


def _nocontact(opener: str):
    def open_it(window):
        window.show_page_key("nocontact")  # the page reads its period when shown
        dialog = getattr(window.page("nocontact"), opener)()
        say_longest(dialog)  # its own list of every sentence it may show
        return dialog

    return open_it


def _support(window):
    from reconcile_desktop.ui.widgets.support_dialog import SupportDialog

    dialog = SupportDialog(window.vault, window.settings, window)
    dialog.open()
    say_longest(dialog)
    return dialog


def _person(window):
    from reconcile_desktop.ui.widgets.support_dialog import PersonDialog

    dialog = PersonDialog(None, window)
    dialog.open()
    dialog.accept()  # no name
    dialog.status.say(LONGEST.sentence, problem=True)
    return dialog


def _worksheet(window):
    from reconcile_desktop.ui.pages.journal.worksheet_dialog import WorksheetDialog

    dialog = WorksheetDialog({}, window)
    dialog.open()
    return dialog  # it shows no errors; its notes must still fit


def _journal(opener: str):
    def open_it(window):
        page = window.page("journal")
        window.show_page_key("journal")
        dialog = getattr(page, opener)()
        say_longest(dialog)
        return dialog

    return open_it


def _create(window):
    dialog = CreateVaultDialog(window.vault, window.runner, window)
    dialog.open()
    say_longest(dialog)
    return dialog


def _demo(window):
    from reconcile_desktop.ui.shell.demo_start import DemoDialog

    dialog = DemoDialog(window.vault, window.runner, window, locked=True)
    dialog.open()
    say_longest(dialog)
    return dialog


def _prompt_picker(window):
    from reconcile_desktop.ui.pages.journal.prompt_picker import PromptPicker

    dialog = PromptPicker(window.vault.clock.today(), window)
    dialog.open()
    return dialog  # no errors: its words must still fit


DIALOGS = {
    "create journal": _create,
    "demo": _demo,
    "about": lambda window: window.about(),
    "shortcuts": lambda window: window.show_shortcuts(),
    "prompt picker": _prompt_picker,
    "settings": _settings,
    "settings sync": _sync_settings,
    "join from a sync folder": _join,
    "restore": _restore,
    "rotate key": _rotate,
    "unlock": _unlock,
    "goal": _goal,
    "slip": _slip,
    "start no contact": _nocontact("open_start_dialog"),
    "contact": _nocontact("open_contact_dialog"),
    "urge": _nocontact("open_urge_dialog"),
    "end period": _nocontact("open_end_dialog"),
    "support": _support,
    "support person": _person,
    "worksheet": _worksheet,
    "export": _journal("open_export"),
    "import": _journal("open_import"),
    "trash": _journal("open_trash"),
}


@pytest.mark.parametrize("name", list(DIALOGS))
def test_every_dialog_shows_its_longest_error_in_full(qtbot, window, name):
    dialog = DIALOGS[name](window)
    qtbot.waitUntil(dialog.isVisible)
    settle()
    assert hidden_labels(dialog) == []
    assert layout_problems(dialog) == []
    dialog.reject()


# -- the create-journal dialog --------------------------------------------------------------


@pytest.fixture
def create_dialog(qtbot, tmp_path):
    from reconcile_desktop.core.storage.vault import Vault

    runner = Runner()
    dialog = CreateVaultDialog(Vault(tmp_path / "new"), runner)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(dialog.isVisible)
    yield dialog
    runner.wait()


def warning_in_full(dialog) -> bool:
    warning = dialog.warning
    place = QRect(warning.mapTo(dialog, QPoint(0, 0)), warning.size())
    return (
        dialog.rect().contains(place)
        and warning.height() >= warning.heightForWidth(warning.width())
        and warning.isVisible()
    )


def test_the_no_recovery_warning_stays_whole_after_each_error(qtbot, create_dialog):
    dialog = create_dialog
    assert warning_in_full(dialog)
    type_into(qtbot, dialog.passphrase, "short")
    click(qtbot, dialog.create_button)
    settle()
    assert dialog.error_text()
    assert warning_in_full(dialog)
    assert layout_problems(dialog) == []

    type_into(qtbot, dialog.passphrase, "a long enough passphrase")
    type_into(qtbot, dialog.confirm, "not the same one at all")
    click(qtbot, dialog.create_button)
    settle()
    assert "not the same" in dialog.error_text()
    assert warning_in_full(dialog)  # "so keep it somewhere safe" included
    assert layout_problems(dialog) == []


def test_an_old_error_goes_once_a_good_passphrase_is_typed(qtbot, create_dialog):
    dialog = create_dialog
    type_into(qtbot, dialog.passphrase, "short")
    click(qtbot, dialog.create_button)
    assert dialog.error_text() == keyfile.TOO_SHORT
    type_into(qtbot, dialog.passphrase, "a long enough passphrase")
    assert dialog.error_text() == ""


def test_the_short_passphrase_sentence_is_said_once(qtbot, create_dialog):
    dialog = create_dialog
    type_into(qtbot, dialog.passphrase, "short")
    click(qtbot, dialog.create_button)
    settle()
    shown = [
        label.text()
        for label in dialog.findChildren(QLabel)
        if label.isVisible() and "characters" in label.text()
    ]
    assert shown == [keyfile.TOO_SHORT]
