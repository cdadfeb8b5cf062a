"""The GUI's composition root: checks the platform, takes the single-instance lock, shows the
create or unlock dialog, then the main window; locks on request or when idle.

PySide6 is imported only inside functions here, so `reconcile --help` and the headless
commands never pay for Qt.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reconcile_desktop.ui import preferences

if TYPE_CHECKING:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication, QDialog

    from reconcile_desktop.core.clock import Clock
    from reconcile_desktop.core.storage.vault import Vault
    from reconcile_desktop.ui.ops import Ops
    from reconcile_desktop.ui.pages.base import Page
    from reconcile_desktop.ui.shell.main_window import MainWindow
    from reconcile_desktop.ui.workers import Runner

APP_NAME = "Reconcile"
CHART_WARM_UP_MS = 500  # after unlocking, before matplotlib is imported in the background
ORGANISATION = "Reconcile"

# What Qt's xcb plugin needs beyond a usual desktop; a minimal or fresh system lacks these.
XCB_LIBRARIES = (
    "libxcb-cursor.so.0",
    "libxkbcommon-x11.so.0",
    "libxcb-icccm.so.4",
    "libxcb-keysyms.so.1",
    "libEGL.so.1",
)
XCB_PACKAGES = "libxcb-cursor0 libxkbcommon-x11-0 libxcb-icccm4 libxcb-keysyms1 libegl1"
XCB_HINT = (
    "Reconcile cannot open its window because some system libraries are missing. "
    f"On Debian or Ubuntu, install them with: sudo apt install {XCB_PACKAGES}"
)


def missing_xcb_libraries(
    environ: Mapping[str, str] | None = None,
    load: Callable[[str], Any] | None = None,
    platform: str = sys.platform,
) -> list[str]:
    """Libraries the xcb plugin would fail on, checked only when xcb is what Qt will use."""
    env = os.environ if environ is None else environ
    if not platform.startswith("linux") or not env.get("DISPLAY"):
        return []
    requested = env.get("QT_QPA_PLATFORM", "").split(";")[0].split(":")[0].strip()
    if requested not in ("", "xcb"):
        return []
    if not requested and env.get("WAYLAND_DISPLAY") and env.get("XDG_SESSION_TYPE") == "wayland":
        return []  # Qt tries Wayland first there
    if load is None:
        import ctypes

        load = ctypes.CDLL
    missing = []
    for name in XCB_LIBRARIES:
        try:
            load(name)
        except OSError:
            missing.append(name)
    return missing


def page_classes() -> tuple[type[Page], ...]:
    """The real pages in navigation order (Ctrl+1..4). Imported here, late, so nothing heavy
    loads before the unlock dialog is on screen."""
    from reconcile_desktop.ui.pages.journal.page import JournalPage
    from reconcile_desktop.ui.pages.nocontact.page import NoContactPage
    from reconcile_desktop.ui.pages.plans.page import ChangePlanPage
    from reconcile_desktop.ui.pages.today.page import TodayPage

    return (TodayPage, JournalPage, ChangePlanPage, NoContactPage)


def build_pages(vault: Vault, clock: Clock, ops: Ops) -> list[Page]:
    return [cls(vault, clock, ops) for cls in page_classes()]


def window_for(
    vault: Vault,
    settings: QSettings,
    *,
    backup_dir: Path,
    runner: Runner | None = None,
    ops: Ops | None = None,
    pages: Sequence[Page] | None = None,
    autolock_minutes: int = 5,
) -> MainWindow:
    """The main window and its pages over a vault, wired the one way the app wires them (the
    app itself, the self-test, the screenshots and tests that need no unlock dialog)."""
    from reconcile_desktop.ui.ops import Ops
    from reconcile_desktop.ui.shell.main_window import MainWindow
    from reconcile_desktop.ui.workers import Runner

    runner = runner or Runner()
    ops = ops or Ops(runner)
    return MainWindow(
        vault,
        settings,
        build_pages(vault, vault.clock, ops) if pages is None else pages,
        runner,
        ops,
        backup_dir=backup_dir,
        autolock_minutes=autolock_minutes,
    )


def warm_up_imports(new_vault: bool) -> None:
    """Import the storage stack while the user types, so unlock does not wait for it."""
    import importlib

    names = [
        "argon2.low_level",
        "cryptography.hazmat.primitives.ciphers.aead",
        "sqlalchemy",
        "sqlmodel",
        "sqlcipher3",
        "reconcile_desktop.core.storage.db",
        "reconcile_desktop.core.storage.models",
        "reconcile_desktop.core.storage.migrations",
    ]
    if new_vault:
        names += ["alembic.command", "alembic.config"]
    # Then the window and its pages (their modules only: widgets are made on the GUI thread).
    names += ["reconcile_desktop.ui.shell.main_window", "reconcile_desktop.ui.pages.base"]
    for name in names:
        importlib.import_module(name)
    page_classes()


DESKTOP_ID = "io.github.reconcile.Reconcile"  # packaging/linux/<id>.desktop


def configure_application(qapp: QApplication, *, follow_system: bool = True) -> None:
    from reconcile_desktop import __version__
    from reconcile_desktop.ui.widgets import theme

    qapp.setApplicationName(APP_NAME)
    qapp.setOrganizationName(ORGANISATION)
    qapp.setApplicationVersion(__version__)
    # Wayland matches the window to the installed .desktop file (and its icon) by this id.
    qapp.setDesktopFileName(DESKTOP_ID)
    qapp.setWindowIcon(theme.app_icon())
    theme.apply_theme(qapp)
    if follow_system:
        theme.follow_system(qapp)


class ReconcileApp:
    """Builds and wires the GUI around one Vault. Tests inject the vault, a QSettings on a
    temporary ini file, a tiny auto-lock timeout and their own pages."""

    def __init__(
        self,
        vault: Vault,
        settings: QSettings,
        clock: Clock | None = None,
        *,
        backup_dir: Path | None = None,
        runner: Runner | None = None,
        autolock_ms: int | None = None,
        page_factory: Callable[[Vault, Clock, Ops], Sequence[Page]] | None = None,
        on_quit: Callable[[int], None] | None = None,
        unlock_second_ms: int = 1000,
        warm_up: bool = True,
        demo: bool = False,
        first_run_guide: bool = True,
        backup_delay_ms: int = 5_000,
        sync_delay_ms: int = 3_000,
    ) -> None:
        from reconcile_desktop.ui.ops import Ops
        from reconcile_desktop.ui.shell import idle
        from reconcile_desktop.ui.workers import Runner

        self.vault = vault
        self.settings = settings
        self.clock = clock or vault.clock
        self.backup_dir = Path(backup_dir) if backup_dir else vault.dir / "backups"
        self.runner = runner or Runner()
        self.ops = Ops(self.runner)  # every write of the window goes through it
        self.page_factory = page_factory
        self.unlock_second_ms = unlock_second_ms
        self.window: MainWindow | None = None
        self.dialog: QDialog | None = None
        self.exit_code: int | None = None
        self._on_quit = on_quit
        self._warm_up = warm_up
        self.demo = demo  # a throwaway journal: opens by itself, never offers the guide
        self.first_run_guide = first_run_guide and not demo
        self.sync_delay_ms = -1 if demo else sync_delay_ms  # first sync after unlock; < 0: off
        self.guide: QDialog | None = None
        self.finished = False
        minutes = self.autolock_minutes()
        self.idle = idle.IdleWatcher(autolock_ms if autolock_ms else minutes * 60_000)
        self.idle.idle.connect(self.lock)
        from reconcile_desktop.ui.shell.vault_care import VaultCare

        # Daily backup (first one backup_delay_ms after unlock; < 0: off), lock on screen lock
        # or sleep, our clipboard cleared on lock, restore from a backup.
        self.care = VaultCare(self, backup_delay_ms=-1 if demo else backup_delay_ms)

    def autolock_minutes(self) -> int:

        return preferences.AUTOLOCK_MINUTES.read(self.settings)

    # -- start -------------------------------------------------------------------------------

    def start(self) -> int | None:
        """Show the first dialog and return None, or tell the user why not and return the
        exit code. A damaged or half-present vault is reported and never touched."""
        from reconcile_desktop.core.errors import ReconcileError
        from reconcile_desktop.core.storage.vault import VaultState

        try:
            self.vault.claim()
            state = self.vault.state()
        except ReconcileError as exc:
            from reconcile_desktop.core.errors import DamagedFiles

            if isinstance(exc, DamagedFiles):
                self.care.show_damaged(exc)  # says which file; never touched; offers a backup
                return None
            self.vault.release()
            self.tell(exc.sentence)
            self.exit_code = exc.exit_code
            self.finished = True
            return exc.exit_code
        if state is VaultState.NEW:
            self._show_create()
        else:
            self.show_unlock(locked=False)
        if self._warm_up:
            from PySide6.QtCore import QTimer

            new_vault = state is VaultState.NEW
            # After the dialog is on screen, so the import never delays it.
            QTimer.singleShot(0, lambda: self._start_warm_up(new_vault))
        return None

    def _start_warm_up(self, new_vault: bool) -> None:
        if not self.finished:  # quitting at once must not leave an import running
            self.runner.submit(lambda: warm_up_imports(new_vault))

    def tell(self, sentence: str) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.warning(None, APP_NAME, sentence)

    # -- dialogs -----------------------------------------------------------------------------

    def _show_create(self) -> None:
        from reconcile_desktop.ui.shell.dialogs.create_and_unlock import CreateVaultDialog

        if self.demo:
            from reconcile_desktop.ui.shell.demo_start import DemoDialog

            self.adopt(DemoDialog(self.vault, self.runner))
            return
        self.adopt(CreateVaultDialog(self.vault, self.runner))

    def show_unlock(self, *, locked: bool) -> None:
        from reconcile_desktop.ui.shell.dialogs.create_and_unlock import UnlockDialog

        if self.demo:
            from reconcile_desktop.ui.shell.demo_start import DemoDialog

            self.adopt(DemoDialog(self.vault, self.runner, locked=True))
            return
        self.adopt(
            UnlockDialog(self.vault, self.runner, locked=locked, second_ms=self.unlock_second_ms)
        )

    def adopt(self, dialog: QDialog) -> None:
        self.dialog = dialog
        dialog.accepted.connect(self.show_journal)
        dialog.rejected.connect(self._dialog_rejected)
        if hasattr(dialog, "restore_requested"):
            dialog.restore_requested.connect(self.care.show_restore)
        if hasattr(dialog, "join_requested"):
            dialog.join_requested.connect(self.show_join)
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()

    def show_join(self) -> None:
        """ "Join from a sync folder…" on the create dialog: the join dialog takes its place;
        Back brings the create dialog again (it never quits)."""
        from reconcile_desktop.ui.shell.dialogs.join_sync import JoinDialog

        old = self.dialog
        dialog = JoinDialog(self.vault, self.runner)
        self.dialog = dialog
        dialog.accepted.connect(self.show_journal)
        dialog.rejected.connect(self._join_cancelled)
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        if old is not None:
            old.hide()  # hide, not reject: rejecting it would quit
            old.deleteLater()

    def _join_cancelled(self) -> None:
        dialog, self.dialog = self.dialog, None
        if dialog is not None:
            dialog.deleteLater()
        if not self.finished:
            self._show_create()

    def show_journal(self) -> None:
        dialog, self.dialog = self.dialog, None
        if self.window is None:
            self.window = self._build_window()
        from reconcile_desktop.ui.shell.dialogs.settings import hold_still

        hold_still(self.window, False)  # a lock during a key switch left it still: not now
        self.window.refresh_pages()
        self.window.show_restored()
        if dialog is not None:
            dialog.deleteLater()
        self.idle.start()
        self.care.unlocked()
        self.window.sync.start()  # the first sync soon, then every minute and after writes
        self._offer_guide(just_created=type(dialog).__name__ == "CreateVaultDialog")
        if self._warm_up:
            from PySide6.QtCore import QTimer

            # matplotlib too: after the KDF's memory is freed and the window has painted, so
            # neither the peak memory nor the first paint pays for it.
            QTimer.singleShot(CHART_WARM_UP_MS, self._warm_up_charts)

    def _warm_up_charts(self) -> None:
        if not self.finished and not self.locked:
            from reconcile_desktop.ui.widgets.chart_canvas import chart_import

            chart_import().start()

    def _offer_guide(self, *, just_created: bool) -> None:
        if not self.first_run_guide or self.window is None:
            return
        from reconcile_desktop.ui.shell.first_run import open_guide, should_offer

        if should_offer(self.vault, self.ops, just_created=just_created):
            self.guide = open_guide(self.window)

    def _dialog_rejected(self) -> None:
        self.finish(0)

    def _build_window(self) -> MainWindow:
        window = window_for(
            self.vault,
            self.settings,
            backup_dir=self.backup_dir,
            runner=self.runner,
            ops=self.ops,
            pages=(self.page_factory or build_pages)(self.vault, self.clock, self.ops),
            autolock_minutes=self.autolock_minutes(),
        )
        window.lock_requested.connect(self.lock)
        window.closed.connect(self._window_closed)
        if self.demo:
            window.setWindowTitle(window.tr("Reconcile — demo"))
            window.demo = True  # its passphrase is the app's own: nothing to change there
        window.autolock_changed.connect(self.idle.set_timeout_minutes)
        window.sync.first_delay_ms = self.sync_delay_ms
        return window

    # -- lock and quit -----------------------------------------------------------------------

    @property
    def locked(self) -> bool:
        return not self.vault.is_unlocked

    def lock(self) -> None:
        """Drop every decrypted view, forget the key, hide the window, ask for the passphrase."""
        if self.window is None or self.finished:
            return
        if self.dialog is not None and not self.care.yield_restore():
            return
        self.idle.stop()
        self.window.save_pending()  # notes typed on Today or the Plan, the editor's words
        self.care.locking()
        self.window.close_dialogs()
        self.window.clear_sensitive()
        self.runner.wait()  # a running backup finishes with the key it started with
        self.vault.lock()
        self.show_unlock(locked=True)  # shown before the hide, so a window is always up
        self.window.save_state()
        self.window.hide()

    def request_quit(self) -> None:
        if self.window is not None and self.window.isVisible():
            self.window.close()  # saves its geometry, then finish() via `closed`
        else:
            self.finish(0)

    def _window_closed(self) -> None:
        self.finish(0)

    def finish(self, code: int = 0) -> None:
        """Close the vault and everything on screen; idempotent."""
        if self.finished:
            return
        self.finished = True
        self.idle.stop()
        if self.window is not None and self.vault.is_unlocked:
            self.window.save_pending()  # what was typed is written before the vault closes
        self.care.finished()
        self.runner.wait()
        if self.window is not None:
            self.window.clear_sensitive()
            self.window.close()
        if self.dialog is not None:
            self.dialog.hide()
        self.vault.close()
        self.exit_code = code
        if self._on_quit is not None:
            self._on_quit(code)


@contextmanager
def _quit_on_signals(app: ReconcileApp) -> Iterator[None]:
    """Ctrl+C or a logout's SIGTERM closes the vault cleanly instead of killing it mid-write."""
    import signal

    from PySide6.QtCore import QTimer

    def handler(_signum: int, _frame: object) -> None:
        QTimer.singleShot(0, app.request_quit)

    previous = {sig: signal.signal(sig, handler) for sig in (signal.SIGINT, signal.SIGTERM)}
    # Python runs signal handlers only between bytecodes; this timer gives it a chance.
    ticker = QTimer()
    ticker.timeout.connect(lambda: None)
    ticker.start(500)
    try:
        yield
    finally:
        ticker.stop()
        for sig, old in previous.items():
            signal.signal(sig, old)


