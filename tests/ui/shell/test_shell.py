"""The GUI shell: create, unlock, lock, auto-lock, single instance, settings, window state."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QLineEdit

from reconcile_desktop.core.errors import KeyFileMissing, VaultInUse, WrongPassphrase
from reconcile_desktop.core.storage.vault import Vault
from reconcile_desktop.ui.shell import app as app_module
from reconcile_desktop.ui.shell.dialogs.create_and_unlock import (
    CreateVaultDialog,
    UnlockDialog,
    strength_hint,
    unlock_delay_seconds,
)
from reconcile_desktop.ui.shell.main_window import MainWindow
from reconcile_desktop.ui.workers import GENERIC_SENTENCE, Runner
from tests.conftest import FAST_KDF, PASSPHRASE, TEST_BOUNDS
from tests.ui.conftest import (
    active_window,
    click,
    contrast,
    run_python,
    type_into,
    unlock,
    window_up,
)

NEW_PASSPHRASE = "a new and gentler passphrase"


# -- create ------------------------------------------------------------------------------------


def test_creating_a_journal_through_the_dialog_opens_the_main_window(qtbot, make_app, tmp_path):
    app = make_app()
    assert app.start() is None
    dialog = app.dialog
    assert isinstance(dialog, CreateVaultDialog)
    assert dialog.isVisible()

    type_into(qtbot, dialog.passphrase, PASSPHRASE)
    type_into(qtbot, dialog.confirm, PASSPHRASE)
    click(qtbot, dialog.create_button)
    qtbot.waitUntil(lambda: window_up(app))

    assert app.vault.is_unlocked
    assert (app.vault.dir / "vault.db").exists() and (app.vault.dir / "vault.key").exists()
    assert isinstance(app.window, MainWindow)
    assert app.window.windowTitle() == "Reconcile"
    assert [p.title for p in app.window.pages] == ["Today", "Journal", "Change plan", "No contact"]
    # The page on screen reads the vault at once; every other page when it is first shown.
    window = app.window
    assert [p.key for p in window.pages if p.loaded] == ["today"]  # only what is seen
    for page in window.pages:
        window.show_page_key(page.key)
        assert page.loaded and page.calls == ["refresh"]


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        (PASSPHRASE, PASSPHRASE + "!", "not the same"),
        ("short", "short", "at least 8 characters"),
    ],
)
def test_an_unusable_new_passphrase_is_explained_inline(qtbot, make_app, first, second, expected):
    app = make_app()
    app.start()
    dialog = app.dialog
    type_into(qtbot, dialog.passphrase, first)
    type_into(qtbot, dialog.confirm, second)
    click(qtbot, dialog.create_button)

    assert expected in dialog.error_text()
    assert dialog.isVisible() and not dialog.busy
    assert not (app.vault.dir / "vault.key").exists()  # nothing was created


def test_cancelling_the_first_dialog_quits_and_releases_the_folder(qtbot, make_app, make_vault):
    app = make_app()
    app.start()
    app.dialog.reject()
    assert app.quits == [0]
    other = make_vault(app.vault.dir)
    other.claim()  # the instance lock was released


def test_passphrase_fields_hide_what_is_typed_and_have_names(qtbot, make_app):
    app = make_app()
    app.start()
    fields = app.dialog.findChildren(QLineEdit)
    assert len(fields) == 2
    assert all(f.echoMode() == QLineEdit.EchoMode.Password for f in fields)
    assert all(f.accessibleName() for f in fields)


def test_strength_hint_grows_with_length_and_variety():
    levels = [strength_hint(p)[0] for p in ("", "abcdefgh", "abcdefghijkl", PASSPHRASE)]
    assert levels == sorted(levels)
    assert levels[0] == 0 and levels[-1] >= 3
    assert strength_hint("aaaaaaaaaaaaaaaaaaaaaaaa")[0] == 1
    assert all(strength_hint(p)[1] for p in ("", "x", "abcdefgh", PASSPHRASE))


# -- unlock ------------------------------------------------------------------------------------


def test_wrong_then_right_passphrase(qtbot, make_app, make_vault, existing_vault_dir):
    app = make_app(make_vault(existing_vault_dir))
    app.start()
    dialog = app.dialog
    assert isinstance(dialog, UnlockDialog)

    type_into(qtbot, dialog.passphrase, "not the passphrase")
    click(qtbot, dialog.unlock_button)
    qtbot.waitUntil(lambda: not dialog.busy and dialog.error_text() != "")
    assert dialog.error_text() == WrongPassphrase.message
    assert dialog.passphrase.text() == ""
    assert app.window is None and not app.vault.is_unlocked

    type_into(qtbot, dialog.passphrase, PASSPHRASE)
    qtbot.keyClick(dialog.passphrase, Qt.Key.Key_Return)  # Enter unlocks, no mouse needed
    qtbot.waitUntil(lambda: window_up(app))
    assert app.vault.is_unlocked


def test_delays_grow_after_the_third_failure_up_to_thirty_seconds():
    assert [unlock_delay_seconds(n) for n in range(1, 11)] == [0, 0, 1, 2, 4, 8, 16, 30, 30, 30]


def test_repeated_failures_pause_the_unlock_button(qtbot, make_app, make_vault, existing_vault_dir):
    app = make_app(make_vault(existing_vault_dir), unlock_second_ms=60_000)
    app.start()
    dialog = app.dialog
    for attempt in range(1, 4):
        qtbot.waitUntil(lambda: dialog.unlock_button.isEnabled())
        type_into(qtbot, dialog.passphrase, f"wrong guess {attempt}")
        click(qtbot, dialog.unlock_button)
        qtbot.waitUntil(lambda a=attempt: dialog.failures == a)

    assert not dialog.unlock_button.isEnabled()
    assert dialog.countdown.isVisible()
    assert "try again in 1 second." in dialog.countdown.text()
    dialog.submit()  # ignored while pausing
    assert not dialog.busy
    dialog.set_second_ms(1)
    qtbot.waitUntil(lambda: dialog.unlock_button.isEnabled())
    assert not dialog.countdown.isVisible()
    unlock(qtbot, app)


def test_a_damaged_vault_is_reported_and_left_untouched(
    qtbot, make_app, make_vault, existing_vault_dir, messages
):
    (existing_vault_dir / "vault.key").unlink()
    before = {p.name: p.read_bytes() for p in existing_vault_dir.iterdir() if p.is_file()}
    app = make_app(make_vault(existing_vault_dir))

    assert app.start() is None  # the unlock dialog explains it and offers a backup
    assert messages == []
    assert isinstance(app.dialog, UnlockDialog) and app.window is None
    assert app.dialog.error_text() == KeyFileMissing.message
    assert app.dialog.restore_button.isVisible()
    after = {p.name: p.read_bytes() for p in existing_vault_dir.iterdir() if p.is_file()}
    assert after == before


def test_a_second_instance_is_told_the_journal_is_open(
    qtbot, make_app, make_vault, existing_vault_dir, messages
):
    first = make_vault(existing_vault_dir)
    first.claim()
    app = make_app(make_vault(existing_vault_dir))

    assert app.start() == 5
    assert messages == [VaultInUse.message]
    assert app.dialog is None


# -- lock --------------------------------------------------------------------------------------


def test_ctrl_l_clears_every_page_locks_and_asks_again(
    qtbot, make_app, make_vault, existing_vault_dir
):
    app = make_app(make_vault(existing_vault_dir))
    window = active_window(qtbot, app)

    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)

    assert app.locked and not window.isVisible()
    # Every page is cleared, the ones never shown since the unlock too.
    assert all(page.calls[-1] == "clear" and not page.loaded for page in window.pages)
    assert all(page.calls.count("clear") == 1 for page in window.pages)
    assert isinstance(app.dialog, UnlockDialog) and app.dialog.isVisible()
    assert app.dialog.heading.text() == "Reconcile is locked"

    unlock(qtbot, app)
    assert app.window is window  # the same window, refreshed
    assert window.current_page().calls[-1] == "refresh" and window.current_page().loaded
    for page in window.pages:
        window.show_page_key(page.key)
        assert page.calls[-1] == "refresh" and page.loaded


def test_locking_closes_open_dialogs(qtbot, make_app, make_vault, existing_vault_dir):
    app = make_app(make_vault(existing_vault_dir))
    app.start()
    unlock(qtbot, app)
    settings_dialog = app.window.open_settings()
    about = app.window.about()
    assert settings_dialog.isVisible() and about.isVisible()

    app.window.lock_action.trigger()

    assert not settings_dialog.isVisible() and not about.isVisible()
    assert app.locked


def test_auto_lock_after_a_quiet_moment(qtbot, make_app, make_vault, existing_vault_dir):
    app = make_app(make_vault(existing_vault_dir), autolock_ms=20)
    app.start()
    first_dialog = app.dialog
    type_into(qtbot, first_dialog.passphrase, PASSPHRASE)
    click(qtbot, first_dialog.unlock_button)
    # 20 ms is shorter than a poll: wait for the lock itself, after a window was built.
    qtbot.waitUntil(
        lambda: (
            app.window is not None
            and app.locked
            and isinstance(app.dialog, UnlockDialog)
            and app.dialog is not first_dialog
        )
    )
    assert not app.window.isVisible()
    assert not app.idle.active


def test_closing_the_window_closes_the_vault(qtbot, make_app, make_vault, existing_vault_dir):
    app = make_app(make_vault(existing_vault_dir))
    app.start()
    unlock(qtbot, app)
    app.window.quit_action.trigger()

    assert app.quits == [0]
    assert app.locked
    make_vault(existing_vault_dir).claim()  # released for the next run


def test_window_remembers_size_and_page_but_no_content(
    qtbot, make_app, make_vault, existing_vault_dir, settings, settings_path
):
    app = make_app(make_vault(existing_vault_dir))
    active_window(qtbot, app)
    qtbot.keyClick(app.window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert app.window.current_page().title == "Change plan"
    app.window.resize(760, 530)  # within the offscreen screen (800x600)
    app.window.close()

    text = settings_path.read_text(encoding="utf-8", errors="replace")
    assert PASSPHRASE not in text

    again = make_app(
        make_vault(existing_vault_dir),
        settings=QSettings(str(settings_path), QSettings.Format.IniFormat),
    )
    again.start()
    unlock(qtbot, again)
    assert again.window.current_page().key == "plan"
    assert (again.window.width(), again.window.height()) == (760, 530)


# -- settings ----------------------------------------------------------------------------------


def test_settings_change_the_passphrase(qtbot, make_app, make_vault, existing_vault_dir):
    app = make_app(make_vault(existing_vault_dir))
    app.start()
    unlock(qtbot, app)
    dialog = app.window.open_settings()
    dialog.show_tab("passphrase")

    type_into(qtbot, dialog.old_passphrase, "not the current one")
    type_into(qtbot, dialog.new_passphrase, NEW_PASSPHRASE)
    type_into(qtbot, dialog.new_again, NEW_PASSPHRASE)
    click(qtbot, dialog.change_button)
    qtbot.waitUntil(lambda: dialog.change_button.isEnabled())
    assert "not the current passphrase" in dialog.passphrase_status.text()

    type_into(qtbot, dialog.old_passphrase, PASSPHRASE)
    click(qtbot, dialog.change_button)
    qtbot.waitUntil(lambda: dialog.change_button.isEnabled())
    assert dialog.passphrase_status.text().startswith("Your passphrase is changed")
    assert dialog.old_passphrase.text() == dialog.new_passphrase.text() == ""

    app.window.lock_action.trigger()
    lock_dialog = app.dialog
    type_into(qtbot, lock_dialog.passphrase, PASSPHRASE)
    click(qtbot, lock_dialog.unlock_button)
    qtbot.waitUntil(lambda: lock_dialog.failures == 1)
    unlock(qtbot, app, NEW_PASSPHRASE)


def test_settings_auto_lock_minutes_are_kept_and_applied(
    qtbot, make_app, make_vault, existing_vault_dir, settings
):
    app = make_app(make_vault(existing_vault_dir))
    app.start()
    unlock(qtbot, app)
    dialog = app.window.open_settings()
    assert dialog.autolock.value() == 5
    assert (dialog.autolock.minimum(), dialog.autolock.maximum()) == (1, 120)

    dialog.autolock.setValue(12)

    assert int(settings.value("security/autolock_minutes")) == 12
    assert app.idle.timeout_ms == 12 * 60_000
    assert "12 minutes" in app.window.autolock_label.text()


def test_settings_back_up_now(qtbot, make_app, make_vault, existing_vault_dir, tmp_path):
    app = make_app(make_vault(existing_vault_dir))
    app.start()
    unlock(qtbot, app)
    dialog = app.window.open_settings()
    dialog.show_tab("backups")

    dialog.back_up_to(tmp_path / "usb")
    qtbot.waitUntil(lambda: dialog.backup_button.isEnabled())

    made = list((tmp_path / "usb").iterdir())
    assert len(made) == 1
    assert {p.name for p in made[0].iterdir()} == {"vault.db", "vault.key", "backup.json"}
    assert str(made[0]) in dialog.backup_status.text()
    copy = Vault(made[0], kdf_params=FAST_KDF, kdf_bounds=TEST_BOUNDS)
    try:
        copy.unlock(PASSPHRASE)
    finally:
        copy.close()


def test_file_menu_backup_reports_in_the_status_bar(
    qtbot, make_app, make_vault, existing_vault_dir, tmp_path
):
    app = make_app(make_vault(existing_vault_dir))
    app.start()
    unlock(qtbot, app)
    app.window.back_up_to(tmp_path / "elsewhere")
    qtbot.waitUntil(lambda: app.window.backup_action.isEnabled())
    assert "Backup saved in" in app.window.statusBar().currentMessage()


# -- workers, platform, start-up cost ----------------------------------------------------------


def test_an_unexpected_error_becomes_a_generic_sentence(qtbot):
    runner = Runner()
    errors = []

    def boom():
        raise RuntimeError("my secret passphrase")

    with qtbot.waitSignal(runner.submit(boom, on_error=errors.append).finished):
        pass
    assert [e.sentence for e in errors] == [GENERIC_SENTENCE]
    runner.wait()


def test_missing_xcb_libraries_are_named_only_when_xcb_will_be_used():
    def loader(name):
        if name == "libxcb-cursor.so.0":
            raise OSError(name)

    x11 = {"DISPLAY": ":0"}
    assert app_module.missing_xcb_libraries(x11, loader, "linux") == ["libxcb-cursor.so.0"]
    assert app_module.missing_xcb_libraries({**x11, "QT_QPA_PLATFORM": "xcb"}, loader, "linux")
    assert app_module.missing_xcb_libraries({**x11, "QT_QPA_PLATFORM": "offscreen"}, loader) == []
    assert app_module.missing_xcb_libraries({}, loader, "linux") == []
    assert app_module.missing_xcb_libraries(x11, loader, "win32") == []
    assert "libxcb-cursor0" in app_module.XCB_HINT and "libegl1" in app_module.XCB_HINT


def test_run_gui_prints_one_hint_when_xcb_cannot_load(monkeypatch, tmp_path, capsys):
    monkeypatch.setattr(app_module, "missing_xcb_libraries", lambda: ["libxcb-cursor.so.0"])
    assert app_module.run_gui(tmp_path) == 1
    assert capsys.readouterr().err.strip() == app_module.XCB_HINT
    assert not tmp_path.joinpath("vault.lock").exists()


def test_importing_the_gui_entry_point_does_not_load_qt():
    code = "import sys, reconcile_desktop.ui.shell.app; print('PySide6' in sys.modules)"
    assert run_python(code) == "False"


def test_the_first_dialog_shows_before_heavy_imports_which_then_warm_up(tmp_path):
    code = """
