"""What keeps the journal safe around the main window: the daily backup, locking on screen
lock or sleep, clearing our clipboard on lock, and the restore flow (from the unlock dialog
when a file is damaged, or from Settings). ReconcileApp owns one VaultCare and calls
unlocked() / locking() / finished(); everything else is wired here."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtWidgets import QLabel

from reconcile_desktop.ui import preferences
from reconcile_desktop.ui.shell.auto_backup import DailyBackup
from reconcile_desktop.ui.shell.clipboard_guard import ClipboardGuard
from reconcile_desktop.ui.shell.session_watch import SessionWatch
from reconcile_desktop.ui.widgets import theme

if TYPE_CHECKING:
    from reconcile_desktop.core.errors import ReconcileError
    from reconcile_desktop.ui.shell.app import ReconcileApp

log = logging.getLogger(__name__)


def _tr(text: str) -> str:
    return QCoreApplication.translate("VaultCare", text)


class BackupNote(QLabel):
    """A short warning in the status bar when the daily backup failed; the reason is in the
    tooltip. Never a modal: it must not stand between the user and their journal."""

    def __init__(self) -> None:
        super().__init__()
        self.setAccessibleName(_tr("Backup problem"))
        self.setContentsMargins(0, 0, 10, 0)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hide()

    def warn(self, sentence: str) -> None:
        colour = theme.colors(theme.is_dark(self))["error"]
        self.setStyleSheet(f"color: {colour};")
        self.setText(_tr("Today's backup could not be made"))
        self.setToolTip(sentence)
        self.setAccessibleDescription(sentence)
        self.show()

    def clear_note(self) -> None:
        self.clear()
        self.setToolTip("")
        self.hide()


class VaultCare(QObject):
    def __init__(self, app: ReconcileApp, *, backup_delay_ms: int = 5_000) -> None:
        super().__init__()
        self.app = app
        self.daily = DailyBackup(app.vault, app.runner, self, first_delay_ms=backup_delay_ms)
        self.backups_on = backup_delay_ms >= 0  # off for the demo
        self.lock_when_restored = False  # the screen locked while a restore ran
        self._closed_for_restore = False  # a confirmed restore cleared the open journal's views
        self.note: BackupNote | None = None
        self.session = SessionWatch(self)
        self.session.lock_now.connect(self._session_lock)
        self.clipboard = ClipboardGuard(self)
        self.daily.saved.connect(self._saved)
        self.daily.failed.connect(self._failed)

    # -- called by ReconcileApp -----------------------------------------------------------------

    def unlocked(self) -> None:
        window = self.app.window
        if window is not None and self.note is None:
            self.note = BackupNote()
            window.statusBar().addPermanentWidget(self.note)
            window.restore_requested.connect(self.show_restore)
        self._remember_folder()
        if self.backups_on:
            self.daily.start()

    def locking(self) -> None:
        self.daily.stop()
        if self.note is not None:
            self.note.clear_note()
        self.clipboard.clear_if_ours()

    def finished(self) -> None:
        self.daily.stop()
        self.clipboard.clear_if_ours()

    # -- daily backup ----------------------------------------------------------------------------

    def _saved(self, sentence: str) -> None:
        if self.note is not None:
            self.note.clear_note()
        if self.app.window is not None:
            self.app.window.statusBar().showMessage(sentence, 8000)

    def _failed(self, sentence: str) -> None:
        if self.note is not None:
            self.note.warn(sentence)

    def _remember_folder(self) -> None:
        from reconcile_desktop.core.backups import automatic as backups
        from reconcile_desktop.core.errors import ReconcileError

        try:
            folder = backups.load_settings(self.app.vault).folder(self.app.vault)
        except ReconcileError:
            return
        preferences.BACKUP_FOLDER_HINT.write(self.app.settings, str(folder))

    def backup_folders(self) -> list[Path]:
        folders = [self.app.vault.dir / "backups"]
        hint = preferences.BACKUP_FOLDER_HINT.read(self.app.settings)
        if hint and Path(hint) not in folders:
            folders.append(Path(hint))
        if self.app.backup_dir not in folders:
            folders.append(self.app.backup_dir)
        return folders

    # -- screen lock and sleep ---------------------------------------------------------------

    def _session_lock(self, why: str) -> None:
        log.debug("Locking: %s", why)
        from reconcile_desktop.ui.shell.dialogs.restore_and_key import RestoreDialog

        dialog = self.app.dialog
        if isinstance(dialog, RestoreDialog) and dialog.busy:
            # A restore is running: when it ends, ask for the passphrase instead of opening
            # the journal on a screen that was locked meanwhile.
            self.lock_when_restored = True
        self.app.lock()

    # -- damaged journal and restore -----------------------------------------------------------

    def show_damaged(self, error: ReconcileError) -> None:
        """The unlock dialog, saying which file is damaged and offering a backup."""
        from reconcile_desktop.ui.shell.dialogs.create_and_unlock import UnlockDialog

        self.app.adopt(UnlockDialog(self.app.vault, self.app.runner, damaged=error))

    def show_restore(self) -> None:
        """Show the restore dialog in place of the window. The journal stays open until the
        user confirms a restore (then its views are cleared and the files swapped), so
        cancelling goes straight back to it. Accepting opens the restored journal."""
        from reconcile_desktop.ui.shell.dialogs.restore_and_key import RestoreDialog

        app = self.app
        if app.finished or isinstance(app.dialog, RestoreDialog):
            return
        if app.window is not None and app.vault.is_unlocked:
            if not app.window.save_pending():
                return  # a restore would close the journal over words that are not saved yet
            app.window.close_dialogs()
            app.window.save_state()
            app.window.hide()
        old = app.dialog
        problem = str(self._current_problem() or getattr(old, "damage", None) or "")
        dialog = RestoreDialog(
            app.vault,
            app.runner,
            self.backup_folders(),
            problem=problem,
            before_restore=self._close_for_restore,
        )
        app.dialog = dialog
        dialog.accepted.connect(lambda: self._restored(dialog))
        dialog.rejected.connect(self._restore_cancelled)
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        if old is not None:
            old.hide()  # hide, not reject: rejecting it would quit
            old.deleteLater()

    def _current_problem(self) -> ReconcileError | None:
        from reconcile_desktop.core.errors import ReconcileError

        try:
            self.app.vault.state()
        except ReconcileError as exc:
            return exc
        return None

    def _restored(self, dialog) -> None:
        result = dialog.result_info
        if self.lock_when_restored:
            self.lock_when_restored = False
            self.app.dialog = None
            dialog.deleteLater()
            self.app.vault.lock()
            self.app.show_unlock(locked=True)
            return
        self.app.show_journal()
        if self.app.window is not None and result is not None:
            sentence = _tr("The backup is back in place.")
            if result.previous_saved_in is not None:
                sentence += " " + _tr("Your journal as it was is kept in {path}.").format(
                    path=result.previous_saved_in
                )
            self.app.window.statusBar().showMessage(sentence, 15000)

    def _close_for_restore(self) -> None:
        """The user confirmed: the journal's views go, and every write ends, before the swap."""
        app = self.app
        if not app.vault.is_unlocked:
            return
        self._closed_for_restore = True
        app.idle.stop()
        self.locking()
        if app.window is not None:
            app.window.clear_sensitive()
        app.runner.wait()

    def yield_restore(self) -> bool:
        """Before a lock: a restore dialog over the open journal that has not started is
        closed (back to the journal, which then locks); True when the lock may go on."""
        from reconcile_desktop.ui.shell.dialogs.restore_and_key import RestoreDialog

        dialog = self.app.dialog
        if isinstance(dialog, RestoreDialog) and not dialog.busy and self.app.vault.is_unlocked:
            dialog.reject()
            return self.app.dialog is None
        return False

    def _restore_cancelled(self) -> None:
        dialog, self.app.dialog = self.app.dialog, None
        if dialog is not None:
            dialog.deleteLater()
        window, closed = self.app.window, self._closed_for_restore
        self._closed_for_restore = False
        if self.app.vault.is_unlocked and window is not None:
            if closed:  # a restore that failed before the swap: the views come back
                window.refresh_pages()
                self.app.idle.start()
                self.unlocked()
                window.sync.start()
            window.show_restored()  # the journal as it was, still open
            return
        problem = self._current_problem()
        if problem is not None:
            self.show_damaged(problem)
        else:
            self.app.show_unlock(locked=self.app.window is not None)