def run_gui(data_dir: Path, argv: list[str] | None = None) -> int:
    """Run the desktop app on the vault in data_dir; returns the process exit code.

    argv is like sys.argv (program name first); Qt options in it are honoured. "--demo"
    swaps data_dir for a throwaway folder, so a demo never opens the real journal.
    Exit codes: 0 normal, 1 missing system libraries, 4 vault missing or damaged,
    5 already open elsewhere, 6 data folder not writable.
    """
    missing = missing_xcb_libraries()
    if missing:
        print(XCB_HINT, file=sys.stderr)
        return 1

    import tempfile

    args = list(argv) if argv else [sys.argv[0] if sys.argv and sys.argv[0] else "reconcile"]
    demo = "--demo" in args[1:]
    qt_args = [args[0], *(a for a in args[1:] if a != "--demo")]
    if demo:
        from reconcile_desktop.ui.shell.demo_start import DEMO_PREFIX, remove_left_demos

        # Removed on every way out that Python sees: window closed, Quit, Ctrl+C, SIGTERM;
        # what a killed demo left behind goes at the next demo's start.
        remove_left_demos(Path(tempfile.gettempdir()))
        with tempfile.TemporaryDirectory(prefix=DEMO_PREFIX, ignore_cleanup_errors=True) as folder:
            return _run(Path(folder) / "journal", qt_args, demo_dir=Path(folder))
    return _run(Path(data_dir), qt_args)