import sys
from pathlib import Path
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
from reconcile_desktop.core.storage.vault import Vault
from reconcile_desktop.ui.shell.app import ReconcileApp
qapp = QApplication([])
d = Path(sys.argv[1])
app = ReconcileApp(Vault(d / "data"), QSettings(str(d / "s.ini"), QSettings.Format.IniFormat))
assert app.start() is None and app.dialog.isVisible()
heavy = ("sqlalchemy", "sqlmodel", "matplotlib", "alembic", "reconcile_desktop.ui.pages.base")
print(",".join(m for m in heavy if m in sys.modules) or "none")
qapp.processEvents()  # runs the zero-delay timer that starts the warm-up
app.runner.wait()
print("sqlmodel" in sys.modules and "alembic.command" in sys.modules)
print("reconcile_desktop.ui.pages.journal.page" in sys.modules and "matplotlib" not in sys.modules)
app.finish()
"""
    assert run_python(code, str(tmp_path)).splitlines() == ["none", "True", "True"]


# -- theme -------------------------------------------------------------------------------------


@pytest.mark.parametrize("dark", [False, True])
def test_chart_colours_are_readable_on_the_page(dark):
    from reconcile_desktop.charts.style import for_scheme
    from reconcile_desktop.ui.widgets import theme

    style, page = for_scheme(dark), theme.colors(dark)["window"]  # charts sit on the page
    assert contrast(style.foreground, page) >= 4.5
    assert contrast(style.muted, page) >= 4.5
    assert all(contrast(c, page) >= 3 for c in style.series)


@pytest.mark.parametrize("dark", [False, True])
def test_one_palette_for_slipped(qapp, dark):
    """The check-in glyph of a slip is painted in the charts' own "slipped" colour."""

    from reconcile_desktop.charts.style import for_scheme
    from reconcile_desktop.ui.pages.plans.checkin_list import state_icon
    from reconcile_desktop.ui.widgets import theme

    image = state_icon("slipped", dark, size=24).pixmap(24, 24).toImage()
    painted = {image.pixelColor(x, y).name() for x in range(24) for y in range(24)}
    assert for_scheme(dark).slipped in painted
    assert not hasattr(theme, "chart_colors")  # no second set of meanings