def _run(data_dir: Path, qt_args: list[str], demo_dir: Path | None = None) -> int:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from reconcile_desktop.ui.shell.lean_imports import stop_source_caching

    stop_source_caching()  # before the heavy imports: ~40 MiB less at peak
    from reconcile_desktop.core.storage.vault import Vault

    qapp = QApplication.instance() or QApplication(qt_args)
    configure_application(qapp)
    if demo_dir is None:
        settings = QSettings()  # per user, from the names above; never holds content
        vault = Vault(data_dir)
    else:  # the demo never reads or writes the real app's settings
        from reconcile_desktop.ui.shell.demo_start import demo_vault

        qapp.setOrganizationName(f"{ORGANISATION}-demo")
        settings = QSettings(str(demo_dir / "settings.ini"), QSettings.Format.IniFormat)
        vault = demo_vault(data_dir)
    from reconcile_desktop.ui.widgets import theme

    if preferences.THEME.read(settings) != "system":
        theme.set_scheme(qapp, preferences.THEME.read(settings))
    app = ReconcileApp(vault, settings, on_quit=qapp.exit, demo=demo_dir is not None)
    qapp.aboutToQuit.connect(lambda: app.finish(0))
    try:
        code = app.start()
        if code is not None:
            return code
        qapp.setQuitOnLastWindowClosed(False)  # locking hides the window; we quit ourselves
        with _quit_on_signals(app):
            rc = qapp.exec()
        return app.exit_code if app.exit_code is not None else rc
    finally:
        app.finish(0)
        app.runner.wait()  # no pool thread may still run Python while the interpreter exits