def test_switching_to_dark_repaints_secondary_text(qtbot, qapp, make_app, make_vault, tmp_path):
    from reconcile_desktop.ui.widgets import theme

    app = make_app(make_vault(tmp_path / "fresh"))
    app.start()
    intro = app.dialog.intro
    style, palette = qapp.style().name(), qapp.palette()
    try:
        theme.apply_theme(qapp, "dark")
        qtbot.waitUntil(lambda: intro.palette().color(intro.foregroundRole()).lightness() > 128)
        assert theme.is_dark(app.dialog)
    finally:
        qapp.setStyle(style)
        qapp.setPalette(palette)


def test_run_gui_shows_the_dialog_and_quits_when_it_is_closed(tmp_path):
    code = """
import sys
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog
from reconcile_desktop.ui.shell.app import run_gui
qapp = QApplication(["reconcile"])
seen = []
def close_dialog():
    dialogs = [w for w in qapp.topLevelWidgets() if isinstance(w, QDialog) and w.isVisible()]
    seen.extend(type(d).__name__ for d in dialogs)
    for d in dialogs:
        d.reject()
QTimer.singleShot(0, close_dialog)
rc = run_gui(Path(sys.argv[1]), ["reconcile", "--demo"])
print(rc, ",".join(seen), qapp.applicationName())
"""
    real = tmp_path / "real"
    assert run_python(code, str(real)) == "0 DemoDialog Reconcile"
    assert not real.exists()  # --demo never touches the real folder
